"""Peak memory of reading a 100 MB CSL-JSON file and a 100 MB BibTeX file (issue 15).

Builds both files with :mod:`benchmarks.synth` (distinct ids, realistic items), then reads
each in a fresh process with :func:`citekit.sources.read_file` and records that process's
peak resident memory (``ru_maxrss``, the interpreter and its imports included). The figures
go to ``benchmarks/hostile_memory.json``; the target is a peak within 5× the file's size.

    python benchmarks/hostile_memory.py [--size-mb 100] [--cache DIR]
"""
from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=100)
    parser.add_argument("--cache", default=str(HERE / ".cache"))
    args = parser.parse_args()
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    size = int(args.size_mb * 1_000_000)
    rows = {}
    for kind, suffix in (("json", ".json"), ("bibtex", ".bib")):
        path = cache / f"hostile-memory-{args.size_mb:g}mb{suffix}"
        write_sized(path, size, kind)
        done = subprocess.run([sys.executable, "-c", _CHILD, str(path)], check=True,
                              capture_output=True, text=True, env={**os.environ,
                                                                   "PYTHONPATH": str(HERE.parent)})
        row = json.loads(done.stdout)
        row["file_bytes"] = path.stat().st_size
        row["peak_over_file"] = round(row["peak_bytes"] / row["file_bytes"], 2)
        rows[kind] = row
        print(f"{kind}: {row['file_bytes'] / 1e6:.1f} MB, {row['items']} items, "
              f"{row['errors']} errors, {row['seconds']} s, peak {row['peak_bytes'] / 1e6:.0f} MB"
              f" = {row['peak_over_file']}x the file (baseline {row['baseline_bytes'] / 1e6:.0f}"
              " MB)")
    (HERE / "hostile_memory.json").write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
