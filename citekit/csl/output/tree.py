"""Format stage: the output tree that evaluation builds and renderers consume.

A :class:`Span` holds children (strings or spans), optional formatting (affixes, delimiter,
font attributes, quotes, display) and a :class:`Tag` saying what produced it (``NAMES``,
``DATE``, ``YEAR_SUFFIX``, ``CITATION_NUMBER``, ``NOCASE``, ``TITLE`` ...), so later passes
(disambiguation, collapsing, text-case) work on the tree, not on strings.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any, Union

from ...model import Name

Child = Union["Span", str]


class Tag(str, Enum):
    """What produced a span. Values are the CSL element or variable names they stand for."""

    # the containers the processor builds
    CLUSTER = "cluster"  # a whole citation
    CITES = "cites"  # its cites, joined
    CITE = "cite"  # one cite (data: the Cite)
    ENTRY = "entry"  # one item's layout output (data: the item id)
    PREFIX = "prefix"  # a cite's prefix
    SUFFIX = "suffix"  # a cite's suffix ...
    SUFFIX_BODY = "suffix-body"  # ... and its text after leading punctuation
    # rendering elements
    MACRO = "macro"  # data: the macro name
    TERM = "term"
    VALUE = "value"
    VARIABLE = "variable"  # data: the variable rendered
    TITLE = "title"
    LOCATOR = "locator"
    YEAR_SUFFIX = "year-suffix"
    CITATION_NUMBER = "citation-number"  # data: the number
    LABEL = "label"
    GROUP = "group"
    CHOOSE = "choose"
    NUMBER = "number"  # data: the variable
    DATE = "date"  # data: the variable
    YEAR = "year"
    MONTH = "month"
    SEASON = "season"
    DAY = "day"
    NAMES = "names"  # data: the variables rendered, or ("substitute",)
    NAMES_VAR = "names-var"  # one variable's names (data: the variable)
    NAME_LIST = "name-list"  # data: NameListData
    NAME = "name"  # data: NameData
    ET_AL = "et-al"
    # rich text inside values
    NOCASE = "nocase"
    NODECOR = "nodecor"
    SC = "sc"
    SUP = "sup"
    SUB = "sub"
    INLINE_QUOTE = "inline-quote"
    # added after evaluation
    LINK = "link"  # a link (data: (target, role)), made by the link passes (.links)

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class NameListData:
    """The data of a ``NAME_LIST`` span: one name variable's list as rendered."""

    variable: str
    total: int  # names in the variable
    shown: int  # names rendered (fewer under et-al)


@dataclass(frozen=True, slots=True)
class NameData:
    """The data of a ``NAME`` span: which name of its list, and the name."""

    index: int
    name: Name


class Span:
    """A node of the output tree."""

    __slots__ = ("children", "fmt", "tag", "data", "solid")

    def __init__(self, children: list[Child] | None = None, fmt: dict[str, str] | None = None,
                 tag: Tag | None = None, data: Any = None) -> None:
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

    def find(self, tag: Tag) -> Span | None:
        """The first span tagged ``tag``, depth first."""
        for span in self.walk():
            if span.tag is tag:
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
