"""Command-line conventions: -o on every command, -V, shell completion, --bibliography,
a warning for an unknown --locale, and a progress bar that leaves a clean line."""
from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from citekit import __version__
from citekit.cli import main

ROOT = Path(__file__).parent.parent
SEEDS = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
PAPER = ROOT / "tests" / "data" / "pandoc" / "paper.md"
REFS = ROOT / "tests" / "data" / "pandoc" / "refs.json"


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), prog_name="citekit", env=env)


def test_version() -> None:
    for flag in ("-V", "--version"):
        result = run(flag)
        assert result.exit_code == 0
        assert result.output == f"citekit {__version__} (distribution citekit-csl)\n"


@pytest.mark.parametrize("args", [
    ["parse", *SEEDS], ["validate", *SEEDS], ["convert", "--to", "ris", *SEEDS],
    ["format", "--style", "apa", *SEEDS], ["render", str(PAPER), "-b", str(REFS)]])
def test_every_command_writes_to_output(tmp_path: Path, args: list[str]) -> None:
    printed = run(*args)
    assert printed.exit_code == 0, printed.output
    target = tmp_path / "out.txt"
    written = run(*args, "-o", str(target))
    assert written.exit_code == 0 and written.stdout == ""
    assert target.read_text("utf-8") == printed.stdout and printed.stdout.strip()


def test_bibliography_option_names_items_in_format_and_render() -> None:
    positional = run("format", "--style", "apa", str(REFS))
    named = run("format", "--style", "apa", "--bibliography", str(REFS))
    assert named.exit_code == 0 and named.output == positional.output
    assert len(named.output.splitlines()) == len(json.loads(REFS.read_text("utf-8")))
    rendered = run("render", str(PAPER), "--bibliography", str(REFS))
    assert rendered.exit_code == 0 and "Knuth" in rendered.output
    missing = run("format", "--style", "apa")
    assert missing.exit_code == 2 and "FILES or --bibliography FILE" in missing.output


def test_unknown_locale_is_a_warning() -> None:
    result = run("format", "--locale", "xx-YY", *SEEDS)
    assert result.exit_code == 0
    assert "citekit: warning: unknown locale 'xx-YY': en-US terms and dates are used" \
        in result.output
    assert "Smith, S. A. (2013)" in result.output
    fine = run("format", "--locale", "de", *SEEDS)
    assert "warning" not in fine.output
    rendered = run("render", str(PAPER), "-b", str(REFS), "-l", "de-XX")
    assert "unknown locale 'de-XX': de-DE's terms and dates are used" in rendered.output


def test_shell_completion_is_clicks() -> None:
    script = run(env={"_CITEKIT_COMPLETE": "bash_source"})
    assert script.exit_code == 0 and "_citekit_completion()" in script.output
    styles = run(env={"_CITEKIT_COMPLETE": "bash_complete",
                      "COMP_WORDS": "citekit format --style chicago-n", "COMP_CWORD": "3"})
    assert styles.output.split() == ["plain,chicago-notes", "plain,chicago-notes-bibliography"]
    assert "_CITEKIT_COMPLETE=bash_source citekit" in run("--help").output


def test_progress_bar_clears_its_line(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from synth import make_items
    finally:
        sys.path.pop(0)
    items = tmp_path / "items.json"
    items.write_text(json.dumps(make_items(2500)), "utf-8")
    master, slave = pty.openpty()  # standard error on a terminal: the bar is drawn
    printed = tmp_path / "out.txt"
    with printed.open("wb") as stdout:
        proc = subprocess.Popen([sys.executable, "-m", "citekit.cli", "format", "-j", "1",
                                 str(items)], stdout=stdout, stderr=slave, cwd=ROOT)
    os.close(slave)
    err = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        err += chunk
    proc.wait(timeout=300)
    os.close(master)
    assert proc.returncode == 0
    assert len(printed.read_text("utf-8").splitlines()) == 2500
    text = err.decode("utf-8")
    assert "%" in text and text.endswith("\r\x1b[K")  # drawn, then the line erased
