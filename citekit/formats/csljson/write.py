"""Share stage: the CSL-JSON writer (a JSON array of items, UTF-8 kept as is)."""
from __future__ import annotations

from typing import Any

from ...export import ExportResult
from ...model import Item
from ...model.io import items_to_data
from .jsontext import dumps


def dump(items: list[Item], indent: int | None = 2, **_options: Any) -> ExportResult:
    """One JSON array holding every item."""
    return ExportResult(dumps(items_to_data(items), indent))
