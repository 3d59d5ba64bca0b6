"""The markdown-it-py and Python-Markdown plug-ins give the same citations as citekit render."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from citekit.document import render_markdown
from citekit.document.html import read_rendered_html

DATA = Path(__file__).parent / "data" / "pandoc"
PAPER = (DATA / "paper.md").read_text("utf-8")
REFS = [str(DATA / "refs.json")]


@cache
def expected(style: str) -> tuple[list[str], dict[str, str]]:
    out = render_markdown(PAPER, style=style, to="html", file=str(DATA / "paper.md"))
    return read_rendered_html(out.text)


@pytest.mark.parametrize("style", ["apa", "chicago-notes"])
def test_markdown_it_plugin(style: str) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    from citekit.plugins.markdown_it import citekit_plugin

    md = markdown_it.MarkdownIt("commonmark").use(citekit_plugin, bibliography=REFS,
                                                   style=style)
    html = md.render(PAPER)
    assert read_rendered_html(html) == expected(style)
    assert md.options["citekit"].warnings == []
    assert "<code>[@smith2013north]</code>" in html
    assert html.index('id="refs"') > html.index(">References<")


@pytest.mark.parametrize("style", ["apa", "chicago-notes"])
def test_python_markdown_extension(style: str) -> None:
    markdown = pytest.importorskip("markdown")
    html = markdown.markdown(PAPER, extensions=["citekit.plugins.pymarkdown"],
                             extension_configs={"citekit.plugins.pymarkdown": {
                                 "bibliography": REFS, "style": style}})
    assert read_rendered_html(html) == expected(style)
    assert "<code>[@smith2013north]</code>" in html


def test_plugin_reports_unknown_keys() -> None:
    markdown_it = pytest.importorskip("markdown_it")
    from citekit.model import Item
    from citekit.plugins.markdown_it import citekit_plugin

    items = [Item.from_json(d) for d in json.loads((DATA / "refs.json").read_text("utf-8"))]
    md = markdown_it.MarkdownIt().use(citekit_plugin, items=items)
    html = md.render("See [@ghost] and [@knuth1997art].\n")
    assert "[@ghost]" in html and "(Knuth, 1997)" in html
    assert "ghost" in md.options["citekit"].warnings[0]


def test_python_markdown_paths_relative_to_base_read_once(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    markdown = pytest.importorskip("markdown")
    from citekit.document import bibfiles

    reads: list[object] = []
    real = bibfiles.load_items
    monkeypatch.setattr(bibfiles, "load_items", lambda paths: reads.append(paths) or real(paths))
    monkeypatch.setattr(bibfiles, "_CACHE", {})
    monkeypatch.chdir(tmp_path)  # elsewhere: the path is relative to base, not to here
    config = {"citekit.plugins.pymarkdown": {"bibliography": ["refs.json"],
                                             "base": str(DATA)}}
    for _ in range(3):  # MkDocs makes a new Markdown (and extension) for every page
        md = markdown.Markdown(extensions=["citekit.plugins.pymarkdown"],
                               extension_configs=config)
        html = md.convert("See [@knuth1997art] and [@ghost].\n")
        assert "(Knuth, 1997)" in html and "[@ghost]" in html
        assert md.citekit_warnings == ["line 1: unknown citation key 'ghost' (left as written)"]
    assert len(reads) == 1
