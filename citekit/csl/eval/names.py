"""Format stage: ``cs:names`` — name lists, et-al, name parts, initials, labels, substitution.

Implements CSL 1.0.2 "Names" and the inheritable name options. Each rendered name is a span
tagged ``name`` (data: variable, position, Name) so disambiguation can work on the tree.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ...model import Name
from ..nodes import Node
from ..output.tree import Child, Span
from ..richtext import parse_rich
from .context import POSITION_SUBSEQUENT, Context

_NAME_OPTS = ("and", "delimiter-precedes-et-al", "delimiter-precedes-last", "et-al-min",
              "et-al-use-first", "et-al-use-last", "et-al-subsequent-min",
              "et-al-subsequent-use-first", "initialize", "initialize-with",
              "initialize-with-hyphen", "name-as-sort-order", "sort-separator",
              "demote-non-dropping-particle")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def name_options(name_node: Node | None, ctx: Context) -> dict[str, str]:
    """Inherited name options: style, then section, then the cs:name element."""
    opts: dict[str, str] = {}
    for source in (ctx.style.options, ctx.section_options):
        for key in _NAME_OPTS:
            if key in source:
                opts[key] = source[key]
        if "name-form" in source:
            opts["form"] = source["name-form"]
        if "name-delimiter" in source:
            opts["delimiter"] = source["name-delimiter"]
    if name_node is not None:
        opts.update(name_node.attrs)
    if ctx.sorting and ctx.sort_names_opts:
        opts.update(ctx.sort_names_opts)
    return opts


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


# -- initials ------------------------------------------------------------------------------

def initialize(given: str, with_: str, hyphen: bool = True, full: bool = True) -> str:
    """Turn given names into initials ("Jean-Paul Marie" -> "J.-P. M.").

    With ``full`` false (initialize="false") only names that already are initials are
    reformatted; whole given names are kept.
    """
    tokens: list[str] = []
    for word in given.split():
        if re.fullmatch(r"(?:\w\.)+\w?\.?", word):
            tokens.extend(re.findall(r"\w\.?", word))
        else:
            tokens.append(word)
    pieces: list[tuple[str, bool]] = []  # (text, is_initial)
    for token in tokens:
        segs = [seg for seg in token.split("-") if seg]
        if not segs:
            continue
        out = []
        initial = True
        for seg in segs:
            bare = seg.rstrip(".")
            if not full and len(bare) > 1:
                out.append(seg)
                initial = False
                continue
            out.append(bare[:1].upper() + with_ if bare else seg)
        if not initial:
            pieces.append(("-".join(out), False))
        elif len(out) > 1:
            joiner = "-" if hyphen else ""
            pieces.append((joiner.join(o.rstrip() for o in out[:-1]) + joiner + out[-1], True))
        else:
            pieces.append((out[0], True))
    result = ""
    for i, (text, is_initial) in enumerate(pieces):
        if i:
            prev_initial = pieces[i - 1][1]
            if not (prev_initial and is_initial) and not result.endswith(" "):
                result += " "
        result += text
    return result.strip()


# -- one name ------------------------------------------------------------------------------

def _part_span(text: list[Child], part_node: Node | None, ctx: Context,
               affixes: bool = True) -> Child:
    from .core import decorate

    if part_node is None:
        return Span(text)
    span = decorate(text, part_node, ctx, affixes=affixes)
    return span if span is not None else ""


def _join(parts: list[str]) -> str:
    out = ""
    for p in parts:
        if not p:
            continue
        if out and not out.endswith(("'", "\u2019", "-")):
            out += " "
        out += p
    return out


def _is_cjk(name: Name) -> bool:
    return bool(_CJK.search((name.family or "") + (name.given or "")))


def render_name(name: Name, index: int, opts: dict[str, str], ctx: Context,
                parts: dict[str, Node], level: int) -> Span:
    """Render one name according to ``opts`` and the given-name disambiguation ``level``."""
    data = (index, name)
    if name.literal is not None:
        return Span(parse_rich(name.literal), tag="name", data=data)
    family = name.family or ""
    given = name.given or ""
    if not given and not name.non_dropping_particle and not name.dropping_particle:
        span = _part_span(parse_rich(family), parts.get("family"), ctx)
        return Span([span] + ([" " + name.suffix] if name.suffix else []), tag="name", data=data)
    form = opts.get("form", "long")
    if level >= 1 and form == "short":
        form = "long"
    init_with = opts.get("initialize-with")
    if init_with is not None and given and level < 2:
        full = opts.get("initialize", "true") != "false"
        given = initialize(given, init_with, opts.get("initialize-with-hyphen", "true") != "false",
                           full)
    if _is_cjk(name):
        text = family if form == "short" else family + given
        return Span([_part_span(parse_rich(text), parts.get("family"), ctx)], tag="name",
                    data=data)
    ndp, dp, suffix = (name.non_dropping_particle or "", name.dropping_particle or "",
                       name.suffix or "")
    if form == "short":
        fam = _part_span(parse_rich(_join([ndp, family])), parts.get("family"), ctx)
        return Span([fam], tag="name", data=data)
    order = opts.get("name-as-sort-order")
    inverted = ctx.sorting or order == "all" or (order == "first" and index == 0)
    demote = opts.get("demote-non-dropping-particle", "display-and-sort")
    sep = opts.get("sort-separator", ", ")
    if not inverted:
        given_span = _part_span(parse_rich(_join([given, dp])), parts.get("given"), ctx) \
            if (given or dp) else ""
        fam_text = _join([ndp, family])
        family_node = parts.get("family")
        fam_children: list[Child] = [_part_span(parse_rich(fam_text), family_node, ctx,
                                                affixes=False)]
        if suffix:
            fam_children.append((", " if name.comma_suffix else " ") + suffix)
        fam: Child = Span(fam_children)
        if family_node is not None and (family_node.get("prefix") or family_node.get("suffix")):
            fam.fmt = {k: family_node.attrs[k] for k in ("prefix", "suffix")
                       if k in family_node.attrs}
        children: list[Child] = [given_span, " " if given_span else "", fam]
        return Span([c for c in children if c != ""], tag="name", data=data)
    if demote == "display-and-sort" or (ctx.sorting and demote == "sort-only"):
        fam_text, given_text = family, _join([given, dp, ndp])
    else:
        fam_text, given_text = _join([ndp, family]), _join([given, dp])
    children = [_part_span(parse_rich(fam_text), parts.get("family"), ctx)]
    if given_text:
        children += [sep, _part_span(parse_rich(given_text), parts.get("given"), ctx)]
    if suffix:
        children += [sep if given_text else " ", suffix]
    return Span(children, tag="name", data=data)


# -- a list of names -----------------------------------------------------------------------

def _delimiter_applies(rule: str, count: int, last_inverted: bool, contextual_min: int) -> bool:
    if rule == "always":
        return True
    if rule == "never":
        return False
    if rule == "after-inverted-name":
        return last_inverted
    return count >= contextual_min


def _et_al_limits(opts: dict[str, str], ctx: Context) -> tuple[int | None, int]:
    et_al_min = _int(opts.get("et-al-min"))
    use_first = _int(opts.get("et-al-use-first"), 1) or 0
    if ctx.cite is not None and ctx.mode == "citation" \
            and ctx.cite.position >= POSITION_SUBSEQUENT:
        et_al_min = _int(opts.get("et-al-subsequent-min"), et_al_min)
        use_first = _int(opts.get("et-al-subsequent-use-first"), use_first) or 0
    return et_al_min, use_first


def shown_count(n: int, opts: dict[str, str], ctx: Context) -> tuple[int, bool]:
    """How many names are shown, and whether the list is truncated (et al.)."""
    et_al_min, use_first = _et_al_limits(opts, ctx)
    if et_al_min is not None and n >= et_al_min and use_first < n:
        shown = use_first + ctx.disamb.add_names
        if shown < n:
            return shown, True
    return n, False


def render_list(names: list[Name], variable: str, opts: dict[str, str], ctx: Context,
                parts: dict[str, Node], etal_node: Node | None) -> Span | None:
    from .core import decorate

    n = len(names)
    shown, truncated = shown_count(n, opts, ctx)
    if shown <= 0:
        return None
    delimiter = opts.get("delimiter", ", ")
    order = opts.get("name-as-sort-order")
    rendered = []
    for i in range(shown):
        level = ctx.disamb.name_levels.get(i, ctx.disamb.givenname_level)
        rendered.append(render_name(names[i], i, opts, ctx, parts, level))

    def inverted(i: int) -> bool:
        return ctx.sorting or order == "all" or (order == "first" and i == 0)

    children: list[Child] = []
    use_last = opts.get("et-al-use-last") == "true" and truncated and n - shown >= 2
    and_opt = opts.get("and")
    and_term = None
    if and_opt == "text":
        and_term = ctx.locale.term("and") or "and"
    elif and_opt == "symbol":
        and_term = "&"
    for i, span in enumerate(rendered):
        if i > 0:
            is_last = i == shown - 1 and not truncated
            if is_last and and_term:
                rule = opts.get("delimiter-precedes-last", "contextual")
                use_delim = _delimiter_applies(rule, shown, inverted(i - 1), 3)
                children.append((delimiter if use_delim else " ") + and_term + " ")
            else:
                children.append(delimiter)
        children.append(span)
    if truncated:
        if use_last:
            children.append(delimiter + "\u2026 ")
            level = ctx.disamb.name_levels.get(n - 1, ctx.disamb.givenname_level)
            children.append(render_name(names[-1], n - 1, opts, ctx, parts, level))
        elif not ctx.sorting:
            term_name = etal_node.get("term", "et-al") if etal_node is not None else "et-al"
            term = ctx.locale.term(term_name)
            if term:
                rule = opts.get("delimiter-precedes-et-al", "contextual")
                use_delim = _delimiter_applies(rule, shown, inverted(shown - 1), 2)
                children.append(delimiter if use_delim else " ")
                et_span = decorate([term], etal_node, ctx) if etal_node is not None \
                    else Span([term])
                children.append(Span([et_span], tag="et-al"))
    return Span(children, tag="name-list", data=(variable, n, shown))


# -- cs:names --------------------------------------------------------------------------------

def _label_span(label_node: Node, variable: str, count: int, ctx: Context) -> Child | None:
    from .core import decorate

    plural_attr = label_node.get("plural", "contextual")
    plural = count > 1 if plural_attr == "contextual" else plural_attr == "always"
    term = ctx.locale.term(variable, label_node.get("form", "long"), plural)
    if not term:
        return None
    return decorate([term], label_node, ctx, tag="label")


def render_names(node: Node, ctx: Context, inherited: tuple | None = None) -> Span | None:
    from .core import decorate

    name_node = node.child("name")
    etal_node = node.child("et-al")
    label_node = node.child("label")
    if inherited is not None and not node.children:
        name_node, etal_node, label_node = inherited
    elif inherited is not None:
        name_node = name_node or inherited[0]
        etal_node = etal_node or inherited[1]
    opts = name_options(name_node, ctx)
    parts = {p.get("name"): p for p in (name_node.all("name-part") if name_node else [])}
    label_first = False
    if label_node is not None and name_node is not None:
        label_first = node.children.index(label_node) < node.children.index(name_node) \
            if label_node in node.children and name_node in node.children else False
    variables = node.get("variable", "").split()
    lists: list[tuple[str, list[Name]]] = []
    for var in variables:
        value = ctx.variable(var)
        if isinstance(value, list) and value:
            lists.append((var, value))
    if len(lists) == 2 and {v for v, _ in lists} == {"editor", "translator"} \
            and [n.to_json() for n in lists[0][1]] == [n.to_json() for n in lists[1][1]]:
        lists = [("editortranslator", lists[0][1])]
    if opts.get("form") == "count":
        total = sum(shown_count(len(names), opts, ctx)[0] for _, names in lists)
        ctx.note_variable(total > 0)
        if total > 0:
            return decorate([str(total)], node, ctx, tag="names")
        return _substitute(node, ctx, (name_node, etal_node, label_node))
    outputs: list[Child] = []
    for var, names in lists:
        span = render_list(names, var, opts, ctx, parts, etal_node)
        if span is None:
            continue
        pieces: list[Child] = [span]
        if name_node is not None and name_node.get("prefix") or \
                name_node is not None and name_node.get("suffix"):
            pieces = [Span(pieces, {k: name_node.attrs[k] for k in ("prefix", "suffix")
                                    if k in name_node.attrs})]
        if label_node is not None and not ctx.sorting:
            label = _label_span(label_node, var, len(names), ctx)
            if label is not None:
                pieces = [label, *pieces] if label_first else [*pieces, label]
        outputs.append(Span(pieces, tag="names-var", data=var))
    if not outputs:
        ctx.note_variable(False)
        return _substitute(node, ctx, (name_node, etal_node, label_node))
    ctx.note_variable(True)
    delimiter = node.get("delimiter", ctx.option("names-delimiter"))
    span = decorate(outputs, node, ctx, tag="names", data=tuple(v for v, _ in lists))
    if span is not None and delimiter and "delimiter" not in span.fmt:
        span.fmt["delimiter"] = delimiter
    return span


def _substitute(node: Node, ctx: Context, inherited: tuple) -> Span | None:
    from .core import decorate, evaluate

    sub = node.child("substitute")
    if sub is None:
        return None
    for child in sub.children:
        if child.name == "names":
            result = render_names(child, ctx, inherited)
        else:
            result = evaluate(child, ctx)
        if result is not None:
            ctx.substituted.update(_variables_in(child, ctx))
            return decorate([result], replace(node, attrs={k: v for k, v in node.attrs.items()
                                                           if k != "delimiter"}), ctx,
                            tag="names", data=("substitute",))
    return None


def _variables_in(node: Node, ctx: Context) -> set[str]:
    found: set[str] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if n.name in ("names", "text", "number", "date") and "variable" in n.attrs:
            found.update(n.attrs["variable"].split())
        stack.extend(n.children)
    return found
