"""Long structure-aware fuzz run over every reader and the document and render paths (issue 15).

The strategies and checks are ``tests/hostile_strategies.py``'s (the CI test runs them with a
small budget). Every input is counted; a crash is any exception but a CitekitError, or output
that cannot be written as UTF-8. Results (counts, seconds, the first crashes per target with
the input that caused them) go to a JSON file.

    python tools/fuzz_hostile.py --total 160000 [--out tools/fuzz_hostile.json] [--seed 1]

Parts can run in parallel (``--only bibtex --out a.json``, ``--only csl-json,yaml ...``); each
target then gets its share of ``--total`` all the same.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import hostile_strategies as hs  # noqa: E402
from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


def _targets(light: bool = False
             ) -> dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], None]]]:
    out: dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], None]]] = {}
    for fmt, strategy in hs.READER_INPUTS.items():
        out[f"reader:{fmt}"] = (strategy, lambda text, fmt=fmt: hs.check_reader(fmt, text,
                                                                                light))
    out["document"] = (hs.DOCUMENT, hs.check_document)
    out["render"] = (hs.markdown(), hs.check_render)
    return out


def run_target(name: str, strategy: st.SearchStrategy[Any], check: Callable[[Any], None],
               count: int, run_seed: int, partial: Path | None = None) -> dict[str, Any]:
    stats: dict[str, Any] = {"inputs": 0, "crashes": 0, "slowest_seconds": 0.0, "examples": []}

    @seed(run_seed)
    @settings(max_examples=count, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def one(value: Any) -> None:
        stats["inputs"] += 1
        start = time.perf_counter()
        try:
            check(value)
        except Exception as exc:  # counting crashes is the point
            from citekit.errors import CitekitError

            if isinstance(exc, CitekitError):
                return
            stats["crashes"] += 1
            if len(stats["examples"]) < 5:
                stats["examples"].append({"input": repr(value)[:2000],
                                          "error": traceback.format_exc()[-2000:]})
        finally:
            stats["slowest_seconds"] = max(stats["slowest_seconds"],
                                           round(time.perf_counter() - start, 3))
            if partial is not None and stats["inputs"] % 500 == 0:  # progress, if cut short
                partial.write_text(json.dumps({name: stats}, indent=2) + "\n", "utf-8")

    started = time.perf_counter()
    one()
    stats["seconds"] = round(time.perf_counter() - started, 1)
    print(f"{name}: {stats['inputs']} inputs, {stats['crashes']} crashes, "
          f"{stats['seconds']} s (slowest input {stats['slowest_seconds']} s)", flush=True)
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--total", type=int, default=160_000, help="inputs over all targets")
    parser.add_argument("--out", default=str(ROOT / "tools" / "fuzz_hostile.json"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", default=None,
                        help="comma-separated: run the targets whose name has one of these")
    parser.add_argument("--per-target", type=int, default=None,
                        help="inputs per target (default: the total shared by all targets)")
    parser.add_argument("--light", action="store_true",
                        help="readers: check the items read and their CSL-JSON only (no "
                             "formatting, no other writers): many more inputs per second")
    parser.add_argument("--merge", nargs="+", default=None, metavar="JSON",
                        help="only combine the results (or .partial progress) of parallel runs "
                             "into --out")
    args = parser.parse_args()
    if args.merge:
        merge(args.merge, Path(args.out))
        return
    wanted = args.only.split(",") if args.only else None
    targets = {k: v for k, v in _targets(args.light).items()
               if not wanted or any(w in k for w in wanted)}
    per_target = args.per_target or -(-args.total // len(_targets()))
    partial = Path(args.out + ".partial")
    results = {name: run_target(name, strategy, check, per_target, args.seed + i, partial)
               for i, (name, (strategy, check)) in enumerate(targets.items())}
    summary = {"light": args.light, "seed": args.seed,
               "inputs": sum(r["inputs"] for r in results.values()),
               "crashes": sum(r["crashes"] for r in results.values()),
               "seconds": round(sum(r["seconds"] for r in results.values()), 1),
               "targets": results}
    Path(args.out).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(f"total: {summary['inputs']} inputs, {summary['crashes']} crashes, "
          f"{summary['seconds']} s")


def merge(paths: list[str], out: Path) -> None:
    """One summary of several runs' results: inputs and crashes added up per target."""
    targets: dict[str, dict[str, Any]] = {}
    for path in paths:
        data = json.loads(Path(path).read_text("utf-8"))
        for name, stats in data.get("targets", data).items():
            into = targets.setdefault(name, {"inputs": 0, "crashes": 0, "seconds": 0.0,
                                             "slowest_seconds": 0.0, "examples": [],
                                             "runs": []})
            into["inputs"] += stats["inputs"]
            into["crashes"] += stats["crashes"]
            into["seconds"] = round(into["seconds"] + stats.get("seconds", 0.0), 1)
            into["slowest_seconds"] = max(into["slowest_seconds"], stats["slowest_seconds"])
            into["examples"] += stats["examples"][:5 - len(into["examples"])]
            into["runs"].append(Path(path).name)
    summary = {"inputs": sum(t["inputs"] for t in targets.values()),
               "crashes": sum(t["crashes"] for t in targets.values()), "targets": targets}
    out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(f"total: {summary['inputs']} inputs, {summary['crashes']} crashes")


if __name__ == "__main__":
    main()
