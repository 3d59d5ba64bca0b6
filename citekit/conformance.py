"""Format stage, checked: run the official CSL processor fixtures against citekit's engine.

``python -m citekit.conformance SUITE_DIR [--write DIR] [--only PATTERN]`` prints pass counts
per category and overall. :func:`run_fixture` gives the engine's output for one fixture's text,
shaped like its RESULT section. Outputs compare as citeproc-js's runner compares them: newlines
normalized, entity spellings (``&amp;`` / ``&#38;``) equal.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

_SECTION = re.compile(r">>=+\s*([A-Z-]+)\s*=+>>\n?(.*?)\n?<<=+\s*\1\s*=+<<", re.S)


def parse_fixture(text: str) -> dict[str, str]:
    """The sections of a fixture file, by name (MODE, CSL, INPUT, RESULT, ...)."""
    return {m.group(1): m.group(2) for m in _SECTION.finditer(text)}


def _processor(sections: dict[str, str]) -> Any:
    from .csl.processor import Processor
    from .csl.style import style_from_string
    from .model import Item

    style = style_from_string(sections["CSL"], "<fixture>")
    items = [Item.from_json(d) for d in json.loads(sections["INPUT"])]
    return Processor(style, items, output="html")


def run_fixture(text: str) -> str:
    """The engine's output for one fixture, in the shape of its RESULT section."""
    from .csl.document import process

    sections = parse_fixture(text)
    mode = sections.get("MODE", "citation").strip()
    proc = _processor(sections)
    if mode.startswith("bibliography"):
        ids = list(proc.items)
        if "BIBENTRIES" in sections:
            ids = json.loads(sections["BIBENTRIES"])[-1]
        if "CITATION-ITEMS" in sections or "CITATIONS" in sections:
            process(proc, _citations(sections, proc))
            ids = list(dict.fromkeys(proc.cited + ids)) if "CITATIONS" not in sections \
                else proc.cited
        bib = proc.bibliography(ids)
        body = "".join(f'  <div class="csl-entry">{e}</div>\n' for e in bib.entries)
        return f'<div class="csl-bib-body">\n{body}</div>'
    if "CITATIONS" in sections:
        return _run_citations(proc, json.loads(sections["CITATIONS"]),
                              "first-reference-note-number" in sections["CSL"])
    citations = _citations(sections, proc)
    return "\n".join(process(proc, citations))


def _citations(sections: dict[str, str], proc: Any) -> list[Any]:
    from .csl.document import Citation

    if "CITATION-ITEMS" in sections:
        return [Citation.from_json(c) for c in json.loads(sections["CITATION-ITEMS"])]
    if "CITATIONS" in sections:
        return [Citation.from_json(c[0]) for c in json.loads(sections["CITATIONS"])]
    return [Citation.from_json([{"id": i} for i in proc.items])]


def _run_citations(proc: Any, data: list[Any], note_numbers: bool = True) -> str:
    """Process clusters one after another as citeproc-js's processCitationCluster does.

    Each step's document is citationsPre + [citation] + citationsPost (others are dropped;
    pre/post also reset note numbers). After the last step, citations it updated are marked
    ">>" and the rest "..", as in citeproc-js's fixture runner (a citation is updated when
    its text, its cites' positions or, if the style shows them, first-note numbers change).
    """
    from .csl.document import Citation, process

    by_id: dict[str, Any] = {}
    previous: dict[str, tuple[str, Any]] = {}
    lines: list[str] = []
    for n, entry in enumerate(data):
        citation = Citation.from_json(entry[0])
        citation.id = citation.id or f"CITATION-{n}"
        pre = entry[1] if len(entry) > 1 else []
        post = entry[2] if len(entry) > 2 else []
        order = [_renote(by_id, ref) for ref in pre] + [citation] + \
            [_renote(by_id, ref) for ref in post]
        order = [c for c in order if c is not None]
        by_id = {c.id: c for c in order}
        clones = [_clone(c) for c in order]
        texts = process(_fresh(proc), clones)
        states = [(t, _position_state(c, note_numbers)) for c, t in zip(clones, texts)]
        lines = [f"{'>>' if c is citation or previous.get(c.id) != st else '..'}[{i}] {st[0]}"
                 for i, (c, st) in enumerate(zip(order, states))]
        previous = {c.id: st for c, st in zip(order, states)}
    return "\n".join(lines)


def _position_state(citation: Any, note_numbers: bool) -> tuple[Any, ...]:
    """What citeproc-js compares to decide a citation needs an update."""
    return tuple((c.position, c.near_note, (c.first_reference_note_number or c.note_index)
                  if note_numbers else None) for c in citation.cites)


def _renote(by_id: dict[str, Any], ref: list[Any]) -> Any:
    """The registered citation ``ref[0]`` with its note number set to ``ref[1]``."""
    from dataclasses import replace

    citation = by_id.get(ref[0])
    if citation is None:
        return None
    note = int(ref[1] or 0) if len(ref) > 1 else citation.note_index
    return replace(citation, note_index=note)


def _clone(citation: Any) -> Any:
    from dataclasses import replace

    return replace(citation, cites=[replace(c) for c in citation.cites])


def _fresh(proc: Any) -> Any:
    from .csl.processor import Processor

    return Processor(proc.style, proc.items.values(), output=proc.output)


def normalize(text: str) -> str:
    text = text.replace("\r\n", "\n").strip()
    text = text.replace("&amp;", "&#38;").replace("&lt;", "&#60;").replace("&gt;", "&#62;")
    text = re.sub(r"\n\s*\n", "\n", text)
    return text


def run_suite(suite: Path, only: str | None = None) -> dict[str, tuple[bool, str, str]]:
    results: dict[str, tuple[bool, str, str]] = {}
    for path in sorted(suite.glob("*.txt")):
        if only and not re.search(only, path.name):
            continue
        text = path.read_text(encoding="utf-8")
        expected = normalize(parse_fixture(text).get("RESULT", ""))
        try:
            got = normalize(run_fixture(text))
        except Exception as exc:
            got = f"ERROR: {type(exc).__name__}: {exc}"
        results[path.stem] = (got == expected, expected, got)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m citekit.conformance")
    parser.add_argument("suite", type=Path)
    parser.add_argument("--only", help="regex on fixture names")
    parser.add_argument("--write", type=Path, help="write per-fixture results (JSON) here")
    parser.add_argument("--show-failures", action="store_true")
    parser.add_argument("--update-passing", type=Path,
                        help="write the names of passing fixtures to this file")
    args = parser.parse_args(argv)
    results = run_suite(args.suite, args.only)
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for name, (ok, _, _) in results.items():
        cat = name.split("_", 1)[0]
        per[cat][1] += 1
        per[cat][0] += ok
    for cat in sorted(per):
        print(f"{cat:16} {per[cat][0]:4d} / {per[cat][1]:4d}")
    passed = sum(ok for ok, _, _ in results.values())
    print(f"{'TOTAL':16} {passed:4d} / {len(results):4d}")
    if args.show_failures:
        for name, (ok, exp, got) in results.items():
            if not ok:
                print(f"--- {name}\n  expected: {exp!r}\n  got:      {got!r}")
    if args.update_passing:
        header = [line for line in args.update_passing.read_text().splitlines()
                  if line.startswith("#")] if args.update_passing.exists() else []
        names = sorted(n for n, (ok, _, _) in results.items() if ok)
        args.update_passing.write_text("\n".join(header + names) + "\n", encoding="utf-8")
    if args.write:
        args.write.write_text(json.dumps(
            {n: {"pass": ok, "expected": e, "got": g} for n, (ok, e, g) in results.items()},
            indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
