"""Share stage: a document processor for editors — insert, remove, get what changed.

:func:`new_document` wraps the engine's incremental :class:`~citekit.csl.incremental.Document`
over private copies of the items, so two documents (in different styles, say) never share
state. A document is not thread-safe: use each one from one thread at a time.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..csl.abbreviations import Abbreviations
from ..csl.incremental import Document
from ..csl.style import Style
from ..model import Item
from .cite import make_processor


def new_document(items: Iterable[Item], style: Style | str = "apa", locale: str | None = None,
                 output: str = "text", abbreviations: Abbreviations | None = None) -> Document:
    """An empty document citing ``items`` in ``style``.

    ``doc.insert(citation, index)``, ``doc.replace(id, citation)`` and ``doc.remove(id)``
    return ``{citation id: new text}`` for exactly the citations whose text changed;
    ``doc.texts()`` gives every citation, ``doc.bibliography()`` the bibliography.
    References join and leave after creation: ``doc.add_items(items)`` (new ones, or new data
    for known ones), ``doc.remove_items(ids)`` and ``doc.update_items(ids)`` (citeproc-js's
    ``updateItems``) return what changed too; every change equals a full run.
    A citation is a :class:`~citekit.csl.document.Citation` or a CSL citation dict
    (``{"citationItems": [{"id": ..., "locator": ...}], "properties": {"noteIndex": 1}}``).
    """
    proc = make_processor(items, style, locale, output)
    proc.abbreviations = abbreviations  # short forms (see citekit.csl.abbreviations)
    return Document(proc)
