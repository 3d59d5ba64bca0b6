"""Launcher: run one command, report its wall time, CPU time and peak memory.

usage: python -S spawn.py REPORT_FILE COMMAND [ARGS...]

Peak RSS is read with os.wait4 on the command's process. It is measured from this small
launcher rather than from run.py because Linux keeps the parent's memory high-water mark in a
child across fork+exec: the figure has a floor of this launcher's own size (about 9 MB,
measured by run.py on `true` and shown in the table header). Writes
"wall_s cpu_s maxrss_kb returncode" to REPORT_FILE; stdin/stdout/stderr are inherited.
"""
import os
import sys
import time


def start(argv: list[str]) -> int:
    """Fork and exec ``argv``; the child's pid (exit code 127 when it cannot be run)."""
    pid = os.fork()
    if pid == 0:  # child
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    return pid


def main() -> int:
    report, argv = sys.argv[1], sys.argv[2:]
    start_time = time.perf_counter()
    _, status, usage = os.wait4(start(argv), 0)
    wall = time.perf_counter() - start_time
    code = os.waitstatus_to_exitcode(status)
    with open(report, "w") as handle:
        handle.write(f"{wall} {usage.ru_utime + usage.ru_stime} {usage.ru_maxrss} {code}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
