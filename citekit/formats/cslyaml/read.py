"""Recover stage: the CSL-YAML reader: a plain list of items, or pandoc's ``references:`` form
(also as the front matter of a Markdown file). A YAML error names the file and line.

Pandoc's CSL YAML differs from CSL-JSON in two ways this reader undoes: identifier keys may be
lower case (``url``, ``doi``, ``isbn``, ``issn``, ``pmid``, ``pmcid``), and strings are
Markdown (``*x*`` is ``<i>x</i>``, ``**x**`` bold, ``^x^``/``~x~`` super/subscript,
``[x]{.smallcaps}`` and ``[x]{.nocase}`` spans, ``\\*`` a literal star).
"""
from __future__ import annotations

import re
from typing import Any

from ...errors import ParseError
from ...model.io import items_from_data
from ...model.safeload import load_yaml_documents
from ...sources.registry import LoadResult

_REFERENCES = re.compile(r"^references\s*:", re.MULTILINE)
_LIST_ITEM = re.compile(r"^-\s+(?:id|type|title)\s*:", re.MULTILINE)


def detect(text: str, filename: str | None) -> int:
    """90 for ``.yaml``/``.yml``, 70 for a ``references:`` block, 50 for a list of items."""
    if filename and filename.lower().endswith((".yaml", ".yml")):
        return 90
    head = text[:20000]
    if _REFERENCES.search(head) and (head.lstrip().startswith("---") or head.startswith("ref")):
        return 70
    return 50 if _LIST_ITEM.search(head) else 0


def read(text: str, filename: str | None = None) -> LoadResult:
    """Every document of the stream is read (a list of items, or a ``references:`` mapping)."""
    label = filename or "<string>"
    try:
        documents, warnings = load_yaml_documents(text, label)
    except ParseError as exc:
        return LoadResult(errors=[exc])
    documents = [d for d in documents if d is not None]
    if not documents:
        return LoadResult(errors=[ParseError("no YAML data", file=label)], warnings=warnings)
    result = LoadResult(warnings=warnings)
    for data in documents:
        items, errors = items_from_data(data, label)
        for item in items:
            _pandoc_conventions(item)
        result.items.extend(items)
        result.errors.extend(errors)
    return result


_LOWER_KEYS = {"url": "URL", "doi": "DOI", "isbn": "ISBN", "issn": "ISSN", "pmid": "PMID",
               "pmcid": "PMCID"}
_VERBATIM = frozenset({"URL", "DOI", "ISBN", "ISSN", "PMID", "PMCID", "citation-key", "language",
                       "custom", "id"})
_MARKDOWN = [
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.S), r"<b>\1</b>"),
    (re.compile(r"__(?=\S)(.+?)(?<=\S)__", re.S), r"<b>\1</b>"),
    (re.compile(r"\*(?=\S)(.+?)(?<=\S)\*", re.S), r"<i>\1</i>"),
    (re.compile(r"(?<![\w])_(?=\S)(.+?)(?<=\S)_(?![\w])", re.S), r"<i>\1</i>"),
    (re.compile(r"\^(?=\S)([^\s^]+?)\^"), r"<sup>\1</sup>"),
    (re.compile(r"(?<!~)~(?=\S)([^\s~]+?)~(?!~)"), r"<sub>\1</sub>"),
    (re.compile(r"\[([^\[\]]+)\]\{\.smallcaps\}"),
     r'<span style="font-variant:small-caps;">\1</span>'),
    (re.compile(r"\[([^\[\]]+)\]\{\.nocase\}"), r'<span class="nocase">\1</span>'),
]
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!^~])")


def markdown_to_csl(text: str) -> str:
    """Pandoc Markdown inline formatting to CSL rich text (other text as written)."""
    if not any(ch in text for ch in "*_^~[\\"):
        return text
    escaped: list[str] = []

    def hide(match: re.Match[str]) -> str:
        escaped.append(match.group(1))
        return f"\x00{len(escaped) - 1}\x00"

    text = _ESCAPE.sub(hide, text)
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    return re.sub(r"\x00(\d+)\x00", lambda m: escaped[int(m.group(1))], text)


def _pandoc_conventions(item: Any) -> None:
    for lower, upper in _LOWER_KEYS.items():
        if lower in item and upper not in item:
            item[upper] = item[lower]
            del item[lower]
    for key in list(item):
        value = item.get(key)
        if key not in _VERBATIM and isinstance(value, str):
            item[key] = markdown_to_csl(value)
