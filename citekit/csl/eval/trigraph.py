"""Format stage: the ``citation-label`` variable — the item's own label, or a trigraph.

As citeproc-js: the trigraph takes leading letters of the first names of the first name
variable present (the pattern "Aaaa00:AaAa00:AaAA00:AAAA00" chosen by name count: "A" starts
a name, each "a" adds a letter, each "0" a year digit), else of the title's words without
skip words, then the last digits of the issued year ("0000" when missing).
"""
from __future__ import annotations

import re

from ...model import Date, Name
from .context import Context, suffix_letters
from .textcase import _SKIP_WORDS

TRIGRAPH = "Aaaa00:AaAa00:AaAA00:AAAA00"
NAME_VARIABLES = (
    "author", "chair", "collection-editor", "compiler", "composer", "container-author",
    "contributor", "curator", "director", "editor", "editor-translator",
    "editorial-director", "executive-producer", "guest", "host", "illustrator", "interviewer",
    "narrator", "organizer", "original-author", "performer", "producer", "recipient",
    "reviewed-author", "script-writer", "series-creator", "translator", "commenter")
_NOT_ROMANESQUE = re.compile(
    "[^a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff"
    "\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218\u0219\u021a\u021b\u202a-\u202e]")


def _params(spec: str) -> list[tuple[list[int], int]]:
    """Each pattern as (letters per name, year digits)."""
    out = []
    for part in spec.split(":"):
        letters: list[int] = []
        year = 0
        for ch in part:
            if ch == "A":
                letters.append(1)
            elif ch == "a" and letters:
                letters[-1] += 1
            elif ch == "0":
                year += 1
        out.append((letters, year))
    return out


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:].lower()


def _name_part(name: Name, letters: int) -> str:
    text = ""
    if name.family:
        text = (name.non_dropping_particle + " " if name.non_dropping_particle else "") \
            + name.family
        text = re.sub(r"^([ '\u2019a-z]+\s+)", "", text)
    elif name.literal:
        text = name.literal
    m = re.match(r"^(a\s+|the\s+|an\s+)", text.lower())
    if m:
        text = text[len(m.group(1)):]
    return _NOT_ROMANESQUE.sub("", text)[:letters]


def _names_label(ctx: Context, params: list[tuple[list[int], int]]) -> tuple[str, int]:
    year_digits = params[0][1]
    for variable in NAME_VARIABLES:
        names = ctx.item.get(variable)
        if not names or not isinstance(names, list):
            continue
        letters, year_digits = params[min(len(names), len(params)) - 1]
        label = ""
        for name, count in zip(names, letters):
            part = _name_part(name, count) if isinstance(name, Name) else ""
            if not part:
                break
            label += _cap(part)
        return label, year_digits
    return "", year_digits


def _title_label(ctx: Context, letters: int) -> str:
    title = ctx.item.get("title")
    if not isinstance(title, str) or not title:
        return ""
    words = [w for w in title.split() if w not in _SKIP_WORDS]
    return _cap("".join(words)[:letters])


def citation_label(ctx: Context) -> str:
    """The label (with any year-suffix letters) that cs:text variable="citation-label" shows."""
    label = base_label(ctx)
    if ctx.disamb.year_suffix is not None:
        label += suffix_letters(ctx.disamb.year_suffix)
    return label


def base_label(ctx: Context) -> str:
    """The item's citation-label, or its trigraph, without year-suffix (what sorts)."""
    label = ctx.item.get("citation-label")
    if not isinstance(label, str) or not label:
        params = _params(TRIGRAPH)
        label, year_digits = _names_label(ctx, params)
        if not label:
            label = _title_label(ctx, params[0][0][0])
        issued = ctx.item.get("issued")
        year = str(issued.year) if isinstance(issued, Date) and issued.year else "0000"
        label += year[-year_digits:] if year_digits else year  # JS slice(-0): all
    return label
