"""Format stage: edits of the text an output tree starts with, made on the tree before it is
rendered (so no writer's markup or escaping is in the way): capitalising the first letter of
a footnote, and dropping the delimiter a suppressed author leaves at the start of a citation.

The tree's text is read in the order the renderers write it (affixes, children, delimiters
between non-empty children, quotation marks); affixes and leaf strings can be edited,
delimiters and quotation marks only read.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .tree import Span

_OPEN_QUOTE, _CLOSE_QUOTE = "\u201c", "\u201d"  # stand-ins: the locale's marks are not known
# what may come before the letter that is capitalised (markup is not text in a tree)
_BEFORE_LETTER = frozenset(" \t\n\u00a0\"'\u201c\u2018([*_")
_DELIMITERS = ",;:"


@dataclass
class _Piece:
    span: Span
    where: str | int  # "prefix", "suffix" (editable), "delimiter", "quote" (read-only), index
    text: str

    @property
    def editable(self) -> bool:
        return self.where not in ("delimiter", "quote")

    def set(self, text: str) -> None:
        if isinstance(self.where, int):
            self.span.children[self.where] = text
        else:
            self.span.fmt[self.where] = text
        self.text = text


def _pieces(span: Span) -> Iterator[_Piece]:
    """The text of a non-empty span, piece by piece, in rendering order."""
    fmt = span.fmt
    if fmt.get("prefix"):
        yield _Piece(span, "prefix", fmt["prefix"])
    quoted = fmt.get("quotes") in ("true", "inner")
    if quoted:
        yield _Piece(span, "quote", _OPEN_QUOTE)
    delimiter = fmt.get("delimiter")
    first = True
    for index, child in enumerate(span.children):
        if child == "" or isinstance(child, Span) and child.is_empty():
            continue
        if not first and delimiter:
            yield _Piece(span, "delimiter", delimiter)
        first = False
        if isinstance(child, str):
            yield _Piece(span, index, child)
        else:
            yield from _pieces(child)
    if quoted:
        yield _Piece(span, "quote", _CLOSE_QUOTE)
    if fmt.get("suffix"):
        yield _Piece(span, "suffix", fmt["suffix"])


def _chars(tree: Span) -> Iterator[tuple[_Piece, int, str]]:
    if tree.is_empty():
        return
    for piece in _pieces(tree):
        for offset, char in enumerate(piece.text):
            yield piece, offset, char


def capitalize_first(tree: Span) -> None:
    """Upper-case the tree's first letter (after spaces, opening quotes and brackets)."""
    for piece, offset, char in _chars(tree):
        if char in _BEFORE_LETTER:
            continue
        if (char.isalnum() or char == "_") and piece.editable:
            piece.set(piece.text[:offset] + char.upper() + piece.text[offset + 1:])
        return


def strip_leading_delimiter(tree: Span) -> None:
    """Drop a delimiter at the start (after one opening bracket): "(, chap. 3)" becomes
    "(chap. 3)", as it reads once the author before it is suppressed."""
    doomed: list[tuple[_Piece, int]] = []
    seen_delimiter = opened = False
    for piece, offset, char in _chars(tree):
        if not doomed and not seen_delimiter and not opened and char in "([":
            opened = True
            continue
        opened = True  # one bracket at most, and only first
        if char.isspace():
            doomed.append((piece, offset))
        elif char in _DELIMITERS and not seen_delimiter:
            seen_delimiter = True
            doomed.append((piece, offset))
        else:
            break
    if not seen_delimiter or not all(piece.editable for piece, _ in doomed):
        return
    by_piece: dict[int, tuple[_Piece, set[int]]] = {}
    for piece, offset in doomed:
        by_piece.setdefault(id(piece), (piece, set()))[1].add(offset)
    for piece, offsets in by_piece.values():
        piece.set("".join(c for i, c in enumerate(piece.text) if i not in offsets))
