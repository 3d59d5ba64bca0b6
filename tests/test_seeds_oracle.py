"""The main job, end to end: the seeds as citekit parses them, formatted in the four bundled
styles, equal citeproc-js's output for the same parsed items (tests/data/oracle/seeds-*.json,
made by tools/oracle/make_oracle.js from `citekit parse seeds/*.txt`)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from oracle_support import DATA, KINDS, STYLES, compare

from citekit.sources import read_file

ROOT = Path(__file__).parent.parent


def test_parsed_seeds_are_the_oracle_input() -> None:
    parsed = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        result = read_file(path)
        assert not result.errors
        parsed.extend(item.to_json() for item in result.items)
    stored = json.loads((DATA / "seeds-items.json").read_text("utf-8"))
    assert [{k: v for k, v in p.items() if k != "id"} for p in parsed] == \
        [{k: v for k, v in s.items() if k != "id"} for s in stored]


@pytest.mark.parametrize("style", STYLES)
def test_seed_citations_equal_citeproc_js(style: str) -> None:
    result = compare(style, "seeds-", "seeds-items.json")
    for kind in KINDS:
        assert result[kind], kind
        for key, (got, expected) in result[kind].items():
            assert got == expected, f"{style} {kind} {key}"
