"""Format stage: the output tree that evaluation builds and renderers consume.

A :class:`Span` holds children (strings or spans), optional formatting (affixes, delimiter,
font attributes, quotes, display) and a ``tag`` saying what produced it (``names``, ``date``,
``year-suffix``, ``citation-number``, ``nocase``, ``title`` ...), so later passes
(disambiguation, collapsing, text-case) work on the tree, not on strings.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Union

Child = Union["Span", str]


class Span:
    """A node of the output tree."""

    __slots__ = ("children", "fmt", "tag", "data", "solid")

    def __init__(self, children: list[Child] | None = None, fmt: dict[str, str] | None = None,
                 tag: str | None = None, data: Any = None) -> None:
        self.children: list[Child] = children if children is not None else []
        self.fmt: dict[str, str] = fmt or {}
        self.tag = tag
        self.data = data
        # set by evaluation when the span is made from children known to hold text; only the
        # evaluator reads it (passes that edit a tree afterwards use is_empty())
        self.solid = False

    def __repr__(self) -> str:
        inner = ", ".join(repr(c) for c in self.children)
        return f"Span({self.tag or ''}{self.fmt or ''}: {inner})"

    def walk(self) -> Iterator[Span]:
        """This span and every span below it, depth first."""
        yield self
        for child in self.children:
            if isinstance(child, Span):
                yield from child.walk()

    def find(self, tag: str) -> Span | None:
        for span in self.walk():
            if span.tag == tag:
                return span
        return None

    def plain(self) -> str:
        """The bare text of the leaves, with delimiters and affixes (no quotes, no markup)."""
        parts = [c if isinstance(c, str) else c.plain() for c in self.children]
        parts = [p for p in parts if p]
        body = self.fmt.get("delimiter", "").join(parts)
        if not body:
            return ""
        return self.fmt.get("prefix", "") + body + self.fmt.get("suffix", "")

    def is_empty(self) -> bool:
        for child in self.children:
            if isinstance(child, str):
                if child:
                    return False
            elif not child.is_empty():
                return False
        return True
