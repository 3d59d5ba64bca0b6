"""Normalize stage: stable, readable item ids (``smith2013north``), unique within one run.

An item keeps its own ``id``. One without an id gets its ``citation-key`` when that is free,
else the first author's family name, the year and the first significant title word, with
``a``, ``b``, ... added when the key is taken: the same keys the BibTeX writer makes
(:class:`citekit.export.bibkeys.KeyMaker`), so an item's id and its BibTeX key agree.
"""
from __future__ import annotations

from typing import Iterable

from ..export.bibkeys import KeyMaker
from .item import Item


def assign_ids(items: Iterable[Item]) -> list[str]:
    """Give every item without an ``id`` a unique readable one; returns the ids given."""
    items = list(items)
    maker = KeyMaker()
    maker.used.update(item.id.lower() for item in items if item.id)
    given = []
    for item in items:
        if not item.id:
            item.id = maker.key_for(item)
            given.append(item.id)
    return given
