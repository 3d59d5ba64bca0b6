"""Normalize stage: checking items against the CSL-JSON schema (citekit/data/csl-data.json).

The schema is read and compiled once, on first use. Each problem becomes one
:class:`~citekit.errors.ValidationError` naming the item and the JSON path of the bad value.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import ValidationError
from .item import Item


@lru_cache(maxsize=1)
def _validator() -> Any:
    from jsonschema import Draft7Validator

    schema = json.loads(resources.files("citekit").joinpath("data/csl-data.json").read_text(
        encoding="utf-8"))
    item_schema = {**schema["items"], "definitions": schema["definitions"]}
    return Draft7Validator(item_schema)


def _where(path: Iterable[Any]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def item_errors(item: Item | dict[str, Any], file: str | None = None) -> list[ValidationError]:
    """Every way ``item`` (an :class:`Item` or a CSL-JSON object) breaks the schema."""
    data = item.to_json() if isinstance(item, Item) else item
    key = str(data.get("id", "")) if isinstance(data, dict) else None
    found = []
    for error in sorted(_validator().iter_errors(data), key=lambda e: list(e.path)):
        where = _where(error.path)
        message = error.message if len(error.message) <= 200 else error.message[:197] + "..."
        found.append(ValidationError(f"{where + ': ' if where else ''}{message}", file=file,
                                     key=key or None))
    return found


def validate_items(items: Iterable[Item], file: str | None = None) -> list[ValidationError]:
    """The schema errors of every item, in order."""
    return [error for item in items for error in item_errors(item, file)]


def is_valid(item: Item | dict[str, Any]) -> bool:
    return not item_errors(item)
