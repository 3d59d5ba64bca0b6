"""Recover stage: BibTeX and BibLaTeX files to CSL items.

bibtexparser v2 splits the file into blocks (keeping every good entry when one is broken) and
splits person names; this module resolves ``@string`` macros and ``#`` concatenation, month
macros, ``crossref``/``xdata`` inheritance, then maps types and fields with
:mod:`citekit.sources.bibmap` and decodes LaTeX with :mod:`citekit.sources.latex`.
Fields without a CSL variable are kept verbatim in ``custom["bibtex-fields"]``.
"""
from __future__ import annotations

import logging
import re
from typing import Any

import bibtexparser
from bibtexparser import model as bibmodel

from ..errors import ParseError
from . import bibmap
from .bibfields import convert_entry
from .registry import LoadResult

logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
logging.getLogger("bibtexparser").propagate = False

_ENTRY_START = re.compile(r"^\s*@\s*([A-Za-z]+)\s*[{(]", re.M)
_MARKUP = re.compile(r"\s*(?:<!doctype|<html|<\?xml|<head|<!--)", re.I)
_KEY_IN_RAW = re.compile(r"@\s*\w+\s*[{(]\s*([^,\s{}()]*)")
_DATE_FIELDS = frozenset({"date", "year", "month", "day"})  # one date, however written
RawEntry = dict[str, Any]  # {"type", "key", "line", "fields": {name: latex}}


def detect(text: str, filename: str | None) -> int:
    """90 for a ``.bib`` file, 60 for text with BibTeX entries, else 0."""
    if filename and filename.lower().endswith((".bib", ".bibtex", ".biblatex")):
        return 90
    if _MARKUP.match(text):
        return 0  # a web page that shows a BibTeX entry is still a web page
    match = _ENTRY_START.search(text[:20000])
    if match and (match.group(1).lower() in bibmap.TYPES or match.group(1).lower() == "string"):
        return 60
    return 0


# -- values: braces, quotes, numbers, macros and '#' ---------------------------------------------
def _split_concat(value: str) -> list[str]:
    """Split a raw field value on top-level ``#``."""
    parts, depth, quoted, start = [], 0, False, 0
    for i, ch in enumerate(value):
        if i and value[i - 1] == "\\" and (i < 2 or value[i - 2] != "\\"):
            continue  # an escaped character: \# \{ \"
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == "#" and depth == 0 and not quoted:
            parts.append(value[start:i].strip())
            start = i + 1
    parts.append(value[start:].strip())
    return parts


def resolve_value(raw: str, macros: dict[str, str], unknown: list[str]) -> str:
    """The LaTeX text of a raw value; unknown macro names are kept as text and reported."""
    if len(raw) >= 2 and "#" not in raw and (raw[0], raw[-1]) in (("{", "}"), ('"', '"')):
        return raw[1:-1]
    out = []
    for part in _split_concat(raw):
        if len(part) >= 2 and (part[0], part[-1]) in (("{", "}"), ('"', '"')):
            out.append(part[1:-1])
        elif part.isdigit() or not part:
            out.append(part)
        elif part.lower() in macros:
            out.append(macros[part.lower()])
        else:
            unknown.append(part)
            out.append(part)
    return "".join(out)


def _month_macros() -> dict[str, str]:
    return {m: str(i) for i, m in enumerate(bibmap.MONTH_MACROS, 1)}


# -- blocks -> raw entries ------------------------------------------------------------------------
def _failed(block: bibmodel.ParsingFailedBlock, label: str) -> ParseError:
    raw = block.raw or ""
    match = _KEY_IN_RAW.match(raw.lstrip())
    error = block.error
    reason = getattr(error, "abort_reason", None) or str(error) or type(error).__name__
    line = block.start_line + 1 if block.start_line is not None else None
    return ParseError(f"malformed entry: {reason.strip()}", file=label, line=line,
                      key=(match.group(1) or None) if match else None)


def _raw_entry(entry: bibmodel.Entry, macros: dict[str, str], label: str,
               warnings: list[str]) -> RawEntry:
    fields: dict[str, str] = {}
    line = (entry.start_line or 0) + 1
    for field in entry.fields:
        name = field.key.strip().lower()
        if name in fields:
            warnings.append(f"{label}:{line}: [{entry.key}] duplicate field {name!r}: "
                            "the first is kept")
            continue
        unknown: list[str] = []
        value = resolve_value(str(field.value).strip(), macros, unknown)
        for macro in unknown:
            warnings.append(f"{label}:{line}: [{entry.key}] undefined macro {macro!r} in "
                            f"{name!r}, kept as text")
        if value.strip():
            fields[name] = value.strip()
    return {"type": entry.entry_type.lower(), "key": entry.key, "line": line, "fields": fields}


def split_blocks(text: str, label: str) -> tuple[list[RawEntry], LoadResult]:
    """Split ``text`` into raw entries (macros resolved); failed blocks become errors."""
    result = LoadResult()
    try:
        library = bibtexparser.parse_string(text, parse_stack=[])
    except Exception as exc:  # a splitter bug must still be a located error, not a crash
        result.errors.append(ParseError(f"cannot split BibTeX: {exc}", file=label))
        return [], result
    macros = _month_macros()
    entries: list[RawEntry] = []
    for block in library.blocks:
        if isinstance(block, bibmodel.String):
            unknown: list[str] = []
            macros[block.key.strip().lower()] = resolve_value(block.value.strip(), macros, unknown)
        elif isinstance(block, bibmodel.DuplicateFieldKeyBlock):
            entries.append(_raw_entry(block.ignore_error_block, macros, label, result.warnings))
        elif isinstance(block, bibmodel.DuplicateBlockKeyBlock):
            err = _failed(block, label)
            err.message = "duplicate entry key: the first entry is kept"
            result.errors.append(err)
        elif isinstance(block, bibmodel.ParsingFailedBlock):
            result.errors.append(_failed(block, label))
        elif isinstance(block, bibmodel.Entry):
            entries.append(_raw_entry(block, macros, label, result.warnings))
        elif isinstance(block, bibmodel.Preamble):
            result.warnings.append(f"{label}:{(block.start_line or 0) + 1}: @preamble is not "
                                   "kept (it is not an item)")
    return entries, result


# -- crossref / xdata ----------------------------------------------------------------------------
def _inherit(child: RawEntry, parent: RawEntry) -> None:
    rename = bibmap.INHERIT_RULES.get((parent["type"], child["type"]))
    fields = child["fields"]
    own_date = any(f in fields for f in _DATE_FIELDS)
    for name, value in parent["fields"].items():
        if name in bibmap.NO_INHERIT or own_date and name in _DATE_FIELDS:
            continue
        targets = [name]
        if rename is not None:
            if name in rename:
                targets = [rename[name]] + ([] if name in bibmap.TITLE_FIELDS else [name])
            elif name in bibmap.TITLE_FIELDS:
                continue
        for target in targets:
            fields.setdefault(target, value)


def resolve_inheritance(entries: list[RawEntry], label: str, warnings: list[str]) -> None:
    """Copy fields from ``xdata`` and ``crossref`` parents (biblatex's rules), parents first."""
    by_key = {e["key"]: e for e in entries}
    by_key.update({k.lower(): e for k, e in list(by_key.items()) if k.lower() not in by_key})
    done: set[int] = set()

    def visit(entry: RawEntry, path: tuple[int, ...]) -> None:
        if id(entry) in done or id(entry) in path:
            return
        fields = entry["fields"]
        parents = [k.strip() for k in fields.get("xdata", "").split(",") if k.strip()]
        if "crossref" in fields:
            parents.append(fields["crossref"].strip())
        for key in parents:
            parent = by_key.get(key) or by_key.get(key.lower())
            if parent is None:
                warnings.append(f"{label}:{entry['line']}: [{entry['key']}] cross-referenced "
                                f"entry {key!r} not found")
                continue
            visit(parent, path + (id(entry),))
            _inherit(entry, parent)
        done.add(id(entry))

    for entry in entries:
        visit(entry, ())


def read(text: str, filename: str | None = None) -> LoadResult:
    """Read every good entry of a BibTeX/BibLaTeX file; each bad one is a located error."""
    label = filename or "<string>"
    entries, result = split_blocks(text, label)
    resolve_inheritance(entries, label, result.warnings)
    for entry in entries:
        if entry["type"] == "set":
            result.warnings.append(f"{label}:{entry['line']}: [{entry['key']}] @set is not an "
                                   "item; its members are read on their own")
        if entry["type"] in bibmap.NON_ITEMS:
            continue
        try:
            item = convert_entry(entry)
        except Exception as exc:  # one odd entry must not stop the others
            result.errors.append(ParseError(f"cannot convert entry: {exc}", file=label,
                                            line=entry["line"], key=entry["key"]))
            continue
        result.items.append(item)
    return result


__all__ = ["detect", "read", "resolve_value", "split_blocks", "resolve_inheritance"]
