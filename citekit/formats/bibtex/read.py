"""Recover stage: BibTeX and BibLaTeX files to CSL items.

:mod:`citekit.formats.bibtex.scan` splits a well-formed file into blocks; any other file is split
by bibtexparser v2, which keeps every good entry when one is broken and locates the broken
ones (bibtexparser's rules also split person names). This module then resolves ``@string``
macros and ``#`` concatenation, month macros, ``crossref``/``xdata`` inheritance, then maps
types and fields with :mod:`citekit.formats.bibtex.tables` and decodes LaTeX with
:mod:`citekit.formats.bibtex.latexdecode`.
Fields without a CSL variable are kept verbatim in ``custom["bibtex-fields"]``.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import bibtexparser
from bibtexparser import model as bibmodel

from ...errors import ParseError
from ...model import Item
from ...sources.registry import LoadResult
from . import scan, tables
from .fields import convert_entry
from .scan import Block

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
    if match and (match.group(1).lower() in tables.TYPES or match.group(1).lower() == "string"):
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


class Expansion:
    """What ``@string`` macros may still add to a file's values, in characters.

    A macro used in a value copies its text there; ``@string{s1 = s0 # s0}`` nested 27 deep
    would otherwise need gigabytes. A file's macros may add ten times the file's own size
    (and at least :data:`MIN_EXPANSION` characters); past that a value is an error.
    """

    def __init__(self, text_size: int) -> None:
        self.remaining = max(10 * text_size, MIN_EXPANSION)

    def spend(self, size: int) -> None:
        self.remaining -= size
        if self.remaining < 0:
            raise ParseError("@string macros expand too far (more than ten times the file)")


#: characters macro expansion may add to any file, however small
MIN_EXPANSION = 1_000_000


def resolve_value(raw: str, macros: dict[str, str], unknown: list[str],
                  budget: Expansion | None = None) -> str:
    """The LaTeX text of a raw value; unknown macro names are kept as text and reported.

    Each macro used is charged to ``budget`` (a ParseError when it runs out).
    """
    if len(raw) >= 2 and "#" not in raw and (raw[0], raw[-1]) in (("{", "}"), ('"', '"')):
        return raw[1:-1]
    out = []
    for part in _split_concat(raw):
        if len(part) >= 2 and (part[0], part[-1]) in (("{", "}"), ('"', '"')):
            out.append(part[1:-1])
        elif part.isdigit() or not part:
            out.append(part)
        elif part.lower() in macros:
            value = macros[part.lower()]
            if budget is not None:
                budget.spend(len(value))
            out.append(value)
        else:
            unknown.append(part)
            out.append(part)
    return "".join(out)


def _month_macros() -> dict[str, str]:
    return {m: str(i) for i, m in enumerate(tables.MONTH_MACROS, 1)}


# -- blocks -> raw entries ------------------------------------------------------------------------
def _library_blocks(library: bibtexparser.Library) -> list[Block]:
    """bibtexparser's blocks as :class:`~citekit.formats.bibtex.scan.Block` records."""
    blocks: list[Block] = []
    for block in library.blocks:
        if (isinstance(block, bibmodel.ImplicitComment) and blocks
                and blocks[-1].kind == "entry" and scan.ORPHAN_FIELDS.match(block.raw or "")):
            blocks[-1:] = _rejoin(blocks[-1], block)
            continue
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
            recovered = _closed_by_parenthesis(block, blocks)
            if recovered:
                blocks += recovered
                continue
            error = block.error
            reason = getattr(error, "abort_reason", None) or str(error) or type(error).__name__
            blocks.append(Block("error", block.start_line, raw=block.raw or "",
                                message=f"malformed entry: {reason.strip()}"))
        elif isinstance(block, bibmodel.Entry):
            blocks.append(_entry_block(block))
        elif isinstance(block, bibmodel.Preamble):
            blocks.append(Block("preamble", block.start_line))
    return blocks


_OPENED_BY_BRACE = re.compile(r"\s*@\s*[A-Za-z]\w*\s*\{")


def _closed_by_parenthesis(block: bibmodel.ParsingFailedBlock, before: list[Block]
                           ) -> list[Block]:
    """An entry opened by ``{`` and closed by ``)``, read as biber reads it (with its
    warning, here a note); [] when the failed block is not one (or its key was seen)."""
    raw = (block.raw or "").rstrip()
    if not raw.endswith(")") or not _OPENED_BY_BRACE.match(raw):
        return []
    again = bibtexparser.parse_string(raw[:-1] + "}", parse_stack=[])
    if len(again.blocks) != 1 or not isinstance(again.blocks[0], bibmodel.Entry):
        return []
    entry = _entry_block(again.blocks[0])._replace(line=block.start_line)
    if any(b.kind == "entry" and b.key == entry.key for b in before):
        return []
    return [entry, Block("note", block.start_line, message=(
        f"[{entry.key}] the entry opens with '{{' but closes with ')'; read as biber "
        "reads it"))]


def _rejoin(entry: Block, tail: bibmodel.ImplicitComment) -> list[Block]:
    """The entry with the fields after a stray ``}`` read back in, and a note saying so."""
    line = (tail.start_line or 0) + 1
    fields = (tail.raw or "").lstrip(" \t\r\n,")
    rest = bibtexparser.parse_string("@misc{tail, " + fields, parse_stack=[]).entries
    if not rest:
        return [entry, Block("error", tail.start_line, raw=tail.raw or "", message=(
            f"[{entry.key}] a stray '}}' closes the entry early; the text after it cannot "
            "be read"))]
    own = {name.lower() for name, _ in entry.fields}
    extra = tuple((f.key, str(f.value)) for f in rest[0].fields if f.key.lower() not in own)
    note = Block("note", tail.start_line, message=(
        f"[{entry.key}] a stray '}}' closes the entry early (line {line}); the "
        f"{len(extra)} field(s) after it are read as part of it"))
    return [entry._replace(fields=entry.fields + extra), note]


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
               warnings: list[str], budget: Expansion | None = None) -> RawEntry:
    fields: dict[str, str] = {}
    line = (entry.line or 0) + 1
    pairs: list[tuple[str, str]] = []
    for key, raw in entry.fields:
        if "=" not in raw:  # (most values: no second field can hide in them)
            pairs.append((key, raw.strip()))
            continue
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
        value = resolve_value(raw.strip(), macros, unknown, budget).strip()
        for macro in unknown:
            warnings.append(f"{label}:{line}: [{entry.key}] undefined macro {macro!r} in "
                            f"{name!r}, kept as text")
        if value:
            fields[name] = value
    return {"type": entry.type, "key": entry.key, "line": line, "fields": fields}


def blocks_of(text: str, label: str) -> tuple[list[Block], list[ParseError]]:
    """The blocks of ``text``: :func:`scan.scan`'s, else bibtexparser's."""
    blocks, errors = _iter_blocks(text, label)
    return list(blocks), errors


def _iter_blocks(text: str, label: str) -> tuple[Iterable[Block], list[ParseError]]:
    blocks = scan.iter_scan(text)
    if blocks is not None:
        return blocks, []
    try:
        return _library_blocks(bibtexparser.parse_string(text, parse_stack=[])), []
    except Exception as exc:  # a splitter bug must still be a located error, not a crash
        return [], [ParseError(f"cannot split BibTeX: {exc}", file=label)]


def split_blocks(text: str, label: str) -> tuple[list[RawEntry], LoadResult]:
    """Split ``text`` into raw entries (macros resolved); failed blocks become errors."""
    result = LoadResult()
    return list(_raw_entries(text, label, result)), result


def _raw_entries(text: str, label: str, result: LoadResult) -> Iterator[RawEntry]:
    """:func:`split_blocks`'s raw entries one at a time (errors and warnings into ``result``)."""
    return _Splitter(label, result, len(text)).entries(text)


class _Splitter:
    """Raw entries from a file's text, given whole or in pieces (``@string`` macros, their
    expansion budget, line numbers and duplicate keys carry over from piece to piece)."""

    def __init__(self, label: str, result: LoadResult, size: int, pieces: bool = False):
        self.label, self.result = label, result
        self.macros = _month_macros()
        self.budget = Expansion(size)
        self.line = 0  # lines before the piece being read
        # keys of earlier pieces (each piece's own duplicates are its splitter's to find)
        self.earlier: set[str] | None = set() if pieces else None

    def entries(self, text: str) -> Iterator[RawEntry]:
        blocks, errors = _iter_blocks(text, self.label)
        self.result.errors.extend(errors)
        keys: list[str] = []
        for block in blocks:
            if self.line and block.line is not None:
                block = block._replace(line=block.line + self.line)
            raw = self.block(block)
            if raw is not None:
                keys.append(raw["key"])
                yield raw
        self.line += text.count("\n")
        if self.earlier is not None:
            self.earlier.update(keys)

    def block(self, block: Block) -> RawEntry | None:
        label, result = self.label, self.result
        line = (block.line or 0) + 1
        if block.kind == "entry":
            if self.earlier is not None and block.key in self.earlier:
                result.errors.append(ParseError("duplicate entry key: the first entry is kept",
                                                file=label, line=line, key=block.key))
                return None
            try:
                return _raw_entry(block, self.macros, label, result.warnings, self.budget)
            except ParseError as exc:
                result.errors.append(ParseError(exc.message, file=label, line=line,
                                                key=block.key))
        elif block.kind == "string":
            unknown: list[str] = []
            try:
                self.macros[block.key.strip().lower()] = resolve_value(
                    block.fields[0][1].strip(), self.macros, unknown, self.budget)
            except ParseError as exc:
                result.errors.append(ParseError(f"@string {block.key.strip()!r}: {exc.message}",
                                                file=label, line=line))
        elif block.kind == "note":
            result.warnings.append(f"{label}:{line}: {block.message}")
        elif block.kind == "error":
            result.errors.append(_failed(block, label))
        elif block.kind == "preamble":
            result.warnings.append(f"{label}:{line}: @preamble is not kept (it is not an item)")
        return None


# -- crossref / xdata ----------------------------------------------------------------------------
def _inherit(child: RawEntry, parent: RawEntry) -> None:
    rename = tables.INHERIT_RULES.get((parent["type"], child["type"]))
    fields = child["fields"]
    own_date = any(f in fields for f in _DATE_FIELDS)
    for name, value in parent["fields"].items():
        if name in tables.NO_INHERIT or own_date and name in _DATE_FIELDS:
            continue
        targets = [name]
        if rename is not None:
            if name in rename:
                targets = [rename[name]] + ([] if name in tables.TITLE_FIELDS else [name])
            elif name in tables.TITLE_FIELDS:
                continue
        for target in targets:
            fields.setdefault(target, value)


def resolve_inheritance(entries: list[RawEntry], label: str, warnings: list[str]) -> None:
    """Copy fields from ``xdata`` and ``crossref`` parents (biblatex's rules), parents first.

    Iterative, so chains of any length resolve; a cycle is a warning (its entries keep what
    they inherited from outside it).
    """
    by_key = {e["key"]: e for e in entries}
    by_key.update({k.lower(): e for k, e in list(by_key.items()) if k.lower() not in by_key})
    done: set[int] = set()
    active: set[int] = set()

    def parents_of(entry: RawEntry) -> list[RawEntry]:
        found = []
        for key in _parents_named(entry):
            parent = by_key.get(key) or by_key.get(key.lower())
            if parent is None:
                warnings.append(f"{label}:{entry['line']}: [{entry['key']}] cross-referenced "
                                f"entry {key!r} not found")
            else:
                found.append(parent)
        return found

    for root in entries:
        if id(root) in done:
            continue
        stack: list[tuple[RawEntry, list[RawEntry], int]] = [(root, parents_of(root), 0)]
        active.add(id(root))
        while stack:
            entry, parents, next_parent = stack[-1]
            if next_parent < len(parents):
                stack[-1] = (entry, parents, next_parent + 1)
                parent = parents[next_parent]
                if id(parent) in active:
                    warnings.append(f"{label}:{entry['line']}: [{entry['key']}] "
                                    f"cross-references form a cycle through {parent['key']!r}")
                elif id(parent) not in done:
                    active.add(id(parent))
                    stack.append((parent, parents_of(parent), 0))
                continue
            for parent in parents:
                if id(parent) in done:
                    _inherit(entry, parent)
            stack.pop()
            active.discard(id(entry))
            done.add(id(entry))


#: the keys ``crossref`` and ``xdata`` fields name (a superset: read before the entries)
_REFERENCE = re.compile(
    r"""(?i)(?<![\w-])(?:crossref|xdata)\s*=\s*(\{[^{}]*\}|"[^"]*"|[^\s,}#]+)""")


def _referenced_keys(text: str) -> set[str]:
    keys: set[str] = set()
    lowered = text.lower()
    if "crossref" not in lowered and "xdata" not in lowered:
        return keys  # (most files: no scan with the pattern)
    for match in _REFERENCE.finditer(text):
        keys.update(k.strip().lower() for k in match.group(1).strip('{}"').split(","))
    return keys


def _parents_named(entry: RawEntry) -> list[str]:
    fields = entry["fields"]
    keys = [k.strip() for k in fields.get("xdata", "").split(",") if k.strip()]
    return keys + ([fields["crossref"].strip()] if "crossref" in fields else [])


def read(text: str, filename: str | None = None, *, keep_titles: bool = False) -> LoadResult:
    """Read every good entry of a BibTeX/BibLaTeX file; each bad one is a located error.
    English titles go to sentence case unless ``keep_titles``.

    Entries are converted as they are split, so a large file's raw entries never all exist at
    once; only the entries taking part in ``crossref``/``xdata`` inheritance wait for it.
    """
    return read_pieces(lambda: iter([text]), filename, keep_titles=keep_titles)


def read_pieces(pieces: Callable[[], Iterator[str]], filename: str | None = None, *,
                keep_titles: bool = False) -> LoadResult:
    """:func:`read` for a file given as consecutive pieces, each ending before a line that
    opens with ``@`` (``pieces()`` starts them again: they are read twice, so a large file
    never exists whole in memory). An error the pieces raise (bad UTF-8) is kept as such."""
    label = filename or "<string>"
    try:
        wanted: set[str] = set()
        size = 0
        for piece in pieces():
            wanted |= _referenced_keys(piece)
            size += len(piece)
        result = _read(pieces, label, wanted, size, keep_titles)
        if result is None:  # a parent the first pass did not keep: every entry waits
            result = _read(pieces, label, None, size, keep_titles)
    except ParseError as exc:
        return LoadResult(errors=[exc])
    assert result is not None  # (with every entry kept, no parent is missed)
    return result


def _read(pieces: Callable[[], Iterator[str]], label: str, wanted: set[str] | None,
          size: int, keep_titles: bool = False) -> LoadResult | None:
    """The file read with the entries named in ``wanted`` (None: all) kept for inheritance;
    None when an entry names a parent ``wanted`` missed (then all must wait)."""
    result = LoadResult()
    slots: list[Item | RawEntry | None] = []
    waiting: list[int] = []
    several = False
    splitter: _Splitter | None = None
    for piece in pieces():
        if splitter is None:
            several = len(piece) < size
            splitter = _Splitter(label, result, size, pieces=several)
        for entry in splitter.entries(piece):
            parents = _parents_named(entry)
            if wanted is None or parents or entry["key"].lower() in wanted:
                if wanted is not None and any(p.lower() not in wanted for p in parents):
                    return None  # (a crossref written as a macro, say)
                waiting.append(len(slots))
                slots.append(entry)
            else:
                slots.append(_convert(entry, label, result, keep_titles))
    resolve_inheritance([slots[i] for i in waiting],  # type: ignore[misc]
                        label, result.warnings)
    for i in waiting:
        slots[i] = _convert(slots[i], label, result, keep_titles)  # type: ignore[arg-type]
    result.items = [item for item in slots if isinstance(item, Item)]
    return result


def _convert(entry: RawEntry, label: str, result: LoadResult,
             keep_titles: bool = False) -> Item | None:
    """The item of a raw entry (None for @set, @xdata ...; errors and warnings to result)."""
    if entry["type"] == "set":
        result.warnings.append(f"{label}:{entry['line']}: [{entry['key']}] @set is not an "
                               "item; its members are read on their own")
    if entry["type"] in tables.NON_ITEMS:
        return None
    notes: list[str] = []
    try:
        item = convert_entry(entry, keep_titles=keep_titles, warnings=notes)
    except Exception as exc:  # one odd entry must not stop the others
        result.errors.append(ParseError(f"cannot convert entry: {exc}", file=label,
                                        line=entry["line"], key=entry["key"]))
        return None
    result.warnings.extend(f"{label}:{entry['line']}: [{entry['key']}] {note}"
                           for note in notes)
    return item


__all__ = ["Expansion", "blocks_of", "detect", "read", "read_pieces", "resolve_inheritance",
           "resolve_value", "split_blocks"]
