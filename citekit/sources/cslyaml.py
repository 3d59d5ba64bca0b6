"""Recover stage: the CSL-YAML reader: a plain list of items, or pandoc's ``references:`` form
(also as the front matter of a Markdown file). A YAML error names the file and line.
"""
from __future__ import annotations

import re
from typing import Any

import yaml

from ..errors import ParseError
from ..model.io import items_from_data
from .registry import LoadResult

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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
    label = filename or "<string>"
    try:
        data = next(iter(yaml.load_all(text, Loader=_LOADER)), None)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "cannot be read"
        return LoadResult(errors=[ParseError(f"invalid YAML: {problem}", file=label,
                                             line=mark.line + 1 if mark else None)])
    except RecursionError:
        return LoadResult(errors=[ParseError("YAML nested too deeply", file=label)])
    if data is None:
        return LoadResult(errors=[ParseError("no YAML data", file=label)])
    items, errors = items_from_data(data, label)
    return LoadResult(items=items, errors=list(errors))
