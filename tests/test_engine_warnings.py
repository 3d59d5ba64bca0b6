"""The engine's warnings are data: an entry or a citation that renders nothing is named, not
dropped in silence (the bibliography, the document layer and the CLI pass them on)."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from citekit.api import format_bibliography
from citekit.cli import main
from citekit.csl.style import style_from_string
from citekit.document import render_markdown
from citekit.model import Item

STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Titles only</title><id>titles</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><text variable="title"/></layout></bibliography>
</style>
"""


def items() -> list[Item]:
    return [Item.from_json({"id": "a", "type": "book", "title": "A Title"}),
            Item.from_json({"id": "b", "type": "book", "author": [{"family": "Untitled"}]})]


def test_bibliography_names_the_entries_left_out() -> None:
    bib = format_bibliography(items(), style_from_string(STYLE))
    assert bib.entries == ["A Title"] and bib.ids == ["a"]
    assert len(bib.warnings) == 1 and "'b'" in bib.warnings[0]


def test_document_warns_of_a_citation_that_renders_nothing() -> None:
    out = render_markdown("See [@a] and [@b].\n", items(), style=style_from_string(STYLE))
    assert out.text.startswith("See A Title and .")
    assert [w.split(": ", 1)[0] for w in out.warnings] == ["line 1", "item 'b'"]
    assert "citation of b renders nothing" in out.warnings[0]


def test_cli_prints_the_warning_and_the_good_entries(tmp_path: Path) -> None:
    style = tmp_path / "titles.csl"
    style.write_text(STYLE, encoding="utf-8")
    refs = tmp_path / "refs.yaml"
    refs.write_text("- id: a\n  type: book\n  title: A Title\n"
                    "- id: b\n  type: book\n  author: Untitled, Some\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["format", "--style", str(style), str(refs)])
    assert result.exit_code == 0
    assert result.stdout == "A Title\n"
    assert "citekit: warning: item 'b'" in result.stderr
