"""Format stage: citekit against citeproc-js 2.4.63 in 150 real styles of the CSL library.

The stored outputs (tests/data/styles/oracle/, made by tools/stylesweep/oracle.js from the
varied items of tools/stylesweep/make_items.py) cover bibliography and one citation per item,
text and HTML. The figures below are floors: a change that lowers agreement fails here. Every
deliberate difference is listed in known-differences.json with its reason and exact count.
"""
from __future__ import annotations

import json

import pytest
from style_sweep_support import DATA, compare_style, read_record, summarize

# floors of the measured agreement on the sample, known differences left out
FLOORS = {"bibliography_text": 0.9955, "bibliography_html": 0.995,
          "citations_text": 0.9985, "citations_html": 0.998}
MIN_FULLY_EQUAL = 107


@pytest.fixture(scope="module")
def results():
    items = json.loads((DATA / "items.json").read_text("utf-8"))
    ids = (DATA / "sample.txt").read_text("utf-8").split()
    return {sid: compare_style(sid, read_record(DATA / "oracle" / f"{sid}.json.gz"),
                               items["items"], items["locators"]) for sid in ids}


def _known() -> dict[str, dict]:
    data = json.loads((DATA / "known-differences.json").read_text("utf-8"))
    return {d["style"]: d for d in data["differences"]}


def test_sample_is_large_and_fixed():
    ids = (DATA / "sample.txt").read_text("utf-8").split()
    assert len(ids) >= 150 and len(set(ids)) == len(ids)
    assert all((DATA / "oracle" / f"{sid}.json.gz").is_file() for sid in ids)


def test_no_crashes(results):
    assert {s: r.crash for s, r in results.items() if r.crash} == {}
    assert {s: r.oracle_error for s, r in results.items() if r.oracle_error} == {}


def test_known_differences_exactly(results):
    for style, known in _known().items():
        assert known["reason"]
        assert len(results[style].diffs) == known["count"], style


def test_agreement_floors(results):
    known = _known()
    summary = summarize([r for s, r in results.items() if s not in known])
    shares = {kind: row["share"] for kind, row in summary["kinds"].items()}
    assert all(shares[kind] >= floor for kind, floor in FLOORS.items()), shares
    assert summary["fully_equal"] >= MIN_FULLY_EQUAL, summary["fully_equal"]


DOC_FLOORS = {"bibliography_text": 0.996, "bibliography_html": 0.996,
              "citations_text": 0.998, "citations_html": 0.998}


def test_document_in_real_styles():
    """The 200-citation document (tests/data/oracle/document.json) processed cluster by
    cluster in 16 real numeric, author-date and note (ibid) styles."""
    doc = json.loads((DATA.parent / "oracle" / "document.json").read_text("utf-8"))
    results = [compare_style(path.name.removesuffix(".json.gz"), read_record(path),
                             doc["items"], clusters=doc["clusters"])
               for path in sorted((DATA / "documents").glob("*.json.gz"))]
    assert len(results) == 16
    summary = summarize(results)
    assert summary["crashes"] == [] and summary["oracle_errors"] == []
    shares = {kind: row["share"] for kind, row in summary["kinds"].items()}
    assert all(shares[kind] >= floor for kind, floor in DOC_FLOORS.items()), shares
