"""Time real ``mkdocs build`` and ``sphinx-build`` runs of a site citing a large bibliography.

    python benchmarks/site_build.py [--entries 5000] [--pages 50] [--repeat 3]

Makes (under benchmarks/.cache/sites/) a BibTeX file of N synthetic entries
(benchmarks/synth.py) and a site of P pages, each citing three of them, once as an MkDocs
site with the ``citekit`` plugin and once as a Sphinx project with ``citekit.sphinx``; then
times each build as a whole process (median of the repeats) beside the same site with the
plugin left out, and prints the time citekit adds per page. Needs mkdocs and sphinx (the
test extra).
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synth import make_bibtex  # noqa: E402

BIN = Path(sys.executable).parent


def _keys(bib: str) -> list[str]:
    return re.findall(r"^@\w+\{([^,]+),", bib, re.M)


def make_sites(root: Path, entries: int, pages: int) -> tuple[Path, Path, Path, Path]:
    """The MkDocs and Sphinx sites, each with and without citekit."""
    shutil.rmtree(root, ignore_errors=True)
    bib = make_bibtex(entries)
    keys = _keys(bib)
    rng = random.Random(3)
    cited = [rng.sample(keys, 3) for _ in range(pages)]
    sites = []
    for plugin in (True, False):
        site = root / ("mkdocs" if plugin else "mkdocs-plain")
        (site / "docs").mkdir(parents=True)
        (site / "refs.bib").write_text(bib, "utf-8")
        conf = "site_name: bench\n"
        if plugin:
            conf += "plugins:\n  - citekit:\n      bibliography: refs.bib\n"
        (site / "mkdocs.yml").write_text(conf, "utf-8")
        for n, (a, b, c) in enumerate(cited):
            (site / "docs" / f"p{n}.md").write_text(
                f"# Page {n}\n\nAs [@{a}] and @{b} show [see @{c}, p. 4].\n", "utf-8")
        sites.append(site)
    for plugin in (True, False):
        site = root / ("sphinx" if plugin else "sphinx-plain")
        site.mkdir(parents=True)
        (site / "refs.bib").write_text(bib, "utf-8")
        conf = "project = 'bench'\n"
        if plugin:
            conf += "extensions = ['citekit.sphinx']\ncitekit_bibliography = ['refs.bib']\n"
        (site / "conf.py").write_text(conf, "utf-8")
        names = [f"p{n}" for n in range(pages)]
        (site / "index.rst").write_text("Bench\n=====\n\n.. toctree::\n\n"
                                        + "".join(f"   {n}\n" for n in names)
                                        + ("   refs\n" if plugin else ""), "utf-8")
        for n, (a, b, c) in enumerate(cited):
            body = (f"As :cite:p:`{a}` and :cite:t:`{b}` show :cite:p:`{{see}}{c}{{p. 4}}`."
                    if plugin else f"As {a} and {b} show {c}.")
            (site / f"p{n}.rst").write_text(f"Page {n}\n{'=' * (5 + len(str(n)))}\n\n{body}\n",
                                            "utf-8")
        if plugin:
            (site / "refs.rst").write_text("References\n==========\n\n.. bibliography::\n",
                                           "utf-8")
        sites.append(site)
    return sites[0], sites[1], sites[2], sites[3]


def timed(cmd: list[str], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    root = HERE / ".cache" / "sites"
    mk, mk_plain, sx, sx_plain = make_sites(root, args.entries, args.pages)
    out = root / "out"
    rows = []
    for name, site, plain, cmd in (
            ("mkdocs build", mk, mk_plain,
             lambda s: [str(BIN / "mkdocs"), "build", "-q", "-f", str(s / "mkdocs.yml"),
                        "-d", str(out / s.name)]),
            ("sphinx-build -E", sx, sx_plain,
             lambda s: [str(BIN / "sphinx-build"), "-E", "-q", "-b", "html", str(s),
                        str(out / s.name)])):
        with_citekit = timed(cmd(site), args.repeat)
        without = timed(cmd(plain), args.repeat)
        rows.append((name, with_citekit, without,
                     1000 * (with_citekit - without) / args.pages))
    print(f"{args.entries:,} entries, {args.pages} pages of 3 citations, median of "
          f"{args.repeat}:")
    print("| build | with citekit | without | citekit per page |")
    print("|---|---:|---:|---:|")
    for name, a, b, per in rows:
        print(f"| `{name}` | {a:.2f} s | {b:.2f} s | {per:.0f} ms |")


if __name__ == "__main__":
    main()
