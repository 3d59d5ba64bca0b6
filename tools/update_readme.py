"""Rewrite the figures in README.md: the CSL test-suite table and the oracle agreement table.

Run from the repository root: ``python tools/update_readme.py`` (needs ../shared beside it).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from citekit.conformance import (  # noqa: E402
    category_table,
    read_extensions,
    reason_table,
    run_suite,
    suite_reasons,
)

SHARED = ROOT.parent / "shared" / "csl"
SUITE = SHARED / "test-suite" / "processor-tests" / "humans"
EXTENSIONS = ROOT / "tests" / "conformance" / "citeproc-js-extensions.tsv"
JGM_CITEPROC_JS = ROOT / "tests" / "conformance" / "jgm-citeproc-js-passes.txt"
JGM_FAILURES = ROOT / "tests" / "conformance" / "jgm-citeproc-failures.tsv"


def conformance_table(suite: Path = SUITE, extensions: Path | None = None,
                      split: bool = True) -> str:
    """Per-category passes of the standard fixtures, then the extension ones by reason
    (``split=False``: every fixture by category, as for the official suite)."""
    results = run_suite(suite)
    reasons = suite_reasons(suite, extensions) if split else {n: [] for n in results}
    standard = {n: r for n, r in results.items() if not reasons[n]}
    rows = ["| category | passed | fixtures |", "|---|---:|---:|"]
    rows += [f"| {cat} | {p} | {n} |" for cat, p, n in category_table(standard)]
    passed = sum(ok for ok, _, _ in standard.values())
    rows.append(f"| **total** | **{passed}** | **{len(standard)}** |")
    extended = {n: r for n, r in results.items() if reasons[n]}
    if extended:
        rows += [f"| needs: {r} | {p} | {n} |" for r, p, n in reason_table(extended, reasons)]
    return "\n".join(rows)


def jgm_line() -> str:
    suite = SHARED / "suites" / "jgm-citeproc"
    results = run_suite(suite)
    cjs = [line.strip() for line in JGM_CITEPROC_JS.read_text().splitlines()
           if line.strip() and not line.startswith("#")]
    both = sum(results[n][0] for n in cjs)
    failing = read_extensions(JGM_FAILURES)
    by_reason: dict[str, list[str]] = {}
    for name, reasons in failing.items():
        for reason in reasons:
            by_reason.setdefault(reason, []).append(name)
    rows = ["| why citekit fails it | fixtures |", "|---|---|"]
    rows += [f"| {reason} | {', '.join(names)} |" for reason, names in sorted(by_reason.items())]
    return (f"Of the {len(cjs)} jgm/citeproc fixtures citeproc-js reproduces "
            f"(`tools/oracle/run_fixtures.js`, which drives fixtures as citeproc-js's own runner "
            f"does), citekit passes {both}. In each of the {len(failing)} it fails, citekit "
            "gives citeproc-js's output (`tests/conformance/jgm-citeproc-failures.tsv`):\n\n"
            + "\n".join(rows))


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
    text = replace(text, "conformance", conformance_table(split=False))
    text = replace(text, "conformance-citeproc-js",
                   conformance_table(SHARED / "suites" / "citeproc-js", EXTENSIONS))
    text = replace(text, "conformance-jgm",
                   conformance_table(SHARED / "suites" / "jgm-citeproc") + "\n\n" + jgm_line())
    text = replace(text, "oracle", oracle_table())
    text = replace(text, "oracle-groups", groups_table())
    readme.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
