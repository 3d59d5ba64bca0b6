"""Share stage: a Markdown document's YAML front matter, read as pandoc reads it.

The block opens with ``---`` on the first line and closes with ``---`` or ``...``. Keys used
here: ``bibliography`` (a path or a list of paths, relative to the document), ``csl`` (a
style name or path), ``lang`` (the locale) and ``references`` (CSL items written inline).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import ParseError
from ..model.safeload import load_yaml

_OPEN = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)


@dataclass
class FrontMatter:
    """The metadata and where the body starts (offset and 1-based line)."""

    meta: dict[str, Any] = field(default_factory=dict)
    end: int = 0  # offset just after the closing line
    lines: int = 0  # number of lines the block takes
    warnings: list[str] = field(default_factory=list)  # duplicate keys, ...

    def paths(self, key: str) -> list[str]:
        """A string or list-of-strings value as a list (``bibliography``)."""
        value = self.meta.get(key)
        if value is None:
            return []
        if isinstance(value, (list, tuple)):
            return [str(v) for v in value]
        return [str(value)]

    def text(self, key: str) -> str | None:
        value = self.meta.get(key)
        return None if value is None else str(value)


def read_front_matter(text: str, file: str | None = None) -> FrontMatter:
    """Parse the front matter at the start of ``text`` (an empty one when there is none)."""
    opened = _OPEN.match(text)
    if opened is None:
        return FrontMatter()
    closed = _CLOSE.search(text, opened.end())
    if closed is None:
        return FrontMatter()
    block = text[opened.end():closed.start()]
    try:
        meta, warnings = load_yaml(block, file or "<string>", 1) if block.strip() else ({}, [])
    except ParseError as exc:
        raise ParseError(f"front matter: {exc.message}", file=file, line=exc.line) from None
    if not isinstance(meta, dict):
        return FrontMatter()  # a horizontal rule, not metadata
    end = closed.end()
    if text[end:end + 1] == "\n":
        end += 1
    return FrontMatter(meta, end, text[:end].count("\n"), warnings)
