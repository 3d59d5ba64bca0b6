"""Recover stage: citation metadata from a web page (a saved HTML file or a URL).

:func:`extract_meta` merges, field by field, what the extractors of
:mod:`citekit.sources.webextract` find, most trusted first: Highwire ``citation_*``, Dublin
Core / PRISM, schema.org JSON-LD, Open Graph, the page's single COinS, plain HTML. Then, as a
careful librarian would: the type is decided from every source's vote (a scholarly signal
first, then schema.org's, then the rest; Open Graph's ``article`` is a web page, never CSL's
``article``); the site name is the container of a web page, news story or blog post (of a
journal article only when the page names no journal; never an author); " | Site" suffixes go
from titles; URLs are the canonical ones, absolute. Site-specific readers (DTIC, CFR) call it
too; :func:`detect` scores HTML low so that they win on their own pages.

Pages are decoded by :func:`citekit.sources.charset.decode_html`; bot-check pages ("Just a
moment...") are refused. :func:`read_url` fetches through :func:`citekit.net.fetch`.
"""
from __future__ import annotations

import datetime
import re
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from ..errors import ParseError
from ..model import Item
from ..net import DEADLINE_SECONDS, MAX_BYTES, TIMEOUT_SECONDS, Response, fetch
from .charset import decode_html
from .registry import LoadResult
from .webextract import (
    EXTRACTORS,
    Page,
    absolute,
    canonical,
    coins,
    earliest,
    highwire,
    json_ld,
    open_graph,
    site_names,
    split_title,
)

HIGHWIRE, COINS, JSON_LD, OPEN_GRAPH = (EXTRACTORS.index(e) for e in (highwire, coins, json_ld,
                                                                       open_graph))
_HTML = re.compile(r"<!doctype html|<html[\s>]|<head[\s>]|<meta\s", re.IGNORECASE)
#: item types whose container is the web site that publishes them
WEB_TYPES = frozenset({"webpage", "article-newspaper", "post-weblog", "post",
                       "article-magazine"})


def detect(text: str, filename: str | None) -> int:
    """A low 10 for anything that looks like HTML (specific page readers score higher)."""
    if filename and filename.lower().endswith((".html", ".htm", ".xhtml")):
        return 10
    return 10 if _HTML.search(text[:5000]) else 0


# -- bot checks ------------------------------------------------------------------------------------
_CHALLENGE_TITLE = re.compile(
    r"^(?:just a moment\.*|attention required!? \| cloudflare|please wait\.*|"
    r"checking your browser.*|ddos-guard|one moment, please\.*|access denied|"
    r"are you a robot\??|security check|human verification|verifying you are human.*)$",
    re.IGNORECASE)
_CHALLENGE_BODY = re.compile(r"cf-browser-verification|cf_chl_opt|cf-challenge|"
                             r"enable javascript and cookies to continue|"
                             r"checking if the site connection is secure", re.IGNORECASE)


def is_challenge(doc: lxml_html.HtmlElement, html_text: str) -> bool:
    """Is this a bot-check page a site sent instead of the page asked for?"""
    title = doc.find(".//title")
    text = re.sub(r"\s+", " ", title.text_content() if title is not None else "").strip()
    if _CHALLENGE_TITLE.match(text):
        return True
    return bool(_CHALLENGE_BODY.search(html_text[:200_000])) and not any(
        el.get("name", "").lower().startswith("citation_") for el in doc.iter("meta"))


# -- merging ---------------------------------------------------------------------------------------
def parse_html(html_text: str) -> lxml_html.HtmlElement | None:
    """The lxml document, or None for text lxml cannot make a document of."""
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", html_text)  # lxml refuses str with an encoding decl
    try:
        return lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None


def extract_meta(html_text: str, base_url: str | None = None) -> dict[str, Any]:
    """CSL-JSON fields found in the page (``type`` included when any source gives one)."""
    doc = parse_html(html_text)
    return _fields(Page.of(doc), base_url) if doc is not None else {}


def _fields(page: Page, base_url: str | None) -> dict[str, Any]:
    found = [extractor(page) for extractor in EXTRACTORS]
    own = next((f["title"] for f in found if f.get("title") and f is not found[COINS]), None)
    if found[COINS].get("title") and own and _key(found[COINS]["title"]) not in _key(own):
        found[COINS] = {}  # the COinS of a work the page cites (a review, a blog post on it)
    merged: dict[str, Any] = {}
    for fields in found:
        for key, value in fields.items():
            if key != "type" and value not in (None, "", [], {}):
                merged.setdefault(key, value)
    if not any(f.get("issued") for f in found[:JSON_LD]) and merged.get("issued"):
        # no scholarly date: a web page's first publication, of those its metadata states
        merged["issued"] = earliest([f.get("issued") for f in found[JSON_LD:OPEN_GRAPH + 1]]
                                    ) or merged["issued"]
    votes = [f["type"] for f in found if f.get("type")]
    kind = next((t for t in votes if t != "webpage"), None)
    if kind is None and found[HIGHWIRE]:
        kind = "article-journal"  # bare citation_* tags: a scholarly record, as Zotero takes it
    if kind or votes:
        merged["type"] = kind or "webpage"
    urls = [canonical(page), page.first("og:url"), *(f.get("URL") for f in found)]
    base = base_url or next((u for u in urls if u and absolute(u, None)), None)
    merged.pop("URL", None)
    url = next((a for a in (absolute(u, base) for u in urls if u) if a), None)
    if url:
        merged["URL"] = url
    _tidy(page, merged, base)
    return merged


def _key(name: str) -> str:
    """A site name reduced for comparison: "The Boston Globe" ~ "BostonGlobe.com"."""
    name = re.sub(r"^(?:https?://)?(?:www\.)?", "", name.strip().lower())
    name = re.sub(r"\.(?:com|org|net|co\.uk|co|fr|de|es|it|uk|us|io|info|news)$", "", name)
    name = re.sub(r"^the\s+", "", name)
    return re.sub(r"[\W_]+", "", name)


def _domain_labels(url: str | None) -> list[str]:
    host = urlsplit(url).hostname or "" if url else ""
    labels = [p for p in host.split(".")[:-1] if p not in ("www", "co", "com") and len(p) > 2]
    return labels


#: blogging platforms: every page of theirs is a post (whatever its JSON-LD says)
_BLOG_HOSTS = re.compile(r"^https?://(?:[\w-]+\.)?(?:medium\.com|substack\.com|blogspot\.com|"
                         r"wordpress\.com|tumblr\.com)/", re.IGNORECASE)


def strip_site(title: str, keys: set[str], extra: set[str]) -> tuple[str, str | None]:
    """``title`` without the site's name at its end (or start), and that name as written.

    A suffix goes when it reads as one of ``keys`` (the site's names, its domain) or is an
    archive's id ("lingbuzz/006747"); a section name in ``extra`` goes with a site's name.
    """
    parts = split_title(title)
    site = None
    changed, rounds = True, 0
    while len(parts) > 1 and changed and rounds < 8:  # " | Section | Site": a few parts at most
        changed, rounds = False, rounds + 1
        last = parts[-1]
        key = _key(last)
        if re.fullmatch(r"[a-z][\w.-]*/\d+", last.strip(), re.IGNORECASE):  # an archive's id
            parts, changed = parts[:-2], True
        elif key in keys:
            site = site or last
            parts, changed = parts[:-2], True
        elif site and key in extra:
            parts, changed = parts[:-2], True
    if len(parts) > 1 and _key(parts[0]) in keys:
        site = site or parts[0]
        parts = parts[2:]
    return "".join(parts).strip(), site


def _tidy(page: Page, merged: dict[str, Any], base: str | None) -> None:
    """Site names out of titles and authors, the site as a web item's container."""
    kind = merged.get("type", "webpage")
    url = merged.get("URL") or base
    on_platform = bool(url and _BLOG_HOSTS.search(url))
    in_blog = bool(url and re.search(r"^https?://blog\.|/blogs?/", url, re.IGNORECASE))
    if on_platform and kind in ("webpage", "article-newspaper") or in_blog and kind == "webpage":
        kind = merged["type"] = "post-weblog"  # a post on a blogging platform or a site's blog
    names, orgs = site_names(page)
    site_keys = {_key(n) for n in names if _key(n)} | set(_domain_labels(url))
    keys = site_keys | {_key(n) for n in orgs if _key(n)}
    sections = {_key(s) for s in page.meta.get("article:section", [])}
    site_from_title = merged.pop("site", None)  # what a <title> names beside its heading
    if merged.get("title"):
        merged["title"], stripped = strip_site(merged["title"], keys, sections)
        site_from_title = stripped or site_from_title
    if (kind in WEB_TYPES or kind == "article-journal") and not merged.get("container-title"):
        site = _site_name(names + orgs, site_from_title)
        if site:
            merged["container-title"] = site
    site_keys.add(_key(merged.get("container-title", "")))
    if merged.get("publisher") and _key(merged["publisher"]) in site_keys \
            and kind in WEB_TYPES:
        merged.pop("publisher")
    for role in ("author", "editor"):
        kept = [n for n in merged.get(role, []) if _key(_shown(n)) not in site_keys]
        if kept:
            merged[role] = kept
        else:
            merged.pop(role, None)
    if kind in WEB_TYPES and {"literal": merged.get("publisher")} in merged.get("author", []):
        merged.pop("publisher")  # a press release: the company is its author, not the wire
    short = merged.get("container-title-short", "")
    if short and (short.isdigit() or short.islower()):
        merged.pop("container-title-short")  # a site's code ("dmj", "1"), no abbreviation
    if merged.get("language"):
        merged["language"] = language_tag(merged["language"])


#: language names and ISO 639-2 codes pages write, as BCP 47 tags
LANGUAGES = {"english": "en", "eng": "en", "french": "fr", "français": "fr", "fre": "fr",
             "fra": "fr", "german": "de", "deutsch": "de", "ger": "de", "deu": "de",
             "spanish": "es", "español": "es", "spa": "es", "portuguese": "pt", "por": "pt",
             "italian": "it", "ita": "it", "dutch": "nl", "nld": "nl", "dut": "nl",
             "russian": "ru", "rus": "ru", "ukrainian": "uk", "ukr": "uk", "chinese": "zh",
             "chi": "zh", "zho": "zh", "japanese": "ja", "jpn": "ja"}


def language_tag(text: str) -> str:
    """"English", "eng", "En", "en_us" -> "en", "en", "en", "en-US"."""
    text = text.strip()
    if text.lower() in LANGUAGES:
        return LANGUAGES[text.lower()]
    match = re.fullmatch(r"([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}|\d{3}))?", text)
    if not match:
        return text
    lang, region = match.groups()
    return lang.lower() + (f"-{region.upper()}" if region else "")


def _shown(name: dict[str, str]) -> str:
    return name.get("literal") or " ".join(
        p for p in (name.get("given"), name.get("family")) if p)


def _site_name(names: list[str], from_title: str | None) -> str | None:
    """The site's name as a reader knows it: og:site_name, unless that is a bare domain
    ("NPR.org") and the page also writes the name out ("NPR")."""
    if not names:
        return from_title
    first = names[0]
    if re.search(r"\.[a-z]{2,4}$", first, re.IGNORECASE):
        better = [n for n in [from_title, *names[1:]] if n and _key(n) == _key(first)
                  and not re.search(r"\.[a-z]{2,4}$", n, re.IGNORECASE)]
        if better:
            return better[0]
    return first


def _item(fields: dict[str, Any]) -> Item:
    """The page's item; its id is left for :func:`citekit.model.keys.assign_ids`."""
    fields = dict(fields)
    item_type = fields.pop("type", None) or "webpage"
    return Item("", str(item_type), fields)


def read(text: str, filename: str | None = None, base_url: str | None = None) -> LoadResult:
    """One item from a saved page; a page without citation metadata is an error."""
    label = filename or "<string>"
    doc = parse_html(text)
    if doc is not None and is_challenge(doc, text):
        return LoadResult(errors=[ParseError(
            "the site sent a bot-check page (\"Just a moment...\"), not the page itself; "
            "save the page from a browser and read the saved file", file=label)])
    fields = _fields(Page.of(doc), base_url) if doc is not None else {}
    if not fields.get("title"):
        return LoadResult(errors=[ParseError("no citation metadata (not even a title) in the "
                                             "page", file=label)])
    try:
        return LoadResult(items=[_item(fields)])
    except (TypeError, ValueError) as exc:
        return LoadResult(errors=[ParseError(f"unusable page metadata: {exc}", file=label)])


def read_url(url: str, *, timeout: float = TIMEOUT_SECONDS,
             max_bytes: int = MAX_BYTES, deadline: float = DEADLINE_SECONDS) -> LoadResult:
    """Fetch ``url`` (http/https only, see :func:`citekit.net.fetch`) and read its metadata."""
    try:
        response = fetch(url, accept="text/html,application/xhtml+xml", timeout=timeout,
                         deadline=deadline, max_bytes=max_bytes)
    except ParseError as exc:
        return LoadResult(errors=[exc])
    return read_response(response, url)


def read_response(response: Response, url: str) -> LoadResult:
    """The metadata of a page already fetched from ``url`` (decoded by its charset)."""
    text, warnings = decode_html(response.body, response.charset, url)
    result = read(text, url, base_url=response.url)
    result.warnings[:0] = warnings
    today = datetime.datetime.now(datetime.timezone.utc).date()
    for item in result.items:  # the day the page was read, as a citation of it states
        item["accessed"] = {"date-parts": [[today.year, today.month, today.day]]}
    return result
