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
_NO_RICH = frozenset(("URL", "DOI", "PMID", "PMCID", "ISBN", "ISSN"))


def decorate(children: list[Child], node: Node, ctx: Context, tag: str | None = None,
             data: object = None, affixes: bool = True) -> Span | None:
    """Wrap ``children`` in a span carrying ``node``'s formatting; None when empty."""
    children = [c for c in children if c is not None and c != ""
                and not (isinstance(c, Span) and c.is_empty())]
    if not children:
        return None
    attrs = node.attrs
    if attrs.get("strip-periods") == "true":
        children = strip_periods(children)
    case = attrs.get("text-case")
    if case and not ctx.sorting and (case != "title" or ctx.english):
        children = apply_text_case(children, case)
    fmt = {k: attrs[k] for k in _FORMAT_ATTRS if k in attrs}
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
        return decorate(evaluate_children(node.children, ctx), node, ctx, tag="macro",
                        data=attrs["macro"])
    if "term" in attrs:
        plural = attrs.get("plural") == "true"
        term = ctx.locale.term(attrs["term"], attrs.get("form", "long"), plural)
        if not term:
            return None
        return decorate(rich(term), node, ctx, tag="term")
    if "value" in attrs:
        return decorate(rich(attrs["value"]), node, ctx, tag="value")
    return None


def _text_variable(node: Node, ctx: Context, variable: str) -> Span | None:
    from .numbers import format_page_range, normalize_range

    form = node.get("form", "long")
    value = None
    used = variable
    if form == "short":
        value = ctx.variable(variable + "-short") if not variable.endswith("-short") else None
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
    if variable == "year-suffix":
        ctx.renders_year_suffix = True
    if isinstance(value, (list, dict)) or value is None or value == "":
        ctx.note_variable(False)
        return None
    ctx.note_variable(True)
    text = str(value)
    if variable == "page":
        text = format_page_range(text, ctx)
    elif variable == "locator":
        text = normalize_range(text, ctx.locale)
    tag = {"year-suffix": "year-suffix", "locator": "locator", "title": "title"}.get(variable)
    return decorate(rich(text, variable), node, ctx, tag=tag or "variable", data=used)


# -- cs:label ------------------------------------------------------------------------------

def _label(node: Node, ctx: Context) -> Span | None:
    from .numbers import is_plural

    variable = node.get("variable")
    if not variable:
        return None
    if variable == "locator":
        if not ctx.cite or not ctx.cite.locator:
            return None
        term_name = ctx.cite.label or "page"
        value = ctx.cite.locator
    else:
        value = ctx.variable(variable)
        if value is None or value == "":
            return None
        term_name = variable
        if variable == "number" and ctx.item.type in ("chapter",):
            term_name = "number"
    plural_attr = node.get("plural", "contextual")
    if plural_attr == "always":
        plural = True
    elif plural_attr == "never":
        plural = False
    else:
        if variable == "number-of-pages" or variable == "number-of-volumes":
            plural = _numeric_value(str(value)) not in (None, 1)
        else:
            plural = is_plural(str(value))
    term = ctx.locale.term(term_name, node.get("form", "long"), plural)
    if not term:
        return None
    return decorate(rich(term), node, ctx, tag="label")


def _numeric_value(text: str) -> int | None:
    m = re.match(r"^\s*(\d+)\s*$", text)
    return int(m.group(1)) if m else None


# -- cs:group ------------------------------------------------------------------------------

def _group(node: Node, ctx: Context) -> Span | None:
    ctx.frames.append([0, 0])
    try:
        children = evaluate_children(node.children, ctx)
    finally:
        called, rendered = ctx.frames.pop()
    if called and not rendered:
        ctx.note_variable(False)
        return None
    span = decorate(children, node, ctx, tag="group")
    if called:
        ctx.note_variable(span is not None)
    return span


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
