"""Format stage: a Zotero CSL-JSON export with variables in its note ("Extra") lines formats
as citeproc-js formats it (outputs made by tools/oracle/make_oracle.js, stored as data)."""
from __future__ import annotations

import json

import pytest
from oracle_support import DATA, STYLES, compare


def test_export_carries_note_fields() -> None:
    items = json.loads((DATA / "zotero-items.json").read_text("utf-8"))
    notes = [i["note"] for i in items if "note" in i]
    assert len(notes) == len(items)
    assert any("original-date: 1925" in n for n in notes)
    assert any(n.startswith("type: ") for n in notes)
    assert any("publisher-place: " in n for n in notes)


@pytest.mark.parametrize("style", STYLES)
def test_zotero_export_equals_citeproc_js(style: str) -> None:
    result = compare(style, "zotero-", "zotero-items.json")
    diffs = [f"{kind} {key}:\n  citekit     {got}\n  citeproc-js {want}"
             for kind, pairs in result.items() for key, (got, want) in pairs.items()
             if got != want]
    # 14 citations and 13+ entries (APA leaves personal communications out), text and HTML
    assert sum(len(pairs) for pairs in result.values()) >= 4 * 13
    assert diffs == []
