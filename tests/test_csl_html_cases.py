"""citekit's HTML (and text) output against citeproc-js on tiny styles, one behaviour each.

The styles, items and citeproc-js's outputs are in tests/data/oracle/html-cases.json, made by
tools/oracle/make_html_cases.js: doubled spaces, formatting on cs:name, display divs,
punctuation beside italics and quotes, and the other HTML-only causes the style sweep found.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from citekit.csl.document import Citation, process
from citekit.csl.eval.context import Cite
from citekit.csl.processor import Processor
from citekit.csl.style import style_from_string
from citekit.model import Item

ORACLE = json.loads((Path(__file__).parent / "data" / "oracle" / "html-cases.json")
                    .read_text("utf-8"))
CASES = {case["name"]: case for case in ORACLE["cases"]}
_ENTRY_HEAD, _ENTRY_TAIL = '  <div class="csl-entry">', "</div>\n"


def _bare(entry: str, output: str) -> str:
    """A citeproc-js bibliography entry without its newline (text) or csl-entry div (HTML)."""
    if output == "text":
        return entry.removesuffix("\n")
    assert entry.startswith(_ENTRY_HEAD) and entry.endswith(_ENTRY_TAIL)
    return entry[len(_ENTRY_HEAD):-len(_ENTRY_TAIL)]


def _run(case: dict, output: str) -> tuple[list[str], list[str], list[str]]:
    items = [Item.from_json(d) for d in case["items"]]
    proc = Processor(style_from_string(case["style"]), items, output=output)
    cites = process(proc, [Citation([Cite(item.id)]) for item in items])
    bib = proc.bibliography()
    return cites, list(bib.ids), list(bib.entries)


def test_every_case_has_outputs() -> None:
    assert len(CASES) == len(ORACLE["cases"]) >= 2
    for case in CASES.values():
        assert case["bibliography_html"] and case["citations_html"], case["name"]


@pytest.mark.parametrize("output", ["html", "text"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_case_equals_citeproc_js(name: str, output: str) -> None:
    case = CASES[name]
    cites, ids, entries = _run(case, output)
    assert ids == case["bibliography_ids"]
    assert entries == [_bare(e, output) for e in case[f"bibliography_{output}"]]
    assert cites == case[f"citations_{output}"]


def test_doubled_spaces_are_a_no_break_space_and_a_space_in_html_only() -> None:
    html = _run(CASES["doubled-spaces"], "html")[2][0]
    text = _run(CASES["doubled-spaces"], "text")[2][0]
    assert html.startswith("A\xa0 title with\xa0  spaces,\xa0 ,")
    assert text.startswith("A  title with   spaces,  ,")
