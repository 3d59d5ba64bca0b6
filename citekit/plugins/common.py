"""Share stage: what both Markdown plug-ins do before their engine sees the text."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..csl.style import Style
from ..document.html import Marked, mark_up
from ..document.render import load_items, prepare
from ..model import Item


@dataclass
class Settings:
    """Plug-in configuration: the items (or files to read them from), style and locale."""

    items: Sequence[Item] | None = None
    bibliography: Sequence[str] = ()
    style: Style | str | None = None
    locale: str | None = None
    warnings: list[str] = field(default_factory=list)  # of the last document rendered

    def item_list(self) -> Sequence[Item] | None:
        if self.items is None and self.bibliography:
            self.items, warnings = load_items(self.bibliography)
            self.warnings.extend(warnings)
        return self.items


def mark_document(text: str, settings: Settings) -> Marked:
    """Citations replaced by tokens; warnings kept on ``settings.warnings``."""
    doc = prepare(text, settings.item_list(), style=settings.style, locale=settings.locale,
                  output="html")
    settings.warnings[:] = doc.warnings
    return mark_up(doc.body, doc.resolved, doc.where)
