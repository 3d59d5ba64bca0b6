"""`citekit render` with pandoc's metadata and options, whole pages, and `format`'s links,
HTML pages and RTF documents."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner
from document_helpers import abbreviations_setup

from citekit.cli import main
from citekit.document import render_markdown
from citekit.model import Item

DATA = Path(__file__).parent / "data" / "pandoc"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def items() -> list[Item]:
    import json

    return [Item.from_json(d) for d in json.loads((DATA / "refs.json").read_text("utf-8"))]


def test_markdown_keeps_front_matter() -> None:
    doc = "---\ntitle: Paper\nauthor: Me\n---\n\nSee [@knuth1997art].\n"
    out = render_markdown(doc, items()).text
    assert out.startswith("---\ntitle: Paper\nauthor: Me\n---\n")
    assert "See (Knuth, 1997)." in out


def test_reference_section_title_and_links() -> None:
    doc = ("---\nlink-citations: true\nreference-section-title: Works Cited\n---\n\n"
           "See [@okafor2019tidal, p. 3] and @knuth1997art.\n")
    html = render_markdown(doc, items(), to="html").text
    assert '<h1 class="unnumbered" id="bibliography">Works Cited</h1>' in html
    assert ('(<a href="#ref-okafor2019tidal" role="doc-biblioref">Okafor, 2019, p. 3</a>)'
            in html)  # the cite linked, its parentheses outside (as pandoc)
    assert 'Knuth (<a href="#ref-knuth1997art" role="doc-biblioref">1997</a>)' in html
    assert ('<a href="https://doi.org/10.1016/j.jhydrol.2019.01.045">'
            "https://doi.org/10.1016/j.jhydrol.2019.01.045</a>") in html
    md = render_markdown(doc, items()).text
    assert "# Works Cited {#bibliography .unnumbered}" in md
    assert "[Okafor, 2019, p. 3](#ref-okafor2019tidal)" in md


def test_switches_off() -> None:
    doc = ("---\nlink-bibliography: false\nsuppress-bibliography: true\n---\n\n"
           "See [@okafor2019tidal].\n")
    out = render_markdown(doc, items(), to="html")
    assert "<a " not in out.text and 'id="refs"' not in out.text
    assert out.bibliography.entries == []
    kept = render_markdown("See [@okafor2019tidal].\n", items(), to="html",
                           metadata={"link-bibliography": False})
    assert 'id="refs"' in kept.text and "<a " not in kept.text


def test_notes_after_punctuation_false() -> None:
    doc = "---\nnotes-after-punctuation: false\n---\n\nIntro [@knuth1997art].\n"
    out = render_markdown(doc, items(), style="chicago-notes").text
    assert out.startswith("---\nnotes-after-punctuation: false\n---\n\nIntro[^1].")


def test_nocite_all() -> None:
    out = render_markdown("---\nnocite: '@*'\n---\n\nNothing cited.\n", items())
    assert len(out.bibliography.ids) == 20


def test_citation_abbreviations(tmp_path: Path) -> None:
    style = abbreviations_setup(tmp_path)
    doc = "---\ncitation-abbreviations: abbr.json\n---\n\n[@okafor2019tidal]\n"
    out = render_markdown(doc, items(), style=str(style), file=str(tmp_path / "p.md"))
    assert out.citations == ["J. Hydrol."]


def test_standalone_page_of_the_example() -> None:
    """The example paper: linked citations, a Works Cited heading, linked DOIs, the two
    columns of a numeric style (examples/works-cited.png is its screenshot)."""
    paper = EXAMPLES / "works-cited.md"
    page = render_markdown(paper.read_text("utf-8"), to="html", file=str(paper),
                           standalone=True).text
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8" />' in page
    assert "<title>Hedging and autonomy in Japan&#x27;s North Korea policy</title>" in page
    assert '<p class="author">A. Researcher</p>' in page
    assert '<a href="#ref-smith2013north" role="doc-biblioref">[2, p. 33]</a>' in page
    assert '<h1 class="unnumbered" id="bibliography">Works Cited</h1>' in page
    assert ('doi: <a href="https://doi.org/10.1016/j.jhydrol.2019.01.045">'
            "10.1016/j.jhydrol.2019.01.045</a>") in page
    assert page.count('<div class="csl-left-margin">') == 16
    css = re.search(r"<style>(.*?)</style>", page, re.S)
    assert css and re.search(r"div\.csl-left-margin \{ float: left;", css.group(1))
    assert re.search(r"div\.csl-right-inline \{ margin-left: [\d.]+em;", css.group(1))
    assert (EXAMPLES / "works-cited.html").read_text("utf-8") == page  # kept up to date


def test_cli_render_options(tmp_path: Path) -> None:
    paper = tmp_path / "p.md"
    paper.write_text("---\ntitle: T & U\n---\n\nHi [@knuth1997art] and [@nobody].\n", "utf-8")
    shutil.copy(DATA / "refs.json", tmp_path / "refs.json")
    runner = CliRunner()
    done = runner.invoke(main, ["render", str(paper), "-b", str(tmp_path / "refs.json"),
                                "--csl", "mla", "--to", "html", "--standalone", "-M",
                                "link-citations=true", "-M",
                                "reference-section-title=Works Cited"])
    assert done.exit_code == 0, done.output
    assert "<title>T &amp; U</title>" in done.stdout
    assert '<h1 class="title">T &amp; U</h1>' in done.stdout
    assert '(<a href="#ref-knuth1997art" role="doc-biblioref">Knuth</a>)' in done.stdout
    assert "(<b>nobody?</b>)" in done.stdout
    assert "unknown citation key 'nobody' (marked **nobody?**)" in done.stderr
    md = runner.invoke(main, ["render", str(paper), "-b", str(tmp_path / "refs.json")])
    assert md.stdout.startswith("---\ntitle: T & U\n---\n") and "(**nobody?**)" in md.stdout
    bad = runner.invoke(main, ["render", str(paper), "-M", "=x"])
    assert bad.exit_code == 2 and bad.stderr.count("\n") == 1


def test_cli_format_links_page_and_rtf(tmp_path: Path) -> None:
    runner = CliRunner()
    refs = str(DATA / "refs.json")
    plain = runner.invoke(main, ["format", refs, "--to", "html"]).stdout
    assert "<a href" not in plain  # citeproc-js's default: no links
    linked = runner.invoke(main, ["format", refs, "--to", "html", "--links"]).stdout
    assert ('<a href="https://doi.org/10.1016/j.jhydrol.2019.01.045">'
            "https://doi.org/10.1016/j.jhydrol.2019.01.045</a>") in linked
    page = runner.invoke(main, ["format", refs, "--to", "html", "--standalone", "--style",
                                str(EXAMPLES / "ieee.csl")]).stdout
    assert page.startswith("<!DOCTYPE html>") and "div.csl-left-margin" in page
    rtf = runner.invoke(main, ["format", refs, "--to", "rtf", "--standalone", "--style",
                               str(EXAMPLES / "ieee.csl")]).stdout
    assert rtf.startswith("{\\rtf1\\ansi") and rtf.rstrip().endswith("}")
    assert rtf.count("{\\pard") == 20 and "[1]\\tab " in rtf
    assert rtf.count("{") == rtf.count("}") + rtf.count("\\{") - rtf.count("\\}")


def test_links_only_to_web_addresses_and_escaped(tmp_path: Path) -> None:
    refs = tmp_path / "x.json"
    refs.write_text('[{"id": "x", "type": "webpage", "title": "T", '
                    '"URL": "javascript:alert(1)"}, {"id": "y", "type": "webpage", '
                    '"title": "U", "DOI": "10.1/\\"><script>"}]', "utf-8")
    out = CliRunner().invoke(main, ["format", str(refs), "--to", "html", "--links"]).stdout
    assert "javascript:" in out and 'href="javascript' not in out
    assert '<a href="https://doi.org/10.1/&quot;&gt;&lt;script&gt;">' in out
    assert "<script>" not in out


def test_rtf_links_and_standalone_needs_a_document_format() -> None:
    runner = CliRunner()
    refs = str(DATA / "refs.json")
    rtf = runner.invoke(main, ["format", refs, "--to", "rtf", "--links"]).stdout
    assert ('{\\field{\\*\\fldinst{HYPERLINK "https://doi.org/10.1016/j.jhydrol.2019.01.045"}}'
            '{\\fldrslt{https://doi.org/10.1016/j.jhydrol.2019.01.045}}}') in rtf
    bad = runner.invoke(main, ["format", refs, "--to", "text", "--standalone"])
    assert bad.exit_code == 2 and "--standalone" in bad.stderr and bad.stdout == ""


def test_markdown_in_prefix_and_suffix_is_formatted() -> None:
    doc = ("Text [*see* @knuth1997art, p. 3, *passim*] and [@gates1995road, **bold** remark]"
           " and @strunk2000elements [*cf.* p. 4].\n")
    html = render_markdown(doc, items(), to="html").text
    assert "(<i>see</i> Knuth, 1997, p. 3, <i>passim</i>)" in html  # = pandoc (<em> there)
    assert "(Gates et al., 1995, <b>bold</b> remark)" in html
    assert "Strunk &#38; White (2000, <i>cf.</i> p. 4)" in html
    md = render_markdown(doc, items()).text
    assert md.startswith("Text (*see* Knuth, 1997, p. 3, *passim*) and (Gates et al., 1995, "
                         "**bold** remark)")


def test_html_notes_keep_their_numbers_beside_the_documents_own() -> None:
    doc = "A claim.[^own] Cited [@knuth1997art].\n\n[^own]: Mine.\n"
    html = render_markdown(doc, items(), to="html", style="chicago-notes").text
    assert '<sup>2</sup>' in html and '<li id="fn2" value="2">' in html


_LINK_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
<citation><layout><text variable="title"/></layout></citation>
<bibliography><layout suffix="."><group delimiter=". ">
<names variable="author"><name/></names>{title}
<date variable="issued"><date-part name="year"/></date>{doi}</group></layout></bibliography>
</style>"""


def test_link_bibliography_links_the_title_or_the_entry_as_pandoc(tmp_path: Path) -> None:
    from citekit.api import format_bibliography

    items = [Item.from_json({"id": k, "type": "book", "title": f"Title {k}",
                             "author": [{"family": k.upper()}], "issued": {"date-parts": [[2020]]},
                             **extra}) for k, extra in
             (("a", {"DOI": "10.1/x", "URL": "https://example.org/a"}),
              ("b", {"PMID": "123"}), ("c", {"URL": "javascript:alert(1)"}), ("d", {}))]

    def entries(title: str, doi: str = "") -> list[str]:
        path = tmp_path / "s.csl"
        path.write_text(_LINK_STYLE.format(title=title, doi=doi), encoding="utf-8")
        return format_bibliography(items, str(path), output="html", links=True).entries

    assert entries('<text variable="title" prefix="“" suffix="”"/>') == [
        'A. “<a href="https://doi.org/10.1/x">Title a</a>”. 2020.',
        'B. “<a href="https://www.ncbi.nlm.nih.gov/pubmed/123">Title b</a>”. 2020.',
        "C. “Title c”. 2020.", "D. “Title d”. 2020."]
    assert entries("")[:2] == ['<a href="https://doi.org/10.1/x">A. 2020</a>.',
                              '<a href="https://www.ncbi.nlm.nih.gov/pubmed/123">B. 2020</a>.']
    # an identifier the entry shows is the link; nothing else is linked then
    assert entries('<text variable="title"/>', '<text variable="DOI"/>')[0] == \
        'A. Title a. 2020. <a href="https://doi.org/10.1/x">10.1/x</a>.'
