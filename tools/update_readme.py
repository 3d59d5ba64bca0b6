"""Rewrite the figures in README.md: the CSL test-suite table and the oracle agreement table.

Run from the repository root: ``python tools/update_readme.py`` (needs ../shared beside it).
"""
from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from citekit.conformance import run_suite  # noqa: E402

SUITE = ROOT.parent / "shared" / "csl" / "test-suite" / "processor-tests" / "humans"


def conformance_table() -> str:
    results = run_suite(SUITE)
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for name, (ok, _, _) in results.items():
        cat = name.split("_", 1)[0]
        per[cat][0] += ok
        per[cat][1] += 1
    rows = ["| category | passed | fixtures |", "|---|---:|---:|"]
    rows += [f"| {cat} | {p} | {n} |" for cat, (p, n) in sorted(per.items())]
    passed = sum(ok for ok, _, _ in results.values())
    rows.append(f"| **total** | **{passed}** | **{len(results)}** |")
    return "\n".join(rows)


def oracle_table() -> str:
    from oracle_support import DOC_KINDS, KINDS, STYLES, compare, compare_document

    rows = ["| style | " + " | ".join(k.replace("_", " ") for k in KINDS + DOC_KINDS) + " |",
            "|---|" + "---:|" * len(KINDS + DOC_KINDS)]
    for style in STYLES:
        result = {**compare(style), **compare_document(style)}
        cells = []
        for kind in KINDS + DOC_KINDS:
            same = sum(g == e for g, e in result[kind].values())
            cells.append(f"{same}/{len(result[kind])}")
        rows.append(f"| {style} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def groups_table() -> str:
    """Agreement on the disambiguation groups slice (tests/data/oracle/groups-items.json)."""
    from oracle_support import KINDS, STYLES, compare

    rows = ["| style | " + " | ".join(k.replace("_", " ") for k in KINDS) + " |",
            "|---|" + "---:|" * len(KINDS)]
    for style in STYLES:
        result = compare(style, "groups-", "groups-items.json")
        cells = [f"{sum(g == e for g, e in result[k].values())}/{len(result[k])}"
                 for k in KINDS]
        rows.append(f"| {style} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def replace(text: str, marker: str, body: str) -> str:
    pattern = re.compile(f"(<!-- {marker}:start -->\n).*?(<!-- {marker}:end -->)", re.S)
    return pattern.sub(lambda m: m.group(1) + body + "\n" + m.group(2), text)


def main() -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    text = replace(text, "conformance", conformance_table())
    text = replace(text, "oracle", oracle_table())
    text = replace(text, "oracle-groups", groups_table())
    readme.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
