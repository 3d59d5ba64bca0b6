"""Share stage: the CSL-JSON writer (a JSON array of items, UTF-8 kept as is)."""
from __future__ import annotations

import json
from typing import Any

from ..model import Item
from ..model.io import items_to_data
from . import ExportResult


def dump(items: list[Item], indent: int | None = 2, **_options: Any) -> ExportResult:
    """One JSON array holding every item."""
    return ExportResult(json.dumps(items_to_data(items), ensure_ascii=False, indent=indent))
