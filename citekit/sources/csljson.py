"""Recover stage: the CSL-JSON reader (a list of items, one item, or a wrapper object).

Lenient: names and dates written as text are parsed, unknown fields kept (see
:mod:`citekit.model.io`). A JSON syntax error names the file and line.
"""
from __future__ import annotations

import json

from ..errors import ParseError
from ..model.io import items_from_data
from .registry import LoadResult


def detect(text: str, filename: str | None) -> int:
    """90 for a ``.json`` file, 60 for text that opens like a JSON array or object."""
    head = text.lstrip("\ufeff \t\r\n")[:1]
    if filename and filename.lower().endswith((".json", ".csljson")):
        return 90
    return 60 if head in ("[", "{") else 0


def read(text: str, filename: str | None = None) -> LoadResult:
    label = filename or "<string>"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return LoadResult(errors=[ParseError(f"invalid JSON: {exc.msg} (column {exc.colno})",
                                             file=label, line=exc.lineno)])
    except RecursionError:
        return LoadResult(errors=[ParseError("JSON nested too deeply", file=label)])
    items, errors = items_from_data(data, label)
    return LoadResult(items=items, errors=list(errors))
