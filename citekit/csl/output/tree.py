"""Format stage: the output tree that evaluation builds and renderers consume.

A :class:`Span` holds children (strings or spans), optional formatting (affixes, delimiter,
font attributes, quotes, display) and a :class:`Tag` saying what produced it (``NAMES``,
``DATE``, ``YEAR_SUFFIX``, ``CITATION_NUMBER``, ``NOCASE``, ``TITLE`` ...), so later passes
(disambiguation, collapsing, text-case) work on the tree, not on strings.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Union

from ...model import Name

Child = Union["Span", str]


class TagName(str):
    """A span tag: one of the :class:`Tag` constants (a ``str``, so comparisons and the
    renderers' events read as plain names; the type tells a tag from any other string)."""

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        # a tree that comes back from a worker process holds the very constants (tags are
        # compared with ``is``)
        return (_tag_named, (str(self),))


class Tag:
    """What produced a span; values are the CSL element or variable names they stand for.

    A closed set of constants rather than an ``enum.Enum``: reading a class attribute is
    4 times faster than an Enum member on Python 3.11, and spans are made by the hundred
    thousand.
    """

    # the containers the processor builds
    CLUSTER = TagName("cluster")  # a whole citation
    CITES = TagName("cites")  # its cites, joined
    CITE = TagName("cite")  # one cite (data: the Cite)
    ENTRY = TagName("entry")  # one item's layout output (data: the item id)
    PREFIX = TagName("prefix")  # a cite's prefix
    SUFFIX = TagName("suffix")  # a cite's suffix ...
    SUFFIX_BODY = TagName("suffix-body")  # ... and its text after leading punctuation
    # rendering elements
    MACRO = TagName("macro")  # data: the macro name
    TERM = TagName("term")
    VALUE = TagName("value")
    VARIABLE = TagName("variable")  # data: the variable rendered
    TITLE = TagName("title")
    LOCATOR = TagName("locator")
    YEAR_SUFFIX = TagName("year-suffix")
    MARKUP = TagName("markup")  # <i> or <b> of a field's rich text (flips a font in force)
    CITATION_NUMBER = TagName("citation-number")  # data: the number
    LABEL = TagName("label")
    GROUP = TagName("group")
    CHOOSE = TagName("choose")
    NUMBER = TagName("number")  # data: the variable
    DATE = TagName("date")  # data: the variable
    YEAR = TagName("year")
    MONTH = TagName("month")
    SEASON = TagName("season")
    DAY = TagName("day")
    NAMES = TagName("names")  # data: the variables rendered, or ("substitute",)
    NAMES_VAR = TagName("names-var")  # one variable's names (data: the variable)
    NAME_LIST = TagName("name-list")  # data: NameListData
    NAME = TagName("name")  # data: NameData
    ET_AL = TagName("et-al")
    # rich text inside values
    NOCASE = TagName("nocase")
    NODECOR = TagName("nodecor")
    SC = TagName("sc")
    SUP = TagName("sup")
    SUB = TagName("sub")
    INLINE_QUOTE = TagName("inline-quote")
    # added after evaluation
    LINK = TagName("link")  # a link (data: (target, role)), made by the link passes (.links)


_TAGS: dict[str, TagName] = {v: v for v in vars(Tag).values() if isinstance(v, TagName)}


def _tag_named(value: str) -> TagName:
    return _TAGS[value]


@dataclass(frozen=True, slots=True)
class NameListData:
    """The data of a ``NAME_LIST`` span: one name variable's list as rendered."""

    variable: str
    total: int  # names in the variable
    shown: int  # names rendered (fewer under et-al)
    initialized: bool = False  # the cs:name has initialize-with


@dataclass(frozen=True, slots=True)
class NameData:
    """The data of a ``NAME`` span: which name of its list, and the name."""

    index: int
    name: Name


class Span:
    """A node of the output tree."""

    __slots__ = ("children", "fmt", "tag", "data", "solid")

    def __init__(self, children: list[Child] | None = None, fmt: dict[str, str] | None = None,
                 tag: TagName | None = None, data: Any = None) -> None:
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
        """This span and every span below it, depth first (each span's children as they are
        when it is reached)."""
        stack = [self]
        pop, push = stack.pop, stack.extend
        while stack:
            span = pop()
            yield span
            children = span.children
            if len(children) == 1:
                if isinstance(children[0], Span):
                    stack.append(children[0])
            elif children:
                push([c for c in reversed(children) if isinstance(c, Span)])

    def find(self, tag: TagName) -> Span | None:
        """The first span tagged ``tag``, depth first."""
        for span in self.walk():
            if span.tag is tag:
                return span
        return None

    def plain(self) -> str:
        """The bare text of the leaves, with delimiters and affixes (no quotes, no markup)."""
        parts = []
        for c in self.children:
            text = c if c.__class__ is str else c.plain()  # type: ignore[union-attr]
            if text:
                parts.append(text)
        if not parts:
            return ""
        fmt = self.fmt
        if not fmt:
            return "".join(parts)
        return fmt.get("prefix", "") + fmt.get("delimiter", "").join(parts) \
            + fmt.get("suffix", "")

    def is_empty(self) -> bool:
        for child in self.children:
            # ``__class__ is str``, not isinstance: this runs for nearly every span made
            if child.__class__ is str:
                if child:
                    return False
            elif not child.is_empty():  # type: ignore[union-attr]
                return False
        return True
