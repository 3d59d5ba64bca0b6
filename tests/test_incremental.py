"""Format stage: incremental document processing returns exactly the changed citations."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from citekit.api import format_document
from citekit.csl.document import Citation
from citekit.csl.incremental import Document
from citekit.csl.processor import Processor
from citekit.errors import FormatError
from citekit.model import Item

DATA = Path(__file__).parent / "data" / "oracle"


@pytest.fixture(scope="module")
def doc_data():
    data = json.loads((DATA / "document.json").read_text("utf-8"))
    return [Item.from_json(d) for d in data["items"]], data["clusters"]


@pytest.mark.parametrize("style", ["apa", "chicago-notes"])
def test_insert_in_middle_equals_full_processing(doc_data, style) -> None:
    items, clusters = doc_data
    clusters = clusters[:120]
    doc = Document(Processor(style, items))
    for cluster in clusters:
        doc.insert(cluster)
    before = dict(zip([c.id for c in doc.citations], doc.texts()))
    new = {"citationID": "NEW", "citationItems": [{"id": clusters[10]["citationItems"][0]["id"],
                                                  "locator": "77"}],
           "properties": {"noteIndex": 0}}
    changed = doc.insert(new, 60)
    full, _ = format_document(items, [c for c in clusters[:60]] + [new] + clusters[60:],
                              style)
    assert doc.texts() == full
    after = dict(zip([c.id for c in doc.citations], doc.texts()))
    expected_changed = {k: v for k, v in after.items() if before.get(k) != v}
    assert changed == expected_changed
    assert "NEW" in changed


def test_remove_returns_changes_and_unknown_ids_fail(doc_data) -> None:
    items, clusters = doc_data
    doc = Document(Processor("apa", items))
    for cluster in clusters[:30]:
        doc.insert(cluster)
    first = doc.citations[0].id
    doc.remove(first)
    full, _ = format_document(items, clusters[1:30], "apa")
    assert doc.texts() == full
    with pytest.raises(FormatError):
        doc.remove("no-such-citation")
    with pytest.raises(FormatError):
        doc.insert(Citation.from_json([{"id": "no-such-item"}]))


def test_bibliography_of_cited_items_or_of_all(doc_data) -> None:
    items, clusters = doc_data
    doc = Document(Processor("apa", items))
    doc.insert(clusters[0])
    cited = {c["id"] for c in clusters[0]["citationItems"]}
    assert set(doc.bibliography().ids) == cited
    everything = doc.bibliography(include_uncited=True)
    assert set(everything.ids) >= cited and len(everything.ids) > len(cited)
