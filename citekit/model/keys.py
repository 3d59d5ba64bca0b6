"""Normalize stage: stable, readable item ids and BibTeX keys (``smith2013north``).

An item keeps its own ``id``. One without an id gets its ``citation-key`` when that is a usable
key and free, else the first author's (or editor's) family name, the year and the first
significant title word, in ASCII, with ``a``, ``b``, ... added when the key is taken. The BibTeX
writer makes its keys with the same :class:`KeyMaker`, so an item's id and its BibTeX key agree.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import overload

from .item import Item

_USABLE = re.compile(r"[^\s,{}()=\"#%'~\\]+")
_STOP = frozenset("a an the of on in and for to at by with from der die das le la les el un une "
                  "de des".split())
_FOLD = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
         "ı": "i"}


def ascii_word(text: str) -> str:
    """Lower-case ASCII letters and digits of ``text`` (accents folded, ``ß`` to ``ss``)."""
    text = "".join(_FOLD.get(c, c) for c in re.sub(r"<[^>]+>", "", text.lower()))
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text)


def readable_key(item: Item) -> str:
    """``family`` + ``year`` + first significant title word, e.g. ``smith2013north``."""
    who = ""
    for var in ("author", "editor", "container-author", "translator"):
        names = item.names(var)
        if names:
            first = names[0]
            who = ascii_word(first.family or first.literal or first.given or "")[:20]
            break
    issued = item.date("issued")
    year = str(issued.year) if issued is not None and issued.year is not None else ""
    if year.startswith("-"):
        year = year[1:] + "bc"  # 45 BC: "45bc", never a key starting with "-"
    title = re.sub(r"<[^<>]*>", "", str(item.get("title", "")))  # plain text, not markup
    words = [ascii_word(w) for w in title.split()]
    word = next((w for w in words if w and w not in _STOP), "")[:20]
    return who + year + word or "item"


class KeyMaker:
    """Hands out keys, each unique within one output file."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def key_for(self, item: Item) -> str:
        own = item.get("citation-key")
        if isinstance(own, str) and _USABLE.fullmatch(own) and own.lower() not in self.used:
            self.used.add(own.lower())
            return own
        base = readable_key(item)
        key, n = base, 0
        while key.lower() in self.used:
            key = base + _suffix(n)
            n += 1
        self.used.add(key.lower())
        return key


def _suffix(n: int) -> str:
    letters = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(97 + rest) + letters
    return letters


def assign_ids(items: Iterable[Item], taken: Iterable[str] = ()) -> list[str]:
    """Give every item without an ``id`` a unique readable one (unique beside ``taken``
    too); returns the ids given."""
    items = list(items)
    maker = KeyMaker()
    maker.used.update(item.id.lower() for item in items if item.id)
    maker.used.update(key.lower() for key in taken if key)
    given = []
    for item in items:
        if not item.id:
            item.id = maker.key_for(item)
            given.append(item.id)
    return given


class Origins(Sequence[str]):
    """Where each of many items came from ("refs.bib item 3"), as runs of one label: the
    text of an origin is made only when asked for (a warning), not held for every item."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._labels: list[str] = []
        self._total = 0

    def add(self, label: str, count: int) -> None:
        """The next ``count`` items came from ``label``."""
        if count:
            self._starts.append(self._total)
            self._labels.append(label)
            self._total += count

    def __len__(self) -> int:
        return self._total

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._total))]
        if index < 0:
            index += self._total
        if not 0 <= index < self._total:
            raise IndexError(index)
        run = bisect_right(self._starts, index) - 1
        return f"{self._labels[run]} item {index - self._starts[run] + 1}"


def drop_duplicates(items: Iterable[Item], origins: Sequence[str] | None = None,
                    keep_all: bool = False) -> tuple[list[Item], list[str]]:
    """``items`` with one item per id, by pandoc's rule: the last definition wins.

    Each id given more than once is one warning naming where each definition came from
    (``origins[i]`` for ``items[i]``, else "item i"). The kept item stays where it was given.
    ``keep_all`` keeps every definition (a conversion loses nothing) and only warns.
    """
    items = list(items)
    where = origins if origins is not None else [f"item {i + 1}" for i in range(len(items))]
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
