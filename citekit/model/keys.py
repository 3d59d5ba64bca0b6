"""Normalize stage: stable, readable item ids (``smith2013north``), unique within one run.

An item keeps its own ``id``. One without an id gets its ``citation-key`` when that is free,
else the first author's family name, the year and the first significant title word, with
``a``, ``b``, ... added when the key is taken: the same keys the BibTeX writer makes
(:class:`citekit.export.bibkeys.KeyMaker`), so an item's id and its BibTeX key agree.
"""
from __future__ import annotations

from typing import Iterable, Sequence

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


def drop_duplicates(items: Iterable[Item], origins: Sequence[str] | None = None,
                    keep_all: bool = False) -> tuple[list[Item], list[str]]:
    """``items`` with one item per id, by pandoc's rule: the last definition wins.

    Each id given more than once is one warning naming where each definition came from
    (``origins[i]`` for ``items[i]``, else "item i"). The kept item stays where it was given.
    ``keep_all`` keeps every definition (a conversion loses nothing) and only warns.
    """
    items = list(items)
    where = list(origins) if origins is not None else [f"item {i + 1}" for i in range(len(items))]
    last: dict[str, int] = {}
    places: dict[str, list[str]] = {}
    for i, item in enumerate(items):
        if item.id in last:
            places.setdefault(item.id, [where[last[item.id]]])
            places[item.id].append(where[i])
        last[item.id] = i
    if not places:
        return items, []
    kept = items if keep_all else [item for i, item in enumerate(items) if last[item.id] == i]
    verdict = "every definition is kept" if keep_all else "the last definition is used"
    warnings = [f"item id {key!r} is defined {len(seen)} times ({', '.join(seen)}): {verdict}"
                for key, seen in places.items()]
    return kept, warnings
