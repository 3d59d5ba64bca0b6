"""Recover stage: the CSL-YAML reader: a plain list of items, or pandoc's ``references:`` form
(also as the front matter of a Markdown file). A YAML error names the file and line.
"""
from __future__ import annotations

import re

from ..errors import ParseError
from ..model.io import items_from_data
from .registry import LoadResult
from .safeload import load_yaml_documents

_REFERENCES = re.compile(r"^references\s*:", re.MULTILINE)
_LIST_ITEM = re.compile(r"^-\s+(?:id|type|title)\s*:", re.MULTILINE)


def detect(text: str, filename: str | None) -> int:
    """90 for ``.yaml``/``.yml``, 70 for a ``references:`` block, 50 for a list of items."""
    if filename and filename.lower().endswith((".yaml", ".yml")):
        return 90
    head = text[:20000]
    if _REFERENCES.search(head) and (head.lstrip().startswith("---") or head.startswith("ref")):
        return 70
    return 50 if _LIST_ITEM.search(head) else 0


def read(text: str, filename: str | None = None) -> LoadResult:
    """Every document of the stream is read (a list of items, or a ``references:`` mapping)."""
    label = filename or "<string>"
    try:
        documents, warnings = load_yaml_documents(text, label)
    except ParseError as exc:
        return LoadResult(errors=[exc])
    documents = [d for d in documents if d is not None]
    if not documents:
        return LoadResult(errors=[ParseError("no YAML data", file=label)], warnings=warnings)
    result = LoadResult(warnings=warnings)
    for data in documents:
        items, errors = items_from_data(data, label)
        result.items.extend(items)
        result.errors.extend(errors)
    return result
