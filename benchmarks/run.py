"""citekit's benchmark suite (issue 9): whole processes timed side by side with their peers.

    python benchmarks/run.py [--quick] [--rows PATTERN] [--repeat N] [--no-install]

Generates deterministic synthetic inputs (benchmarks/synth.py), installs the peers it can into
benchmarks/.cache/ (citeproc-js from npm at the version pinned in tools/oracle/package.json;
pandoc from pip ``pypandoc-binary`` and citeproc-py from pip, both in a cache venv), then
times every row: each command is a fresh process, run N times; the table gives the median
wall time with min/max, the median CPU time (user+sys, steadier on a busy machine) and peak
memory (``ru_maxrss`` from ``os.wait4``). A peer that cannot be installed is skipped with a
message. On every row where both ran, citekit's output is checked line by line against
citeproc-js's. Results also go to benchmarks/.cache/results.json and results.md.
"""
from __future__ import annotations

import argparse
import collections
import compileall
import difflib
import fnmatch
import itertools
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CACHE = HERE / ".cache"
INPUTS = CACHE / "inputs"
OUTPUTS = CACHE / "outputs"
PEERS = HERE / "peers"
STYLES = REPO / "styles"
ORACLE_DOC = REPO / "tests" / "data" / "oracle" / "document-1000.json"
sys.path.insert(0, str(HERE))

import synth  # noqa: E402


# -- peers ----------------------------------------------------------------------------------
@dataclass
class Peers:
    """Command prefixes of the tools found or installed; None when unavailable."""

    citekit: list[str]
    node: list[str] | None = None
    node_env: dict[str, str] = field(default_factory=dict)
    pandoc: str | None = None
    citeproc_py: list[str] | None = None
    bibtexparser: list[str] | None = None
    notes: list[str] = field(default_factory=list)


def _citekit_command() -> list[str]:
    script = Path(sys.executable).parent / "citekit"
    return [str(script)] if script.exists() else [sys.executable, "-m", "citekit.cli"]


def _pinned_citeproc() -> str:
    package = json.loads((REPO / "tools" / "oracle" / "package.json").read_text())
    return package["dependencies"]["citeproc"]


def _setup_node(peers: Peers, install: bool) -> None:
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node:
        peers.notes.append("citeproc-js skipped: node is not installed")
        return
    root = CACHE / "node"
    version = _pinned_citeproc()
    installed = root / "node_modules" / "citeproc" / "package.json"
    if not installed.exists() or json.loads(installed.read_text())["version"] != version:
        if not (install and npm):
            peers.notes.append("citeproc-js skipped: npm citeproc not installed (no npm)")
            return
        root.mkdir(parents=True, exist_ok=True)
        (root / "package.json").write_text(json.dumps(
            {"name": "citekit-bench-peers", "private": True,
             "dependencies": {"citeproc": version}}))
        done = subprocess.run([npm, "install", "--silent", "--no-audit", "--no-fund"], cwd=root,
                              capture_output=True, text=True)
        if done.returncode or not installed.exists():
            peers.notes.append(f"citeproc-js skipped: npm install failed: {done.stderr[-200:]}")
            return
    peers.node = [node, str(PEERS / "citeproc_js.js")]
    peers.node_env = {"NODE_PATH": str(root / "node_modules"),
                      "CSL_LOCALES": str(STYLES / "locales")}


def _venv_python(install: bool, peers: Peers) -> Path | None:
    venv = CACHE / "venv-peers"
    python = venv / "bin" / "python"
    if not python.exists():
        if not install:
            return None
        done = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True)
        if done.returncode:
            peers.notes.append("pip peers skipped: cannot create benchmarks/.cache/venv-peers")
            return None
    return python


def _pip_module(python: Path, module: str, package: str, install: bool) -> bool:
    probe = [str(python), "-c", f"import {module}"]
    if subprocess.run(probe, capture_output=True).returncode == 0:
        return True
    if not install:
        return False
    subprocess.run([str(python), "-m", "pip", "install", "-q", package], capture_output=True)
    return subprocess.run(probe, capture_output=True).returncode == 0


def _setup_python_peers(peers: Peers, install: bool) -> None:
    python = _venv_python(install, peers)
    pandoc = shutil.which("pandoc")
    if python and not pandoc and _pip_module(python, "pypandoc", "pypandoc-binary", install):
        found = subprocess.run([str(python), "-c", "import pypandoc; print(pypandoc."
                                "get_pandoc_path())"], capture_output=True, text=True)
        pandoc = found.stdout.strip() or None
    if pandoc:
        peers.pandoc = pandoc
    else:
        peers.notes.append("pandoc skipped: no pandoc and pip pypandoc-binary not installable")
    if python and _pip_module(python, "citeproc", "citeproc-py", install):
        peers.citeproc_py = [str(python), str(PEERS / "citeproc_py.py")]
    else:
        peers.notes.append("citeproc-py skipped: pip citeproc-py not installable")
    if subprocess.run([sys.executable, "-c", "import bibtexparser"]).returncode == 0:
        peers.bibtexparser = [sys.executable]
    else:
        peers.notes.append("bibtexparser skipped: not importable in this Python")


def find_peers(install: bool) -> Peers:
    """Locate (and, unless ``install`` is False, install) every peer."""
    peers = Peers(citekit=_citekit_command())
    # as pip installs it: bytecode compiled (an editable install under
    # PYTHONDONTWRITEBYTECODE would compile every module on every start)
    compileall.compile_dir(str(REPO / "citekit"), quiet=1)
    _setup_node(peers, install)
    _setup_python_peers(peers, install)
    return peers


# -- measurement ----------------------------------------------------------------------------
@dataclass
class Run:
    """One timed process."""

    wall: float
    cpu: float
    rss_mb: float
    returncode: int


def run_once(argv: list[str], stdout: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``argv`` as a fresh process, stdout to a file; wall, CPU and peak RSS via wait4.

    The process is started by peers/spawn.py, which times it and calls os.wait4 on it (see
    there why not from here).
    """
    full_env = {**os.environ, **(env or {})}
    report = stdout.with_suffix(".rusage")
    launcher = [sys.executable, "-S", str(PEERS / "spawn.py"), str(report)]
    with open(stdout, "wb") as out, open(stdout.with_suffix(".err"), "wb") as err:
        subprocess.run(launcher + argv, stdout=out, stderr=err, env=full_env, cwd=REPO,
                       check=True)
    wall, cpu, rss_kb, code = report.read_text().split()
    return Run(float(wall), float(cpu), int(rss_kb) / 1024, int(code))


@dataclass
class Cmd:
    """A peer's command for one row."""

    peer: str
    argv: list[str]
    env: dict[str, str] | None = None
    repeat: int | None = None  # overrides the row's repeat (e.g. run a slow peer once)
    note: str = ""


@dataclass
class Result:
    """The runs of one peer on one row."""

    peer: str
    runs: list[Run]
    output: Path
    note: str = ""
    error: str = ""

    def stat(self, name: str) -> list[float]:
        return [getattr(r, name) for r in self.runs]


def time_cmd(row_key: str, cmd: Cmd, repeat: int) -> Result:
    """Run one command ``repeat`` times; a failing run stops it and is reported."""
    out = OUTPUTS / f"{row_key}.{cmd.peer}.out"
    runs: list[Run] = []
    for _ in range(cmd.repeat or repeat):
        r = run_once(cmd.argv, out, cmd.env)
        if r.returncode != 0:
            err = out.with_suffix(".err").read_text(errors="replace").strip().splitlines()
            return Result(cmd.peer, runs, out, cmd.note,
                          f"exit {r.returncode}: {err[-1] if err else ''}"[:160])
        runs.append(r)
    return Result(cmd.peer, runs, out, cmd.note)


# -- agreement ------------------------------------------------------------------------------
def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")  # split on \n only: entries may hold U+2028
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def agreement(ours: Path, theirs: Path, ordered: bool) -> tuple[float, int, list[str]]:
    """Share of citeproc-js's lines citekit gives (in position when ``ordered``), and examples."""
    a, b = _lines(ours), _lines(theirs)
    total = max(len(a), len(b), 1)
    if ordered:
        same = sum(x == y for x, y in zip(a, b))
    else:
        same = sum((collections.Counter(a) & collections.Counter(b)).values())
    examples: list[str] = []
    matcher = difflib.SequenceMatcher(None, b, a, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal" and len(examples) < 3:
            theirs_line = b[i1] if i1 < i2 else "(none)"
            ours_line = a[j1] if j1 < j2 else "(none)"
            examples.append(f"citeproc-js: {theirs_line[:150]}\n      citekit: {ours_line[:150]}")
    return 100.0 * same / total, total - same, examples


def bib_agreement(ours: Path, theirs: Path) -> tuple[float, int, list[str]]:
    """CSL-JSON from citekit vs pandoc: same (title without markup, first family, year)."""
    def keyed(path: Path) -> dict[str, tuple]:
        out = {}
        for item in json.loads(path.read_text(encoding="utf-8")):
            names = item.get("author") or item.get("editor") or [{}]
            year = ((item.get("issued") or {}).get("date-parts") or [[None]])[0][0]
            title = re.sub(r"<[^>]+>", "", str(item.get("title", "")))
            out[str(item.get("id"))] = (title,
                                        names[0].get("family", names[0].get("literal")),
                                        str(year))
        return out
    a, b = keyed(ours), keyed(theirs)
    same = sum(a.get(k) == v for k, v in b.items())
    bad = [f"pandoc: {b[k]}\n      citekit: {a.get(k)}" for k in b if a.get(k) != b[k]][:3]
    return 100.0 * same / max(len(b), 1), len(b) - same, bad


def render_agreement(ours: Path, theirs: Path, checked: Path) -> tuple[float, int, list[str]]:
    """citekit's rendered HTML, read back to one plain text per citation, against
    citeproc-js's texts for the same citations (``checked``: which read-back citations it
    has), in position."""
    from citekit.document.html import read_rendered_html

    cites, _ = read_rendered_html(ours.read_text(encoding="utf-8"))
    mask = json.loads(checked.read_text(encoding="utf-8"))
    mine = [text for text, keep in zip(cites, mask) if keep] if len(cites) == len(mask) \
        else cites  # a different count is itself a mismatch, shown below
    js = _lines(theirs)
    pairs = list(itertools.zip_longest(js, mine, fillvalue="(none)"))
    bad = [f"citeproc-js: {j[:150]}\n      citekit: {c[:150]}" for j, c in pairs if j != c]
    return 100.0 * (len(pairs) - len(bad)) / max(len(pairs), 1), len(bad), bad[:3]


def _entries(path: Path) -> int:
    """Entries in a CSL-JSON list (decoded) or a BibTeX file (lines opening ``@type{``)."""
    if path.suffix == ".json" or path.read_text(encoding="utf-8")[:1] == "[":
        return len(json.loads(path.read_text(encoding="utf-8")))
    with open(path, encoding="utf-8") as handle:
        return sum(1 for line in handle if re.match(r"@\w+\{", line))


def entries_agreement(source: Path, ours: Path, peak_mb: float) -> dict:
    """As many entries written as read, and the peak memory over the input's size."""
    read, written = _entries(source), _entries(ours)
    size_mb = source.stat().st_size / 2**20
    return {"against": f"the input ({read:,} entries read, {written:,} written; peak "
                       f"{peak_mb:.0f} MB = {peak_mb / size_mb:.2f}x the {size_mb:.0f} MB file)",
            "pct": 100.0 * min(read, written) / max(read, written, 1),
            "mismatches": abs(read - written), "examples": [], "peak_over_size":
            round(peak_mb / size_mb, 2)}


# -- rows -----------------------------------------------------------------------------------
@dataclass
class Row:
    """One benchmark: the commands of each peer, and how to check citekit's output."""

    key: str
    title: str
    cmds: list[Cmd]
    repeat: int
    compare: str = "ordered"  # ordered | unordered | csljson | render | entries | none
    inprocess: Callable[[int], list[str]] | None = None  # for in-process rows
    source: Path | None = None  # the input whose entries an "entries" check counts


def _nocite_md(path: Path, suppress_bib: bool = False, body: str = "") -> Path:
    meta = "nocite: '@*'\n" if not body else ""
    if suppress_bib:
        meta += "suppress-bibliography: true\n"
    path.write_text(f"---\n{meta}---\n\n{body}", encoding="utf-8")
    return path


def _pandoc_cite(cite: dict) -> str:
    labels = {"page": "p.", "figure": "fig.", "section": "sec.", "chapter": "chap.",
              "paragraph": "para.", "volume": "vol.", "line": "l.", "note": "n."}
    text = ("-" if cite.get("suppress-author") else "") + "@" + str(cite["id"])
    if cite.get("prefix"):
        text = cite["prefix"] + " " + text
    if cite.get("locator"):
        text += f", {labels.get(cite.get('label', 'page'), cite.get('label', ''))} " \
                f"{cite['locator']}"
    if cite.get("suffix"):
        text += cite["suffix"]
    return text


def pandoc_document_md(clusters: list[dict], path: Path) -> Path:
    """The document's clusters as pandoc citations, one paragraph each (locators approximated)."""
    body = "\n\n".join("Text [" + "; ".join(_pandoc_cite(c) for c in cl["citationItems"]) + "]."
                       for cl in clusters)
    return _nocite_md(path, suppress_bib=True, body=body + "\n")


def write_document_inputs() -> dict[str, Path]:
    """The 1,000-cluster document as items / clusters / both files, and its pandoc markdown."""
    data = json.loads(ORACLE_DOC.read_text(encoding="utf-8"))
    paths = {"doc-items": INPUTS / "document-1000-items.json",
             "doc-clusters": INPUTS / "document-1000-clusters.json",
             "doc-both": INPUTS / "document-1000.json"}
    paths["doc-items"].write_text(json.dumps(data["items"], ensure_ascii=False))
    paths["doc-clusters"].write_text(json.dumps(data["clusters"], ensure_ascii=False))
    paths["doc-both"].write_text(json.dumps({"items": data["items"],
                                             "clusters": data["clusters"]}, ensure_ascii=False))
    paths["doc-md"] = pandoc_document_md(data["clusters"], INPUTS / "document-1000.md")
    return paths


def bib_rows(p: Peers, inputs: dict[str, Path], quick: bool) -> list[Row]:
    """APA bibliographies of 1, 1,000, 2,000 (text) and 10,000 items, text and HTML."""
    apa = str(STYLES / "apa.csl")
    nocite = str(_nocite_md(INPUTS / "nocite.md"))
    rows = []
    for size, label, repeat in ((1, "1", 5), (1000, "1k", 3), (2000, "2k", 3), (10000, "10k", 3)):
        items = str(inputs[f"items-{size}"])
        for fmt in ("text", "html"):
            if (quick and size == 10000 or size == 2000) and fmt == "html":
                continue
            slow = size == 10000
            cmds = [Cmd("citekit", p.citekit + ["format", "--style", "apa", "--to", fmt, items])]
            if p.node:
                cmds.append(Cmd("citeproc-js", p.node + ["bib", apa, items, fmt], p.node_env))
            if p.pandoc and not (quick and slow) and not (slow and fmt == "html"):
                cmds.append(Cmd("pandoc", [p.pandoc, "--citeproc", "--csl", apa,
                                           "--bibliography", items, "--wrap=none",
                                           "-t", "plain" if fmt == "text" else "html", nocite],
                                repeat=1 if slow else None))
            if p.citeproc_py and fmt == "text" and not (quick and slow):
                cmds.append(Cmd("citeproc-py", p.citeproc_py + ["bib", apa, items, fmt],
                                repeat=1 if slow else None, note="drops items it cannot read"))
            title = "one item formatted, process start to output (APA text)" if size == 1 \
                and fmt == "text" else f"APA bibliography, {size:,} items, {fmt}"
            rows.append(Row(f"bib-{label}-{fmt}", title, cmds, repeat, "unordered"))
    return rows


def citation_rows(p: Peers, inputs: dict[str, Path], doc: dict[str, Path]) -> list[Row]:
    """1,000 single-item APA citations, and the 1,000-cluster Chicago notes document."""
    apa = str(STYLES / "apa.csl")
    notes = str(STYLES / "chicago-notes-bibliography.csl")
    items = str(inputs["items-1000"])
    ids = [it["id"] for it in json.loads(inputs["items-1000"].read_text())]
    cites_md = _nocite_md(INPUTS / "cites-1000.md", True,
                          "\n\n".join(f"[@{i}]" for i in ids) + "\n")
    cites = [Cmd("citekit", p.citekit + ["format", "--style", "apa", "--citations", items])]
    docs = [Cmd("citekit", p.citekit + ["format", "--style", "chicago-notes", "--document",
                                        str(doc["doc-clusters"]), str(doc["doc-items"])])]
    if p.node:
        cites.append(Cmd("citeproc-js", p.node + ["cites", apa, items, "text"], p.node_env))
        docs.append(Cmd("citeproc-js", p.node + ["doc", notes, str(doc["doc-items"]), "text",
                                                 str(doc["doc-clusters"])], p.node_env))
    if p.pandoc:
        cites.append(Cmd("pandoc", [p.pandoc, "--citeproc", "--csl", apa, "--bibliography", items,
                                    "--wrap=none", "-t", "plain", str(cites_md)]))
        docs.append(Cmd("pandoc", [p.pandoc, "--citeproc", "--csl", notes, "--bibliography",
                                   str(doc["doc-items"]), "--wrap=none", "-t", "plain",
                                   str(doc["doc-md"])], note="locators approximated"))
    if p.citeproc_py:
        cites.append(Cmd("citeproc-py", p.citeproc_py + ["cites", apa, items, "text"],
                         note="drops items it cannot read"))
    return [Row("cites-1k", "1,000 single-item APA citations, each cited once in turn", cites, 3),
            Row("doc-1000", "1,000-citation Chicago notes document", docs, 3)]


EDITS = {"insert": "insert one citation", "replace": "replace one citation",
         "remove": "remove one citation"}


def edit_rows(p: Peers, doc: dict[str, Path]) -> list[Row]:
    """One edit in the middle of the 1,000-citation document (in-process): insert, replace,
    remove (see peers/citekit_edit.py and editRun in peers/citeproc_js.js)."""
    notes = str(STYLES / "chicago-notes-bibliography.csl")
    rows = []
    for edit, title in EDITS.items():
        cmds = [Cmd("citekit", [sys.executable, str(PEERS / "citekit_edit.py"), edit,
                                "chicago-notes", str(doc["doc-both"])], note="in-process")]
        if p.node:
            cmds.append(Cmd("citeproc-js", p.node + [edit, notes, str(doc["doc-items"]),
                                                     "text", str(doc["doc-clusters"])],
                            p.node_env, note="in-process processCitationCluster(pre, post)"))
        rows.append(Row(f"{edit}-1000", f"{title} mid-document (1,000 clusters, in-process)",
                        cmds, 3, "ordered"))
    return rows


def convert_row(p: Peers, inputs: dict[str, Path]) -> Row:
    """10,000-entry .bib to CSL-JSON."""
    bib = str(inputs["bib-10000"])
    cmds = [Cmd("citekit", p.citekit + ["convert", "--to", "json", bib])]
    if p.pandoc:
        cmds.append(Cmd("pandoc", [p.pandoc, "-f", "bibtex", "-t", "csljson", bib]))
    if p.bibtexparser:
        cmds.append(Cmd("bibtexparser", p.bibtexparser + [
            "-c", "import sys, bibtexparser; lib = bibtexparser.parse_file(sys.argv[1]); "
                  "print(len(lib.entries))", bib], note="parse only, no CSL mapping"))
    return Row("bib2json-10k", "10,000-entry .bib to CSL-JSON", cmds, 3, "csljson")


def startup_row(p: Peers) -> Row:
    cmds = [Cmd("citekit", p.citekit + ["--help"], note="citekit --help")]
    if p.node:
        cmds.append(Cmd("citeproc-js", [p.node[0], "-e", "require('citeproc')"], p.node_env,
                        note="node -e require('citeproc')"))
    if p.pandoc:
        cmds.append(Cmd("pandoc", [p.pandoc, "--version"], note="pandoc --version"))
    if p.citeproc_py:
        cmds.append(Cmd("citeproc-py", [p.citeproc_py[0], "-c", "import citeproc"],
                        note="python -c 'import citeproc'"))
    return Row("startup", "start-up", cmds, 5, "none")


def scale_row(p: Peers) -> Row:
    """APA bibliography of 100,000 items: citekit alone (does it complete, in what time and
    memory). Run only when asked for by name: ``--rows bib-100k-text``."""
    path = INPUTS / "items-100000.json"
    if not path.exists():
        path.write_text(json.dumps(synth.make_items(100000), ensure_ascii=False), "utf-8")
    cmds = [Cmd("citekit", p.citekit + ["format", "--style", "apa", str(path)])]
    return Row("bib-100k-text", "APA bibliography, 100,000 items, text (citekit only)", cmds, 1,
               "none")


def api_row(p: Peers, inputs: dict[str, Path]) -> Row:
    """One item formatted through the Python API from process start (``python -c``), as a
    tool that embeds citekit runs it; citeproc-js on the same item."""
    items = str(inputs["items-1"])
    code = ("import sys, citekit; items = citekit.read_file(sys.argv[1]).items; "
            "print('\\n'.join(citekit.format_bibliography(items, 'apa').entries))")
    cmds = [Cmd("citekit", [sys.executable, "-c", code, items],
                note="python -c 'import citekit; format_bibliography(...)'")]
    if p.node:
        cmds.append(Cmd("citeproc-js", p.node + ["bib", str(STYLES / "apa.csl"), items, "text"],
                        p.node_env))
    return Row("api-1", "one item formatted through the Python API, process start to output",
               cmds, 5, "unordered")


RENDER_SIZES = (10000, 20000)


def write_render_inputs(inputs: dict[str, Path]) -> dict[int, dict[str, Path]]:
    """Markdown documents of 10,000 and 20,000 paragraphs citing the 1,000 synthetic items,
    their citations as CSL clusters (for citeproc-js) and which read-back citations those are."""
    items = json.loads(inputs["items-1000"].read_text(encoding="utf-8"))
    paths = {}
    for size in RENDER_SIZES:
        text, clusters = synth.make_markdown(size, [it["id"] for it in items])
        paths[size] = {"md": INPUTS / f"render-{size}.md",
                       "clusters": INPUTS / f"render-{size}-clusters.json",
                       "checked": INPUTS / f"render-{size}-checked.json"}
        paths[size]["md"].write_text(text, encoding="utf-8")
        paths[size]["clusters"].write_text(json.dumps([c for c in clusters if c is not None]))
        paths[size]["checked"].write_text(json.dumps([c is not None for c in clusters]))
    return paths


def render_rows(p: Peers, inputs: dict[str, Path]) -> list[Row]:
    """``citekit render`` on 10,000 and 20,000 paragraphs (APA, HTML) beside pandoc --citeproc
    on the same Markdown and citeproc-js on the same citations (in-text ones left out): the
    20,000 row's time over the 10,000 row's shows whether render is linear."""
    items = str(inputs["items-1000"])
    apa = str(STYLES / "apa.csl")
    rows = []
    for size, paths in write_render_inputs(inputs).items():
        cmds = [Cmd("citekit", p.citekit + ["render", "--style", "apa", "--to", "html",
                                            "--bibliography", items, str(paths["md"])])]
        if p.node:
            cmds.append(Cmd("citeproc-js", p.node + ["doc", apa, items, "text",
                                                     str(paths["clusters"])], p.node_env,
                            repeat=1, note="the same citations as clusters, in-text ones "
                                           "left out"))
        if p.pandoc:
            cmds.append(Cmd("pandoc", [p.pandoc, "--citeproc", "--csl", apa, "--bibliography",
                                       items, "-t", "html", "--wrap=none", str(paths["md"])],
                            repeat=1))
        rows.append(Row(f"render-{size // 1000}k",
                        f"render a Markdown document of {size:,} paragraphs (APA, HTML)",
                        cmds, 3, "render", source=paths["checked"]))
    return rows


BIG_MB = 100


def big_inputs() -> dict[str, Path]:
    """The 100 MB CSL-JSON and BibTeX files of benchmarks/hostile_memory.py (made once)."""
    from hostile_memory import write_sized

    paths = {}
    for kind, suffix in (("json", ".json"), ("bibtex", ".bib")):
        paths[kind] = CACHE / f"hostile-memory-{BIG_MB}mb{suffix}"
        write_sized(paths[kind], BIG_MB * 1_000_000, kind)
    return paths


def memory_rows(p: Peers) -> list[Row]:
    """Peak memory of converting a 100 MB CSL-JSON file to BibTeX and a 100 MB .bib to
    CSL-JSON (target: within 5x the file). No peer is run: pandoc takes 9.6 s and 509 MB on
    the 2.6 MB .bib already. Checked: as many entries written as read."""
    big = big_inputs()
    return [Row("convert-100mb-json", f"{BIG_MB} MB CSL-JSON file to BibTeX (peak memory)",
                [Cmd("citekit", p.citekit + ["convert", "--to", "bibtex", str(big["json"])])],
                1, "entries", source=big["json"]),
            Row("convert-100mb-bib", f"{BIG_MB} MB .bib file to CSL-JSON (peak memory)",
                [Cmd("citekit", p.citekit + ["convert", "--to", "json", str(big["bibtex"])])],
                1, "entries", source=big["bibtex"])]


ON_REQUEST = ("bib-100k-text",)  # rows that a pattern must name, not only match


def all_rows(p: Peers, quick: bool, patterns: list[str]) -> list[Row]:
    inputs = synth.write_inputs(INPUTS, (1, 1000, 2000, 10000))
    doc = write_document_inputs()
    rows = [startup_row(p), *bib_rows(p, inputs, quick), api_row(p, inputs),
            *citation_rows(p, inputs, doc), *edit_rows(p, doc), convert_row(p, inputs),
            *render_rows(p, inputs)]
    if any(fnmatch.fnmatch(row, pat) for pat in patterns
           for row in ("convert-100mb-json", "convert-100mb-bib")):
        rows.extend(memory_rows(p))  # (the 100 MB files are made only when a row is wanted)
    if any(key in patterns for key in ON_REQUEST):
        rows.append(scale_row(p))
    return rows


# -- the in-process row ---------------------------------------------------------------------
def run_edit(row: Row, repeat: int) -> list[Result]:
    """citekit: the edit vs full re-processing, in one process (wall and CPU of each edit);
    citeproc-js: one edit a run."""
    edit = row.key.split("-")[0]
    results = []
    for cmd in row.cmds:
        out = OUTPUTS / f"{row.key}.{cmd.peer}.out"
        if cmd.peer == "citekit":
            argv = cmd.argv + [str(repeat), str(out)]
            done = subprocess.run(argv, capture_output=True, text=True, cwd=REPO)
            if done.returncode:
                results.append(Result("citekit", [], out, error=done.stderr.strip()[-160:]))
                continue
            data = json.loads(done.stdout.strip().splitlines()[-1])
            results.append(Result(f"citekit Document.{edit}",
                                  [Run(ms / 1000, cpu / 1000, 0, 0)
                                   for ms, cpu in zip(data["edit_ms"], data["cpu_ms"])], out,
                                  f"{data['changed']} {'other ' * (edit == 'remove')}"
                                  "citation(s) changed; equal to a full run"))
            results.append(Result("citekit full re-process",
                                  [Run(ms / 1000, 0, 0, 0) for ms in data["full_ms"]], out,
                                  "format_document on the edited document"))
        else:
            runs = []
            changed = 0
            for _ in range(repeat):
                r = run_once(cmd.argv, out, cmd.env)
                if r.returncode:
                    break
                data = json.loads(out.with_suffix(".err").read_text().strip().splitlines()[-1])
                runs.append(Run(data["edit_ms"] / 1000, data["cpu_ms"] / 1000, 0, 0))
                changed = data["changed"]
            results.append(Result(f"citeproc-js {edit}", runs, out,
                                  f"{cmd.note}; {changed} update(s) returned"))
    return results


# -- report ---------------------------------------------------------------------------------
def _fmt(seconds: float) -> str:
    if seconds < 0.01:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def summarize(row: Row, results: list[Result]) -> dict:
    """The table lines of one row (as a dict for JSON), ratios against citekit."""
    base = next((r for r in results if r.peer.startswith("citekit") and r.runs), None)
    base_med = statistics.median(base.stat("wall")) if base else None
    base_cpu = statistics.median(base.stat("cpu")) if base else None
    lines = []
    for r in results:
        if not r.runs:
            lines.append({"peer": r.peer, "error": r.error or "no run"})
            continue
        wall = r.stat("wall")
        med = statistics.median(wall)
        lines.append({
            "peer": r.peer, "n": len(wall), "median": med, "min": min(wall), "max": max(wall),
            "cpu": statistics.median(r.stat("cpu")), "rss_mb": max(r.stat("rss_mb")),
            "ratio": med / base_med if base_med else None, "note": r.note, "error": r.error,
            "cpu_ratio": statistics.median(r.stat("cpu")) / base_cpu if base_cpu else None})
    return {"key": row.key, "title": row.title, "lines": lines}


def check(row: Row, results: list[Result]) -> dict | None:
    """citekit's output against citeproc-js's (or pandoc's for the .bib row)."""
    by = {r.peer.split(" ")[0]: r for r in results if r.runs}
    if row.compare == "none" or "citekit" not in by:
        return None
    if row.compare == "entries" and row.source is not None:
        return entries_agreement(row.source, by["citekit"].output,
                                 max(by["citekit"].stat("rss_mb")))
    if row.compare == "render" and row.source is not None:
        if "citeproc-js" not in by:
            return None
        pct, bad, ex = render_agreement(by["citekit"].output, by["citeproc-js"].output,
                                        row.source)
        return {"against": "citeproc-js (every citation but the in-text ones, in position)",
                "pct": pct, "mismatches": bad, "examples": ex}
    if row.compare == "csljson":
        if "pandoc" not in by:
            return None
        pct, bad, ex = bib_agreement(by["citekit"].output, by["pandoc"].output)
        return {"against": "pandoc (title without markup, first family name, year)", "pct": pct,
                "mismatches": bad, "examples": ex}
    if "citeproc-js" not in by:
        return None
    pct, bad, ex = agreement(by["citekit"].output, by["citeproc-js"].output,
                             row.compare == "ordered")
    return {"against": "citeproc-js", "pct": pct, "mismatches": bad, "examples": ex}


def print_row(summary: dict, agree: dict | None, out: list[str]) -> None:
    out.append(f"\n## {summary['title']}  [{summary['key']}]")
    out.append(f"| {'peer':26} | {'median':>9} | {'min':>9} | {'max':>9} | {'CPU':>9} "
               f"| {'peak MB':>7} | {'×ck wall':>8} | {'×ck CPU':>7} | n | note")
    out.append("|" + "-" * 28 + ("|" + "-" * 11) * 4 + "|" + "-" * 9 + "|" + "-" * 10
               + "|" + "-" * 9 + "|---|-----")
    for ln in summary["lines"]:
        if "median" not in ln:
            out.append(f"| {ln['peer']:26} | failed: {ln['error']}")
            continue
        ratio = f"{ln['ratio']:.2f}" if ln["ratio"] is not None else "-"
        cratio = f"{ln['cpu_ratio']:.2f}" if ln.get("cpu_ratio") else "-"
        cpu = _fmt(ln["cpu"]) if ln["cpu"] else "-"
        rss = f"{ln['rss_mb']:.0f}" if ln["rss_mb"] else "-"
        out.append(f"| {ln['peer']:26} | {_fmt(ln['median']):>9} | {_fmt(ln['min']):>9} "
                   f"| {_fmt(ln['max']):>9} | {cpu:>9} | {rss:>7} | {ratio:>8} | {cratio:>7} "
                   f"| {ln['n']} "
                   f"| {ln['note']}")
    if agree:
        out.append(f"agreement with {agree['against']}: {agree['pct']:.1f}% "
                   f"({agree['mismatches']} lines differ)")
        out.extend(f"  - {ex}" for ex in agree["examples"])


def render_growth(report: list[dict]) -> list[str]:
    """Each peer's 20,000-paragraph render time over its 10,000-paragraph one (2.0: linear)."""
    rows = {r["key"]: {ln["peer"]: ln for ln in r["lines"] if "median" in ln} for r in report}
    small, large = rows.get("render-10k"), rows.get("render-20k")
    if not small or not large:
        return []
    out = ["\n## render growth: 20,000 paragraphs over 10,000 (2.00 is linear)"]
    for peer, big in large.items():
        if peer in small:
            cpu = f"{big['cpu'] / small[peer]['cpu']:.2f}" if small[peer]["cpu"] else "-"
            out.append(f"- {peer}: wall {big['median'] / small[peer]['median']:.2f}, "
                       f"CPU {cpu}")
    return out


def machine() -> str:
    model = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    mem = next((ln.split()[1] for ln in Path("/proc/meminfo").read_text().splitlines()
                if ln.startswith("MemTotal")), "0")
    load = os.getloadavg()
    return (f"{os.cpu_count()} CPUs, {model}, {int(mem) / 1024 / 1024:.1f} GiB RAM, "
            f"Python {platform.python_version()}, load average at start {load[0]:.2f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="N=1..2, no 10k rows for slow peers")
    ap.add_argument("--rows", default="*", help="fnmatch pattern(s) of row keys, comma-separated")
    ap.add_argument("--repeat", type=int, default=None, help="runs per command (default by row)")
    ap.add_argument("--no-install", action="store_true", help="use only peers already present")
    args = ap.parse_args(argv)
    OUTPUTS.mkdir(parents=True, exist_ok=True)
    peers = find_peers(not args.no_install)
    floor = run_once(["true"], OUTPUTS / "true.out")
    out = [f"# citekit benchmarks\n\nmachine: {machine()}",
           f"peak-memory floor (the launcher, measured on `true`): {floor.rss_mb:.1f} MB; "
           "×ck = peer time / citekit time (above 1: citekit is faster)"]
    out.extend(f"note: {n}" for n in peers.notes)
    print("\n".join(out), flush=True)
    patterns = args.rows.split(",")
    report = []
    for row in all_rows(peers, args.quick, patterns):
        if not any(fnmatch.fnmatch(row.key, pat) for pat in patterns):
            continue
        repeat = args.repeat or (max(1, min(row.repeat, 2)) if args.quick else row.repeat)
        print(f"... {row.key}", file=sys.stderr, flush=True)
        results = run_edit(row, repeat) if row.key.split("-")[0] in EDITS else \
            [time_cmd(row.key, cmd, repeat) for cmd in row.cmds]
        summary, agree = summarize(row, results), check(row, results)
        lines: list[str] = []
        print_row(summary, agree, lines)
        print("\n".join(lines), flush=True)
        out.extend(lines)
        report.append({**summary, "agreement": agree})
    growth = render_growth(report)
    if growth:
        print("\n".join(growth), flush=True)
        out.extend(growth)
    (CACHE / "results.json").write_text(json.dumps({"machine": machine(), "rows": report},
                                                   indent=1))
    (CACHE / "results.md").write_text("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
