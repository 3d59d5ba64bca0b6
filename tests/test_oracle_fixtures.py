"""Format stage: small fixtures whose RESULT is citeproc-js's output (tools/oracle/make_fixtures.py
writes them, ``run_fixtures.js --adopt`` fills in citeproc-js 2.4.63's output)."""
from __future__ import annotations

from pathlib import Path

import pytest

from citekit.conformance import normalize, parse_fixture, run_fixture

FIXTURES = Path(__file__).parent / "data" / "oracle" / "fixtures"
NAMES = sorted(p.stem for p in FIXTURES.glob("*.txt"))


def test_fixture_set_is_present() -> None:
    assert len(NAMES) == 69


@pytest.mark.parametrize("name", NAMES)
def test_citekit_gives_citeproc_js_output(name: str) -> None:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    expected = parse_fixture(text)["RESULT"]
    assert "make_fixtures" not in expected  # citeproc-js's output was adopted
    assert normalize(run_fixture(text)) == normalize(expected)
