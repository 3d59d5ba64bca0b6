"""Normalize stage: the one typed CSL-JSON item every later stage uses.

Name variables hold ``list[Name]``, date variables hold :class:`Date`, every other variable
keeps its JSON value (strings, numbers, lists, objects). Unknown fields are kept, never dropped;
empty values ("" or empty lists) are absent.
"""
from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

from .dates import Date
from .names import Name
from .variables import DATE_VARIABLES, kind_of


def _is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    if isinstance(value, (list, dict)):
        return len(value) == 0
    return False


#: values of these are seldom shared by two items: kept as they are, not interned
_OWN_VALUES = frozenset({"title", "title-short", "abstract", "note", "URL", "DOI", "PMID",
                         "PMCID", "citation-key", "citation-label"})
_NAMES: dict[Name, Name] = {}
_MAX_SHARED_NAMES = 1 << 16


def _share_text(key: str, value: str) -> str:
    """One string object for a short value many items repeat (a publisher, a place, a
    journal, a volume): interned strings are freed with their last user."""
    return sys.intern(value) if len(value) <= 64 and key not in _OWN_VALUES else value


def _share_name(name: Name) -> Name:
    """One object for equal names (a bibliography repeats its authors; names are frozen);
    the table is bounded. A name with extra keys (which equality ignores) stays its own."""
    if name.extra:
        return name
    shared = _NAMES.get(name)
    if shared is None:
        if len(_NAMES) >= _MAX_SHARED_NAMES:
            _NAMES.clear()
        _NAMES[name] = shared = name
    return shared


class Item:
    """A CSL item: ``id``, ``type`` and its variables."""

    __slots__ = ("id", "type", "_fields")

    def __init__(self, id: str, type: str = "document", fields: dict[str, Any] | None = None):
        self.id = id
        self.type = type
        self._fields: dict[str, Any] = {}
        for key, value in (fields or {}).items():
            self[key] = value

    # -- mapping-like access -------------------------------------------------------------
    def __getitem__(self, key: str) -> Any:
        return self._fields[key]

    def __setitem__(self, key: str, value: Any) -> None:
        key = sys.intern(key)  # one string per field name, however many items hold it
        if type(value) is str and key not in DATE_VARIABLES:  # most values: kept stripped
            value = value.strip()
            if value:
                self._fields[key] = _share_text(key, value)
            else:
                self._fields.pop(key, None)
            return
        if _is_empty(value):
            self._fields.pop(key, None)
            return
        kind = kind_of(key)
        if kind == "name" and isinstance(value, list):
            value = [v if isinstance(v, Name) else Name.from_json(v) for v in value]
            value = [_share_name(n) for n in value if not n.is_empty()]
            if not value:
                self._fields.pop(key, None)
                return
        elif kind == "date" and not isinstance(value, Date):
            value = Date.from_json(value)
        elif isinstance(value, str):
            value = value.strip()
        self._fields[key] = value

    def __delitem__(self, key: str) -> None:
        del self._fields[key]

    def __contains__(self, key: object) -> bool:
        return key in self._fields

    def __iter__(self) -> Iterator[str]:
        return iter(self._fields)

    def get(self, key: str, default: Any = None) -> Any:
        return self._fields.get(key, default)

    def lacks_all(self, keys: frozenset[str]) -> bool:
        """Whether the item holds none of ``keys``."""
        return keys.isdisjoint(self._fields)

    def fields(self) -> dict[str, Any]:
        """A shallow copy of the variables (without id and type)."""
        return dict(self._fields)

    def names(self, key: str) -> list[Name]:
        value = self._fields.get(key)
        return value if isinstance(value, list) and all(isinstance(n, Name) for n in value) else []

    def date(self, key: str) -> Date | None:
        value = self._fields.get(key)
        return value if isinstance(value, Date) else None

    def copy(self) -> Item:
        """A shallow copy (values are already normalized, so they are not checked again)."""
        clone = Item(self.id, self.type)
        clone._fields = dict(self._fields)
        return clone

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Item) and self.id == other.id and self.type == other.type
                and self.to_json() == other.to_json())

    def __repr__(self) -> str:
        return f"Item(id={self.id!r}, type={self.type!r}, fields={sorted(self._fields)})"

    # -- CSL-JSON --------------------------------------------------------------------------
    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Item:
        """Build an item from a CSL-JSON object. Unknown fields are kept as they are."""
        if not isinstance(data, dict):
            raise TypeError(f"an item must be an object, not {type(data).__name__}")
        item_id = data.get("id")
        item_type = data.get("type") or "document"
        rest = {k: v for k, v in data.items() if k not in ("id", "type")}
        return cls("" if item_id is None else str(item_id), str(item_type), rest)

    def to_json(self) -> dict[str, Any]:
        """The CSL-JSON object for this item."""
        out: dict[str, Any] = {"id": self.id, "type": self.type}
        for key, value in self._fields.items():
            if type(value) is str:
                out[key] = value
            elif isinstance(value, Date):
                out[key] = value.to_json()
            elif isinstance(value, list) and value and isinstance(value[0], Name):
                out[key] = [n.to_json() for n in value]
            else:
                out[key] = value
        return out
