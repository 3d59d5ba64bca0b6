"""Format stage, checked: run the official CSL processor fixtures against citekit's engine.

``python -m citekit.conformance SUITE_DIR [--write FILE] [--only PATTERN]`` runs any folder of
fixtures in the official format (the official suite, citeproc-js's own fixtures, jgm/citeproc's)
and prints pass counts per category and overall. Fixtures that need an extension outside CSL
1.0.2 (:func:`extension_reasons`) are counted apart, by reason. :func:`run_fixture` gives the
engine's output for one fixture's text, shaped like its RESULT section. Outputs compare as
citeproc-js's runner compares them: newlines normalized, entity spellings (``&amp;`` /
``&#38;``) equal.
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


_CITEPROC_JS_MODES = {"bibliography-header", "citation-rtf", "bibliography-nosort"}


def extension_reasons(sections: dict[str, str]) -> list[str]:
    """The citeproc-js / Juris-M extensions a fixture's data or options need (none: standard).

    A CSL-M style is not detected here (that needs the CSL 1.0.2 schema); such fixtures come
    from an ``--extensions`` list written by ``tools/classify_fixtures.py``.
    """
    reasons = []
    if "OPTIONS" in sections or "OPTIONZ" in sections:
        reasons.append("OPTIONS section")
    if "ABBREVIATIONS" in sections:
        reasons.append("ABBREVIATIONS list")
    if "BIBSECTION" in sections:
        reasons.append("BIBSECTION")
    if sections.get("MODE", "").strip() in _CITEPROC_JS_MODES:
        reasons.append("citeproc-js-only MODE")
    keys = _item_keys(sections.get("INPUT", ""))
    if "multi" in keys:
        reasons.append("multilingual item data")
    if "seeAlso" in keys:
        reasons.append("parallel item data")
    return reasons


def _item_keys(data: str) -> set[str]:
    """The top-level keys of a fixture's items, and of their names and dates."""
    try:
        items = json.loads(data)
    except ValueError:
        return set()
    keys: set[str] = set()
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            keys.update(item)
            for value in item.values():
                for part in value if isinstance(value, list) else [value]:
                    if isinstance(part, dict):
                        keys.update(part)
    return keys


def read_extensions(path: Path) -> dict[str, list[str]]:
    """A ``name<TAB>reason; reason`` list (lines starting with ``#`` are comments)."""
    out: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, reasons = line.partition("\t")
            out[name.strip()] = [r.strip() for r in reasons.split(";") if r.strip()]
    return out


def _processor(sections: dict[str, str]) -> Any:
    from .csl.abbreviations import Abbreviations
    from .csl.processor import Processor
    from .csl.style import style_from_string
    from .model import Item

    style = style_from_string(sections["CSL"], "<fixture>")
    items = [Item.from_json(d) for d in json.loads(sections["INPUT"])]
    abbreviations = Abbreviations(json.loads(sections["ABBREVIATIONS"]), "<fixture>") \
        if "ABBREVIATIONS" in sections else None
    proc = Processor(style, items, output="html", abbreviations=abbreviations)
    options = json.loads(sections["OPTIONS"]) if "OPTIONS" in sections else {}
    proc.link_identifiers = bool(options.get("linkBibliography"))  # jgm's link-bibliography
    return proc


def run_fixture(text: str) -> str:
    """The engine's output for one fixture, in the shape of its RESULT section."""
    from .csl.document import prepare, process

    sections = parse_fixture(text)
    mode = sections.get("MODE", "citation").strip()
    proc = _processor(sections)
    if mode.startswith("bibliography"):
        ids = list(proc.items)
        if "BIBENTRIES" in sections:
            ids = json.loads(sections["BIBENTRIES"])[-1]
        if "CITATIONS" in sections:  # the document the last step leaves
            *_, (_, final) = _steps(json.loads(sections["CITATIONS"]))
            process(proc, [_clone(c) for c in final])
            ids = proc.cited
        elif "CITATION-ITEMS" in sections:
            process(proc, _citations(sections, proc))
            ids = list(dict.fromkeys(proc.cited + ids))
        bib = proc.bibliography(ids)
        body = "".join(f'  <div class="csl-entry">{e}</div>\n' for e in bib.entries)
        return f'<div class="csl-bib-body">\n{body}</div>'
    if "CITATIONS" in sections:
        out = _run_citations(proc, json.loads(sections["CITATIONS"]),
                             "first-reference-note-number" in sections["CSL"])
        return strip_marks(out, sections)
    if "BIBENTRIES" in sections and "CITATION-ITEMS" not in sections:
        return _run_bibentries(proc, json.loads(sections["BIBENTRIES"]))
    citations = _citations(sections, proc)
    if "CITATION-ITEMS" in sections:
        return "\n".join(process(proc, citations))
    # every item in one citation: citeproc-js's runner renders it with makeCitationCluster
    prepare(proc, citations)
    return proc.render_cluster(citations[0], grouped=False)


_MARK = re.compile(r"^(?:>>|\.\.)\[\d+\] ", re.M)  # citeproc-js's runner's ">>[0] "


def strip_marks(output: str, sections: dict[str, str]) -> str:
    """A CITATIONS fixture's output without citeproc-js's runner's ``>>[0] `` marks when its
    RESULT has none (the jgm/citeproc fixtures rewritten into the CITATIONS form kept jgm's
    RESULT: the citations' texts)."""
    if "CITATIONS" not in sections or _MARK.search(sections.get("RESULT", "")):
        return output
    return _MARK.sub("", output)


def _run_bibentries(proc: Any, lists: list[list[str]]) -> str:
    """citeproc-js's updateItems with each list in turn, then one citation of the last."""
    from .csl.document import Citation
    from .csl.eval.context import Cite
    from .csl.incremental import Document

    doc = Document(proc)
    for ids in lists:
        doc.update_items(ids)
    doc.insert(Citation([Cite(i) for i in lists[-1]]))
    return doc.texts()[0]


def _citations(sections: dict[str, str], proc: Any) -> list[Any]:
    from .csl.document import Citation

    if "CITATION-ITEMS" in sections:
        return [Citation.from_json(c) for c in json.loads(sections["CITATION-ITEMS"])]
    if "CITATIONS" in sections:
        return [Citation.from_json(c[0]) for c in json.loads(sections["CITATIONS"])]
    # citeproc-js's runner registers every item (updateItems) and cites them in the order
    # its registry keeps them: the bibliography's
    order = proc.sort_ids(list(proc.items), "bibliography")
    return [Citation.from_json([{"id": i} for i in order])]


def _run_citations(proc: Any, data: list[Any], note_numbers: bool = True) -> str:
    """Process clusters one after another as citeproc-js's processCitationCluster does.

    Each step's document is citationsPre + [citation] + citationsPost (others are dropped;
    pre/post also reset note numbers). After the last step, citations it updated are marked
    ">>" and the rest "..", as in citeproc-js's fixture runner (a citation is updated when
    its text, its cites' positions, what disambiguation gave their items or, if the style
    shows them, first-note numbers change).
    """
    from .csl.document import process

    previous: dict[str, tuple[str, Any, Any]] = {}
    lines: list[str] = []
    for citation, order in _steps(data):
        clones = [_clone(c) for c in order]
        step = _fresh(proc)
        texts = process(step, clones)
        states = [(t, _position_state(c, note_numbers),
                   tuple(_disamb_state(step.disamb.get(x.id)) for x in c.cites))
                  for c, t in zip(clones, texts)]
        lines = [f"{'>>' if c is citation or previous.get(c.id) != st else '..'}[{i}] {st[0]}"
                 for i, (c, st) in enumerate(zip(order, states))]
        previous = {c.id: st for c, st in zip(order, states)}
    return "\n".join(lines)


def _disamb_state(state: Any) -> Any:
    """What disambiguation gave an item (citeproc-js re-renders citations whose items it
    changes, text changed or not), and whether its disambiguate="true" tests took effect."""
    if state is None:  # the processor keeps no Disamb for an item that needs none
        from .csl.eval.context import Disamb

        state = Disamb()
    return (state.add_names, state.givenname_level, sorted(state.name_levels.items()),
            state.year_suffix, state.disambiguate, state.cond_count)


def _steps(data: list[Any]) -> Any:
    """(citation, document) per processCitationCluster step: the document is citationsPre +
    [citation] + citationsPost (others are dropped; a re-submitted id replaces its citation)."""
    from .csl.document import Citation

    by_id: dict[str, Any] = {}
    for n, entry in enumerate(data):
        citation = Citation.from_json(entry[0])
        citation.id = citation.id or f"CITATION-{n}"
        pre = entry[1] if len(entry) > 1 else []
        post = entry[2] if len(entry) > 2 else []
        order = [_renote(by_id, ref) for ref in pre] + [citation] + \
            [_renote(by_id, ref) for ref in post]
        order = [c for c in order if c is not None and (c is citation or c.id != citation.id)]
        by_id = {c.id: c for c in order}
        yield citation, order


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

    return Processor(proc.style, proc.items.values(), output=proc.output,
                     abbreviations=proc.abbreviations)


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


def suite_reasons(suite: Path, extensions: Path | None = None) -> dict[str, list[str]]:
    """Each fixture's extension reasons: its own sections', plus those an extensions list gives."""
    listed = read_extensions(extensions) if extensions else {}
    out = {}
    for path in sorted(suite.glob("*.txt")):
        reasons = extension_reasons(parse_fixture(path.read_text(encoding="utf-8")))
        out[path.stem] = list(dict.fromkeys(listed.get(path.stem, []) + reasons))
    return out


def category_table(results: dict[str, tuple[bool, str, str]]) -> list[tuple[str, int, int]]:
    """(category, passed, fixtures) rows, the category being a fixture name's first part."""
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for name, (ok, _, _) in results.items():
        cat = name.split("_", 1)[0] if "_" in name else name.split("-", 1)[0]
        per[cat][0] += ok
        per[cat][1] += 1
    return [(cat, p, n) for cat, (p, n) in sorted(per.items())]


def reason_table(results: dict[str, tuple[bool, str, str]],
                 reasons: dict[str, list[str]]) -> list[tuple[str, int, int]]:
    """(reason, passed, fixtures) rows for the fixtures that need extensions."""
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for name, (ok, _, _) in results.items():
        for reason in reasons.get(name, []):
            per[reason][0] += ok
            per[reason][1] += 1
    return [(r, p, n) for r, (p, n) in sorted(per.items())]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m citekit.conformance")
    parser.add_argument("suite", type=Path)
    parser.add_argument("--only", help="regex on fixture names")
    parser.add_argument("--write", type=Path, help="write per-fixture results (JSON) here")
    parser.add_argument("--show-failures", action="store_true")
    parser.add_argument("--extensions", type=Path,
                        help="name<TAB>reasons list of fixtures needing extensions (CSL-M styles)")
    parser.add_argument("--update-passing", type=Path,
                        help="write the names of passing fixtures to this file")
    args = parser.parse_args(argv)
    if not args.suite.is_dir():
        print(f"{args.suite}: not a folder of fixtures", file=sys.stderr)
        return 2
    results = run_suite(args.suite, args.only)
    reasons = suite_reasons(args.suite, args.extensions)
    standard = {n: r for n, r in results.items() if not reasons.get(n)}
    for cat, passed, total in category_table(standard):
        print(f"{cat:24} {passed:4d} / {total:4d}")
    passed = sum(ok for ok, _, _ in standard.values())
    print(f"{'TOTAL (standard)':24} {passed:4d} / {len(standard):4d}")
    extended = {n: r for n, r in results.items() if reasons.get(n)}
    if extended:
        print("needing citeproc-js / Juris-M extensions:")
        for reason, passed, total in reason_table(extended, reasons):
            print(f"  {reason:22} {passed:4d} / {total:4d}")
        passed = sum(ok for ok, _, _ in extended.values())
        print(f"{'TOTAL (extensions)':24} {passed:4d} / {len(extended):4d}")
    if args.show_failures:
        for name, (ok, exp, got) in standard.items():
            if not ok:
                print(f"--- {name}\n  expected: {exp!r}\n  got:      {got!r}")
    if args.update_passing:
        header = [line for line in args.update_passing.read_text().splitlines()
                  if line.startswith("#")] if args.update_passing.exists() else []
        names = sorted(n for n, (ok, _, _) in results.items() if ok)
        args.update_passing.write_text("\n".join(header + names) + "\n", encoding="utf-8")
    if args.write:
        args.write.write_text(json.dumps(
            {n: {"pass": ok, "expected": e, "got": g, "extensions": reasons.get(n, [])}
             for n, (ok, e, g) in results.items()},
            indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
