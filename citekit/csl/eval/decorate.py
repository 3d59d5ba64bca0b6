"""Format stage: :func:`decorate`, the one place that applies a rendering element's affixes,
formatting, display, quotes, strip-periods and text-case to its output (beneath every
evaluator: cs:text, cs:names, cs:date, cs:number all wrap their output with it)."""
from __future__ import annotations

import re
from collections.abc import Sequence

from ..nodes import Node
from ..output.tree import Child, Span, TagName
from .context import Context
from .textcase import apply_text_case, strip_periods

# citeproc-js's "romanesque" characters: a string with none of them (CJK, for instance) does not
# take the font-style of the element that outputs it
_ROMANESQUE = re.compile(
    "[-0-9a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4"
    "\u05d6-\u05ff\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218\u0219\u021a"
    "\u021b\u202a-\u202e]")


def decorate(children: Sequence[Child | None], node: Node, ctx: Context, tag: TagName | None = None,
             data: object = None, affixes: bool = True, leaf: str | None = None) -> Span | None:
    """Wrap ``children`` in a span carrying ``node``'s formatting; None when empty.

    ``leaf`` is the string an element outputs itself (a variable's value, a term): when it has
    no romanesque character, the element's font-style is dropped (as citeproc-js does for
    each string it outputs; formatting of enclosing groups and macros stays).
    """
    # ``__class__ is str``, not isinstance: decorate runs for every element evaluated
    present: list[Child] = [
        c for c in children  # type: ignore[misc]
        if (c if c.__class__ is str else
            c is not None and (c.solid or not c.is_empty()))]  # type: ignore[union-attr]
    if not present:
        return None
    plan = node.plan
    case = plan.text_case
    solid = True
    if plan.strip_periods:
        present = strip_periods(present)
        solid = False
    sorting = ctx.sorting
    if case and not sorting and (case != "title" or (
            ctx.title_case and (ctx.english or not _multilingual(node)))):
        # case rules of the item's language, else of the style's locale (citeproc-js)
        present = apply_text_case(present, case, ctx.item.get("language") or ctx.locale.lang)
        solid = False
    planned = plan.formats[sorting][affixes]
    fmt = dict(planned) if planned else None  # most elements have no formatting of their own
    if fmt and leaf is not None and "font-style" in fmt and not _ROMANESQUE.search(leaf):
        del fmt["font-style"]
    span = Span(present, fmt, tag, data)
    span.solid = solid  # text-case and strip-periods may have emptied a leaf: look again
    return span


# citeproc-js leaves these variables' own text-case="title" alone in a non-English item
# (its CSL.LangPrefsMap); terms, labels and other variables are title-cased all the same
_MULTILINGUAL = frozenset({
    "title", "title-short", "event", "genre", "medium", "container-title", "collection-title",
    "archive", "publisher", "authority", "publisher-place", "event-place", "archive-place",
    "jurisdiction", "number", "edition", "issue", "volume"})


def _multilingual(node: Node) -> bool:
    """A cs:text or cs:number rendering one of those variables, or any other title."""
    if node.name not in ("text", "number"):
        return False
    variable = node.attrs.get("variable", "")
    return variable in _MULTILINGUAL or "title" in variable
