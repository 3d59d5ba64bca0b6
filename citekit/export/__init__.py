"""Share stage: the writer dispatch, items to BibTeX, BibLaTeX, RIS, CSL-JSON or CSL-YAML text.

Each writer (``citekit.formats.<format>.write``, beside its reader) exposes
``dump(items, **options) -> ExportResult``. Modules are imported only when needed.
"""
from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

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


def export(items: Iterable[Item], to: str, **options: Any) -> ExportResult:
    """Write ``items`` in format ``to`` (one of :data:`WRITERS`)."""
    if to not in WRITERS:
        raise CitekitError(f"unknown output format {to!r} (known: {', '.join(WRITERS)})")
    module_name, defaults = WRITERS[to]
    module = importlib.import_module(module_name)
    return module.dump(list(items), **{**defaults, **options})


__all__ = ["ExportResult", "WRITERS", "export"]
