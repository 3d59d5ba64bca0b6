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
from ..errors import FormatError
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
        """A citation from a CSL citation object (or a bare list of cites).

        A value of the wrong type is a :class:`FormatError` naming it (and the cite).
        """
        if isinstance(data, list):
            return cls(_cites(data))
        if not isinstance(data, dict):
            raise FormatError(f"a citation must be an object or a list of cites, "
                              f"not {type(data).__name__}")
        props = data.get("properties") or {}
        if not isinstance(props, dict):
            raise FormatError(f"'properties' must be an object, not {type(props).__name__}")
        note = props.get("noteIndex", 0) or 0
        if isinstance(note, str) and note.strip().isdigit():
            note = int(note)
        if not isinstance(note, int) or isinstance(note, bool) or note < 0:
            raise FormatError(f"'noteIndex' must be a note number, not {note!r:.40}")
        items = data.get("citationItems", [])
        if not isinstance(items, list):
            raise FormatError(f"'citationItems' must be a list, not {type(items).__name__}")
        citation_id = data.get("citationID")
        if citation_id is not None and not isinstance(citation_id, (str, int)):
            raise FormatError(f"'citationID' must be text, not {type(citation_id).__name__}")
        return cls(_cites(items), note, None if citation_id is None else str(citation_id),
                   dict(props))


def _cites(data: list[Any]) -> list[Cite]:
    cites = []
    for n, value in enumerate(data, 1):
        try:
            cites.append(Cite.from_json(value))
        except FormatError as exc:
            raise FormatError(f"cite {n}: {exc.message}") from None
    return cites


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
        for i, cite in enumerate(citation.cites):
            cite.note_index = note
            cite.near_note = False
            cite.first_reference_note_number = None
            if cite.id not in first_note:
                cite.position = POSITION_FIRST
                first_note[cite.id] = note
                last_note[cite.id] = note
                continue
            prev = citation.cites[i - 1] if i > 0 else (
                block[-1] if block and len({c.id for c in block}) == 1 else None)
            cite.position = _backref(cite, prev)
            cite.first_reference_note_number = first_note[cite.id] or None
            last = last_note.get(cite.id)
            cite.near_note = last is not None and note - last <= distance
            last_note[cite.id] = note
        previous.add(note, citation.cites)


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


def process(proc: Processor, citations: list[Citation]) -> list[str]:
    """Render every citation of a document, in order; returns one string per citation."""
    prepare(proc, citations)
    return [proc.render_cluster(c) for c in citations]


def prepare(proc: Processor, citations: list[Citation]) -> None:
    """Register the cited items, then assign positions, numbers and disambiguation."""
    known = set(proc.cited)
    for citation in citations:
        for cite in citation.cites:
            proc.item(cite.id)
            if cite.id not in known:
                known.add(cite.id)
                proc.cited.append(cite.id)
    assign_positions(proc, citations)
    proc.assign_citation_numbers(list(proc.cited))
    from .eval.disambiguate import disambiguate

    disambiguate(proc, citations)
