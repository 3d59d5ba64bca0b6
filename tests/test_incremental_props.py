"""Format stage: every incremental change equals a fresh full run (hypothesis).

Random documents over items that clash (same author and year, same family names, authors
lists that differ late), edited at random — insert, replace, remove, note renumbering, a
bibliography in between — in note, author-date and numeric styles. After each change the
document's texts must equal a new processor's full run of the same citations, and the change
must return exactly the citations whose text changed.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citekit.csl.document import Citation, process
from citekit.csl.incremental import Document, position_facts
from citekit.csl.processor import Processor
from citekit.csl.style import load_style
from citekit.model import Item

DATA = Path(__file__).parent / "data"
STYLES = DATA / "styles"
# the items that make disambiguation work: year-suffixes, given names, added names
POOL = ["smith2020a", "smith2020b", "smith2020c", "smith2020jane", "smith2013north",
        "smith2013north-book", "lee2018kim", "lee2018park", "lee2018kimpark", "lee2018kimcho",
        "kowalski2022a", "kowalski2022b", "tanaka2022kenji", "tanaka2022yuki",
        "king1963letter", "speech-basic", "chapter-basic", "legal-brown"]
STYLE_NAMES = {
    "chicago-notes": "chicago-notes",  # note: ibid, subsequent short forms
    "apa": "apa",  # author-date: year-suffix, given names, added names
    "chicago-author-date": "chicago-author-date",
    "ieee": str(STYLES / "ieee.csl"),  # numeric, numbers in citation order
    "acm": str(STYLES / "acm-sig-proceedings.csl"),  # numeric, numbers by author sort
    "oscola": str(STYLES / "oscola.csl"),  # note: first-reference-note-number
    "warburg": str(STYLES / "journal-of-the-warburg-and-courtauld-institutes.csl"),  # near-note
}


@pytest.fixture(scope="module")
def items() -> list[Item]:
    data = json.loads((DATA / "oracle" / "document-1000.json").read_text("utf-8"))
    return [Item.from_json(d) for d in data["items"] if d["id"] in POOL]


cites = st.lists(st.fixed_dictionaries(
    {"id": st.sampled_from(POOL)},
    optional={"locator": st.sampled_from(["1", "2", "10-12"]),
              "suppress-author": st.just(True)}), min_size=1, max_size=3)
notes = st.integers(min_value=0, max_value=6)


def cluster(draw: Any, n: int) -> dict[str, Any]:
    return {"citationID": f"C{n}", "citationItems": draw(cites),
            "properties": {"noteIndex": draw(notes)}}


def full_run(style: Any, items: list[Item], model: list[dict[str, Any]],
             uncited: list[str]) -> list[str]:
    return process(Processor(style, items), [Citation.from_json(c) for c in model], uncited)


def check(doc: Document, style: Any, items: list[Item], model: list[dict[str, Any]],
          before: dict[str, str], changed: dict[str, str]) -> dict[str, str]:
    after = dict(zip([c["citationID"] for c in model], doc.texts()))
    assert doc.texts() == full_run(style, items, model, doc.registered)
    assert changed == {k: v for k, v in after.items() if before.get(k) != v}
    return after


@pytest.mark.parametrize("name", list(STYLE_NAMES))
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_change_equals_a_full_run(name: str, items: list[Item], data: Any) -> None:
    style = load_style(STYLE_NAMES[name])
    n = data.draw(st.integers(min_value=0, max_value=8))
    model = [cluster(data.draw, i) for i in range(n)]
    items = list(items)
    doc = Document(Processor(style, items))
    texts = check(doc, style, items, model, {},
                  doc.extend(Citation.from_json(c) for c in model))
    fresh = n
    for _ in range(data.draw(st.integers(min_value=1, max_value=7))):
        op = data.draw(st.sampled_from(["insert", "replace", "remove", "notes", "bib",
                                        "register", "data"]))
        if op == "insert" or not model:
            new = cluster(data.draw, fresh)
            fresh += 1
            at = data.draw(st.integers(min_value=0, max_value=len(model)))
            model.insert(at, new)
            changed = doc.insert(Citation.from_json(new), at)
        elif op == "replace":
            at = data.draw(st.integers(min_value=0, max_value=len(model) - 1))
            new = dict(cluster(data.draw, 0), citationID=model[at]["citationID"])
            model[at] = new
            changed = doc.replace(new["citationID"], new)
        elif op == "remove":
            at = data.draw(st.integers(min_value=0, max_value=len(model) - 1))
            gone = model.pop(at)["citationID"]
            changed = doc.remove(gone)
            texts.pop(gone)
        elif op == "notes":  # renumber: every note cluster from some point on moves by one
            at = data.draw(st.integers(min_value=0, max_value=len(model) - 1))
            step = data.draw(st.sampled_from([1, -1]))
            moves = {}
            for c in model[at:]:
                note = c["properties"]["noteIndex"]
                if note and note + step > 0:
                    c["properties"]["noteIndex"] = note + step
                    moves[c["citationID"]] = note + step
            changed = doc.set_notes(moves)
        elif op == "register":  # references registered uncited (citeproc-js's updateItems)
            changed = doc.update_items(data.draw(st.lists(st.sampled_from(POOL), max_size=4)))
        elif op == "data":  # new data for an item: another year or title
            at = data.draw(st.integers(min_value=0, max_value=len(items) - 1))
            new_item = items[at].copy()
            new_item["title"] = data.draw(st.sampled_from(["Alpha", "Beta"]))
            if data.draw(st.booleans()):
                new_item["issued"] = {"date-parts": [[2020]]}
            new_item = Item.from_json(new_item.to_json())
            items[at] = new_item
            changed = doc.add_items([new_item])
        else:  # a bibliography of everything in between: numbers and disambiguation return
            doc.bibliography(include_uncited=data.draw(st.booleans()))
            changed = {}
        texts = check(doc, style, items, model, texts, changed)


def test_position_facts_read_only_what_the_style_tests() -> None:
    from citekit.csl.eval.context import Cite

    a = Cite(id="x", position=1, near_note=True, first_reference_note_number=3)
    b = Cite(id="x", position=1, near_note=False, first_reference_note_number=4)
    assert position_facts(load_style("apa"))(a) == position_facts(load_style("apa"))(b)
    notes_facts = position_facts(load_style("chicago-notes"))
    assert notes_facts(a) == notes_facts(b)
    assert notes_facts(a) != notes_facts(Cite(id="x", position=2))
    assert position_facts(load_style(STYLE_NAMES["warburg"]))(a) != \
        position_facts(load_style(STYLE_NAMES["warburg"]))(b)
    oscola = position_facts(load_style(STYLE_NAMES["oscola"]))
    assert oscola(a) != oscola(Cite(id="x", position=1, near_note=True,
                                    first_reference_note_number=4))


@pytest.mark.parametrize("name", ["apa", "chicago-notes", "ieee"])
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_items_joining_and_leaving_equal_a_full_run(name: str, items: list[Item],
                                                    data: Any) -> None:
    """citekit.new_document with references added and removed after creation."""
    from citekit import new_document

    style = load_style(STYLE_NAMES[name])
    by_id = {i.id: i for i in items}
    known = data.draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=6, unique=True))
    doc = new_document([by_id[k] for k in known], style)
    model: list[dict[str, Any]] = []
    texts: dict[str, str] = {}
    for n in range(data.draw(st.integers(min_value=2, max_value=8))):
        cited = {x["id"] for c in model for x in c["citationItems"]}
        op = data.draw(st.sampled_from(["insert", "join", "leave"]))
        if (op == "join" and len(known) < len(POOL)) or not known:  # none left to cite
            new = data.draw(st.lists(st.sampled_from([k for k in POOL if k not in known]),
                                     min_size=1, max_size=3, unique=True))
            known += new
            changed = doc.add_items([by_id[k] for k in new])
        elif op == "leave" and set(known) - cited and len(known) > 1:
            gone = data.draw(st.sampled_from(sorted(set(known) - cited)))
            known.remove(gone)
            changed = doc.remove_items([gone])
        else:
            new_cluster = {"citationID": f"C{n}", "properties": {"noteIndex": n + 1},
                           "citationItems": [{"id": data.draw(st.sampled_from(known))}]}
            model.append(new_cluster)
            changed = doc.insert(new_cluster)
        current = [by_id[k] for k in known]
        texts = check(doc, style, current, model, texts, changed)
        fresh = Processor(style, current)
        process(fresh, [Citation.from_json(c) for c in model], doc.registered)
        assert doc.bibliography().entries == \
            fresh.bibliography(list(dict.fromkeys(fresh.cited + doc.registered))).entries
