"""Recover stage: biblatex localization keys (``pubstate = {inpress}``) as their text.

biblatex lets a ``.bib`` file name a string by key in fields such as ``type``, ``pubstate``,
``series``, ``location`` (of a patent) and ``\\bibstring{...}``; the document's language picks
the text (biblatex's ``.lbx`` files). CSL has no such keys, so the reader resolves them here,
in English as pandoc does (its default locale). A word that is not a key is left as written.
"""
from __future__ import annotations

import re

#: key -> English text (biblatex's english.lbx, long forms)
ENGLISH: dict[str, str] = {
    # pubstate
    "inpreparation": "in preparation", "submitted": "submitted", "forthcoming": "forthcoming",
    "inpress": "in press", "prepublished": "pre-published",
    # type (thesis, report, patent ...)
    "mathesis": "Master’s thesis", "phdthesis": "PhD thesis", "candthesis": "Candidate thesis",
    "techreport": "technical report", "resreport": "research report",
    "software": "computer software", "datacd": "CD-ROM", "audiocd": "audio CD",
    "patent": "patent", "patentde": "German patent", "patenteu": "European patent",
    "patentfr": "French patent", "patentuk": "British patent", "patentus": "U.S. patent",
    "patreq": "patent request", "patreqde": "German patent request",
    "patreqeu": "European patent request", "patreqfr": "French patent request",
    "patrequk": "British patent request", "patrequs": "U.S. patent request",
    # series
    "newseries": "new series", "oldseries": "old series", "jourser": "series",
    # countries (patents' location)
    "countryde": "Germany", "countryeu": "European Union", "countryep": "European Union",
    "countryfr": "France", "countryuk": "United Kingdom", "countryus": "United States of America",
    # roles and misc. strings a database may use via \bibstring
    "editor": "editor", "editors": "editors", "translator": "translator", "and": "and",
    "andothers": "et al.", "volume": "volume", "volumes": "volumes", "edition": "edition",
    "page": "page", "pages": "pages", "chapter": "chapter", "number": "number",
    "reprint": "reprint", "reprintof": "reprint of", "translationof": "translation of",
    "origpubin": "originally published in", "urlseen": "visited on", "online": "online",
    "in": "in", "by": "by",
}

_KEY = re.compile(r"[A-Za-z]+")


def resolve_key(word: str) -> str:
    """The text of one key, else ``word`` itself."""
    return ENGLISH.get(word.strip().lower()) or word


def is_key(word: str) -> bool:
    """Is ``word`` one of the keys this module knows?"""
    return word.strip().lower() in ENGLISH


def resolve_keys(text: str) -> str:
    """``text`` when it is a key resolved; other text is returned as written (a field that
    merely contains a key-like word, ``patent``, is not a key unless it is all of it)."""
    stripped = text.strip()
    if _KEY.fullmatch(stripped) and is_key(stripped):
        return resolve_key(stripped)
    return text


__all__ = ["ENGLISH", "is_key", "resolve_key", "resolve_keys"]
