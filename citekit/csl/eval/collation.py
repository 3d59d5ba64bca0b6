"""Format stage helper: primary collation weights, exactly as pyuca computes them.

pyuca's ``Collator`` reads its whole table (``allkeys-<UCA version>.txt``) into a trie of
node objects on every start, which costs more than sorting a large bibliography. This module
reads the same file into plain dicts and sets once, keeps them in the user's cache
(:mod:`citekit.cache`, as :mod:`marshal` data keyed by the table file's path, size and
modification time and the Python version) so a later process loads them in about 10 ms,
and walks them with pyuca's own algorithm (``collation_elements``: longest listed prefix,
then unblocked non-starters that extend it, then implicit weights). The weights are the same
as pyuca's for any string: characters that begin no longer entry (nearly all) are one dict
look-up each, the others take pyuca's steps.
"""
from __future__ import annotations

import marshal
import os
import re
import sys
import unicodedata
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

_FORMAT = 2  # bump when the cached form changes
_ELEMENT = re.compile(r"\[[.*]([0-9A-Fa-f]{4})\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}"
                      r"(?:\.[0-9A-Fa-f]{4,5})?\]")


@dataclass(frozen=True)
class Table:
    """The primary weights of pyuca's table, in the shape its lookup needs."""

    singles: dict[int, tuple[int, ...]]  # a listed character's primaries (zeros dropped)
    simple: dict[int, tuple[int, ...]]  # the singles that begin no longer entry
    nodes: frozenset[int]  # characters with a trie node: listed, or beginning an entry
    multi: dict[tuple[int, ...], tuple[int, ...]]  # entries of two or more characters
    prefixes: frozenset[tuple[int, ...]]  # every prefix (two or more) of those entries
    implicit: tuple[tuple[int, int, int], ...]  # @implicitweights: first, last, base


def _table_path() -> Path:
    from pyuca import Collator

    return Path(sys.modules[Collator.__module__].__file__ or "").with_name(
        f"allkeys-{Collator.UCA_VERSION}.txt")


def parse(path: Path) -> dict[str, Any]:
    """The table file read into plain lists (what :func:`build` takes). An entry whose weights hold
    no collation element is treated as pyuca treats it: a trie node without a value."""
    singles: list[list[int]] = []
    nodes: set[int] = set()
    multi: list[list[list[int]]] = []
    empty: list[list[int]] = []  # longer entries without elements: trie nodes only
    implicit: list[list[int]] = []
    with path.open(encoding="utf-8") as table:
        for line in table:
            line = line.split("#", 1)[0].rstrip()
            if not line or line.startswith("@version"):
                continue
            if line.startswith("@implicitweights"):
                span, base = line[len("@implicitweights"):].split(";")
                first, last = span.split("..")
                implicit.append([int(first, 16), int(last, 16), int(base, 16)])
                continue
            chars, weights = line.split(";", 1)
            points = [int(c, 16) for c in chars.split()]
            elements = _ELEMENT.findall(weights)
            primaries = [w for w in (int(e, 16) for e in elements) if w]
            nodes.add(points[0])
            if not elements:
                if len(points) > 1:
                    empty.append(points)
                continue
            if len(points) == 1:
                singles.append([points[0], *primaries])
            else:
                multi.append([points, primaries])
    return {"format": _FORMAT, "singles": singles, "nodes": sorted(nodes), "multi": multi,
            "empty": empty, "implicit": implicit}


def build(data: dict[str, Any]) -> Table:
    """The lookup structures from the parsed (or cached) lists."""
    singles = {row[0]: tuple(row[1:]) for row in data["singles"]}
    multi = {tuple(points): tuple(weights) for points, weights in data["multi"]}
    keys = [*multi, *(tuple(points) for points in data["empty"])]
    prefixes = frozenset(key[:n] for key in keys for n in range(2, len(key) + 1))
    starters = {key[0] for key in keys}
    simple = {cp: w for cp, w in singles.items() if cp not in starters}
    return Table(singles, simple, frozenset(data["nodes"]) | starters, multi, prefixes,
                 tuple((a, b, c) for a, b, c in data["implicit"]))


@lru_cache(maxsize=1)
def table() -> Table:
    """pyuca's table, from the user's cache when it holds this file's compact form."""
    from ...cache import read_cached, write_cached  # only runs that sort need either

    path = _table_path()
    try:
        stat = os.stat(path)
    except OSError:
        stat = None
    key = f"{path}:{stat.st_size}:{stat.st_mtime_ns}:{_FORMAT}:{sys.version_info[:2]}" \
        if stat else ""
    cached = read_cached("collation", key, ".marshal") if key else None
    if cached is not None:
        found = _unpacked(cached)
        if found is not None:
            return found
    built = build(parse(path))
    if key:
        write_cached("collation", key, _packed(built), ".marshal")
    return built


def _packed(built: Table) -> bytes:
    """The built table as :mod:`marshal` data (the form Python keeps its own compiled code
    in, in ``__pycache__``): it loads in a quarter of the time JSON and building take."""
    return marshal.dumps((_FORMAT, *(getattr(built, f.name) for f in fields(Table))))


def _unpacked(data: bytes) -> Table | None:
    """The table of :func:`_packed` data, or None when the data is not such a table."""
    try:
        parts = marshal.loads(data)
    except (ValueError, EOFError, TypeError):
        return None
    if not isinstance(parts, tuple) or len(parts) != len(fields(Table)) + 1 \
            or parts[0] != _FORMAT:
        return None
    shapes = (dict, dict, frozenset, dict, frozenset, tuple)
    if not all(isinstance(part, shape) for part, shape in zip(parts[1:], shapes)):
        return None
    return Table(*parts[1:])


@lru_cache(maxsize=1)
def _implicit_source() -> Any:
    """A pyuca collator without its table, for pyuca's own implicit weights."""
    from pyuca import Collator

    collator = object.__new__(Collator)
    collator.implicit_weights = [list(r) for r in table().implicit]
    return collator


@lru_cache(maxsize=4096)
def _implicit(cp: int) -> tuple[int, ...]:
    return tuple(ce[0] for ce in _implicit_source().implicit_weight(cp) if ce[0])


def primaries(text: str) -> list[int]:
    """The nonzero primary weights of pyuca's collation elements for ``text`` (already in
    NFD, as pyuca's ``sort_key`` normalizes it)."""
    t = table()
    simple = t.simple
    key = [ord(ch) for ch in text]
    out: list[int] = []
    p = 0
    while p < len(key):
        weights = simple.get(key[p])
        if weights is not None:  # nothing longer begins here: its weights alone
            out += weights
            p += 1
        else:
            p = _step(t, key, p, out)
    return out


def _step(t: Table, key: list[int], p: int, out: list[int]) -> int:
    """One turn of pyuca's ``collation_elements`` loop on ``key[p:]``: its weights go to
    ``out`` (``key`` may lose a non-starter taken out of order); returns where the next turn
    starts."""
    n = len(key)
    matched: tuple[int, ...] = ()
    value: tuple[int, ...] | None = None
    if key[p] in t.nodes:  # the longest prefix listed (pyuca's Trie.find_prefix)
        node: tuple[int, ...] = (key[p],)
        if key[p] in t.singles:
            matched, value = node, t.singles[key[p]]
        for j in range(p + 1, n):
            node += (key[j],)
            if node not in t.prefixes:
                break
            if node in t.multi:
                matched, value = node, t.multi[node]
    rest = p + len(matched)
    last_class = None
    for i in range(rest, n):  # non-starters not blocked from the match extend it
        combining = unicodedata.combining(chr(key[i]))
        if combining == 0 or combining == last_class:
            break
        last_class = combining
        longer = matched + (key[i],)
        found = t.multi.get(longer) if matched else t.singles.get(key[i])
        if found is not None:
            del key[i]
            value = found
            break
    if value is None:  # listed nowhere: pyuca's implicit weights of the code point
        out += _implicit(key[rest])
        return rest + 1
    out += value
    return rest
