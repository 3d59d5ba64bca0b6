"""Recover stage: RIS files (``TY  - JOUR`` ... ``ER  -``) to CSL items.

Repeated tags (AU, KW, ...) accumulate; untagged lines continue the previous value; PY/DA
dates, SP/EP pages and TY types follow :mod:`citekit.formats.ris.tables`. Tags with no CSL
variable are kept in ``custom["ris-tags"]``. A record with a problem is a located error;
every other record is read.
"""
from __future__ import annotations

import re
from typing import Any

from ...errors import ParseError
from ...model import Date, Item, Name
from ...model.nameparse import is_particle
from ...model.nameparse import parse_name as parse_free_name
from ...sources.registry import LoadResult
from . import tables

_LINE = re.compile(r"^([A-Z][A-Z0-9])  ?-(?: (.*))?$")
_DETECT = re.compile(r"^TY  ?- \S", re.M)
Record = dict[str, Any]  # {"line": int, "tags": [(tag, value), ...]}


def detect(text: str, filename: str | None) -> int:
    """90 for a ``.ris`` file, 80 for text with an RIS ``TY`` line, else 0."""
    if filename and filename.lower().endswith(".ris"):
        return 90
    if re.match(r"\s*(?:<!doctype|<html|<\?xml|<head|<!--)", text, re.I):
        return 0  # a web page that shows an RIS record is still a web page
    return 80 if _DETECT.search(text[:20000]) else 0


def split_records(text: str, label: str, result: LoadResult) -> list[Record]:
    """Group tagged lines into records; stray lines outside a record are errors."""
    records: list[Record] = []
    current: Record | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip().lstrip("\ufeff")
        match = _LINE.match(line)
        if match is None:
            if current is not None and current["tags"] and line.strip():
                tag, value = current["tags"][-1]
                current["tags"][-1] = (tag, f"{value} {line.strip()}".strip())
            elif line.strip():
                result.errors.append(ParseError(f"text outside a record: {line.strip()[:40]!r}",
                                                file=label, line=number))
            continue
        tag, value = match.group(1), (match.group(2) or "").strip()
        if tag == "TY":
            if current is not None:
                result.warnings.append(f"{label}:{current['line']}: record has no ER line")
                records.append(current)
            current = {"line": number, "tags": [("TY", value)]}
        elif tag == "ER":
            if current is None:
                result.errors.append(ParseError("ER without a TY record", file=label,
                                                line=number))
            else:
                records.append(current)
            current = None
        elif current is None:
            result.errors.append(ParseError(f"tag {tag} before any TY line", file=label,
                                            line=number))
        else:
            current["tags"].append((tag, value))
    if current is not None:
        result.warnings.append(f"{label}:{current['line']}: record has no ER line")
        records.append(current)
    return records


def parse_name(text: str) -> Name:
    """``Family, Given[, Suffix]`` as RIS writes persons; text without a comma is read by
    :func:`citekit.model.nameparse.parse_name` (a person, or an organization as a literal)."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) == 1 and len(text.split()) == 1 and text.strip()[:1].isalpha():
        return Name(family=text.strip())  # one word: a family name, as Zotero reads it
    if len(parts) == 1:
        return parse_free_name(text)
    words = parts[0].split()
    particles = []
    while len(words) > 1 and is_particle(words[0]):
        particles.append(words.pop(0))
    return Name(family=" ".join(words) or None, given=parts[1] or None,
                suffix=", ".join(p for p in parts[2:] if p) or None,
                non_dropping_particle=" ".join(particles) or None)


_DOI = re.compile(r"10\.\d{4,9}/\S+")
_ISSN = re.compile(r"^\s*\d{4}-?\d{3}[\dXx]\s*$")
_ISBN = re.compile(r"^\s*(?:97[89][- ]?)?(?:\d[- ]?){9}[\dXx]\s*$")


def _serial_kind(value: str, ctype: str) -> str:
    """ISSN or ISBN: by the number's form (8 digits, or 10/13), else by the item's type."""
    if _ISSN.match(value):
        return "ISSN"
    if _ISBN.match(value):
        return "ISBN"
    return "ISBN" if ctype in tables.ISBN_TYPES else "ISSN"


def parse_ris_date(text: str) -> Date | None:
    """``YYYY``, ``YYYY/MM/DD/other``, ``YYYY-MM-DD``; ``other`` may be a season."""
    pieces = re.split(r"[/-]", text.strip())
    if not pieces or not re.fullmatch(r"\d{1,4}", pieces[0]):
        return Date(literal=text.strip()) if text.strip() else None
    if int(pieces[0]) == 0:
        return None  # year 0000: no date (there is no year 0)
    nums = [int(pieces[0])]
    for piece in pieces[1:3]:
        if not piece.strip().isdigit() or not 0 < int(piece) <= (12 if len(nums) == 1 else 31):
            break
        nums.append(int(piece))
    other = pieces[3].strip().lower() if len(pieces) > 3 else ""
    season = tables.SEASONS.get(other)
    return Date(parts=(tuple(nums),), season=str(season) if season else None)


def _pages(tags: dict[str, list[str]]) -> str | None:
    start, end = (tags.get("SP") or [""])[0], (tags.get("EP") or [""])[0]
    if start and end and end != start:
        return f"{start}-{end}"
    return start or end or None


def _dates(tags: dict[str, list[str]], out: dict[str, Any]) -> None:
    candidates = [parse_ris_date(v) for t in ("DA", "PY", "Y1") for v in tags.get(t, [])]
    dates = [d for d in candidates if d is not None]
    if dates:  # the most precise date wins (DA usually adds month and day to PY); of equally
        # precise ones DA, then PY, then the deprecated Y1 (as Zotero reads them)
        out["issued"] = max(dates, key=lambda d: (len(d.parts[0]) if d.parts else 0,
                                                  d.season is not None))
    for value in tags.get("Y2", [])[:1]:
        accessed = parse_ris_date(value)
        if accessed is not None and accessed.parts:  # "Date Accessed" is not a date
            out["accessed"] = accessed


def convert_record(record: Record) -> Item:
    """One record's tags to an item."""
    tags: dict[str, list[str]] = {}
    for tag, value in record["tags"]:
        if value:
            tags.setdefault(tag, []).append(value)
    ty = (tags.pop("TY", [""]) or [""])[0].upper()
    ctype = tables.TYPES.get(ty, "document")
    out: dict[str, Any] = {}
    custom: dict[str, list[str]] = {}
    for tag, value in record["tags"]:  # in the record's order: A1 and AU may be mixed
        var = tables.NAME_TAGS.get(tag)
        if var is not None and value:
            out.setdefault(var, []).append(parse_name(value))
    _dates(tags, out)
    accessed_tags = tags.get("Y2", [])
    if accessed_tags[1 if "accessed" in out else 0:]:  # kept: more than one, or not a date
        custom["Y2"] = accessed_tags[1 if "accessed" in out else 0:]
    out["page"] = _pages(tags)
    if tags.get("KW"):
        out["keyword"] = ", ".join(tags["KW"])
    for value in tags.get("SN", []):
        var = _serial_kind(value, ctype)
        if var in out:
            custom.setdefault("SN", []).append(value)
        out[var] = out.get(var) or value
    for value in tags.pop("DO", []):  # a DOI only when it is one ("doi: 10.1/x" is read)
        doi = _DOI.search(value)
        if doi and "DOI" not in out:
            out["DOI"] = doi.group(0)
        else:
            custom.setdefault("DO", []).append(value)
    if ctype == "book" and "T2" in tags and "T3" not in tags:
        out["collection-title"] = tags.pop("T2")[0]  # a book's T2 is its series
    if "JO" in tags and any(t in tags for t in ("T2", "JF", "BT")):
        out["container-title-short"] = tags.pop("JO")[0]  # JO beside a full title: its
        # abbreviation (Zotero's journalAbbreviation); alone, JO is the journal's name
    consumed = set(tables.NAME_TAGS) | {"PY", "Y1", "DA", "Y2", "SP", "EP", "KW", "SN"}
    for tag, values in tags.items():
        text_var = tables.TEXT_TAGS.get(tag)
        if tag in consumed:
            continue
        if text_var is None or text_var in out:
            custom.setdefault(tag, []).extend(values)
            continue
        out[text_var] = values[0]
        if values[1:]:
            custom.setdefault(tag, []).extend(values[1:])
    extra: dict[str, Any] = {"ris-tags": custom} if custom else {}
    if ty and tables.TYPES_OUT.get(ctype) != ty:
        extra["ris-type"] = ty
    out["custom"] = extra
    return Item(str(out.get("citation-key") or ""), ctype, out)  # no ID: a readable id later


def read(text: str, filename: str | None = None) -> LoadResult:
    """Read every record; a record that cannot be converted is a located error."""
    label = filename or "<string>"
    result = LoadResult()
    for record in split_records(text, label, result):
        try:
            result.items.append(convert_record(record))
        except Exception as exc:  # one odd record must not stop the others
            result.errors.append(ParseError(f"cannot convert record: {exc}", file=label,
                                            line=record["line"]))
    return result
