"""Share stage: what the Markdown plug-ins do before their engine sees the text."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..csl.style import Style
from ..document.bibfiles import read_bibliography
from ..document.html import Marked, mark_up
from ..document.render import prepare
from ..model import Item


@dataclass
class Settings:
    """Plug-in configuration: the items (or files to read them from), style and locale."""

    items: Sequence[Item] | None = None
    bibliography: Sequence[str | Path] = ()
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


__all__ = ["Settings", "mark_document"]
