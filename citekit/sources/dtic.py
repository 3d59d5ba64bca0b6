"""Recover stage: DTIC citation records (apps.dtic.mil/sti/citations/...), as copied text or
as the saved HTML page.

The record is a run of "Label:" lines, each followed by its value (on the same line or the
next block) or by nothing when the page did not fill it in; the title and the abstract stand
without labels. A value is taken for a label only when it has that label's shape (an
accession number, a date, a page count, ...), so unlabelled text after an empty label is
still read as the title or the abstract. On a saved page its meta tags come first.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import ParseError
from ..model import Item
from ..model.dateparse import parse_date
from ..model.nameparse import parse_names
from .registry import LoadResult
from .textutil import load_page, readable_case

US_STATES = frozenset("""
AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM
NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI
""".split())
#: words that begin a city name of several words ("FORT BELVOIR", "SAN DIEGO")
CITY_PREFIXES = frozenset("SAN SANTA LOS LAS NEW FORT FT WEST EAST NORTH SOUTH PORT SAINT ST EL "
                          "PALO WHITE CHINA SILVER COLLEGE CAPE GRAND ROCK".split())
#: words that end a city or base name ("WRIGHT-PATTERSON AFB", "CARLISLE BARRACKS")
CITY_SUFFIXES = frozenset("AFB BARRACKS BEACH SPRINGS CITY PARK FIELD ARSENAL HEIGHTS FALLS "
                          "GROUNDS ISLAND STATION BASE CREEK HARBOR JUNCTION".split())
DTIC_LABELS = ("Accession Number:", "Descriptive Note:", "Corporate Author:",
               "Personal Author(s):", "Pagination or Media Count:", "Subject Categories:",
               "Distribution Statement:", "Report Date:")

_ACCESSION = re.compile(r"[A-Z]{1,4}\d{4,}[A-Z0-9-]*")
_PAGES = re.compile(r"(\d+)(?:\.0+)?(?:\s*p(?:ages?)?\.?)?", re.IGNORECASE)
_BULLET = re.compile(r"^\s*[•·*\-–]\s*")


def _one_line(limit: int) -> Callable[[str], bool]:
    return lambda value: "\n" not in value and len(value) <= limit


def _names_ok(value: str) -> bool:
    return len(value) <= 500 and all(len(chunk.split()) <= 6 for chunk in value.split(";"))


def _date_ok(value: str) -> bool:
    return "\n" not in value and bool(parse_date(value).parts)


#: label (lower case, no colon) -> (field it fills, test a value must pass)
LABELS: dict[str, tuple[str, Callable[[str], bool]]] = {
    "accession number": ("number", lambda v: bool(_ACCESSION.fullmatch(v))),
    "title": ("title", _one_line(1000)),
    "descriptive note": ("genre", _one_line(300)),
    "corporate author": ("publisher", _one_line(300)),
    "personal author(s)": ("author", _names_ok),
    "personal authors": ("author", _names_ok),
    "author(s)": ("author", _names_ok),
    "report date": ("issued", _date_ok),
    "publication date": ("issued", _date_ok),
    "pagination or media count": ("number-of-pages", lambda v: bool(_PAGES.fullmatch(v))),
    "abstract": ("abstract", lambda v: True),
    "subject categories": ("keyword", lambda v: all(len(x) <= 150 for x in v.split("\n"))),
    "distribution statement": ("note", lambda v: len(v) <= 2000),
    "supplementary note": ("note", lambda v: len(v) <= 2000),
}
#: labels DTIC shows whose values citekit does not keep (they are not the record's loss)
IGNORED = frozenset("""
contract number|grant number|contract/grant number|project number|task number|work unit number|
report number|monitor acronym|monitor series|descriptors|identifiers|limitation codes|
source code|distribution code|sponsoring organization|availability|full text|
""".replace("\n", "").split("|")) - {""}
_LABEL_ALTERNATIVES = "|".join(
    re.escape(k) for k in sorted(set(LABELS) | IGNORED, key=len, reverse=True))
_LABEL = re.compile(rf"^\s*({_LABEL_ALTERNATIVES})\s*:\s*(.*)$", re.IGNORECASE)


def detect(text: str, filename: str | None) -> int:
    """80 when the text shows three or more DTIC record labels."""
    head = text[:200000]
    hits = sum(label in head for label in DTIC_LABELS)
    return 80 if hits >= 3 else 0


@dataclass
class _Record:
    values: dict[str, str] = field(default_factory=dict)
    loose: list[str] = field(default_factory=list)  # paragraphs no label claimed


def _tokens(text: str) -> list[tuple[str | None, str]]:
    """(label, inline value) for label lines and (None, paragraph) for text blocks."""
    tokens: list[tuple[str | None, str]] = []
    block: list[str] = []

    def flush() -> None:
        if block:
            tokens.append((None, "\n".join(block)))
            block.clear()

    for line in text.splitlines():
        match = _LABEL.match(line)
        if match:
            flush()
            tokens.append((match.group(1).lower(), match.group(2).strip()))
        elif line.strip():
            block.append(line.strip())
        else:
            flush()
    flush()
    return tokens


def _record(text: str) -> _Record:
    record = _Record()
    tokens = _tokens(text)
    index = 0
    while index < len(tokens):
        label, value = tokens[index]
        index += 1
        if label is None:
            record.loose.append(value)
            continue
        if not value and index < len(tokens) and tokens[index][0] is None:
            candidate = tokens[index][1]
            if label in LABELS and LABELS[label][1](_clean_value(label, candidate)):
                value = candidate
                index += 1
        if label in LABELS and value:
            field_name = LABELS[label][0]
            value = _clean_value(label, value)
            previous = record.values.get(field_name)
            record.values[field_name] = f"{previous}\n{value}" if previous else value
    return record


def _clean_value(label: str, value: str) -> str:
    if label == "subject categories":
        return "\n".join(_BULLET.sub("", line).strip() for line in value.splitlines()
                         if _BULLET.sub("", line).strip())
    if label == "abstract":
        return value.strip()
    return re.sub(r"\s+", " ", value).strip()


def split_corporate(text: str) -> tuple[str, str | None]:
    """"ASIA-PACIFIC CENTER FOR SECURITY STUDIES HONOLULU HI" -> (readable name, place)."""
    text = re.sub(r"\s+", " ", text).strip()
    country = re.fullmatch(r"(.+?) ([A-Z][A-Z.'-]*) \(([^()]+)\)", text)
    if country:
        place = f"{readable_case(country.group(2))}, {readable_case(country.group(3))}"
        return readable_case(country.group(1)), place
    words = text.split(" ")
    if text != text.upper() or len(words) < 3 or words[-1] not in US_STATES:
        return readable_case(text), None
    start = len(words) - 2
    while start > 1 and (words[start] in CITY_SUFFIXES or words[start - 1] in CITY_PREFIXES):
        start -= 1
    city = readable_case(" ".join(words[start:-1]))
    return readable_case(" ".join(words[:start])), f"{city}, {words[-1]}"


def _fields(record: _Record) -> dict[str, Any]:
    values = dict(record.values)
    loose = list(record.loose)
    if "title" not in values and loose and "\n" not in loose[0] and len(loose[0]) <= 500:
        values["title"] = loose.pop(0)
    if "abstract" not in values and loose:
        values["abstract"] = "\n\n".join(loose)
    out: dict[str, Any] = {k: v for k, v in values.items()
                           if k not in ("publisher", "author", "issued", "keyword",
                                        "number-of-pages")}
    if values.get("publisher"):
        out["publisher"], place = split_corporate(values["publisher"])
        if place:
            out["publisher-place"] = place
    if values.get("author"):
        chunks = (readable_case(chunk.strip()) for chunk in values["author"].split(";"))
        authors = parse_names("; ".join(chunks))  # "SMITH, SHEILA A" -> "Smith, Sheila A"
        out["author"] = [n.to_json() for n in authors]
    if values.get("issued"):
        out["issued"] = parse_date(values["issued"]).to_json()
    if values.get("keyword"):
        out["keyword"] = ", ".join(values["keyword"].splitlines())
    if values.get("number-of-pages"):
        match = _PAGES.fullmatch(values["number-of-pages"])
        out["number-of-pages"] = match.group(1) if match else values["number-of-pages"]
    return out


def _merge(meta: dict[str, Any], found: dict[str, Any]) -> dict[str, Any]:
    """Meta-tag fields first; DTIC's upper-case institution made readable, place kept."""
    merged = {k: v for k, v in meta.items() if k != "type"}
    publisher = merged.get("publisher")
    if isinstance(publisher, str) and publisher == publisher.upper():
        merged["publisher"], place = split_corporate(publisher)
        if place:
            merged.setdefault("publisher-place", place)
    for key, value in found.items():
        merged.setdefault(key, value)
    return merged


def read(text: str, filename: str | None = None) -> LoadResult:
    """One ``report`` item from a DTIC record; a record with no title is an error."""
    label = filename or "<string>"
    body, meta, _doc = load_page(text)
    fields = _merge(meta, _fields(_record(body)))
    if not fields.get("title"):
        return LoadResult(errors=[ParseError("DTIC record has no title", file=label)])
    return LoadResult(items=[Item("", "report", fields)])
