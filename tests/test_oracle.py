"""Format stage: citekit's output equals citeproc-js's (stored oracle outputs) in all four
bundled styles, bibliography and citations, text and HTML.

tests/data/oracle/agreement.json lists the entries that agree; each must keep agreeing.
"""
from __future__ import annotations

import json

import pytest

from oracle_support import DATA, DOC_KINDS, KINDS, STYLES, compare, compare_document

AGREEMENT = json.loads((DATA / "agreement.json").read_text("utf-8"))


@pytest.fixture(scope="module", params=STYLES)
def result(request):
    return request.param, compare(request.param)


def test_agreeing_entries_keep_agreeing(result) -> None:
    style, outputs = result
    for kind in KINDS:
        for item_id in AGREEMENT[style][kind]:
            got, expected = outputs[kind][item_id]
            assert got == expected, f"{style} {kind} {item_id}"


@pytest.mark.parametrize("style", STYLES)
def test_document_agreeing_citations_keep_agreeing(style: str) -> None:
    outputs = compare_document(style)
    for kind in DOC_KINDS:
        for key in AGREEMENT[style].get(kind, []):
            got, expected = outputs[kind][key]
            assert got == expected, f"{style} {kind} {key}"


def test_agreement_covers_most_entries() -> None:
    total = sum(len(AGREEMENT[s][k]) for s in STYLES for k in KINDS)
    assert total >= 400
