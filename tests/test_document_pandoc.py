"""citekit render vs pandoc's citeproc on a 30-citation paper (tests/data/pandoc/).

The expected texts were recorded by tools/pandoc_oracle.py (pandoc via pypandoc-binary, at
development time only). Every citation and bibliography entry must equal pandoc's, except the
listed differences, where citeproc-js disagrees with pandoc and citekit must equal citeproc-js.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from citekit.document import render_markdown
from citekit.document.html import read_rendered_html

DATA = Path(__file__).parent / "data" / "pandoc"
STYLES = {"apa": "apa", "chicago-notes-bibliography": "chicago-notes",
          "chicago-author-date": "chicago", "modern-language-association": "mla"}


@pytest.mark.parametrize("style", STYLES)
def test_render_agrees_with_pandoc(style: str) -> None:
    expected = json.loads((DATA / f"expected-{style}.json").read_text("utf-8"))
    paper = DATA / "paper.md"
    result = render_markdown(paper.read_text("utf-8"), style=STYLES[style], to="html",
                             file=str(paper))
    assert result.warnings == []
    cites, bib = read_rendered_html(result.text)
    assert len(cites) == len(expected["citations"]) == 30
    assert list(bib) == list(expected["bibliography"])
    listed = {(d["kind"], d["at"]): d for d in expected["differences"]}
    assert not expected["engine_bugs"]
    got = [("citation", str(i), c, e) for i, (c, e) in enumerate(zip(cites, expected["citations"]))]
    got += [("bibliography", k, bib[k], v) for k, v in expected["bibliography"].items()]
    for kind, at, mine, pandoc in got:
        if (kind, at) in listed:
            assert mine == listed[kind, at]["citeproc_js"], (kind, at)
            assert mine != pandoc
        else:
            assert mine == pandoc, (kind, at)


def test_differences_are_explained() -> None:
    files = sorted(DATA.glob("expected-*.json"))
    assert len(files) == 6
    for path in files:
        data = json.loads(path.read_text("utf-8"))
        assert data["pandoc"] == "3.9" and not data["engine_bugs"]
        for diff in data["differences"]:
            assert diff["reason"] != "other", diff
            assert diff["citekit"] == diff["citeproc_js"] != diff["pandoc"]


def test_paper_has_every_citation_form() -> None:
    from citekit.document import find_citations

    marks = find_citations((DATA / "paper.md").read_text("utf-8"))
    assert len(marks) == 30
    assert any(m.in_text for m in marks)
    assert any(c.suppress_author for m in marks for c in m.cites)
    assert any(c.prefix for m in marks for c in m.cites)
    assert any(len(m.cites) > 1 for m in marks)
