"""In-process timing: insert one citation in the middle of a document, citekit against itself.

usage: python citekit_insert.py STYLE DOC.json REPEAT OUT.txt

Builds a :class:`citekit.csl.incremental.Document` holding DOC.json's clusters, then REPEAT
times inserts a citation in the middle (sharing the note of the cluster before it, as the
citeproc-js peer does) and removes it again, timing each insert; and REPEAT times re-processes
the whole document with the citation in it (``format_document``). Writes the texts after the
insertion to OUT.txt, one per line, and prints a JSON line of timings (ms) to stdout.
"""
from __future__ import annotations

import json
import statistics
import sys
import time
from typing import Any

from citekit.api import format_document
from citekit.csl.document import Citation
from citekit.csl.incremental import Document
from citekit.csl.processor import Processor
from citekit.csl.style import load_style
from citekit.sources.csljson import read


def load(doc_file: str) -> tuple[list[Any], list[dict[str, Any]]]:
    """The document's items (through citekit's CSL-JSON reader) and its clusters."""
    with open(doc_file, encoding="utf-8") as handle:
        data = json.load(handle)
    result = read(json.dumps(data["items"]), doc_file)
    return result.items, data["clusters"]


def new_cluster(clusters: list[dict[str, Any]], mid: int) -> dict[str, Any]:
    return {"citationID": "INSERTED-1",
            "citationItems": [dict(clusters[0]["citationItems"][0])],
            "properties": {"noteIndex": clusters[mid - 1]["properties"]["noteIndex"]}}


def one_line(text: str) -> str:
    return " ".join(text.split("\n")).strip()


def main(argv: list[str]) -> int:
    style_name, doc_file, repeat, out_file = argv[0], argv[1], int(argv[2]), argv[3]
    items, clusters = load(doc_file)
    style = load_style(style_name)
    mid = len(clusters) // 2
    fresh = new_cluster(clusters, mid)

    t0 = time.perf_counter()
    doc = Document(Processor(style, items))
    # Document has no bulk load and insert() refreshes the whole document each time (quadratic
    # to build), so the clusters are set at once and refreshed once.
    doc.citations = [Citation.from_json(c) for c in clusters]
    doc._refresh()
    build_ms = (time.perf_counter() - t0) * 1000

    insert_ms: list[float] = []
    changed = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        changed = len(doc.insert(dict(fresh), mid))
        insert_ms.append((time.perf_counter() - t0) * 1000)
        texts = doc.texts()
        doc.remove("INSERTED-1")

    full_ms: list[float] = []
    whole = clusters[:mid] + [fresh] + clusters[mid:]
    for _ in range(repeat):
        t0 = time.perf_counter()
        format_document(items, whole, style)
        full_ms.append((time.perf_counter() - t0) * 1000)

    with open(out_file, "w", encoding="utf-8") as handle:
        handle.writelines(one_line(t) + "\n" for t in texts)
    print(json.dumps({"insert_ms": insert_ms, "full_ms": full_ms, "build_ms": build_ms,
                      "changed": changed, "median_insert": statistics.median(insert_ms),
                      "median_full": statistics.median(full_ms)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
