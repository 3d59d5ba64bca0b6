"""Format stage: a document processed incrementally, for editors and word processors.

Insert, replace or remove one citation and get back exactly the citations whose text changed.
Items join and leave the document as in citeproc-js's ``updateItems``: :meth:`Document.add_items`
(new references, or new data for known ones), :meth:`Document.remove_items` and
:meth:`Document.update_items` (the document's whole list of references). Registered items take
part in disambiguation and the bibliography even when no citation cites them yet.
Positions and disambiguation are recomputed for the whole document (cheap passes); a cluster is
rendered again only when something its output depends on changed: its cites, their positions,
the data, disambiguation state or citation number of their items.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import astuple
from typing import Any

from ..errors import FormatError
from ..model import Item
from .document import Citation, prepare
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
        self.registered: list[str] = []  # references of the document, cited or not
        self._versions: dict[str, int] = {}  # bumped when an item's data is replaced

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

    # -- items -----------------------------------------------------------------------------
    def add_items(self, items: Iterable[Item]) -> dict[str, str]:
        """Items joining the document (or new data for items it has); returns what changed."""
        for item in items:
            if not isinstance(item, Item):
                raise FormatError(f"not an item: {type(item).__name__}")
            if item.id in self.processor.items:
                self._versions[item.id] = self._versions.get(item.id, 0) + 1
            self.processor.add_item(item)
            if item.id not in self.registered:
                self.registered.append(item.id)
        return self._refresh()

    def remove_items(self, ids: Iterable[str]) -> dict[str, str]:
        """Items leaving the document; returns the citations whose text changed.

        An item still cited is refused (remove or replace its citations first).
        """
        ids = list(dict.fromkeys(ids))
        for item_id in ids:
            self.processor.item(item_id)  # unknown ids fail here
            citing = [c.id for c in self.citations if any(x.id == item_id for x in c.cites)]
            if citing:
                raise FormatError(f"item {item_id!r} is cited by citation {citing[0]!r}")
        for item_id in ids:
            del self.processor.items[item_id]
            self.processor.disamb.pop(item_id, None)
            self._versions.pop(item_id, None)
        gone = set(ids)
        self.registered = [i for i in self.registered if i not in gone]
        return self._refresh()

    def update_items(self, ids: Iterable[str]) -> dict[str, str]:
        """Set the document's references to ``ids`` (in this order), as citeproc-js's
        ``updateItems``: items left out are no longer registered (cited ones stay)."""
        ids = list(dict.fromkeys(ids))
        for item_id in ids:
            self.processor.item(item_id)
        self.registered = ids
        return self._refresh()

    # -- reading ---------------------------------------------------------------------------
    def texts(self) -> list[str]:
        """The text of every citation, in document order."""
        return [self._texts[c.id] for c in self.citations]  # type: ignore[index]

    def bibliography(self, include_uncited: bool = False) -> Bibliography:
        """The bibliography of the items cited so far; with ``include_uncited``, of every
        item in the registry (uncited ones take part in disambiguation too)."""
        ids = self._registry()
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

    def _registry(self) -> list[str]:
        """The cited items in citation order, then the registered ones no citation cites."""
        cited = list(self.processor.cited)
        seen = set(cited)
        return cited + [i for i in self.registered if i not in seen]

    def _refresh(self) -> dict[str, str]:
        proc = self.processor
        proc.cited = []
        prepare(proc, self.citations, self.registered)  # the same passes as a full run
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
                          repr(state) if state is not None else None,
                          self._versions.get(cite.id, 0)))
        return tuple(parts)
