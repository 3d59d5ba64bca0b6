"""Format stage: evaluate CSL rendering elements for one item into an output tree.

``evaluate(node, ctx)`` dispatches on the element name; :func:`decorate` is the one place that
applies affixes, formatting, display, quotes, strip-periods and text-case for every kind of
node. Names, dates, numbers and conditions live in their own modules.
"""
from __future__ import annotations

import re
from typing import Callable

from ..nodes import Node
from ..output.tree import Child, Span
from ..richtext import parse_rich
from .context import Context
from .textcase import apply_text_case, strip_periods

_FORMAT_ATTRS = ("font-style", "font-variant", "font-weight", "text-decoration",
                 "vertical-align")
# numeric variables whose ranges citeproc-js joins with the range delimiter in cs:text too
_NUMBER_VARIABLES = frozenset(("page-first", "chapter-number", "collection-number", "edition",
                               "issue", "number", "number-of-pages", "number-of-volumes",
                               "volume"))
_NUMBER_FIELDS = _NUMBER_VARIABLES | {"page", "locator", "locator-extra"}
_NO_RICH = frozenset(("URL", "DOI", "PMID", "PMCID", "ISBN", "ISSN"))
# citeproc-js's "romanesque" characters: a string with none of them (CJK, for instance) does not
# take the font-style of the element that outputs it
_ROMANESQUE = re.compile(
    "[-0-9a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4"
    "\u05d6-\u05ff\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218\u0219\u021a"
    "\u021b\u202a-\u202e]")


def decorate(children: list[Child], node: Node, ctx: Context, tag: str | None = None,
             data: object = None, affixes: bool = True, leaf: str | None = None) -> Span | None:
    """Wrap ``children`` in a span carrying ``node``'s formatting; None when empty.

    ``leaf`` is the string an element outputs itself (a variable's value, a term): when it has
    no romanesque character, the element's font-style is dropped (as citeproc-js does for
    each string it outputs; formatting of enclosing groups and macros stays).
    """
    children = [c for c in children if c is not None and c != ""
                and not (isinstance(c, Span) and c.is_empty())]
    if not children:
        return None
    attrs = node.attrs
    if attrs.get("strip-periods") == "true":
        children = strip_periods(children)
    case = attrs.get("text-case")
    if case and not ctx.sorting and (case != "title" or ctx.title_case):
        children = apply_text_case(children, case, ctx.item.get("language"))
    fmt = {k: attrs[k] for k in _FORMAT_ATTRS if k in attrs}
    if leaf is not None and "font-style" in fmt and not _ROMANESQUE.search(leaf):
        del fmt["font-style"]
    if attrs.get("quotes") == "true":
        fmt["quotes"] = "true"
    if "display" in attrs and not ctx.sorting:
        fmt["display"] = attrs["display"]
    if affixes:
        if attrs.get("prefix"):
            fmt["prefix"] = attrs["prefix"]
        if attrs.get("suffix"):
            fmt["suffix"] = attrs["suffix"]
    if "delimiter" in attrs and node.name in ("group", "layout", "names", "date"):
        fmt["delimiter"] = attrs["delimiter"]
    if ctx.sorting:
        fmt = {k: v for k, v in fmt.items() if k in ("delimiter", "prefix", "suffix")}
    return Span(children, fmt, tag, data)


def evaluate(node: Node, ctx: Context) -> Span | None:
    handler = HANDLERS.get(node.name)
    if handler is None:
        return None
    return handler(node, ctx)


def evaluate_children(nodes: list[Node], ctx: Context) -> list[Child]:
    out: list[Child] = []
    for child in nodes:
        span = evaluate(child, ctx)
        if span is None:
            continue
        if span.tag == "choose":  # cs:choose is transparent: its branch joins the parent
            out.extend(span.children)
        else:
            out.append(span)
    return out


def rich(value: str, variable: str | None = None) -> list[Child]:
    if variable in _NO_RICH:
        return [value]
    return parse_rich(value)


# -- cs:text -------------------------------------------------------------------------------

def _text(node: Node, ctx: Context) -> Span | None:
    attrs = node.attrs
    if "variable" in attrs:
        return _text_variable(node, ctx, attrs["variable"])
    if "macro" in attrs:
        children = group_children(node.children, ctx)
        if children is None:
            return None
        return decorate(children, node, ctx, tag="macro", data=attrs["macro"])
    if "term" in attrs:
        plural = attrs.get("plural") == "true"
        term = ctx.locale.term(attrs["term"], attrs.get("form", "long"), plural)
        if not term:
            return None
        ctx.note_term()
        return decorate(rich(term), node, ctx, tag="term", leaf=term)
    if "value" in attrs:
        ctx.note_term()
        return decorate(rich(attrs["value"]), node, ctx, tag="value", leaf=attrs["value"])
    return None


_SHORT_ALIASES = {"container-title-short": "journalAbbreviation", "title-short": "shortTitle"}


def _text_variable(node: Node, ctx: Context, variable: str) -> Span | None:
    from .numbers import number_text

    form = node.get("form", "long")
    value = None
    used = variable
    ctx.visit(variable)
    if form == "short":
        value = ctx.variable(variable + "-short") if not variable.endswith("-short") else None
        if value is None and variable + "-short" in _SHORT_ALIASES:  # CSL-JSON legacy names
            value = ctx.variable(_SHORT_ALIASES[variable + "-short"])
        if value is not None:
            used = variable + "-short"
    if value is None:
        value = ctx.variable(variable)
    if variable == "title-short" and value is None:
        value = ctx.variable("shortTitle") or ctx.variable("title")
        used = "title"
    if variable == "container-title-short" and value is None:
        value = ctx.variable("journalAbbreviation")
    if variable == "citation-number":
        value = ctx.item.get("citation-number")
        ctx.note_variable(value is not None)
        if value is None:
            return None
        return decorate([str(value)], node, ctx, tag="citation-number", data=value)
    if variable == "citation-label":  # always renders (a trigraph when not in the data)
        from .trigraph import citation_label

        ctx.note_variable(True)
        return decorate([citation_label(ctx)], node, ctx, tag="variable", data=variable)
    if variable == "year-suffix":  # citeproc-js: year-suffix always counts as rendered
        ctx.renders_year_suffix = True
        ctx.note_variable(True)
        if value is None:
            return None
    if isinstance(value, (list, dict)) or value is None or value == "":
        ctx.note_variable(False)
        return None
    ctx.note_variable(True)
    text = str(value)
    if variable in _NUMBER_FIELDS:  # citeproc-js renders these as numeric fields
        text = number_text(text, variable, ctx, None)
    tag = {"year-suffix": "year-suffix", "locator": "locator", "title": "title"}.get(variable)
    return decorate(rich(text, variable), node, ctx, tag=tag or "variable", data=used,
                    leaf=text)


# -- cs:label ------------------------------------------------------------------------------

def _label(node: Node, ctx: Context) -> Span | None:
    """Format stage: cs:label — term and plural from the variable parsed as a number."""
    from .numparse import parse_number

    variable = node.get("variable")
    if not variable:
        return None
    cite_label = None
    if variable == "locator":
        if not ctx.cite or not ctx.cite.locator:
            return None
        cite_label = ctx.cite.label
        term_name = "sub-verbo" if cite_label == "sub verbo" else (cite_label or "page")
        value = ctx.cite.locator
    else:
        value = ctx.variable(variable)
        if value is None or value == "" or isinstance(value, (list, dict)):
            return None
        term_name = variable
    info = parse_number(value, variable, ctx.locale, cite_label)
    if variable in ("locator", "number", "page") and info.label:
        term_name = info.label
    plural_attr = node.get("plural", "contextual")
    if plural_attr == "always":
        plural = True
    elif plural_attr == "never":
        plural = False
    else:
        plural = bool(info.plural)
    term = ctx.locale.term(term_name, node.get("form", "long"), plural)
    if not term:
        return None
    ctx.note_term()
    return decorate(rich(term), node, ctx, tag="label", leaf=term)


# -- cs:group ------------------------------------------------------------------------------

def _group(node: Node, ctx: Context) -> Span | None:
    """Format stage: cs:group, suppressed as a whole by :func:`group_children`."""
    children = group_children(node.children, ctx)
    if children is None:
        return None
    return decorate(children, node, ctx, tag="group")


def group_children(nodes: list[Node], ctx: Context) -> list[Child] | None:
    """Format stage: evaluate a group's (or macro's) children with citeproc-js's group context.

    The group renders when a variable in it rendered, or when it holds a term and no variable
    came out empty; otherwise it yields None. A rendered group counts as a rendered variable for
    its parent; a suppressed one hands its attempt flag up (overwriting, as citeproc-js does).
    """
    ctx.frames.append([0, 0, 0])
    try:
        children = evaluate_children(nodes, ctx)
    finally:
        attempt, success, term = ctx.frames.pop()
    if not (success or (term and not attempt)):
        if ctx.frames:
            ctx.frames[-1][0] = attempt
        return None
    if ctx.frames:
        ctx.frames[-1][1] = 1
    return children


# -- cs:choose -----------------------------------------------------------------------------

def _choose(node: Node, ctx: Context) -> Span | None:
    from .conditions import test

    for branch in node.children:
        if branch.name == "else" or test(branch, ctx):
            children = evaluate_children(branch.children, ctx)
            if not children:
                return None
            return Span(children, tag="choose")
    return None


def _number(node: Node, ctx: Context) -> Span | None:
    from .numbers import render_number

    return render_number(node, ctx)


def _names(node: Node, ctx: Context) -> Span | None:
    from .names import render_names

    return render_names(node, ctx)


def _date(node: Node, ctx: Context) -> Span | None:
    from .dates import render_date

    return render_date(node, ctx)


HANDLERS: dict[str, Callable[[Node, Context], Span | None]] = {
    "text": _text, "label": _label, "group": _group, "choose": _choose, "number": _number,
    "names": _names, "date": _date,
}
