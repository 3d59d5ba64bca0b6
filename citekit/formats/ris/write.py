"""Share stage: items to RIS text (``TY  - JOUR`` ... ``ER  - ``).

The reverse of :mod:`citekit.formats.ris.read`: names one per AU/A2/... line, keywords one per KW
line, issued as PY (year) and DA (``YYYY/MM/DD/``), page as SP/EP, ``custom["ris-tags"]``
written back. Variables with no RIS tag are listed in the warnings.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ...model import Date, Item, Name
from . import tables

_SEASON_OUT = {1: "Spring", 2: "Summer", 3: "Fall", 4: "Winter"}
_HANDLED = {"custom", "id", "type"}


def name_text(name: Name) -> str:
    """``Family, Given, Suffix`` (particles before the family name), or the literal."""
    if name.literal is not None or not name.family:
        return name.literal or name.given or ""
    family = " ".join(p for p in (name.dropping_particle, name.non_dropping_particle,
                                  name.family) if p)
    if not name.given and not name.suffix:
        return family + ","  # a person known by one name, not an organization
    return ", ".join([family, name.given or ""] + ([name.suffix] if name.suffix else []))


def date_tags(date: Date, var: str, lost: list[str]) -> list[tuple[str, str]]:
    if not date.parts:
        text = date.literal or date.raw or ""
        return [("PY" if var == "issued" else "Y2", text)] if text else []
    if date.is_range or date.circa:
        lost.append(f"{var} (range or circa)")
    first = date.parts[0]
    season_text = str(date.season or "")  # a number or a name; CSL-JSON may hold an int
    season = _SEASON_OUT.get(int(season_text)) if season_text.isdigit() else ""
    full = "/".join([f"{first[0]:04d}"] + [f"{n:02d}" for n in first[1:]]
                    + [""] * (3 - len(first)) + [season or ""])
    if var == "accessed":
        return [("Y2", full)]
    tags = [("PY", f"{first[0]:04d}")]
    if len(first) > 1 or season:
        tags.append(("DA", full))
    return tags


def _type_and_kind(item: Item, custom: dict[str, Any]) -> tuple[str, str]:
    """The TY to write (the one read, when it still names the item's type) and its kind."""
    ty = custom.get("ris-type")
    if isinstance(ty, str) and ty.strip() and tables.type_and_kind(ty)[0] == item.type:
        return ty.strip().upper(), tables.type_and_kind(ty)[1]
    return tables.kind_of_type(item.type)


def _record(item: Item) -> tuple[list[tuple[str, str]], list[str]]:
    custom = item.get("custom") if isinstance(item.get("custom"), dict) else {}
    ty, kind = _type_and_kind(item, custom)
    out_tags = tables.TAGS_OUT[kind]
    tags: list[tuple[str, str]] = [("TY", ty)]
    lost: list[str] = []
    read_back = tables.type_and_kind(ty)[0]
    if read_back != item.type:  # RIS has no TY for it (a standard is read back as a report)
        lost.append(f"type {item.type} (read back as {read_back})")
    for var in item:
        value = item[var]
        if isinstance(value, str) and _RICH_TAG.sub("", value) != value.replace(
                '<span class="nocase">', "").replace("</span>", ""):
            lost.append(f"{var}'s formatting")  # RIS is plain text
        names = item.names(var)
        if any(n.dropping_particle for n in names):
            lost.append(f"{var}'s dropping particle (read back as non-dropping)")
        tag = out_tags.get(var)
        if names:
            if tag is not None:
                tags += [(tag, name_text(n)) for n in names]
            else:
                lost.append(var)
        elif (date := item.date(var)) is not None:
            if var in ("issued", "accessed"):
                tags += date_tags(date, var, lost)
            elif tag is not None and date.parts and not date.is_range:
                tags.append((tag, date_tags(date, "accessed", lost)[0][1]))
            else:
                lost.append(var)
        elif var == "page" and tag == "SP":
            _pages(item, tags)
        elif var in ("ISBN", "ISSN") and "SN" in (out_tags.get("ISBN"), out_tags.get("ISSN")):
            tags.append(("SN", _one_line(value)))  # the reader tells them apart by form
        elif var == "keyword" and tag == "KW":
            tags += [("KW", k.strip()) for k in str(value).split(",") if k.strip()]
        elif tag is not None:
            tags.append((tag, _one_line(value)))
        elif var not in _HANDLED:
            lost.append(var)
    lost += [f"custom {k}" for k in custom if k not in ("ris-tags", "ris-type")]
    extra = custom.get("ris-tags")
    for tag, values in (extra.items() if isinstance(extra, dict) else ()):
        tags += [(str(tag), _one_line(v)) for v in (values if isinstance(values, list)
                                                     else [values])]
    return tags, lost


_RICH_TAG = re.compile(r"</?(?:i|b|sup|sub)>|<span [^>]*>|</span>")


def _one_line(value: Any) -> str:
    """RIS values are one line of plain text: CSL rich-text tags are dropped."""
    return re.sub(r"\s*\n\s*", " ", _RICH_TAG.sub("", str(value))).strip()


def _pages(item: Item, tags: list[tuple[str, str]]) -> None:
    page = str(item.get("page", "")).strip()
    match = re.fullmatch(r"([^\s,–-]+)\s*[-–]+\s*([^\s,–-]+)", page)
    if match:
        tags += [("SP", match.group(1)), ("EP", match.group(2))]
    elif page:
        tags.append(("SP", page))


def chunks(items: Iterable[Item], warnings: list[str], **_: Any) -> Iterator[str]:
    """RIS text for ``items``, one record at a time."""
    order = {t: i for i, t in enumerate(tables.ORDER)}
    gap = ""
    for item in items:
        tags, lost = _record(item)
        tags.sort(key=lambda tv: order.get(tv[0], len(order)))
        if lost:
            warnings.append(f"[{item.id}] no place in RIS for: {', '.join(sorted(set(lost)))}")
        yield gap + "\n".join(f"{t}  - {v}" for t, v in tags if v) + "\nER  - \n"
        gap = "\n"
