"""Recover stage: citation metadata from a web page (a saved HTML file or a URL).

:func:`extract_meta` merges, field by field, what the extractors of
:mod:`citekit.sources.webextract` find, most trusted first: Highwire ``citation_*``, Dublin
Core / PRISM, schema.org JSON-LD, COinS, Open Graph, plain HTML. Site-specific readers
(DTIC, CFR) call it too; :func:`detect` scores HTML low so that they win on their own pages.
:func:`read_url` fetches through :func:`citekit.net.fetch` (timeouts, a deadline, a size cap).
"""
from __future__ import annotations

import re
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from ..errors import ParseError
from ..model import Item
from ..net import DEADLINE_SECONDS, MAX_BYTES, TIMEOUT_SECONDS, fetch
from .registry import LoadResult
from .webextract import EXTRACTORS, URL_FIELDS, absolute, meta_tags

_HTML = re.compile(r"<!doctype html|<html[\s>]|<head[\s>]|<meta\s", re.I)


def detect(text: str, filename: str | None) -> int:
    """A low 10 for anything that looks like HTML (specific page readers score higher)."""
    if filename and filename.lower().endswith((".html", ".htm", ".xhtml")):
        return 10
    return 10 if _HTML.search(text[:5000]) else 0


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
    if doc is None:
        return {}
    meta = meta_tags(doc)
    merged: dict[str, Any] = {}
    for extractor in EXTRACTORS:
        for key, value in extractor(meta, doc).items():
            if value not in (None, "", [], {}):
                merged.setdefault(key, value)
    for key in URL_FIELDS:
        if key in merged:
            merged[key] = absolute(str(merged[key]), base_url)
    if base_url and "URL" not in merged:
        merged["URL"] = base_url
    return merged


def _item(fields: dict[str, Any]) -> Item:
    """The page's item; its id is left for :func:`citekit.model.keys.assign_ids`."""
    fields = dict(fields)
    item_type = fields.pop("type", None) or "webpage"
    return Item("", str(item_type), fields)


def read(text: str, filename: str | None = None, base_url: str | None = None) -> LoadResult:
    """One item from a saved page; a page without citation metadata is an error."""
    label = filename or "<string>"
    fields = extract_meta(text, base_url)
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
    try:
        text = response.body.decode(response.charset or "utf-8", errors="replace")
    except LookupError:  # a charset Python does not know
        text = response.body.decode("utf-8", errors="replace")
    return read(text, url, base_url=response.url)
