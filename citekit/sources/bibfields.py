"""Recover stage: one resolved BibTeX/BibLaTeX entry (LaTeX field text) to a CSL item.

Types and fields follow the tables in :mod:`citekit.sources.bibmap`; names are split with
bibtexparser's BibTeX name rules; ``date`` fields follow BibLaTeX's ISO 8601/EDTF subset.
What has no CSL variable goes, as written, into ``custom["bibtex-fields"]``; the original
entry type goes to ``custom["bibtex-type"]`` when the CSL type would not give it back.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from bibtexparser.middlewares.names import (
    parse_single_name_into_parts,
    split_multiple_persons_names,
)

from ..model import Date, Item, Name
from ..model.dates import dated
from . import bibmap
from .latex import decode, strip_braces

_ISO = re.compile(r"(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T[0-9:.]+Z?)?([?~%]?)")
_OPEN_RANGE = re.compile(r"/\s*(?:\.\.)?\s*$|^\s*(?:\.\.)?\s*/")
_YEAR = re.compile(r"-?\d{1,4}")
_VARIANT = re.compile(r"variant\s*=\s*(\w+)")
_RANGE_DASH = re.compile(r"\s*(--?|–|—)\s*")
_BLANKS = " \r\n\t"  # what bibtexparser's name splitter takes as blanks, nothing else
_AND = re.compile(f"[{_BLANKS}]+[aA][nN][dD][{_BLANKS}]+(?=[^{_BLANKS}])")
_NAME_FIELDS = ("author", "editor", "translator", "bookauthor", "editora", "editorb", "editorc")
_CONSUMED = frozenset({"editortype", "editoratype", "editorbtype", "editorctype", "year", "month",
                       "day", "eprint", "eprinttype", "number", "crossref", "xdata"})


def _words(words: list[str]) -> str | None:
    return strip_braces(" ".join(words)) or None


def _whole_braced(text: str) -> bool:
    if not (text.startswith("{") and text.endswith("}")) or text.startswith("{\\"):
        return False
    depth = 0
    for i, ch in enumerate(text):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth == 0 and i < len(text) - 1:
            return False
    return True


def split_names(raw: str) -> list[str]:
    """bibtexparser's ``split_multiple_persons_names``, by one regular expression when ``raw``
    has no brace or backslash (then every blank-``and``-blank before a word separates)."""
    names = raw.strip(_BLANKS)
    if "{" in names or "}" in names or "\\" in names:
        return split_multiple_persons_names(raw)
    return _AND.split(names) if names else []


def parse_names(raw: str) -> tuple[list[Name], bool]:
    """BibTeX ``and``-separated names; the flag says the list ended with ``and others``."""
    names, others = _parse_names(raw)
    return list(names), others


@lru_cache(maxsize=4096)  # the same people recur across a bibliography; Names are immutable
def _parse_names(raw: str) -> tuple[tuple[Name, ...], bool]:
    names, others = [], False
    for part in split_names(raw):
        part = part.strip()
        if part.lower() == "others":
            others = True
            continue
        name = _parse_name(part)
        if name is not None:
            names.append(name)
    return tuple(names), others


@lru_cache(maxsize=16384)  # one person, in many name lists
def _parse_name(part: str) -> Name | None:
    """One name of a list (``None`` when it has neither family nor given name)."""
    if _whole_braced(part):
        return Name(literal=strip_braces(part[1:-1]))
    np = parse_single_name_into_parts(part, strict=False)
    name = Name(family=_words(np.last), given=_words(np.first),
                non_dropping_particle=_words(np.von), suffix=_words(np.jr))
    return name if name.family or name.given else None


def _iso_part(text: str) -> tuple[tuple[int, ...], int | None, bool] | None:
    match = _ISO.fullmatch(text.strip())
    if not match:
        return None
    year, month, day, qualifier = match.groups()
    season = None
    nums = [int(year)]
    if month and 21 <= int(month) <= 24:
        season = int(month) - 20
    elif month:
        nums.append(int(month))
        if day:
            nums.append(int(day))
    return tuple(nums), season, qualifier in ("~", "%")


def parse_date(text: str) -> Date:
    """A BibLaTeX ``date`` (``2006``, ``1991-03``, ``1984/1986``, ``2004-04-05/2004-04-09``,
    ``1850~``, ``2013-22``); anything else is kept as a literal date."""
    pieces = text.strip().split("/")
    parsed = [_iso_part(p) for p in pieces if p.strip() not in ("", "..")]
    if len(pieces) > 2 or not parsed or None in parsed:
        return Date(literal=strip_braces(text))
    good = [p for p in parsed if p is not None]
    season = good[0][1]
    return Date(parts=tuple(p[0] for p in good), season=str(season) if season else None,
                circa=any(p[2] for p in good))


def _year_month_day(fields: dict[str, str], custom: dict[str, str]) -> Date | None:
    year = strip_braces(fields.get("year", ""))
    if not year:
        return None
    if not _YEAR.fullmatch(year):
        return Date(literal=year)
    parts = [int(year)]
    month = strip_braces(fields.get("month", "")).strip().rstrip(".").lower()
    number = int(month) if month.isdigit() else bibmap.MONTHS.get(month)
    if month and number is None or number is not None and not 1 <= number <= 12:
        custom["month"] = fields["month"]
        return dated((tuple(parts),))
    if number:
        parts.append(number)
        day = strip_braces(fields.get("day", ""))
        if day.isdigit() and 1 <= int(day) <= 31:
            parts.append(int(day))
    return dated((tuple(parts),))


def _language(value: str, fields: dict[str, str]) -> str:
    name = strip_braces(value).strip()
    variant = _VARIANT.search(fields.get("langidopts", ""))
    if variant:
        name = bibmap.LANGUAGE_VARIANTS.get((name, variant.group(1)), name)
    return bibmap.LANGUAGES.get(name, name)


CONVERT: dict[str, Callable[[str, dict[str, str]], Any]] = {
    "title": lambda v, f: decode(v, nocase=True),
    "text": lambda v, f: decode(v),
    "plain": lambda v, f: strip_braces(v),
    "verbatim": lambda v, f: v.strip(),
    "names": lambda v, f: [n.to_json() for n in parse_names(v)[0]],
    "date": lambda v, f: parse_date(v),
    "pages": lambda v, f: _RANGE_DASH.sub("-", strip_braces(v)),
    "lang": _language,
    "genre": lambda v, f: bibmap.GENRES.get(v.strip().lower()) or decode(v),
}


def csl_type(btype: str, fields: dict[str, str]) -> str:
    if btype == "article":
        sub = fields.get("entrysubtype", "").strip().lower()
        return bibmap.ARTICLE_SUBTYPES.get(sub, "article-journal")
    return bibmap.TYPES.get(btype, "document")


def _join_subtitles(fields: dict[str, str]) -> None:
    for sub, main in bibmap.SUBTITLES.items():
        if sub in fields and main in fields:
            sep = " " if fields[main].rstrip()[-1:] in "?!" else ": "
            fields[main] = fields[main].rstrip() + sep + fields.pop(sub)


def _names(fields: dict[str, str], out: dict[str, Any], custom: dict[str, str]) -> None:
    """Name lists; ``editor``/``editora``... go to the CSL role their ``*type`` field names."""
    for field in _NAME_FIELDS:
        if field not in fields:
            continue
        role_field = "editortype" if field == "editor" else field + "type"
        role = fields.get(role_field, "editor").strip().lower() if "editor" in field else field
        var = bibmap.EDITOR_ROLES.get(role) if "editor" in field else bibmap.FIELDS[field][0]
        names, others = parse_names(fields[field])
        if var is None or var in out or not names:
            custom[field] = fields[field]
            if role_field in fields:
                custom[role_field] = fields[role_field]
            continue
        out[var] = names
        if others:
            custom[field + "+others"] = "true"


def _dependent(fields: dict[str, str], ctype: str, out: dict[str, Any],
               custom: dict[str, str]) -> None:
    """Fields whose CSL variable depends on others: year/month/day, number, eprint."""
    if "date" not in fields:
        issued = _year_month_day(fields, custom)
        if issued:
            out["issued"] = issued
    else:  # both written: the date wins, the rest is kept as written
        custom.update({f: fields[f] for f in ("year", "month", "day") if f in fields})
    if "number" in fields:
        var = bibmap.NUMBER_BY_TYPE.get(ctype, "number")
        if var == "collection-number" and "series" not in fields:
            var = "number"
        out[var] = strip_braces(fields["number"])
    if "eprint" in fields:
        kind = fields.get("eprinttype", "").strip().lower()
        value = fields["eprint"].strip()
        if kind in bibmap.EPRINT_IDS:
            out[bibmap.EPRINT_IDS[kind]] = value
        else:
            out["archive"] = bibmap.EPRINT_ARCHIVES.get(kind) or strip_braces(kind) or "eprint"
            out["archive_location"] = value


def convert_entry(entry: dict[str, Any]) -> Item:
    """One raw entry (``type``, ``key``, ``line``, ``fields`` as LaTeX) to an item."""
    fields: dict[str, str] = dict(entry["fields"])
    btype: str = entry["type"]
    ctype = csl_type(btype, fields)
    _join_subtitles(fields)
    out: dict[str, Any] = {}
    custom: dict[str, str] = {}
    _names(fields, out, custom)
    _dependent(fields, ctype, out, custom)
    for name in sorted(fields, key=lambda f: _PRIORITY.get(f, len(_PRIORITY))):
        value = fields[name]
        if name in _CONSUMED or name in _NAME_FIELDS or (name == "entrysubtype"
                                                          and btype == "article"):
            continue
        var, kind = bibmap.FIELDS.get(name, (None, ""))
        if var is None or var in out:
            custom[name] = value
            continue
        out[var] = CONVERT[kind](value, fields)
        if kind == "date" and _OPEN_RANGE.search(value):
            custom[name] = value  # CSL has no open-ended range: keep it as written
        if kind == "lang" and _LANG_OUT.get(out[var]) != strip_braces(value):
            custom[name] = value  # babel name the code does not give back (ngerman)
    if btype in bibmap.GENRES and "genre" not in out:
        out["genre"] = bibmap.GENRES[btype]
    item = Item(entry["key"], ctype, out)
    item["citation-key"] = entry["key"]
    extra: dict[str, Any] = {"bibtex-fields": custom} if custom else {}
    if bibmap.BIBLATEX_TYPES_OUT.get(ctype, ("misc",))[0] != btype:
        extra["bibtex-type"] = btype
    item["custom"] = extra
    return item


_PRIORITY = {field: i for i, field in enumerate(bibmap.FIELDS)}  # first listed wins a variable
_LANG_OUT: dict[str, str] = {}
for _name, _code in bibmap.LANGUAGES.items():
    _LANG_OUT.setdefault(_code, _name)
