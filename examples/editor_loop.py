"""The API from an editor-like loop: insert and remove citations, print what changed."""
from __future__ import annotations

import sys
from pathlib import Path

import citekit


def main() -> int:
    items = citekit.load(Path(__file__).resolve().parent / "refs.json").items
    doc = citekit.new_document(items, style="chicago-notes")
    edits = [
        ("insert", {"citationID": "a", "citationItems": [{"id": "smith2013north"}],
                    "properties": {"noteIndex": 1}}),
        ("insert", {"citationID": "b", "citationItems": [{"id": "smith2013north",
                                                          "locator": "33"}],
                    "properties": {"noteIndex": 2}}),
        ("insert", {"citationID": "c", "citationItems": [{"id": "knuth1997art"}],
                    "properties": {"noteIndex": 2}}),
        ("remove", "a"),
    ]
    for action, arg in edits:
        changed = doc.insert(arg) if action == "insert" else doc.remove(arg)
        label = arg if isinstance(arg, str) else arg["citationID"]
        print(f"{action} {label}: {len(changed)} changed")
        for cid, text in changed.items():
            print(f"  {cid}: {text}")
    print("bibliography:")
    for entry in doc.bibliography().entries:
        print(" ", entry)
    return 0


if __name__ == "__main__":
    sys.exit(main())
