"""Format stage: parentheses nested in parentheses become square brackets (note styles).

citeproc-js does this in note styles only (in citations, and in bibliography entries made
after a citation), and only for the affixes of the
elements that open an output level of their own (groups, macros, dates, names), the layout's
affixes and the cite prefixes and suffixes; the text of variables, terms and labels, and
their affixes, are left alone. The nesting depth is counted over those affixes in output
order, for the whole citation: an opening parenthesis at odd depth becomes "[", a closing one
that brings the depth back to an odd level becomes "]".
"""
from __future__ import annotations

import re

from .tree import Child, Span, Tag

_LEVEL_TAGS = frozenset((Tag.GROUP, Tag.MACRO, Tag.DATE, Tag.NAMES))
_PARENS = re.compile(r"([()])")


class _Depth:
    def __init__(self) -> None:
        self.depth = 0

    def update(self, text: str) -> str:
        if "(" not in text and ")" not in text:
            return text
        pieces = _PARENS.split(text)
        for i in range(1, len(pieces), 2):
            if pieces[i] == "(":
                if self.depth % 2 == 1:
                    pieces[i] = "["
                self.depth += 1
            else:
                if self.depth % 2 == 0:
                    pieces[i] = "]"
                self.depth -= 1
        return "".join(pieces)


def nest_braces(cluster: Span) -> Span:
    """Flip nested parentheses in a citation cluster's tree (in place); returns it.

    The cluster's outer span carries the layout formatting, its first child the layout's
    affixes (see ``Processor.cluster_tree``).
    """
    counter = _Depth()
    layout = cluster.children[0] if cluster.children else None
    _walk(cluster, counter, layout)
    return cluster


def nest_entry_braces(entry: Span) -> Span:
    """Flip nested parentheses in a bibliography entry's tree (in place); returns it.
    citeproc-js flips them there too once a citation has been processed: the bibliography
    goes through the same output queue."""
    _walk(entry, _Depth(), None)
    return entry


def _walk(span: Span, counter: _Depth, layout: Child | None) -> None:
    if span.tag is Tag.PREFIX or span.tag is Tag.SUFFIX:  # a cite's own affix text: all of it
        _leaves(span, counter)
        return
    affixed = span.tag in _LEVEL_TAGS or span is layout
    fmt = span.fmt
    if affixed and fmt.get("prefix"):
        fmt["prefix"] = counter.update(fmt["prefix"])
    for child in span.children:
        if isinstance(child, Span):
            _walk(child, counter, layout)
    if affixed and fmt.get("suffix"):
        fmt["suffix"] = counter.update(fmt["suffix"])


def _leaves(span: Span, counter: _Depth) -> None:
    for i, child in enumerate(span.children):
        if isinstance(child, str):
            span.children[i] = counter.update(child)
        else:
            _leaves(child, counter)
