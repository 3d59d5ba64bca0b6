"""Format stage: evaluate CSL rendering elements for one item into an output tree.

``evaluate(node, ctx)`` dispatches on the element name (the table at the end of this module);
cs:text, cs:label, cs:group and cs:choose are evaluated here, names, dates, numbers and
conditions in their own modules. All of them wrap their output with
:func:`~.decorate.decorate`, the module beneath them.
"""
from __future__ import annotations

from collections.abc import Callable

from ...errors import StyleError
from ..nodes import NOT_KNOWN, Node
from ..output.tree import Child, Span, Tag
from ..richtext import parse_rich
from . import absent, conditions, dates, names, numbers, numparse, trigraph
from .context import Context
from .decorate import decorate

# numeric variables whose ranges citeproc-js joins with the range delimiter in cs:text too
_NUMBER_VARIABLES = frozenset(("page-first", "chapter-number", "collection-number", "edition",
                               "issue", "number", "number-of-pages", "number-of-volumes",
                               "volume"))
_NUMBER_FIELDS = _NUMBER_VARIABLES | {"page", "locator", "locator-extra"}
_NO_RICH = frozenset(("URL", "DOI", "PMID", "PMCID", "ISBN", "ISSN"))


def evaluate(node: Node, ctx: Context) -> Span | None:
    handler = HANDLERS.get(node.name)
    if handler is None:
        return None
    return handler(node, ctx)


#: elements one entry (or cite) may evaluate: a style whose macros call each other
#: exponentially (a CSL "billion laughs") stops here with a StyleError, not after hours
MAX_STEPS = 100_000


def evaluate_children(nodes: list[Node], ctx: Context) -> list[Child]:
    ctx.steps += len(nodes)
    if ctx.steps > MAX_STEPS:
        raise StyleError(f"evaluating the style for item {ctx.item.id!r:.80} took more than "
                         f"{MAX_STEPS:,} steps (macros calling each other too often?)",
                         file=ctx.style.source or None)
    out: list[Child] = []
    handlers = HANDLERS
    for child in nodes:
        name = child.name
        if name == "choose":  # cs:choose is transparent: its branch joins the parent
            chosen = _chosen(child, ctx)
            if chosen:
                out.extend(chosen)
            continue
        handler = handlers.get(name)
        if handler is None:
            continue
        span = handler(child, ctx)
        if span is not None:
            out.append(span)
    return out


def rich(value: str, variable: str | None = None) -> list[Child]:
    if variable in _NO_RICH:
        return [value]
    return parse_rich(value)


def sort_dates_only(children: list[Child]) -> list[Child]:
    """What a macro holding a cs:date gives in a sort key: only its dates' sort strings
    (citeproc-js drops its other output there: names, terms, text, affixes)."""
    return [s for c in children if isinstance(c, Span) for s in c.walk() if s.tag is Tag.DATE]


# -- cs:text -------------------------------------------------------------------------------

def _text(node: Node, ctx: Context) -> Span | None:
    attrs = node.attrs
    if "variable" in attrs:
        return _text_variable(node, ctx, attrs["variable"])
    if "macro" in attrs:
        if node.undefined_macro is not None:
            raise StyleError(f"undefined macro {attrs['macro']!r}",
                             file=node.undefined_macro, line=node.line)
        children = _group_children_of(node, ctx)
        if children is None:
            return None
        if ctx.sorting and node.macro_has_date:  # the call's own affixes stay (citeproc-js)
            found: list[Child] = list(sort_dates_only(children))
            return decorate(found, node, ctx, tag=Tag.MACRO, data=attrs["macro"]) \
                if found else None
        return decorate(children, node, ctx, tag=Tag.MACRO, data=attrs["macro"])
    if "term" in attrs:
        plural = attrs.get("plural") == "true"
        term = ctx.locale.term(attrs["term"], attrs.get("form", "long"), plural)
        if not term:
            return None
        if attrs.get("strip-periods") == "true":  # a term loses every period (citeproc-js)
            term = term.replace(".", "")
        ctx.note_term()
        # data: the term's own text-case, which a note's leading capital leaves alone
        return decorate(rich(term), node, ctx, tag=Tag.TERM, leaf=term,
                        data=attrs.get("text-case"))
    if "value" in attrs:
        ctx.note_term()
        return decorate(rich(attrs["value"]), node, ctx, tag=Tag.VALUE, leaf=attrs["value"])
    return None


_SHORT_ALIASES = {"container-title-short": "journalAbbreviation", "title-short": "shortTitle"}


def _text_variable(node: Node, ctx: Context, variable: str) -> Span | None:
    if ctx.visits:
        ctx.visit(variable)
    computed = _COMPUTED.get(variable)
    if computed is not None:  # citation-number, citation-label: not item data
        return computed(node, ctx)
    used = variable
    value = None
    short = node.attrs.get("form") == "short"
    if short and variable not in ctx.substituted:
        value = ctx.variable(variable + "-short") if not variable.endswith("-short") else None
        if value is None and variable + "-short" in _SHORT_ALIASES:  # CSL-JSON legacy names
            value = ctx.variable(_SHORT_ALIASES[variable + "-short"])
        if value is not None:
            used = variable + "-short"
    if value is None:
        value = ctx.variable(variable)
        if value is None and variable == "title-short":  # no fallback to title (citeproc-js)
            value = ctx.variable("shortTitle")
        elif value is None and variable == "container-title-short":
            value = ctx.variable("journalAbbreviation")
        if value is None and variable.endswith("-short") and ctx.abbreviations is not None:
            full = ctx.variable(variable[:-6])  # container-title-short from the list
            if isinstance(full, str):
                value = ctx.abbreviations.lookup(variable[:-6], full)
        elif isinstance(value, str) and ctx.abbreviations is not None and short:
            value = ctx.abbreviations.lookup(variable, value) or value
    if variable == "year-suffix":  # citeproc-js: year-suffix always counts as rendered
        ctx.renders_year_suffix = True
        if value is None:
            ctx.note_variable(True)
            return None
    frames = ctx.frames  # the group context (Context.note_variable)
    if value is None or value == "" or isinstance(value, (list, dict)):
        if frames:
            frames[-1][0] = 1
        return None
    if frames:
        frames[-1][1] = 1
    text = value if value.__class__ is str else str(value)
    if variable in _NUMBER_FIELDS:  # citeproc-js renders these as numeric fields
        text = numbers.number_text(text, variable, ctx, None)
        if node.attrs.get("quotes") == "true" and len(text) > 2 and text[0] == text[-1] == '"':
            text = text[1:-1]  # a quoted number field inside quotes: one pair shows
    tag = _TEXT_TAGS.get(variable, Tag.VARIABLE)
    return decorate(rich(text, variable), node, ctx, tag=tag, data=used, leaf=text)


_TEXT_TAGS = {"year-suffix": Tag.YEAR_SUFFIX, "locator": Tag.LOCATOR, "title": Tag.TITLE}


def _citation_number(node: Node, ctx: Context) -> Span | None:
    number = ctx.item.get("citation-number")
    ctx.note_variable(number is not None)
    if number is None:
        return None
    return decorate([str(number)], node, ctx, tag=Tag.CITATION_NUMBER, data=number)


def _citation_label(node: Node, ctx: Context) -> Span | None:
    """Always renders: a trigraph when the item has no citation-label."""
    ctx.note_variable(True)
    return decorate([trigraph.citation_label(ctx)], node, ctx, tag=Tag.VARIABLE,
                    data="citation-label")


_COMPUTED = {"citation-number": _citation_number, "citation-label": _citation_label}


# -- cs:label ------------------------------------------------------------------------------

def _label(node: Node, ctx: Context) -> Span | None:
    """Format stage: cs:label — term and plural from the variable parsed as a number."""
    variable = node.get("variable")
    if not variable:
        return None
    cite_label = None
    if variable == "locator":
        if ctx.mode != "bibliography" and not (ctx.cite and ctx.cite.locator):
            return None  # a cite without a locator shows no label (jgm/citeproc's issue 90)
        # citeproc-js: a bibliography entry (no locator) shows "page"'s label, singular
        cite_label = ctx.cite.label if ctx.cite and ctx.cite.locator else None
        term_name = "sub-verbo" if cite_label == "sub verbo" else (cite_label or "page")
        value = ctx.cite.locator if ctx.cite and ctx.cite.locator else "1"
    else:
        value = ctx.variable(variable)
        if value is None or value == "" or isinstance(value, (list, dict)):
            if variable not in _NUMBER_FIELDS or isinstance(value, list | dict):
                return None
            value = "1"  # citeproc-js: a number variable's label shows (singular) when the
            #              item lacks it; a group's suppression hides it
        term_name = variable
    info = numparse.parsed_number(value, variable, ctx.locale, cite_label)
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
    if not term or "%s" in term:  # a "%s" term wraps the number instead (citeproc-js)
        return None
    ctx.note_term()
    return decorate(rich(term), node, ctx, tag=Tag.LABEL, leaf=term)


# -- cs:group ------------------------------------------------------------------------------

def _group(node: Node, ctx: Context) -> Span | None:
    """Format stage: cs:group, suppressed as a whole by :func:`group_children`."""
    children = _group_children_of(node, ctx)
    if children is None:
        return None
    return decorate(children, node, ctx, tag=Tag.GROUP)


def _group_children_of(node: Node, ctx: Context) -> list[Child] | None:
    """:func:`group_children` of a cs:group's or a macro call's children; for an item that
    lacks every variable they depend on (:mod:`.absent`), a suppressed outcome known for
    its item type is given again without evaluating them (outside cs:substitute, whose
    bookkeeping records every variable tried)."""
    wanted = node.absent_vars
    if wanted is NOT_KNOWN:
        wanted = node.absent_vars = absent.variables_of(node.children)
    if wanted is None or ctx.visits or not ctx.item.lacks_all(wanted):  # type: ignore[arg-type]
        return group_children(node.children, ctx)
    key = (ctx.item.type, ctx.mode, ctx.sorting)
    known = node.absent_outcomes.get(key)
    frames = ctx.frames
    if known is not None and known[0] is ctx.locale:
        if frames:
            frames[-1][0] = known[1]  # what the suppressed group hands up (group_children)
        return None
    children = group_children(node.children, ctx)
    if children is None:
        node.absent_outcomes[key] = (ctx.locale, frames[-1][0] if frames else 0)
    return children


def group_children(nodes: list[Node], ctx: Context) -> list[Child] | None:
    """Format stage: evaluate a group's (or macro's) children with citeproc-js's group context.

    The group renders when a variable in it rendered, or when it holds a term and no variable
    came out empty; otherwise it yields None. A rendered group counts as a rendered variable for
    its parent; a suppressed one hands its attempt flag up (overwriting, as citeproc-js does).
    """
    frames = ctx.frames
    frames.append([0, 0, 0])
    children = evaluate_children(nodes, ctx)  # an error ends the whole render: no cleanup
    attempt, success, term = frames.pop()
    if not (success or (term and not attempt)):
        if frames:
            frames[-1][0] = attempt
        return None
    if frames:
        frames[-1][1] = 1
    return children


# -- cs:choose -----------------------------------------------------------------------------

def _choose(node: Node, ctx: Context) -> Span | None:
    children = _chosen(node, ctx)
    return Span(children, tag=Tag.CHOOSE) if children else None


def _chosen(node: Node, ctx: Context) -> list[Child] | None:
    """What the branch of a cs:choose that applies renders (None: no branch applies)."""
    item_type = ctx.item.type
    branches = node.branches.get(item_type)
    if branches is None:
        branches = node.branches[item_type] = conditions.branches_for_type(node, item_type)
    for branch, settled in branches:
        if settled:
            return evaluate_children(branch.children, ctx)
        predicate = branch.predicate
        if predicate is None:
            predicate = conditions.compiled(branch)
        if predicate(ctx):
            return evaluate_children(branch.children, ctx)
    return None


HANDLERS: dict[str, Callable[[Node, Context], Span | None]] = {
    "text": _text, "label": _label, "group": _group, "choose": _choose,
    "number": lambda node, ctx: numbers.render_number(node, ctx),
    "names": lambda node, ctx: names.render_names(node, ctx, evaluate),
    "date": lambda node, ctx: dates.render_date(node, ctx),
}
