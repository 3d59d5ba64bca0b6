"""A held-out set of hostile, huge and broken inputs, run through the ``citekit`` CLI (issue 15).

``generate`` writes 160+ cases (families of inputs, each in several sizes and variants, none
of them a file of ``tests/data/hostile``) with what each run must show; ``run`` runs each
case in its own process and counts, per case:

- traceback: a Python traceback on stderr, or an exit code other than 0 and 2;
- slow: more than 20 s of wall time (CPU time is recorded too: on a shared machine the
  wall time also measures the other processes); memory: a peak resident size over 1 GB
  (``wait4``'s ``ru_maxrss``);
- silent loss: text that must be printed (a good entry, a good citation) missing from
  stdout, or a problem that must be reported (the bad entry's key, "citation 3") missing
  from stderr;
- unsafe output: a control character (but tab and newline) in text, HTML or RTF output, or
  in HTML a ``javascript:`` link, an ``on...=`` attribute or a ``<script>``/``<img>`` tag.

    python tools/hostile_heldout.py [--dir /tmp/heldout] [--out tools/hostile_heldout.json]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
KILL_SECONDS = 300  # a run still going then is killed (and counted as slow and as lost)
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class _Tags(HTMLParser):
    """Finds what would run in a browser: script-like tags, event attributes, script URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "img", "iframe", "object", "embed", "svg", "style"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            url = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if name.startswith("on") or url.startswith(("javascript:", "vbscript:", "data:")):
                self.found.append(f"{name}={value}")


def unsafe_html(page: str) -> list[str]:
    reader = _Tags()
    reader.feed(page)
    return reader.found


@dataclass
class Case:
    name: str
    args: list[str]
    files: dict[str, str | bytes]
    keep: list[str] = field(default_factory=list)  # must be in stdout
    report: list[str] = field(default_factory=list)  # must be in stderr
    output: str = "text"  # text, html, rtf, markdown, json: what the unsafe check looks for


def _items(*pairs: tuple[str, str]) -> list[dict[str, Any]]:
    return [{"id": i, "type": "book", "title": t, "author": [{"family": "Auth", "given": "A."}],
             "issued": {"date-parts": [[2000]]}} for i, t in pairs]


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=True, allow_nan=True, indent=1)


def cases() -> list[Case]:
    out: list[Case] = []
    good = {"id": "goodone", "type": "book", "title": "Goodone Title", "issued":
            {"date-parts": [[1999]]}}
    # 1. lone surrogates in every kind of field
    for n, fld in enumerate(["title", "container-title", "publisher", "note", "volume",
                             "publisher-place", "genre", "edition"]):
        entry = {"id": f"sur{n}", "type": "book", "title": "Sur Title", fld: f"x\\ud8{n:02x}y"}
        text = _json([entry, good]).replace(f"x\\\\ud8{n:02x}y", f"x\\ud8{n:02x}y")
        out.append(Case(f"surrogate-{fld}", ["format", "{dir}/s.json"], {"s.json": text},
                        keep=["Goodone Title"], report=["surrogate"]))
    # 2. date literals and date parts of every wrong type
    for n, lit in enumerate([5, 5.5, True, [], {}, [1], {"a": [1]}]):
        entry = {"id": f"lit{n}", "type": "book", "title": f"Lit {n}",
                 "issued": {"literal": lit}}
        out.append(Case(f"date-literal-{n}", ["format", "{dir}/d.json"],
                        {"d.json": _json([entry, good])}, keep=["Goodone Title"]))
    # 3. non-finite numbers anywhere in an entry
    for n, (fld, value) in enumerate([("issued", '{"date-parts": [[Infinity]]}'),
                                      ("issued", '{"date-parts": [[2000, NaN]]}'),
                                      ("issued", '{"date-parts": [[-Infinity, 1, 1]]}'),
                                      ("volume", "NaN"), ("page", "Infinity"),
                                      ("accessed", '{"date-parts": [[1e999]]}'),
                                      ("custom", '{"x": [[NaN]]}'),
                                      ("number", "-Infinity")]):
        text = (f'[{{"id": "bad{n}", "type": "book", "title": "Bad", "{fld}": {value}}},\n '
                f"{json.dumps(good)}]")
        out.append(Case(f"nonfinite-{n}", ["format", "{dir}/n.json"], {"n.json": text},
                        keep=["Goodone Title"], report=[f"bad{n}"]))
    # 4. --document citations of every wrong type, good ones around them
    items = _items(("k1", "Kay One"), ("k2", "Kay Two"))
    bad_citations: list[Any] = [
        {"citationItems": [{"id": "k1"}], "properties": {"noteIndex": "x"}},
        {"citationItems": [{"id": "k1"}], "properties": {"noteIndex": {"n": 1}}},
        {"citationItems": [{"id": "k1"}], "properties": ["noteIndex"]},
        None, 42, "text",
        {"citationItems": [None]},
        {"citationItems": [{"id": "k1", "suffix": {"s": 1}}]},
        {"citationItems": [{"id": "k1", "locator": [3]}]},
        {"citationItems": [{"id": ["k1"]}]},
        {"citationItems": "k1"},
        {"citationItems": [{"id": "missing-id"}]},
    ]
    for n, bad in enumerate(bad_citations):
        doc = [{"citationItems": [{"id": "k1", "locator": "11"}]}, bad,
               {"citationItems": [{"id": "k2", "locator": "22"}]}]
        out.append(Case(f"document-bad-{n}", ["format", "{dir}/i.json", "--document",
                                              "{dir}/doc.json"],
                        {"i.json": _json(items), "doc.json": _json(doc)},
                        keep=["p. 11", "p. 22"], report=["doc.json: citation 2"]))
    # 5. deep front matter
    for depth in (1_000, 5_000, 50_000, 200_000):
        out.append(Case(f"deep-front-flow-{depth}", ["render", "{dir}/p.md"],
                        {"p.md": "---\nx: " + "[" * depth + "]" * depth + "\n---\nBody.\n"},
                        report=["p.md:2: front matter"], output="markdown"))
    for depth in (200, 2_000):
        block = "".join("  " * i + f"k{i}:\n" for i in range(depth))
        out.append(Case(f"deep-front-block-{depth}", ["render", "{dir}/p.md"],
                        {"p.md": "---\n" + block + "---\nBody.\n"}, report=["p.md:"],
                        output="markdown"))
    # 6. runs of citation openers: the good citation at the end still renders
    refs = _json(_items(("k1", "Kay One")))
    for unit in ["[@", "[", "[-@", "[a](", "<!-- ", "`` ", "@k1 [", "[x [@k1 "]:
        for count in (20_000, 100_000):
            body = unit * count + "\n\nEnd [@k1].\n"
            out.append(Case(f"markdown-run-{unit.strip() or 'sp'}-{count}",
                            ["render", "{dir}/p.md", "-b", "{dir}/r.json"],
                            {"p.md": body, "r.json": refs}, keep=["End (Auth, 2000)"],
                            output="markdown"))
    # 7. exponential macros
    for depth, fan in [(20, 2), (25, 2), (31, 2), (16, 3), (12, 4), (40, 2)]:
        macros = ['<macro name="m0"><text variable="title"/></macro>'] + [
            f'<macro name="m{i}"><group>' + f'<text macro="m{i - 1}"/>' * fan + "</group></macro>"
            for i in range(1, depth + 1)]
        style = ('<?xml version="1.0"?><style xmlns="http://purl.org/net/xbiblio/csl" '
                 'class="in-text" version="1.0"><info><title>X</title><id>x</id><updated>'
                 '2020-01-01T00:00:00+00:00</updated></info>' + "".join(macros)
                 + f'<citation><layout><text macro="m{depth}"/></layout></citation>'
                 f'<bibliography><layout><text macro="m{depth}"/></layout></bibliography>'
                 "</style>")
        out.append(Case(f"macro-bomb-{depth}x{fan}", ["format", "-s", "{dir}/x.csl",
                                                      "{dir}/i.json"],
                        {"x.csl": style, "i.json": refs}, report=["x.csl", "steps"]))
    # 8. YAML alias bombs, in a YAML file and in front matter
    for width, depth in [(10, 9), (20, 6), (5, 14), (100, 4)]:
        lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"] + [
            f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]" for i in range(1, depth)]
        yml = "\n".join(lines) + f"\nreferences:\n- id: b\n  type: book\n  title: *a{depth - 1}\n"
        out.append(Case(f"alias-bomb-yaml-{width}x{depth}", ["parse", "{dir}/b.yaml"],
                        {"b.yaml": yml}, report=["alias"], output="json"))
        out.append(Case(f"alias-bomb-md-{width}x{depth}", ["render", "{dir}/b.md"],
                        {"b.md": "---\n" + yml + "---\n[@b]\n"}, report=["alias"],
                        output="markdown"))
    # 9. @string bombs
    for depth in (20, 24, 27, 30, 40, 60):
        strings = ['@string{s0 = "0123456789abcdef"}'] + [
            f"@string{{s{i} = s{i - 1} # s{i - 1}}}" for i in range(1, depth)]
        bib = "\n".join(strings) + (f"\n@book{{bomb, title = s{depth - 1}}}\n"
                                    "@book{goodone, title = {Goodone Title}, year = 1999}\n")
        out.append(Case(f"string-bomb-{depth}", ["format", "{dir}/b.bib"], {"b.bib": bib},
                        keep=["Goodone Title"], report=["expand too far"]))
    # 10. crossref chains
    for length in (100, 1_000, 3_000):
        for reverse in (False, True):
            lines = ["@book{e0, title = {Root Book}, publisher = {Chain Press}, year = 2000}"] + [
                f"@inbook{{e{i}, crossref = {{e{i - 1}}}, title = {{Part {i}}}, pages = {{{i}}}}}"
                for i in range(1, length + 1)]
            if reverse:
                lines.reverse()
            out.append(Case(f"crossref-chain-{length}{'-rev' if reverse else ''}",
                            ["format", "{dir}/c.bib"], {"c.bib": "\n".join(lines)},
                            keep=[f"Part {length}", "Part 1.", "Root Book"]))
    # 11. deep JSON-LD
    for depth in (1_000, 10_000, 100_000, 300_000, 50):
        page = ('<html><head><title>Kept Page Title</title><script type="application/ld+json">'
                + "[" * depth + "]" * depth + "</script></head><body></body></html>")
        out.append(Case(f"deep-jsonld-{depth}", ["format", "{dir}/p.html"], {"p.html": page},
                        keep=["Kept Page Title"]))
    # 12. multi-document YAML
    for docs in (2, 3, 5, 8, 12):
        text = "".join(f"---\n- id: doc{n}\n  type: book\n  title: Document Number {n}\n"
                       for n in range(docs))
        out.append(Case(f"multi-doc-{docs}", ["format", "{dir}/m.yaml"], {"m.yaml": text},
                        keep=[f"Document Number {n}" for n in range(docs)]))
    # 13. duplicate keys
    for key in ("title", "id", "issued"):
        first, second = (('{"literal": "1990"}', '{"literal": "1991"}') if key == "issued"
                         else ('"Dk"', '"Dk"'))
        out.append(Case(f"dup-key-json-{key}", ["format", "{dir}/k.json"],
                        {"k.json": f'[{{"id": "dk", "type": "book", "title": "Dk", '
                                   f'"{key}": {first}, "{key}": {second}}}]'},
                        report=[f"'{key}' appears twice"]))
        out.append(Case(f"dup-key-yaml-{key}", ["format", "{dir}/k.yaml"],
                        {"k.yaml": f"- id: dk\n  type: book\n  title: Dk\n  {key}: Dk\n"
                                   f"  {key}: Dk\n"}, report=[f"'{key}' appears twice"]))
    # 14. duplicate ids across files and in render
    twin_json = _json([{"id": "twin", "type": "book", "title": "Twin Json"},
                       {"id": "solo", "type": "book", "title": "Solo Entry"}])
    twin_bib = "@book{twin, title = {Twin Bib}, year = 2002}\n"
    twin_yaml = "- id: twin\n  type: book\n  title: Twin Yaml\n"
    for order in (("a.json", "b.bib"), ("b.bib", "a.json"), ("a.json", "c.yaml"),
                  ("a.json", "b.bib", "c.yaml")):
        files = {"a.json": twin_json, "b.bib": twin_bib, "c.yaml": twin_yaml}
        last = {"a.json": "Twin Json", "b.bib": "Twin Bib", "c.yaml": "Twin Yaml"}[order[-1]]
        out.append(Case("dup-ids-format-" + "-".join(o.split(".")[1] for o in order),
                        ["format", *(f"{{dir}}/{o}" for o in order)], files,
                        keep=[last, "Solo Entry"], report=["'twin' is defined"]))
        out.append(Case("dup-ids-render-" + "-".join(o.split(".")[1] for o in order),
                        ["render", "{dir}/p.md", *(x for o in order for x in ("-b",
                                                                               f"{{dir}}/{o}"))],
                        {**files, "p.md": "See [@twin] and [@solo].\n"},
                        keep=[last, "Solo Entry"], report=["'twin' is defined"],
                        output="markdown"))
    # 15. stray braces
    for n, tail in enumerate(["author = {Lee, Ann}, year = 1999}", "\n  author = {Lee, Ann},\n"
                              "  year = 1999\n}", " author={Lee, Ann}}", ", author = {Lee, Ann}}",
                              "author = \"Lee, Ann\", year = {1999}}", "  author = {Lee, Ann}, }"]):
        bib = ("@article{stray, title = {Stray Title}}, " + tail
               + "\n\n@book{after, title = {After Entry}, year = 2000}\n")
        out.append(Case(f"stray-brace-{n}", ["format", "{dir}/s.bib"], {"s.bib": bib},
                        keep=["Lee", "Stray Title", "After Entry"], report=["stray"]))
    # 16. unknown ids in a document
    for n, ids in enumerate([["nobody"], ["k1", "nobody"], ["nobody", "k2"], ["x", "y"]]):
        doc = [{"citationItems": [{"id": "k1", "locator": "11"}]},
               {"citationItems": [{"id": i} for i in ids]},
               {"citationItems": [{"id": "k2", "locator": "22"}]}]
        out.append(Case(f"document-unknown-{n}", ["format", "{dir}/i.json", "--document",
                                                  "{dir}/doc.json"],
                        {"i.json": _json(items), "doc.json": _json(doc)},
                        keep=["p. 11", "p. 22"], report=["doc.json: citation 2: unknown"]))
    # 17. round trips that would move a field
    rt = _json([{"id": "art", "type": "article-journal", "title": "Art", "ISBN": "978-1",
                 "collection-number": "5", "issue": "2"}])
    for to, field_name in (("bibtex", "collection-number"), ("biblatex", "collection-number"),
                           ("ris", "collection-number")):
        out.append(Case(f"roundtrip-{to}-{field_name}", ["convert", "--to", to, "{dir}/r.json"],
                        {"r.json": rt}, report=[field_name], output="json"))
    # 18. control characters into every output format
    controls = ["\u001b[2J\u001b[H", "\u0007", "\r", "\u0000", "\u009b31m", "\u0008\u0008"]
    for n, ctl in enumerate(controls):
        data = _json([{"id": f"c{n}", "type": "book", "title": f"Ctl{ctl}Title",
                       "author": [{"family": f"Fam{ctl}"}]}])
        for to in ("text", "html", "rtf", "markdown"):
            if to in ("text", "html") or n < 2:
                out.append(Case(f"controls-{n}-{to}", ["format", "--to", to, "{dir}/c.json"],
                                {"c.json": data}, keep=["Title"], output=to))
    # 19. unsafe Markdown to HTML
    unsafe = ['[x](a"onclick="alert(1))', "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))",
              "[x]( javascript:alert(1))", "<img src=x onerror=alert(1)>",
              "<script>alert(1)</script>", "[x](data:text/html;base64,PHNjcmlwdD4=)",
              '<a href="javascript:alert(1)">x</a>', "![i](javascript:alert(1))",
              "[x][r]\n\n[r]: javascript:alert(1)"]
    for n, bad in enumerate(unsafe):
        out.append(Case(f"unsafe-html-{n}", ["render", "--to", "html", "{dir}/u.md", "-b",
                                             "{dir}/r.json"],
                        {"u.md": f"{bad} [@k1]\n", "r.json": refs}, keep=["Auth"],
                        output="html"))
    title_html = _json([{"id": "k1", "type": "book", "title": '<img src=x onerror="alert(1)">'
                         '<a href="javascript:alert(1)">t</a>'}])
    out.append(Case("unsafe-html-field", ["render", "--to", "html", "{dir}/u.md", "-b",
                                          "{dir}/r.json"],
                    {"u.md": "[@k1]\n", "r.json": title_html}, output="html"))
    out.append(Case("unsafe-html-format", ["format", "--to", "html", "{dir}/r.json"],
                    {"r.json": title_html}, output="html"))
    # 20. huge inputs
    sys.path.insert(0, str(ROOT))
    from benchmarks.synth import make_bibtex, make_items

    many = make_items(15_000, seed=3)
    for n, item in enumerate(many):
        item["id"] = f"h{n}"
    out.append(Case("huge-json-parse", ["parse", "{dir}/h.json"],
                    {"h.json": json.dumps(many, ensure_ascii=False)}, keep=['"h14999"'],
                    output="json"))
    out.append(Case("huge-bib-parse", ["parse", "{dir}/h.bib"],
                    {"h.bib": make_bibtex(30_000, seed=4)}, keep=['"type"'], output="json"))
    out.append(Case("huge-json-format", ["format", "{dir}/h.json"],
                    {"h.json": json.dumps(many[:3000], ensure_ascii=False)}))
    out.append(Case("huge-title", ["format", "{dir}/t.json"],
                    {"t.json": _json([{"id": "t", "type": "book", "title": "T" * 5_000_000},
                                      good])}, keep=["Goodone Title"]))
    out.append(Case("many-authors", ["format", "{dir}/a.json"],
                    {"a.json": _json([{"id": "a", "type": "book", "title": "Many Authors",
                                       "author": [{"family": f"F{i}", "given": "G"}
                                                  for i in range(20_000)]}])},
                    keep=["Many Authors"]))
    out.append(Case("many-citations", ["render", "{dir}/p.md", "-b", "{dir}/r.json"],
                    {"p.md": "[@k1] " * 20_000 + "\n", "r.json": refs}, keep=["(Auth, 2000)"],
                    output="markdown"))
    # 21. broken files
    for name, data in [("empty.json", b""), ("nul.bib", b"@book{a,\x00 title={x}}"),
                       ("latin1.bib", "@book{a, title={Caf\xe9}}".encode("latin-1")),
                       ("bom.json", "\ufeff".encode() + json.dumps([good]).encode()),
                       ("truncated.json", json.dumps([good, good])[:-20].encode()),
                       ("garbage.txt", os.urandom(3000)),
                       ("crlf.bib", b"@book{goodone,\r\n  title = {Goodone Title},\r\n}\r\n"),
                       ("only-junk.bib", b"@@@@{{{{}}}}" * 1000)]:
        keep = ["Goodone Title"] if name in ("bom.json", "crlf.bib") else []
        report = [] if keep else [name]
        out.append(Case(f"broken-{name}", ["format", f"{{dir}}/{name}"], {name: data},
                        keep=keep, report=report))
    return out


def generate(directory: Path) -> list[Case]:
    all_cases = cases()
    for case in all_cases:
        where = directory / case.name
        where.mkdir(parents=True, exist_ok=True)
        for name, content in case.files.items():
            path = where / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        case.files = {name: "" for name in case.files}  # (a forked child starts this big)
    return all_cases


def _unsafe(case: Case, stdout: str) -> bool:
    if case.output in ("text", "html", "rtf", "markdown") and case.args[0] == "format" \
            and CONTROL.search(stdout.replace("\n", "").replace("\t", "")):
        return True
    return case.output == "html" and bool(unsafe_html(stdout))


def run_case(case: Case, directory: Path) -> dict[str, Any]:
    where = directory / case.name
    args = [a.replace("{dir}", str(where)) for a in case.args]
    start = time.perf_counter()
    with open(where / "stdout", "wb") as out, open(where / "stderr", "wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "citekit.cli", *args], stdout=out,
                                stderr=err, cwd=where)
        deadline = start + KILL_SECONDS
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    stdout = (where / "stdout").read_text("utf-8", errors="replace")
    stderr = (where / "stderr").read_text("utf-8", errors="replace")
    missing = [k for k in case.keep if k.lower() not in stdout.lower()]  # (sentence case)
    unreported = [r for r in case.report if r not in stderr]
    return {"name": case.name, "exit": code, "seconds": round(seconds, 2),
            "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_mb": round(usage.ru_maxrss / 1024, 1),
            "traceback": "Traceback" in stderr or code not in (0, 2),
            "slow": seconds > 20, "memory": usage.ru_maxrss > 1024 * 1024,
            "silent_loss": bool(missing or unreported), "missing": missing,
            "unreported": unreported, "unsafe": _unsafe(case, stdout)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default="/tmp/citekit-heldout")
    parser.add_argument("--out", default=str(ROOT / "tools" / "hostile_heldout.json"))
    parser.add_argument("--only", default=None, help="cases whose name has this")
    args = parser.parse_args()
    directory = Path(args.dir)
    all_cases = [c for c in generate(directory) if not args.only or args.only in c.name]
    rows = []
    for case in all_cases:
        row = run_case(case, directory)
        rows.append(row)
        bad = [k for k in ("traceback", "slow", "memory", "silent_loss", "unsafe") if row[k]]
        print(f"{row['name']}: exit {row['exit']}, {row['seconds']} s ({row['cpu_seconds']} s "
              f"CPU), {row['peak_mb']} MB"
              + (f"  FAIL {bad} {row['missing']} {row['unreported']}" if bad else ""),
              flush=True)
    summary = {k: sum(1 for r in rows if r[k]) for k in ("traceback", "slow", "memory",
                                                         "silent_loss", "unsafe")}
    summary.update(cases=len(rows), slowest_seconds=max(r["seconds"] for r in rows),
                   most_cpu_seconds=max(r["cpu_seconds"] for r in rows),
                   over_20_cpu_seconds=sum(1 for r in rows if r["cpu_seconds"] > 20),
                   peak_mb=max(r["peak_mb"] for r in rows))
    Path(args.out).write_text(json.dumps({"summary": summary, "cases": rows}, indent=1) + "\n",
                              encoding="utf-8")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
