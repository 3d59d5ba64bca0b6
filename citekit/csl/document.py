"""Format stage: a document's citations — positions, then rendering, in document order.

A document is a sequence of :class:`Citation` clusters. Positions (first, subsequent, ibid,
ibid-with-locator, near-note, first-reference-note-number) are assigned in order, then
disambiguation runs over every cite, and each cluster is rendered.
"""
from __future__ import annotations

from collections.abc import Sequence

from .eval.context import (
    POSITION_FIRST,
    POSITION_IBID,
    POSITION_IBID_LOCATOR,
    POSITION_SUBSEQUENT,
    Citation,
    Cite,
)
from .processor import Processor

__all__ = ["Citation", "assign_positions", "prepare", "process"]


def assign_positions(proc: Processor, citations: list[Citation]) -> None:
    """Set position, near-note and first-reference-note-number on every cite, in order.

    As citeproc-js: a cluster's first cite is ibid only when the previous note (all
    citations sharing its number, at most one note back) holds exactly that item; in-text
    clusters (note 0) look back to the previous in-text cluster only.
    """
    distance = int(proc.style.citation.options.get("near-note-distance", 5)) \
        if proc.style.citation else 5
    first_note: dict[str, int] = {}
    last_note: dict[str, int] = {}
    previous = _PreviousBlock()
    for citation in citations:
        note = citation.note_index or 0
        block = previous.before(note)
        # an author-only citation (a name in the running text) is no reference: it takes
        # positions but leaves the items unseen for the citations after it (citeproc-js)
        counts = citation.properties.get("mode") != "author-only"
        for i, cite in enumerate(citation.cites):
            cite.note_index = note
            cite.near_note = False
            cite.first_reference_note_number = None
            if cite.id not in first_note:
                cite.position = POSITION_FIRST
                if counts:
                    first_note[cite.id] = note
                    last_note[cite.id] = note
                continue
            prev = citation.cites[i - 1] if i > 0 else (
                block[-1] if block and len({c.id for c in block}) == 1 else None)
            cite.position = _backref(cite, prev)
            if not counts and cite.position in (POSITION_IBID, POSITION_IBID_LOCATOR):
                cite.position = POSITION_FIRST
            first = first_note[cite.id]  # none when it is this very note (citeproc-js)
            cite.first_reference_note_number = first if first and first != note else None
            last = last_note.get(cite.id)
            # in-text cites are near one another whatever the distance; an in-text cite and
            # one in a note are never near (citeproc-js)
            cite.near_note = last is not None and (
                last == note == 0 or (bool(last) == bool(note) and note - last <= distance))
            if counts:
                last_note[cite.id] = note
        if counts:
            previous.add(note, citation.cites)
        for cite in citation.cites:  # what the caller set itself stands
            for attribute, value in cite.given:
                setattr(cite, attribute, value)


class _PreviousBlock:
    """The cites of the note (or in-text cluster) before the citation being positioned,
    kept as the citations go by, so positions take one pass over the document."""

    def __init__(self) -> None:
        self.by_note: dict[int, list[Cite]] = {}
        self.last_note: int | None = None
        self.last_in_text: list[Cite] = []

    def before(self, note: int) -> list[Cite]:
        if not note:
            return list(self.last_in_text)
        if self.last_note is None or self.last_note < note - 1:
            return []
        return list(self.by_note.get(self.last_note, []))

    def add(self, note: int, cites: list[Cite]) -> None:
        if not cites:
            return
        if note:
            self.by_note.setdefault(note, []).extend(cites)
            self.last_note = note
        else:
            self.last_in_text = list(cites)


def _backref(cite: Cite, prev: Cite | None) -> int:
    """subsequent, ibid or ibid-with-locator, comparing with the cite just before."""
    if prev is None or prev.id != cite.id:
        return POSITION_SUBSEQUENT
    if cite.locator is None and prev.locator is not None:
        return POSITION_SUBSEQUENT
    if cite.locator is not None and (cite.locator != prev.locator or cite.label != prev.label):
        return POSITION_IBID_LOCATOR
    return POSITION_IBID


def process(proc: Processor, citations: list[Citation],
            uncited: Sequence[str] = ()) -> list[str]:
    """Render every citation of a document, in order; returns one string per citation.

    ``uncited``: items registered with the document though no citation cites them (they are
    numbered after the cited ones and take part in disambiguation, as in citeproc-js).
    """
    prepare(proc, citations, uncited)
    return [proc.render_cluster(c) for c in citations]


def _cite_all(proc: Processor, citations: list[Citation]) -> set[str]:
    """Add the items ``citations`` cite to the registry (in order); the ids cited."""
    known = set(proc.cited)
    for citation in citations:
        for cite in citation.cites:
            proc.item(cite.id)
            if cite.id not in known:
                known.add(cite.id)
                proc.cited.append(cite.id)
    return known


def prepare(proc: Processor, citations: list[Citation], uncited: Sequence[str] = ()) -> None:
    """Register the cited items, then assign positions, numbers and disambiguation."""
    known = _cite_all(proc, citations)
    assign_positions(proc, citations)
    proc.register(citations)
    del citations  # (a whole bibliography's cites: not kept through sorting)
    extra = [i for i in dict.fromkeys(uncited) if i not in known]
    del known  # (a whole bibliography's ids: not kept through disambiguation)
    for item_id in extra:
        proc.item(item_id)  # an unknown id fails here
    proc.assign_citation_numbers(list(proc.cited) + extra, read_early=True)
    proc.disambiguate(None, extra)
