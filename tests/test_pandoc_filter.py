"""citekit-pandoc, the pandoc filter, run by the real pandoc (pypandoc-binary, a test extra).

``pandoc paper.md --filter citekit-pandoc -o paper.html`` (and .docx, .tex) must format the
paper's citations and bibliography as ``citekit render`` does; pandoc's metadata switches
must act as they do with pandoc's own citeproc.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from document_helpers import abbreviations_setup

from citekit.document import render_markdown
from citekit.document.html import read_rendered_html

pypandoc = pytest.importorskip("pypandoc")

DATA = Path(__file__).parent / "data" / "pandoc"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PANDOC = pypandoc.get_pandoc_path()
BIN = str(Path(sys.executable).parent)
ENV = dict(os.environ, PATH=BIN + os.pathsep + os.environ.get("PATH", ""))
STYLES = ["apa", "chicago", "chicago-notes", "mla", str(EXAMPLES / "ieee.csl")]


def pandoc(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run([PANDOC, *args], cwd=cwd, env=ENV, input=stdin, text=True,
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done


@pytest.fixture()
def paper(tmp_path: Path) -> Path:
    for name in ("paper.md", "refs.json"):
        shutil.copy(DATA / name, tmp_path / name)
    return tmp_path


def test_filter_is_installed() -> None:
    assert shutil.which("citekit-pandoc", path=ENV["PATH"])


def _plain(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("style", STYLES)
def test_html_equals_citekit_render(paper: Path, style: str) -> None:
    done = pandoc("paper.md", "--filter", "citekit-pandoc", "-M", f"csl={style}", "-o",
                  "paper.html", "--wrap=none", cwd=paper)
    assert done.stderr == ""
    page = (paper / "paper.html").read_text("utf-8")
    mine = render_markdown((paper / "paper.md").read_text("utf-8"), style=style, to="html",
                           file=str(paper / "paper.md"))
    cites, bib = read_rendered_html(page)
    my_cites, my_bib = read_rendered_html(mine.text)
    assert len(cites) == 30 and len(bib) == 20
    assert cites == my_cites
    assert bib == my_bib and list(bib) == list(my_bib)
    assert page.count('class="citation"') == 30  # pandoc's Cite elements are kept


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("expected-*.json")))
def test_filter_against_pandoc_citeproc(paper: Path, name: str) -> None:
    """Every citation and entry equals pandoc 3.9's own, except the recorded differences
    (tools/pandoc_oracle.py), where citeproc-js disagrees with pandoc: there citekit equals
    citeproc-js."""
    expected = json.loads((DATA / name).read_text("utf-8"))
    shutil.copy(DATA / expected["paper"], paper / expected["paper"])
    style = DATA.parent.parent.parent / "styles" / f"{expected['style']}.csl"
    page = pandoc(expected["paper"], "--filter", "citekit-pandoc", "-M", f"csl={style}",
                  "-t", "html", "--wrap=none", cwd=paper).stdout
    cites, bib = read_rendered_html(page)
    assert len(cites) == len(expected["citations"]) and list(bib) == list(expected["bibliography"])
    listed = {(d["kind"], d["at"]): d["citeproc_js"] for d in expected["differences"]}
    got = [("citation", str(i), c, e) for i, (c, e) in enumerate(zip(cites, expected["citations"]))]
    got += [("bibliography", k, bib[k], v) for k, v in expected["bibliography"].items()]
    for kind, at, mine, theirs in got:
        assert mine == listed.get((kind, at), theirs), (kind, at)


@pytest.mark.parametrize("style", ["apa", "chicago-notes", str(EXAMPLES / "ieee.csl")])
@pytest.mark.parametrize("ext", ["docx", "tex"])
def test_docx_and_latex_hold_citekit_text(paper: Path, style: str, ext: str) -> None:
    pandoc("paper.md", "--filter", "citekit-pandoc", "-M", f"csl={style}", "-o",
           f"paper.{ext}", cwd=paper)
    if ext == "tex":  # pandoc's LaTeX reader skips its own CSLReferences macros: unwrap them
        tex = (paper / "paper.tex").read_text("utf-8")
        assert "\\begin{CSLReferences}" in tex and "\\bibitem[\\citeproctext]{ref-" in tex
        tex = re.sub(r"\\(?:begin|end)\{CSLReferences\}(?:\{\d\}\{\d\})?|"
                     r"\\bibitem\[\\citeproctext\]\{[^}]*\}|\\CSL(?:LeftMargin|RightInline)",
                     "", tex)
        (paper / "paper.tex").write_text(tex, "utf-8")
    back = _plain(pandoc(f"paper.{ext}", "-t", "plain", "--wrap=none", cwd=paper).stdout)
    back = back.replace("\u2019", "'")  # LaTeX's reader reads ' for ’
    mine = render_markdown((paper / "paper.md").read_text("utf-8"), style=style, to="html",
                           file=str(paper / "paper.md"))
    cites, bib = read_rendered_html(mine.text)
    texts = list(bib.values())
    if mine.notes:
        texts += [_plain(re.sub(r"<[^>]+>", "", n)) for n in mine.notes]
    else:
        texts += cites
    # spaces aside: a docx or LaTeX margin column is a tab or a box, HTML's two divs nothing
    texts = [re.sub(r"\s", "", t.replace("\u2019", "'")) for t in texts]
    back = re.sub(r"\s", "", back)
    missing = [t for t in texts if t not in back]
    assert not missing, missing[:3]


def _ast(markdown: str, tmp: Path, *meta: str) -> tuple[dict, str]:
    (tmp / "refs.json").write_text((DATA / "refs.json").read_text("utf-8"), "utf-8")
    done = subprocess.run([PANDOC, "-f", "markdown", "-t", "json", "--filter",
                           "citekit-pandoc", *meta], cwd=tmp, env=ENV, input=markdown,
                          text=True, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), done.stderr


def _html(markdown: str, tmp: Path, *args: str) -> str:
    (tmp / "refs.json").write_text((DATA / "refs.json").read_text("utf-8"), "utf-8")
    done = pandoc("-f", "markdown", "-t", "html", "--wrap=none", *args, cwd=tmp,
                  stdin=markdown)
    assert "WARNING" not in done.stderr, done.stderr
    return done.stdout


DOC = ("---\nbibliography: refs.json\ncsl: apa\n{meta}---\n\n"
       "Text [@knuth1997art, p. 3] and @gates1995road said.\n\n{refs}")
CASES = {
    "link-citations": ("link-citations: true\n", ""),
    "section-title": ("reference-section-title: Works Cited\n", ""),
    "section-title-with-div": ("reference-section-title: Works Cited\n", "::: {#refs}\n:::\n"),
    "suppress": ("suppress-bibliography: true\n", ""),
    "nocite-all": ("nocite: '@*'\n", ""),
    "nocite-one": ("nocite: '@strunk2000elements'\n", ""),
    "no-link-bibliography": ("link-bibliography: false\nnocite: '@bianchi2020two'\n", ""),
}


def _structure(page: str) -> list[str]:
    """What the switches change: links, headings, the refs div and its entries."""
    tags = re.findall(r'<a href="[^"]*"|<h1[^>]*>[^<]*|<div id="ref[^"]*"', page)
    return tags + [str(read_rendered_html(page))]


@pytest.mark.parametrize("case", CASES)
def test_metadata_switches_act_as_with_pandoc_citeproc(tmp_path: Path, case: str) -> None:
    meta, refs = CASES[case]
    doc = DOC.format(meta=meta, refs=refs)
    ours = _html(doc, tmp_path, "--filter", "citekit-pandoc")
    theirs = _html(doc, tmp_path, "--citeproc", "--csl", str(DATA.parent.parent.parent
                                                              / "styles" / "apa.csl"))
    assert _structure(ours) == _structure(theirs)
    assert ours.count('role="doc-biblioref"') == theirs.count('role="doc-biblioref"')


def test_notes_and_punctuation_as_pandoc(tmp_path: Path) -> None:
    doc = ("Intro [@knuth1997art]. As @gates1995road said.[^1] End [@strunk2000elements]\n\n"
           "[^1]: A note on [@bianchi2020two].\n")
    style = ["-M", f"csl={DATA.parent.parent.parent / 'styles' / 'chicago-notes-bibliography.csl'}",
             "--bibliography", "refs.json", "--wrap=none"]
    for after in ("true", "false"):
        # pandoc's Markdown writer drops the #refs div while its citations extension is on
        # (its own --citeproc turns it off): with a filter, say -t markdown-citations
        ours = _html(doc, tmp_path, *style, "-M", f"notes-after-punctuation={after}",
                     "-t", "markdown-citations", "--filter", "citekit-pandoc")
        theirs = _html(doc, tmp_path, *style, "-M", f"notes-after-punctuation={after}",
                       "-t", "markdown", "--citeproc")
        assert ours == theirs
        lead = ("Intro.[^1] As William H. Gates III et al.[^2] said.[^3] End[^4]"
                if after == "true" else
                "Intro[^1]. As William H. Gates III et al.[^2] said.[^3] End[^4]")
        assert ours.startswith(lead + "\n")
    assert "[^3]: A note on (Marco Bianchi and Giulia Rossi," in ours


def test_unknown_key_is_marked_and_reported(tmp_path: Path) -> None:
    ast, stderr = _ast("See [@nokey; @knuth1997art].\n", tmp_path, "-M", "csl=apa",
                       "--bibliography", "refs.json")
    cite = ast["blocks"][0]["c"][2]
    assert cite["t"] == "Cite"
    assert cite["c"][1][:3] == [{"t": "Str", "c": "("},
                                {"t": "Strong", "c": [{"t": "Str", "c": "nokey?"}]},
                                {"t": "Str", "c": ";"}]
    assert "unknown citation key 'nokey'" in stderr


def test_formatting_becomes_pandoc_inlines(tmp_path: Path) -> None:
    ast, _ = _ast("[@knuth1997art]\n\n::: {#refs}\n:::\n", tmp_path, "-M", "csl=apa",
                  "--bibliography", "refs.json")
    refs = ast["blocks"][1]
    assert refs["c"][0][:2] == ["refs", ["references", "csl-bib-body", "hanging-indent"]]
    entry = refs["c"][1][0]
    assert entry["c"][0] == ["ref-knuth1997art", ["csl-entry"], []]
    kinds = {i["t"] for i in entry["c"][1][0]["c"]}
    assert {"Str", "Space", "Emph"} <= kinds


def test_second_field_align_spans_and_links(tmp_path: Path) -> None:
    ast, _ = _ast("[@okafor2019tidal]\n", tmp_path, "-M", f"csl={EXAMPLES / 'ieee.csl'}",
                  "--bibliography", "refs.json", "-M", "link-citations=true")
    cite = ast["blocks"][0]["c"][0]["c"][1]
    assert cite[0]["t"] == "Link" and cite[0]["c"][2][0] == "#ref-okafor2019tidal"
    entry = ast["blocks"][-1]["c"][1][0]["c"][1][0]["c"]
    assert [s["c"][0][1] for s in entry if s["t"] == "Span"] == [["csl-left-margin"],
                                                                  ["csl-right-inline"]]
    links = [i for i in json.dumps(entry).split('"Link"')[1:]]
    assert links and "https://doi.org/10.1016/j.jhydrol.2019.01.045" in links[0]


def test_citation_abbreviations(tmp_path: Path) -> None:
    style = abbreviations_setup(tmp_path)
    ast, _ = _ast("[@okafor2019tidal]\n", tmp_path, "-M", f"csl={style}", "--bibliography",
                  "refs.json", "-M", "citation-abbreviations=abbr.json")
    assert ast["blocks"][0]["c"][0]["c"][1] == [{"t": "Str", "c": "J."}, {"t": "Space"},
                                                {"t": "Str", "c": "Hydrol."}]


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    exe = shutil.which("citekit-pandoc", path=ENV["PATH"])
    assert exe
    done = subprocess.run([exe, "html"], input="{not json", text=True, capture_output=True)
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert done.stderr.startswith("citekit-pandoc: error: ")
    missing = json.dumps({"pandoc-api-version": [1, 23, 1], "blocks": [],
                          "meta": {"bibliography": {"t": "MetaString", "c": "nope.json"}}})
    done = subprocess.run([exe, "html"], input=missing, text=True, capture_output=True,
                          cwd=tmp_path)
    assert done.returncode == 2 and "nope.json" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("style", ["chicago-notes", "apa"])
def test_render_markdown_of_a_paper_with_footnotes_equals_the_filter(paper: Path,
                                                                     style: str) -> None:
    """Citations inside the paper's own footnotes: ``citekit render`` (Markdown, read by
    pandoc) gives the text the filter gives."""
    shutil.copy(DATA / "notes.md", paper / "notes.md")
    rendered = render_markdown((paper / "notes.md").read_text("utf-8"), style=style,
                               file=str(paper / "notes.md"))
    assert rendered.warnings == []
    (paper / "rendered.md").write_text(rendered.text, "utf-8")
    ours = pandoc("rendered.md", "-t", "plain", "--wrap=none", cwd=paper).stdout
    filtered = pandoc("notes.md", "--filter", "citekit-pandoc", "-M", f"csl={style}", "-t",
                      "plain", "--wrap=none", cwd=paper).stdout
    # pandoc's Markdown reader makes the space after "ed." non-breaking
    ours = ours.replace("\xa0", " ")
    assert ours == filtered.replace("\xa0", " ")
    inside = {"chicago-notes": "compare William Strunk Jr. and E. B. White, The Elements of "
                               "Style, 4th ed. (Longman, 2000), 9.",
              "apa": "and compare Strunk & White (2000, p. 9)."}
    assert inside[style] in ours  # the citation in the footnote, written as pandoc writes it


def test_section_title_keeps_its_formatting(tmp_path: Path) -> None:
    ast, _ = _ast("---\nreference-section-title: '*Works* Cited'\n---\n\n[@knuth1997art]\n",
                  tmp_path, "-M", "csl=apa", "--bibliography", "refs.json")
    header = ast["blocks"][-2]
    assert header["t"] == "Header" and header["c"][1] == ["bibliography", ["unnumbered"], []]
    assert header["c"][2][0] == {"t": "Emph", "c": [{"t": "Str", "c": "Works"}]}


def test_rtf_document_reads_back(tmp_path: Path) -> None:
    """``format --to rtf --standalone`` is a whole RTF file: pandoc's RTF reader gets every
    entry's text back."""
    from click.testing import CliRunner

    from citekit.cli import main

    runner = CliRunner()
    args = ["format", str(DATA / "refs.json"), "--style", str(EXAMPLES / "ieee.csl")]
    (tmp_path / "refs.rtf").write_text(
        runner.invoke(main, [*args, "--to", "rtf", "--standalone", "--links"]).stdout, "utf-8")
    back = pandoc("refs.rtf", "-f", "rtf", "-t", "plain", "--wrap=none", cwd=tmp_path).stdout
    entries = runner.invoke(main, [*args, "--to", "text"]).stdout.splitlines()
    assert len(entries) == 20
    assert [line for line in back.splitlines() if line.strip()] == entries


def test_lang_sets_the_locale(tmp_path: Path) -> None:
    ast, _ = _ast("---\nlang: de-DE\n---\n\n[@japan-post-cold-war-nk-policy]\n", tmp_path,
                  "-M", "csl=apa", "--bibliography", "refs.json")
    from citekit.csl.output.pandoc import stringify

    text = stringify(ast["blocks"][0]["c"][0]["c"][1])
    assert text.endswith(", o.\xa0J.)")  # German "ohne Jahr" for n.d.


def test_formatted_prefixes_and_suffixes_as_pandoc(tmp_path: Path) -> None:
    doc = ("Text [*see* @knuth1997art, p. 3, *passim*] and [@gates1995road, **bold** remark]"
           " and @strunk2000elements [*cf.* p. 4].\n")
    args = ["--bibliography", "refs.json"]
    ours = _html(doc, tmp_path, *args, "--filter", "citekit-pandoc", "-M", "csl=apa")
    theirs = _html(doc, tmp_path, *args, "--citeproc", "--csl",
                   str(DATA.parent.parent.parent / "styles" / "apa.csl"))
    assert ours.split("\n")[0] == theirs.split("\n")[0]
    assert "(<em>see</em> Knuth, 1997, p. 3, <em>passim</em>)" in ours


def test_filter_input_nested_too_deeply_is_one_error() -> None:
    """A hostile AST on the filter's standard input is a ParseError, never a traceback."""
    from citekit.document.pandoc_filter import run
    from citekit.errors import ParseError

    with pytest.raises(ParseError, match="nested too deeply"):
        run(lambda: "[" * 100_000 + "]" * 100_000, ["html"])
