"""Format stage: which item variables a group's elements depend on, for skipping a group whose
variables an item lacks.

Most groups of a large style render nothing for a given item: an APA entry evaluates about 66
groups and macro calls, and more than half of them are suppressed because the item lacks every
variable in them. When the elements below a group can only tell items apart by which of those
variables they hold (by the item type, and by nothing of the cite, the disambiguation or a
computed variable), every item of one type that lacks all of them gets the same outcome. The
evaluator then remembers a suppressed outcome and the group-context flag it handed up
(:func:`.core.group_children`), and does not evaluate the group again for such an item.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..nodes import Node
from .context import SPECIAL_VARIABLES

# conditions on the cite or on the disambiguation pass, not on the item's variables
_CITE_CONDITIONS = ("position", "disambiguate", "locator")
# variables the evaluators work out instead of reading them from the item
_COMPUTED = SPECIAL_VARIABLES | {"citation-number", "citation-label"}
# what a short form or a -short variable falls back to (core._text_variable)
_FALLBACKS = {"title-short": ("shortTitle", "title"),
              "container-title-short": ("journalAbbreviation", "container-title")}
_VARIABLE_ATTRS = ("variable", "is-numeric", "is-uncertain-date")


def variables_of(nodes: Iterable[Node]) -> frozenset[str] | None:
    """Every item variable that ``nodes`` and the elements below them (macro bodies
    included) render or test, with the variables a short form falls back to; None when what
    they render depends on more than which of those variables the item holds (a test of the
    cite's position or locator, or of disambiguation; a computed variable such as
    citation-number, year-suffix or locator)."""
    found: set[str] = set()
    seen: set[int] = set()
    stack = list(nodes)
    while stack:
        node = stack.pop()
        if id(node) in seen:  # a macro called twice
            continue
        seen.add(id(node))
        attrs = node.attrs
        if node.name in ("if", "else-if") and any(k in attrs for k in _CITE_CONDITIONS):
            return None
        for key in _VARIABLE_ATTRS:
            value = attrs.get(key)
            if value:
                found.update(value.split())
        stack.extend(node.children)
    if not found.isdisjoint(_COMPUTED):
        return None
    for variable in list(found):
        short = variable if variable.endswith("-short") else variable + "-short"
        found.update((short, short[:-6], *_FALLBACKS.get(short, ())))
    return frozenset(found)
