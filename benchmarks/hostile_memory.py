"""Peak memory of reading and formatting a 100 MB CSL-JSON file and a 100 MB BibTeX file
(issues 15 and 21).

Builds both files with :mod:`benchmarks.synth` (distinct ids, realistic items), then

- ``read``: reads each in a fresh process with :func:`citekit.sources.read_file` and records
  that process's peak resident memory (``ru_maxrss``, the interpreter and its imports
  included);
- ``format``: runs ``citekit format --style apa`` on each, with ``-j 1`` and with the default
  ``-j`` (one worker per idle CPU), under ``peers/treemem.py``, which records the peak of the
  whole process tree: the command's resident memory plus each forked worker's unshared
  (private) memory, sampled every 20 ms; also the largest single process (``ru_maxrss``).
  The outputs' SHA-256 are recorded: every ``-j`` gives the same bytes.

The figures go to ``benchmarks/hostile_memory.json``; the target is a peak within 5× the
file's size.

    python benchmarks/hostile_memory.py [--size-mb 100] [--cache DIR] [--only read|format]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.synth import make_bibtex, make_items  # noqa: E402

_CHILD = """
import json, os, resource, sys, time
from citekit.sources import read_file
import citekit.formats.csljson.read, citekit.formats.bibtex.read  # imports counted in the baseline
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
start = time.perf_counter()
result = read_file(sys.argv[1])
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"items": len(result.items), "errors": len(result.errors),
                  "seconds": round(seconds, 1), "baseline_bytes": before, "peak_bytes": peak}))
"""


def write_sized(path: Path, size: int, kind: str) -> None:
    """Append batches of synthetic entries until the file reaches ``size`` bytes."""
    if path.exists() and path.stat().st_size >= size:
        return
    written, batch, seed = 0, 5000, 0
    with open(path, "w", encoding="utf-8") as out:
        out.write("[\n" if kind == "json" else "")
        while written < size:
            seed += 1
            if kind == "json":
                items = make_items(batch, seed=seed)
                for n, item in enumerate(items):
                    item["id"] = f"s{seed}-{n}"
                chunk = ",\n".join(json.dumps(i, ensure_ascii=False, indent=2) for i in items)
                chunk = ("" if seed == 1 else ",\n") + chunk
            else:
                chunk = _rekey(make_bibtex(batch, seed=seed), seed) + "\n"
            out.write(chunk)
            written += len(chunk.encode("utf-8"))
        out.write("\n]\n" if kind == "json" else "")


def _rekey(bib: str, seed: int) -> str:
    """Entry keys unique across batches (each batch restarts the key series)."""
    import re

    return re.sub(r"^(@\w+\{)([^,]+),", lambda m: f"{m.group(1)}s{seed}-{m.group(2)},", bib,
                  flags=re.M)


def format_row(path: Path, jobs: int, cache: Path) -> dict:
    """``citekit format --style apa -j JOBS`` on ``path``: the process tree's peak memory."""
    out = cache / f"{path.name}.j{jobs}.txt"
    report = cache / f"{path.name}.j{jobs}.treemem"
    citekit = Path(sys.executable).with_name("citekit")
    with open(out, "wb") as handle:
        subprocess.run([sys.executable, "-S", str(HERE / "peers" / "treemem.py"), str(report),
                        str(citekit), "format", "--style", "apa", "-j", str(jobs), str(path)],
                       check=True, stdout=handle)
    row = json.loads(report.read_text())
    row["file_bytes"] = path.stat().st_size
    digest, lines = hashlib.sha256(), 0
    with open(out, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            lines += chunk.count(b"\n")
    row["entries"] = lines
    row["output_sha256"] = digest.hexdigest()
    row["tree_peak_over_file"] = round(row["tree_peak_bytes"] / row["file_bytes"], 2)
    row["maxrss_over_file"] = round(row["maxrss_bytes"] / row["file_bytes"], 2)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=100)
    parser.add_argument("--cache", default=str(HERE / ".cache"))
    parser.add_argument("--only", choices=("read", "format"), default=None)
    parser.add_argument("--kinds", default="json,bibtex", help="json, bibtex or both")
    parser.add_argument("--jobs", default="1,0", help="the -j values of the format rows")
    args = parser.parse_args()
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    size = int(args.size_mb * 1_000_000)
    target = HERE / "hostile_memory.json"

    def save(key: str, row: dict) -> None:  # (read again: another run may have added rows)
        rows = json.loads(target.read_text()) if target.exists() else {}
        rows[key] = row
        target.write_text(json.dumps(rows, indent=2) + "\n")

    for kind, suffix in (("json", ".json"), ("bibtex", ".bib")):
        if kind not in args.kinds.split(","):
            continue
        path = cache / f"hostile-memory-{args.size_mb:g}mb{suffix}"
        write_sized(path, size, kind)
        if args.only != "read":
            for jobs in (int(j) for j in args.jobs.split(",")):
                key = f"format-{kind}-j{jobs}"
                row = format_row(path, jobs, cache)
                save(key, row)
                print(f"{key}: {row['file_bytes'] / 1e6:.1f} MB, {row['entries']} entries, "
                      f"{row['wall_s']} s wall, {row['cpu_s']} s CPU, tree peak "
                      f"{row['tree_peak_bytes'] / 2**20:.0f} MiB = {row['tree_peak_over_file']}x"
                      f" the file (largest process {row['maxrss_bytes'] / 2**20:.0f} MiB)")
        if args.only == "format":
            continue
        done = subprocess.run([sys.executable, "-c", _CHILD, str(path)], check=True,
                              capture_output=True, text=True, env={**os.environ,
                                                                   "PYTHONPATH": str(HERE.parent)})
        row = json.loads(done.stdout)
        row["file_bytes"] = path.stat().st_size
        row["peak_over_file"] = round(row["peak_bytes"] / row["file_bytes"], 2)
        save(kind, row)
        print(f"{kind}: {row['file_bytes'] / 1e6:.1f} MB, {row['items']} items, "
              f"{row['errors']} errors, {row['seconds']} s, peak {row['peak_bytes'] / 1e6:.0f} MB"
              f" = {row['peak_over_file']}x the file (baseline {row['baseline_bytes'] / 1e6:.0f}"
              " MB)")


if __name__ == "__main__":
    main()
