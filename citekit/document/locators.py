"""Share stage: split a citation suffix into CSL locator, label and remaining suffix.

Follows pandoc's rules: an optional comma and space, then a locator term of the locale
("p.", "pp.", "chap.", "sec.", "§", "para." ... in any form, any case) and one or more
locator words ("33", "33-35", "iv", "1.2", "34(1)", "33, 35"), or a locator in braces
(``{pp. iv, vi-xi}``). Without a term, a locator word that has a digit means a page.
Whatever follows the locator stays the suffix; a suffix without a locator gets a leading
comma unless it starts with a space or punctuation, as pandoc does.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..csl.locale import Locale, build_locale

#: CSL locator terms pandoc looks up in the locale.
LOCATOR_TERMS = ("book", "chapter", "column", "figure", "folio", "issue", "line", "note",
                 "opus", "page", "number-of-pages", "paragraph", "part", "section",
                 "sub verbo", "verse", "volume")

_ROMAN = re.compile(r"(?i)^m{0,4}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


@dataclass
class Locator:
    """A parsed suffix: ``label``/``locator`` for CSL (None when absent) and what remains."""

    locator: str | None
    label: str | None
    suffix: str


def _forms(locale: Locale) -> dict[str, str]:
    """Every written form of every locator term (case-folded) -> CSL label: the style's
    terms and the locale file's (a style's "ch." does not stop "chap." being read)."""
    table: dict[str, str] = {}
    for source in (locale, _file_locale(locale.lang)):
        for (name, _form, _gender), term in source.terms.items():
            if name in LOCATOR_TERMS:
                for text in (term.single, term.multiple):
                    if text and text.strip():
                        table.setdefault(text.strip().casefold(), name)
    return table


@lru_cache(maxsize=16)
def _file_locale(lang: str) -> Locale:
    return build_locale(lang, [])


@lru_cache(maxsize=32)
def _sorted_forms(key: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    return sorted(key, key=lambda kv: -len(kv[0]))


def _is_punct(c: str) -> bool:
    return unicodedata.category(c).startswith("P")


def _locator_punct(c: str) -> bool:
    return _is_punct(c) and c not in "-\u2013:" or c in "(){}[]"


def _unit(s: str) -> tuple[int, bool]:
    """Length of one page unit at the start of ``s`` (balanced brackets, ``1.2.3`` joins)."""
    i, digit_like, n = 0, False, len(s)
    while i < n:
        c = s[i]
        if c in "([{":
            close = {"(": ")", "[": "]", "{": "}"}[c]
            j = s.find(close, i + 1)
            if j < 0 or any(ch.isspace() for ch in s[i + 1:j]):
                break
            inner = s[i + 1:j]
            digit_like |= any(ch.isdigit() for ch in inner) or bool(inner and _ROMAN.match(inner))
            i = j + 1
            continue
        if c == "." and i > 0 and i + 1 < n and not (s[i + 1].isspace()
                                                        or _locator_punct(s[i + 1])):
            i += 1
            continue
        if c.isspace() or _locator_punct(c):
            break
        i += 1
    word = s[:i]
    digit_like |= any(ch.isdigit() for ch in word)
    bare = re.sub(r"[(\[{].*", "", word)
    roman = any(part and _ROMAN.match(part) for part in re.split("[-\u2013]", bare))
    return i, digit_like or roman


def _words(s: str, implicit: bool) -> int:
    """How much of ``s`` is locator words (0 when the first word does not qualify)."""
    pos, first = 0, True
    while True:
        m = re.match(r"([,;]?)(\s?)", s[pos:]) if not first else re.match(r"(\s?)", s[pos:])
        start = pos + (m.end() if m else 0)
        length, ok = _unit(s[start:])
        has_digit = any(ch.isdigit() for ch in s[start:start + length])
        if length == 0 or not (has_digit if implicit else ok):
            return pos
        pos, first = start + length, False


def _label(s: str, forms: list[tuple[str, str]]) -> tuple[int, str] | None:
    folded = s.casefold()
    for text, name in forms:
        if folded.startswith(text):
            rest = s[len(text):]
            if rest[:1].isspace() or rest[:1].isdigit() or rest[:1] in "{([" or \
                    (rest and _words(rest, False)):
                return len(text), name
    return None


def _maybe_add_comma(s: str) -> str:
    if not s or s[0].isspace() or _is_punct(s[0]):
        return s
    return ", " + s


def _braced(s: str, forms: list[tuple[str, str]]) -> Locator | None:
    """``{pp. iv, vi-xi}``: an optional term, then anything up to the matching brace."""
    depth = 0
    for j, c in enumerate(s):
        depth += c == "{"
        depth -= c == "}"
        if depth == 0:
            inner = s[1:j].strip()
            found = _label(inner, forms)
            label_len, label = found if found else (0, "page")
            return Locator(inner[label_len:].strip() or None, label, s[j + 1:])
    return None


def parse_locator(suffix: str, locale: Locale) -> Locator:
    """Split ``suffix`` (as written after the key) into locator, label and suffix."""
    forms = _sorted_forms(tuple(sorted(_forms(locale).items())))
    s = suffix
    if s.startswith(","):
        s = s[1:]
    s = s.lstrip()
    if s.startswith("{"):
        braced = _braced(s, forms)
        if braced is not None:
            return braced
    found = _label(s, forms)
    label_len, label = found if found else (0, "page")
    body = s[label_len:].lstrip()
    if found or body[:1].isdigit() or re.match(r"[ivxlcdmIVXLCDM(\[]", body[:1] or "_"):
        n = _words(body, implicit=found is None)
        if n:
            return Locator(body[:n].strip(), label, body[n:])
    return Locator(None, None, _maybe_add_comma(suffix))
