"""Benchmark peer: citeproc-py (pip ``citeproc-py``), run in benchmarks/.cache/venv-peers.

usage: python citeproc_py.py MODE STYLE.csl ITEMS.json FORMAT
  MODE   bib (bibliography of every item) | cites (one citation per item, in turn)
  FORMAT text | html

Items citeproc-py's CSL-JSON reader rejects, or with names it cannot
render (literal names, name variables it does not know such as director), are dropped (their
count goes to stderr), and an
item whose rendering raises is printed as an empty line, so one bad item does not end the run.
"""
from __future__ import annotations

import json
import sys
import warnings
from typing import Any

from citeproc import (
    NAMES,
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON


def load_source(items: list[dict[str, Any]]) -> tuple[CiteProcJSON, list[str]]:
    """A citeproc-py source of the items it accepts, and their ids in order."""
    good, ids = [], []
    for item in items:
        if any(isinstance(v, list) and any(isinstance(p, dict) for p in v)
               and (k.replace("-", "_") not in NAMES or any("family" not in p for p in v))
               for k, v in item.items()):
            continue  # literal names, or name variables citeproc-py does not know, crash it
        try:
            CiteProcJSON([item])
        except Exception:
            continue
        good.append(item)
        ids.append(str(item["id"]).lower())
    if len(good) < len(items):
        print(f"citeproc-py: dropped {len(items) - len(good)} items it cannot read",
              file=sys.stderr)
    return CiteProcJSON(good), ids


def one_line(text: str) -> str:
    return " ".join(str(text).split("\n")).strip()


def main(argv: list[str]) -> int:
    mode, style_file, items_file, fmt = argv[:4]
    with open(items_file, encoding="utf-8") as handle:
        items = json.load(handle)
    warnings.simplefilter("ignore")
    source, ids = load_source(items)
    style = CitationStylesStyle(style_file, validate=False)
    bib = CitationStylesBibliography(style, source,
                                     formatter.html if fmt == "html" else formatter.plain)
    citations = [Citation([CitationItem(i)]) for i in ids]
    for citation in citations:
        bib.register(citation)
    out = sys.stdout
    if mode == "cites":
        for citation in citations:
            try:
                out.write(one_line(bib.cite(citation, lambda _item: None)) + "\n")
            except Exception:
                out.write("\n")
        return 0
    if fmt == "html":
        out.write('<div class="csl-bib-body">\n')
    for entry in bib.bibliography():
        text = one_line(entry)
        out.write((f'<div class="csl-entry">{text}</div>' if fmt == "html" else text) + "\n")
    if fmt == "html":
        out.write("</div>\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
