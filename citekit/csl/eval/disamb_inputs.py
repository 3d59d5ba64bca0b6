"""Format stage: what the disambiguation pass reads from the processor that runs it.

Disambiguation is a function of the style, the items and how one item's cite renders under
given disambiguation settings; it returns each item's :class:`~.context.Disamb` and leaves
storing them to the processor. :class:`DisambInputs` holds those inputs as plain callables,
so this pass (beneath the processor) never sees the processor itself.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..nodes import Node
from ..output.tree import Span
from ..style import Style
from .context import Cite, Disamb

# how far a stage has got: called with the number of items just done
Advance = Callable[[int], None]


def _no_progress(stage: str, total: int) -> Advance | None:
    return None


@dataclass(frozen=True)
class DisambInputs:
    """The inputs of :func:`~.disambiguate.disambiguate_ids`."""

    style: Style
    # one cite of an item rendered (citation layout, no layout affixes) under ``Disamb``
    cite_tree: Callable[[Cite, Disamb], Span | None]
    # the spans the given bibliography sort keys render for an item (no disambiguation)
    sort_key_spans: Callable[[str, list[Node]], list[Span]]
    # ids in bibliography order
    bibliography_order: Callable[[list[str]], list[str]]
    jobs: int = 1  # worker processes for large sets (1: none)
    # progress(stage, total): a callback counting items done, or None
    progress: Callable[[str, int], Advance | None] = _no_progress
    # the note number of each item's first cite in a document of notes (citeproc-js renders
    # it as first-reference-note-number in the cite it compares)
    first_notes: Mapping[str, int] = field(default_factory=dict)
    # whether an item has a value for a variable (None: assume it may)
    has_variable: Callable[[str, str], bool] | None = None
    # reads of items already made (:func:`~.disambiguate.reader`), by item id: the pass
    # makes only the others
    early_reads: Mapping[str, Any] = field(default_factory=dict)
