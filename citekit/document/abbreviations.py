"""Normalize stage, for documents: a citation-abbreviations file applied to items.

pandoc's ``citation-abbreviations`` (and Zotero's abbreviation lists) name a JSON file in
citeproc-js's layout: ``{"default": {"container-title": {"Long Name": "Abbr."}, ...}}``.
Each listed title becomes the item's ``*-short`` variable (``container-title-short``,
``collection-title-short``, ``title-short``), which a style prints where it asks for
``form="short"``; a short form the item already has is kept. Other categories of the file
(``place``, ``institution-part`` ...) have no ``*-short`` variable in CSL and are ignored.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from ..errors import ParseError
from ..model import Item

#: abbreviation category -> the item variable it abbreviates
CATEGORIES = ("container-title", "collection-title", "title")

Abbreviations = dict[str, dict[str, str]]


def read_abbreviations(path: str | Path) -> Abbreviations:
    """The file's abbreviations, category -> {long form: short form} (every jurisdiction
    section merged, ``default`` last so that it wins)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ParseError("no such file", file=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ParseError(f"cannot read: {exc}", file=str(path)) from None
    except json.JSONDecodeError as exc:
        raise ParseError(f"invalid JSON: {exc.msg}", file=str(path), line=exc.lineno) from None
    if not isinstance(data, dict):
        raise ParseError("an abbreviations file is a JSON object", file=str(path))
    sections = [v for k, v in data.items() if k != "default" and isinstance(v, dict)]
    if isinstance(data.get("default"), dict):
        sections.append(data["default"])
    out: Abbreviations = {}
    for section in sections:
        for category, table in section.items():
            if isinstance(table, dict):
                out.setdefault(category, {}).update(
                    {str(k): str(v) for k, v in table.items() if isinstance(v, (str, int))})
    return out


def apply_abbreviations(items: Iterable[Item], abbreviations: Abbreviations) -> list[Item]:
    """Copies of ``items`` with the listed short forms set (the items are not changed)."""
    out: list[Item] = []
    for item in items:
        changes = {}
        for category in CATEGORIES:
            value = item.get(category)
            short = abbreviations.get(category, {}).get(value) if isinstance(value, str) else None
            if short and not item.get(category + "-short"):
                changes[category + "-short"] = short
        if changes:
            item = item.copy()
            for key, value in changes.items():
                item[key] = value
        out.append(item)
    return out
