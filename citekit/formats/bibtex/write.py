"""Share stage: items to BibTeX or BibLaTeX text.

The reverse of :mod:`citekit.formats.bibtex.fields`: CSL variables go to the fields the tables
in :mod:`citekit.formats.bibtex.tables` read them from, ``custom["bibtex-fields"]`` is written
back as it was read, and every variable with no place in the format is listed in the warnings.
Keys are the item's ``citation-key`` when usable, else readable ``smith2013north`` keys, all unique.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ...model import Date, Item, Name
from ...model.keys import KeyMaker
from . import tables
from .biblatexkeys import ENGLISH as _KEY_TEXTS
from .fields import spaced_initials
from .latexencode import balanced, encode, escape

_TITLE_VARS = {"title-short": "shorttitle", "collection-title": "series",
               "event-title": "eventtitle", "original-title": "origtitle",
               "container-title-short": "shortjournal"}
_TEXT_VARS = {"note": "note", "abstract": "abstract", "event-place": "venue",
              "license": "copyright", "original-publisher": "origpublisher",
              "original-publisher-place": "origlocation"}
_PLAIN_VARS = {"volume": "volume", "number-of-volumes": "volumes", "number-of-pages": "pagetotal",
               "chapter-number": "chapter", "edition": "edition", "version": "version",
               "part": "part", "ISBN": "isbn", "ISSN": "issn", "keyword": "keywords",
               "PMCID": "pmcid", "citation-label": "shorthand", "call-number": "library"}
_VERBATIM_VARS = {"DOI": "doi", "URL": "url"}
_DATE_VARS = {"accessed": "urldate", "event-date": "eventdate", "original-date": "origdate"}
_FIXED_NAMES = {"author": "author", "editor": "editor", "translator": "translator",
                "container-author": "bookauthor"}
_ROLE_OUT = {var: role for role, var in tables.EDITOR_ROLES.items() if var not in _FIXED_NAMES}
_GENRE_OUT: dict[str, str] = {}
for _key, _text in tables.GENRES.items():
    _GENRE_OUT.setdefault(_text, _key)
_STATUS_OUT = {text: key for key, text in _KEY_TEXTS.items()
               if key in ("inpreparation", "submitted", "forthcoming", "inpress", "prepublished")}
_COUNTRY_OUT = {text: key for key, text in _KEY_TEXTS.items() if key.startswith("country")}
_ARXIV_NUMBER = re.compile(r"^arXiv:\s*(\S+)$", re.I)
_LANG_OUT: dict[str, str] = {}
for _language, _code in tables.LANGUAGES.items():
    _LANG_OUT.setdefault(_code, _language)
_ARCHIVE_OUT = {name.lower(): key for key, name in tables.EPRINT_ARCHIVES.items()}
_SUBTYPE_OUT = {ctype: sub for sub, ctype in tables.ARTICLE_SUBTYPES.items()}
_ARTICLES = ("article-journal", "article-magazine", "article-newspaper", "periodical")
_FIELD_NAME = re.compile(r"[a-z][a-z0-9_.:-]*")
_IGNORED = {"citation-key", "custom", "id", "type"}
_ORDER = ("author", "editor", "editora", "editoratype", "translator", "bookauthor", "title",
          "shorttitle", "journaltitle", "journal", "booktitle", "series", "volume", "number",
          "pages", "date", "year", "month", "day", "edition", "publisher", "institution",
          "school", "organization", "howpublished", "location", "address")


class _Entry:
    """Fields of one entry being written, with the warnings about what could not go in."""

    def __init__(self, item: Item, biblatex: bool, ascii_only: bool, protect: bool) -> None:
        self.item, self.biblatex, self.ascii, self.protect = item, biblatex, ascii_only, protect
        self.fields: dict[str, str] = {}
        self.lost: list[str] = []

    def put(self, field: str, value: str, var: str) -> None:
        if not value:
            return
        if field in self.fields:
            self.lost.append(var)
        else:
            self.fields[field] = value

    def text(self, value: Any, *, title: bool = False) -> str:
        return encode(str(value), ascii_only=self.ascii, title=title and self.protect)


def _name_escape(text: str | None, ascii_only: bool) -> str:
    """Escaped name text; words starting with a command are braced, as bibtexparser's name
    splitter loses a word such as ``\\&`` next to ``and``."""
    return re.sub(r"(?<!\S)(\\\S*)", r"{\1}", escape(text or "", ascii_only))


def _name(name: Name, entry: _Entry) -> str:
    def part(text: str | None) -> str:
        value = _name_escape(text, entry.ascii)
        return "{" + value + "}" if "," in value or " and " in value else value

    if name.literal is not None or not name.given and not name.family:
        return "{" + escape(name.literal or "", entry.ascii) + "}"
    if name.non_dropping_particle and entry.biblatex and not name.dropping_particle:
        return _extended_name(name, entry)  # biblatex says "useprefix" per name this way
    if name.non_dropping_particle:
        entry.lost.append("non-dropping particle (read back as a dropping one)")
    family = _name_escape(name.family, entry.ascii)
    alone = not (name.given or name.suffix or name.dropping_particle
                 or name.non_dropping_particle)
    if alone and re.fullmatch(r"[^\s,{}\\]+", family):
        return family  # one word, a family name by itself ("{x}" would read as a literal)
    if family != part(name.family) or (name.family or "")[:1].islower() or " " in family:
        family = "{" + family + "}"  # one family name: "da Silva", "Lloyd Webber"
    von = " ".join(part(p) for p in (name.dropping_particle, name.non_dropping_particle) if p)
    last = f"{von} {family}".strip() if von else family
    given = part(name.given)
    if given and not given.startswith("{"):  # initials run together stay so when read back
        given = " ".join(w if spaced_initials(w) == w else "{" + w + "}" for w in given.split(" "))
    pieces = [last] + ([part(name.suffix)] if name.suffix else []) + [given]
    return ", ".join(p for p in pieces if p) if name.given or name.suffix else last


def _extended_name(name: Name, entry: _Entry) -> str:
    """biblatex's extended name format: ``family={Rossum}, given={Guido}, prefix={van},
    useprefix=true``."""
    pieces = [(key, value) for key, value in (
        ("family", name.family), ("given", name.given), ("prefix", name.non_dropping_particle),
        ("suffix", name.suffix)) if value]
    return ", ".join(f"{key}={{{_name_escape(value, entry.ascii)}}}" for key, value in pieces) \
        + ", useprefix=true"


def _names(entry: _Entry) -> None:
    item, extra_slots = entry.item, ["editora", "editorb", "editorc"]
    custom = _custom_fields(item)
    for var in item:
        if var in _IGNORED or not item.names(var):
            continue
        field = _FIXED_NAMES.get(var)
        if field is None and var in _ROLE_OUT and extra_slots:
            field = extra_slots.pop(0)
            entry.fields[field + "type"] = _ROLE_OUT[var]
        if field is None:
            entry.lost.append(var)
            continue
        text = " and ".join(_name(n, entry) for n in item.names(var))
        if custom.get(field + "+others"):
            text += " and others"
        entry.put(field, text, var)


def _year_text(year: int) -> str:
    """biblatex's astronomical year, padded: CSL's -45 (45 BC) is ``-0044``."""
    return f"{year:04d}" if year > 0 else f"-{-(year + 1):04d}"


def _date_text(date: Date, biblatex: bool) -> str | None:
    if not date.parts:
        return None
    iso = ["" if p == (0,) else "-".join(_year_text(n) if i == 0 else f"{n:02d}"
                                         for i, n in enumerate(p))
           for p in date.parts]
    if len(iso) == 2 and iso[0] == iso[1]:
        iso = iso[:1]
    if date.season and len(date.parts[0]) == 1 and str(date.season).isdigit():
        iso[0] += f"-{20 + int(date.season)}"
    return "/".join(iso) + ("~" if date.circa else "")


def _dates(entry: _Entry) -> None:
    item = entry.item
    issued = item.date("issued")
    if issued is not None:
        text = _date_text(issued, True)
        if text is None:
            entry.put("year", escape(issued.literal or issued.raw or "", entry.ascii), "issued")
        elif entry.biblatex:
            entry.put("date", text, "issued")
        else:
            _year_month(entry, issued)
    for var, field in _DATE_VARS.items():
        date = item.date(var)
        if date is not None:
            text = _date_text(date, True)
            entry.put(field, text or "", var) if text else entry.lost.append(var)


def _year_month(entry: _Entry, date: Date) -> None:
    first = date.parts[0]
    entry.put("year", str(first[0]) if first[0] > 0 else _year_text(first[0]), "issued")
    if len(first) > 1:
        entry.fields["month"] = "\x00" + tables.MONTH_MACROS[first[1] - 1]  # a bare macro
    if len(first) > 2:
        entry.put("day", str(first[2]), "issued")
    if date.is_range or date.circa or date.season:
        entry.lost.append("issued (range, season or circa)")


def _custom_fields(item: Item) -> dict[str, str]:
    custom = item.get("custom")
    fields = custom.get("bibtex-fields") if isinstance(custom, dict) else None
    return {str(k): str(v) for k, v in fields.items()} if isinstance(fields, dict) else {}


def entry_type(item: Item, biblatex: bool) -> str:
    custom = item.get("custom")
    original = custom.get("bibtex-type") if isinstance(custom, dict) else None
    preprint = item.type == "article" and original in ("misc", "online", "unpublished")
    if (isinstance(original, str) and (tables.TYPES.get(original) == item.type or preprint)
            and (biblatex or original in tables.BIBTEX_CLASSIC_TYPES)):
        return original
    if biblatex:
        return tables.BIBLATEX_TYPES_OUT.get(item.type, ("misc",))[0]
    if item.type == "thesis" and "master" in str(item.get("genre", "")).lower():
        return "mastersthesis"
    return tables.BIBTEX_TYPES_OUT.get(item.type, "misc")


def _type_read_back(btype: str, csl_type: str, item: Item) -> str | None:
    """The CSL type the reader will give an entry of type ``btype`` written for ``csl_type``."""
    if btype == "article" and csl_type in _SUBTYPE_OUT:
        return csl_type
    if csl_type == "article" and _ARXIV_NUMBER.match(str(item.get("number", ""))):
        return csl_type  # a preprint: its arXiv eprint makes it one again
    return tables.TYPES.get(btype)


def _publisher_field(btype: str, biblatex: bool) -> str:
    if btype in ("report", "techreport") or btype == "thesis" and biblatex:
        return "institution"
    if btype in ("phdthesis", "mastersthesis", "thesis"):
        return "school"
    if btype in ("manual", "online"):
        return "organization"  # biblatex's data model has no publisher for these
    return "howpublished" if not biblatex and btype == "misc" else "publisher"


def literal_list(text: str, entry: _Entry) -> str:
    """CSL text joined with "; " as a biblatex literal list (``A and B``); an ``and`` that is
    part of one value is braced so it is not read as a separator."""
    parts = [p.strip() for p in str(text).split("; ")] if entry.biblatex else [str(text)]
    return " and ".join(re.sub(r"(?i)(?<!\S)and(?!\S)", "{and}", entry.text(p))
                        for p in parts if p)


_BOOKLIKE = ("book", "mvbook", "collection", "mvcollection", "proceedings", "mvproceedings",
             "reference", "mvreference", "bookinbook")
_CHAPTERLIKE = ("inbook", "incollection", "inproceedings", "inreference", "suppbook",
                "suppcollection")


def _titles(entry: _Entry, btype: str) -> None:
    """title / maintitle / booktitle / journaltitle from title, volume-title, container-title,
    the reverse of the reader's rules."""
    item, bl = entry.item, entry.biblatex
    title = lambda v: entry.text(v, title=True)  # noqa: E731
    volume = item.get("volume-title")
    container = item.get("container-title")
    if btype == "periodical":
        entry.put("issuetitle", title(item["title"]), "title") if "title" in item else None
        entry.put("title", title(container), "container-title") if container else None
        return
    if volume and btype in _BOOKLIKE:
        entry.put("maintitle", title(item["title"]), "title") if "title" in item else None
        entry.put("title", title(volume), "volume-title")
    elif volume and btype in _CHAPTERLIKE:
        entry.put("title", title(item["title"]), "title") if "title" in item else None
        entry.put("maintitle", title(container), "container-title") if container else None
        entry.put("booktitle", title(volume), "volume-title")
        container = None
    elif "title" in item:
        entry.put("title", title(item["title"]), "title")
        if volume:
            entry.lost.append("volume-title")
    if container:
        field = ("journaltitle" if bl else "journal") if item.type in _ARTICLES else "booktitle"
        entry.put(field, title(container), "container-title")


def _simple(entry: _Entry, btype: str) -> None:
    item, bl = entry.item, entry.biblatex
    _titles(entry, btype)
    table: dict[str, tuple[str, Callable[[Any], str]]] = {
        "publisher": (_publisher_field(btype, bl), lambda v: literal_list(v, entry)),
        "publisher-place": ("location" if bl else "address", lambda v: literal_list(v, entry)),
        "jurisdiction": ("location", lambda v: " and ".join(
            _COUNTRY_OUT.get(p.strip(), entry.text(p.strip())) for p in str(v).split("; "))),
        "page": ("pages", lambda v: re.sub(r"(?<=\w)\s*[-–]\s*(?=\w)", "--", escape(str(v)))),
        "annote": ("annotation" if bl else "annote", entry.text),
        "genre": ("type", lambda v: _GENRE_OUT.get(str(v)) or entry.text(v)),
        "status": ("pubstate", lambda v: _STATUS_OUT.get(str(v)) or entry.text(v)),
        "language": ("langid" if bl or "language" in _custom_fields(item) else "language",
                     lambda v: _LANG_OUT.get(str(v), str(v))),
        "issue": ("number" if item.type in _ARTICLES else "issue", entry.text),
        "number": ("eid" if item.type in _ARTICLES else "number", entry.text),
        "collection-number": ("number", entry.text),
    }
    if item.type == "patent" and "jurisdiction" in item:
        table.pop("publisher-place")
    table.update({v: (f, lambda x: entry.text(x, title=True)) for v, f in _TITLE_VARS.items()})
    table.update({v: (f, entry.text) for v, f in {**_TEXT_VARS, **_PLAIN_VARS}.items()})
    table.update({v: (f, str) for v, f in _VERBATIM_VARS.items()})
    custom = _custom_fields(item)
    arxiv = _ARXIV_NUMBER.match(str(item.get("number", "")))
    for var in item:
        if var == "language" and ("langid" in custom or table[var][0] in custom):
            continue  # the babel name as read is written back from custom
        if var == "genre" and btype in ("phdthesis", "mastersthesis") \
                and tables.GENRES.get(btype) == item[var]:
            continue  # @phdthesis says it already
        if var == "collection-number" and not _number_reads_as_series(item, btype):
            entry.lost.append(var)  # `number` would be read back as the issue or the number
            continue
        volume_part = re.fullmatch(r"(\d+)\.(\d+)", str(item[var])) if var == "volume" else None
        if volume_part and bl:  # the reader's volume.part (biblatex's volume is an integer)
            entry.put("volume", volume_part.group(1), var)
            entry.put("part", volume_part.group(2), var)
            continue
        if var == "number" and arxiv:
            entry.put("eprint", arxiv.group(1), "number")
            entry.put("eprinttype", "arxiv", "number")
            continue
        if var in table and not item.names(var) and item.date(var) is None:
            field, convert = table[var]
            entry.put(field, convert(item[var]), var)
    _eprint(entry)


def _number_reads_as_series(item: Item, btype: str) -> bool:
    """Whether ``number`` is read back as this item's ``collection-number`` (the entry
    type's number is a series number, and no other number takes the field)."""
    return btype.lower() in tables.COLLECTION_NUMBER_TYPES and "number" not in item


def _eprint(entry: _Entry) -> None:
    item = entry.item
    archive, location = item.get("archive"), item.get("archive_location")
    if location and (not archive or str(archive).lower() in _ARCHIVE_OUT
                     or archive == "eprint"):
        entry.fields.pop("library", None)
        entry.put("eprint", str(location), "archive_location")
        if archive and archive != "eprint":
            entry.put("eprinttype", _ARCHIVE_OUT[str(archive).lower()], "archive")
    elif location:
        entry.lost.append("archive_location")
    if "PMID" in item:
        if "eprint" in entry.fields:
            entry.put("pmid", str(item["PMID"]), "PMID")
        else:
            entry.put("eprint", str(item["PMID"]), "PMID")
            entry.put("eprinttype", "pubmed", "PMID")


def _handled(item: Item) -> set[str]:
    names = {v for v in item if item.names(v) and (v in _FIXED_NAMES or v in _ROLE_OUT)}
    return (names | set(_TITLE_VARS) | set(_TEXT_VARS) | set(_PLAIN_VARS) | set(_VERBATIM_VARS)
            | set(_DATE_VARS) | _IGNORED | {"issued", "container-title", "publisher", "page",
                                             "publisher-place", "annote", "genre", "language",
                                             "issue", "number", "collection-number",
                                             "archive_location", "PMID", "title", "status",
                                             "volume-title", "jurisdiction"})


def _format(btype: str, key: str, fields: dict[str, str]) -> str:
    order = {f: i for i, f in enumerate(_ORDER)}
    lines = [f"@{btype}{{{key},"]
    for field in sorted(fields, key=lambda f: order.get(f, len(order))):
        value = fields[field]
        if value.startswith("\x00"):
            lines.append(f"  {field} = {value[1:]},")
        else:
            lines.append(f"  {field} = {{{value if balanced(value) else escape(value)}}},")
    lines.append("}")
    return "\n".join(lines)


_DATE_PARTS = ("date", "year", "month", "day")


def _kept_fields(entry: _Entry) -> list[str]:
    """Write back ``custom["bibtex-fields"]`` as read (valid field names only); a kept field
    never replaces one written from a CSL variable. An older ``year``/``month``/``day`` kept
    beside the date is not written: the date is (the note says so)."""
    notes = []
    dated = any(f in entry.fields for f in _DATE_PARTS)
    for field, value in _custom_fields(entry.item).items():
        if field in _DATE_PARTS and dated:
            written = entry.fields.get("date") or entry.fields.get(field, "").lstrip("\x00")
            if value.strip("{} ").lower() not in written.lower():
                notes.append(f"{field} = {{{value}}} differs from the date: written from the "
                             "date")
            continue
        if field in entry.fields:
            continue
        if _FIELD_NAME.fullmatch(field):
            entry.fields[field] = value
        elif not field.endswith("+others"):
            entry.lost.append(f"custom field {field!r}")
    return notes


def _type_losses(entry: _Entry, btype: str) -> None:
    """Note other formats' custom data and a type the entry type cannot give back."""
    item, custom = entry.item, entry.item.get("custom")
    custom = custom if isinstance(custom, dict) else {}
    entry.lost += [f"custom {k}" for k in custom if k not in ("bibtex-fields", "bibtex-type")]
    original = custom.get("bibtex-type")
    if original and original != btype:
        entry.lost.append(f"entry type @{original}")
    elif _type_read_back(btype, item.type, item) != item.type:
        entry.lost.append(f"item type {item.type}")
    if item.type in _SUBTYPE_OUT:
        entry.fields.setdefault("entrysubtype", _SUBTYPE_OUT[item.type])
    if btype in ("phdthesis", "mastersthesis") and "genre" not in item:
        entry.lost.append(f"a thesis of no stated kind (read back as @{btype}'s)")


def chunks(items: Iterable[Item], warnings: list[str], *, biblatex: bool = False,
           unicode: bool | None = None, protect_capitals: bool = True, **_: Any
           ) -> Iterator[str]:
    """BibTeX (``biblatex=False``) or BibLaTeX text, one entry at a time; ``unicode=False``
    escapes to LaTeX (default: escaped for BibTeX, Unicode for BibLaTeX)."""
    ascii_only = not biblatex if unicode is None else not unicode
    keys = KeyMaker()
    gap = ""
    for item in items:
        entry = _Entry(item, biblatex, ascii_only, protect_capitals)
        btype = entry_type(item, biblatex)
        _names(entry)
        _dates(entry)
        _simple(entry, btype)
        notes = _kept_fields(entry)
        _type_losses(entry, btype)
        key = keys.key_for(item)
        warnings.extend(f"[{key}] {note}" for note in notes)
        lost = entry.lost + [v for v in item if v not in _handled(item)]
        if lost:
            warnings.append(f"[{key}] no place in {'BibLaTeX' if biblatex else 'BibTeX'} for: "
                            + ", ".join(sorted(set(lost))))
        yield gap + _format(btype, key, entry.fields)
        gap = "\n\n"
    if gap:
        yield "\n"
