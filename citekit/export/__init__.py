"""Share stage: the writer dispatch, items to BibTeX, BibLaTeX, RIS, CSL-JSON or CSL-YAML text.

Each writer (``citekit.formats.<format>.write``, beside its reader) exposes
``chunks(items, warnings, **options)``: the text in pieces (one entry at a time where the
format allows), what cannot be kept appended to ``warnings``. :func:`export` joins the pieces;
:func:`write` sends them to a file as they come, so a large conversion never holds its whole
output. Modules are imported only when needed.
"""
from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

from ..errors import CitekitError
from ..model import Item

WRITERS: dict[str, tuple[str, dict[str, Any]]] = {
    "json": ("citekit.formats.csljson.write", {}),
    "yaml": ("citekit.formats.cslyaml.write", {}),
    "bibtex": ("citekit.formats.bibtex.write", {"biblatex": False}),
    "biblatex": ("citekit.formats.bibtex.write", {"biblatex": True}),
    "ris": ("citekit.formats.ris.write", {}),
}


@dataclass
class ExportResult:
    """The written text, and what could not be kept (warnings as data, never printed)."""

    text: str
    warnings: list[str] = field(default_factory=list)


def _chunks(items: Iterable[Item], to: str, warnings: list[str], options: dict[str, Any]
            ) -> Iterator[str]:
    if to not in WRITERS:
        raise CitekitError(f"unknown output format {to!r} (known: {', '.join(WRITERS)})")
    module_name, defaults = WRITERS[to]
    chunks: Iterator[str] = importlib.import_module(module_name).chunks(
        items, warnings, **{**defaults, **options})
    return chunks


def export(items: Iterable[Item], to: str, **options: Any) -> ExportResult:
    """Write ``items`` in format ``to`` (one of :data:`WRITERS`)."""
    warnings: list[str] = []
    text = "".join(_chunks(items, to, warnings, options))
    return ExportResult(text, warnings)


def write(items: Iterable[Item], to: str, handle: TextIO, **options: Any) -> list[str]:
    """Write ``items`` in format ``to`` to ``handle`` piece by piece, ending with a newline;
    returns the warnings (as :attr:`ExportResult.warnings`)."""
    warnings: list[str] = []
    last = ""
    for piece in _chunks(items, to, warnings, options):
        if piece:
            handle.write(piece)
            last = piece
    if not last.endswith("\n"):
        handle.write("\n")
    return warnings


__all__ = ["ExportResult", "WRITERS", "export", "write"]
