"""Recover stage: a fast single-pass splitter for well-formed BibTeX files.

bibtexparser's splitter visits every brace, quote, comma and newline of a file from Python;
on a large file that is most of the reading time. :func:`scan` reads the common, well-formed
case with one regular-expression match per field and gives the same blocks bibtexparser
would (same keys, raw field values, line numbers and duplicate-key verdicts). It follows
bibtexparser's rules where they differ from BibTeX's: a brace, quote, comma or newline right
after a backslash is not special, braces inside a ``"..."`` value are not counted, and a block
start (``@type{`` or ``@type(``) at the start of a line inside an open block aborts that block.

Whatever it is not sure to read the same way (a block bibtexparser would abort or report as
malformed, ``{"}`` inside quotes, a backslash before a line break, nesting deeper than
:data:`MAX_DEPTH` ...) makes :func:`scan` give up on the whole file and return ``None``; the
caller then uses bibtexparser, which also gives the errors with their line numbers.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

#: braces nested deeper than this inside a value send the file to bibtexparser
MAX_DEPTH = 6

#: a block start, as bibtexparser finds it: ``@``, a type, blanks, then ``{`` or ``(``
BLOCK_START = re.compile(r"@[\w]*( |\t)*(?=[{(])")


class Block(NamedTuple):
    """One block of a BibTeX file, as the reader needs it (comments are not kept).

    ``kind`` is ``entry``, ``string``, ``preamble``, ``error`` or ``note`` (a warning);
    ``line`` is the 0-based line of the ``@``. Entries have their ``type`` (lower case),
    ``key`` and ``fields`` as written (``(name, raw value)`` pairs, duplicates included); a
    ``@string`` has its name as ``key`` and one field ``("", raw value)``. An error has its
    ``message`` and its source in ``raw``.
    """

    kind: str
    line: int | None
    type: str = ""
    key: str = ""
    fields: tuple[tuple[str, str], ...] = ()
    raw: str = ""
    message: str = ""


def _text(depth: int) -> str:
    """Text whose unescaped braces nest at most ``depth`` deep and are balanced."""
    plain = r"[^{}]*(?:(?<=\\)[{}][^{}]*)*"  # no brace, except right after a backslash
    pattern = plain
    for _ in range(depth):
        pattern = plain + r"(?:(?<!\\)\{" + pattern + r"(?<!\\)\}" + plain + r")*"
    return pattern


_BRACED = r"\{" + _text(MAX_DEPTH - 1) + r"(?<!\\)\}"
_QUOTED = r'"[^"]*(?:(?<=\\)"[^"]*)*(?<![\\{])"'  # no {"}: bibtexparser skips those quotes
_BARE = r'[^\s,{}"#=@\\()]+'
_PIECE = f"(?:{_BRACED}|{_QUOTED}|{_BARE})"
_VALUE = rf"(?:{_PIECE}(?:\s*\#\s*{_PIECE})*)?"
_NAME = r'[^,{}"=@\\()]*'  # a key or field name: no character bibtexparser stops at


def _compile(closer: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(a key and what follows it, a field, the end) of blocks closed by ``closer``."""
    end = re.escape(closer)
    return (re.compile(rf"({_NAME})([,{end}])"),
            re.compile(rf"({_NAME})=\s*({_VALUE})\s*([,{end}])"),
            re.compile(rf"\s*{end}"))


_PATTERNS = {closer: _compile(closer) for closer in "})"}
_STRING_NAME = re.compile(rf"({_NAME})=")
_MARKS = {"}": re.compile(r'(?<!\\)[{}"]|' + BLOCK_START.pattern),
          ")": re.compile(r'(?<!\\)[{}")]|' + BLOCK_START.pattern)}


#: fields going on right after an entry's end (a stray ``}`` closed it early)
ORPHAN_FIELDS = re.compile(r"\s*(?:,\s*)+[^\s,{}=@\"#()]+\s*=")


class _GiveUp(Exception):
    """The file is not in the subset :func:`scan` reads exactly like bibtexparser."""


def _at_line_start(text: str, pos: int) -> bool:
    """Only blanks between the start of the line and ``pos`` (bibtexparser's rule)."""
    i = pos - 1
    while i >= 0 and text[i] != "\n":
        if not text[i].isspace():
            return False
        i -= 1
    return True


def _check_no_block_start(text: str, start: int, end: int) -> None:
    """Give up if a block start at the start of a line lies in ``text[start:end]``."""
    for match in BLOCK_START.finditer(text, start):
        if match.start() >= end:
            return
        if _at_line_start(text, match.start()):
            raise _GiveUp


def _closing(text: str, pos: int, closer: str, track_quotes: bool) -> int:
    """Index of the delimiter closing a @string, @preamble or @comment block."""
    depth, quoted = 0, False
    track_quotes = track_quotes and closer == ")"
    for match in _MARKS[closer].finditer(text, pos):
        mark = match.group()
        if mark == "{":
            depth += 1
        elif mark == "}" and depth > 0:
            depth -= 1
        elif depth == 0 and mark == '"' and track_quotes:
            quoted = not quoted
        elif depth == 0 and mark == closer and not quoted:
            return match.start()
        elif mark[0] == "@" and _at_line_start(text, match.start()):
            raise _GiveUp
    raise _GiveUp  # never closed


def _fields(text: str, pos: int, closer: str) -> tuple[list[tuple[str, str]], int]:
    """The fields of an entry from ``pos`` (after the key's comma), and the end of the entry."""
    fields: list[tuple[str, str]] = []
    _, field_pattern, end_pattern = _PATTERNS[closer]
    while True:
        match = field_pattern.match(text, pos)
        if match is None:  # the end, else something bibtexparser would not read as we do
            end = end_pattern.match(text, pos)
            if end is None:
                raise _GiveUp
            return fields, end.end()
        value = match.group(2)
        if "@" in value:  # bibtexparser ends the entry at a block start opening a line
            _check_no_block_start(text, match.start(2), match.end(2))
        fields.append((match.group(1).strip(), value))
        pos = match.end()
        if match.group(3) == closer:
            return fields, pos


class _Scanner:
    """The blocks of one file, with bibtexparser's duplicate-key rules."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.blocks: list[Block] = []
        self.entry_keys: set[str] = set()
        self.string_keys: set[str] = set()

    def block(self, start: re.Match[str], line: int) -> int:
        """Read the block opened at ``start``; returns where the text after it begins."""
        text = self.text
        head = start.group().lower()
        opener = start.end()
        closer = "}" if text[opener] == "{" else ")"
        if head.startswith("@comment"):
            return _closing(text, opener + 1, closer, track_quotes=False) + 1
        if head.startswith("@preamble"):
            end = _closing(text, opener + 1, closer, track_quotes=True)
            self.blocks.append(Block("preamble", line))
            return end + 1
        if head.startswith("@string"):
            return self.string(start, line, closer)
        return self.entry(start, line, head[1:].strip(), closer)

    def string(self, start: re.Match[str], line: int, closer: str) -> int:
        """A ``@string``: its name up to ``=``, its value up to the closing delimiter."""
        text = self.text
        name = _STRING_NAME.match(text, start.end() + 1)
        if name is None:
            raise _GiveUp
        end = _closing(text, name.end(), closer, track_quotes=True)
        key, raw = name.group(1).strip(), text[start.start():end + 1]
        value = text[name.end():end].strip()
        self._add(Block("string", line, "", key, (("", value),), raw), self.string_keys,
                  start.start(), end + 1)
        return end + 1

    def entry(self, start: re.Match[str], line: int, btype: str, closer: str) -> int:
        """An entry: its key, then fields up to the closing delimiter."""
        text = self.text
        key = _PATTERNS[closer][0].match(text, start.end() + 1)
        if key is None:
            raise _GiveUp
        if key.group(2) == closer:
            fields: list[tuple[str, str]] = []
            end = key.end()
        else:
            fields, end = _fields(text, key.end(), closer)
        if ORPHAN_FIELDS.match(text, end):
            raise _GiveUp  # a stray brace closed the entry early: bibtexparser's blocks
        block = Block("entry", line, btype, key.group(1).strip(), tuple(fields))
        if len({name for name, _ in fields}) < len(fields):
            self.blocks.append(block)  # bibtexparser does not register these: no duplicate check
        else:
            self._add(block, self.entry_keys, start.start(), end)
        return end

    def _add(self, block: Block, seen: set[str], start: int, end: int) -> None:
        """Add ``block`` (``text[start:end]``), or a duplicate-key error if its key was seen."""
        if block.key in seen:  # the first one is kept
            self.blocks.append(Block("error", block.line, raw=self.text[start:end],
                                     message="duplicate entry key: the first entry is kept"))
        else:
            seen.add(block.key)
            self.blocks.append(block)


def _blocks(text: str) -> Iterator[Block]:
    """The blocks of ``text``, one at a time; raises _GiveUp (see :func:`scan`)."""
    scanner = _Scanner(text)
    pos, line, counted = 0, 0, 0
    search = BLOCK_START.search
    while True:
        start = search(text, pos)
        if start is None:
            return
        line += text.count("\n", counted, start.start())
        counted = start.start()
        pos = scanner.block(start, line)
        yield from scanner.blocks
        scanner.blocks.clear()


def scan(text: str) -> list[Block] | None:
    """The blocks of ``text`` as bibtexparser splits them, or ``None`` if unsure (see above)."""
    blocks = iter_scan(text)
    return None if blocks is None else list(blocks)


#: a text up to this size keeps the blocks of its checking pass (about the text's own size);
#: a larger one is scanned again, so its blocks never all exist at once
_KEPT_CHARS = 4_000_000


def iter_scan(text: str) -> Iterator[Block] | None:
    """:func:`scan`'s blocks one at a time (or ``None`` if unsure), so a large file's blocks
    never all exist at once: the text is checked in a first pass that keeps nothing (but for
    a text of at most ``_KEPT_CHARS``, whose blocks the first pass keeps)."""
    if "\\\n" in text:
        return None  # bibtexparser does not count such a line break: its line numbers differ
    try:
        if len(text) <= _KEPT_CHARS:
            return iter(list(_blocks(text)))
        for _ in _blocks(text):
            pass
    except _GiveUp:
        return None
    return _blocks(text)


__all__ = ["BLOCK_START", "MAX_DEPTH", "ORPHAN_FIELDS", "Block", "iter_scan", "scan"]
