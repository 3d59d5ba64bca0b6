"""Format stage: the conditions of ``cs:if`` / ``cs:else-if`` (CSL 1.0.2 "Choose")."""
from __future__ import annotations

from ...model import Date
from ..nodes import Node
from .context import (POSITION_FIRST, POSITION_IBID, POSITION_IBID_LOCATOR, POSITION_SUBSEQUENT,
                      SPECIAL_VARIABLES, Context)
from .numbers import is_numeric
from .numparse import NUMERIC_VARIABLES, parse_number

_CONDITIONS = ("disambiguate", "is-numeric", "is-uncertain-date", "locator", "position",
               "type", "variable")


def _position(ctx: Context, want: str) -> bool:
    cite = ctx.cite
    if cite is None or ctx.mode != "citation":
        return False
    pos = cite.position
    if want == "first":
        return pos == POSITION_FIRST
    if want == "subsequent":
        return pos >= POSITION_SUBSEQUENT
    if want == "ibid":
        return pos in (POSITION_IBID, POSITION_IBID_LOCATOR)
    if want == "ibid-with-locator":
        return pos == POSITION_IBID_LOCATOR
    if want == "near-note":
        return pos >= POSITION_SUBSEQUENT and cite.near_note
    return False


def _has_value(ctx: Context, variable: str) -> bool:
    value = ctx.raw_variable(variable) if variable in SPECIAL_VARIABLES \
        else ctx.item.get(variable)
    if variable == "locator":
        return bool(value)
    if isinstance(value, Date):
        return bool(value.parts or value.literal or value.raw or value.season)
    return value not in (None, "", [])


def _uncertain(ctx: Context, variable: str) -> bool:
    value = ctx.item.get(variable)
    return isinstance(value, Date) and value.circa


def _locator(ctx: Context, label: str) -> bool:
    if ctx.cite is None or not ctx.cite.locator:
        return False
    have = ctx.cite.label or "page"
    return have == label or (label == "sub-verbo" and have == "sub verbo")


def _disambiguate(ctx: Context, value: str) -> bool:
    """disambiguate="true" holds for the first ``level`` tests evaluated (citeproc-js counts
    them; the disambiguation run raises the level until the cites differ)."""
    disamb = ctx.disamb
    if value != "true":
        return not disamb.disambiguate
    if ctx.mode == "citation":
        disamb.cond_max += 1
    if disamb.cond_count < disamb.disambiguate:
        disamb.cond_count += 1
        return True
    return False


def _numeric(ctx: Context, variable: str) -> bool:
    """is-numeric: citeproc-js parses number variables; others need a trailing digit."""
    v = ctx.raw_variable(variable)
    if v is None or v == "" or isinstance(v, (list, dict, Date)):
        return False
    if variable in NUMERIC_VARIABLES:
        label = ctx.cite.label if ctx.cite and variable.startswith("locator") else None
        return parse_number(v, variable, ctx.locale, label).numeric
    return is_numeric(str(v))


_TESTS = {
    "disambiguate": _disambiguate, "is-numeric": _numeric, "is-uncertain-date": _uncertain,
    "locator": _locator, "position": lambda ctx, value: _position(ctx, value),
    "type": lambda ctx, value: ctx.item.type == value, "variable": _has_value,
}


def _compiled(node: Node) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The node's (match, ((condition, value), ...)), parsed once and kept on the node."""
    compiled = node.cache.get("conditions")
    if compiled is None:
        tests = tuple((_TESTS[cond], value) for cond in _CONDITIONS
                      for value in (node.attrs.get(cond) or "").split())
        # disambiguate="true" counts its evaluations: such nodes evaluate every test
        lazy = "disambiguate" not in node.attrs
        compiled = (node.get("match", "all"), tests, lazy)
        node.cache["conditions"] = compiled
    return compiled


def test(node: Node, ctx: Context) -> bool:
    """Evaluate a ``cs:if``/``cs:else-if`` node (match all, any or none)."""
    compiled = node.cache.get("conditions")
    match, tests, lazy = compiled if compiled is not None else _compiled(node)
    if lazy:  # stop at the first test that decides
        if match == "all":
            for fn, value in tests:
                if not fn(ctx, value):
                    return False
            return bool(tests)
        for fn, value in tests:
            if fn(ctx, value):
                return match == "any"
        return match != "any"
    results = [fn(ctx, value) for fn, value in tests]
    if match == "any":
        return any(results)
    if match == "none":
        return not any(results)
    return bool(results) and all(results)
