"""Format stage: disambiguation of cites (add names, given names, year-suffix) from the tree."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Citation
    from ..processor import Processor


def disambiguate(proc: Processor, citations: list[Citation]) -> None:
    """Set each item's :class:`Disamb` state so that no two items render alike."""
    return None
