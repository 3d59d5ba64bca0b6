"""Normalize stage: a CSL name (person or institution) as a typed value."""
from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any

_KEYS = {
    "family": "family",
    "given": "given",
    "dropping_particle": "dropping-particle",
    "non_dropping_particle": "non-dropping-particle",
    "suffix": "suffix",
    "literal": "literal",
    "comma_suffix": "comma-suffix",
    "static_ordering": "static-ordering",
    "parse_names": "parse-names",
}


#: the ``extra`` of every name and date without unknown fields (one shared, read-only)
NO_EXTRA: Mapping[str, Any] = MappingProxyType({})
_REVERSE = {v: k for k, v in _KEYS.items()}


@dataclass(frozen=True, slots=True)
class Name:
    """One CSL name. Institutions use ``literal``; persons use the name parts.

    Slotted and sharing one empty ``extra``: a large bibliography holds millions of names.
    """

    family: str | None = None
    given: str | None = None
    dropping_particle: str | None = None
    non_dropping_particle: str | None = None
    suffix: str | None = None
    literal: str | None = None
    comma_suffix: bool = False
    static_ordering: bool = False
    parse_names: bool | None = None
    extra: Mapping[str, Any] = field(default_factory=lambda: NO_EXTRA, compare=False,
                                          hash=False)

    @classmethod
    def from_json(cls, data: Any) -> Name:
        """Build a name from a CSL-JSON name object (or a bare string, taken as a literal)."""
        if isinstance(data, str):
            return cls(literal=data.strip() or None)
        if not isinstance(data, dict):
            raise TypeError(f"a name must be an object, not {type(data).__name__}")
        kw: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for key, value in data.items():
            attr = _REVERSE.get(key)
            if attr is None:
                extra[key] = value
            elif attr in ("comma_suffix", "static_ordering"):
                kw[attr] = bool(value) and value not in ("false", "0")
            elif attr == "parse_names":
                kw[attr] = value not in (False, "false", 0, "0")
            elif value is None or value == "":
                continue
            else:  # names repeat across a bibliography: one string each
                kw[attr] = sys.intern(str(value))
        return cls(**kw, extra=extra or NO_EXTRA)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with ``extra`` as a plain dict (the shared read-only one cannot be), so
        worker processes can send rendered trees, which hold names, back."""
        parts = tuple(getattr(self, attr) for attr, _key in _JSON_KEYS)
        return _unpickle_name, (parts, dict(self.extra) if self.extra else None)

    def is_empty(self) -> bool:
        """Whether :meth:`to_json` would be ``{}`` (no part, flag or extra key)."""
        return not self.extra and all(getattr(self, attr) in (None, False, "")
                                      for attr, _key in _JSON_KEYS)

    def to_json(self) -> dict[str, Any]:
        """The CSL-JSON object for this name (absent parts omitted)."""
        out = {key: value for attr, key in _JSON_KEYS
               if (value := getattr(self, attr)) not in (None, False, "")}
        out.update(self.extra)
        return out


#: (attribute, CSL-JSON key) of every name part, in field order (``extra`` comes last)
_JSON_KEYS = tuple((f.name, _KEYS[f.name]) for f in fields(Name) if f.name != "extra")


def _unpickle_name(parts: tuple[Any, ...], extra: dict[str, Any] | None) -> Name:
    fields_of = dict(zip((attr for attr, _key in _JSON_KEYS), parts))
    return Name(**fields_of, extra=extra or NO_EXTRA)
