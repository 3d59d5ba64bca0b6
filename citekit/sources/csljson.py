"""Recover stage: the CSL-JSON reader (a list of items, one item, or a wrapper object).

Lenient: names and dates written as text are parsed, unknown fields kept (see
:mod:`citekit.model.io`). A JSON syntax error names the file and line.
"""
from __future__ import annotations

from ..errors import ParseError
from ..model.io import items_from_data
from .registry import LoadResult
from .safeload import load_json


def detect(text: str, filename: str | None) -> int:
    """90 for a ``.json`` file, 60 for text that opens like a JSON array or object."""
    head = text.lstrip("\ufeff \t\r\n")[:1]
    if filename and filename.lower().endswith((".json", ".csljson")):
        return 90
    return 60 if head in ("[", "{") else 0


def read(text: str, filename: str | None = None) -> LoadResult:
    label = filename or "<string>"
    try:
        data, warnings = load_json(text, label)
    except ParseError as exc:
        return LoadResult(errors=[exc])
    items, errors = items_from_data(data, label)
    return LoadResult(items=items, errors=list(errors), warnings=warnings)
