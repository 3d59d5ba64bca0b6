"""Share stage: what the writing-tool plug-ins share: bibliography files read once, and
citations replaced by tokens before a Markdown engine sees the text."""
from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..csl.style import Style
from ..document.html import Marked, mark_up
from ..document.render import load_items, prepare
from ..model import Item

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


def read_bibliography(paths: Sequence[Path]) -> tuple[list[Item], list[str]]:
    """The items of ``paths`` and their warnings, read once while the files are unchanged
    (a site of 200 pages, or a rebuild of ``mkdocs serve``, reads a file once).

    The items are shared between callers: give them to a processor (which copies them),
    do not change them. Raises :class:`~citekit.errors.CitekitError` (naming the file) when
    a file is missing or holds no usable entry.
    """
    key = tuple(str(p) for p in paths)
    signature = _signature(paths)
    with _LOCK:
        cached = _CACHE.get(key)
        if cached is not None and cached[0] == signature:
            return cached[1], cached[2]
    items, warnings = load_items(key)
    with _LOCK:
        _CACHE[key] = (signature, items, warnings)
    return items, warnings


@dataclass
class Settings:
    """Plug-in configuration: the items (or files to read them from), style and locale."""

    items: Sequence[Item] | None = None
    bibliography: Sequence[Path] = ()
    style: Style | str | None = None
    locale: str | None = None
    warnings: list[str] = field(default_factory=list)  # of the last document rendered

    def item_list(self) -> tuple[Sequence[Item] | None, list[str]]:
        """The items and the warnings reading them gave."""
        if self.items is None and self.bibliography:
            return read_bibliography(self.bibliography)
        return self.items, []


def mark_document(text: str, settings: Settings) -> Marked:
    """Citations replaced by tokens; warnings kept on ``settings.warnings``."""
    items, warnings = settings.item_list()
    doc = prepare(text, items, style=settings.style, locale=settings.locale, output="html")
    settings.warnings[:] = warnings + doc.warnings
    return mark_up(doc.body, doc.resolved, doc.where)
