"""Development only: record pandoc's citeproc output for the papers in tests/data/pandoc/.

Needs the pip package ``pypandoc-binary`` (ships a pandoc binary; a test extra, never a
runtime dependency), citekit installed in the running Python (``citekit-pandoc`` beside
it) and, for the third opinion, Node with tools/oracle/node_modules (citeproc-js).
Run from the repository root::

    (cd tools/oracle && npm ci)
    .venv/bin/python tools/pandoc_oracle.py

Papers: ``paper.md`` (30 citations: locators, prefixes, suppressed authors, in-text and
multi-cite clusters; four styles, compared with ``citekit render``) and ``notes.md``
(footnotes holding citations, in-text citations inside notes; a note style and an
author-date style, compared with ``pandoc --filter citekit-pandoc``). For each pair it writes
tests/data/pandoc/expected-<style>.json (``paper.md``) or expected-notes-<style>.json:
pandoc's citation and bibliography texts (plain text read back from pandoc's HTML), and,
where citekit's differ, citeproc-js's text for the same citation, placed as pandoc places
it. A difference where citeproc-js agrees with citekit is listed under ``differences``
(citeproc-js is right); one where it does not, under ``engine_bugs`` (citekit is wrong).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "pandoc"
STYLES = {"apa": "apa", "chicago-notes-bibliography": "chicago-notes",
          "chicago-author-date": "chicago", "modern-language-association": "mla"}
NOTES_STYLES = ("chicago-notes-bibliography", "apa")
sys.path.insert(0, str(ROOT))

from citekit.csl.output.leading import capitalize_first  # noqa: E402
from citekit.csl.output.tree import Span  # noqa: E402
from citekit.document import render_markdown  # noqa: E402
from citekit.document.cite import make_processor, resolve, to_cite  # noqa: E402
from citekit.document.html import read_rendered_html  # noqa: E402
from citekit.document.pandoc_filter import citation_marks  # noqa: E402
from citekit.model import Item  # noqa: E402


def _pandoc(*args: str) -> str:
    import pypandoc

    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep
               + os.environ.get("PATH", ""))
    return subprocess.run([pypandoc.get_pandoc_path(), *args], cwd=DATA, check=True,
                          capture_output=True, text=True, env=env).stdout


def pandoc_html(paper: str, style_file: str) -> str:
    return _pandoc(paper, "--citeproc", "--csl", style_file, "-t", "html", "--wrap=none")


def filter_html(paper: str, style_file: str) -> str:
    return _pandoc(paper, "--filter", "citekit-pandoc", "-M", f"csl={style_file}", "-t",
                   "html", "--wrap=none")


def pandoc_version() -> str:
    import pypandoc

    return str(pypandoc.get_pandoc_version())


def _items() -> list[Item]:
    return [Item.from_json(d) for d in json.loads((DATA / "refs.json").read_text("utf-8"))]


def citeproc_js(paper: str, style_file: str) -> dict:
    """citeproc-js's texts for the paper's citations (read by pandoc, numbered as pandoc
    numbers notes), placed as pandoc places citations: a note style's citation in the text
    becomes a note (capitalized), one inside a note goes in parentheses without its final
    period; an in-text citation's author part is citekit's (citeproc-js's author-only
    preview is not what pandoc writes)."""
    marks = citation_marks(json.loads(_pandoc(paper, "-t", "json")))
    raw = json.loads((DATA / "refs.json").read_text("utf-8"))
    proc = make_processor(_items(), style_file, None, "text")
    note_style = proc.style.style_class == "note"
    clusters = []
    for n, mark in enumerate(marks):
        items = []
        in_text = mark.in_text and not (note_style and mark.in_note)
        for j, ref in enumerate(mark.cites):
            cite = to_cite(ref, proc, suppress=(j == 0 and in_text))
            item = {"id": cite.id}
            for key, value in (("locator", cite.locator), ("label", cite.label),
                               ("prefix", cite.prefix), ("suffix", cite.suffix)):
                if value:
                    item[key] = value
            if cite.suppress_author:
                item["suppress-author"] = True
            items.append(item)
        clusters.append({"citationID": f"c{n}", "citationItems": items,
                         "properties": {"noteIndex": mark.note or n + 1}})
    payload = {"style": style_file, "items": raw, "clusters": clusters, "authors": []}
    done = subprocess.run(["node", str(ROOT / "tools" / "pandoc_citeprocjs.js")],
                          input=json.dumps(payload), capture_output=True, text=True, check=True)
    out = json.loads(done.stdout)
    resolved = resolve(marks, _items(), style_file, output="text").citations
    texts = []
    for mark, cluster, mine in zip(marks, out["citations"], resolved):
        cluster = " ".join(cluster.split())
        author = " ".join(mine.author.split()) if mine and mine.author else None
        if note_style and mark.in_note:
            body = cluster[:-1] if cluster.endswith(".") else cluster
            texts.append(body if mark.in_text else f"({body})")
        elif note_style:
            leaf = Span([cluster])
            capitalize_first(leaf)
            cluster = str(leaf.children[0])
            texts.append(f"{author or ''} [^{cluster}]".strip())
        else:
            texts.append(f"{author} {cluster}" if author else cluster)
    # as read back from HTML: the running text's citations, then those inside footnotes
    order = [i for i, m in enumerate(marks) if not m.in_note] + [
        i for i, m in enumerate(marks) if m.in_note]
    texts = [texts[i] for i in order]
    bib = dict(zip(out["bibliography"]["ids"],
                   (" ".join(e.split()) for e in out["bibliography"]["entries"])))
    return {"citations": texts, "bibliography": bib}


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


def record(paper: str, style: str, via_filter: bool) -> dict:
    style_file = str(ROOT / "styles" / f"{style}.csl")
    cites, bib = read_rendered_html(pandoc_html(paper, style_file))
    if via_filter:
        mine = filter_html(paper, style_file)
    else:
        mine = render_markdown((DATA / paper).read_text("utf-8"), style=STYLES[style],
                               to="html", file=str(DATA / paper)).text
    my_cites, my_bib = read_rendered_html(mine)
    js = citeproc_js(paper, style_file)
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
    return {"paper": paper, "style": style, "via": "filter" if via_filter else "render",
            "pandoc": pandoc_version(), "citations": cites, "bibliography": bib,
            "differences": differences, "engine_bugs": bugs,
            "agree": {"citations": f"{sum(p == m for p, m in zip(cites, my_cites))} of "
                                   f"{len(cites)}",
                      "bibliography": f"{sum(v == my_bib.get(k) for k, v in bib.items())} of "
                                      f"{len(bib)}"}}


def main() -> None:
    runs = [("paper.md", style, False, f"expected-{style}.json") for style in STYLES]
    runs += [("notes.md", style, True, f"expected-notes-{style}.json")
             for style in NOTES_STYLES]
    for paper, style, via_filter, name in runs:
        data = record(paper, style, via_filter)
        (DATA / name).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n",
                                 "utf-8")
        print(paper, style, data["agree"], "differences:", len(data["differences"]),
              "engine bugs:", len(data["engine_bugs"]))


if __name__ == "__main__":
    main()
