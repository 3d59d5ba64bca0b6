"""Normalize stage: CSL variables written in an item's ``note`` (Zotero's "Extra" field).

Zotero exports what its own item types cannot hold as lines of the note, and citeproc-js and
jgm/citeproc both read them back: ``key: value`` lines (``original-date: 1925``,
``publisher-place: Berlin``, ``type: dataset``) and ``{:key:value}`` anywhere on a line.
Names are written ``Family || Given`` (or a bare literal) and add up when repeated; dates are
raw strings, parsed as any raw date; ``type`` replaces the item's type. The fields read are taken
out of the note; what is left stays the note.

Fields are read while the note holds them: from its first line (which may instead be free
text) up to the first other line of text. A ``key: value`` field never replaces a variable the
item already has, except a date (as in citeproc-js).
"""
from __future__ import annotations

import re

from .dates import Date
from .item import Item
from .names import Name
from .variables import DATE_VARIABLES, NAME_VARIABLES

__all__ = ["lift_note_fields"]

_FIELD = re.compile(r"^\s*([a-z][-a-z]*)\s*:\s*(.*?)\s*$")
_BRACED = re.compile(r"\{:([-_a-z]+|[A-Z]+):([^}]+)\}")


def _unbrace(lines: list[str]) -> list[str]:
    """Each braced field on a line of its own (not those after free text past the first)."""
    out: list[str] = []
    for n, line in enumerate(lines):
        pieces = _BRACED.split(line)
        if len(pieces) == 1:
            out.append(line)
            continue
        text = [pieces[0]]
        for j in range(1, len(pieces), 3):
            before = pieces[j - 1]
            if before.strip() and (n > 0 or j > 1) and not _FIELD.match(before):
                text.append("".join(f"{{:{k}:{v}}}{after}" for k, v, after in zip(
                    pieces[j::3], pieces[j + 1::3], pieces[j + 2::3])))
                break
            text.append(f"\n{pieces[j]}:{pieces[j + 1].strip()}\n{pieces[j + 2]}")
        out.append("".join(text))
    return "\n".join(out).split("\n")


def _name(value: str) -> Name:
    parts = re.split(r"\s*\|\|\s*", value)
    if len(parts) == 2:
        return Name.from_json({"family": parts[0], "given": parts[1]})
    return Name.from_json({"literal": value})


def lift_note_fields(item: Item) -> Item:
    """The item with the variables its note holds set, and taken out of its note.

    The item itself is left as it is; one without such fields is returned unchanged.
    """
    note = item.get("note")
    if not isinstance(note, str) or ":" not in note:
        return item
    lines = _unbrace(note.replace("\r\n", "\n").split("\n"))
    out = item.copy()
    names: dict[str, list[Name]] = {}
    changed = False
    for n, line in enumerate(lines):
        match = _FIELD.match(line)
        if not line.strip():
            continue
        if not match:
            if n == 0:
                continue
            break
        key, value = match.groups()
        if key == "type":
            out.type = value
        elif key in DATE_VARIABLES:
            out[key] = Date(raw=value)
        elif key in out:
            continue
        elif key in NAME_VARIABLES:
            names.setdefault(key, []).append(_name(value))
        else:
            out[key] = value
        lines[n] = ""
        changed = True
    if not changed:
        return item
    for key, value in names.items():
        out[key] = value
    out["note"] = "\n".join(lines).strip()
    return out
