"""Format stage: citekit's output equals citeproc-js's (stored oracle outputs) in all four
bundled styles — bibliography and one citation per item for 182 items, and a 200-citation
document — in text and HTML, entry for entry."""
from __future__ import annotations

import pytest

from oracle_support import DOC_KINDS, KINDS, STYLES, compare, compare_document


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
