"""Format stage: numbers — cs:number forms (ordinal, long-ordinal, roman), numeric tests,
plurals, and page-range formatting."""
from __future__ import annotations

import re

from ..locale import Locale
from ..nodes import Node
from ..output.tree import Span
from .context import Context

_NUMERIC = re.compile(
    r"^\s*[A-Za-z]?\d+[A-Za-z]*(?:\s*(?:[-\u2013,&]|and)\s*[A-Za-z]?\d+[A-Za-z]*)*\s*$")
_PIECES = re.compile(r"(\s*(?:[-\u2013,&]|and)\s*)")
_PLURAL = re.compile(r"\d\s*(?:[-\u2013,&]|and)\s*\S*\d")


def is_numeric(text: str) -> bool:
    return bool(_NUMERIC.match(text))


def is_plural(text: str) -> bool:
    return bool(_PLURAL.search(text))


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


def _join_piece(sep: str, locale: Locale) -> str:
    s = sep.strip()
    if s in ("-", "\u2013"):
        return "\u2013"
    if s == ",":
        return ", "
    if s == "&":
        return " & "
    if s == "and":
        return " and "
    return sep


def render_number(node: Node, ctx: Context) -> Span | None:
    from .core import decorate

    variable = node.get("variable")
    value = ctx.variable(variable) if variable else None
    if value is None or value == "" or isinstance(value, (list, dict)):
        ctx.note_variable(False)
        return None
    ctx.note_variable(True)
    text = str(value)
    form = node.get("form", "numeric")
    if not is_numeric(text):
        return decorate([text], node, ctx, tag="number", data=variable)
    gender = ctx.locale.gender_of(variable)
    if variable == "locator" and ctx.cite and ctx.cite.label:
        gender = ctx.locale.gender_of(ctx.cite.label)
    out = []
    for piece in _PIECES.split(text.strip()):
        if _PIECES.fullmatch(piece):
            out.append(_join_piece(piece, ctx.locale))
            continue
        m = re.fullmatch(r"([A-Za-z]?)(\d+)([A-Za-z]*)", piece)
        if not m or m.group(1) or m.group(3):
            out.append(piece)
            continue
        n = int(m.group(2))
        if form == "ordinal":
            out.append(f"{n}{ordinal_suffix(n, ctx.locale, gender)}")
        elif form == "long-ordinal":
            out.append(long_ordinal(n, ctx.locale, gender))
        elif form == "roman":
            out.append(roman(n))
        else:
            out.append(m.group(2))
    return decorate(["".join(out)], node, ctx, tag="number", data=variable)


# -- page ranges -----------------------------------------------------------------------------

_RANGE = re.compile(r"(?<![\w])([A-Za-z]*)(\d+)\s*[-\u2013]+\s*([A-Za-z]*)(\d+)(?![\w])")


def normalize_range(text: str, locale: Locale) -> str:
    delim = locale.term("page-range-delimiter") or "\u2013"
    return _RANGE.sub(lambda m: f"{m.group(1)}{m.group(2)}{delim}{m.group(3)}{m.group(4)}",
                      text)


def _minimal(first: str, last: str, keep: int) -> str:
    if len(first) != len(last):
        return last
    i = 0
    while i < len(first) - 1 and first[i] == last[i]:
        i += 1
    trimmed = last[i:]
    if len(trimmed) < keep and len(last) >= keep:
        trimmed = last[-keep:]
    return trimmed


def _chicago(first: str, last: str, edition16: bool) -> str:
    f = int(first)
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    if f < 100 or f % 100 == 0:
        return last
    if f % 100 < 10:
        return _minimal(first, last, 1)
    if len(first) == 4 and not edition16:
        if first[0] != last[0] or first[1] != last[1]:
            return last
        return _minimal(first, last, 2) if _minimal(first, last, 2) else last
    return _minimal(first, last, 2)


def format_page_range(text: str, ctx: Context) -> str:
    fmt = ctx.style.options.get("page-range-format")
    delim = ctx.locale.term("page-range-delimiter") or "\u2013"

    def repl(m: re.Match[str]) -> str:
        p1, first, p2, last = m.group(1), m.group(2), m.group(3), m.group(4)
        if p1 != p2 or not fmt:
            return f"{p1}{first}{delim}{p2}{last}"
        if len(last) < len(first):  # expand abbreviated end first
            last = first[: len(first) - len(last)] + last
        if int(last) < int(first):
            return f"{p1}{first}{delim}{p2}{last}"
        if fmt == "expanded":
            out = last
        elif fmt == "minimal":
            out = _minimal(first, last, 1)
        elif fmt == "minimal-two":
            out = _minimal(first, last, 2)
        elif fmt in ("chicago", "chicago-15"):
            out = _chicago(first, last, False)
        elif fmt == "chicago-16":
            out = _chicago(first, last, True)
        else:
            out = last
        return f"{p1}{first}{delim}{p2}{out}"

    return _RANGE.sub(repl, text)
