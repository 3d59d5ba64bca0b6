"""Recover stage: BibTeX and BibLaTeX files to CSL items.

:mod:`citekit.sources.bibscan` splits a well-formed file into blocks; any other file is split
by bibtexparser v2, which keeps every good entry when one is broken and locates the broken
ones (bibtexparser's rules also split person names). This module then resolves ``@string``
macros and ``#`` concatenation, month macros, ``crossref``/``xdata`` inheritance, then maps
types and fields with :mod:`citekit.sources.bibmap` and decodes LaTeX with
:mod:`citekit.sources.latex`.
Fields without a CSL variable are kept verbatim in ``custom["bibtex-fields"]``.
"""
from __future__ import annotations

import logging
import re
from typing import Any

import bibtexparser
from bibtexparser import model as bibmodel

from ..errors import ParseError
from . import bibmap, bibscan
from .bibfields import convert_entry
from .bibscan import Block
from .registry import LoadResult

logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
logging.getLogger("bibtexparser").propagate = False

_ENTRY_START = re.compile(r"^\s*@\s*([A-Za-z]+)\s*[{(]", re.M)
_MARKUP = re.compile(r"\s*(?:<!doctype|<html|<\?xml|<head|<!--)", re.I)
_KEY_IN_RAW = re.compile(r"@\s*\w+\s*[{(]\s*([^,\s{}()]*)")
_DATE_FIELDS = frozenset({"date", "year", "month", "day"})  # one date, however written
#: a TeX comment: an unescaped % to the end of a line, inside a value that goes on
_COMMENT = re.compile(r"(?<!\\)%[^\n]*\n[ \t]*")
_NO_COMMENTS = frozenset({"url", "doi", "file", "eprint", "verba", "verbb", "verbc", "pdf"})
OPTIONS = ("keep_titles",)  # what citekit.sources.registry may pass to read()
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
def _library_blocks(library: bibtexparser.Library) -> list[Block]:
    """bibtexparser's blocks as :class:`~citekit.sources.bibscan.Block` records."""
    blocks: list[Block] = []
    for block in library.blocks:
        if isinstance(block, bibmodel.String):
            blocks.append(Block("string", block.start_line, "", block.key,
                                (("", block.value),), block.raw or ""))
        elif isinstance(block, bibmodel.DuplicateFieldKeyBlock):
            kept = block.ignore_error_block  # the entry with the first of each field
            blocks.append(_entry_block(kept) if isinstance(kept, bibmodel.Entry) else
                          Block("error", block.start_line, raw=block.raw or "",
                                message="duplicate field in entry"))
        elif isinstance(block, bibmodel.DuplicateBlockKeyBlock):
            blocks.append(Block("error", block.start_line, raw=block.raw or "",
                                message="duplicate entry key: the first entry is kept"))
        elif isinstance(block, bibmodel.ParsingFailedBlock):
            error = block.error
            reason = getattr(error, "abort_reason", None) or str(error) or type(error).__name__
            blocks.append(Block("error", block.start_line, raw=block.raw or "",
                                message=f"malformed entry: {reason.strip()}"))
        elif isinstance(block, bibmodel.Entry):
            blocks.append(_entry_block(block))
        elif isinstance(block, bibmodel.Preamble):
            blocks.append(Block("preamble", block.start_line))
    return blocks


def _entry_block(entry: bibmodel.Entry) -> Block:
    fields = tuple((field.key, str(field.value)) for field in entry.fields)
    return Block("entry", entry.start_line, entry.entry_type.lower(), entry.key, fields)


def _failed(block: Block, label: str) -> ParseError:
    match = _KEY_IN_RAW.match(block.raw.lstrip())
    line = block.line + 1 if block.line is not None else None
    return ParseError(block.message, file=label, line=line,
                      key=(match.group(1) or None) if match else None)


_NEXT_FIELD = re.compile(r"\s+([A-Za-z][\w:+.-]*)\s*=\s*(?=\S)")


def _first_piece_end(raw: str) -> int | None:
    """Where the first piece of a raw value (``{...}``, ``"..."`` or a bare word) ends."""
    if raw[:1] == "{":
        depth = 0
        for i, ch in enumerate(raw):
            if ch == "\\":
                continue
            depth += {"{": 1, "}": -1}.get(ch, 0)
            if depth == 0:
                return i + 1
        return None
    if raw[:1] == '"':
        end = raw.find('"', 1)
        return end + 1 if end > 0 else None
    match = re.match(r"[^\s#{}\"]+", raw)
    return match.end() if match else None


def split_missing_commas(name: str, raw: str) -> list[tuple[str, str]]:
    """``[(name, raw)]``, or more fields when a comma between two fields is missing
    (``title = {X}`` then a new line ``author = {Y}``: bibtexparser reads one value)."""
    if "=" not in raw:  # the common case: no second field can hide in the value
        return [(name, raw)]
    out: list[tuple[str, str]] = []
    while True:
        end = _first_piece_end(raw)
        match = _NEXT_FIELD.match(raw, end) if end is not None else None
        if match is None:
            out.append((name, raw))
            return out
        out.append((name, raw[:end]))
        name, raw = match.group(1), raw[match.end():]


def _raw_entry(entry: Block, macros: dict[str, str], label: str,
               warnings: list[str]) -> RawEntry:
    fields: dict[str, str] = {}
    line = (entry.line or 0) + 1
    pairs: list[tuple[str, str]] = []
    for key, raw in entry.fields:
        split = split_missing_commas(key, raw.strip())
        for (before, _), (after, _) in zip(split, split[1:]):
            warnings.append(f"{label}:{line}: [{entry.key}] missing comma between fields "
                            f"{before.strip().lower()!r} and {after.lower()!r}: read as two "
                            "fields")
        pairs.extend(split)
    for key, raw in pairs:
        name = key.strip().lower()
        if name in fields:
            warnings.append(f"{label}:{line}: [{entry.key}] duplicate field {name!r}: "
                            "the first is kept")
            continue
        unknown: list[str] = []
        if "%" in raw and name not in _NO_COMMENTS:
            raw = _COMMENT.sub("", raw)
        value = resolve_value(raw.strip(), macros, unknown).strip()
        for macro in unknown:
            warnings.append(f"{label}:{line}: [{entry.key}] undefined macro {macro!r} in "
                            f"{name!r}, kept as text")
        if value:
            fields[name] = value
    return {"type": entry.type, "key": entry.key, "line": line, "fields": fields}


def blocks_of(text: str, label: str) -> tuple[list[Block], list[ParseError]]:
    """The blocks of ``text``: :func:`bibscan.scan`'s, else bibtexparser's."""
    blocks = bibscan.scan(text)
    if blocks is not None:
        return blocks, []
    try:
        return _library_blocks(bibtexparser.parse_string(text, parse_stack=[])), []
    except Exception as exc:  # a splitter bug must still be a located error, not a crash
        return [], [ParseError(f"cannot split BibTeX: {exc}", file=label)]


def split_blocks(text: str, label: str) -> tuple[list[RawEntry], LoadResult]:
    """Split ``text`` into raw entries (macros resolved); failed blocks become errors."""
    result = LoadResult()
    blocks, errors = blocks_of(text, label)
    result.errors.extend(errors)
    macros = _month_macros()
    entries: list[RawEntry] = []
    for block in blocks:
        if block.kind == "entry":
            entries.append(_raw_entry(block, macros, label, result.warnings))
        elif block.kind == "string":
            unknown: list[str] = []
            macros[block.key.strip().lower()] = resolve_value(block.fields[0][1].strip(), macros,
                                                              unknown)
        elif block.kind == "error":
            result.errors.append(_failed(block, label))
        elif block.kind == "preamble":
            result.warnings.append(f"{label}:{(block.line or 0) + 1}: @preamble is not "
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


def read(text: str, filename: str | None = None, *, keep_titles: bool = False) -> LoadResult:
    """Read every good entry of a BibTeX/BibLaTeX file; each bad one is a located error.
    English titles go to sentence case unless ``keep_titles``."""
    label = filename or "<string>"
    entries, result = split_blocks(text, label)
    resolve_inheritance(entries, label, result.warnings)
    for entry in entries:
        if entry["type"] == "set":
            result.warnings.append(f"{label}:{entry['line']}: [{entry['key']}] @set is not an "
                                   "item; its members are read on their own")
        if entry["type"] in bibmap.NON_ITEMS:
            continue
        notes: list[str] = []
        try:
            item = convert_entry(entry, keep_titles=keep_titles, warnings=notes)
        except Exception as exc:  # one odd entry must not stop the others
            result.errors.append(ParseError(f"cannot convert entry: {exc}", file=label,
                                            line=entry["line"], key=entry["key"]))
            continue
        result.items.append(item)
        result.warnings.extend(f"{label}:{entry['line']}: [{entry['key']}] {note}"
                               for note in notes)
    return result


__all__ = ["blocks_of", "detect", "read", "resolve_inheritance", "resolve_value", "split_blocks"]
