"""Format stage: a bounded memo for pure evaluator work that depends on live objects.

Number texts, number parses and localized date parts are functions of plain values and of
objects such as the locale or a style node. Their keys hold those objects' ``id()``s; each
entry keeps the objects themselves, so an id is not reused while the entry is there, and a
hit checks they are the same objects. The memo is cleared when full, so unique values
(pages) do not pile up in large runs.
"""
from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class OwnedMemo(Generic[V]):
    """Values by key, each entry with the objects (``owners``) it was worked out with."""

    __slots__ = ("_entries", "_size")

    def __init__(self, size: int) -> None:
        self._entries: dict[Hashable, tuple[tuple[object, ...], V]] = {}
        self._size = size

    def get(self, key: Hashable, owners: tuple[object, ...]) -> V | None:
        hit = self._entries.get(key)
        if hit is None:
            return None
        for kept, owner in zip(hit[0], owners):
            if kept is not owner:
                return None
        return hit[1]

    def put(self, key: Hashable, owners: tuple[object, ...], value: V) -> V:
        if len(self._entries) >= self._size:
            self._entries.clear()
        self._entries[key] = (owners, value)
        return value
