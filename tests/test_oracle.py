"""Format stage: citekit's output equals citeproc-js's (stored oracle outputs) in all four
bundled styles — bibliography and one citation per item for 182 items, the same for 398
synthetic items in large same-surname, same-year groups, and a 200-citation document — in text
and HTML, entry for entry."""
from __future__ import annotations

import json

import pytest
from oracle_support import DATA, DOC_KINDS, KINDS, STYLES, compare, compare_document


def _mismatches(outputs: dict[str, dict[str, tuple[str, str]]], kinds: tuple[str, ...]
                ) -> list[str]:
    return [f"{kind} {key}:\n  citekit     {got}\n  citeproc-js {expected}"
            for kind in kinds for key, (got, expected) in outputs[kind].items()
            if got != expected]


@pytest.mark.parametrize("style", STYLES)
def test_items_equal_citeproc_js(style: str) -> None:
    outputs = compare(style)
    assert all(outputs[kind] for kind in KINDS)
    assert _mismatches(outputs, KINDS) == []


@pytest.mark.parametrize("style", STYLES)
def test_document_equals_citeproc_js(style: str) -> None:
    outputs = compare_document(style)
    assert len(outputs["document_text"]) == 200
    assert _mismatches(outputs, DOC_KINDS) == []


def _known_differences(style: str) -> list[tuple[str, str]]:
    known = json.loads((DATA / "groups-known-differences.json").read_text("utf-8"))
    return sorted((d["kind"], d["id"]) for d in known["differences"] if d["style"] == style)


@pytest.mark.parametrize("style", STYLES)
def test_disambiguation_groups_equal_citeproc_js(style: str) -> None:
    """citeproc-js's way with big groups of same-surname, same-year items: its registry keeps
    each item's disambiguation from earlier runs as items are cited one by one. APA agrees
    entry for entry; elsewhere the mismatches are exactly the listed known differences."""
    outputs = compare(style, "groups-", "groups-items.json")
    assert len(outputs["citations_text"]) == 398
    assert all(outputs[kind] for kind in KINDS)
    mismatches = sorted((kind, key) for kind in KINDS for key, (got, expected)
                        in outputs[kind].items() if got != expected)
    known = _known_differences(style)
    if style == "apa":
        assert known == []
    assert mismatches == known, _mismatches(outputs, KINDS)
