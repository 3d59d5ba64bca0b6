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
    from .csl.document import Citation, process

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
        return _run_citations(proc, json.loads(sections["CITATIONS"]))
    citations = _citations(sections, proc)
    return "\n".join(process(proc, citations))


def _citations(sections: dict[str, str], proc: Any) -> list[Any]:
    from .csl.document import Citation

    if "CITATION-ITEMS" in sections:
        return [Citation.from_json(c) for c in json.loads(sections["CITATION-ITEMS"])]
    if "CITATIONS" in sections:
        return [Citation.from_json(c[0]) for c in json.loads(sections["CITATIONS"])]
    return [Citation.from_json([{"id": i} for i in proc.items])]


def _run_citations(proc: Any, data: list[Any]) -> str:
    """Process clusters one after another; show each step's changes as citeproc-js does."""
    from .csl.document import Citation, process

    done: list[Any] = []
    previous: list[str] = []
    for n, entry in enumerate(data):
        citation = Citation.from_json(entry[0])
        pre = [c[0] for c in entry[1]] if len(entry) > 1 else []
        order = [c.id for c in done]
        # insert after the last citation named in citationsPre
        pos = max((order.index(x) + 1 for x in pre if x in order), default=len(done)) \
            if pre else 0
        done.insert(pos, citation)
        fresh = [_clone(c) for c in done]
        texts = process(_fresh(proc), fresh)
        if n == len(data) - 1:
            ids = [c.id for c in done]
            lines = []
            for i, text in enumerate(texts):
                old = dict(previous).get(ids[i])
                mark = ">>" if (ids[i] == citation.id or old != text) else ".."
                lines.append(f"{mark}[{i}] {text}")
            return "\n".join(lines)
        previous = list(zip([c.id for c in done], texts))
    return ""


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
        except Exception as exc:  # noqa: BLE001 - a crash is a failure, recorded as data
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
