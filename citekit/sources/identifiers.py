"""Recover stage: identifiers looked up (DOI, arXiv, ISBN, PubMed and PubMed Central ids).

:func:`parse_identifier` recognises ``doi:10.1038/nphys1170``, ``https://doi.org/10.…``, a
bare ``10.…/…``, ``arXiv:1512.03385`` (or an arxiv.org/abs URL), ``isbn:9780…`` (checksum
checked), ``pmid:…`` and ``pmcid:PMC…``. :func:`lookup` asks the service that registers each:
DOI content negotiation for CSL-JSON, the arXiv API (Atom), Open Library's books API, NCBI's
literature citation exporter (CSL-JSON) for PubMed and PMC. Every request goes through
:func:`citekit.net.fetch` (timeouts, deadline, size cap; failures are ParseErrors naming the
identifier); answers are normalized into the item model, checked against the CSL-JSON schema
and kept in the user's cache (:mod:`citekit.cache`), so a second look-up needs no network.

The services' base URLs are settings (``CITEKIT_DOI_URL``, ``CITEKIT_ARXIV_URL``,
``CITEKIT_OPENLIBRARY_URL``, ``CITEKIT_NCBI_URL``), so tests replay recorded answers.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from ..cache import read_cached, write_cached
from ..errors import ParseError
from ..model.io import items_from_data
from ..model.safeload import load_json
from ..model.schema import item_errors
from ..model.variables import ITEM_TYPES, kind_of
from ..net import Response
from .registry import LoadResult

BASE_URLS = {"doi": ("CITEKIT_DOI_URL", "https://doi.org"),
             "arxiv": ("CITEKIT_ARXIV_URL", "https://export.arxiv.org/api/query"),
             "isbn": ("CITEKIT_OPENLIBRARY_URL", "https://openlibrary.org"),
             "ncbi": ("CITEKIT_NCBI_URL", "https://api.ncbi.nlm.nih.gov/lit/ctxp/v1")}
CSL_JSON = "application/vnd.citationstyles.csl+json"
CACHE_KIND = "lookups"
NAME_KEYS = frozenset({"family", "given", "dropping-particle", "non-dropping-particle",
                       "suffix", "comma-suffix", "static-ordering", "literal", "parse-names"})

_PATTERNS = (
    ("doi", re.compile(r"(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/\S+)", re.I)),
    ("arxiv", re.compile(r"(?:arxiv:\s*|https?://arxiv\.org/(?:abs|pdf)/)"
                         r"(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[a-z]{2})?/\d{7}(?:v\d+)?)"
                         r"(?:\.pdf)?", re.I)),
    ("isbn", re.compile(r"isbn:\s*([\d\s-]{9,17}[\dx])", re.I)),
    ("pmid", re.compile(r"pmid:\s*(\d{1,9})", re.I)),
    ("pmcid", re.compile(r"pmcid:\s*(?:pmc)?(\d{1,9})", re.I)),
)


def parse_identifier(text: str) -> tuple[str, str] | None:
    """(kind, normalized id) for an identifier, or None for anything else."""
    text = text.strip()
    for kind, pattern in _PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            value = match.group(1)
            if kind == "isbn":
                value = re.sub(r"[\s-]", "", value).upper()
                if not _isbn_ok(value):
                    return None
            return kind, value.rstrip(".,;") if kind == "doi" else value
    return None


def is_identifier(text: str) -> bool:
    return parse_identifier(text) is not None


def _isbn_ok(isbn: str) -> bool:
    if len(isbn) == 10 and re.fullmatch(r"\d{9}[\dX]", isbn):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(isbn))
        return total % 11 == 0
    if len(isbn) == 13 and isbn.isdigit():
        return sum((3 if i % 2 else 1) * int(c) for i, c in enumerate(isbn)) % 10 == 0
    return False


def base_url(service: str) -> str:
    env, default = BASE_URLS[service]
    return (os.environ.get(env) or default).rstrip("/")


def lookup(text: str, *, use_cache: bool = True, **limits: Any) -> LoadResult:
    """The item an identifier names, looked up (or taken from the cache); errors as data.

    ``limits`` are passed to :func:`citekit.net.fetch` (``timeout``, ``deadline``,
    ``max_bytes``).
    """
    parsed = parse_identifier(text)
    if parsed is None:
        return LoadResult(errors=[ParseError("not a DOI, arXiv id, ISBN, PMID or PMCID",
                                             file=text)])
    kind, value = parsed
    key = f"{kind}:{value.lower() if kind == 'doi' else value}"
    data = _from_cache(key) if use_cache else None
    cached = data is not None
    if data is None:
        try:
            data = LOOKUPS[kind](value, limits)
        except ParseError as exc:
            return LoadResult(errors=[ParseError(exc.message, file=text)])
    items, errors = items_from_data([data], text)
    for item in items:
        errors += [ParseError(e.message, file=text) for e in item_errors(item)]
    if errors:
        return LoadResult(errors=list(errors))
    if not cached:
        write_cached(CACHE_KIND, key, json.dumps(data, ensure_ascii=False).encode("utf-8"),
                     ".json")
    return LoadResult(items=items)


def _from_cache(key: str) -> Any:
    """The cached answer for ``key``; None when there is none or it is unreadable."""
    raw = read_cached(CACHE_KIND, key, ".json")
    try:
        return json.loads(raw) if raw is not None else None
    except ValueError:
        return None


def _get(url: str, accept: str, limits: dict[str, Any], what: str) -> bytes:
    return _fetch(url, accept, limits, what).body


def _fetch(url: str, accept: str, limits: dict[str, Any], what: str) -> Response:
    from ..net import fetch

    try:
        return fetch(url, accept=accept, **limits)
    except ParseError as exc:
        if re.search(r"HTTP (404|410)\b", exc.message):
            raise ParseError(f"{what} not found ({exc.message.replace('cannot fetch: ', '')} "
                             f"from {url})") from None
        raise ParseError(f"{what}: {exc.message} ({url})") from None


def _json(body: bytes, what: str) -> Any:
    """A service's JSON answer, read by the one bounded loader (lone surrogates become U+FFFD)."""
    try:
        return load_json(body.decode("utf-8-sig"), what)[0]
    except (UnicodeDecodeError, ParseError):
        raise ParseError(f"{what}: the service did not answer with JSON") from None


# -- CSL-JSON from DOI content negotiation and NCBI ------------------------------------------------
#: Crossref/DataCite/NCBI type names that are not CSL's
TYPE_ALIASES = {"journal-article": "article-journal", "posted-content": "article",
                "proceedings-article": "paper-conference", "book-chapter": "chapter",
                "dissertation": "thesis", "monograph": "book", "edited-book": "book",
                "reference-entry": "entry", "report-component": "report",
                "journal": "periodical", "component": "document", "other": "document"}


def csl_item(data: Any, what: str) -> dict[str, Any]:
    """A CSL-JSON object from a service: only CSL variables, one value where CSL has one."""
    if isinstance(data, list) and len(data) == 1:
        data = data[0]
    if not isinstance(data, dict) or not (data.get("title") or data.get("type")):
        raise ParseError(f"{what}: the service's answer is not a CSL-JSON item")
    from ..model.schema import _validator

    known = set(_validator().schema["properties"])
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known or key in ("id", "citation-key") or value in (None, "", [], {}):
            continue
        if isinstance(value, list) and key not in ("categories",) and not (
                value and isinstance(value[0], dict)):
            value = next((v for v in value if v not in (None, "")), None)  # Crossref's lists
            if value is None:
                continue
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if kind_of(key) == "date" and isinstance(value, dict) and any(
                p is None for parts in value.get("date-parts") or [] for p in parts):
            continue  # Crossref's {"date-parts": [[null]]}: no date
        if kind_of(key) == "name" and isinstance(value, list):  # no "sequence", "affiliation"
            value = [{k: v for k, v in n.items() if k in NAME_KEYS} for n in value
                     if isinstance(n, dict)]
        out[key] = value
    kind = str(data.get("type", "document"))
    kind = TYPE_ALIASES.get(kind, kind)
    out["type"] = kind if kind in ITEM_TYPES else "document"
    return out


def _doi(value: str, limits: dict[str, Any]) -> dict[str, Any]:
    """CSL-JSON by content negotiation; a registration agency that offers none sends the
    landing page, whose embedded metadata is read instead."""
    url = f"{base_url('doi')}/{quote(value, safe='/:;()<>@[]._-')}"
    response = _fetch(url, f"{CSL_JSON}, text/html;q=0.1", limits, "DOI")
    if response.content_type in ("text/html", "application/xhtml+xml"):
        item = _landing_page(response)
    else:
        item = csl_item(_json(response.body, "DOI"), "DOI")
    item["DOI"] = value
    return item


def _landing_page(response: Response) -> dict[str, Any]:
    from .charset import decode_html
    from .webmeta import extract_meta

    text, _ = decode_html(response.body, response.charset)
    fields = extract_meta(text, base_url=response.url)
    if not fields.get("title"):
        raise ParseError("DOI: no CSL-JSON, and its landing page has no citation metadata")
    fields.setdefault("type", "webpage")
    return csl_item(fields, "DOI")


def _ncbi(database: str, value: str, limits: dict[str, Any], what: str) -> dict[str, Any]:
    url = f"{base_url('ncbi')}/{database}/?format=csl&id={value}"
    data = _json(_get(url, "application/json", limits, what), what)
    if isinstance(data, dict) and data.get("status") == "error":
        raise ParseError(f"{what} not found ({data.get('message') or 'NCBI: error'})")
    return csl_item(data, what)


def _pmid(value: str, limits: dict[str, Any]) -> dict[str, Any]:
    item = _ncbi("pubmed", value, limits, "PMID")
    item["PMID"] = value
    return item


def _pmcid(value: str, limits: dict[str, Any]) -> dict[str, Any]:
    item = _ncbi("pmc", value, limits, "PMCID")
    item["PMCID"] = f"PMC{value}"
    return item


# -- arXiv (Atom) ----------------------------------------------------------------------------------
_ATOM = {"a": "http://www.w3.org/2005/Atom", "arxiv": "http://arxiv.org/schemas/atom"}


def _arxiv(value: str, limits: dict[str, Any]) -> dict[str, Any]:
    from lxml import etree

    what = "arXiv id"
    body = _get(f"{base_url('arxiv')}?id_list={quote(value, safe='/.')}&max_results=1",
                "application/atom+xml", limits, what)
    if re.search(rb"<!DOCTYPE|<!ENTITY", body, re.I):
        raise ParseError(f"{what}: the answer declares a DOCTYPE (refused)")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        feed = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"{what}: the arXiv API's answer is not XML ({exc.msg})") from None
    entry = feed.find("a:entry", _ATOM)

    def text(el: Any, path: str) -> str:
        found = el.find(path, _ATOM)
        return re.sub(r"\s+", " ", found.text or "").strip() if found is not None else ""

    if entry is None or not text(entry, "a:title") or text(entry, "a:title") == "Error":
        raise ParseError(f"{what} not found (the arXiv API has no such paper)")
    ident = text(entry, "a:id")
    number = re.sub(r"^https?://arxiv\.org/abs/", "", ident) or value
    item: dict[str, Any] = {
        "type": "article", "title": text(entry, "a:title"), "publisher": "arXiv",
        "number": number, "URL": f"https://arxiv.org/abs/{number}",
        "author": [n for n in (text(a, "a:name") for a in entry.findall("a:author", _ATOM))
                   if n],
        "abstract": text(entry, "a:summary"), "issued": text(entry, "a:published")[:10],
    }
    doi = text(entry, "arxiv:doi")
    if doi:
        item["DOI"] = doi
    return {k: v for k, v in item.items() if v}


# -- ISBN (Open Library) ---------------------------------------------------------------------------
def _isbn(value: str, limits: dict[str, Any]) -> dict[str, Any]:
    what = "ISBN"
    url = f"{base_url('isbn')}/api/books?bibkeys=ISBN:{value}&format=json&jscmd=data"
    data = _json(_get(url, "application/json", limits, what), what)
    book = data.get(f"ISBN:{value}") if isinstance(data, dict) else None
    if not isinstance(book, dict) or not book.get("title"):
        raise ParseError(f"{what} not found (Open Library has no such book)")

    def names(key: str) -> list[str]:
        return [str(x["name"]) for x in book.get(key, []) if isinstance(x, dict) and x.get("name")]

    title = str(book["title"])
    if book.get("subtitle"):
        title += f": {book['subtitle']}"
    item: dict[str, Any] = {"type": "book", "title": title, "ISBN": value,
                            "author": names("authors"), "issued": book.get("publish_date"),
                            "publisher": ", ".join(names("publishers")),
                            "publisher-place": ", ".join(names("publish_places")),
                            "number-of-pages": str(book.get("number_of_pages") or ""),
                            "URL": book.get("url")}
    return {k: v for k, v in item.items() if v}


LOOKUPS: dict[str, Callable[[str, dict[str, Any]], dict[str, Any]]] = {
    "doi": _doi, "arxiv": _arxiv, "isbn": _isbn, "pmid": _pmid, "pmcid": _pmcid}
