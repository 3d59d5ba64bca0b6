"""Share stage: bibliography files for writing tools: paths relative to a project, each file
read once while it is unchanged (a site of many pages, or a rebuild, reads it once)."""
from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path

from ..model import Item
from .render import load_items

__all__ = ["read_bibliography", "resolve_paths"]

_Signature = tuple[tuple[str, int, int], ...]
_CACHE: dict[tuple[str, ...], tuple[_Signature, list[Item], list[str]]] = {}
_LOCK = threading.Lock()


def resolve_paths(paths: str | Sequence[str] | None, base: str | os.PathLike[str]) -> list[Path]:
    """``paths`` (one or a list; ``~`` expanded) relative to ``base``, never to the current
    folder: a site builds the same from wherever it is built."""
    if not paths:
        return []
    names = [paths] if isinstance(paths, str) else list(paths)
    return [Path(base, Path(str(name)).expanduser()) for name in names]


def _signature(paths: Sequence[Path]) -> _Signature:
    out = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            out.append((str(path), -1, -1))
        else:
            out.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(out)


def read_bibliography(paths: Sequence[str | os.PathLike[str]]) -> tuple[list[Item], list[str]]:
    """The items of ``paths`` and their warnings, read once while the files are unchanged
    (a site of 200 pages, or a rebuild of ``mkdocs serve``, reads a file once).

    The items are shared between callers: give them to a processor (which copies them),
    do not change them. Raises :class:`~citekit.errors.CitekitError` (naming the file) when
    a file is missing or holds no usable entry.
    """
    key = tuple(str(p) for p in paths)
    signature = _signature([Path(p) for p in paths])
    with _LOCK:
        cached = _CACHE.get(key)
        if cached is not None and cached[0] == signature:
            return cached[1], cached[2]
    items, warnings = load_items(key)
    with _LOCK:
        _CACHE[key] = (signature, items, warnings)
    return items, warnings
