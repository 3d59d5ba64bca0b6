"""The MkDocs plugin, through real ``mkdocs build`` runs started from another folder."""
from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mkdocs")

SITES = Path(__file__).parent.parent / "examples" / "sites"


def _mkdocs() -> list[str]:
    script = Path(sys.executable).with_name("mkdocs")
    return [str(script)] if script.exists() else [sys.executable, "-m", "mkdocs"]


def copy_site(tmp_path: Path) -> Path:
    shutil.copytree(SITES, tmp_path / "sites")
    return tmp_path / "sites" / "mkdocs"


def build(tmp_path: Path, site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    return subprocess.run([*_mkdocs(), "build", "--strict", "-f", str(site / "mkdocs.yml"),
                           "-d", str(tmp_path / "out"), *args], cwd=elsewhere,
                          capture_output=True, text=True, timeout=300)


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def citations(page: str) -> list[str]:
    return [_text(m) for m in re.findall(r'<span class="citation" data-cites="[^"]*">(.*?)'
                                         r"</span>", page)]


def entries(page: str) -> list[str]:
    return [_text(m) for m in re.findall(r'<div id="ref-[^"]+" class="csl-entry" '
                                         r'role="listitem">(.*?)</div>', page, re.S)]


def test_site_builds_from_another_folder(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    proc = build(tmp_path, site)
    assert proc.returncode == 0, proc.stderr
    assert "citekit: 5 items from ../refs.bib" in proc.stderr
    index = (tmp_path / "out" / "index.html").read_text("utf-8")
    assert citations(index) == ["(Knuth, 1984, p. 12)", "Lamport (1998)",
                                "(Smith, 2013a, 2013b)", "(Knuth, 1984)"]
    assert "<code>[@knuth1984]</code>" in index
    assert entries(index) == [
        "Knuth, D. E. (1984). The TeXbook. Addison-Wesley.",
        "Lamport, L. (1998). The Part-Time Parliament. ACM Transactions on Computer Systems, "
        "16(2), 133–169. https://doi.org/10.1145/279227.279229",
        "Smith, S. A. (2013a). Japan’s nuclear choices. Council on Foreign Relations.",
        "Smith, S. A. (2013b). North korea in japan’s strategic thinking. Council on Foreign "
        "Relations."]  # as pandoc --citeproc gives them (sentence case, as the .bib has no braces)
    assert index.index('id="refs"') > index.index(">References<")
    # a cited heading: its anchor and table-of-contents entry use the citation's text
    assert "citekit" not in index.lower().replace("citekit mkdocs example", "")
    assert '<h2 id="knuths-view-knuth-1984">' in index
    assert 'href="#knuths-view-knuth-1984" class="nav-link">Knuth\'s view (Knuth, 1984)<' in index
    notes = (tmp_path / "out" / "notes" / "page" / "index.html").read_text("utf-8")
    # the page's own bibliography file (relative to the page) and its nocite
    assert citations(notes) == ["(Local, 2001)", "(see Knuth, 1984, Chapter 2)"]
    assert [e.split(" (")[0] for e in entries(notes)] == ["Doe, J., & Roe, R.",
                                                          "Knuth, D. E.", "Local, L."]
    assert "https://example.org/local?a=1&#38;b=2" in notes
    third = (tmp_path / "out" / "third" / "index.html").read_text("utf-8")
    assert entries(third) == ["Doe, J., & Roe, R. (2020). Citations & Their discontents. "
                              "Example Press."]


def test_unknown_key_fails_strict_build(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    page = site / "docs" / "notes" / "page.md"
    page.write_text(page.read_text("utf-8") + "\nAnd [@ghost].\n", "utf-8")
    proc = build(tmp_path, site)
    assert proc.returncode != 0
    assert "citekit: docs/notes/page.md:10: unknown citation key 'ghost'" in proc.stderr


def test_missing_bibliography_is_one_clear_error(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    (site / "mkdocs.yml").write_text((site / "mkdocs.yml").read_text("utf-8").replace(
        "../refs.bib", "nowhere.bib"), "utf-8")
    proc = build(tmp_path, site)
    assert proc.returncode != 0
    assert re.search(r"ERROR +-  citekit: bibliography named in mkdocs.yml: \S*nowhere\.bib: "
                     r"no such file", proc.stderr)
    assert "Traceback" not in proc.stderr


def test_bibliography_read_once_per_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from citekit.document import bibfiles

    reads: list[tuple[str, ...]] = []
    real = bibfiles.load_items

    def counting(paths: tuple[str, ...]) -> object:
        reads.append(tuple(Path(p).name for p in paths))
        return real(paths)

    monkeypatch.setattr(bibfiles, "load_items", counting)
    monkeypatch.setattr(bibfiles, "_CACHE", {})
    site = copy_site(tmp_path)
    for n in range(10):
        (site / "docs" / f"extra{n}.md").write_text(f"# {n}\n\nSee [@knuth1984].\n", "utf-8")
    config = load_config(str(site / "mkdocs.yml"), site_dir=str(tmp_path / "out"))
    mkdocs_build(config)
    assert sorted(reads) == [("extra.json",), ("refs.bib",)]  # 13 pages, each file once
    mkdocs_build(config)  # a rebuild (mkdocs serve) of unchanged files reads nothing again
    assert len(reads) == 2
    page = (tmp_path / "out" / "extra3" / "index.html").read_text("utf-8")
    assert citations(page) == ["(Knuth, 1984)"]


def test_unknown_locale_fails_strict_build(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    (site / "mkdocs.yml").write_text((site / "mkdocs.yml").read_text("utf-8")
                                     + "      locale: xx-YY\n", "utf-8")
    proc = build(tmp_path, site)
    assert proc.returncode != 0
    assert "citekit: locale: unknown locale 'xx-YY': en-US terms and dates are used" \
        in proc.stderr
