"""Normalize stage: CSL-JSON data (as decoded from JSON or YAML) to items and back.

Lenient on the way in: an item list, one item, or a ``{"references": [...]}`` /
``{"items": [...]}`` wrapper; names written as strings and dates written as strings
(``"2013-09"``, ``{"raw": "Spring 2010"}``, YAML dates, pandoc's ``[{year: 2013}]``) are
parsed; unknown fields are kept. A bad entry is reported and the others are still read.
"""
from __future__ import annotations

import datetime as _dt
import math
from typing import Any

from ..errors import ParseError
from .dateparse import parse_date
from .dates import Date
from .item import Item
from .nameparse import parse_names
from .variables import kind_of


def entries_of(data: Any, file: str | None = None) -> list[Any]:
    """The list of entries in decoded data; raises :class:`ParseError` for other shapes."""
    if isinstance(data, dict):
        for key in ("references", "items"):
            if isinstance(data.get(key), list):
                return data[key]
        if "id" in data or "type" in data or "title" in data:
            return [data]
        raise ParseError("expected a list of CSL items (or a 'references:' list)", file=file)
    if isinstance(data, list):
        return data
    raise ParseError(f"expected a list of CSL items, not {type(data).__name__}", file=file)


def _date_value(value: Any) -> Any:
    """A CSL date object, or the value unchanged when it already is one."""
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return {"date-parts": [[value.year, value.month, value.day]]}
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        text = str(value).strip()
        return parse_date(text).to_json() if text else None
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        parts = [[p[k] for k in ("year", "month", "day") if p.get(k) not in (None, "")]
                 for p in value]
        return {"date-parts": [p for p in parts if p]} if any(parts) else None
    if isinstance(value, dict) and not value.get("date-parts") and not value.get("literal"):
        raw = value.get("raw")
        if isinstance(raw, str) and raw.strip():
            parsed = parse_date(raw).to_json()
            rest = {k: v for k, v in value.items() if k != "raw"}
            return {**parsed, **rest} if "date-parts" in parsed else value
    return value


def _name_value(value: Any) -> Any:
    if isinstance(value, str):
        return [n.to_json() for n in parse_names(value)]
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        out: list[Any] = []
        for name in value:
            out.extend(_name_value(name) if isinstance(name, str) else [name])
        return out
    return value


def normalize_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """Names and dates written as text made structured; everything else as it was."""
    out: dict[str, Any] = {}
    for key, value in entry.items():
        kind = kind_of(key)
        if kind == "date":
            value = _date_value(value)
            if isinstance(value, dict):  # made a Date once, here (the item keeps it)
                date = Date.from_json(value)
                value = date if date.to_json() else None  # {"date-parts": []}: absent
        elif kind == "name":
            value = _name_value(value)
        elif isinstance(value, (_dt.date, _dt.datetime)):
            value = value.isoformat()
        out[key] = value
    return out


def items_from_data(data: Any, file: str | None = None) -> tuple[list[Item], list[ParseError]]:
    """Items from decoded CSL-JSON/YAML data; bad entries become errors, the rest are kept."""
    try:
        entries = entries_of(data, file)
    except ParseError as exc:
        return [], [exc]
    items: list[Item] = []
    errors: list[ParseError] = []
    for index, entry in enumerate(entries):
        made = item_from_entry(entry, index, file)
        (items if isinstance(made, Item) else errors).append(made)  # type: ignore[arg-type]
    return items, errors


def item_from_entry(entry: Any, index: int, file: str | None = None) -> Item | ParseError:
    """The item of the ``index``-th (0-based) entry of a file, or the error saying why not."""
    label = f"entry {index + 1}"
    if not isinstance(entry, dict):
        return ParseError(f"{label} is a {type(entry).__name__}, not an object", file=file)
    key = _key_of(entry)
    problem = next(((k, p) for k, v in entry.items()
                    if type(v) is not str and (p := value_problem(v))), None)
    if problem is not None:
        return ParseError(f"{label}: {problem[0]!r:.80} {problem[1]}", file=file, key=key)
    try:
        return Item.from_json(normalize_entry(entry))
    except (TypeError, ValueError, OverflowError, ParseError) as exc:
        return ParseError(f"{label}: {exc}", file=file, key=key)


#: lists and objects nested inside one field (deeper data is no bibliographic value)
MAX_FIELD_DEPTH = 50


def value_problem(value: Any) -> str | None:
    """Why a field's value cannot be kept (a non-finite number such as ``Infinity`` or
    ``NaN``, nesting deeper than :data:`MAX_FIELD_DEPTH`), else None. Iterative; strings
    and integers, most of what it meets, are passed over at once."""
    if isinstance(value, float):
        return None if math.isfinite(value) else _NOT_FINITE
    if not isinstance(value, (dict, list)):
        return None
    stack = [(1, value)]
    while stack:
        depth, node = stack.pop()
        if depth > MAX_FIELD_DEPTH:
            return f"is nested more than {MAX_FIELD_DEPTH} levels deep"
        for child in (node.values() if isinstance(node, dict) else node):
            kind = type(child)
            if kind is str or kind is int or child is None:
                continue
            if isinstance(child, float):
                if not math.isfinite(child):
                    return _NOT_FINITE
            elif isinstance(child, (dict, list)):
                stack.append((depth + 1, child))
    return None


_NOT_FINITE = "holds a number that is not finite (Infinity or NaN)"


def _key_of(entry: dict[str, Any]) -> str | None:
    value = entry.get("id")
    if value in (None, "") or isinstance(value, (dict, list)):
        return None
    return str(value)[:200]


def items_to_data(items: list[Item]) -> list[dict[str, Any]]:
    """The CSL-JSON objects of ``items``."""
    return [item.to_json() for item in items]
