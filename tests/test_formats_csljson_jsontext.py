"""The indented JSON writer gives exactly the standard library's text (or its error)."""
from __future__ import annotations

import json
import math
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citekit.formats.csljson.jsontext import dumps

_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=8))
_DATA = st.recursive(_SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.lists(inner, max_size=3).map(tuple),
    st.dictionaries(st.text(max_size=5), inner, max_size=4)), max_leaves=25)


@settings(max_examples=300, deadline=None)
@given(_DATA, st.sampled_from([None, 0, 1, 2, 4, "\t", "--"]))
def test_same_text_as_json_dumps(data: object, indent: int | str | None) -> None:
    assert dumps(data, indent) == json.dumps(data, ensure_ascii=False, indent=indent)


def _outcome(write: Callable[[], str]) -> str:
    try:
        return write()
    except (TypeError, ValueError) as exc:
        return f"{type(exc).__name__}: {exc}"


_LOOP: list = []
_LOOP.append(_LOOP)


@pytest.mark.parametrize("data", [
    {1: "a", None: [True], 2.5: {}},     # keys json.dumps turns into strings
    [math.inf, -math.inf], [math.nan],
    [type("Text", (str,), {})("x")],     # a str subclass
    {"a": Decimal("1.5")}, [object()],   # json.dumps refuses these
    _LOOP,
])
def test_what_it_does_not_write_itself_is_left_to_json_dumps(data: object) -> None:
    expected = _outcome(lambda: json.dumps(data, ensure_ascii=False, indent=2))
    assert _outcome(lambda: dumps(data, 2)) == expected
