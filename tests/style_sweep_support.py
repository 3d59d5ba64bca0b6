"""Compare citekit with citeproc-js's stored outputs for real styles of the CSL library.

The outputs come from tools/stylesweep/oracle.js (one ``<style>.json.gz`` per style); the items
from tools/stylesweep/make_items.py. tests/test_style_sweep.py requires the agreement figures
on the stored sample; tools/stylesweep/sweep.py runs the same comparison over the whole library.
"""
from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path

from citekit.csl.document import Citation, process
from citekit.csl.eval.context import Cite
from citekit.csl.processor import Processor
from citekit.csl.style import load_style
from citekit.model import Item

DATA = Path(__file__).parent / "data" / "styles"
KINDS = ("bibliography_text", "bibliography_html", "citations_text", "citations_html")


def read_record(path: Path) -> dict:
    return json.loads(gzip.decompress(path.read_bytes()))


def bare_entries(record: dict, output: str) -> list[str]:
    """citeproc-js's bibliography entries without the newline or the csl-entry div."""
    if output == "text":
        return [e.removesuffix("\n") for e in record["bibliography_text"]]
    head, tail = '<div class="csl-entry">', "</div>"
    return [e.strip()[len(head):-len(tail)] for e in record["bibliography_html"]["entries"]]


@dataclass
class StyleResult:
    """One style's comparison: per kind, the equal count and the differing entries."""

    style: str
    equal: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    diffs: list[tuple[str, str, str, str]] = field(default_factory=list)  # kind, key, got, exp
    crash: str | None = None
    oracle_error: str | None = None

    @property
    def fully_equal(self) -> bool:
        return self.crash is None and self.oracle_error is None and not self.diffs

    def to_json(self) -> dict:
        return {"style": self.style, "equal": self.equal, "total": self.total,
                "crash": self.crash, "oracle_error": self.oracle_error,
                "diffs": [list(d) for d in self.diffs]}


def _clusters(record: dict, locators: dict | None) -> list[Citation]:
    out = []
    for c in record["citations"]:
        loc = (locators or {}).get(c["id"])
        cite = Cite(c["id"], locator=loc[1], label=loc[0]) if loc else Cite(c["id"])
        out.append(Citation([cite], note_index=c["noteIndex"]))
    return out


def compare_style(style: str, record: dict, items: list[dict], locators: dict | None = None,
                  clusters: list[dict] | None = None) -> StyleResult:
    """citekit against one citeproc-js record; ``clusters``: a document's citation clusters."""
    result = StyleResult(style)
    if "error" in record:
        result.oracle_error = record["error"]
        return result
    parsed = [Item.from_json(d) for d in items]
    try:
        loaded = load_style(style)
        for output in ("text", "html"):
            proc = Processor(loaded, parsed, output=output)
            citations = ([Citation.from_json(c) for c in clusters] if clusters is not None
                         else _clusters(record, locators))
            cites = process(proc, citations)
            bib = proc.bibliography()
            got = dict(zip(bib.ids, bib.entries))
            pairs = {
                f"bibliography_{output}": list(zip(record["bibliography_ids"],
                                                   (got.get(i) for i in record["bibliography_ids"]),
                                                   bare_entries(record, output))),
                f"citations_{output}": [(str(n), g, e) for n, (g, e) in
                                        enumerate(zip(cites, record[f"citations_{output}"]))],
            }
            if bib.ids != record["bibliography_ids"]:
                result.diffs.append((f"bibliography_{output}", "order", " ".join(bib.ids),
                                     " ".join(record["bibliography_ids"])))
            for kind, rows in pairs.items():
                result.total[kind] = len(rows)
                result.equal[kind] = sum(g == e for _, g, e in rows)
                result.diffs.extend((kind, k, g if g is not None else "<missing>", e)
                                    for k, g, e in rows if g != e)
    except Exception as exc:
        result.crash = f"{type(exc).__name__}: {exc}".splitlines()[0]
    return result


def summarize(results: list[StyleResult]) -> dict:
    """Overall figures: per kind equal/total and share; fully equal styles; crashes."""
    kinds: dict[str, dict[str, float]] = {}
    for kind in KINDS:
        equal = sum(r.equal.get(kind, 0) for r in results)
        total = sum(r.total.get(kind, 0) for r in results)
        kinds[kind] = {"equal": equal, "total": total,
                       "share": round(equal / total, 6) if total else 1.0}
    return {
        "styles": len(results),
        "fully_equal": sum(r.fully_equal for r in results),
        "crashes": sorted(r.style for r in results if r.crash),
        "oracle_errors": sorted(r.style for r in results if r.oracle_error),
        "kinds": kinds,
    }
