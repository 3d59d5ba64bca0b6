"""Recover stage: one extractor per kind of web-page citation metadata.

Each takes a parsed lxml document (and its meta tags) and returns CSL-JSON fields: Highwire
``citation_*``, Dublin Core / PRISM, schema.org JSON-LD, COinS, Open Graph, and the page's
plain ``<title>``/``<meta name=description>``. :mod:`citekit.sources.webmeta` merges them.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urljoin

from lxml import html as lxml_html

from ..errors import ParseError
from ..model.dateparse import parse_date
from ..model.io import value_problem
from ..model.nameparse import parse_name
from .safeload import load_json

Meta = dict[str, list[str]]  # lower-cased meta name/property -> contents in document order
Fields = dict[str, Any]


def meta_tags(doc: lxml_html.HtmlElement) -> Meta:
    out: Meta = {}
    for el in doc.iter("meta"):
        key = (el.get("name") or el.get("property") or el.get("itemprop") or "").strip().lower()
        value = (el.get("content") or "").strip()
        if key and value:
            out.setdefault(key, []).append(value)
    return out


def person(text: str) -> dict[str, str] | None:
    """A name as written on a page (read by :mod:`citekit.model.nameparse`), or None."""
    try:
        return parse_name(re.sub(r"\s+", " ", text).strip()).to_json()
    except ParseError:
        return None


def people(texts: list[str]) -> list[dict[str, str]]:
    return [n for n in (person(t) for t in texts) if n]


def date(text: str) -> dict[str, Any] | None:
    """A CSL date from ISO 8601 (``2013-05-01T..``, ``2013/05/01``) or any date text."""
    match = re.match(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?:$|[T\s])", text.strip())
    if match:
        return {"date-parts": [[int(p) for p in match.groups() if p]]}
    try:
        return parse_date(text).to_json()
    except ParseError:
        return None


def _pages(first: str | None, last: str | None) -> str | None:
    if first and last and first != last:
        return f"{first}-{last}"
    return first or None


def _doi(text: str) -> str | None:
    match = re.search(r"10\.\d{4,9}/\S+", text)
    return match.group(0).rstrip(".,;") if match else None


# -- Highwire Press citation_* ---------------------------------------------------------------------
HIGHWIRE: dict[str, str] = {
    "citation_title": "title", "citation_journal_title": "container-title",
    "citation_conference_title": "container-title", "citation_book_title": "container-title",
    "citation_inbook_title": "container-title", "citation_journal_abbrev":
    "container-title-short", "citation_series_title": "collection-title",
    "citation_volume": "volume", "citation_issue": "issue", "citation_doi": "DOI",
    "citation_issn": "ISSN", "citation_isbn": "ISBN", "citation_publisher": "publisher",
    "citation_technical_report_institution": "publisher",
    "citation_dissertation_institution": "publisher", "citation_technical_report_number":
    "number", "citation_language": "language", "citation_abstract": "abstract",
    "citation_pmid": "PMID", "citation_abstract_html_url": "URL", "citation_public_url": "URL",
    "citation_fulltext_html_url": "URL", "citation_edition": "edition",
}
HIGHWIRE_DATES = ("citation_publication_date", "citation_date", "citation_cover_date",
                  "citation_online_date", "citation_year")
HIGHWIRE_TYPES = (("citation_dissertation_institution", "thesis"),
                  ("citation_technical_report_institution", "report"),
                  ("citation_technical_report_number", "report"),
                  ("citation_conference_title", "paper-conference"),
                  ("citation_journal_title", "article-journal"),
                  ("citation_inbook_title", "chapter"), ("citation_book_title", "chapter"),
                  ("citation_isbn", "book"))


def highwire(meta: Meta, doc: lxml_html.HtmlElement) -> Fields:
    out: Fields = {}
    for key, var in HIGHWIRE.items():
        if meta.get(key):
            out.setdefault(var, meta[key][0])
    authors = meta.get("citation_author") or [
        a for v in meta.get("citation_authors", []) for a in v.split(";") if a.strip()]
    if authors:
        out["author"] = people(authors)
    if meta.get("citation_editor"):
        out["editor"] = people(meta["citation_editor"])
    issued = next((meta[k][0] for k in HIGHWIRE_DATES if meta.get(k)), None)
    if issued:
        out["issued"] = date(issued)
    page = _pages(*(meta.get(k, [None])[0] for k in ("citation_firstpage", "citation_lastpage")))
    if page:
        out["page"] = page
    if meta.get("citation_keywords"):
        out["keyword"] = ", ".join(k.strip() for v in meta["citation_keywords"]
                                   for k in v.split(";") if k.strip())
    if out:
        out["type"] = next((t for k, t in HIGHWIRE_TYPES if meta.get(k)), "article-journal")
    return out


# -- Dublin Core and PRISM -------------------------------------------------------------------------
DUBLIN_CORE: dict[str, str] = {
    "title": "title", "publisher": "publisher", "description": "abstract", "abstract":
    "abstract", "language": "language", "ispartof": "container-title",
    "relation.ispartof": "container-title", "source": "container-title",
    "publicationname": "container-title", "volume": "volume", "number": "issue",
    "issueidentifier": "issue", "doi": "DOI", "issn": "ISSN", "eissn": "ISSN", "isbn": "ISBN",
    "url": "URL", "type": "genre",
}
DC_DATES = ("issued", "date.issued", "date", "created", "publicationdate", "coverdate")
_DC_PREFIX = re.compile(r"^(?:dc|dcterms|dct|prism)[.:]")


def dublin_core(meta: Meta, doc: lxml_html.HtmlElement) -> Fields:
    terms: Meta = {}
    for key, values in meta.items():
        if _DC_PREFIX.match(key):
            terms.setdefault(_DC_PREFIX.sub("", key), []).extend(values)
    out: Fields = {}
    for key, var in DUBLIN_CORE.items():
        if terms.get(key):
            out.setdefault(var, terms[key][0])
    if terms.get("creator"):
        out["author"] = people(terms["creator"])
    issued = next((terms[k][0] for k in DC_DATES if terms.get(k)), None)
    if issued:
        out["issued"] = date(issued)
    page = _pages(*(terms.get(k, [None])[0] for k in ("startingpage", "endingpage")))
    if page:
        out["page"] = page
    for ident in terms.get("identifier", []):
        doi = _doi(ident)
        if doi:
            out.setdefault("DOI", doi)
        elif ident.startswith("http"):
            out.setdefault("URL", ident)
    if terms.get("subject"):
        out["keyword"] = ", ".join(terms["subject"])
    return out


# -- schema.org JSON-LD ----------------------------------------------------------------------------
SCHEMA_TYPES: dict[str, str] = {
    "ScholarlyArticle": "article-journal", "Article": "article", "NewsArticle":
    "article-newspaper", "TechArticle": "article", "BlogPosting": "post-weblog",
    "Report": "report", "Book": "book", "Chapter": "chapter", "Thesis": "thesis",
}
SCHEMA_FIELDS: dict[str, str] = {
    "headline": "title", "name": "title", "description": "abstract", "abstract": "abstract",
    "url": "URL", "inLanguage": "language", "isbn": "ISBN", "issn": "ISSN",
    "bookEdition": "edition", "numberOfPages": "number-of-pages", "reportNumber": "number",
    "pagination": "page", "volumeNumber": "volume", "issueNumber": "issue",
}


def _objects(data: Any) -> list[dict[str, Any]]:
    """Every object of a JSON-LD block (lists and ``@graph`` opened), in order; iterative,
    and nothing nested deeper than :data:`MAX_JSON_LD_DEPTH` (no page nests that far)."""
    out: list[dict[str, Any]] = []
    stack: list[tuple[int, Any]] = [(0, data)]
    while stack:
        depth, node = stack.pop()
        if depth > MAX_JSON_LD_DEPTH:
            continue
        if isinstance(node, list):
            stack.extend((depth + 1, d) for d in reversed(node))
        elif isinstance(node, dict):
            out.append(node)
            stack.append((depth + 1, node.get("@graph", [])))
    return out


MAX_JSON_LD_DEPTH = 20


def _types(obj: dict[str, Any]) -> list[str]:
    kinds = obj.get("@type", [])
    return [str(k).rsplit("/", 1)[-1] for k in (kinds if isinstance(kinds, list) else [kinds])]


def _agent(value: Any) -> list[dict[str, str]]:
    out = []
    for agent in value if isinstance(value, list) else [value]:
        if isinstance(agent, str):
            out += people([agent])
        elif isinstance(agent, dict) and agent.get("familyName"):
            out.append({"family": str(agent["familyName"]),
                        **({"given": str(agent["givenName"])} if agent.get("givenName") else {})})
        elif isinstance(agent, dict) and agent.get("name"):
            is_org = "Organization" in _types(agent)
            out += [{"literal": str(agent["name"])}] if is_org else people([str(agent["name"])])
    return out


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or value.get("@id")
    return str(value).strip() if value not in (None, "") else None


def _container(obj: dict[str, Any], out: Fields) -> None:
    """Walk isPartOf: PublicationIssue -> PublicationVolume -> Periodical."""
    part, depth = obj.get("isPartOf"), 0
    while isinstance(part, dict) and depth < 4:
        kinds = _types(part)
        if "PublicationIssue" in kinds and part.get("issueNumber"):
            out.setdefault("issue", str(part["issueNumber"]))
        elif "PublicationVolume" in kinds and part.get("volumeNumber"):
            out.setdefault("volume", str(part["volumeNumber"]))
        elif part.get("name"):
            out.setdefault("container-title", str(part["name"]))
        part, depth = part.get("isPartOf"), depth + 1
    if isinstance(part, str):
        out.setdefault("container-title", part)


def json_ld(meta: Meta, doc: lxml_html.HtmlElement) -> Fields:
    candidates = []
    for script in doc.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:  # (a lone surrogate becomes U+FFFD; a block nested too deep is skipped)
            data, _ = load_json(script.text or "", "JSON-LD")
        except ParseError:
            continue
        candidates += _objects(data)
    ranked = [(list(SCHEMA_TYPES).index(t), o) for o in candidates for t in _types(o)
              if t in SCHEMA_TYPES]
    if not ranked:
        return {}
    obj = min(ranked, key=lambda r: r[0])[1]
    out: Fields = {"type": SCHEMA_TYPES[next(t for t in _types(obj) if t in SCHEMA_TYPES)]}
    for key, var in SCHEMA_FIELDS.items():
        text = _text(obj.get(key))
        if text:
            out.setdefault(var, text)
    for key, var in (("author", "author"), ("creator", "author"), ("editor", "editor")):
        if obj.get(key) and var not in out:
            out[var] = _agent(obj[key]) or None
    if obj.get("datePublished"):
        out["issued"] = date(str(obj["datePublished"]))
    if _text(obj.get("publisher")):
        out["publisher"] = _text(obj.get("publisher"))
    out.setdefault("page", _pages(_text(obj.get("pageStart")), _text(obj.get("pageEnd"))))
    keywords = obj.get("keywords")
    if keywords:
        out["keyword"] = ", ".join(keywords) if isinstance(keywords, list) else str(keywords)
    for ident in [obj.get("identifier"), obj.get("sameAs"), obj.get("@id")]:
        doi = _doi(json.dumps(ident)) if ident and value_problem(ident) is None else None
        if doi:
            out.setdefault("DOI", doi)
    _container(obj, out)
    if out["type"] == "article" and "volume" in out:
        out["type"] = "article-journal"
    return {k: v for k, v in out.items() if v}


# -- COinS -----------------------------------------------------------------------------------------
COINS: dict[str, str] = {
    "rft.atitle": "title", "rft.btitle": "title", "rft.title": "title",
    "rft.jtitle": "container-title", "rft.stitle": "container-title-short",
    "rft.volume": "volume", "rft.issue": "issue", "rft.pages": "page", "rft.issn": "ISSN",
    "rft.isbn": "ISBN", "rft.pub": "publisher", "rft.publisher": "publisher",
    "rft.place": "publisher-place", "rft.edition": "edition", "rft.series": "collection-title",
    "rft.inst": "publisher", "rft.language": "language",
}
COINS_TYPES = {"article": "article-journal", "journal": "article-journal", "book": "book",
               "bookitem": "chapter", "proceeding": "paper-conference", "conference":
               "paper-conference", "report": "report", "dissertation": "thesis",
               "preprint": "article"}


def coins(meta: Meta, doc: lxml_html.HtmlElement) -> Fields:
    span = next((el for el in doc.iter("span") if "Z3988" in (el.get("class") or "").split()),
                None)
    if span is None or not span.get("title"):
        return {}
    pairs = parse_qsl(span.get("title"), keep_blank_values=False)
    kev: Meta = {}
    for key, value in pairs:
        kev.setdefault(key, []).append(value.strip())
    out: Fields = {}
    if kev.get("rft.atitle") and kev.get("rft.title"):
        kev.setdefault("rft.jtitle", kev["rft.title"])
    for key, var in COINS.items():
        if kev.get(key):
            out.setdefault(var, kev[key][0])
    authors = people(kev.get("rft.au", []))
    if not authors and kev.get("rft.aulast"):
        first = kev.get("rft.aufirst", [""])[0]
        authors = [{"family": kev["rft.aulast"][0], **({"given": first} if first else {})}]
    if authors:
        out["author"] = authors
    if kev.get("rft.date"):
        out["issued"] = date(kev["rft.date"][0])
    if "page" not in out and kev.get("rft.spage"):
        out["page"] = _pages(kev["rft.spage"][0], kev.get("rft.epage", [None])[0])
    for ident in kev.get("rft_id", []):
        doi = _doi(ident) if "doi" in ident.lower() else None
        if doi:
            out.setdefault("DOI", doi)
        elif ident.startswith("http"):
            out.setdefault("URL", ident)
    genre = kev.get("rft.genre", [""])[0].lower()
    if out:
        out["type"] = COINS_TYPES.get(genre, "article-journal" if "rft.jtitle" in kev else
                                      "document")
    return out


# -- Open Graph and plain HTML ---------------------------------------------------------------------
OPEN_GRAPH: dict[str, str] = {
    "og:title": "title", "og:site_name": "container-title", "og:url": "URL",
    "og:description": "abstract", "book:isbn": "ISBN",
}
OG_DATES = ("article:published_time", "book:release_date", "og:published_time")


def open_graph(meta: Meta, doc: lxml_html.HtmlElement) -> Fields:
    out: Fields = {var: meta[key][0] for key, var in OPEN_GRAPH.items() if meta.get(key)}
    issued = next((meta[k][0] for k in OG_DATES if meta.get(k)), None)
    if issued:
        out["issued"] = date(issued)
    authors = [a for k in ("article:author", "book:author") for a in meta.get(k, [])
               if not a.startswith("http")]
    if authors:
        out["author"] = people(authors)
    if meta.get("og:locale"):
        out["language"] = meta["og:locale"][0].replace("_", "-")
    kind = (meta.get("og:type") or [""])[0].lower()
    if out:
        out["type"] = {"article": "article", "book": "book"}.get(kind, "webpage")
    return out


def plain_html(meta: Meta, doc: lxml_html.HtmlElement) -> Fields:
    out: Fields = {}
    title = doc.find(".//title")
    if title is not None and (title.text_content() or "").strip():
        out["title"] = re.sub(r"\s+", " ", title.text_content()).strip()
    if meta.get("description"):
        out["abstract"] = meta["description"][0]
    if meta.get("author"):
        out["author"] = people(meta["author"])
    canonical = doc.find(".//link[@rel='canonical']")
    if canonical is not None and canonical.get("href"):
        out["URL"] = canonical.get("href").strip()
    lang = doc.get("lang") or doc.get("xml:lang")
    if lang:
        out["language"] = lang.strip()
    return out


#: the extractors in order of trust: an earlier one's field wins over a later one's
EXTRACTORS: tuple[Callable[[Meta, lxml_html.HtmlElement], Fields], ...] = (
    highwire, dublin_core, json_ld, coins, open_graph, plain_html)

#: URL-valued fields resolved against the page's address
URL_FIELDS = ("URL",)


def absolute(url: str, base_url: str | None) -> str:
    return urljoin(base_url, url) if base_url else url
