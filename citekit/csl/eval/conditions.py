"""Format stage: the conditions of ``cs:if`` / ``cs:else-if`` (CSL 1.0.2 "Choose")."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...model import Date
from ..nodes import Node
from .context import (
    POSITION_FIRST,
    POSITION_IBID,
    POSITION_IBID_LOCATOR,
    POSITION_SUBSEQUENT,
    SPECIAL_VARIABLES,
    Context,
)
from .numparse import NUMERIC_VARIABLES, is_numeric, parsed_number

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
    if variable in SPECIAL_VARIABLES:
        value = ctx.raw_variable(variable)
        if variable == "locator":
            return bool(value)
    else:
        value = ctx.item.get(variable)
        if value is None:  # most tests: the item lacks the variable
            return False
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
        return parsed_number(v, variable, ctx.locale, label).numeric
    return is_numeric(str(v))


Test = Callable[[Context, Any], bool]

_TESTS: dict[str, Test] = {
    "disambiguate": _disambiguate, "is-numeric": _numeric, "is-uncertain-date": _uncertain,
    "locator": _locator, "position": lambda ctx, value: _position(ctx, value),
    "type": lambda ctx, value: ctx.item.type == value, "variable": _has_value,
}


Predicate = Callable[[Context], bool]


def compiled(node: Node) -> Predicate:
    """The node's conditions as one predicate, built once and kept on the node."""
    match = node.get("match", "all")
    tests: list[tuple[Test, Any]] = [(_TESTS[cond], value) for cond in _CONDITIONS
             for value in (node.attrs.get(cond) or "").split()]
    if "disambiguate" in node.attrs:  # it counts its evaluations: every test is evaluated
        predicate = _eager(match, tests)
    else:
        types = frozenset(v for fn, v in tests if fn is _TESTS["type"])
        # several types in one attribute are one test, true when the item is any of them,
        # under every match (citeproc-js: an item has one type, so "all" of two could never
        # hold, and styles that write match="all" type="a b" mean either)
        if len(types) > 1:
            tests = [t for t in tests if t[0] is not _TESTS["type"]]
            tests.insert(0, (_type_in, types))
        predicate = _variables(match, tests) or _lazy(match, tests)
    node.predicate = predicate
    return predicate


def _type_in(ctx: Context, types: frozenset[str]) -> bool:
    return ctx.item.type in types


def _variables(match: str, tests: list[tuple[Test, Any]]) -> Predicate | None:
    """Tests of plain item variables only (the most common condition): one function that
    reads the item, the same as :func:`_lazy` over :func:`_has_value`."""
    if not tests or any(fn is not _has_value or value in SPECIAL_VARIABLES
                        for fn, value in tests):
        return None
    variables = tuple(value for _, value in tests)
    if len(variables) == 1:
        (variable,) = variables
        want = match != "none"

        def one(ctx: Context) -> bool:
            value = ctx.item.get(variable)
            if value is None:
                return not want
            if isinstance(value, Date):
                return bool(value.parts or value.literal or value.raw or value.season) is want
            return (value not in ("", [])) is want
        return one

    hit_value = match == "any"  # what a variable with a value makes of the test (as _lazy)

    def has(ctx: Context) -> bool:
        get = ctx.item.get
        for variable in variables:
            value = get(variable)
            if value is None:
                found = False
            elif isinstance(value, Date):
                found = bool(value.parts or value.literal or value.raw or value.season)
            else:
                found = value not in ("", [])
            if match == "all":
                if not found:
                    return False
            elif found:
                return hit_value
        return match == "all" or not hit_value
    return has


def _lazy(match: str, tests: list[tuple[Test, Any]]) -> Predicate:
    """Stop at the first test that decides."""
    if len(tests) == 1:
        fn, value = tests[0]
        if match == "none":
            return lambda ctx: not fn(ctx, value)
        return lambda ctx: fn(ctx, value)
    if match == "all":
        def every(ctx: Context) -> bool:
            for fn, value in tests:
                if not fn(ctx, value):
                    return False
            return bool(tests)
        return every
    hit_value = match == "any"

    def some(ctx: Context) -> bool:
        for fn, value in tests:
            if fn(ctx, value):
                return hit_value
        return not hit_value
    return some


def _eager(match: str, tests: list[tuple[Test, Any]]) -> Predicate:
    def evaluate_all(ctx: Context) -> bool:
        results = [fn(ctx, value) for fn, value in tests]
        if match == "any":
            return any(results)
        if match == "none":
            return not any(results)
        return bool(results) and all(results)
    return evaluate_all


def test(node: Node, ctx: Context) -> bool:
    """Evaluate a ``cs:if``/``cs:else-if`` node (match all, any or none)."""
    predicate = node.predicate
    if predicate is None:
        predicate = compiled(node)
    return predicate(ctx)


def branches_for_type(choose: Node, item_type: str) -> list[tuple[Node, bool]]:
    """The branches of a cs:choose that can apply to items of ``item_type``, each with whether
    it is already settled true. Branches that test only the type are decided here, once per
    type: a false one is dropped, a true one (like cs:else) ends the list."""
    out: list[tuple[Node, bool]] = []
    for branch in choose.children:
        if branch.name == "else":
            out.append((branch, True))
            break
        if set(branch.attrs) - {"match"} != {"type"} or not branch.attrs["type"].split():
            out.append((branch, False))
            continue
        types = branch.attrs["type"].split()
        match = branch.get("match", "all")
        # one type test over several types (see compiled): any of them, under every match
        hit = (item_type not in types) if match == "none" else (item_type in types)
        if hit:
            out.append((branch, True))
            break
    return out
