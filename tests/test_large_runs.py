"""Format stage, large runs: worker processes give the same bibliography as one process, and
the progress bar draws only on a terminal."""
from __future__ import annotations

import gc
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from oracle_support import load_items

from citekit import cli
from citekit.api import bibliography_entries, format_bibliography
from citekit.cli import main
from citekit.csl import parallel
from citekit.csl.document import Citation, prepare
from citekit.csl.eval.context import Cite, Disamb
from citekit.csl.processor import Processor
from citekit.csl.style import load_style
from citekit.model import Item
from citekit.progress import TerminalProgress

ROOT = Path(__file__).parent.parent


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork workers even for the few hundred items of a test."""
    monkeypatch.setattr(parallel, "MIN_PER_WORKER", 20)


# MLA substitutes subsequent authors: its workers send whole trees (names in them) back
@pytest.mark.parametrize("style", ["apa", "chicago-notes-bibliography",
                                   "modern-language-association"])
def test_workers_give_the_same_bibliography(small_batches: None, style: str) -> None:
    items = load_items("groups-items.json") + load_items()
    one = format_bibliography(items, style, jobs=1)
    two = format_bibliography(items, style, jobs=2)
    assert len(one.entries) > 500
    assert two.entries == one.entries and two.ids == one.ids


def test_parallel_map_keeps_order_and_reports_progress(small_batches: None) -> None:
    seen: list[int] = []
    out = parallel.parallel_map(lambda n: n * n, list(range(300)), 2, seen.append)
    assert out == [n * n for n in range(300)]
    assert sum(seen) == 300 and len(seen) > 1


def test_this_process_is_one_of_the_workers(small_batches: None) -> None:
    """With ``jobs`` workers, ``jobs - 1`` are forked and this process takes its share of the
    batches itself (what it works out is not sent back); the order is kept."""
    import os

    for jobs in (2, 3):
        out = parallel.parallel_map(lambda n: (n, os.getpid()), list(range(400)), jobs)
        assert [n for n, _ in out] == list(range(400))
        pids = [pid for _, pid in out]
        assert os.getpid() in pids and 2 <= len(set(pids)) <= jobs  # (idle children: none)
        mine = pids.count(os.getpid())
        assert len(pids) // (jobs + 1) <= mine <= len(pids) // (jobs - 1)


def test_default_workers_leave_out_busy_cpus(monkeypatch: pytest.MonkeyPatch) -> None:
    """jobs=0: one worker per CPU that other processes leave idle (this one counted out)."""
    monkeypatch.setattr(parallel, "available_cpus", lambda: 4)
    for load, workers in ((0.2, 4), (1.0, 4), (2.0, 3), (3.6, 1), (9.0, 1)):
        monkeypatch.setattr(parallel.os, "getloadavg", lambda load=load: (load, load, load))
        assert parallel.resolve_jobs(0) == workers, load
    assert parallel.resolve_jobs(3) == 3  # a number asked for is kept
    monkeypatch.delattr(parallel.os, "getloadavg")
    assert parallel.resolve_jobs(0) == 4


# with workers, the items' disambiguation reads are made in the sorting pass
@pytest.mark.parametrize(("jobs", "expected"), [
    (1, ["sorting", "disambiguating", "formatting"]), (2, ["sorting", "formatting"])])
def test_progress_is_told_every_entry(small_batches: None, jobs: int,
                                      expected: list[str]) -> None:
    calls: list[tuple[str, int, int]] = []
    items = load_items()
    format_bibliography(items, "apa", jobs=jobs, progress=lambda *a: calls.append(a))
    assert calls and calls[-1] == ("formatting", len(items), len(items))
    stages = list(dict.fromkeys(stage for stage, _, _ in calls))
    assert stages == expected
    for stage in stages:  # each stage counts up to its total
        done = [d for s, d, _ in calls if s == stage]
        total = {t for s, _, t in calls if s == stage}
        assert done == sorted(done) and len(total) == 1 and done[-1] == total.pop()


def test_reading_many_files_reports_progress(tmp_path: Path) -> None:
    from citekit.sources.batch import read_each

    paths = []
    for n in range(5):
        path = tmp_path / f"r{n}.json"
        path.write_text(json.dumps([{"id": f"r{n}", "type": "book", "title": f"T{n}"}]))
        paths.append(str(path))
    calls: list[tuple[str, int, int]] = []
    results = read_each(paths, progress=lambda *a: calls.append(a))
    assert len(results) == 5
    assert calls == [("reading", n, 5) for n in range(1, 6)]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_draws_on_a_terminal_and_is_erased() -> None:
    stream = _Terminal()
    bar = TerminalProgress(stream, min_total=10, delay=0)
    for done in range(0, 101, 10):
        bar("formatting", done, 100)
    bar.close()
    text = stream.getvalue()
    assert "formatting" in text and "100%" in text and "100/100" in text
    assert text.endswith("\r\033[K")


def test_bar_is_silent_when_piped_or_short() -> None:
    piped = io.StringIO()
    bar = TerminalProgress(piped, min_total=10, delay=0)
    bar("formatting", 50, 100)
    bar.close()
    assert piped.getvalue() == ""
    short = _Terminal()
    bar = TerminalProgress(short, min_total=1000, delay=0)
    bar("formatting", 5, 10)
    assert short.getvalue() == ""


def test_cli_output_is_the_same_with_one_or_two_jobs(small_batches: None,
                                                     tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text(json.dumps([i.to_json() for i in load_items()]), "utf-8")
    runner = CliRunner()
    one = runner.invoke(main, ["format", "-j", "1", str(path)])
    two = runner.invoke(main, ["format", "-j", "2", str(path)])
    assert one.exit_code == 0 and two.exit_code == 0
    assert one.output == two.output and one.output.count("\n") > 150


def test_piped_run_prints_no_progress(tmp_path: Path) -> None:
    items = [Item.from_json({"id": f"i{n}", "type": "book", "title": f"Book {n}",
                             "author": [{"family": f"Author{n % 97}", "given": "A."}],
                             "issued": {"date-parts": [[2000 + n % 20]]}})
             for n in range(2500)]
    path = tmp_path / "items.json"
    path.write_text(json.dumps([i.to_json() for i in items]), "utf-8")
    done = subprocess.run([sys.executable, "-c", "from citekit.cli import main; main()",
                           "format", str(path)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0
    assert done.stderr == ""
    assert done.stdout.count("\n") == 2500


# -- memory of large runs (issue 21): entries made one at a time, state kept only as needed --
@pytest.mark.parametrize("style", ["apa", "ieee", "modern-language-association"])
@pytest.mark.parametrize("jobs", [1, 2])
def test_streamed_entries_equal_the_bibliography(small_batches: None, style: str,
                                                 jobs: int) -> None:
    """bibliography_entries (what citekit format writes as it goes) gives
    format_bibliography's entries and warnings; the caller's items are left as they were
    unless it gives them away."""
    items = load_items("groups-items.json") + load_items()
    before = [item.to_json() for item in items]
    bib = format_bibliography(items, style, jobs=jobs)
    warnings: list[str] = []
    assert list(bibliography_entries(items, style, jobs=jobs, warnings=warnings)) == bib.entries
    assert warnings == bib.warnings
    assert [item.to_json() for item in items] == before


def test_only_items_that_disambiguation_changed_keep_a_disamb() -> None:
    items = load_items()
    proc = Processor("apa", items)
    ids = list(proc.items)
    prepare(proc, [Citation([Cite(i) for i in ids], note_index=1)])
    assert proc.disamb and len(proc.disamb) < len(ids)
    assert all(disamb != Disamb() for disamb in proc.disamb.values())
    assert proc.bibliography(ids).entries == format_bibliography(items, "apa").entries


@pytest.mark.parametrize("style", ["apa", "chicago-author-date", "harvard-cite-them-right",
                                   "modern-language-association", "ieee"])
def test_one_shot_bibliography_keeps_no_sort_values(style: str) -> None:
    """A one-shot bibliography (format_bibliography, citekit format) drops each sort key's
    values once the sort has read them and keeps the order; it gives what a processor that
    keeps them gives (with the disambiguation state, shared where equal, unchanged)."""
    items = load_items("groups-items.json") + load_items()
    kept = Processor(style, items)
    ids = list(kept.items)
    prepare(kept, [Citation([Cite(i) for i in ids], note_index=1)])
    lean = Processor(style, items)
    lean.keep_sort_values = False
    prepare(lean, [Citation([Cite(i) for i in ids], note_index=1)])
    numbered = any(key.key_numbered for key in lean.style.bibliography.sort)
    assert not [k for k in lean._sort_cache if k[0] == "bibliography"] or numbered
    assert lean.disamb == kept.disamb
    assert lean.bibliography(ids) == kept.bibliography(ids)
    assert format_bibliography(items, style) == kept.bibliography(ids)


def test_workers_leave_the_collector_as_it_was(small_batches: None) -> None:
    """The heap is frozen out of the collector while workers run (so that a collection in a
    worker copies no shared page), and given back after, also when the results are not all
    read."""
    frozen = gc.get_freeze_count()
    out = parallel.parallel_iter(lambda n: n + 1, list(range(200)), 2)
    assert next(out) == 1
    out.close()
    assert gc.get_freeze_count() == frozen
    assert list(parallel.parallel_iter(lambda n: n + 1, list(range(200)), 2)) == \
        list(range(1, 201))
    assert gc.get_freeze_count() == frozen


def test_large_outputs_are_spooled_to_a_file(monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    """citekit format keeps its output until the run succeeds, past 8 MiB in a temporary
    file: the bytes are those of an output kept in memory."""
    path = tmp_path / "items.json"
    path.write_text(json.dumps([i.to_json() for i in load_items()]), "utf-8")
    runner = CliRunner()
    kept = runner.invoke(main, ["format", "--to", "html", str(path)])
    monkeypatch.setattr(cli._Spool, "LIMIT", 1000)
    spooled = runner.invoke(main, ["format", "--to", "html", str(path)])
    written = runner.invoke(main, ["format", "--to", "html", "-o", str(tmp_path / "o.html"),
                                   str(path)])
    assert kept.exit_code == spooled.exit_code == written.exit_code == 0
    assert spooled.stdout == kept.stdout and len(kept.stdout) > 10_000
    assert (tmp_path / "o.html").read_text("utf-8") == kept.stdout


def test_disambiguation_reads_are_made_with_the_sort_keys(small_batches: None) -> None:
    """With workers, the sort's pass also makes each item's disambiguation read (one pass
    over the items instead of two); disambiguation uses them, and gives what one process
    gives."""
    items = load_items("groups-items.json") + load_items()
    ids = [i.id for i in items]

    def prepared(jobs: int) -> Processor:
        proc = Processor(load_style("apa"), items, jobs=jobs)
        proc.cited = list(dict.fromkeys(ids))
        proc.assign_citation_numbers(list(proc.cited), read_early=True)
        if jobs > 1:
            assert set(proc._early_reads) == set(proc.cited)
        proc.disambiguate([Citation([Cite(i) for i in ids], note_index=1)])
        assert proc._early_reads == {}  # used by that pass, not kept
        return proc

    one, two = prepared(1), prepared(2)
    assert two.disamb == one.disamb and len(one.disamb) > 10
    assert two.bibliography().entries == one.bibliography().entries
