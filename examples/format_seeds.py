"""Format the seed records (DTIC and CFR text files in seeds/) in three styles."""
from __future__ import annotations

import sys
from pathlib import Path

import citekit

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    items = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        result = citekit.load(path)
        for error in result.errors:
            print(f"error: {error}", file=sys.stderr)
        items.extend(result.items)
    for style in ("apa", "mla", "chicago-notes"):
        print(f"== {style}")
        for entry in citekit.format_bibliography(items, style).entries:
            print(entry)
        for citation in citekit.format_citations(items, style):
            print("  cite:", citation)
    return 0


if __name__ == "__main__":
    sys.exit(main())
