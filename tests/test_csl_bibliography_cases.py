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

from citekit.csl.processor import Processor
from citekit.csl.style import style_from_string
from citekit.model import Item

CASES = json.loads((DATA / "bibliography-cases.json").read_text("utf-8"))["cases"]


def _html_entry(entry: str) -> str:
    return f'  <div class="csl-entry">{entry}</div>\n'


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_bibliography_equals_citeproc_js(case: dict) -> None:
    items = [Item.from_json(d) for d in case["items"]]
    style = style_from_string(case["style"], case["name"])
    text = Processor(style, items).bibliography().entries
    assert [e + "\n" for e in text] == case["bibliography_text"], case["note"]
    html = Processor(style, items, output="html").bibliography().entries
    assert [_html_entry(e) for e in html] == case["bibliography_html"], case["note"]
