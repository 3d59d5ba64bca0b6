"""Shared helpers for the seed-reader tests (DTIC, CFR): read one item and check it."""
from __future__ import annotations

from pathlib import Path

from citekit.model.keys import assign_ids
from citekit.model.schema import validate_items
from citekit.sources import LoadResult, read_file, read_text


def _single(result: LoadResult) -> dict:
    assert result.errors == []
    assign_ids(result.items)
    assert validate_items(result.items) == []
    (item,) = result.items
    return item.to_json()


def read_one(text: str, name: str) -> dict:
    """The one schema-valid item read from ``text`` (as CSL-JSON)."""
    return _single(read_text(text, name))


def read_seed(path: Path) -> dict:
    """The one schema-valid item of a seed file, read without warnings."""
    result = read_file(path)
    assert result.warnings == []
    return _single(result)
