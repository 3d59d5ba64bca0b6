"""Deterministic synthetic inputs for the benchmarks: CSL-JSON item sets and a BibTeX file.

Items are built from the hand-written oracle items (tests/data/oracle/items.json), which cover
every common CSL type with realistic field sets. Each synthetic item takes a template of a
type drawn with realistic weights, then gets new people from a small surname pool, a year
from a narrow range and a new title — so many items share an author and a year and
disambiguation (year suffixes, added given names) has real work to do.

Everything comes from ``random.Random(seed)``: the same call gives byte-identical files.
"""
from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = REPO / "tests" / "data" / "oracle" / "items.json"

SURNAMES = [
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Müller",
    "Tanaka", "Nakamura", "Kim", "Lee", "Park", "Wang", "Li", "Zhang", "Chen", "Nguyen",
    "Rossi", "Bianchi", "Dubois", "Moreau", "Schmidt", "Fischer", "Kowalski", "Nowak",
    "Ivanova", "Petrov", "Okafor", "Haddad", "Yilmaz", "Eriksson", "Jensen", "O'Brien",
    "van der Berg", "de la Cruz", "Castillo", "Silva", "Santos", "Cohen", "Levy", "Patel",
    "Singh", "Kumar", "Ali", "Khan", "Wilson", "Taylor", "Thomas",
]
GIVENS = [
    "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David",
    "Elizabeth", "Hiroshi", "Yuki", "Wei", "Min-jun", "Ana", "Marco", "Giulia", "Élodie",
    "Jürgen", "Zsófia", "Chidi", "Fatima", "Emre", "Sara", "Lars", "Priya", "Omar", "Sheila A.",
    "J. R.", "Anne-Marie",
]
WORDS = (
    "policy security alliance economic growth climate adaptation network learning model "
    "theory evidence regional trade labor market health outcomes urban water energy transition "
    "deterrence nuclear maritime strategy data analysis comparative history memory identity "
    "migration governance reform institutions inequality digital platforms risk resilience "
    "north korea japan china europe africa coastal rural public private global local"
).split()
#: CSL type -> weight; types absent from the templates are skipped.
TYPE_WEIGHTS = {
    "article-journal": 30, "book": 15, "chapter": 10, "report": 8, "paper-conference": 6,
    "webpage": 5, "article-newspaper": 4, "article-magazine": 3, "thesis": 3, "dataset": 2,
    "entry-encyclopedia": 2, "manuscript": 2, "post-weblog": 1, "software": 1, "speech": 1,
    "legal_case": 1, "legislation": 1, "motion_picture": 1, "broadcast": 1, "interview": 1,
    "patent": 1, "standard": 1, "review": 1, "map": 1, "song": 1,
}
NAME_VARS = ("author", "editor", "translator", "container-author", "collection-editor",
             "director", "interviewer", "composer", "illustrator", "reviewed-author")

NO_AUTHOR_TYPES = ("legal_case", "legislation", "standard", "patent", "map")


def _templates() -> dict[str, list[dict[str, Any]]]:
    by_type: dict[str, list[dict[str, Any]]] = {}
    for item in json.loads(TEMPLATES.read_text(encoding="utf-8")):
        if item.get("type") in TYPE_WEIGHTS and item.get("title"):
            by_type.setdefault(item["type"], []).append(item)
    return by_type


def _person(rng: random.Random) -> dict[str, str]:
    return {"family": rng.choice(SURNAMES), "given": rng.choice(GIVENS)}


def _title(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(3, 9))]
    title = " ".join(words).capitalize()
    if rng.random() < 0.3:
        title += ": " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5)))
    return title


def _stringify(item: dict[str, Any]) -> dict[str, Any]:
    """Top-level numbers as strings, as citeproc-js expects (see tools/oracle/make_oracle.js)."""
    return {k: str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v
            for k, v in item.items()}


def _item(rng: random.Random, templates: dict[str, list[dict[str, Any]]], kind: str,
          n: int) -> dict[str, Any]:
    item = copy.deepcopy(rng.choice(templates[kind]))
    for var in NAME_VARS:
        names = item.get(var)
        if isinstance(names, list):
            item[var] = [_person(rng) if "family" in p or rng.random() < 0.5 else p
                         for p in names]
    if not any(item.get(var) for var in NAME_VARS) and kind not in NO_AUTHOR_TYPES \
            and rng.random() < 0.8:
        item["author"] = [_person(rng) for _ in range(rng.choice((1, 1, 1, 2, 2, 3)))]
    year = rng.randint(2005, 2024)
    issued = item.get("issued")
    if isinstance(issued, dict) and issued.get("date-parts"):
        parts = [list(p) for p in issued["date-parts"]]
        parts[0][0] = year
        item["issued"] = {"date-parts": [parts[0]]}
    elif kind not in ("manuscript",) or rng.random() < 0.5:
        item["issued"] = {"date-parts": [[year]]}
    item["title"] = _title(rng)
    item.pop("title-short", None)
    if "DOI" in item:
        item["DOI"] = f"10.5555/bench.{n}"
    if "URL" in item:
        item["URL"] = f"https://example.org/bench/{n}"
    first = (item.get("author") or item.get("editor") or [{}])[0]
    stem = "".join(ch for ch in str(first.get("family", first.get("literal", "anon"))).lower()
                   if ch.isalnum())[:12] or "anon"
    item["id"] = f"{stem}{year}-{n}"
    return _stringify(item)


def make_items(count: int, seed: int = 9) -> list[dict[str, Any]]:
    """``count`` synthetic CSL-JSON items; the first is always a journal article."""
    rng = random.Random(seed)
    templates = _templates()
    kinds = [k for k in TYPE_WEIGHTS if k in templates]
    weights = [TYPE_WEIGHTS[k] for k in kinds]
    out = []
    for n in range(count):
        kind = "article-journal" if n == 0 else rng.choices(kinds, weights)[0]
        out.append(_item(rng, templates, kind, n))
    return out


# -- BibTeX ---------------------------------------------------------------------------------
BIB_ACCENTS = {"ü": '{\\"u}', "é": "{\\'e}", "É": "{\\'E}", "ó": "{\\'o}", "ö": '{\\"o}'}


def _latex(text: str) -> str:
    out = "".join(BIB_ACCENTS.get(ch, ch) for ch in text)
    return out.replace("&", "\\&")


def _bib_names(names: list[dict[str, str]]) -> str:
    parts = []
    for p in names:
        if "literal" in p:
            parts.append("{" + _latex(p["literal"]) + "}")
        else:
            parts.append(_latex(f"{p.get('family', '')}, {p.get('given', '')}".strip(", ")))
    return " and ".join(parts)


BIB_TYPES = {
    "article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
    "book": "book", "chapter": "incollection", "paper-conference": "inproceedings",
    "report": "techreport", "thesis": "phdthesis", "webpage": "online", "dataset": "misc",
}


def _bib_entry(item: dict[str, Any]) -> str:
    btype = BIB_TYPES.get(item["type"], "misc")
    fields: list[tuple[str, str]] = [("title", "{" + _latex(item["title"]) + "}")]
    if item.get("author"):
        fields.append(("author", _bib_names(item["author"])))
    if item.get("editor"):
        fields.append(("editor", _bib_names(item["editor"])))
    container = item.get("container-title")
    if container:
        key = {"article": "journal", "incollection": "booktitle",
               "inproceedings": "booktitle"}.get(btype, "howpublished")
        fields.append((key, _latex(str(container))))
    for csl, bib in (("publisher", "publisher"), ("publisher-place", "address"),
                     ("volume", "volume"), ("issue", "number"), ("page", "pages"),
                     ("DOI", "doi"), ("URL", "url"), ("edition", "edition")):
        if item.get(csl):
            value = str(item[csl]).replace("-", "--") if csl == "page" else str(item[csl])
            fields.append((bib, value if csl in ("DOI", "URL") else _latex(value)))
    issued = (item.get("issued") or {}).get("date-parts") or [[]]
    if issued[0]:
        fields.append(("year", str(issued[0][0])))
        if len(issued[0]) > 1:
            fields.append(("month", str(issued[0][1])))
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@{btype}{{{item['id']},\n{body}\n}}\n"


def make_bibtex(count: int, seed: int = 9) -> str:
    """A BibTeX file of ``count`` entries made from :func:`make_items`."""
    return "\n".join(_bib_entry(item) for item in make_items(count, seed))


def make_markdown(paragraphs: int, ids: list[str], seed: int = 9
                  ) -> tuple[str, list[dict[str, Any] | None]]:
    """A Markdown document of ``paragraphs`` paragraphs, each ending in a citation of ``ids``:
    one item with a page locator (40%), two items (20%), an in-text ``@key`` (20%), a
    prefixed pair with a chapter (10%) or one item with its author suppressed (10%); a
    heading every 50 paragraphs, "References" at the end. Also the citations as CSL citation
    clusters in document order, None for in-text ones (citeproc-js has no such form). Same
    arguments, same output."""
    rng = random.Random(seed)
    out = ["---\ntitle: Generated\n---\n"]
    text: list[dict[str, Any] | None] = []

    def cluster(n: int, items: list[dict[str, Any]]) -> dict[str, Any]:
        return {"citationID": f"c{n}", "citationItems": items, "properties": {"noteIndex": 0}}

    for n in range(paragraphs):
        if n % 50 == 0:
            out.append(f"## Section {n // 50 + 1}\n")
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 40)))
        kind = rng.random()
        a, b = rng.choice(ids), rng.choice(ids)
        if kind < 0.4:
            page = rng.randint(1, 300)
            cite = f"[@{a}, p. {page}]"
            text.append(cluster(n, [{"id": a, "label": "page", "locator": str(page)}]))
        elif kind < 0.6:
            cite = f"[@{a}; @{b}]"
            text.append(cluster(n, [{"id": a}, {"id": b}]))
        elif kind < 0.8:
            cite = f"as @{a} argues"
            text.append(None)
        elif kind < 0.9:
            chapter = rng.randint(1, 12)
            cite = f"[see @{a}, chap. {chapter}; also @{b}]"
            text.append(cluster(n, [{"id": a, "prefix": "see ", "label": "chapter",
                                     "locator": str(chapter)}, {"id": b, "prefix": "also "}]))
        else:
            cite = f"as its authors write [-@{a}]"
            text.append(cluster(n, [{"id": a, "suppress-author": True}]))
        out.append(f"{words.capitalize()} {cite}.\n")
    out.append("# References\n")
    return "\n".join(out), text


def write_inputs(cache: Path, sizes: tuple[int, ...] = (1, 1000, 10000)) -> dict[str, Path]:
    """(Re)write items-N.json for each size and bib-10000.bib under ``cache``; returns paths."""
    cache.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for size in sizes:
        path = cache / f"items-{size}.json"
        path.write_text(json.dumps(make_items(size), ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
        paths[f"items-{size}"] = path
    bib = cache / "bib-10000.bib"
    bib.write_text(make_bibtex(10000), encoding="utf-8")
    paths["bib-10000"] = bib
    return paths
