"""Field agreement of citekit's web-page reader with hand-checked expectations.

For every saved page of the webmeta corpus (``../shared/corpora/webmeta/<corpus>/<name>.html.gz``)
there is one JSON file of expected fields, ``tests/data/webmeta/<corpus>/<name>.json``. Each
scored field the reader gives or the expectation holds counts once: right when both are equal
(a field the expectation lacks must be absent). The tool prints the agreement, the pages with
crashes, and the pages whose output names the site as author, prints a type code, types a
story as a preprint or cites another work (a Wikipedia reference), then every wrong field.

    python tools/webmeta_score.py [--corpus DIR] [--show NAME] [-q]
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from citekit.sources.registry import parse_bytes  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpora" / "webmeta"
EXPECTED = REPO / "tests" / "data" / "webmeta"
#: the fields a citation prints: these are scored
FIELDS = ("type", "title", "author", "issued", "container-title", "publisher", "volume",
          "issue", "page", "number", "DOI", "URL")
TYPE_CODES = frozenset({"text", "journal", "news", "originalpaper", "phdthesis", "article",
                        "text.serial.journal", "text.article", "paper"})


def pages(corpus: Path) -> list[Path]:
    return sorted(corpus.glob("*/*.html.gz"))


def expectation_path(page: Path, corpus: Path) -> Path:
    rel = page.relative_to(corpus)
    return EXPECTED / rel.parent / (rel.name[: -len(".html.gz")] + ".json")


def read_page(page: Path) -> tuple[dict[str, Any] | None, str | None]:
    """(fields, None) or (None, the error or crash)."""
    try:
        result = parse_bytes(gzip.decompress(page.read_bytes()), page.name, None)
    except Exception as exc:
        return None, f"CRASH {type(exc).__name__}: {exc}"
    if not result.items:
        return None, "; ".join(e.message for e in result.errors) or "no item"
    return result.items[0].to_json(), None


def embarrassments(got: dict[str, Any], record: dict[str, Any]) -> list[str]:
    """What a user would be embarrassed by in this output (``record``: the expectation file,
    its ``not_titles`` the works the page cites)."""
    expected = record["expected"]
    out = []
    sites = {str(got.get(k, "")).lower() for k in ("container-title", "publisher")} - {""}
    for name in got.get("author", []):
        shown = (name.get("literal") or " ".join(
            p for p in (name.get("given"), name.get("family")) if p)).lower()
        if shown in sites:
            out.append(f"site as author: {shown}")
    if str(got.get("genre", "")).lower() in TYPE_CODES:
        out.append(f"type code printed: {got['genre']}")
    news = expected.get("type") in ("article-newspaper", "webpage", "post-weblog")
    if news and got.get("type") == "article":
        out.append("story typed as a preprint")
    if expected.get("title") and got.get("title") and got["title"] != expected["title"] \
            and got.get("title") in record.get("not_titles", []):
        out.append(f"cites another work: {got['title']}")
    return out


def score(corpus: Path, show: str | None = None, quiet: bool = False) -> int:
    right = total = crashes = 0
    wrong: list[str] = []
    bad: list[str] = []
    missing = []
    for page in pages(corpus):
        name = str(page.relative_to(corpus))
        path = expectation_path(page, corpus)
        got, error = read_page(page)
        if show and show in name:
            print(json.dumps(got, indent=1, ensure_ascii=False) if got else error)
        if not path.exists():
            missing.append(name)
            continue
        record = json.loads(path.read_text("utf-8"))
        expected = record["expected"]
        if error and error.startswith("CRASH"):
            crashes += 1
        got = got or {}
        for problem in embarrassments(got, record):
            bad.append(f"{name}: {problem}")
        for field in FIELDS:
            if field not in got and field not in expected:
                continue
            total += 1
            if got.get(field) == expected.get(field):
                right += 1
            else:
                shown = [json.dumps(v, ensure_ascii=False) for v in (got.get(field),
                                                                       expected.get(field))]
                wrong.append(f"{name}: {field}: got {shown[0]} expected {shown[1]}")
    n = len(pages(corpus)) - len(missing)
    print(f"pages {n}, fields right {right}/{total} = {100 * right / max(total, 1):.1f}%, "
          f"crashes {crashes}, embarrassing outputs {len(bad)}")
    for line in bad:
        print("  !", line)
    if missing:
        print(f"  {len(missing)} pages without expectations: {', '.join(missing)}")
    if not quiet:
        for line in wrong:
            print("  x", line)
    return 0 if not crashes else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--show", help="print the reader's output for pages matching this")
    parser.add_argument("-q", "--quiet", action="store_true", help="no list of wrong fields")
    args = parser.parse_args()
    return score(args.corpus, args.show, args.quiet)


if __name__ == "__main__":
    raise SystemExit(main())
