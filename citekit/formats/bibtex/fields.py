"""Recover stage: one resolved BibTeX/BibLaTeX entry (LaTeX field text) to a CSL item.

Types and fields follow the tables in :mod:`citekit.formats.bibtex.tables` and the conversion
pandoc's manual describes (section "Citations", BibTeX/BibLaTeX): English titles go to sentence case
(:mod:`citekit.formats.bibtex.sentencecase`) unless the caller keeps titles as written;
``maintitle`` is the title of a volume whose own title is ``volume-title``; ``title-short``
comes from ``shorttitle``, else the title before a colon; list fields (``location``,
``publisher``, ``institution`` ...) are joined with "; "; biblatex localization keys
(``pubstate = {inpress}``) become text (:mod:`citekit.formats.bibtex.biblatexkeys`).
Names are split with bibtexparser's BibTeX name rules, or by biblatex's extended name format
(``family=..., given=..., prefix=..., useprefix=...``); ``date`` fields follow biblatex's
ISO 8601/EDTF subset (``-0044`` is 45 BC, ``1850~``, ``1999/``, ``19uu``).
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

from ...model import Date, Item, Name
from ...model.dates import dated
from . import tables
from .biblatexkeys import resolve_key, resolve_keys
from .latexdecode import decode, strip_braces
from .sentencecase import to_sentence_case

_ISO = re.compile(r"(y?-?[\du]{1,9})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T[0-9:.]+Z?)?([?~%]*)")
_OPEN = frozenset({"", "..", "open", "unknown"})
_YEAR = re.compile(r"-?\d{1,4}")
_VARIANT = re.compile(r"variant\s*=\s*(\w+)")
_RANGE_DASH = re.compile(r"\s*(--?|–|—)\s*")
_BLANKS = " \r\n\t"  # what bibtexparser's name splitter takes as blanks, nothing else
_AND = re.compile(f"[{_BLANKS}]+[aA][nN][dD][{_BLANKS}]+(?=[^{_BLANKS}])")
_NAME_FIELDS = ("author", "editor", "translator", "bookauthor", "editora", "editorb", "editorc")
_CONSUMED = frozenset({"editortype", "editoratype", "editorbtype", "editorctype", "year", "month",
                       "day", "eprint", "eprinttype", "eprintclass", "number", "crossref",
                       "xdata", "issue", "part", "volume", "addendum", "hyphenation", "langid",
                       "location", "address", "publisher", "institution",
                       "school", "organization", "howpublished", "pubstate", "type", "options",
                       "url", "doi", "note", "date", "urldate", "eventdate", "origdate",
                       "urlyear", "urlmonth", "urlday", "eventyear", "eventmonth", "eventday",
                       "origyear", "origmonth", "origday"})
_EXTENDED_PART = re.compile(r"^\s*(family|given|prefix|suffix|useprefix)\s*=\s*(.*)$", re.S | re.I)
_INITIALS = re.compile(r"(?<![^\s.])([A-Z])\.(?=[A-Z]\b)")
_URL_VALUE = re.compile(r"^(?:https?|ftp)://\S+$", re.I)
_ARXIV_ID = re.compile(r"^(?:arxiv:)?\s*(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(v\d+)?$",
                       re.I)


def spaced_initials(word: str) -> str:
    """A given name's word with run-together initials spaced, as pandoc reads them
    (``J.R.R.`` is ``J. R. R.``); a braced word (``{A.A}``) is kept as written."""
    return word if word.startswith("{") else _INITIALS.sub(r"\1. ", word)


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
    """One name of a list (``None`` when it has neither family nor given name).

    A particle (``von``) is a dropping particle, as biblatex prints it by default
    (``useprefix=false``); the extended format's ``useprefix=true`` makes it non-dropping.
    """
    if _whole_braced(part):
        return Name(literal=strip_braces(part[1:-1]))
    if "=" in part:
        extended = _extended_name(part)
        if extended is not None:
            return extended
    np = parse_single_name_into_parts(part, strict=False)
    name = Name(family=_words(np.last), given=_words([spaced_initials(w) for w in np.first]),
                dropping_particle=_words(np.von), suffix=_words(np.jr))
    return name if name.family or name.given else None


def _use_prefix(name: Name) -> Name:
    if not name.dropping_particle:
        return name
    return Name(family=name.family, given=name.given, suffix=name.suffix,
                non_dropping_particle=name.dropping_particle)


def _extended_name(part: str) -> Name | None:
    """biblatex's extended name format: ``family=Goethe, given=Johann Wolfgang, prefix=von,
    useprefix=false``; ``None`` when ``part`` is not written in it."""
    pieces: dict[str, str] = {}
    for chunk in _top_level_commas(part):
        match = _EXTENDED_PART.match(chunk)
        if match is None:
            return None
        key = match.group(1).lower()
        value = strip_braces(match.group(2).strip().strip('"'))
        pieces[key] = f"{pieces[key]} {value}" if key == "given" and key in pieces else value
    if not (pieces.get("family") or pieces.get("given")):
        return None
    prefix = pieces.get("prefix") or None
    useprefix = pieces.get("useprefix", "").lower() == "true"
    return Name(family=pieces.get("family") or None, given=pieces.get("given") or None,
                suffix=pieces.get("suffix") or None,
                dropping_particle=None if useprefix else prefix,
                non_dropping_particle=prefix if useprefix else None)


def _top_level_commas(text: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p for p in parts if p.strip()]



def _year(text: str) -> int | None:
    """A biblatex year: astronomical (``0000`` is 1 BC, ``-0044`` is 45 BC) to CSL's count
    (no year 0: -45 is 45 BC)."""
    text = text.lstrip("y")
    if not text.lstrip("-").isdigit():
        return None
    year = int(text)
    return year - 1 if year <= 0 else year


def _iso_part(text: str) -> tuple[list[tuple[int, ...]], int | None, bool] | None:
    match = _ISO.fullmatch(text.strip())
    if not match:
        return None
    year_text, month, day, qualifier = match.groups()
    if "u" in year_text:  # EDTF unspecified digits: 19uu is 1900-1999
        low, high = _year(year_text.replace("u", "0")), _year(year_text.replace("u", "9"))
        if low is None or high is None or month:
            return None
        return [(low,), (high,)], None, "~" in qualifier or "%" in qualifier or "?" in qualifier
    year = _year(year_text)
    if year is None or year == -1 and year_text.lstrip("y").strip("-0") == "" and \
            not year_text.startswith("-"):
        return None  # year 0000 (1 BC) is not a date people cite; pandoc drops it too
    season = None
    nums = [year]
    if month and 21 <= int(month) <= 24:
        season = int(month) - 20
    elif month:
        if not 1 <= int(month) <= 12:
            return None
        nums.append(int(month))
        if day:
            nums.append(int(day))
    return [tuple(nums)], season, any(q in qualifier for q in "?~%")


def parse_date(text: str) -> Date | None:
    """A biblatex ``date`` (``2006``, ``1991-03``, ``1984/1986``, ``2004-04-05/2004-04-09``,
    ``1850~``, ``1723?``, ``2013-22``, ``-0044``, ``19uu``, open ends ``1999/``,
    ``1999/..``, ``1998/unknown``); an open end is CSL's ``[0]`` end part; anything else is
    kept as a literal date; ``None`` for year ``0000``."""
    pieces = [p.strip() for p in text.strip().split("/")]
    if len(pieces) > 2:
        return Date(literal=strip_braces(text))
    parsed = [None if p in _OPEN else _iso_part(p) for p in pieces]
    if all(p is None for p in parsed) and all(p in _OPEN for p in pieces):
        return Date(literal=strip_braces(text))
    if any(p is None and raw not in _OPEN for p, raw in zip(parsed, pieces)):
        if len(pieces) == 1 and _ISO.fullmatch(pieces[0]) and _year(pieces[0]) == -1:
            return None
        return Date(literal=strip_braces(text))
    good = [p for p in parsed if p is not None]
    parts: list[tuple[int, ...]] = [part for p in good for part in p[0]]
    if len(pieces) == 2 and parsed[1] is None:
        parts.append((0,))  # open end
    if len(pieces) == 2 and parsed[0] is None:
        return Date(literal=strip_braces(text))  # an open start: CSL cannot say it
    season = good[0][1]
    return Date(parts=tuple(parts), season=str(season) if season else None,
                circa=any(p[2] for p in good))


def _year_month_day(fields: dict[str, str], custom: dict[str, str]) -> Date | None:
    year = strip_braces(fields.get("year", "")).strip()
    if not year:
        return None
    if year[:1] in "–—" and year[1:].isdigit():
        year = "-" + year[1:]  # a BC year written with -- in BibTeX
    if not _YEAR.fullmatch(year):
        return Date(literal=year)
    parts = [int(year)]
    month = strip_braces(fields.get("month", "")).strip().rstrip(".").lower()
    number = int(month) if month.isdigit() else tables.MONTHS.get(month)
    if month and number is None or number is not None and not 1 <= number <= 12:
        custom["month"] = fields["month"]
        return dated((tuple(parts),))
    if number:
        parts.append(number)
        day = strip_braces(fields.get("day", ""))
        if day.isdigit() and 1 <= int(day) <= 31:
            parts.append(int(day))
    return dated((tuple(parts),))


def language_of(fields: dict[str, str]) -> str | None:
    """The BCP 47 code of ``langid`` (with ``langidopts``' variant), else ``hyphenation``."""
    for field in ("langid", "hyphenation"):
        if field not in fields:
            continue
        name = strip_braces(fields[field]).strip().lower()
        variant = _VARIANT.search(fields.get("langidopts", "")) if field == "langid" else None
        if variant:
            name = tables.LANGUAGE_VARIANTS.get((name, variant.group(1).lower()), name)
        return tables.LANGUAGES.get(name, name) if name else None
    return None


def csl_type(btype: str, fields: dict[str, str]) -> str:
    if btype in ("article", "periodical", "suppperiodical"):
        sub = fields.get("entrysubtype", "").strip().lower()
        if sub in tables.ARTICLE_SUBTYPES:
            return tables.ARTICLE_SUBTYPES[sub]
    if btype == "unpublished" and any(f in fields for f in ("eventdate", "eventtitle",
                                                             "venue")):
        return "speech"
    if _arxiv(fields) is not None and btype in ("misc", "online", "unpublished") \
            and not any(f in fields for f in ("journal", "journaltitle")):
        return "article"  # a preprint (CSL 1.0.2's type for one); an @article stays one,
        # as pandoc and Zotero read it
    return tables.TYPES.get(btype, "document")


def _arxiv(fields: dict[str, str]) -> str | None:
    """The arXiv identifier of an entry (``eprint`` with ``eprinttype``/``archiveprefix`` arXiv,
    or an ``eprint`` that is an arXiv identifier and no other archive)."""
    if "eprint" not in fields:
        return None
    kind = strip_braces(fields.get("eprinttype", fields.get("archiveprefix", ""))).lower()
    eprint = strip_braces(fields["eprint"]).strip()
    if not eprint or kind not in ("arxiv", ""):
        return None
    match = _ARXIV_ID.match(eprint)
    if kind == "" and match is None:
        return None
    return eprint[6:].strip() if eprint.lower().startswith("arxiv:") else eprint


class _Titles:
    """How one entry's titles are read: decoded with nocase spans, English ones to sentence
    case (unless kept as written)."""

    def __init__(self, fields: dict[str, str], sentence: bool) -> None:
        self.fields, self.sentence = fields, sentence
        self._done: dict[tuple[str, bool], str] = {}

    def get(self, name: str, *, periodical: bool = False) -> str:
        key = (name, periodical)
        if key not in self._done:
            value = self.fields.get(name)
            text = decode(value, nocase=True) if value else ""
            self._done[key] = (to_sentence_case(text) if text and self.sentence
                               and not periodical else text)
        return self._done[key]

    def joined(self, main: str, sub: str, addon: str, *, periodical: bool = False) -> str:
        if sub not in self.fields and addon not in self.fields:  # (most titles)
            return self.get(main, periodical=periodical)
        return _concat(".", [_concat(":", [self.get(main, periodical=periodical),
                                           self.get(sub, periodical=periodical)]),
                             self.get(addon, periodical=periodical)])


_TAGS = re.compile(r"<[^<>]*>")


def _concat(sep: str, parts: list[str]) -> str:
    """``a: b`` / ``a. b`` (just a blank when ``a`` already ends with punctuation)."""
    out = ""
    for part in parts:
        if not part:
            continue
        if not out:
            out = part
        elif (_TAGS.sub("", out) if out.endswith(">") else out)[-1:] in "!?.,:;":
            out += " " + part
        else:
            out += sep + " " + part
    return out


_TITLE_SOURCES = frozenset("""title subtitle titleaddon maintitle mainsubtitle maintitleaddon
fjournal booktitle booksubtitle booktitleaddon journaltitle journal journalsubtitle issuetitle
issuesubtitle shorttitle shortjournal series""".split())
_CHAPTERLIKE = frozenset({"inbook", "incollection", "inproceedings", "inreference",
                          "bookinbook", "suppbook", "suppcollection"})


def _titles(btype: str, titles: _Titles, out: dict[str, Any]) -> None:
    """title, volume-title, container-title, container-title-short, collection-title and
    title-short, by the entry's kind (periodical, with a main title, chapter-like)."""
    fields = titles.fields
    periodical = btype == "periodical"
    main = "maintitle" in fields
    chapter = btype in _CHAPTERLIKE
    if periodical and "issuetitle" in fields:
        out["title"] = titles.joined("issuetitle", "issuesubtitle", "")
    elif main and not chapter:
        out["title"] = titles.joined("maintitle", "mainsubtitle", "maintitleaddon")
    elif "title" in fields:
        out["title"] = titles.joined("title", "subtitle", "titleaddon")
    if main and not chapter:
        out["volume-title"] = titles.joined("title", "subtitle", "titleaddon")
    elif main and chapter:
        out["volume-title"] = titles.joined("booktitle", "booksubtitle", "booktitleaddon")
    if periodical:
        out["container-title"] = titles.joined("title", "subtitle", "titleaddon",
                                               periodical=True)
    elif chapter and main:
        out["container-title"] = titles.joined("maintitle", "mainsubtitle", "maintitleaddon")
    elif chapter and "booktitle" in fields:
        out["container-title"] = titles.joined("booktitle", "booksubtitle", "booktitleaddon")
    elif "fjournal" in fields and "journaltitle" not in fields:  # MathSciNet: full, abbreviated
        out["container-title"] = titles.get("fjournal", periodical=True)
        if "journal" in fields:
            out["container-title-short"] = titles.get("journal", periodical=True)
    else:
        for name in ("journaltitle", "journal"):
            if name in fields:
                out["container-title"] = titles.joined(name, "journalsubtitle", "",
                                                       periodical=True)
                break
    if periodical and not main and "shorttitle" in fields:
        out["container-title-short"] = titles.get("shorttitle", periodical=True)
    elif "shortjournal" in fields and "container-title-short" not in out:
        out["container-title-short"] = titles.get("shortjournal", periodical=True)
    if "series" in fields:
        out["collection-title"] = _series(fields["series"], titles)
    if "shorttitle" in fields and (not main or chapter) and not periodical:
        out["title-short"] = titles.get("shorttitle")
    elif "title" in fields and not periodical:
        whole = titles.get("title")
        if ":" in whole and ":" in _TAGS.sub("", whole):
            out["title-short"] = _before_colon(whole)
        elif not main and ("subtitle" in fields or "titleaddon" in fields):
            out["title-short"] = whole


def _before_colon(text: str) -> str:
    """Rich text up to its first colon outside tags (open tags closed)."""
    depth_tags: list[str] = []
    for match in re.finditer(r"<(/?)([a-z]+)[^<>]*>|:", text):
        if match.group(0) == ":":
            head = text[:match.start()].rstrip()
            return head + "".join(f"</{t}>" for t in reversed(depth_tags))
        if match.group(1):
            if depth_tags:
                depth_tags.pop()
        else:
            depth_tags.append(match.group(2))
    return text


def _series(value: str, titles: _Titles) -> str:
    plain = strip_braces(value).strip()
    if plain.isdigit():
        return f"{plain}{_ordinal_suffix(int(plain))} {resolve_key('jourser')}"
    resolved = resolve_keys(plain)
    if resolved != plain:
        text = resolved
        return to_sentence_case(text) if titles.sentence else text[:1].upper() + text[1:]
    return titles.get("series")


def _ordinal_suffix(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def literal_list(value: str) -> str:
    """A biblatex literal list (``Durham and London``) as CSL text joined with "; "; an
    ``and`` in braces (``Routledge {and} Kegan Paul``) is text."""
    return "; ".join(decode(part) for part in split_names(value) if part.strip())


def _names(fields: dict[str, str], out: dict[str, Any], custom: dict[str, str],
           useprefix: bool = False) -> None:
    """Name lists; ``editor``/``editora``... go to the CSL role their ``*type`` field names;
    ``useprefix`` (biblatex's option) makes particles non-dropping."""
    for field in _NAME_FIELDS:
        if field not in fields:
            continue
        role_field = "editortype" if field == "editor" else field + "type"
        role = fields.get(role_field, "editor").strip().lower() if "editor" in field else field
        var = tables.EDITOR_ROLES.get(role) if "editor" in field else tables.FIELDS[field][0]
        names, others = parse_names(fields[field])
        if var is None or var in out or not names:
            custom[field] = fields[field]
            if role_field in fields:
                custom[role_field] = fields[role_field]
            continue
        out[var] = [_use_prefix(n) for n in names] if useprefix else names
        if others:
            custom[field + "+others"] = "true"


def _dates(fields: dict[str, str], out: dict[str, Any], custom: dict[str, str],
           warnings: list[str]) -> None:
    if "date" in fields:
        date = parse_date(fields["date"])
        if date is not None:
            out["issued"] = date
        old: dict[str, str] = {f: fields[f] for f in ("year", "month", "day") if f in fields}
        if old:
            custom.update(old)  # kept as written; the writer writes from the date
            issued = _year_month_day(fields, {})
            if date is None or issued is None or date.parts[:1] != issued.parts[:1]:
                warnings.append("both date and " + "/".join(old) + " are given: the date "
                                "is read")
    else:
        issued = _year_month_day(fields, custom)
        if issued:
            out["issued"] = issued
    for prefix, var in (("url", "accessed"), ("event", "event-date"), ("orig", "original-date")):
        date = None
        if prefix + "date" in fields:
            date = parse_date(fields[prefix + "date"])
        elif prefix + "year" in fields:
            date = _year_month_day({k[len(prefix):]: v for k, v in fields.items()
                                    if k.startswith(prefix)}, {})
        if date is not None:
            out[var] = date


def _numbers(fields: dict[str, str], btype: str, ctype: str, out: dict[str, Any]) -> None:
    """volume (with part: ``7.2``), number by entry type, issue."""
    volume, part = (strip_braces(fields[f]) if f in fields else "" for f in ("volume", "part"))
    if volume or part:
        out["volume"] = f"{volume}.{part}" if volume and part else volume or part
    number, issue = (strip_braces(fields[f]) if f in fields else "" for f in ("number", "issue"))
    if btype in tables.COLLECTION_NUMBER_TYPES:
        if number:
            out["collection-number"] = number
        if issue:
            out["issue"] = issue
    elif btype in ("article", "periodical", "suppperiodical", "review"):
        if number or issue:
            out["issue"] = ", ".join(p for p in (number, issue) if p)
    else:
        if number:
            out["number"] = number
        if issue:
            out["issue"] = issue


def _publishing(fields: dict[str, str], btype: str, out: dict[str, Any]) -> None:
    """publisher (school, institution, organization, howpublished, publisher joined by "; "),
    place (``address`` before ``location``, as biber reads them; a conference paper's
    ``location`` beside an ``address`` is the event's place; a patent's is its
    jurisdiction)."""
    publishers: list[str] = []
    for name in ("school", "institution", "organization", "howpublished", "publisher"):
        if name not in fields:
            continue
        if name == "howpublished" and _URL_VALUE.match(strip_braces(fields[name]).strip()):
            continue  # a URL written as howpublished is the item's URL (see _links)
        text = decode(fields[name]) if name == "howpublished" else literal_list(fields[name])
        if text not in publishers:  # organization = publisher, as IETF exports write them
            publishers.append(text)
    if publishers:
        out["publisher"] = _concat(";", publishers)
    if "address" in fields:
        out["publisher-place"] = literal_list(fields["address"])
        if _location_is_venue(fields, btype):
            out["event-place"] = literal_list(fields["location"])
    elif "location" in fields and btype != "patent":
        out["publisher-place"] = literal_list(fields["location"])
    if btype == "patent" and "location" in fields:
        out["jurisdiction"] = "; ".join(resolve_keys(strip_braces(p))
                                        for p in split_names(fields["location"]) if p.strip())


def _location_is_venue(fields: dict[str, str], btype: str) -> bool:
    """A conference paper's ``location`` beside its ``address`` (as the ACM Digital Library
    exports them) is where the conference met, as Zotero reads it; ``venue`` says so first."""
    return (btype in ("inproceedings", "conference") and "address" in fields
            and "location" in fields and "venue" not in fields)


def _links(fields: dict[str, str], ctype: str, out: dict[str, Any],
           custom: dict[str, str]) -> None:
    """url, doi (``options = {url=false}`` drops them as biblatex does) and eprints."""
    options = _options(fields.get("options", ""))
    if "url" in fields and (options.get("url") != "false" or ctype == "webpage"):
        out["URL"] = fields["url"].strip()
    published = strip_braces(fields.get("howpublished", "")).strip()
    if "URL" not in out and _URL_VALUE.match(published):
        out["URL"] = published
    if "doi" in fields and options.get("doi") != "false":
        out["DOI"] = strip_braces(fields["doi"]).strip()
    if "eprint" not in fields:
        return
    kind = strip_braces(fields.get("eprinttype", fields.get("archiveprefix", ""))).lower()
    eprint = strip_braces(fields["eprint"]).strip()
    arxiv = _arxiv(fields)
    if arxiv is not None:
        out.setdefault("number", f"arXiv:{arxiv}")
        out.setdefault("URL", f"https://arxiv.org/abs/{arxiv}")
        if ctype == "article":
            out.setdefault("publisher", "arXiv")
        return
    if kind in tables.EPRINT_IDS:
        out.setdefault(tables.EPRINT_IDS[kind], eprint)
        kept = out[tables.EPRINT_IDS[kind]] == eprint
    elif kind in tables.EPRINT_URLS:
        out.setdefault("URL", tables.EPRINT_URLS[kind] + eprint)
        kept = out["URL"] == tables.EPRINT_URLS[kind] + eprint
    else:
        kept = "archive_location" not in out
        if kept:
            out["archive"] = tables.EPRINT_ARCHIVES.get(kind) or strip_braces(kind) or "eprint"
            out["archive_location"] = eprint
    if not kept:  # the entry's url (or pmid) took the variable: the eprint is kept as written
        custom.update({f: fields[f] for f in ("eprint", "eprinttype") if f in fields})
    if kind == "pubmed":
        out.setdefault("URL", tables.EPRINT_URLS["pubmed"] + eprint)


def _options(text: str) -> dict[str, str]:
    if not text:
        return {}
    pairs = (part.split("=", 1) for part in strip_braces(text).split(",") if part.strip())
    return {p[0].strip().lower(): (p[1].strip().lower() if len(p) > 1 else "true")
            for p in pairs}


def _genre(fields: dict[str, str], btype: str) -> str | None:
    if "type" in fields:
        return resolve_keys(decode(fields["type"]))
    if btype == "mastersthesis":
        return resolve_key("mathesis")
    if btype == "phdthesis":
        return resolve_key("phdthesis")
    return None


CONVERT: dict[str, Callable[[str, dict[str, str]], Any]] = {
    "title": lambda v, f: decode(v, nocase=True),
    "text": lambda v, f: decode(v),
    "plain": lambda v, f: strip_braces(v),
    "verbatim": lambda v, f: v.strip(),
    "names": lambda v, f: [n.to_json() for n in parse_names(v)[0]],
    "date": lambda v, f: parse_date(v),
    "pages": lambda v, f: _RANGE_DASH.sub("-", strip_braces(v)),
    "lang": lambda v, f: tables.LANGUAGES.get(strip_braces(v).strip().lower(),
                                              strip_braces(v).strip()),
    "genre": lambda v, f: decode(v),
}


def convert_entry(entry: dict[str, Any], *, keep_titles: bool = False,
                  warnings: list[str] | None = None) -> Item:
    """One raw entry (``type``, ``key``, ``line``, ``fields`` as LaTeX) to an item;
    ``keep_titles`` keeps English titles as written (no sentence case); notes about the entry
    go to ``warnings``."""
    fields: dict[str, str] = dict(entry["fields"])
    if "archiveprefix" in fields:
        fields.setdefault("eprinttype", fields.pop("archiveprefix"))
    if "primaryclass" in fields:
        fields.setdefault("eprintclass", fields.pop("primaryclass"))
    btype: str = entry["type"]
    ctype = csl_type(btype, fields)
    language = language_of(fields)
    # the language of the titles: langid/hyphenation, else the work's own language field
    # (a German book with only "language = {german}" keeps its capitals)
    spoken = language or (CONVERT["lang"](fields["language"], fields)
                          if "language" in fields else None)
    titles = _Titles(fields, not keep_titles and (spoken is None
                                                  or spoken.lower().startswith("en")))
    out: dict[str, Any] = {}
    custom: dict[str, str] = {}
    notes: list[str] = []
    _names(fields, out, custom, _options(fields.get("options", "")).get("useprefix") == "true")
    _titles(btype, titles, out)
    _dates(fields, out, custom, notes)
    _numbers(fields, btype, ctype, out)
    _publishing(fields, btype, out)
    _links(fields, ctype, out, custom)
    if language:
        out["language"] = language
        spelled = strip_braces(fields.get("langid", fields.get("hyphenation", ""))).strip()
        if _LANG_OUT.get(language) != spelled.lower():
            custom["langid" if "langid" in fields else "hyphenation"] = spelled
    published = strip_braces(fields.get("howpublished", "")).strip()
    if _URL_VALUE.match(published) and out.get("URL") != published:
        custom["howpublished"] = fields["howpublished"]  # a second URL: kept as written
    genre = _genre(fields, btype)
    if genre:
        out["genre"] = genre
    note = _concat(".", [decode(fields[f]) for f in ("note", "addendum") if f in fields])
    if note:
        out["note"] = note
    if "pubstate" in fields:
        out["status"] = resolve_keys(decode(fields["pubstate"]))
    used = {"eprinttype", "eprint", "url", "doi"} if "URL" in out or "DOI" in out else set()
    for name in sorted(fields, key=lambda f: _PRIORITY.get(f, len(_PRIORITY))):
        value = fields[name]
        if name in _NAME_FIELDS or name in _TITLE_SOURCES or (
                name == "entrysubtype" and btype in ("article", "periodical")):
            if name in _TITLE_SOURCES and not _title_used(name, btype, fields):
                custom[name] = value
            continue
        if name in _CONSUMED:
            if name in ("options", "eprintclass") or (
                    name in ("url", "doi") and name not in used and value.strip()
                    and ("URL" if name == "url" else "DOI") not in out) or (
                    name == "location" and "address" in fields
                    and not _location_is_venue(fields, btype)):
                custom[name] = value
            continue
        var, kind = tables.FIELDS.get(name, (None, ""))
        if var is None or var in out:
            custom[name] = value
            continue
        converted = CONVERT[kind](value, fields)
        if converted is None:
            custom[name] = value
            continue
        out[var] = converted
    item = Item(entry["key"], ctype, out)
    item["citation-key"] = entry["key"]
    extra: dict[str, Any] = {"bibtex-fields": custom} if custom else {}
    if tables.BIBLATEX_TYPES_OUT.get(ctype, ("misc",))[0] != btype:
        extra["bibtex-type"] = btype
    item["custom"] = extra
    if warnings is not None:
        warnings.extend(notes)
    return item


def _title_used(name: str, btype: str, fields: dict[str, str]) -> bool:
    """Did :func:`_titles` read this title field for this kind of entry?"""
    chapter = btype in _CHAPTERLIKE
    if name.startswith("book"):
        return chapter
    if name.startswith("issue"):
        return btype == "periodical"
    if name in ("journalsubtitle",):
        return "journaltitle" in fields or "journal" in fields
    if name == "journal":
        return "journaltitle" not in fields and not chapter
    if name == "fjournal":
        return "journaltitle" not in fields and not chapter
    if name == "journaltitle":
        return not chapter or "booktitle" not in fields
    return True


_PRIORITY = {field: i for i, field in enumerate(tables.FIELDS)}  # first listed wins a variable
_LANG_OUT: dict[str, str] = {}
for _name, _code in tables.LANGUAGES.items():
    _LANG_OUT.setdefault(_code, _name)
