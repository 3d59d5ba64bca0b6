"""Format stage: CSL text-case (lowercase, uppercase, capitalize-first/all, sentence, title).

Works on output-tree leaves so that ``nocase`` spans keep their case while still counting as
words; title case follows CSL 1.0.2 with the stop words of the CSL schema.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from ..output.tree import Child, Span

_WORD = re.compile(r"[^\s\-\u2013\u2014/]+")


@lru_cache(maxsize=1)
def stop_words() -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
    path = Path(__file__).resolve().parent.parent.parent / "data" / "stop-words.json"
    words = json.loads(path.read_text(encoding="utf-8"))["stop-words"]
    single = frozenset(w for w in words if " " not in w)
    phrases = tuple(sorted((tuple(w.split()) for w in words if " " in w), key=len,
                           reverse=True))
    return single, phrases


def _collect(node: Child, out: list[tuple[Span | None, int, str, bool]],
             parent: Span | None, index: int, frozen: bool) -> None:
    if isinstance(node, str):
        out.append((parent, index, node, frozen))
        return
    is_frozen = frozen or node.tag == "nocase"
    for i, child in enumerate(node.children):
        _collect(child, out, node, i, is_frozen)


def apply_text_case(children: list[Child], case: str) -> list[Child]:
    """Apply ``case`` to the leaves of ``children`` (returned; the list is changed in place)."""
    holder = Span(children)
    pieces: list[tuple[Span | None, int, str, bool]] = []
    _collect(holder, pieces, None, 0, False)
    text = "".join(p[2] for p in pieces)
    frozen = [f for p in pieces for f in [p[3]] * len(p[2])]
    chars = _transform(text, frozen, case)
    pos = 0
    for parent, index, leaf, _ in pieces:
        if parent is not None:
            parent.children[index] = "".join(chars[pos:pos + len(leaf)])
        pos += len(leaf)
    return holder.children


def _transform(text: str, frozen: list[bool], case: str) -> list[str]:
    chars = list(text)
    free = [i for i, f in enumerate(frozen) if not f]
    if case == "lowercase":
        for i in free:
            chars[i] = chars[i].lower()
    elif case == "uppercase":
        for i in free:
            chars[i] = chars[i].upper()
    elif case == "capitalize-first":
        _capitalize_words(text, chars, frozen, first_only=True)
    elif case == "capitalize-all":
        _capitalize_words(text, chars, frozen, first_only=False)
    elif case == "sentence":
        _sentence(text, chars, frozen)
    elif case == "title":
        _title(text, chars, frozen)
    return chars


def _is_lower_word(word: str) -> bool:
    return word == word.lower() and word != word.upper()


def _first_letter(text: str, start: int, end: int) -> int | None:
    for i in range(start, end):
        if text[i].isalpha():
            return i
    return None


def _capitalize_words(text: str, chars: list[str], frozen: list[bool], first_only: bool) -> None:
    for m in re.finditer(r"\S+", text):
        if _is_lower_word(m.group(0)):
            i = _first_letter(text, m.start(), m.end())
            if i is not None and not frozen[i]:
                chars[i] = chars[i].upper()
        if first_only:
            break


def _sentence(text: str, chars: list[str], frozen: list[bool]) -> None:
    letters = [c for c, f in zip(text, frozen) if c.isalpha() and not f]
    if letters and all(c == c.upper() for c in letters):
        first = _first_letter(text, 0, len(text))
        for i, c in enumerate(text):
            if not frozen[i]:
                chars[i] = c.upper() if i == first else c.lower()
        return
    _capitalize_words(text, chars, frozen, first_only=True)


def _title(text: str, chars: list[str], frozen: list[bool]) -> None:
    letters = [c for c, f in zip(text, frozen) if c.isalpha() and not f]
    if letters and all(c == c.upper() for c in letters) and len(letters) > 1:
        for i, c in enumerate(text):
            if not frozen[i]:
                chars[i] = c.lower()
        text = "".join(chars)
    single, phrases = stop_words()
    words = list(_WORD.finditer(text))
    cores = [re.sub(r"^\W+|\W+$", "", w.group(0)) for w in words]
    n = len(words)
    skip_until = -1
    for k, m in enumerate(words):
        core = cores[k]
        if not core:
            continue
        start = m.start()
        after_colon = k > 0 and re.search(r"[:?!]\s*[\"'\u201c\u2018(]*$",
                                          text[:start]) is not None
        edge = k == 0 or k == n - 1 or after_colon
        lowered = core.lower()
        is_stop = False
        if k <= skip_until:
            is_stop = True
        else:
            for phrase in phrases:
                if tuple(c.lower() for c in cores[k:k + len(phrase)]) == phrase \
                        and k + len(phrase) - 1 < n - 1:
                    skip_until = k + len(phrase) - 1
                    is_stop = True
                    break
            else:
                is_stop = lowered in single
        first = _first_letter(text, start, m.end())
        if first is None or frozen[first]:
            continue
        if is_stop and not edge:
            if core[:1].isupper() and core[1:] == core[1:].lower():
                chars[first] = chars[first].lower()
            continue
        if _is_lower_word(core):
            chars[first] = chars[first].upper()


def strip_periods(children: list[Child]) -> list[Child]:
    holder = Span(children)
    pieces: list[tuple[Span | None, int, str, bool]] = []
    _collect(holder, pieces, None, 0, False)
    for parent, index, leaf, _ in pieces:
        if parent is not None:
            parent.children[index] = leaf.replace(".", "")
    return holder.children
