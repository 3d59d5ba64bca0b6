"""Format stage: a document's citations — positions, then rendering, in document order.

A document is a sequence of :class:`Citation` clusters. Positions (first, subsequent, ibid,
ibid-with-locator, near-note, first-reference-note-number) are assigned in order, then
disambiguation runs over every cite, and each cluster is rendered.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .eval.context import (POSITION_FIRST, POSITION_IBID, POSITION_IBID_LOCATOR,
                           POSITION_SUBSEQUENT, Cite)
from .processor import Processor


@dataclass
class Citation:
    """One citation cluster: cites, the note it sits in (0 for in-text), an optional id."""

    cites: list[Cite]
    note_index: int = 0
    id: str | None = None
    properties: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: dict[str, Any] | list[Any]) -> Citation:
        if isinstance(data, list):
            return cls([Cite.from_json(c) for c in data])
        props = data.get("properties") or {}
        return cls([Cite.from_json(c) for c in data.get("citationItems", [])],
                   int(props.get("noteIndex", 0) or 0), data.get("citationID"), dict(props))


def assign_positions(proc: Processor, citations: list[Citation]) -> None:
    """Set position, near-note and first-reference-note-number on every cite, in order."""
    distance = int(proc.style.citation.options.get("near-note-distance", 5)) \
        if proc.style.citation else 5
    first_note: dict[str, int] = {}
    last_note: dict[str, int] = {}
    prev_cluster: list[Cite] | None = None
    for n, citation in enumerate(citations, 1):
        note = citation.note_index or 0
        for i, cite in enumerate(citation.cites):
            if cite.id not in first_note:
                cite.position = POSITION_FIRST
                first_note[cite.id] = note
            else:
                prev = citation.cites[i - 1] if i > 0 else (
                    prev_cluster[-1] if prev_cluster and len({c.id for c in prev_cluster}) == 1
                    else None)
                if prev is not None and i == 0 and prev_cluster is not None and note and \
                        _note_gap(prev_cluster, citations, n) > 1:
                    prev = None
                if prev is not None and prev.id == cite.id:
                    if cite.locator is None and prev.locator is not None:
                        cite.position = POSITION_SUBSEQUENT
                    elif cite.locator is not None and cite.locator != prev.locator:
                        cite.position = POSITION_IBID_LOCATOR
                    elif cite.locator is not None and cite.label != prev.label:
                        cite.position = POSITION_IBID_LOCATOR
                    else:
                        cite.position = POSITION_IBID
                else:
                    cite.position = POSITION_SUBSEQUENT
                cite.first_reference_note_number = first_note[cite.id] or None
                last = last_note.get(cite.id)
                cite.near_note = last is not None and note - last <= distance
            cite.note_index = note
            last_note[cite.id] = note
        if citation.cites:
            prev_cluster = citation.cites
    for citation in citations:
        for cite in citation.cites:
            if cite.position == POSITION_FIRST:
                cite.first_reference_note_number = None


def _note_gap(prev: list[Cite], citations: list[Citation], n: int) -> int:
    return citations[n - 1].note_index - (prev[-1].note_index or 0)


def process(proc: Processor, citations: list[Citation]) -> list[str]:
    """Render every citation of a document, in order; returns one string per citation."""
    for citation in citations:
        for cite in citation.cites:
            proc.item(cite.id)
            if cite.id not in proc.cited:
                proc.cited.append(cite.id)
    assign_positions(proc, citations)
    from .eval.disambiguate import disambiguate

    disambiguate(proc, citations)
    return [proc.render_cluster(c) for c in citations]
