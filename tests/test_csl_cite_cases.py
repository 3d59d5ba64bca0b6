"""Format stage: focused citation behaviours against citeproc-js 2.4.63.

Each case of tests/data/oracle/cite-cases.json (written by tools/oracle/make_cite_cases.js
from tools/oracle/cite_cases.json) is a tiny style, a few items and a few citation clusters,
with citeproc-js's text for every cluster and bibliography entry; ``why`` names the behaviour.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from citekit.csl.document import Citation, process
from citekit.csl.processor import Processor
from citekit.csl.style import style_from_string
from citekit.model import Item

CASES = json.loads((Path(__file__).parent / "data" / "oracle" / "cite-cases.json")
                   .read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_citations_equal_citeproc_js(case):
    assert case["why"]
    proc = Processor(style_from_string(case["style"]),
                     [Item.from_json(d) for d in case["items"]], output="text")
    got = process(proc, [Citation.from_json(c) for c in case["clusters"]])
    assert got == case["citations_text"]
    if proc.style.bibliography is not None:
        assert proc.bibliography().entries == case["bibliography_text"]
