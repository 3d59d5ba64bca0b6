"""Writes tests/data/oracle/groups-items.json: a slice of the benchmarks' 10,000 synthetic items
(benchmarks/synth.py) where disambiguation has the most to do.

The slice holds every item whose first creator is an Ali or a Bianchi (large groups of items
sharing a surname and a year, several given names with the same initial) and every
legislation item with a ``jurisdiction`` (citeproc-js leaves their titles as they are). These
are the cases in which citekit and citeproc-js once differed at 10,000 items; make_oracle.js
stores citeproc-js's output for them. Deterministic; run from the repo root:

    python tools/oracle/make_groups.py && node tools/oracle/make_oracle.js
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from synth import make_items  # noqa: E402

ROLES = ("author", "editor", "director", "composer", "interviewer", "illustrator",
         "translator", "container-author", "collection-editor")
SURNAMES = {"Ali", "Bianchi"}


def first_family(item: dict) -> str | None:
    for role in ROLES:
        if item.get(role):
            return item[role][0].get("family")
    return None


def select(items: list[dict]) -> list[dict]:
    return [it for it in items
            if first_family(it) in SURNAMES
            or (it["type"] == "legislation" and it.get("jurisdiction"))]


def main() -> None:
    chosen = select(make_items(10000))
    out = REPO / "tests" / "data" / "oracle" / "groups-items.json"
    out.write_text(json.dumps(chosen, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"{out.relative_to(REPO)}: {len(chosen)} items")


if __name__ == "__main__":
    main()
