"""Format stage: citation abbreviations — short forms of titles, places and publishers.

The list has the shape citeproc-js takes and pandoc's ``--citation-abbreviations`` reads::

    {"default": {"container-title": {"Journal of Irreproducible Results": "J. Irrep. Res."},
                 "place": {"New York": "NY"}}}

A variable rendered with ``form="short"`` that has no short form of its own (``title-short``,
``container-title-short``) shows the list's abbreviation of its value, when the list has one.
Values match as citeproc-js matches them in Zotero (its ``normalizeAbbrevsKey``, which
citeproc-js's own test runner shares): case, punctuation, ``and`` / ``the`` / ``et`` / ``und``
/ ``y`` / ``la`` / ``le`` / elided ``l'`` ``d'`` and spacing aside (:func:`abbreviation_key`),
so ``Journal of classical studies`` abbreviates ``Journal of Classical Studies``; jurisdiction
and country codes match upper-cased. Categories are citeproc-js's: a title variable is
its own category, places share ``place``, publishers ``institution-part``, and any other
variable its own name. Lists under keys other than ``default`` (Juris-M jurisdictions) are
read as well, after ``default``.
"""
from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import CitekitError, FormatError
from ..model.safeload import load_json

__all__ = ["Abbreviations", "abbreviation_key", "load_abbreviations"]

_CATEGORY = {
    "publisher-place": "place", "event-place": "place", "original-publisher-place": "place",
    "jurisdiction": "place", "publisher": "institution-part",
    "original-publisher": "institution-part", "authority": "institution-part",
}

# words and ASCII punctuation the key drops (JavaScript's \b: ASCII word boundaries)
_DROPPED = re.compile(r"(?:\b|^)(?:and|et|y|und|l[ae]|the|[ld]')(?:\b|$)"
                      r"|[\x21-\x2C./\x3A-\x40\x5B-\x60\\\x7B\x7D-\x7E]", re.I | re.A)
_CODES = {"jurisdiction", "country"}


def abbreviation_key(variable: str, value: str) -> str:
    """The form a value is matched in: lower case without punctuation, articles or "and"."""
    value = value.strip()
    if variable in _CODES:
        return value.upper()
    value = _DROPPED.sub("", value)
    value = re.sub(r"\s*\|\s*", "|", value).replace(".", " ")
    return re.sub(r"\s+", " ", value).strip().lower()


class Abbreviations:
    """An abbreviation list: category -> full value -> abbreviation."""

    def __init__(self, data: Mapping[str, Any], source: str = "<abbreviations>") -> None:
        if not isinstance(data, Mapping):
            raise FormatError(f"{source}: an abbreviation list must be a JSON object")
        self._by_category: dict[str, dict[str, str]] = {}
        self._size = 0
        lists = [data["default"]] if "default" in data else []
        lists += [v for k, v in data.items() if k != "default"]
        for lst in lists:
            if not isinstance(lst, Mapping):
                raise FormatError(f"{source}: each list must map categories to objects")
            for category, pairs in lst.items():
                if not isinstance(pairs, Mapping) or not all(
                        isinstance(k, str) and isinstance(v, str) for k, v in pairs.items()):
                    raise FormatError(f"{source}: category {category!r} must map strings to "
                                      "strings")
                known = self._by_category.setdefault(str(category), {})
                self._size += len(pairs)
                for full, short in pairs.items():
                    known.setdefault(abbreviation_key(str(category), full), short)
                    if category == "place" and full.isupper():  # also a jurisdiction code
                        known.setdefault(abbreviation_key("jurisdiction", full), short)

    def lookup(self, variable: str, value: str) -> str | None:
        """The abbreviation of ``value`` of ``variable``, or None."""
        category = _CATEGORY.get(variable, variable)
        return self._by_category.get(category, {}).get(abbreviation_key(variable, value))

    def __len__(self) -> int:
        return self._size


def load_abbreviations(path: str | os.PathLike[str]) -> Abbreviations:
    """Read an abbreviation list from a JSON file (errors name the file and line)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FormatError(f"{path}: cannot read abbreviations: {exc}") from None
    try:
        data, _ = load_json(text, str(path))  # bounded nesting, surrogates replaced
    except CitekitError as exc:
        where = f"{path}:{exc.line}" if exc.line else str(path)
        raise FormatError(f"{where}: not JSON: {exc.message}") from None
    return Abbreviations(data, str(path))
