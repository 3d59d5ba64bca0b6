"""Development only: record pandoc's citeproc output for tests/data/pandoc/paper.md.

Needs the pip package ``pypandoc-binary`` (ships a pandoc binary; never a runtime or test
dependency) and, for the third opinion, Node with tools/oracle/node_modules (citeproc-js).
Run from the repository root::

    .venv/bin/pip install pypandoc-binary
    .venv/bin/python tools/pandoc_oracle.py

For each style it writes tests/data/pandoc/expected-<style>.json: pandoc's citation and
bibliography texts (plain text read back from pandoc's HTML), and, where citekit's differ,
citeproc-js's text for the same citation. A difference where citeproc-js agrees with
citekit is listed under ``differences`` (citeproc-js is right); one where it does not is
listed under ``engine_bugs`` (citekit is wrong; reported to the engine's owners).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "pandoc"
STYLES = {"apa": "apa", "chicago-notes-bibliography": "chicago-notes",
          "chicago-author-date": "chicago", "modern-language-association": "mla"}
sys.path.insert(0, str(ROOT))

from citekit.document import render_markdown  # noqa: E402
from citekit.document.cite import make_processor, to_cite  # noqa: E402
from citekit.document.frontmatter import read_front_matter  # noqa: E402
from citekit.document.html import read_rendered_html  # noqa: E402
from citekit.document.markdown import find_citations  # noqa: E402
from citekit.model import Item  # noqa: E402


def pandoc_html(style_file: str) -> str:
    import pypandoc

    return subprocess.run(
        [pypandoc.get_pandoc_path(), "paper.md", "--citeproc", "--csl", style_file,
         "-t", "html", "--wrap=none"], cwd=DATA, check=True, capture_output=True,
        text=True).stdout


def pandoc_version() -> str:
    import pypandoc

    return pypandoc.get_pandoc_version()


def citeproc_js(style_file: str, note: bool, authors_by_index: dict[int, str]) -> dict:
    """citeproc-js's texts for the clusters citekit parsed; an in-text citation's author
    part is citekit's (citeproc-js's author-only preview is not what pandoc writes)."""
    text = (DATA / "paper.md").read_text("utf-8")
    body = text[read_front_matter(text).end:]
    raw = json.loads((DATA / "refs.json").read_text("utf-8"))
    proc = make_processor([Item.from_json(d) for d in raw], style_file, None, "text")
    clusters, authors = [], []
    for n, mark in enumerate(find_citations(body)):
        items = []
        for j, ref in enumerate(mark.cites):
            cite = to_cite(ref, proc, suppress=(j == 0 and mark.in_text))
            item = {"id": cite.id}
            for key, value in (("locator", cite.locator), ("label", cite.label),
                               ("prefix", cite.prefix), ("suffix", cite.suffix)):
                if value:
                    item[key] = value
            if cite.suppress_author:
                item["suppress-author"] = True
            items.append(item)
        if mark.in_text:
            authors.append([n, mark.cites[0].key])
        clusters.append({"citationID": f"c{n}", "citationItems": items,
                         "properties": {"noteIndex": n + 1}})
    payload = {"style": style_file, "items": raw, "clusters": clusters, "authors": authors}
    done = subprocess.run(["node", str(ROOT / "tools" / "pandoc_citeprocjs.js")],
                          input=json.dumps(payload), capture_output=True, text=True, check=True)
    out = json.loads(done.stdout)
    texts = []
    for n, cluster in enumerate(out["citations"]):
        cluster = " ".join(cluster.split())
        author = authors_by_index.get(n)
        if note:
            cluster = cluster[:1].upper() + cluster[1:]
            texts.append(f"{author or ''} [^{cluster}]".strip())
        else:
            texts.append(f"{author} {cluster}" if author else cluster)
    bib = dict(zip(out["bibliography"]["ids"],
                   (" ".join(e.split()) for e in out["bibliography"]["entries"])))
    return {"citations": texts, "bibliography": bib}


def _resolved(style: str) -> list:
    from citekit.document.cite import resolve

    text = (DATA / "paper.md").read_text("utf-8")
    body = text[read_front_matter(text).end:]
    raw = json.loads((DATA / "refs.json").read_text("utf-8"))
    return resolve(find_citations(body), [Item.from_json(d) for d in raw], STYLES[style],
                   output="text").citations


def reason(pandoc: str, citekit: str) -> str:
    """A short name for a kind of difference (for the reader of the data file)."""
    if pandoc.casefold() == citekit.casefold():
        return ("title case: pandoc capitalizes short words ('after', 'toward') that "
                "citeproc-js keeps lower case as CSL stop words")
    parts = [sorted(t.strip("()").split("; ")) for t in (pandoc, citekit)]
    if parts[0] == parts[1]:
        return ("order of cites in a cluster: citeproc-js sorts by the style's citation sort; "
                "pandoc keeps the written order when a cite has a prefix")
    return "other"


def record(style: str) -> dict:
    style_file = str(ROOT / "styles" / f"{style}.csl")
    cites, bib = read_rendered_html(pandoc_html(style_file))
    mine = render_markdown((DATA / "paper.md").read_text("utf-8"), style=STYLES[style],
                           to="html", file=str(DATA / "paper.md"))
    my_cites, my_bib = read_rendered_html(mine.text)
    authors = {n: " ".join(d.author.split()) for n, d in enumerate(_resolved(style))
               if d is not None and d.author}
    js = citeproc_js(style_file, style.startswith("chicago-notes"), authors)
    differences, bugs = [], []
    pairs = [("citation", str(i), p, m, js["citations"][i])
             for i, (p, m) in enumerate(zip(cites, my_cites))]
    pairs += [("bibliography", k, v, my_bib.get(k, ""), js["bibliography"].get(k, ""))
              for k, v in bib.items()]
    for kind, where, pandoc, citekit, cjs in pairs:
        if pandoc == citekit:
            continue
        entry = {"kind": kind, "at": where, "reason": reason(pandoc, citekit),
                 "pandoc": pandoc, "citekit": citekit, "citeproc_js": cjs}
        (differences if citekit == cjs else bugs).append(entry)
    return {"style": style, "pandoc": pandoc_version(), "citations": cites,
            "bibliography": bib, "differences": differences, "engine_bugs": bugs,
            "agree": {"citations": f"{sum(p == m for p, m in zip(cites, my_cites))} of "
                                   f"{len(cites)}",
                      "bibliography": f"{sum(v == my_bib.get(k) for k, v in bib.items())} of "
                                      f"{len(bib)}"}}


def main() -> None:
    for style in STYLES:
        data = record(style)
        keep = {k: v for k, v in data.items()}
        (DATA / f"expected-{style}.json").write_text(
            json.dumps(keep, indent=1, ensure_ascii=False) + "\n", "utf-8")
        print(style, data["agree"], "differences:", len(data["differences"]),
              "engine bugs:", len(data["engine_bugs"]))


if __name__ == "__main__":
    main()
