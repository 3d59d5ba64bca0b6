"""Recover stage: the CSL-JSON reader (a list of items, one item, or a wrapper object).

Lenient: names and dates written as text are parsed, unknown fields kept (see
:mod:`citekit.model.io`). A JSON syntax error names the file and line (entries before it
are kept). A list is decoded one entry at a time, so memory stays near the size of the file.
"""
from __future__ import annotations

from ...errors import ParseError
from ...model.io import item_from_entry, items_from_data
from ...model.safeload import iter_json_list, load_json
from ...sources.registry import LoadResult


def detect(text: str, filename: str | None) -> int:
    """90 for a ``.json`` file, 60 for text that opens like a JSON array or object."""
    head = text.lstrip("\ufeff \t\r\n")[:1]
    if filename and filename.lower().endswith((".json", ".csljson")):
        return 90
    return 60 if head in ("[", "{") else 0


def read(text: str, filename: str | None = None) -> LoadResult:
    label = filename or "<string>"
    result = LoadResult()
    values = iter_json_list(text, label, result.warnings)
    try:
        if values is None:  # one item or a wrapper object: decoded whole
            data, result.warnings = load_json(text, label)
            result.items, errors = items_from_data(data, label)
            result.errors.extend(errors)
            return result
        for index, value in enumerate(values):  # a list: one entry in memory at a time
            made = item_from_entry(value, index, label)
            if isinstance(made, ParseError):
                result.errors.append(made)
            else:
                result.items.append(made)
    except ParseError as exc:  # a syntax error: the entries before it are kept
        result.errors.append(exc)
    return result
