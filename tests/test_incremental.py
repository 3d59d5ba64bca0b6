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


def _full_run(items: list[Item], doc: Document, style: str) -> tuple[list[str], list[str]]:
    """What a fresh processor gives for the document's final state, all at once."""
    from dataclasses import replace

    from citekit.csl.document import process

    proc = Processor(style, items)
    clones = [replace(c, cites=[replace(x) for x in c.cites]) for c in doc.citations]
    texts = process(proc, clones, doc.registered)
    ids = list(dict.fromkeys(proc.cited + doc.registered))
    return texts, proc.bibliography(ids).entries


@pytest.mark.parametrize("style", ["apa", "chicago-notes"])
def test_items_joining_and_leaving_equal_a_full_run(doc_data, style) -> None:
    from citekit import new_document

    items, clusters = doc_data
    first, later = items[:25], items[25:]
    known = {i.id for i in first}
    early = [c for c in clusters if all(x["id"] in known for x in c["citationItems"])][:40]
    rest = [c for c in clusters if c not in early][:40]
    doc = new_document(first, style)
    for cluster in early:
        doc.insert(cluster)
    assert (doc.texts(), doc.bibliography().entries) == _full_run(first, doc, style)

    before = dict(zip([c.id for c in doc.citations], doc.texts()))
    changed = doc.add_items(later)  # an editor adds references after opening the document
    after = dict(zip([c.id for c in doc.citations], doc.texts()))
    assert changed == {k: v for k, v in after.items() if before[k] != v}
    assert (doc.texts(), doc.bibliography().entries) == _full_run(items, doc, style)

    for cluster in rest:
        doc.insert(cluster)
    assert (doc.texts(), doc.bibliography().entries) == _full_run(items, doc, style)

    cited = {x.id for c in doc.citations for x in c.cites}
    uncited = [i for i in doc.registered if i not in cited]
    assert uncited  # the 80 clusters leave some of the 40 items uncited
    before = dict(zip([c.id for c in doc.citations], doc.texts()))
    changed = doc.remove_items(uncited[:3])
    after = dict(zip([c.id for c in doc.citations], doc.texts()))
    assert changed == {k: v for k, v in after.items() if before[k] != v}
    left = [i for i in items if i.id not in uncited[:3]]
    assert (doc.texts(), doc.bibliography().entries) == _full_run(left, doc, style)
    with pytest.raises(FormatError, match="is cited by citation"):
        doc.remove_items([doc.citations[0].cites[0].id])


def test_new_data_for_a_cited_item_rerenders_its_citations() -> None:
    from citekit import new_document

    doc = new_document([Item.from_json({"id": "a", "type": "book", "title": "Old",
                                        "author": [{"family": "Doe"}],
                                        "issued": {"date-parts": [[2000]]}})], "apa")
    doc.insert({"citationID": "c1", "citationItems": [{"id": "a"}],
                "properties": {"noteIndex": 0}})
    assert doc.texts() == ["(Doe, 2000)"]
    changed = doc.add_items([Item.from_json({"id": "a", "type": "book", "title": "New",
                                             "author": [{"family": "Roe"}],
                                             "issued": {"date-parts": [[2001]]}})])
    assert changed == {"c1": "(Roe, 2001)"}


def test_update_items_sets_the_references_as_citeproc_js() -> None:
    items = [Item.from_json({"id": k, "type": "book", "author": [{"family": "Doe", "given": g}],
                             "issued": {"date-parts": [[2000]]}}) for k, g in
             (("a", "John"), ("b", "Jane"))]
    doc = Document(Processor("apa", items))
    doc.insert({"citationID": "c1", "citationItems": [{"id": "a"}],
                "properties": {"noteIndex": 0}})
    assert doc.texts() == ["(Doe, 2000)"]
    # b joins uncited: the same initials, so a's cite needs a year-suffix
    assert doc.update_items(["a", "b"]) == {"c1": "(Doe, 2000a)"}
    assert doc.bibliography().entries == ["Doe, J. (2000a).", "Doe, J. (2000b)."]
    assert doc.update_items(["a"]) == {"c1": "(Doe, 2000)"}
    assert doc.bibliography().entries == ["Doe, J. (2000)."]
