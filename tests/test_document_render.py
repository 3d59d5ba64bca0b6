"""citekit render: placement, notes, front matter, unknown keys, HTML markup, the CLI."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from citekit.cli import main
from citekit.document import render_markdown
from citekit.model import Item

DATA = Path(__file__).parent / "data" / "pandoc"


def items() -> list[Item]:
    return [Item.from_json(d) for d in json.loads((DATA / "refs.json").read_text("utf-8"))]


def test_author_date_markdown() -> None:
    out = render_markdown("As @knuth1997art [p. 12] says [see @gates1995road].\n", items())
    assert out.text.startswith("As Knuth (1997, p. 12) says (see Gates et al., 1995).")
    assert out.text.count("{#ref-") == 2 and out.warnings == []


def test_bibliography_placement() -> None:
    its = items()
    at_end = render_markdown("Text [@knuth1997art].\n", its).text
    assert at_end.rstrip().endswith("::::")
    heading = render_markdown("# References\n\nAfter.\n\nText [@knuth1997art].\n", its).text
    assert heading.index("#ref-knuth1997art") < heading.index("After.")
    div = render_markdown("A [@knuth1997art].\n\n::: {#refs}\n:::\n\nAppendix.\n", its).text
    assert div.index("#ref-knuth1997art") < div.index("Appendix.") and "::: {#refs}" not in div


def test_note_style_footnotes_after_punctuation() -> None:
    out = render_markdown("Intro [@knuth1997art]. As @gates1995road said.\n", items(),
                          style="chicago-notes")
    assert out.text.startswith("Intro.[^1] As William H. Gates III et al.[^2] said.")  # = pandoc
    assert "[^1]: Donald E. Knuth, *The Art of Computer Programming*" in out.text
    assert len(out.notes) == 2


def test_unknown_key_warns_with_line_and_is_marked_as_pandoc_marks_it() -> None:
    out = render_markdown("---\ntitle: x\n---\nOne.\nTwo [@nokey; @knuth1997art].\n", items(),
                          file="doc.md")
    assert out.warnings == ["doc.md:5: unknown citation key 'nokey' (marked **nokey?**)"]
    assert "Two (**nokey?**; Knuth, 1997)." in out.text  # = pandoc
    notes = render_markdown("Two [@nokey; @knuth1997art].\n", items(), style="chicago-notes")
    assert notes.notes[0].startswith("**Nokey?**; Donald E. Knuth")  # = pandoc


def test_front_matter_supplies_everything(tmp_path: Path) -> None:
    (tmp_path / "refs.json").write_text((DATA / "refs.json").read_text("utf-8"), "utf-8")
    doc = ("---\nbibliography: refs.json\ncsl: chicago-notes\nlang: en-GB\n"
           "references:\n- id: inline1\n  type: book\n  title: Inline Book\n"
           "nocite: '@strunk2000elements'\n---\n\nSee [@inline1; @knuth1997art, 3].\n")
    out = render_markdown(doc, file=str(tmp_path / "paper.md"))
    assert "Inline Book" in out.notes[0] and "‘" not in out.notes[0]
    assert set(out.bibliography.ids) == {"inline1", "knuth1997art", "strunk2000elements"}


def test_html_follows_pandoc_markup() -> None:
    out = render_markdown("# T\n\nA [@knuth1997art; @gates1995road] `@code`.\n", items(),
                          to="html")
    assert ('<span class="citation" data-cites="knuth1997art gates1995road">'
            in out.text)
    assert '<div id="refs" class="references csl-bib-body' in out.text
    assert '<div id="ref-gates1995road" class="csl-entry"' in out.text
    assert "<code>@code</code>" in out.text
    notes = render_markdown("A [@knuth1997art].\n", items(), style="chicago-notes", to="html")
    assert '<section id="footnotes"' in notes.text and 'href="#fn1"' in notes.text


def test_markdown_converter_is_markdown_it() -> None:
    from citekit.document.html import markdown_to_html

    html = markdown_to_html("# H\n\n*a* **b** `c<`\n\n- x\n- y\n\n```\n<z>\n```\n\n"
                            "| a |\n|---|\n| 1 |\n")
    assert "<h1>H</h1>" in html and "<em>a</em>" in html and "<strong>b</strong>" in html
    assert "<code>c&lt;</code>" in html and "<li>y</li>" in html and "&lt;z&gt;" in html
    assert "<table>" in html  # tables, which the old built-in converter dropped


def test_html_output_carries_no_attribute_or_script_from_the_input() -> None:
    text = ('[link](a"onclick="alert(1)) [js](javascript:alert(1)) <img src=x onerror=alert(1)>'
            " [@knuth1997art]\n")
    out = render_markdown(text, items(), style="apa", to="html").text
    assert '"onclick' not in out and " onclick=" not in out and 'a%22onclick=%22' in out
    assert 'href="javascript:' not in out and "<img" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out


def test_cli_render(tmp_path: Path) -> None:
    paper = tmp_path / "p.md"
    paper.write_text("Hi [@knuth1997art] and [@nobody].\n", "utf-8")
    runner = CliRunner()
    ok = runner.invoke(main, ["render", str(paper), "-b", str(DATA / "refs.json"),
                              "--to", "html", "--style", "mla"])
    assert ok.exit_code == 0, ok.output
    assert '<span class="citation" data-cites="knuth1997art">(Knuth)</span>' in ok.stdout
    assert f"{paper}:1: unknown citation key 'nobody'" in ok.stderr
    missing = runner.invoke(main, ["render", str(tmp_path / "none.md")])
    assert missing.exit_code == 2 and "none.md: no such file" in missing.stderr
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: [x\n---\n", "utf-8")
    broken = runner.invoke(main, ["render", str(bad)])
    assert broken.exit_code == 2 and "bad.md:" in broken.stderr
    assert len(broken.stderr.strip().splitlines()) == 1


def test_in_text_authors_follow_each_cites_position() -> None:
    """In-text authors are rendered once per item and position and shared: a first cite
    still gets the long form and later cites the short one (Chicago notes), and many
    citations of one item give the same text as few."""
    smith = Item("smith", "article-journal", {
        "title": "North Korea in Japan's Strategic Thinking", "container-title": "ASAN Forum",
        "author": [{"family": "Smith", "given": "Sheila A."}], "issued": {"date-parts": [[2013]]}})
    text = "@smith argues. Later @smith [p. 4] adds, and @smith again.\n"
    out = render_markdown(text, [smith], style="chicago-notes").text
    assert out.startswith("Sheila A. Smith[^1] argues. Later Smith[^2] adds, and Smith[^3]")
    many = render_markdown("@smith [p. 1]. " * 300 + "\n", [smith], style="apa").text
    assert many.count("Smith (2013, p. 1).") == 300
