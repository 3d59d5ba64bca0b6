"""Share stage: the CSL-JSON writer (a JSON array of items, UTF-8 kept as is)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ...model import Item
from .jsontext import iter_list


def chunks(items: Iterable[Item], warnings: list[str], indent: int | None = 2,
           **_options: Any) -> Iterator[str]:
    """One JSON array holding every item, written one item at a time."""
    return iter_list((item.to_json() for item in items), indent)
