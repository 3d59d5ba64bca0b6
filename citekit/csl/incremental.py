"""Format stage: a document processed incrementally, for editors and word processors.

Insert, replace or remove one citation and get back exactly the citations whose text changed.
Positions and disambiguation are recomputed for the whole document (cheap passes); a cluster is
rendered again only when something its output depends on changed: its cites, their positions,
the disambiguation state or citation number of their items.
"""
from __future__ import annotations

import itertools
from dataclasses import astuple
from typing import Any

from ..errors import FormatError
from .document import Citation, assign_positions
from .processor import Bibliography, Processor


class Document:
    """The citations of one document, in order, with their current texts.

    Not thread-safe: use one document from one thread at a time.
    """

    def __init__(self, processor: Processor) -> None:
        self.processor = processor
        self.citations: list[Citation] = []
        self._texts: dict[str, str] = {}
        self._signatures: dict[str, tuple[Any, ...]] = {}
        self._counter = itertools.count(1)

    # -- editing ---------------------------------------------------------------------------
    def insert(self, citation: Citation | dict[str, Any], index: int | None = None
               ) -> dict[str, str]:
        """Insert a citation (at ``index``, default the end); returns changed id -> text."""
        citation = self._coerce(citation)
        if citation.id in self._texts or any(c.id == citation.id for c in self.citations):
            raise FormatError(f"citation id {citation.id!r} is already in the document")
        for cite in citation.cites:
            self.processor.item(cite.id)
        position = len(self.citations) if index is None else max(0, min(index,
                                                                        len(self.citations)))
        self.citations.insert(position, citation)
        return self._refresh()

    def replace(self, citation_id: str, citation: Citation | dict[str, Any]) -> dict[str, str]:
        """Replace the citation ``citation_id`` (keeping its id); returns what changed."""
        index = self._index(citation_id)
        new = self._coerce(citation)
        new.id = citation_id
        for cite in new.cites:
            self.processor.item(cite.id)
        self.citations[index] = new
        self._signatures.pop(citation_id, None)
        return self._refresh()

    def remove(self, citation_id: str) -> dict[str, str]:
        """Remove a citation; returns the other citations whose text changed."""
        del self.citations[self._index(citation_id)]
        self._texts.pop(citation_id, None)
        self._signatures.pop(citation_id, None)
        return self._refresh()

    # -- reading ---------------------------------------------------------------------------
    def texts(self) -> list[str]:
        """The text of every citation, in document order."""
        return [self._texts[c.id] for c in self.citations]  # type: ignore[index]

    def bibliography(self, include_uncited: bool = False) -> Bibliography:
        """The bibliography of the items cited so far; with ``include_uncited``, of every
        item in the registry (uncited ones take part in disambiguation too)."""
        ids = list(self.processor.cited)
        if include_uncited:
            ids += [item_id for item_id in self.processor.items if item_id not in ids]
        return self.processor.bibliography(ids)

    # -- internals -------------------------------------------------------------------------
    def _coerce(self, citation: Citation | dict[str, Any]) -> Citation:
        if not isinstance(citation, Citation):
            citation = Citation.from_json(citation)
        if not citation.id:
            citation.id = f"citation-{next(self._counter)}"
        return citation

    def _index(self, citation_id: str) -> int:
        for i, citation in enumerate(self.citations):
            if citation.id == citation_id:
                return i
        raise FormatError(f"no citation {citation_id!r} in the document")

    def _refresh(self) -> dict[str, str]:
        proc = self.processor
        proc.cited = list(dict.fromkeys(c.id for cit in self.citations for c in cit.cites))
        assign_positions(proc, self.citations)
        proc.disambiguate(self.citations)
        changed: dict[str, str] = {}
        for citation in self.citations:
            key = citation.id or ""
            signature = self._signature(citation)
            if self._signatures.get(key) == signature and key in self._texts:
                continue
            self._signatures[key] = signature
            text = proc.render_cluster(citation)
            if self._texts.get(key) != text:
                changed[key] = text
            self._texts[key] = text
        return changed

    def _signature(self, citation: Citation) -> tuple[Any, ...]:
        proc = self.processor
        parts: list[Any] = [citation.note_index]
        for cite in citation.cites:
            item = proc.items[cite.id]
            state = proc.disamb.get(cite.id)
            parts.append((astuple(cite), item.get("citation-number"),
                          repr(state) if state is not None else None))
        return tuple(parts)
