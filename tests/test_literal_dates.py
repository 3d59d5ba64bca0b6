"""Literal dates ({"literal": ...}) against citeproc-js (tools/oracle/make_literal_dates.js).

citeproc-js prints a literal date where the year part would go, once: APA's date macro, which
adds the month and day after the year for web pages and news, must not print it twice.
"""
from __future__ import annotations

import json

import pytest
from oracle_support import DATA, STYLES

from citekit.csl.document import Citation, process
from citekit.csl.eval.context import Cite
from citekit.csl.processor import Processor
from citekit.csl.style import load_style
from citekit.model import Item

ORACLE = json.loads((DATA / "literal-dates.json").read_text("utf-8"))
ITEMS = [Item.from_json(d) for d in ORACLE["items"]]


@pytest.mark.parametrize("style", STYLES)
def test_literal_dates_equal_citeproc_js(style: str) -> None:
    expected = ORACLE["styles"][style]
    bib = Processor(load_style(style), ITEMS).bibliography([item.id for item in ITEMS])
    assert [e + "\n" for e in bib.entries] == expected["bibliography_text"]
    cites = [process(Processor(load_style(style), ITEMS), [Citation([Cite(item.id)])])[0]
             for item in ITEMS]
    assert cites == expected["citations_text"]


def test_apa_prints_a_literal_date_of_a_web_page_once() -> None:
    entry = Processor(load_style("apa"), ITEMS).bibliography(["web"]).entries[0]
    assert entry.count("4/6/2016") == 1
