"""Hypothesis strategies that build hostile input with structure (issue 15).

Values of every wrong type where CSL fields go (numbers, lists, objects, null, booleans),
lone surrogates, non-finite and huge numbers, deep nesting, huge repeats, and hostile
Markdown, written out as CSL-JSON, CSL-YAML, BibTeX, RIS, HTML pages (meta tags, JSON-LD),
DTIC and CFR text, ``--document`` citation lists and Markdown documents. Used by
``tests/test_hostile_fuzz.py`` with a CI budget and by ``tools/fuzz_hostile.py`` for long runs.
"""
from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

FIELDS = ["id", "type", "title", "author", "editor", "issued", "accessed", "container-title",
          "page", "volume", "issue", "number", "edition", "publisher", "publisher-place",
          "URL", "DOI", "ISBN", "ISSN", "note", "language", "collection-number", "genre",
          "literal", "date-parts", "family", "given", "raw", "season", "circa", "references",
          "items", "citation-key", "custom", "@type", "@graph", "headline", "name"]
TYPES = ["book", "article-journal", "chapter", "report", "webpage", "thesis", "bogus", ""]

_TEXT = st.one_of(
    st.text(max_size=20),
    st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=3),
    st.text(st.characters(max_codepoint=0x1F), max_size=8),  # control characters
    st.sampled_from(["", " ", "2013", "2013-09-31", "Spring 2010", "[1]", "{x}", "\\", "@", "}",
                     "\u202e", "\ufeff", "a" * 300]),
)
_NUMBER = st.one_of(
    st.integers(), st.integers(min_value=10**20, max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([0, -1, 10**300]),
)
SCALAR = st.one_of(st.none(), st.booleans(), _NUMBER, _TEXT)


def _deep(n: int, inner: Any = 1) -> Any:
    value = inner
    for _ in range(n):
        value = [value]
    return value


JSON_VALUE = st.recursive(
    SCALAR,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=5), children, max_size=4),
    ),
    max_leaves=12,
) | st.integers(1, 400).map(_deep)

ENTRY = st.dictionaries(st.sampled_from(FIELDS), JSON_VALUE, max_size=8).map(
    lambda d: {"id": "x", **d})
#: what a CSL-JSON/YAML file holds: a list of entries (some not objects), or anything at all
DATA = st.one_of(st.lists(ENTRY | JSON_VALUE, max_size=5), ENTRY, JSON_VALUE,
                 st.builds(lambda e: {"references": e}, st.lists(ENTRY, max_size=3)))


def _json_text(data: Any) -> str:
    return json.dumps(data, allow_nan=True)  # ASCII: lone surrogates written as \\ud800 escapes


def _raw_json(draw: st.DrawFn) -> str:
    """JSON text the encoder would not write: deep nesting, repeated keys, huge repeats."""
    kind = draw(st.sampled_from(["deep", "dupkeys", "repeat", "truncated", "mixed"]))
    if kind == "deep":
        n = draw(st.integers(100, 50_000))
        return "[" * n + "]" * n
    if kind == "dupkeys":
        return '[{"id": "d", "title": "a", "title": "b", "issued": {"date-parts": [[1, 2]]}}]'
    if kind == "repeat":
        unit = draw(st.sampled_from(['{"id": "r"},', "[],", '"\\ud800",', "1e999,"]))
        return "[" + unit * draw(st.integers(1, 20_000)) + "{}]"
    if kind == "truncated":
        return _json_text(draw(DATA))[: draw(st.integers(0, 40))]
    return '[{"id": "m", "issued": {"date-parts": [[Infinity, NaN]]}}, {"id": "ok"}]'


@st.composite
def csl_json(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 4)) == 0:
        return _raw_json(draw)
    return _json_text(draw(DATA))


def _yaml_scalar(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value)  # a YAML double-quoted scalar (\\ud800 escapes included)
    if isinstance(value, float):
        return ".nan" if value != value else (".inf" if value > 0 else "-.inf") \
            if abs(value) == float("inf") else repr(value)
    return json.dumps(value)


def _yaml(value: Any, indent: int = 0) -> str:
    pad = "  " * indent
    if isinstance(value, dict) and value:
        return "\n".join(f"{pad}{json.dumps(str(k))}:\n{_yaml(v, indent + 1)}"
                         for k, v in value.items())
    if isinstance(value, list) and value:
        return "\n".join(f"{pad}-\n{_yaml(v, indent + 1)}" for v in value)
    if isinstance(value, (dict, list)):
        return pad + ("{}" if isinstance(value, dict) else "[]")
    return pad + _yaml_scalar(value)


@st.composite
def csl_yaml(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 5))
    if kind == 0:  # an alias bomb of random width and depth
        width, depth = draw(st.integers(2, 12)), draw(st.integers(1, 9))
        lines = ["a0: &a0 [" + ", ".join(["x"] * width) + "]"]
        lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]"
                  for i in range(1, depth)]
        return "\n".join(lines) + f"\nreferences:\n- id: b\n  title: *a{depth - 1}\n"
    if kind == 1:  # several documents
        docs = draw(st.lists(DATA, min_size=1, max_size=3))
        return "".join("---\n" + _yaml(d) + "\n" for d in docs)
    if kind == 2:  # deep block or flow nesting
        n = draw(st.integers(50, 3000))
        return "".join("  " * i + f"k{i}:\n" for i in range(n)) if draw(st.booleans()) \
            else "[" * n + "]" * n
    if kind == 3:
        return "- id: dup\n  title: one\n  title: two\n  issued: {literal: [1]}\n"
    return _yaml(draw(DATA)) + "\n"


_BIB_VALUE = st.one_of(
    _TEXT.map(lambda t: "{" + t.replace("{", "").replace("}", "") + "}"),
    st.sampled_from(["{a}}", "{{{", "}", '"q"', "s0 # s0", "jan", "{\\\\}", "{\\\"a}", "1999",
                     "{" * 40 + "x" + "}" * 40, "undefinedmacro"]),
)


@st.composite
def bibtex(draw: st.DrawFn) -> str:
    out = []
    if draw(st.booleans()):  # @string expansion, possibly exponential
        depth = draw(st.integers(1, 30))
        out.append('@string{s0 = "abcdefgh"}')
        out += [f"@string{{s{i} = s{i - 1} # s{i - 1}}}" for i in range(1, depth)]
        out.append(f"@misc{{bomb, title = s{depth - 1}}}")
    if draw(st.booleans()):  # crossref chains and cycles
        n = draw(st.integers(1, 30) | st.integers(1000, 1500))  # short, or past recursion
        out += [f"@inbook{{c{i}, crossref = {{c{i + 1}}}, title = {{T{i}}}}}" for i in range(n)]
        out.append(f"@book{{c{n}, title = {{Root}}" + (", crossref = {c0}}"
                                                      if draw(st.booleans()) else "}"))
    entries = draw(st.lists(st.tuples(
        st.sampled_from(["article", "book", "misc", "inbook", "xdata", "set", "string", "comment",
                         "preamble", "BoGuS"]),
        st.sampled_from(["k", "k", "a b", "", "k2", "@", "{"]),
        st.lists(st.tuples(st.sampled_from(["title", "author", "year", "month", "pages",
                                            "crossref", "xdata", "number", "series", "date",
                                            "editor", "isbn", "x"]), _BIB_VALUE), max_size=6),
        st.sampled_from(["}", "}", ")", "", "}}", "}, author = {A}, year = 2000}"])),
        max_size=6))
    for btype, key, fields, close in entries:
        body = ",\n".join(f"  {name} = {value}" for name, value in fields)
        out.append(f"@{btype}{{{key},\n{body}\n{close}")
    return "\n".join(out) + "\n"


@st.composite
def ris(draw: st.DrawFn) -> str:
    tags = st.sampled_from(["TY", "AU", "A1", "TI", "T1", "PY", "Y1", "DA", "SP", "EP", "SN",
                            "JO", "VL", "IS", "UR", "KW", "ER", "ZZ", "  "])
    lines = draw(st.lists(st.tuples(tags, _TEXT), max_size=20))
    text = "".join(f"{t}  - {v}\n" for t, v in lines)
    return ("TY  - JOUR\n" if draw(st.booleans()) else "") + text + "ER  - \n"


@st.composite
def html_page(draw: st.DrawFn) -> str:
    metas = draw(st.lists(st.tuples(st.sampled_from(
        ["citation_title", "citation_author", "citation_date", "dc.title", "og:title",
         "citation_doi", "description", "citation_firstpage"]), _TEXT), max_size=6))
    meta = "".join(f'<meta name="{n}" content="{json.dumps(v)[1:-1]}">' for n, v in metas)
    ld = draw(st.one_of(
        DATA.map(_json_text),
        st.integers(10, 100_000).map(lambda n: "[" * n + "]" * n),
        st.just('{"@type": "ScholarlyArticle", "headline": "H \\ud800", "author": {"name": 5}}'),
        st.just('{"@graph": ' + json.dumps(_deep(300, {"@type": "Article"})) + "}"),
    ))
    title = draw(_TEXT).replace("<", "")
    return (f"<html><head><title>{title}</title>{meta}<script type=\"application/ld+json\">"
            f"{ld}</script></head><body><span class=\"Z3988\" title=\"{draw(_TEXT)}\"></span>"
            "</body></html>")


_DTIC_LABELS = ["Accession Number:", "Title:", "Descriptive Note:", "Corporate Author:",
                "Personal Author(s):", "Report Date:", "Pagination or Media Count:",
                "Abstract:", "Distribution Statement:"]


@st.composite
def dtic(draw: st.DrawFn) -> str:
    labels = draw(st.lists(st.sampled_from(_DTIC_LABELS), min_size=3, max_size=12))
    return "".join(f"{label}\n{draw(_TEXT)}\n\n" for label in labels)


@st.composite
def cfr(draw: st.DrawFn) -> str:
    head = draw(st.sampled_from(["PrintPrint CiteCite\nStyle: MLAAPAChicago Close\n",
                                 "<p>Council on Foreign Relations</p>\n"]))
    author = draw(_TEXT)
    return (f"{head}\n\n{draw(_TEXT)}\n\nAuthor: {author}\n{draw(_TEXT)}\n"
            f"{draw(_TEXT)}\n\n{draw(_TEXT) * draw(st.integers(1, 50))}\n")


#: every reader's input, and text no reader claims (detection must cope)
READER_INPUTS = {"csl-json": csl_json(), "yaml": csl_yaml(), "bibtex": bibtex(), "ris": ris(),
                 "html": html_page(), "dtic": dtic(), "cfr": cfr(),
                 "detect": st.one_of(csl_json(), csl_yaml(), bibtex(), ris(), html_page(),
                                     dtic(), cfr(), st.text(max_size=200))}

CITE = st.one_of(st.dictionaries(st.sampled_from(["id", "locator", "label", "prefix", "suffix",
                                                  "suppress-author", "author-only", "position",
                                                  "near-note"]), SCALAR | JSON_VALUE,
                                 max_size=5),
                 st.builds(lambda i: {"id": i}, st.sampled_from(["a", "b", "zz"])), SCALAR)
CITATION = st.one_of(
    st.fixed_dictionaries({"citationItems": st.lists(CITE, max_size=3) | JSON_VALUE},
                          optional={"properties": st.one_of(
                              st.fixed_dictionaries({}, optional={"noteIndex": SCALAR
                                                                  | JSON_VALUE}),
                              JSON_VALUE), "citationID": SCALAR}),
    st.lists(CITE, max_size=3), JSON_VALUE)
#: a ``--document`` file's content
DOCUMENT = st.lists(CITATION, max_size=6)

_MD_UNITS = ["[@", "[", "]", "[-@", "[a](", "<!-- ", "-->", "`", "``", "@a ", "@b", "[@a]",
             "[see @a, p. 3; @b]", "[^1]", "\\", "\n\n", "    code\n", "```\n", "@{a}", "<a@b.c>",
             "[@zz]", "-@a", "](", "{", "}", "::: {#refs}\n", "# References\n", "*", "_"]


@st.composite
def markdown(draw: st.DrawFn) -> str:
    units = draw(st.lists(st.sampled_from(_MD_UNITS) | st.text(max_size=5), max_size=40))
    if draw(st.booleans()):  # a huge repeat of one unit
        units.append(draw(st.sampled_from(_MD_UNITS)) * draw(st.integers(100, 5_000)))
    front = ""
    if draw(st.booleans()):
        front = "---\n" + draw(csl_yaml() | st.just("references:\n- id: a\n  title: A\n")) \
            + "\n---\n"
    return front + "".join(units)


__all__ = ["CITATION", "DATA", "DOCUMENT", "ENTRY", "JSON_VALUE", "READER_INPUTS", "bibtex",
           "cfr", "csl_json", "csl_yaml", "dtic", "html_page", "markdown", "ris"]


# -- the checks: a crash is any exception but a CitekitError, or output that cannot be written
def _writable(text: str) -> None:
    text.encode("utf-8")  # a lone surrogate raises UnicodeEncodeError here


def check_reader(fmt: str, text: str, light: bool = False) -> None:
    """Read ``text`` (``fmt`` "detect": detected), write the items out and format them
    (``light``: write them as CSL-JSON only)."""
    from citekit.api import format_bibliography
    from citekit.export import export
    from citekit.sources import read_text

    result = read_text(text, "fuzz", None if fmt == "detect" else fmt)
    for problem in [*result.errors, *result.warnings]:
        _writable(str(problem))
    if not result.items:
        return
    if light:
        _writable(export(result.items, "json").text)
        return
    for to in ("json", "yaml", "bibtex", "ris"):
        _writable(export(result.items, to).text)
    for entry in format_bibliography(result.items[:20], "apa", output="text").entries:
        _writable(entry)


def check_document(data: Any) -> None:
    """A ``--document`` file's citations: each valid or a FormatError; the valid ones format."""
    from citekit.api import format_document
    from citekit.csl.document import Citation
    from citekit.errors import FormatError
    from citekit.model import Item

    items = [Item("a", "book", {"title": "A", "author": [{"family": "Ay"}]}),
             Item("b", "article-journal", {"title": "B", "issued": {"date-parts": [[2001]]}})]
    good = []
    for value in data if isinstance(data, list) else [data]:
        try:
            citation = Citation.from_json(value)
        except FormatError:
            continue
        if all(c.id in ("a", "b") for c in citation.cites):
            good.append(citation)
    texts, _ = format_document(items, good, "chicago-notes")
    for text in texts:
        _writable(text)


def check_render(text: str) -> None:
    """Render a Markdown document (Markdown and HTML); bad front matter may be a CitekitError."""
    from citekit.document.render import render_markdown
    from citekit.errors import CitekitError
    from citekit.model import Item

    items = [Item("a", "book", {"title": "A"}), Item("b", "book", {"title": "B"})]
    for to in ("markdown", "html"):
        try:
            out = render_markdown(text, items if to == "html" else None, to=to)
        except CitekitError:
            return
        _writable(out.text)
