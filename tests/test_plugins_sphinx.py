"""The Sphinx extension, through real ``sphinx-build`` runs started from another folder."""
from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("sphinx")

from citekit.sphinx.extension import parse_cites

SITES = Path(__file__).parent.parent / "examples" / "sites"
ENTRIES = [  # pandoc --citeproc --csl apa.csl gives these for refs.bib (English titles of a
    # .bib in sentence case, braced words kept; no genre for @techreport)
    "Doe, J., & Roe, R. (2020). Citations & Their discontents. Example Press.",
    "Knuth, D. E. (1984). The TeXbook. Addison-Wesley.",
    "Lamport, L. (1998). The Part-Time Parliament. ACM Transactions on Computer Systems, "
    "16(2), 133–169. https://doi.org/10.1145/279227.279229",
    "Smith, S. A. (2013a). Japan’s nuclear choices. Council on Foreign Relations.",
    "Smith, S. A. (2013b). North korea in japan’s strategic thinking. Council on Foreign "
    "Relations.",
]


def _sphinx_build() -> list[str]:
    script = Path(sys.executable).with_name("sphinx-build")
    return [str(script)] if script.exists() else [sys.executable, "-m", "sphinx"]


def build(tmp_path: Path, *args: str, builder: str = "html",
          project: Path | None = None) -> tuple[subprocess.CompletedProcess[str], Path]:
    """Build the example project (copied, so a test may change it) from another folder."""
    if project is None:
        shutil.copytree(SITES, tmp_path / "sites", dirs_exist_ok=True)
        project = tmp_path / "sites" / "sphinx"
    out = tmp_path / "out" / builder
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([*_sphinx_build(), "-W", "-q", "-b", builder, *args, str(project),
                           str(out)], cwd=elsewhere, capture_output=True, text=True,
                          timeout=300)
    return proc, out


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def citations(page: str) -> list[str]:
    return [_text(m) for m in re.findall(r'<span class="citekit-citation">(.*?)</span>'
                                         r'(?=[ ,.;]|\n|$)', page)]


def entries(page: str) -> list[str]:
    return [_text(m) for m in re.findall(r'<p class="csl-entry">(.*?)</p>', page, re.S)]


def test_parse_cites() -> None:
    assert parse_cites("knuth1984") == [("knuth1984", "", "")]
    assert parse_cites("{see}knuth1984{p. 12}, doe2020") == [
        ("knuth1984", "see", "p. 12"), ("doe2020", "", "")]
    assert parse_cites("a:b; c") == [("a:b", "", ""), ("c", "", "")]
    assert parse_cites("{unclosed knuth1984") is None
    assert parse_cites("") is None


def test_html_build_formats_citations_and_bibliography(tmp_path: Path) -> None:
    proc, out = build(tmp_path)
    assert proc.returncode == 0, proc.stderr
    index = (out / "index.html").read_text("utf-8")
    assert citations(index) == ["(see Knuth, 1984, p. 12)", "Lamport (1998)",
                                "(Smith, 2013a, 2013b)"]
    chapter = (out / "chapter.html").read_text("utf-8")
    assert citations(chapter) == ["(Doe & Roe, 2020)", "Knuth (1984)"]
    assert 'href="references.html#citekit-doe2020"' in chapter
    refs = (out / "references.html").read_text("utf-8")
    assert entries(refs) == ENTRIES
    assert 'id="citekit-knuth1984"' in refs
    assert '<em>The TeXbook</em>' in refs
    assert 'href="https://doi.org/10.1145/279227.279229"' in refs
    assert (out / "_static" / "citekit.css").is_file()


def test_latex_build(tmp_path: Path) -> None:
    proc, out = build(tmp_path, builder="latex")
    assert proc.returncode == 0, proc.stderr
    tex = next(out.glob("*.tex")).read_text("utf-8")
    assert ("\\hyperref[\\detokenize{references:citekit-knuth1984}]"
            "{\\sphinxcrossref{(see Knuth, 1984, p. 12)}}") in tex
    assert "\\label{\\detokenize{references:citekit-knuth1984}}Knuth, D. E. (1984). " \
           "\\sphinxstyleemphasis{The TeXbook}. Addison\\sphinxhyphen{}Wesley." in tex
    assert "(Doe \\& Roe, 2020)" in tex


def test_parallel_build_gives_the_same_pages(tmp_path: Path) -> None:
    serial, out1 = build(tmp_path / "one")
    parallel, out2 = build(tmp_path / "two", "-j", "2")
    assert serial.returncode == 0 and parallel.returncode == 0, parallel.stderr
    for page in ("index.html", "chapter.html", "references.html"):
        one = (out1 / page).read_text("utf-8")
        two = (out2 / page).read_text("utf-8")
        assert citations(one) == citations(two) and entries(one) == entries(two)


def test_unknown_key_fails_the_build_under_W(tmp_path: Path) -> None:
    shutil.copytree(SITES, tmp_path / "sites")
    chapter = tmp_path / "sites" / "sphinx" / "chapter.rst"
    chapter.write_text(chapter.read_text("utf-8") + "\nAnd :cite:p:`ghost`.\n", "utf-8")
    proc, out = build(tmp_path, project=tmp_path / "sites" / "sphinx")
    assert proc.returncode != 0
    assert re.search(r"chapter\.rst:\d+: WARNING: unknown citation key 'ghost'", proc.stderr)
    # without -W the page is written, the unknown citation left as written
    proc = subprocess.run([*_sphinx_build(), "-q", "-b", "html", str(chapter.parent),
                           str(tmp_path / "lenient")], capture_output=True, text=True,
                          timeout=300, cwd=tmp_path)
    assert proc.returncode == 0 and "ghost" in proc.stderr
    page = (tmp_path / "lenient" / "chapter.html").read_text("utf-8")
    assert "ghost" in page and citations(page)[:2] == ["(Doe & Roe, 2020)", "Knuth (1984)"]


def test_changed_bibliography_is_read_again(tmp_path: Path) -> None:
    shutil.copytree(SITES, tmp_path / "sites")
    project = tmp_path / "sites" / "sphinx"
    chapter = project / "chapter.rst"
    chapter.write_text(chapter.read_text("utf-8") + "\nAnd :cite:p:`ghost`.\n", "utf-8")
    first = subprocess.run([*_sphinx_build(), "-q", "-b", "html", str(project),
                            str(tmp_path / "out")], capture_output=True, text=True,
                           timeout=300)
    assert "unknown citation key 'ghost'" in first.stderr
    bib = tmp_path / "sites" / "refs.bib"
    bib.write_text(bib.read_text("utf-8") + "\n@book{ghost, author = {Gus Host}, "
                   "title = {Haunts}, publisher = {Spectral}, year = {1999}}\n", "utf-8")
    second = subprocess.run([*_sphinx_build(), "-W", "-q", "-b", "html", str(project),
                             str(tmp_path / "out")], capture_output=True, text=True,
                            timeout=300)
    assert second.returncode == 0, second.stderr
    page = (tmp_path / "out" / "chapter.html").read_text("utf-8")
    assert citations(page)[-1] == "(Host, 1999)"
    refs = (tmp_path / "out" / "references.html").read_text("utf-8")
    assert "Host, G. (1999). Haunts. Spectral." in entries(refs)


def test_note_style_gives_footnotes(tmp_path: Path) -> None:
    proc, out = build(tmp_path, "-D", "citekit_style=chicago-notes")
    assert proc.returncode == 0, proc.stderr
    index = (out / "index.html").read_text("utf-8")
    notes = [_text(m) for m in re.findall(r'role="doc-footnote">.*?<p>(.*?)</p>', index,
                                          re.S)]
    assert notes[0] == "See Donald E. Knuth, The TeXbook (Addison-Wesley, 1984), 12."
    assert len(notes) == 3 and 'class="footnote-reference' in index
    tex_proc, tex_out = build(tmp_path / "tex", "-D", "citekit_style=chicago-notes",
                              builder="latex")
    assert tex_proc.returncode == 0, tex_proc.stderr
    tex = next(tex_out.glob("*.tex")).read_text("utf-8")
    assert "manual \\DUrole{citekit-citation}{%\n\\begin{footnote}[1]" in tex


def test_missing_bibliography_file_is_one_clear_error(tmp_path: Path) -> None:
    proc, _ = build(tmp_path, "-D", "citekit_bibliography=nowhere.bib")
    assert proc.returncode != 0
    # Sphinx's own report of a configuration error, ending in citekit's one line
    assert "Configuration error!" in proc.stderr
    assert re.search(r"ConfigError: citekit_bibliography: \S*nowhere\.bib: no such file",
                     proc.stderr)


def test_unknown_locale_is_a_warning(tmp_path: Path) -> None:
    proc, _ = build(tmp_path, "-D", "citekit_locale=xx-YY")
    assert proc.returncode != 0  # -W
    assert "citekit_locale: unknown locale 'xx-YY': en-US terms and dates are used" \
        in proc.stderr


def test_all_option_and_a_style_file_relative_to_conf(tmp_path: Path) -> None:
    shutil.copytree(SITES, tmp_path / "sites")
    project = tmp_path / "sites" / "sphinx"
    bib = tmp_path / "sites" / "refs.bib"
    bib.write_text(bib.read_text("utf-8") + "\n@book{uncited, author = {Una Cited}, "
                   "title = {Never Cited}, publisher = {Quiet}, year = {2001}}\n", "utf-8")
    shutil.copy(Path(__file__).parent.parent / "styles" / "modern-language-association.csl",
                project / "house.csl")
    proc, out = build(tmp_path, "-D", "citekit_style=house.csl", project=project)
    assert proc.returncode == 0, proc.stderr
    listed = entries((out / "references.html").read_text("utf-8"))
    assert len(listed) == 5 and not any("Never Cited" in e for e in listed)
    assert listed[1] == "Knuth, Donald E. The TeXbook. Addison-Wesley, 1984."  # MLA
    (project / "references.rst").write_text("References\n==========\n\n.. bibliography::\n"
                                            "   :all:\n", "utf-8")
    proc, out = build(tmp_path / "all", "-D", "citekit_style=house.csl", project=project)
    assert proc.returncode == 0, proc.stderr
    listed = entries((out / "references.html").read_text("utf-8"))
    assert len(listed) == 6 and "Cited, Una. Never Cited. Quiet, 2001." in listed
