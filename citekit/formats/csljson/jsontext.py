"""Share stage: indented JSON text, the same as ``json.dumps(data, ensure_ascii=False, indent=n)``.

Before Python 3.14 the standard library indents with its pure-Python encoder (a generator per
container, several type checks per value); a 10,000-item CSL-JSON file spends most of its
writing time there. :func:`dumps` writes plain data (dicts with string keys, lists, tuples,
strings, ints, finite floats, booleans, ``None``) into one list of chunks instead; for
anything else (another type, a non-string key, NaN, a cycle) it calls :func:`json.dumps`,
so the text, or the error, is always the standard library's.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring
from math import isfinite
from typing import Any

_SCALARS: dict[type, Any] = {
    str: encode_basestring,
    int: int.__repr__,
    bool: lambda value: "true" if value else "false",
    type(None): lambda value: "null",
}


class _NotPlain(Exception):
    """The data holds something only :func:`json.dumps` knows how to write (or refuse)."""


def _scalar(value: Any) -> str:
    write = _SCALARS.get(type(value))
    if write is not None:
        return write(value)
    if type(value) is float and isfinite(value):
        return float.__repr__(value)
    raise _NotPlain


def _write(value: Any, out: list[str], newline: str, step: str) -> None:
    """Append the text of ``value``, nested containers starting on ``newline + step``."""
    kind = type(value)
    if kind is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + step
        head = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _NotPlain
            if type(item) is str:
                out.append(head + encode_basestring(key) + ": " + encode_basestring(item))
            else:
                out.append(head + encode_basestring(key) + ": ")
                _write(item, out, inner, step)
            head = "," + inner
        out.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        inner = newline + step
        head = "[" + inner
        for item in value:
            if type(item) is str:
                out.append(head + encode_basestring(item))
            else:
                out.append(head)
                _write(item, out, inner, step)
            head = "," + inner
        out.append(newline + "]")
    else:
        out.append(_scalar(value))


def dumps(data: Any, indent: int | str | None) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=indent)``, faster on plain data."""
    if indent is None:  # the standard library's C encoder writes this one
        return json.dumps(data, ensure_ascii=False)
    out: list[str] = []
    try:
        _write(data, out, "\n", indent if isinstance(indent, str) else " " * indent)
    except (_NotPlain, RecursionError):
        return json.dumps(data, ensure_ascii=False, indent=indent)
    return "".join(out)


def iter_list(values: Iterable[Any], indent: int | str | None) -> Iterator[str]:
    """The text of ``dumps(list(values), indent)`` in pieces, one value at a time (a long list
    is never in memory whole, as data or as text)."""
    if indent is None:
        head, sep, tail, step = "[", ", ", "]", ""
    else:
        step = indent if isinstance(indent, str) else " " * indent
        head, sep, tail = "[\n" + step, ",\n" + step, "\n]"
    before = head
    for value in values:
        text = dumps(value, indent)
        # a nested value's lines are one step further in (JSON strings hold no raw newline)
        yield before + (text.replace("\n", "\n" + step) if step else text)
        before = sep
    yield "[]" if before is head else tail


__all__ = ["dumps", "iter_list"]
