"""Share stage: `citekit format` through click's CliRunner and a real subprocess."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from citekit.cli import main

ROOT = Path(__file__).parent.parent
SEEDS = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
ORACLE = ROOT / "tests" / "data" / "oracle"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("style,oracle", [("apa", "apa"), ("mla", "modern-language-association"),
                                          ("chicago", "chicago-author-date"),
                                          ("chicago-notes", "chicago-notes-bibliography")])
def test_format_seeds_equals_citeproc_js(style: str, oracle: str) -> None:
    expected = json.loads((ORACLE / f"seeds-{oracle}.json").read_text("utf-8"))
    result = run("format", "--style", style, *SEEDS)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [e.rstrip("\n") for e in expected["bibliography_text"]]
    result = run("format", "--style", style, "--citations", *SEEDS)
    assert result.output.splitlines() == expected["citations_text"]


def test_format_html_and_rtf() -> None:
    html = run("format", "--to", "html", *SEEDS).output.splitlines()
    assert html[0] == '<div class="csl-bib-body">' and html[-1] == "</div>"
    assert all(line.startswith('  <div class="csl-entry">') for line in html[1:-1])
    rtf = run("format", "--to", "rtf", *SEEDS).output
    assert "{\\i{}ASAN Forum}" in rtf


def test_format_document_prints_citations_then_bibliography(tmp_path: Path) -> None:
    doc = [{"citationItems": [{"id": "smith2013north", "locator": "12"}],
            "properties": {"noteIndex": 1}},
           {"citationItems": [{"id": "smith2013north", "locator": "14"}],
            "properties": {"noteIndex": 2}}]
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(doc))
    result = run("format", "--style", "chicago-notes", "--document", str(path), SEEDS[1])
    assert result.output.splitlines() == [
        "Sheila A. Smith, “North Korea in Japan’s Strategic Thinking,” ASAN Forum 1, no. 2 "
        "(2013): 12.", "Smith, “North Korea in Japan’s Strategic Thinking,” 14."]
    result = run("format", "--style", "chicago-notes", "--document", str(path),
                 "--with-bibliography", SEEDS[1])
    assert len(result.output.splitlines()) == 3
    # --bibliography names the items, as in `citekit render`
    assert run("format", "--style", "chicago-notes", "--document", str(path),
               "--bibliography", SEEDS[1]).output == run(
        "format", "--style", "chicago-notes", "--document", str(path), SEEDS[1]).output


def test_bad_inputs_give_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run("format", "--style", "nonesuch", *SEEDS)
    assert result.exit_code == 2 and "no such style: nonesuch" in result.output
    bad = tmp_path / "bad.json"
    bad.write_text('[{"id": "a", "type": "book", "title": "T"')
    result = run("format", str(bad), SEEDS[1])
    assert result.exit_code == 2
    assert "Smith, S. A. (2013)" in result.output  # the good file is still formatted
    assert "bad.json:1" in result.output and "Traceback" not in result.output
    doc = tmp_path / "doc.json"
    doc.write_text("{not json")
    result = run("format", "--document", str(doc), SEEDS[1])
    assert result.exit_code == 2 and "doc.json:1: invalid JSON" in result.output


def test_format_unknown_citation_id_is_an_error(tmp_path: Path) -> None:
    doc = tmp_path / "doc.json"
    doc.write_text(json.dumps([{"citationItems": [{"id": "nope"}]}]))
    result = run("format", "--document", str(doc), SEEDS[1])
    assert result.exit_code == 2 and "unknown item id 'nope'" in result.output


def test_installed_command_in_a_subprocess() -> None:
    exe = shutil.which("citekit") or str(Path(sys.executable).parent / "citekit")
    proc = subprocess.run([exe, "format", "--style", "apa", *SEEDS], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[1] == \
        "Smith, S. A. (2013). North Korea in Japan’s Strategic Thinking. ASAN Forum, 1(2)."
    proc = subprocess.run([exe, "format", str(ROOT / "missing.bib")], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1
