"""Format stage: ``cs:names`` — name lists, et-al, name parts, initials, labels, substitution.

Implements CSL 1.0.2 "Names" and the inheritable name options. Each rendered name is a span
tagged ``name`` (data: variable, position, Name) so disambiguation can work on the tree.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ...model import Name
from ..nodes import Node
from ..output.tree import Child, NameData, NameListData, Span, Tag
from ..richtext import parse_rich
from .context import POSITION_SUBSEQUENT, Context
from .decorate import decorate
from .initials import _ROMANESQUE, _STARTS_ROMANESQUE, initialize
from .particles import parse_particles
from .textcase import strip_periods

_NAME_OPTS = ("and", "delimiter-precedes-et-al", "delimiter-precedes-last", "et-al-min",
              "et-al-use-first", "et-al-use-last", "et-al-subsequent-min",
              "et-al-subsequent-use-first", "initialize", "initialize-with",
              "initialize-with-hyphen", "name-as-sort-order", "sort-separator",
              "demote-non-dropping-particle")


# evaluates any rendering element (cs:substitute holds any of them)
Evaluate = Callable[[Node, Context], Span | None]


def name_options(name_node: Node | None, ctx: Context) -> dict[str, str]:
    """Inherited name options: style, then section, then the cs:name element (worked out once
    per element and section; a sort key's own name options go on top). Read-only."""
    opts: dict[str, str] | None
    if name_node is None:
        opts = _inherited_options(None, ctx)
    else:
        opts = name_node.name_options.get(ctx.mode)
        if opts is None:
            opts = name_node.name_options[ctx.mode] = _inherited_options(name_node, ctx)
    if ctx.sorting and ctx.sort_names_opts:
        opts = {**opts, **ctx.sort_names_opts}
    return opts


def _inherited_options(name_node: Node | None, ctx: Context) -> dict[str, str]:
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
    return opts


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


# -- one name ------------------------------------------------------------------------------

def _part_span(text: list[Child], part_node: Node | None, ctx: Context,
               affixes: bool = True) -> Child:

    if part_node is None:
        return Span(text)
    span = decorate(text, part_node, ctx, affixes=affixes)
    return span if span is not None else ""


def _decor(text: str, node: Node | None, ctx: Context) -> Child:
    """One name part with its name-part formatting (no affixes); "" when empty."""
    if not text:
        return ""
    return _part_span(parse_rich(text), node, ctx, affixes=False)


def _affixed(children: list[Child], node: Node | None) -> Child:
    """Wrap the pieces of a name part in that name-part's affixes."""
    children = [c for c in children if c != ""]
    if not children:
        return ""
    fmt: dict[str, str] = {k: node.attrs[k] for k in ("prefix", "suffix")
                           if node is not None and k in node.attrs}
    return Span(children, fmt)


def _glue(pieces: list[Child], sep: str = " ") -> list[Child]:
    """Join the non-empty pieces with ``sep`` (none after a particle ending in ' ’ - or space)."""
    out: list[Child] = []
    for piece in pieces:
        if piece == "":
            continue
        if out and not (sep in (" ", "\u00a0") and _last_char(out[-1]) in _JOINING):
            out.append(sep)
        out.append(piece)
    return out


_JOINING = ("'", "\u2019", "\u02bc", "-", " ", "\u00a0")  # a particle ending so needs no space


def _last_char(child: Child) -> str:
    """The last character of ``child.plain()`` ("" when it has no text), without building
    that text."""
    if isinstance(child, str):
        return child[-1:]
    for inner in reversed(child.children):
        last = _last_char(inner)
        if last:
            suffix = child.fmt.get("suffix", "")
            return suffix[-1:] if suffix else last
    return ""


def romanesque(name: Name, language: str | None) -> int:
    """citeproc-js's script class of a name: 0 family name in a non-romanesque script (CJK),
    1 written family-first (romanesque given name with such a family name, or a Latin name
    in a Japanese or Chinese item), 2 ordinary."""
    return _script(name.family, name.given, language)


def _script(family: str | None, given: str | None, language: str | None) -> int:
    """:func:`romanesque` of a name with this family and given name."""
    family = (family or "").replace('"', "")
    if not _ROMANESQUE.search(family):
        return 1 if given and _STARTS_ROMANESQUE.match(given) else 0
    if (language or "")[:2] in ("ja", "zh"):
        return 1
    return 2


def _static_order(name: Name, script: int, language: str | None) -> bool:
    """Family name first, no comma: CJK names, declared static ordering, vi/hu items."""
    return script < 2 or name.static_ordering or language in ("vi", "hu")


def _curly(text: str) -> str:
    return text.replace("'", "\u2019")


def render_name(name: Name, index: int, opts: dict[str, str], ctx: Context,
                parts: dict[str, Node], level: int) -> Span:
    """Render one name according to ``opts`` and the given-name disambiguation ``level``."""
    data = NameData(index, name)
    if name.literal is not None:  # formatted as a family name (citeproc-js)
        literal = _part_span(parse_rich(name.literal), parts.get("family"), ctx)
        return Span([literal], tag=Tag.NAME, data=data)
    parsed = parse_particles(name)
    family = parsed.family or ""
    given = parsed.given or ""
    fam_node, given_node = parts.get("family"), parts.get("given")
    if not given and not parsed.non_dropping_particle and not parsed.dropping_particle:
        span = _part_span(parse_rich(family), fam_node, ctx)
        return Span([span] + ([" " + parsed.suffix] if parsed.suffix else []), tag=Tag.NAME,
                    data=data)
    form = opts.get("form", "long")
    if level >= 1 and form == "short":
        form = "long"
    init_with = opts.get("initialize-with")
    if init_with is not None and given and family and level < 2:
        full = opts.get("initialize", "true") != "false"
        given = initialize(given, init_with, opts.get("initialize-with-hyphen", "true") != "false",
                           full)
    language = ctx.item.get("language")
    if not isinstance(language, str):
        language = None
    # the given name as rendered decides (an initial in "【%s】" joins a CJK family name)
    script = _script(parsed.family, given, language)
    if script == 0:
        text = family if form == "short" else family + given
        return Span([_part_span(parse_rich(text), fam_node, ctx)], tag=Tag.NAME, data=data)
    ndp_text, dp_text = _curly(parsed.non_dropping_particle or ""), \
        _curly(parsed.dropping_particle or "")
    if ctx.sorting:  # sort keys drop a particle's apostrophe (citeproc-js)
        ndp_text, dp_text = ndp_text.replace("\u2019", "", 1), dp_text.replace("\u2019", "", 1)
    ndp = _decor(ndp_text, fam_node, ctx)
    dp = _decor(dp_text, given_node, ctx)
    fam = _decor(family, fam_node, ctx)
    giv = _decor(given, given_node, ctx)
    suffix = _curly(parsed.suffix or "")
    if suffix and init_with is not None:  # citeproc-js normalises a suffix's abbreviations too
        hyphen = opts.get("initialize-with-hyphen", "true") != "false"
        suffix = initialize(suffix, init_with, hyphen, False)
    # citeproc-js joins particles and family name with a no-break space in French, Russian
    # and Czech
    nbsp = "\u00a0" if ctx.locale.lang[:2] in ("fr", "ru", "cs") else " "
    if form == "short":
        if ctx.sorting and ndp != "" and not _static_order(parsed, script, language) \
                and opts.get("demote-non-dropping-particle", "display-and-sort") != "never":
            # a short name's sort key demotes its particle too ("Berg, van der"; citeproc-js)
            return Span(_glue([_affixed([fam], fam_node), ndp],
                              opts.get("sort-separator", ", ")), tag=Tag.NAME, data=data)
        return Span([_affixed(_glue([ndp, fam], nbsp), fam_node)], tag=Tag.NAME, data=data)
    if _static_order(parsed, script, language):  # "Family Given", whatever the sort order
        return Span(_glue([_affixed(_glue([ndp, fam], nbsp), fam_node),
                           _affixed([giv], given_node)]),
                    tag=Tag.NAME, data=data)
    order = opts.get("name-as-sort-order")
    if ctx.sorting or order == "all" or (order == "first" and index == 0):
        return Span(_inverted((ndp, dp, fam, giv), suffix, opts, ctx, (fam_node, given_node),
                              nbsp),
                    tag=Tag.NAME, data=data)
    dp_raw = parsed.dropping_particle or ""
    if dp != "" and ndp == "" and dp_raw[-1:] in ("'", "\u2019", "\u02bc", "-") \
            and dp_raw[:-1] != "de":  # citeproc-js keeps the space after "de'"
        second = _glue([dp, fam], "")
    else:  # only a particle ending in an apostrophe or hyphen joins the family name directly
        second = _glue([ndp, fam], nbsp)
        if dp != "":
            second = [dp, nbsp, *second]
    if suffix:
        second = _glue([_affixed(second, None), suffix], ", " if parsed.comma_suffix else " ")
    space = " "  # citeproc-js: French, Russian and Czech styles whose initialize-with holds a
    if init_with and re.search("[\u00a0\ufeff]", init_with) and level < 2 \
            and opts.get("initialize", "true") != "false" \
            and (ctx.style.default_locale or "en")[:2] in ("fr", "ru", "cs"):
        space = "\u00a0"  # no-break space keep initials on the family name's line
    return Span(_glue([_affixed([giv], given_node), _affixed(second, fam_node)], space),
                tag=Tag.NAME, data=data)


def _inverted(pieces: tuple[Child, Child, Child, Child], suffix: str, opts: dict[str, str],
              ctx: Context, nodes: tuple[Node | None, Node | None], nbsp: str = " "
              ) -> list[Child]:
    """Family first ("Doe, John"), particles placed by demote-non-dropping-particle."""
    ndp, dp, fam, giv = pieces
    fam_node, given_node = nodes
    demote = opts.get("demote-non-dropping-particle", "display-and-sort")
    sep = opts.get("sort-separator", ", ")
    if demote == "display-and-sort" or (ctx.sorting and demote == "sort-only"):
        first, second = [fam], _glue([_affixed(_glue([giv, dp]), None), ndp])
    elif ctx.sorting:  # never demoted: a sort key keeps both particles with the family name
        first, second = _glue([_affixed(_glue([ndp, fam], nbsp), None), dp]), [giv]
    else:
        first, second = _glue([ndp, fam], nbsp), _glue([giv, dp])
    out = _glue([_affixed(first, fam_node), _affixed(second, given_node)], sep)
    if suffix:
        out = _glue([_affixed(out, None), suffix], sep)
    return out


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
    if "et-al-use-first" not in opts:  # et-al-min alone does not shorten (citeproc-js)
        et_al_min = None
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
        if ctx.disamb.names_shown:  # the names disambiguation settled on, as a count: a
            # cite whose own et-al-use-first is larger (a first cite in a note style whose
            # subsequent cites disambiguate) and the bibliography show at least that many
            shown = max(use_first, ctx.disamb.names_shown)
        if shown < n:
            return shown, True
    return n, False


_STARTS_ROMANESQUE_AND = re.compile("^[&a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff"
                                    "\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff\u1f00-\u1fff"
                                    "\u0600-\u06ff]")


def _institution_and(and_term: str, delimiter: str, shown: int, opts: dict[str, str],
                     ctx: Context, after_inverted: bool, institution: Node | None) -> str:
    """The "and" before a literal (institutional) last name, as citeproc-js joins it: the
    cs:name's delimiter-precedes-last does not apply (cs:institution's, else the style's or
    section's does), so three or more names take the delimiter ("Smith, J., & WHO") and two
    do not ("Smith, J. & WHO"); only its "after-inverted-name" does."""
    if not _STARTS_ROMANESQUE_AND.match(and_term):
        return and_term
    rule = ctx.section_options.get("delimiter-precedes-last",
                                   ctx.style.options.get("delimiter-precedes-last"))
    if institution is not None and "delimiter-precedes-last" in institution.attrs:
        rule = institution.attrs["delimiter-precedes-last"]  # cs:institution's own
    prefix = " " if shown == 2 else delimiter
    if shown == 2 and rule == "always":
        prefix = delimiter
    elif shown > 2 and rule == "never":
        prefix = " "
    if opts.get("delimiter-precedes-last") == "after-inverted-name" and after_inverted:
        prefix = delimiter
    return prefix + and_term + " "


def _join_after_suffix(children: list[Child]) -> None:
    """Names whose cs:name suffix ends in a space: the joiner after each drops its leading
    space (citeproc-js joins them as affixes: suffix=" " and " and " give one space)."""
    for k in range(1, len(children)):
        joiner, before = children[k], children[k - 1]
        if isinstance(joiner, str) and isinstance(before, Span) \
                and before.fmt.get("suffix", "").endswith(" "):
            children[k] = joiner.removeprefix(" ")


def _with_fonts(span: Span, fonts: dict[str, str] | None) -> Span:
    """A name with cs:name's font formatting (citeproc-js wraps each name; the list too when
    it ends in et-al). A literal name is one span: cs:name's fonts and the family name-part's
    together, the name-part's winning, and never a vertical-align."""
    inner = span.children[0] if len(span.children) == 1 else None
    if isinstance(span.data, NameData) and span.data.name.literal is not None \
            and isinstance(inner, Span) and not inner.tag:
        merged = {**(fonts or {}), **inner.fmt}
        merged.pop("vertical-align", None)
        inner.fmt = merged
    elif fonts:
        span.fmt = {**fonts, **span.fmt}
    return span


_TYPED_ET_AL = re.compile(r"\s*,?\s*et\.?\s+al\.?\s*$")


def _typed_et_al(names: list[Name]) -> tuple[list[Name], bool]:
    """Names whose last one was typed with "et al." ("John, et al."): the names without it,
    and whether it was there (it then shows as the style's et-al term)."""
    last = names[-1] if names else None
    if last is None or last.literal is not None:
        return names, False
    for value, part in ((last.given, "given"), (last.family, "family")):
        match = _TYPED_ET_AL.search(value or "")
        if value and match and match.start() > 0:
            cut = replace(last, given=value[:match.start()]) if part == "given" \
                else replace(last, family=value[:match.start()])
            return names[:-1] + [cut], True
    return names, False


def _level(index: int, variable: str, opts: dict[str, str], ctx: Context) -> int:
    """The given-name level of the name at ``index``: the disambiguation's, or a full given
    name for one its entry shares initials with (``Disamb.full_given``; citeproc-js raises
    only names shown with initials in the long form)."""
    level = ctx.disamb.name_levels.get(index, ctx.disamb.givenname_level)
    if (variable, index) in ctx.disamb.full_given and opts.get("form", "long") != "short" \
            and opts.get("initialize-with") is not None:
        return 2
    return level


def render_list(names: list[Name], variable: str, opts: dict[str, str], ctx: Context,
                parts: dict[str, Node], etal_node: Node | None,
                fonts: dict[str, str] | None = None, institution_delimiter: str = ", ",
                institution: Node | None = None, affixes: dict[str, str] | None = None
                ) -> Span | None:
    """One name list. ``institution_delimiter``: what joins persons to the literal
    (institutional) names that end the list: citeproc-js gives those the cs:name's own
    delimiter, not one it inherits (name-delimiter), whose default is ", ". ``institution``:
    the cs:institution element; ``affixes``: cs:name's, which go around each personal name
    (citeproc-js)."""

    names, typed_et_al = _typed_et_al(names)
    n = len(names)
    shown, truncated = shown_count(n, opts, ctx)
    if shown <= 0:
        return None
    delimiter = opts.get("delimiter", ", ")
    order = opts.get("name-as-sort-order")
    rendered = []
    for i in range(shown):
        level = _level(i, variable, opts, ctx)
        rendered.append(_with_fonts(render_name(names[i], i, opts, ctx, parts, level), fonts))

    def inverted(i: int) -> bool:  # a literal (institutional) name is never inverted
        return (ctx.sorting or order == "all" or (order == "first" and i == 0)) \
            and not (i < n and names[i].literal is not None)

    children: list[Child] = []
    use_last = opts.get("et-al-use-last") == "true" and truncated and n - shown >= 2
    and_opt = opts.get("and") if not ctx.sorting else None  # sort keys leave "and" out
    and_term = None
    if and_opt == "text":
        and_term = ctx.locale.term("and") or "and"
    elif and_opt == "symbol":
        and_term = "&"
    tail = n  # where the run of literal names that ends the list starts
    while tail > 0 and names[tail - 1].literal is not None:
        tail -= 1
    for i, span in enumerate(rendered):
        if i > 0:
            delimiter = institution_delimiter if i >= tail else opts.get("delimiter", ", ")
            is_last = i == shown - 1 and not truncated
            if is_last and and_term and names[i].literal is not None:
                children.append(_institution_and(and_term, delimiter, shown, opts, ctx,
                                                 inverted(i - 1), institution))
            elif is_last and and_term:
                rule = opts.get("delimiter-precedes-last", "contextual")
                if not _STARTS_ROMANESQUE.match(and_term):  # "ו", "と": joined without spaces
                    before = delimiter if rule == "always" and shown == 2 else ""
                    children.append(before + and_term)
                    children.append(span)
                    continue
                use_delim = _delimiter_applies(rule, shown, inverted(i - 1), 3)
                children.append((delimiter if use_delim else " ") + and_term + " ")
            elif is_last and affixes and affixes.get("prefix") and names[i].literal is None:
                # citeproc-js joins the last name to a plain delimiter without merging
                # their spaces (",  H. Tanaka" for prefix=" "): two pieces of text
                children += [delimiter, affixes["prefix"]]
                suffix = {k: v for k, v in affixes.items() if k == "suffix"}
                children.append(Span([span], suffix) if suffix else span)
                continue
            else:
                children.append(delimiter)
        if affixes and names[i].literal is None:
            span = Span([span], dict(affixes))
        children.append(span)
    if affixes and affixes.get("suffix", "").endswith(" "):
        _join_after_suffix(children)
    delimiter = opts.get("delimiter", ", ")
    if truncated or typed_et_al:
        if use_last and truncated:
            children.append(delimiter + "\u2026 ")
            level = _level(n - 1, variable, opts, ctx)
            last = _with_fonts(render_name(names[-1], n - 1, opts, ctx, parts, level), fonts)
            children.append(Span([last], dict(affixes)) if affixes and names[-1].literal is None
                            else last)
        elif not ctx.sorting:
            term_name = etal_node.get("term", "et-al") if etal_node is not None else "et-al"
            term = ctx.locale.term(term_name)
            if term:
                rule = opts.get("delimiter-precedes-et-al", "contextual")
                # citeproc-js reads "after-inverted-name" here as "after one name", whatever
                # that name is (a literal, a name in its own order)
                use_delim = shown == 1 if rule == "after-inverted-name" \
                    else _delimiter_applies(rule, shown, False, 2)
                before = delimiter if use_delim else " "
                if before == " " and not _STARTS_ROMANESQUE.match(term):  # "等": no space
                    before = ""
                children.append(before)
                et_span = decorate([term], etal_node, ctx) if etal_node is not None \
                    else Span([term])
                if et_span is not None:  # the term is not empty: decorate keeps it
                    children.append(Span([et_span], tag=Tag.ET_AL))
    return Span(children, tag=Tag.NAME_LIST, data=NameListData(variable, n, shown,
                                                                "initialize-with" in opts))


# -- cs:names --------------------------------------------------------------------------------

def _label_span(label_node: Node, variable: str, count: int, ctx: Context) -> Child | None:

    plural_attr = label_node.get("plural", "contextual")
    plural = count > 1 if plural_attr == "contextual" else plural_attr == "always"
    term = ctx.locale.term(variable, label_node.get("form", "long"), plural)
    if not term:
        return None
    return decorate([term], label_node, ctx, tag=Tag.LABEL)


def render_names(node: Node, ctx: Context, evaluate: Evaluate,
                 inherited: tuple | None = None) -> Span | None:
    """cs:names; ``evaluate`` evaluates the other elements a cs:substitute holds (the
    dispatcher of :mod:`.core`, above this module)."""

    parts_of = node.names_parts
    assert parts_of is not None  # every cs:names node has them
    name_node, etal_node, label_node = parts_of.name, parts_of.et_al, parts_of.label
    variables = parts_of.variables
    frame = None
    if inherited is None and not node.children and ctx.names_inherit:
        frame = ctx.names_inherit[-1]  # any bare cs:names inside a substitute inherits ...
        if frame[1]:
            return None  # ... and renders only while nothing else in it has (citeproc-js)
        inherited = frame[0]
    # a bare cs:names in a substitute is the outer cs:names again, for other variables: its
    # own affixes, formatting and delimiter count for nothing (citeproc-js)
    bare = inherited is not None and not node.children
    if inherited is not None and bare:
        name_node, etal_node, label_node = inherited[:3]
    elif inherited is not None:
        name_node = name_node or inherited[0]
        etal_node = etal_node or inherited[1]
    ctx.visit(*variables)
    lists: list[tuple[str, list[Name]]] = []
    for var in variables:
        value = ctx.variable(var)
        if isinstance(value, list) and value:
            lists.append((var, value))
    if not lists:  # nothing to count or render (under any form): the substitute's turn
        ctx.note_variable(False)
        out = _substitute(node, ctx, evaluate, (name_node, etal_node, label_node, node))
        if out is None and ctx.sorting and name_options(name_node, ctx).get("form") == "count":
            return Span(["0"], tag=Tag.NAMES)  # a sort key counts no names as 0 (citeproc-js)
        return out
    opts = name_options(name_node, ctx)
    # the cs:names whose formatting goes around these names (the outer one for a bare cs:names)
    names_of = inherited[3] if inherited is not None and bare else node
    plan_key = (id(name_node), id(label_node), id(inherited[3]) if inherited else 0,
                id(names_of), ctx.sorting)
    plan = node.names_plans.get(plan_key)
    if plan is None:
        plan = node.names_plans[plan_key] = _names_plan(node, name_node, label_node,
                                                        inherited, names_of, ctx.sorting)
    parts, label_first, fonts, affixes, own, institution = plan
    # identical editors and translators print once with the editortranslator term, as
    # citeproc-js does it: only where cs:names lists exactly those two variables and has a
    # cs:label whose form of that term is not empty
    if len(lists) == 2 and sorted(variables) == ["editor", "translator"] \
            and label_node is not None \
            and [n.to_json() for n in lists[0][1]] == [n.to_json() for n in lists[1][1]] \
            and ctx.locale.term("editortranslator", label_node.get("form", "long")):
        lists = [("editortranslator", lists[0][1])]
    if opts.get("form") == "count":
        total = sum(shown_count(len(names), opts, ctx)[0] for _, names in lists)
        ctx.note_variable(total > 0)
        if total > 0:
            return decorate([str(total)], node, ctx, tag=Tag.NAMES)
        return _substitute(node, ctx, evaluate, (name_node, etal_node, label_node, node))
    outputs: list[Child] = []
    for var, names in lists:
        span = render_list(names, var, opts, ctx, parts, etal_node, fonts, own, institution,
                           affixes)
        if span is None:
            continue
        pieces: list[Child] = [span]
        if isinstance(span.children[-1], Span) and span.children[-1].tag is Tag.ET_AL:
            # names and et-al together take cs:name's formatting once more (citeproc-js)
            if fonts:
                pieces = [Span(pieces, dict(fonts))]
            if affixes:
                pieces = [Span(pieces, dict(affixes))]
        if label_node is not None and not ctx.sorting:
            label = _label_span(label_node, var, len(names), ctx)
            if label is not None:
                pieces = [label, *pieces] if label_first else [*pieces, label]
        outputs.append(Span(pieces, tag=Tag.NAMES_VAR, data=var))
    if not outputs:
        ctx.note_variable(False)
        return _substitute(node, ctx, evaluate, (name_node, etal_node, label_node, node))
    ctx.note_variable(True)
    if frame is not None:
        frame[1] = True
    if ctx.visits:  # rendered inside a substitute: not rendered again by later elements
        ctx.substituted.update(v for v, _ in lists)
    delimiter = names_of.get("delimiter", ctx.option("names-delimiter"))
    data = tuple(v for v, _ in lists)
    span = Span(outputs, tag=Tag.NAMES, data=data) if bare else \
        decorate(outputs, node, ctx, tag=Tag.NAMES, data=data)
    if span is not None and delimiter and "delimiter" not in span.fmt:
        span.fmt["delimiter"] = delimiter
    return span


NamesPlan = tuple[dict[str, Node], bool, dict[str, str], dict[str, str], str, Node | None]


def _names_plan(node: Node, name_node: Node | None, label_node: Node | None,
                inherited: tuple | None, names_of: Node, sorting: bool) -> NamesPlan:
    """What a cs:names renders its lists with, the same for every item (kept on the node by
    the cs:name, cs:label and outer cs:names in force): the name parts, whether the label
    comes first, cs:name's fonts and affixes, the delimiter before institutional names and
    the cs:institution element. Callers copy the dicts they hand on to be changed."""
    parts = {p.get("name"): p for p in (name_node.all("name-part") if name_node else [])}
    label_first = False
    if label_node is not None and name_node is not None:
        # the order of cs:label and cs:name in the cs:names that holds them (the outer one
        # for a bare cs:names in its substitute)
        owner = node if label_node in node.children or inherited is None else inherited[3]
        label_first = owner.children.index(label_node) < owner.children.index(name_node) \
            if label_node in owner.children and name_node in owner.children else False
    name_fmt = _name_node_format(name_node, sorting)
    # cs:name's "normal" undoes nothing of its cs:names' own font (citeproc-js sees only
    # the formatting around that cs:names): <b>A Au</b>, not <b><span normal>…</span></b>
    fonts = {k: v for k, v in name_fmt.items() if k not in ("prefix", "suffix")
             and not (v == "normal" and names_of.attrs.get(k, "normal") != "normal")}
    own = name_node.get("delimiter") if name_node is not None else None
    affixes = {k: v for k, v in name_fmt.items() if k in ("prefix", "suffix")}
    return (parts, label_first, fonts, affixes, own if own is not None else ", ",
            node.child("institution"))


_NAME_FORMAT = ("prefix", "suffix", "font-style", "font-variant", "font-weight",
                "text-decoration", "vertical-align")


def _name_node_format(name_node: Node | None, sorting: bool) -> dict[str, str]:
    """The affixes and font formatting cs:name puts around the whole name list."""
    if name_node is None:
        return {}
    keys = _NAME_FORMAT[:2] if sorting else _NAME_FORMAT
    return {k: name_node.attrs[k] for k in keys if name_node.attrs.get(k)}


def _substitute(node: Node, ctx: Context, evaluate: Evaluate,
                inherited: tuple) -> Span | None:

    sub = node.child("substitute")
    if sub is None:
        return None
    ctx.visits.append(set())
    ctx.names_inherit.append([inherited, False])
    try:
        for child in sub.children:
            if child.name == "names":
                result = render_names(child, ctx, evaluate, inherited)
            else:
                result = evaluate(child, ctx)
            if result is not None:
                ctx.substituted.update(ctx.visits[-1])
                if child.name != "names":
                    # text standing in for the names takes none of cs:names' affixes,
                    # formatting or text-case, only its strip-periods (citeproc-js)
                    parts: list[Child] = [result]
                    if node.plan.strip_periods:
                        parts = strip_periods(parts)
                    return Span(parts, tag=Tag.NAMES, data=("substitute",))
                if child.children:
                    # a cs:names of its own (with cs:name, cs:label ...) keeps its own
                    # affixes and formatting, none of the outer cs:names' (citeproc-js)
                    return Span([result], tag=Tag.NAMES, data=("substitute",))
                outer = node.without_delimiter  # cs:names without its delimiter
                if outer is None:
                    outer = node.without_delimiter = replace(node, attrs={
                        k: v for k, v in node.attrs.items() if k != "delimiter"})
                return decorate([result], outer, ctx, tag=Tag.NAMES, data=("substitute",))
            if child.name == "text" and "term" in child.attrs:
                break  # a term ends the substitution even when it is empty (citeproc-js)
    finally:
        ctx.visits.pop()
        ctx.names_inherit.pop()
    return None

