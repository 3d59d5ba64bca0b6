"""Format stage: numbers — cs:number forms (ordinal, long-ordinal, roman), ordinal suffixes,
and numeric fields (parsed by :mod:`.numparse`)."""
from __future__ import annotations

import re

from ..locale import Locale
from ..nodes import Node
from ..output.tree import Span, Tag
from .context import Context
from .decorate import decorate
from .memo import OwnedMemo
from .numparse import SUBDIV, NumPiece, fix_ranges, parse_number


def ordinal_suffix(n: int, locale: Locale, gender: str | None) -> str:
    last_two = n % 100
    for name, match_default in ((f"ordinal-{last_two:02d}", "last-two-digits"),):
        term = locale.find(name, "long", gender)
        if term is not None:
            match = term.match or match_default
            if match == "last-two-digits" or (match == "whole-number" and n == last_two):
                return term.single
    term = locale.find(f"ordinal-{n % 10:02d}", "long", gender)
    if term is not None:
        match = term.match or "last-digit"
        ok = (match == "last-digit" or (match == "last-two-digits" and last_two == n % 10)
              or (match == "whole-number" and n == n % 10))
        if ok:
            return term.single
    return locale.term("ordinal", "long", False, gender) or ""


def long_ordinal(n: int, locale: Locale, gender: str | None) -> str:
    if 1 <= n <= 10:
        term = locale.find(f"long-ordinal-{n:02d}", "long", gender)
        if term is not None:
            return term.single
    return f"{n}{ordinal_suffix(n, locale, gender)}"


def roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                           (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                           (4, "iv"), (1, "i")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


#: number_text's results by everything they depend on: the value (and its type), the
#: variable, the cite's label, the form, the page-range format, and the locale
_TEXTS: OwnedMemo[str] = OwnedMemo(1 << 13)


def number_text(value: object, variable: str, ctx: Context, form: str | None) -> str:
    """Format stage: a number variable's pieces rendered as citeproc-js's numeric field.

    ``form`` is the cs:number form (None for cs:text): only collapsible whole numbers under
    the field's own label take it; embedded labels that must show are rendered before them.
    A function of its inputs: each is worked out once (volumes, issues and pages repeat).
    """
    cite_label = ctx.cite.label if ctx.cite and variable.startswith("locator") else None
    locale = ctx.locale
    page_ranges = ctx.style.options.get("page-range-format")
    key = (value.__class__, str(value), variable, cite_label, form, page_ranges, id(locale))
    hit = _TEXTS.get(key, (locale,))
    if hit is not None:
        return hit
    return _TEXTS.put(key, (locale,),
                      _number_text(value, variable, locale, cite_label, form, page_ranges))


def _number_text(value: object, variable: str, locale: Locale, cite_label: str | None,
                 form: str | None, page_ranges: str | None) -> str:
    info = parse_number(value, variable, locale, cite_label)
    fix_ranges(info, variable, locale, page_ranges)
    pieces = info.pieces
    quoted = form is not None and bool(pieces) and pieces[0].value[:1] == '"' \
        and pieces[-1].value[-1:] == '"' and len("".join(p.value for p in pieces)) > 1
    if quoted:  # a quoted value: cs:number shows the locale's quotes, cs:text its own
        pieces[0].value = pieces[0].value[1:]
        pieces[-1].value = pieces[-1].value[:-1]
    master = pieces[0].label if pieces else None
    gender = locale.gender_of(cite_label or variable)
    out: list[str] = []
    # citeproc-js: an embedded label whose term holds "%s" is not printed; it wraps each
    # number it labels instead (a "para." term "[%s]" gives "[1]–[6]").
    pattern, current = None, None
    own = _own_pattern(master, bool(pieces[0].plural), locale) if form and pieces else None
    for piece in pieces:
        if piece.label != current:
            pattern, current = (own if piece.label == master else None), piece.label
        if piece.label_visible:
            term = _embedded_label(piece, piece.label == master, info.label_form, locale)
            if "%s" in term:
                pattern = term
            else:
                out.append(term + piece.label_suffix)
        text = piece.value
        if (piece.collapsible and form and piece.label == master and not piece.particle
                and re.fullmatch(r"[1-9][0-9]*", text)):
            text = _form_number(int(text), form, locale, gender)
        if pattern:
            text = pattern.replace("%s", text)
        out.append(piece.particle + text + piece.joining_suffix.replace("\\-", "-", 1))
    if quoted:
        return (locale.term("open-quote") or "\u201c") + "".join(out) + \
            (locale.term("close-quote") or "\u201d")
    return "".join(out)


def _embedded_label(piece: NumPiece, is_master: bool, label_form: str | None,
                    locale: Locale) -> str:

    label = piece.label
    name = label[4:] if label.startswith("var:") else SUBDIV.get(label)
    form = (label_form or "long") if is_master else (label_form or "short")
    term = locale.term(name, form, bool(piece.plural)) if name else None
    return term or label


def _own_pattern(label: str | None, plural: bool, locale: Locale) -> str | None:
    """The variable's own term when it holds "%s" (long form first): cs:number wraps its
    numbers in it and cs:label shows nothing (citeproc-js)."""
    name = label[4:] if label and label.startswith("var:") else SUBDIV.get(label or "")
    if not name:
        return None
    for form in ("long", "short"):
        term = locale.term(name, form, plural)
        if term and "%s" in term:
            return term
    return None


def _form_number(n: int, form: str, locale: Locale, gender: str | None) -> str:
    if form == "ordinal":
        return f"{n}{ordinal_suffix(n, locale, gender)}"
    if form == "long-ordinal":
        return long_ordinal(n, locale, gender)
    if form == "roman":
        return roman(n)
    return str(n)


def render_number(node: Node, ctx: Context) -> Span | None:

    variable = node.get("variable")
    value = ctx.variable(variable) if variable else None
    if variable:
        ctx.visit(variable)
    if value is None or value == "" or isinstance(value, (list, dict)):
        ctx.note_variable(False)
        return None
    ctx.note_variable(True)
    text = number_text(value, variable, ctx, node.get("form", "numeric"))
    return decorate([text], node, ctx, tag=Tag.NUMBER, data=variable)
