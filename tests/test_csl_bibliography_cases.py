"""Format stage: single bibliography behaviours against citeproc-js 2.4.63.

Each case of tests/data/oracle/bibliography-cases.json (made by
tools/oracle/make_bibliography_cases.js) is a tiny style and a few items, reduced from a
difference the style sweep found in a real style; citekit's text and HTML entries must equal
citeproc-js's.
"""
from __future__ import annotations

import json

import pytest
from oracle_support import DATA

from citekit.csl.document import Citation, process
from citekit.csl.eval.context import Cite
from citekit.csl.processor import Processor
from citekit.csl.style import style_from_string
from citekit.model import Item

CASES = json.loads((DATA / "bibliography-cases.json").read_text("utf-8"))["cases"]


def _entries(case: dict, output: str) -> list[str]:
    """The bibliography, after citing each item in a cluster of its own (``cite_first``)."""
    items = [Item.from_json(d) for d in case["items"]]
    proc = Processor(style_from_string(case["style"], case["name"]), items, output=output)
    if case.get("cite_first"):
        process(proc, [Citation([Cite(item.id)]) for item in items])
    return proc.bibliography().entries


def _html_entry(entry: str) -> str:
    return f'  <div class="csl-entry">{entry}</div>\n'


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_bibliography_equals_citeproc_js(case: dict) -> None:
    text = _entries(case, "text")
    assert [e + "\n" for e in text] == case["bibliography_text"], case["note"]
    html = _entries(case, "html")
    assert [_html_entry(e) for e in html] == case["bibliography_html"], case["note"]
