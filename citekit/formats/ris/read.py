"""Recover stage: RIS files (``TY  - JOUR`` ... ``ER  -``) to CSL items.

Repeated tags (AU, KW, ...) accumulate; untagged lines continue the previous value. Each
tag is read with the meaning it has for the record's type (:mod:`citekit.formats.ris.tables`:
a book's T2 is its series, a chapter's its book); PY/DA dates, SP/EP pages and ProCite's
``Label: value`` notes are read as Zotero reads them. Tags with no CSL variable for the type
are kept in ``custom["ris-tags"]``. A record with a problem is a located error; every other
record is read.
"""
from __future__ import annotations

import re
from typing import Any

from ...errors import ParseError
from ...model import NAME_VARIABLES, Date, Item, Name
from ...model.dateparse import parse_date
from ...model.nameparse import is_particle
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
    """``Family, Given[, Suffix]`` as RIS writes persons; a name without a comma is one
    name as written (an organization, a mononym), as Zotero and citation-js read it."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) == 1:
        return Name(literal=text.strip())
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


def _serial_kind(value: str, default: str) -> str:
    """ISSN or ISBN: by the number's form (8 digits, or 10/13), else the kind's ``default``."""
    if _ISSN.match(value):
        return "ISSN"
    if _ISBN.match(value):
        return "ISBN"
    return default


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


def _precision(date: Date) -> tuple[int, bool]:
    return (len(date.parts[0]) if date.parts else 0, date.season is not None)


def _issued(values: list[str]) -> Date | None:
    """The most precise of the date tags (DA usually adds month and day to PY); of equally
    precise ones the first in the kind's order (DA, PY, Y1), as Zotero reads them. A DA
    with a month and day but no year (EndNote's "July 4") takes PY's year."""
    dates = [d for d in map(parse_ris_date, values) if d is not None]
    years = [d.parts[0][0] for d in dates if d.parts]
    for index, date in enumerate(dates):
        if date.literal and years and not re.search(r"\d{3,4}", date.literal):
            dated = parse_date(f"{date.literal} {years[0]}")
            if dated.parts and dated.parts[0][0] == years[0] and not dated.is_range:
                dates[index] = dated
    if not dates:
        return None
    return max(dates, key=_precision)


def _agrees(date: Date | None, chosen: Date) -> bool:
    """Whether ``date`` says nothing ``chosen`` does not (PY 2013 beside DA 2013/05/01)."""
    if date is None or date == chosen:
        return True
    if date.literal and chosen.parts:  # EndNote's "July" beside PY 1948
        date = parse_date(f"{date.literal} {chosen.parts[0][0]}")
    if not date.parts or not chosen.parts:
        return date.literal is not None and date.literal == chosen.literal
    return chosen.parts[0][:len(date.parts[0])] == date.parts[0] and date.season in (
        None, chosen.season)


def _doi(value: str) -> str | None:
    match = _DOI.search(value)
    return match.group(0) if match else None


def _values(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Each tag's non-empty values (TY aside), tags in the record's order."""
    tags: dict[str, list[str]] = {}
    for tag, value in pairs:
        if value and tag != "TY":
            tags.setdefault(tag, []).append(value)
    return tags


def convert_record(record: Record) -> Item:
    """One record's tags to an item, each tag read with its meaning for the record's kind
    (:data:`citekit.formats.ris.tables.TAGS`)."""
    ty = next((value.strip().upper() for tag, value in record["tags"] if tag == "TY"), "")
    ctype, kind = tables.type_and_kind(ty)
    pairs = _procite_notes(record["tags"], ty, kind)
    tags = _values(pairs)
    table = tables.TAGS[kind]
    out: dict[str, Any] = {}
    custom: dict[str, list[str]] = {}
    for tag, value in pairs:  # in the record's order: A1 and AU may be mixed
        var = table.get(tag)
        if var in NAME_VARIABLES and value:
            out.setdefault(var, []).append(parse_name(value))
    rank = {tag: index for index, tag in enumerate(table)}
    dates: dict[str, list[tuple[str, str]]] = {}
    for tag, values in sorted(tags.items(), key=lambda tv: rank.get(tv[0], len(rank))):
        var = table.get(tag)
        if var in NAME_VARIABLES:
            continue
        if var in ("issued", "accessed", "submitted"):
            dates.setdefault(var, []).extend((tag, value) for value in values)
            continue
        kept = _read_tag(tag, var, values, out, tags, table)
        if kept:
            custom.setdefault(tag, []).extend(kept)
    for var, pairs_of_var in dates.items():
        values = [value for _, value in pairs_of_var]
        date = _issued(values) if var == "issued" else parse_ris_date(values[0])
        if date is not None and (date.parts or var == "issued"):
            out[var] = date  # an access date that is no date ("Date Accessed") is kept aside
        for tag, value in pairs_of_var:  # what the date read does not say is kept aside
            if var not in out or not _agrees(parse_ris_date(value), out[var]):
                custom.setdefault(tag, []).append(value)
    if "title-short" in out and out["title-short"] == out.get("title"):
        # a short title that is the title says nothing (Zotero drops it); kept for writing
        custom["ST"] = [out.pop("title-short"), *custom.get("ST", [])]
    extra: dict[str, Any] = {"ris-tags": custom} if custom else {}
    if ty and tables.TYPES_OUT.get(ctype) != ty:
        extra["ris-type"] = ty
    out["custom"] = extra
    return Item(str(out.get("citation-key") or ""), ctype, out)  # no ID: a readable id later


def _procite_notes(pairs: list[tuple[str, str]], ty: str,
                   kind: str) -> list[tuple[str, str]]:
    """ProCite's ``N1  - Label: value`` notes as the tags the kind reads those fields from;
    in a file with such notes, the tags ProCite uses otherwise are read as ProCite means."""
    labels = {**tables.PROCITE_NOTES, **tables.PROCITE_KIND_NOTES.get(kind, {})}
    notes: dict[int, list[tuple[str, str]]] = {}
    used = {tag for tag, _ in pairs}
    for index, (tag, value) in enumerate(pairs):
        label, colon, rest = value.partition(":") if tag == "N1" else ("", "", "")
        label, rest = label.strip(), rest.strip()
        if colon and rest and label in tables.PROCITE_AUTHORS:
            author_tag = next((t for t in ("A1", "A2", "A3") if t not in used), "A3")
            used.add(author_tag)
            notes[index] = [(author_tag, _family_first(name))
                            for name in re.split(r";\s*", rest) if name.strip()]
            continue
        var = labels.get(label) if colon else None
        new_tag = tables.TAGS_OUT[kind].get(var) if var else None
        if new_tag and rest:
            notes[index] = [(new_tag, rest)]
    # a "Notes: ..." note is anyone's; the other labels are ProCite's own
    procite = any(tag != "N1" for tags in notes.values() for tag, _ in tags)
    retag = tables.PROCITE_TAGS.get(ty, {}) if procite else {}
    out: list[tuple[str, str]] = []
    for index, (tag, value) in enumerate(pairs):
        out += notes.get(index) or [(retag.get(tag, tag), value)]
    return out


def _family_first(name: str) -> str:
    """ProCite writes these names given name first: ``Jane Doe`` -> ``Doe, Jane``."""
    name = name.strip()
    if "," in name or " " not in name:
        return name
    given, _, family = name.rpartition(" ")
    return f"{family}, {given}"


def _read_tag(tag: str, var: str | None, values: list[str], out: dict[str, Any],
              tags: dict[str, list[str]], table: dict[str, str]) -> list[str]:
    """Read one tag's values into ``out``; returns the values kept aside (in custom)."""
    if tag == "KW" and var == "keyword":
        out["keyword"] = ", ".join(values)
        return []
    if tag == "EP":  # the end page, when SP is the start page (alone: the page)
        if table.get("SP") != "page":
            return values
        if not tags.get("SP"):
            out.setdefault("page", values[0])
        return values[1:]
    if var == "container-title-short" and "container-title" not in out \
            and "container-title" in table.values():
        out["container-title"] = values[0]  # an abbreviation alone names the container;
        if tag == "JO":  # JO then is the journal's name (as pandoc reads it), J2 is both
            return values[1:]  # (as Zotero reads it)
    if var == "page" and tag == "SP":
        start, end = values[0], (tags.get("EP") or [""])[0]
        out.setdefault("page", f"{start}-{end}" if end and end != start else start)
        return values[1:]
    if var == "DOI" or (tag == "M3" and var is None and any(map(_doi, values))):
        kept = []
        for value in values:  # a DOI only when it is one ("doi: 10.1/x" is read)
            doi = _doi(value)
            if doi and "DOI" not in out:
                out["DOI"] = doi
            else:
                kept.append(value)
        return kept
    if var in ("ISBN", "ISSN"):
        kept = []
        for value in values:
            serial = _serial_kind(value, var)
            if serial in out:
                kept.append(value)
            out[serial] = out.get(serial) or value
        return kept
    if var is None or var in out:
        return values
    out[var] = values[0]
    return values[1:]


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
