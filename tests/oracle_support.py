"""Compare citekit with the stored citeproc-js oracle outputs (tests/data/oracle/).

Run ``python tests/oracle_support.py`` for the agreement figures per style and output
(``-v`` lists every mismatch); tests/test_oracle.py requires every entry to agree.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from citekit.csl.document import Citation, process
from citekit.csl.eval.context import Cite
from citekit.csl.processor import Processor
from citekit.csl.style import load_style
from citekit.model import Item

DATA = Path(__file__).parent / "data" / "oracle"
STYLES = ("apa", "modern-language-association", "chicago-author-date",
          "chicago-notes-bibliography")
KINDS = ("bibliography_text", "bibliography_html", "citations_text", "citations_html")


def load_items(name: str = "items.json") -> list[Item]:
    return [Item.from_json(d) for d in json.loads((DATA / name).read_text("utf-8"))]


def oracle_entries(oracle: dict, output: str) -> list[str]:
    """citeproc-js's bibliography entries, bare (no newline, no csl-entry div)."""
    if output == "text":
        return [e.rstrip("\n") for e in oracle["bibliography_text"]]
    return [e.strip()[len('<div class="csl-entry">'):-len("</div>")]
            for e in oracle["bibliography_html"]["entries"]]


def compare(style: str, prefix: str = "", items_file: str = "items.json"
            ) -> dict[str, dict[str, tuple[str, str]]]:
    """kind -> item id -> (citekit, citeproc-js) for one style.

    ``prefix``/``items_file`` select another item set, e.g. the parsed seeds
    (``seeds-`` / ``seeds-items.json``).
    """
    oracle = json.loads((DATA / f"{prefix}{style}.json").read_text("utf-8"))
    items = load_items(items_file)
    out: dict[str, dict[str, tuple[str, str]]] = {}
    for output in ("text", "html"):
        # as the oracle was made: one citation per item in turn, then the bibliography
        proc = Processor(load_style(style), items, output=output)
        citations = [Citation([Cite(item.id)], note_index=i) for i, item in enumerate(items, 1)]
        cites = process(proc, citations)
        bib = proc.bibliography([item.id for item in items])
        got = dict(zip(bib.ids, bib.entries))
        expected = oracle_entries(oracle, output)
        ids = oracle["bibliography_ids"]
        out[f"bibliography_{output}"] = {i: (got.get(i, ""), e) for i, e in zip(ids, expected)}
        out[f"citations_{output}"] = {
            c["id"]: (g, e) for c, g, e in zip(oracle["citations"], cites,
                                                oracle[f"citations_{output}"])}
    return out


def compare_document(style: str) -> dict[str, dict[str, tuple[str, str]]]:
    """The 200-citation document: kind -> citation index or item id -> (citekit, oracle)."""
    from citekit.api import format_document

    doc = json.loads((DATA / "document.json").read_text("utf-8"))
    oracle = json.loads((DATA / f"document-{style}.json").read_text("utf-8"))
    items = [Item.from_json(d) for d in doc["items"]]
    out: dict[str, dict[str, tuple[str, str]]] = {}
    for output in ("text", "html"):
        texts, proc = format_document(items, doc["clusters"], style, output=output)
        out[f"document_{output}"] = {
            str(i): (g, e) for i, (g, e) in enumerate(zip(texts, oracle[f"citations_{output}"]))}
        bib = proc.bibliography()
        got = dict(zip(bib.ids, bib.entries))
        expected = oracle_entries(oracle, output)
        out[f"document_bibliography_{output}"] = {
            i: (got.get(i, ""), e) for i, e in zip(oracle["bibliography_ids"], expected)}
    return out


DOC_KINDS = ("document_text", "document_html", "document_bibliography_text",
             "document_bibliography_html")


def main() -> None:
    for style in STYLES:
        result = {**compare(style), **compare_document(style)}
        result.update({f"groups_{k}": v for k, v in
                       compare(style, "groups-", "groups-items.json").items()})
        for kind in KINDS + DOC_KINDS + tuple(f"groups_{k}" for k in KINDS):
            same = sum(g == e for g, e in result[kind].values())
            print(f"{style:30} {kind:28} {same:4d} / {len(result[kind]):4d}")
            if "-v" in sys.argv:
                for i, (g, e) in result[kind].items():
                    if g != e:
                        print(f"   {i}\n     got {g}\n     exp {e}")


if __name__ == "__main__":
    main()
