"""In-process timing: one edit in the middle of a document, citekit against itself.

usage: python citekit_edit.py EDIT STYLE DOC.json REPEAT OUT.txt

EDIT is one of the edits the citeproc-js peer makes (``citeproc_js.js``, ``editRun``), at the
middle index ``mid`` of DOC.json's clusters:

- insert: a new cluster citing the first cluster's first item, sharing the note before it;
- replace: the cluster at ``mid`` by one citing that item with locator 99;
- remove: the cluster at ``mid``.

Builds a :class:`citekit.csl.incremental.Document` holding DOC.json's clusters, then REPEAT
times makes the edit (timed: wall and CPU) and undoes it (not timed); and REPEAT times
re-processes the whole edited document (``format_document``). The texts after the edit must
equal that full run (else exit 1). Writes them to OUT.txt, one per line, and prints a JSON
line of timings (ms) to stdout.
"""
from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from citekit.api import format_document
from citekit.csl.document import Citation
from citekit.csl.incremental import Document
from citekit.csl.processor import Processor
from citekit.csl.style import load_style
from citekit.formats.csljson.read import read


def load(doc_file: str) -> tuple[list[Any], list[dict[str, Any]]]:
    """The document's items (through citekit's CSL-JSON reader) and its clusters."""
    with open(doc_file, encoding="utf-8") as handle:
        data = json.load(handle)
    result = read(json.dumps(data["items"]), doc_file)
    return result.items, data["clusters"]


def plan(edit: str, clusters: list[dict[str, Any]]
         ) -> tuple[Callable[[Document], dict[str, str]], Callable[[Document], object],
                    list[dict[str, Any]]]:
    """The edit, its undo, and the clusters of the edited document."""
    mid = len(clusters) // 2
    first = dict(clusters[0]["citationItems"][0])
    target = clusters[mid]
    if edit == "insert":
        fresh = {"citationID": "INSERTED-1", "citationItems": [first],
                 "properties": {"noteIndex": clusters[mid - 1]["properties"]["noteIndex"]}}
        return (lambda d: d.insert(Citation.from_json(fresh), mid),
                lambda d: d.remove("INSERTED-1"), clusters[:mid] + [fresh] + clusters[mid:])
    if edit == "replace":
        new = {"citationID": target["citationID"],
               "citationItems": [dict(first, locator="99")],
               "properties": dict(target["properties"])}
        return (lambda d: d.replace(target["citationID"], Citation.from_json(new)),
                lambda d: d.replace(target["citationID"], Citation.from_json(target)),
                clusters[:mid] + [new] + clusters[mid + 1:])
    if edit == "remove":
        return (lambda d: d.remove(target["citationID"]),
                lambda d: d.insert(Citation.from_json(target), mid),
                clusters[:mid] + clusters[mid + 1:])
    raise SystemExit(f"unknown edit {edit!r} (insert, replace, remove)")


def one_line(text: str) -> str:
    return " ".join(text.split("\n")).strip()


def main(argv: list[str]) -> int:
    edit, style_name, doc_file, repeat, out_file = argv[0], argv[1], argv[2], int(argv[3]), \
        argv[4]
    items, clusters = load(doc_file)
    style = load_style(style_name)
    do, undo, edited = plan(edit, clusters)

    t0 = time.perf_counter()
    doc = Document(Processor(style, items))
    doc.extend(Citation.from_json(c) for c in clusters)
    build_ms = (time.perf_counter() - t0) * 1000

    edit_ms: list[float] = []
    cpu_ms: list[float] = []
    changed = 0
    texts: list[str] = []
    for _ in range(repeat):
        c0, t0 = time.process_time(), time.perf_counter()
        changed = len(do(doc))
        edit_ms.append((time.perf_counter() - t0) * 1000)
        cpu_ms.append((time.process_time() - c0) * 1000)
        texts = doc.texts()
        undo(doc)

    full_ms: list[float] = []
    full: list[str] = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        full, _ = format_document(items, edited, style)
        full_ms.append((time.perf_counter() - t0) * 1000)
    if texts != full:
        wrong = sum(a != b for a, b in zip(texts, full)) + abs(len(texts) - len(full))
        print(f"{edit}: {wrong} citation(s) differ from a full run", file=sys.stderr)
        return 1

    with open(out_file, "w", encoding="utf-8") as handle:
        handle.writelines(one_line(t) + "\n" for t in texts)
    print(json.dumps({"edit_ms": edit_ms, "cpu_ms": cpu_ms, "full_ms": full_ms,
                      "build_ms": build_ms, "changed": changed,
                      "median_edit": statistics.median(edit_ms),
                      "median_cpu": statistics.median(cpu_ms),
                      "median_full": statistics.median(full_ms)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
