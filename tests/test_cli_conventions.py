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
    offered = styles.output.split()  # the bundled aliases and the library's style ids
    assert {"plain,chicago-notes", "plain,chicago-notes-bibliography",
            "plain,chicago-notes-bibliography-17th-edition"} <= set(offered)
    assert all(o.startswith("plain,chicago-n") for o in offered)
    assert "_CITEKIT_COMPLETE=bash_source citekit" in run("--help").output


def _synthetic_items(folder: Path, count: int) -> Path:
    """A CSL-JSON file of ``count`` items from the benchmarks' generator."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from synth import make_items
    finally:
        sys.path.pop(0)
    items = folder / "items.json"
    items.write_text(json.dumps(make_items(count)), "utf-8")
    return items


def test_progress_bar_clears_its_line(tmp_path: Path) -> None:
    items = _synthetic_items(tmp_path, 2500)
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


def _command(*args: str, **kw: object) -> subprocess.CompletedProcess:
    """The console entry point (``citekit.cli.run``) in its own process."""
    return subprocess.run([sys.executable, "-c", "from citekit.cli import run; run()", *args],
                          capture_output=True, cwd=ROOT, timeout=300, **kw)  # type: ignore


def test_entry_point_flushes_everything_before_its_quick_exit(tmp_path: Path) -> None:
    """run() leaves by os._exit once the output is flushed: nothing printed is lost, through
    a pipe, a file or standard error, and the exit codes are main()'s."""
    items = _synthetic_items(tmp_path, 3000)
    piped = _command("format", "-j", "1", str(items))
    assert piped.returncode == 0
    assert piped.stdout.decode("utf-8").splitlines() == \
        CliRunner().invoke(main, ["format", "-j", "1", str(items)]).output.splitlines()
    assert len(piped.stdout.splitlines()) == 3000
    out = tmp_path / "out.txt"
    assert _command("format", "-j", "1", str(items), "-o", str(out)).returncode == 0
    assert out.read_bytes() == piped.stdout
    bad = tmp_path / "bad.json"
    bad.write_text('[{"id": "a", "title": "T"}, {"id": 1, "title": }]', "utf-8")
    failed = _command("format", str(bad))
    assert failed.returncode == 2 and b"bad.json" in failed.stderr
    assert _command("--version").stdout.startswith(b"citekit ")


def test_entry_point_into_a_closed_pipe_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", "from citekit.cli import run; run()",
                             "format", *SEEDS], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=ROOT)
    assert proc.stdout is not None
    proc.stdout.close()  # the reader has gone (`citekit ... | head -0`)
    err = proc.communicate(timeout=300)[1].decode("utf-8")
    assert "Traceback" not in err and proc.returncode == 1
