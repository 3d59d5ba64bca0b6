"""Format stage: a document processed incrementally, for editors and word processors.

Insert, replace or remove one citation and get back exactly the citations whose text changed,
as citeproc-js's ``processCitationCluster``. What a cluster's text depends on beyond its own
cites is worked out after each change, and only the clusters where that changed are rendered:

- positions (first, subsequent, ibid, near-note, first-reference-note-number): one pass over
  the document (cheap); a cluster's positions depend only on the clusters before it, so only
  the clusters from the edit on are compared, and only the facts the style reads (a style
  that never tests ``near-note`` is not re-rendered when it flips);
- citation numbers and disambiguation (names, given names, year-suffix): a function of the
  registry, the cited items in the order their citations register them, then the registered
  uncited ones. It is computed again only when that changes (a new item cited, an item's last
  cite removed, a first cite moved, items joining, leaving or changing); then the clusters
  citing an item whose data, number or disambiguation changed are rendered.

Items join and leave the document as in citeproc-js's ``updateItems``: :meth:`Document.add_items`
(new references, or new data for known ones), :meth:`Document.remove_items` and
:meth:`Document.update_items` (the document's whole list of references). Registered items take
part in disambiguation and the bibliography even when no citation cites them yet.

Every result equals a full run of the document (:func:`~.document.process`).
"""
from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any

from ..errors import FormatError
from ..model import Item
from .document import Citation, assign_positions
from .eval.context import Cite, Disamb
from .eval.disambiguate import first_notes, registration_batches
from .processor import Bibliography, Processor
from .style import Style, walk

__all__ = ["Document"]


class Document:
    """The citations of one document, in order, with their current texts.

    Not thread-safe: use one document from one thread at a time.
    """

    def __init__(self, processor: Processor) -> None:
        self.processor = processor
        self.citations: list[Citation] = []
        self._texts: dict[str, str] = {}
        self._signatures: dict[str, tuple[Any, ...]] = {}  # citation id -> inputs of its text
        self._counter = itertools.count(1)
        self._position_facts = position_facts(processor.style)
        self._numbered = reads_citation_number(processor.style)
        self.registered: list[str] = []  # references of the document, cited or not
        self._versions: dict[str, int] = {}  # bumped when an item's data is replaced
        # what numbers and disambiguation were computed for: the registration batches and
        # the registered uncited items (None: to compute)
        self._registry_key: tuple[Any, ...] | None = None
        self._item_states: dict[str, tuple[Any, ...]] = {}

    # -- editing ---------------------------------------------------------------------------
    def insert(self, citation: Citation | dict[str, Any], index: int | None = None
               ) -> dict[str, str]:
        """Insert a citation (at ``index``, default the end); returns changed id -> text."""
        citation = self._admit(citation)
        position = len(self.citations) if index is None else max(0, min(index,
                                                                        len(self.citations)))
        self.citations.insert(position, citation)
        return self._refresh(position)

    def extend(self, citations: Iterable[Citation | dict[str, Any]]) -> dict[str, str]:
        """Append several citations at once (opening a document): one refresh for all."""
        start = len(self.citations)
        new: list[Citation] = []
        for citation in citations:  # all checked before any is added
            new.append(self._admit(citation, new))
        self.citations.extend(new)
        return self._refresh(start)

    def replace(self, citation_id: str, citation: Citation | dict[str, Any]) -> dict[str, str]:
        """Replace the citation ``citation_id`` (keeping its id); returns what changed."""
        index = self._index(citation_id)
        new = self._coerce(citation)
        new.id = citation_id
        self._check_items(new)
        self.citations[index] = new
        self._signatures.pop(citation_id, None)
        return self._refresh(index)

    def remove(self, citation_id: str) -> dict[str, str]:
        """Remove a citation; returns the other citations whose text changed."""
        index = self._index(citation_id)
        del self.citations[index]
        self._texts.pop(citation_id, None)
        self._signatures.pop(citation_id, None)
        return self._refresh(index)

    def set_notes(self, note_indexes: Mapping[str, int]) -> dict[str, str]:
        """Set the note numbers of citations (citation id -> note index, 0 for in-text), as
        a word processor renumbers its notes after one is added or deleted (citeproc-js's
        pre/post pairs); returns the citations whose text changed."""
        known = {c.id for c in self.citations}
        for citation_id, note in note_indexes.items():
            if citation_id not in known:
                raise FormatError(f"no citation {citation_id!r} in the document")
            if isinstance(note, bool) or not isinstance(note, int) or note < 0:
                raise FormatError(f"citation {citation_id!r}: note index {note!r} is not a "
                                  "whole number >= 0")
        start = len(self.citations)
        for i, citation in enumerate(self.citations):
            note = note_indexes.get(citation.id or "", citation.note_index)
            if note != citation.note_index:
                citation.note_index = note
                start = min(start, i)
        return self._refresh(start)

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
        self._registry_key = None  # item data takes part in numbers and disambiguation
        return self._refresh(len(self.citations))

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
        return self._refresh(len(self.citations))

    def update_items(self, ids: Iterable[str]) -> dict[str, str]:
        """Set the document's references to ``ids`` (in this order), as citeproc-js's
        ``updateItems``: items left out are no longer registered (cited ones stay)."""
        ids = list(dict.fromkeys(ids))
        for item_id in ids:
            self.processor.item(item_id)
        self.registered = ids
        return self._refresh(len(self.citations))

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
        # the bibliography may number and disambiguate over other ids: the next change
        # computes the document's own again
        self._registry_key = None
        return self.processor.bibliography(ids)

    # -- internals -------------------------------------------------------------------------
    def _coerce(self, citation: Citation | dict[str, Any]) -> Citation:
        if not isinstance(citation, Citation):
            citation = Citation.from_json(citation)
        if not citation.id:
            citation.id = f"citation-{next(self._counter)}"
        return citation

    def _admit(self, citation: Citation | dict[str, Any], pending: Iterable[Citation] = ()
               ) -> Citation:
        """A new citation, checked: a fresh id and known items."""
        citation = self._coerce(citation)
        if citation.id in self._texts or any(c.id == citation.id for c in
                                             itertools.chain(self.citations, pending)):
            raise FormatError(f"citation id {citation.id!r} is already in the document")
        self._check_items(citation)
        return citation

    def _check_items(self, citation: Citation) -> None:
        for cite in citation.cites:
            self.processor.item(cite.id)

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

    def _refresh(self, start: int) -> dict[str, str]:
        """Bring every text up to date after a change at ``start`` (the clusters before it
        kept their positions); returns the citations whose text changed."""
        proc = self.processor
        citations = self.citations
        assign_positions(proc, citations)
        batches = registration_batches(citations)
        cited = [item_id for batch in batches for item_id in batch]
        known = set(cited)
        extra = [i for i in self.registered if i not in known]
        moved: set[str] = set()
        # disambiguation reads the registration order and each item's first note
        registry_key = (batches, extra, first_notes(citations))
        if registry_key != self._registry_key:  # as document.prepare
            proc.cited = cited
            proc.assign_citation_numbers(cited + extra)
            proc.disambiguate(citations, extra)
            self._registry_key = registry_key
            moved = self._restate()
        facts = self._position_facts
        states = self._item_states
        signatures = self._signatures
        texts = self._texts
        changed: dict[str, str] = {}
        for i, citation in enumerate(citations):
            cites = citation.cites
            if i < start and not (moved and any(c.id in moved for c in cites)):
                continue  # nothing this cluster's text depends on changed
            key = citation.id or ""
            signature = tuple([(facts(c), states[c.id]) for c in cites])
            if signatures.get(key) == signature and key in texts:
                continue
            signatures[key] = signature
            text = proc.render_cluster(citation)
            if texts.get(key) != text:
                changed[key] = text
            texts[key] = text
        return changed

    def _restate(self) -> set[str]:
        """Record each cited item's number and disambiguation; returns the ids whose
        state changed (new ids included)."""
        proc = self.processor
        old = self._item_states
        new = {item_id: (self._versions.get(item_id, 0),
                         *_item_state(proc, item_id, self._numbered))
               for item_id in proc.cited}
        self._item_states = new
        return {item_id for item_id, state in new.items() if old.get(item_id) != state}


def _item_state(proc: Processor, item_id: str, numbered: bool) -> tuple[Any, ...]:
    """What a cluster's text depends on from its item beyond the item's own data: the
    citation number (when the citations read it) and the disambiguation settings."""
    number = proc.items[item_id].get("citation-number") if numbered else None
    disamb = proc.disamb.get(item_id) or Disamb()
    return (number, disamb.add_names, disamb.givenname_level,
            tuple(sorted(disamb.name_levels.items())), disamb.year_suffix,
            disamb.disambiguate, disamb.names_shown)


def _citation_attrs(style: Style) -> list[dict[str, str]]:
    """The attributes of the style, its citation section and every node its citations
    evaluate (layout, macros, sort keys)."""
    attrs: list[dict[str, str]] = [style.options]
    if style.citation is not None:
        attrs.append(style.citation.options)
        attrs += [node.attrs for node in walk(style.citation.layout)]
        for key in style.citation.sort:
            attrs += [node.attrs for node in walk(key)]
    return attrs


def reads_citation_number(style: Style) -> bool:
    """Whether ``style``'s citations render or sort by citation-number (else a renumbering
    changes no citation's text)."""
    return any("citation-number" in v for a in _citation_attrs(style) for v in a.values())


def position_facts(style: Style) -> Callable[[Cite], Hashable]:
    """The facts of a cite's place in the document that ``style``'s citations can read:
    its position when the style tests one (or has et-al-subsequent options), near-note
    when a condition tests it, first-reference-note-number when the style uses it."""
    attrs = _citation_attrs(style)
    position = any("position" in a or any(k.startswith("et-al-subsequent") for k in a)
                   for a in attrs)
    near = any("near-note" in a.get("position", "") for a in attrs)
    first_note = any("first-reference-note-number" in v for a in attrs for v in a.values())
    if near or first_note:
        return lambda c: (c.position, near and c.near_note,
                          c.first_reference_note_number if first_note else None)
    if position:
        return lambda c: c.position
    return lambda c: None
