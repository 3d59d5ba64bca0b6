"""Recover stage: helpers the page readers (DTIC, CFR) share.

Saved HTML pages become labelled text laid out like the page (:func:`page_text`), so one
text parser serves both the copied text and the saved page; their meta tags come from
:func:`citekit.sources.webmeta.extract_meta` (:func:`page_meta`). :func:`readable_case`
turns DTIC's upper-case headings into readable case.
"""
from __future__ import annotations

import re
from typing import Any

from lxml import html as lxml_html

from .webmeta import extract_meta, parse_html

_SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg", "button", "form"})
_BLOCK = frozenset("""
address article aside blockquote body dd div dl dt fieldset figcaption figure footer h1 h2 h3 h4
h5 h6 header hr li main nav ol p pre section table tbody td th thead tr ul br
""".split())
_SMALL = frozenset("a an and as at by for from in into of on or the to with".split())
#: upper-case words kept upper-case (US state codes are handled by the place splitter)
ACRONYMS = frozenset("""
US USA U.S. UK UN NATO NASA RAND DARPA DOD DOE DHS NSA CIA FBI ONR AFRL ARL NRL AFIT NPS MIT
IDA CNA RDT&E R&D AFB USAF USN USMC ROK DPRK PRC EU ASEAN APCSS CSIS CFR II III IV
""".split())


def looks_like_html(text: str) -> bool:
    return bool(re.search(r"<(?:!doctype html|html|head|body|meta)[\s>]", text[:5000], re.I))


def _walk(el: Any, out: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _SKIP:
        if el.tail:
            out.append(el.tail)
        return
    block = tag in _BLOCK and tag != "li"
    if block:
        out.append("\n")
    if tag == "li":  # list items on lines of their own, with no blank line between them
        out.append("\n• ")
    if el.text and tag:
        out.append(el.text)
    for child in el:
        _walk(child, out)
    if block:
        out.append("\n")
    if el.tail:
        out.append(el.tail)


def page_text(doc: lxml_html.HtmlElement) -> str:
    """The visible text of a page, one block element per line, blank lines between blocks."""
    out: list[str] = []
    body = doc.find(".//body")
    _walk(body if body is not None else doc, out)
    lines = [re.sub(r"[ \t\r\f\v\xa0]+", " ", line).strip() for line in "".join(out).split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def page_meta(doc: lxml_html.HtmlElement, html_text: str) -> dict[str, Any]:
    """CSL fields from the page's meta tags, less what names the site rather than the work:
    the bare ``<title>`` element and the site's name (``og:site_name``) as a container."""
    fields = extract_meta(html_text)
    title_el = doc.find(".//title")
    page_title = re.sub(r"\s+", " ", title_el.text_content()).strip() if title_el is not None \
        else None
    if page_title and fields.get("title") == page_title:
        del fields["title"]
    site_names = {(el.get("content") or "").strip() for el in doc.iter("meta")
                  if el.get("property") == "og:site_name"}
    if fields.get("container-title") in site_names:
        del fields["container-title"]
    return fields


def load_page(text: str) -> tuple[str, dict[str, Any], lxml_html.HtmlElement | None]:
    """(text to parse, meta-tag fields, document) for HTML; (text, {}, None) for plain text."""
    if not looks_like_html(text):
        return text, {}, None
    doc = parse_html(text)
    if doc is None:
        return text, {}, None
    return page_text(doc), page_meta(doc, text), doc


def readable_case(text: str) -> str:
    """"ASIA-PACIFIC CENTER FOR SECURITY STUDIES" -> "Asia-Pacific Center for Security Studies".

    Text that is not all upper case is returned as it is.
    """
    if text != text.upper() or not any(c.isalpha() for c in text):
        return text
    words = text.split()
    out = []
    for index, word in enumerate(words):
        if word in ACRONYMS:
            out.append(word)
        elif index and len(word) > 1 and word.lower() in _SMALL:  # "A" may be an initial
            out.append(word.lower())
        else:
            out.append("-".join(_capitalize(p) for p in word.split("-")))
    return " ".join(out)


def _capitalize(word: str) -> str:
    if word in ACRONYMS or not any(c in "AEIOUY" for c in word):
        return word
    for index, char in enumerate(word):
        if char.isalpha():
            return word[:index] + char.upper() + word[index + 1:].lower()
    return word


def paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks of ``text``, each with its lines joined by newlines."""
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
