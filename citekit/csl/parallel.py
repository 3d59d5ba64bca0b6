"""Format stage: run independent per-entry work in forked worker processes.

Bibliography entries are evaluated independently once sorting and disambiguation are done, so a
large bibliography can be spread over the machine's cores. With ``jobs`` workers, ``jobs - 1``
are forked: they inherit the processor as it is (style, items, disambiguation results) and send
back only their results; this process is the last worker, taking its share of the batches
itself, so its share is never sent. Results come in order. Nothing is forked for small jobs,
with ``jobs=1``, or where ``fork`` is unavailable; the results are the same either way.
"""
from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

MIN_PER_WORKER = 1000  # below this many entries per worker, forking costs more than it saves

_task: Callable[[Any], Any] | None = None  # what the forked workers run (inherited via fork)


def available_cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def idle_cpus() -> int:
    """The available CPUs less what other processes keep busy (the one-minute load average,
    this process counted out), at least one. On a busy machine more workers than that only
    add the cost of forking and sending results back."""
    cpus = available_cpus()
    try:
        others = max(0.0, os.getloadavg()[0] - 1.0)
    except (AttributeError, OSError):  # no load average on this platform
        return cpus
    return max(1, min(cpus, round(cpus - others)))


def resolve_jobs(jobs: int | None) -> int:
    """``None`` or 0 means one worker per idle CPU (:func:`idle_cpus`)."""
    return idle_cpus() if not jobs else max(1, jobs)


def forks(count: int, jobs: int, weight: float = 1) -> bool:
    """Whether :func:`parallel_map` of ``count`` values forks workers (see its ``weight``):
    two workers' worth of values, and a platform that forks."""
    if _workers(count, jobs, weight) < 2:
        return False
    import multiprocessing  # only large runs pay for it

    return "fork" in multiprocessing.get_all_start_methods()


def _workers(count: int, jobs: int, weight: float) -> int:
    return min(jobs, int(count * weight) // MIN_PER_WORKER)


def parallel_map(fn: Callable[[Any], Any], values: Sequence[Any], jobs: int,
                 progress: Callable[[int], None] | None = None, weight: float = 1,
                 before_fork: Callable[[], None] | None = None) -> list[Any]:
    """``[fn(v) for v in values]``, in up to ``jobs`` forked processes when worthwhile.

    ``progress(n)`` is called in this process as each batch of ``n`` values is done;
    ``weight``: how many entry renders one value costs, roughly (a fraction for cheap
    values; a process is worth :data:`MIN_PER_WORKER` renders); ``before_fork()`` runs once
    when workers are forked (to load here what every worker would otherwise load for
    itself).
    """
    return list(parallel_iter(fn, values, jobs, progress, weight, before_fork))


def parallel_iter(fn: Callable[[Any], Any], values: Sequence[Any], jobs: int,
                  progress: Callable[[int], None] | None = None, weight: float = 1,
                  before_fork: Callable[[], None] | None = None) -> Iterator[Any]:
    """:func:`parallel_map`'s results one by one, in order, as they come (a caller that
    writes each out holds none of the others).

    This process's objects are frozen out of the garbage collector while workers run
    (``gc.freeze``), so that a collection in a worker does not write to, and so copy, every
    page of the heap it shares with this process.
    """
    if not forks(len(values), jobs, weight):
        yield from _serial(fn, values, progress)
        return
    import multiprocessing  # (loaded by forks)

    workers = _workers(len(values), jobs, weight)
    if before_fork is not None:
        before_fork()
    global _task
    size = max(1, len(values) // (workers * 8))  # small batches: even load, live progress
    batches = [values[i:i + size] for i in range(0, len(values), size)]
    # this process is one of the workers: it takes every ``workers``-th batch itself, and
    # what it works out needs no sending back
    _task = fn
    gc.freeze()  # (no collection first: it would cost a pass over the whole heap)
    try:
        with multiprocessing.get_context("fork").Pool(workers - 1) as pool:
            theirs = pool.imap(_run_batch, [b for i, b in enumerate(batches) if i % workers])
            for index, batch in enumerate(batches):
                done = next(theirs) if index % workers else _run_batch(batch)
                if progress is not None:
                    progress(len(done))
                yield from done
    finally:
        gc.unfreeze()
        _task = None


def _serial(fn: Callable[[Any], Any], values: Sequence[Any],
            progress: Callable[[int], None] | None) -> Iterator[Any]:
    last = len(values)
    for n, value in enumerate(values, 1):
        result = fn(value)
        if progress is not None and (n % 100 == 0 or n == last):
            progress(n % 100 or 100)
        yield result


def _run_batch(batch: Sequence[Any]) -> list[Any]:
    assert _task is not None  # set before the fork
    return [_task(value) for value in batch]
