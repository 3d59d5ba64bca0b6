"""Every script in examples/ runs (as a subprocess) and prints what it should."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXPECT = {
    "format_seeds.py": ["== apa", "== mla", "== chicago-notes", "Smith, S. A. (2013)",
                        "cite: (Smith, 2013)"],
    "bibtex_to_html.py": ['<div class="csl-entry" id="ref-okafor2019tidal">Okafor, C. (2019)',
                          "Strunk, W., Jr., &#38; White, E. B. (2000)"],
    "render_paper.py": ["<!-- apa -->", "<!-- chicago-notes -->",
                        '<span class="citation" data-cites="knuth1997art">Knuth (1997, p. 12)',
                        '<section id="footnotes"', "<code>[@smith2013north]</code>"],
    "editor_loop.py": ["insert b: 1 changed", "b: Smith, “North Korea in Japan’s Strategic "
                       "Thinking,” 33.", "remove a: 1 changed", "bibliography:"],
}


def test_every_example_is_tested() -> None:
    assert sorted(p.name for p in EXAMPLES.glob("*.py")) == sorted(EXPECT)


@pytest.fixture(scope="module")
def runs() -> dict[str, tuple[int, str, str]]:
    """Run every example at once (in parallel: each one starts a Python)."""
    procs = {name: subprocess.Popen([sys.executable, str(EXAMPLES / name)], text=True,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    cwd=EXAMPLES.parent) for name in EXPECT}
    out = {}
    for name, proc in procs.items():
        stdout, stderr = proc.communicate(timeout=120)
        out[name] = (proc.returncode, stdout, stderr)
    return out


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_example_runs(name: str, runs: dict[str, tuple[int, str, str]]) -> None:
    code, stdout, stderr = runs[name]
    assert code == 0, stderr
    assert stderr == ""
    for text in EXPECT[name]:
        assert text in stdout, (name, text)
