"""Launcher: run one command and report the peak memory of its whole process tree.

usage: python -S treemem.py REPORT_FILE COMMAND [ARGS...]

Every 20 ms it reads ``/proc/PID/smaps_rollup`` of the command and of each of its descendants
(forked workers). The tree's memory at a moment is the command's resident memory plus each
descendant's *unshared* memory (``Private_Clean + Private_Dirty``): pages a worker shares with
its parent after fork are counted once, in the parent. The report is a JSON object with
``tree_peak_bytes`` (the largest such sum seen), ``maxrss_bytes`` (``os.wait4``'s figure: the
largest single process), ``wall_s``, ``cpu_s`` (the tree's user+sys) and ``returncode``.
Linux only (it needs ``/proc``); stdin/stdout/stderr are inherited.
"""
import json
import os
import sys
import time

from spawn import start  # the launcher beside this one (run as a script from here)


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                out.extend(int(p) for p in handle.read().split())
    except OSError:
        pass
    return out


def _rollup(pid: int) -> dict[str, int]:
    fields: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                parts = line.split()
                if len(parts) == 3 and parts[2] == "kB":
                    fields[parts[0].rstrip(":")] = int(parts[1]) * 1024
    except OSError:
        pass
    return fields


def tree_bytes(root: int) -> int:
    """The root's RSS plus every descendant's private (unshared) memory."""
    total = _rollup(root).get("Rss", 0)
    todo = _children(root)
    while todo:
        pid = todo.pop()
        fields = _rollup(pid)
        total += fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
        todo.extend(_children(pid))
    return total


def main() -> int:
    report, argv = sys.argv[1], sys.argv[2:]
    start_time = time.perf_counter()
    pid = start(argv)
    peak = 0
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        peak = max(peak, tree_bytes(pid))
        time.sleep(0.02)
    wall = time.perf_counter() - start_time
    with open(report, "w") as handle:
        json.dump({"tree_peak_bytes": peak, "maxrss_bytes": usage.ru_maxrss * 1024,
                   "wall_s": round(wall, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
                   "returncode": os.waitstatus_to_exitcode(status)}, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
