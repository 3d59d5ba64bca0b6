"""Recover stage: Council on Foreign Relations publication pages (cfr.org/.../p31569) that list
an article a CFR fellow published elsewhere (e.g. in the ASAN Forum), as copied text or as
the saved HTML page.

The page reads: the cite widget's chrome ("PrintPrint CiteCite", "Style: MLA APA Chicago"),
the title, an "Author:"/"Authors:" byline (affiliations after the names), a line with the
date and "Vol.1, No.2", the journal's name, the abstract, "View full text of article." (on the
page, a link to the article) and a "More on This Topic" block of other publications. Only
the part before that block is read, so nothing there becomes the article's metadata.

On a saved page its meta tags come first, except for what describes the CFR page rather than
the article: its site name, its own address (the article's ``URL`` is the full-text link)
and its teaser description (the abstract is the page's text).
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

from lxml import html as lxml_html

from ..errors import ParseError
from ..model import Item
from ..model.dateparse import parse_date
from ..model.nameparse import is_corporate, is_suffix, parse_name
from .registry import LoadResult
from .textutil import load_page

_BYLINE = re.compile(r"^\s*Authors?\s*:\s*(.+)$", re.IGNORECASE)
_END = re.compile(r"^\s*(?:More on This Topic|More From Our Experts|Top Stories on CFR|"
                  r"Related Content)\s*$", re.IGNORECASE)
_CHROME = re.compile(r"^\s*(?:(?:Print|Cite|Share|Email|Tweet|Close|Download PDF|Download)"
                     r"(?:\s*(?:Print|Cite|Share|Email|Tweet|Close))*\s*|Style\s*:.*)$",
                     re.IGNORECASE)
_FULL_TEXT = re.compile(r"^\s*View full text of (?:the )?article\.?\s*$", re.IGNORECASE)
_VOLUME = re.compile(r"\bVol(?:ume)?\.?\s*([\w-]+)", re.IGNORECASE)
_ISSUE = re.compile(r"\b(?:No|Issue|Iss)\.?\s*([\w-]+)", re.IGNORECASE)
_ROLE = re.compile(r"\b(?:Fellow|Director|President|Professor|Chair|Editor|Adjunct|Associate|"
                   r"Assistant|Senior|Vice|Member|Studies|Program|Council|Initiative|"
                   r"Researcher|Analyst|Officer|Head|Chief|Lecturer|Visiting|Distinguished|"
                   r"Coordinator|Manager|Counselor|Scholar|Intern)\b")
_FUNCTION_WORD = re.compile(r"\b(?:for|of|on|at|in|the|to)\b")


def detect(text: str, filename: str | None) -> int:
    """85 for a CFR page with a byline, 80 for the cite widget's text with one, else 0."""
    head = text[:300000]
    if not re.search(r"^\s*(?:<[^>]*>\s*)*Authors?\s*:", head, re.IGNORECASE | re.MULTILINE) \
            and not re.search(r">\s*Authors?\s*:", head, re.IGNORECASE):
        return 0
    if re.search(r"Council on Foreign Relations|cfr\.org", head, re.IGNORECASE):
        return 85
    if re.search(r"CiteCite|Style:\s*MLA|More on This Topic", head):
        return 80
    return 0


def _lines(text: str) -> list[str]:
    """The page's lines before its "More on This Topic" block, widget chrome removed."""
    out = []
    for line in text.splitlines():
        if _END.match(line):
            break
        out.append("" if _CHROME.match(line) else line.strip())
    return out


def byline_names(text: str) -> list[dict[str, Any]]:
    """The names in a byline, affiliations dropped: "A, Senior Fellow, and B" -> [A, B]."""
    names: list[str] = []
    for piece in (p.strip() for p in text.split(",")):
        piece = re.sub(r"^(?:and|&)\s+", "", piece).strip()
        if not piece:
            continue
        if is_suffix(piece) and names:
            names[-1] += ", " + piece
            continue
        for name in re.split(r"\s+(?:and|&)\s+", piece):
            if _ROLE.search(name) or _FUNCTION_WORD.search(name) or is_corporate(name):
                break  # an affiliation ("Senior Fellow for Japan Studies"): not a name
            names.append(name)
    return [parse_name(n).to_json() for n in names if n.strip()]


def _dateline(line: str) -> dict[str, Any] | None:
    """Date, volume and issue from "September - October 2013 Vol.1, No.2", or None."""
    out: dict[str, Any] = {}
    volume, issue = _VOLUME.search(line), _ISSUE.search(line)
    rest = line
    for key, match in (("volume", volume), ("issue", issue)):
        if match:
            out[key] = match.group(1)
            rest = rest.replace(match.group(0), " ")
    rest = re.sub(r"[\s,;|]+$", "", re.sub(r"\s+", " ", rest)).strip(" ,;|")
    if rest.strip("[] "):  # brackets alone are no date (parse_date: an empty one)
        date = parse_date(rest)
        if not date.parts:
            return None
        out["issued"] = date.to_json()
    return out or None


def _paragraphs(lines: list[str]) -> list[str]:
    blocks: list[str] = []
    current: list[str] = []
    for line in lines + [""]:
        if line:
            current.append(line)
        elif current:
            blocks.append(" ".join(current))
            current = []
    return blocks


def parse_text(text: str) -> dict[str, Any]:
    """The article's CSL fields from the page text (no ``type``)."""
    lines = _lines(text)
    at = next((i for i, line in enumerate(lines) if _BYLINE.match(line)), None)
    fields: dict[str, Any] = {}
    if at is None:
        return fields
    title = next((line for line in reversed(lines[:at]) if line), None)
    if title:
        fields["title"] = title
    fields["author"] = byline_names(_BYLINE.match(lines[at]).group(1))  # type: ignore[union-attr]
    rest = [line for line in lines[at + 1:]]
    index = 0
    for index, line in enumerate(rest):  # noqa: B007 (index is read after the loop)
        if not line:
            continue
        if len(line) > 120 or line.endswith(".") or _FULL_TEXT.match(line):
            break
        found = _dateline(line)
        if found and "issued" not in fields:
            fields.update(found)
        elif "container-title" not in fields:
            fields["container-title"] = line
        else:
            break
    else:
        index = len(rest)
    body = rest[index:]
    end = next((i for i, line in enumerate(body) if _FULL_TEXT.match(line)), len(body))
    abstract = "\n\n".join(_paragraphs(body[:end]))
    if abstract:
        fields["abstract"] = abstract
    return fields


def _full_text_link(doc: lxml_html.HtmlElement) -> str | None:
    for link in doc.iter("a"):
        if link.get("href") and re.search(r"View full text", link.text_content(), re.I):
            return link.get("href").strip()
    return None


def _merge(meta: dict[str, Any], found: dict[str, Any], doc: Any) -> dict[str, Any]:
    merged = {k: v for k, v in meta.items() if k not in ("type", "abstract", "URL")}
    for key, value in found.items():
        merged.setdefault(key, value)
    link = _full_text_link(doc) if doc is not None else None
    if link:
        merged["URL"] = urljoin(meta["URL"], link) if meta.get("URL") else link
    elif meta.get("URL"):
        merged["URL"] = meta["URL"]
    if "abstract" not in merged and meta.get("abstract"):
        merged["abstract"] = meta["abstract"]
    return merged


def read(text: str, filename: str | None = None) -> LoadResult:
    """One ``article-journal`` item; a page with no title or byline is an error."""
    label = filename or "<string>"
    body, meta, doc = load_page(text)
    fields = _merge(meta, parse_text(body), doc)
    if not fields.get("title") or not fields.get("author"):
        return LoadResult(errors=[ParseError("not a CFR publication page (no title and "
                                             "'Author:' line found)", file=label)])
    return LoadResult(items=[Item("", "article-journal", fields)])
