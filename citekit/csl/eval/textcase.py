"""Format stage: CSL text-case (lowercase, uppercase, capitalize-first/all, sentence, title).

Works on output-tree leaves so that ``nocase`` spans keep their case while still counting as
words; title case follows CSL 1.0.2 with the stop words of the CSL schema.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..output.tree import Child, Span, Tag

_WORD = re.compile(r"[^\s\-\u2013\u2014/]+")


@lru_cache(maxsize=1)
def stop_words() -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
    path = Path(__file__).resolve().parent.parent.parent / "data" / "stop-words.json"
    words = json.loads(path.read_text(encoding="utf-8"))["stop-words"]
    single = frozenset(w for w in words if " " not in w)
    phrases = tuple(sorted((tuple(w.split()) for w in words if " " in w), key=len,
                           reverse=True))
    return single, phrases


# rich-text spans whose text keeps its case (nocase, nodecor, small caps, super/subscript)
_KEEP_CASE = frozenset((Tag.NOCASE, Tag.NODECOR, Tag.SC, Tag.SUP, Tag.SUB))


def _collect(node: Child, out: list[tuple[Span | None, int, str, bool]],
             parent: Span | None, index: int, frozen: bool) -> None:
    if isinstance(node, str):
        out.append((parent, index, node, frozen))
        return
    is_frozen = frozen or node.tag in _KEEP_CASE
    for i, child in enumerate(node.children):
        _collect(child, out, node, i, is_frozen)


def apply_text_case(children: list[Child], case: str, language: str | None = None
                    ) -> list[Child]:
    """Apply ``case`` to the leaves of ``children`` (returned; the list is changed in place).

    ``language`` (the item's, else the locale's) selects Turkic dotted/dotless i rules for
    upper- and lowercase.
    """
    holder = Span(children)
    pieces: list[tuple[Span | None, int, str, bool]] = []
    _collect(holder, pieces, None, 0, False)
    text = "".join(p[2] for p in pieces)
    if any(p[3] for p in pieces):
        frozen = [f for p in pieces for f in [p[3]] * len(p[2])]
        chars: Any = _transform(text, frozen, case, _is_turkic(language))
    else:  # nothing keeps its case (most values): the same text, case and language recur
        chars = _transform_free(text, case, _is_turkic(language))
    pos = 0
    for parent, index, leaf, _ in pieces:
        if parent is not None:
            parent.children[index] = "".join(chars[pos:pos + len(leaf)])
        pos += len(leaf)
    return holder.children


@lru_cache(maxsize=4096)  # journal and series titles recur; most titles do not
def _transform_free(text: str, case: str, turkic: bool) -> tuple[str, ...]:
    """:func:`_transform` of a text none of whose characters keep their case."""
    return tuple(_transform(text, [False] * len(text), case, turkic))


def _is_turkic(language: str | None) -> bool:
    return bool(language) and re.split(r"[-_]", str(language).strip().lower())[0] in ("tr", "az")


def _lower(char: str, turkic: bool) -> str:
    if turkic and char in "I\u0130":
        return "\u0131" if char == "I" else "i"
    return char.lower()


def _upper(char: str, turkic: bool) -> str:
    return "\u0130" if turkic and char == "i" else char.upper()


def _transform(text: str, frozen: list[bool], case: str, turkic: bool = False) -> list[str]:
    chars = list(text)
    free = [i for i, f in enumerate(frozen) if not f]
    if case == "lowercase":
        for i in free:
            chars[i] = _lower(chars[i], turkic)
    elif case == "uppercase":
        for i in free:
            chars[i] = _upper(chars[i], turkic)
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
    """The word's first letter after leading punctuation; None when a digit comes first
    (citeproc-js capitalises the first character: "3rd" stays "3rd")."""
    for i in range(start, end):
        if text[i].isalnum():
            return i if text[i].isalpha() else None
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
    """Sentence case as citeproc-js does it: the first word gets a capital, every other word
    is lowercased (nocase text is kept but still counts as the first word)."""
    first = True
    for m in _SENTENCE_WORD.finditer(text):
        for start, end in _frozen_runs(m.start(), m.end(), frozen):
            if frozen[start]:
                first = False
            elif first:
                chars[start] = _upper_first(chars[start])
                first = False
            else:
                for i in range(start, end):
                    chars[i] = chars[i].lower()


# words for sentence case: split at spaces and at the punctuation citeproc-js cuts strings at
_SENTENCE_WORD = re.compile("[^ \u2018\u2019\u201c\u201d\"\\-\u2013\u2014/.,;?!:\\[\\]()]+")


def _frozen_runs(start: int, end: int, frozen: list[bool]) -> list[tuple[int, int]]:
    return [(s, e) for _, s, e in _split_frozen(start, end, frozen) if s < e]


# citeproc-js title case: strings are cut at quotes, punctuation and brackets ("tags"); the
# words between tags are capitalised when they are lowercase and not stop words.
_TITLE_TAG = re.compile("(?:\u2018|\u2019|\u201c|\u201d| \"| '|\"|'|[-\u2013\u2014/.,;?!:]"
                        "|\\[|\\]|\\(|\\))")
_TITLE_SPACE = re.compile("[\u00a0 \u2000-\u200b\u205f\u3000]+")
_QUOTE_PAIRS = {" \"": (" '", "\""), " '": (" \"", "'"), "\u2018": ("\u2018", "\u2019"),
                "\u201c": ("\u201c", "\u201d")}
# citeproc-js's own skip list (used for citation-label trigraphs); title case uses the CSL
# stop words of data/stop-words.json instead (see :func:`title_stop_words`).
_SKIP_WORDS = frozenset((
    "about above across afore after against al along alongside amid amidst among amongst "
    "anenst apropos apud around as aside astride at athwart atop barring before behind below "
    "beneath beside besides between beyond but by circa despite down during et except for "
    "forenenst from given in inside into lest like modulo near next notwithstanding of off on "
    "onto out over per plus pro qua sans since than through thru throughout thruout till to "
    "toward towards under underneath until unto up upon versus vs. v. vs v via vis-à-vis with "
    "within without or yet so and nor a an the de d' von van c ca").split())


# words citeproc-js also keeps lowercase in titles though stop-words.json lacks them
_CITEPROC_EXTRA_STOP_WORDS = frozenset(("about", "above", "al"))


@lru_cache(maxsize=1)
def title_stop_words() -> frozenset[str]:
    """The one-word CSL stop words (data/stop-words.json) as title case meets them: strings
    are cut at ".", so "v." and "vs." are looked up as "v" and "vs"; plus the few words
    citeproc-js adds, so output matches it."""
    single, _ = stop_words()
    return frozenset(w.rstrip(".") or w for w in single) | _CITEPROC_EXTRA_STOP_WORDS


def _title_tokens(text: str, frozen: list[bool]) -> list[tuple[bool, int, int]]:
    """(is_tag, start, end) pieces of ``text``; a nocase boundary also cuts a string."""
    tokens: list[tuple[bool, int, int]] = []
    pos = 0
    for m in _TITLE_TAG.finditer(text):
        tokens.extend(_split_frozen(pos, m.start(), frozen))
        tokens.append((True, m.start(), m.end()))
        pos = m.end()
    tokens.extend(_split_frozen(pos, len(text), frozen))
    return tokens


def _split_frozen(start: int, end: int, frozen: list[bool]) -> list[tuple[bool, int, int]]:
    out: list[tuple[bool, int, int]] = []
    i = start
    while i < end:
        j = i
        while j < end and frozen[j] == frozen[i]:
            j += 1
        out.append((False, i, j))
        i = j
    return out or [(False, start, start)]


def _title(text: str, chars: list[str], frozen: list[bool]) -> None:
    """Format stage: text-case="title" as citeproc-js does it.

    A lowercase word is capitalised unless it is a one-letter word or a stop word; the first
    word and a word after ":", "?" or "!" are capitalised anyway, and so is a last word that is
    a stop word. Words with capitals are kept. A quote that does not pair up restores the case
    of the word after it (so "you’re" keeps its "re").
    """
    tokens = _title_tokens(text, frozen)
    state: dict[str, Any] = {"first": True, "punct": False, "last": None}
    quotes: list[dict] = []
    for k, (is_tag, start, end) in enumerate(tokens):
        if not is_tag and any(t[0] for t in tokens[:k]):
            continue  # done after its tag, below
        if not is_tag:
            # citeproc-js only looks at the tag after the very first string (for "-")
            hyphen_next = k + 1 < len(tokens) and text[tokens[k + 1][1]:tokens[k + 1][2]] == "-"
            _title_string(text, chars, frozen, start, end, hyphen_next, state)
            continue
        tag = text[start:end]
        if tag[-1] in "!?:":
            state["punct"] = True
        k_next = k + 1
        while k_next < len(tokens) and not tokens[k_next][0]:  # the string after this tag
            _title_string(text, chars, frozen, tokens[k_next][1], tokens[k_next][2], False,
                          state)
            k_next += 1
        restore = _quote_state(tag, k, quotes)
        if restore is not None:
            _restore_after(tokens, restore, text, chars)
            state["last"] = None
    for quote in quotes:
        if quote.get("pos") is not None:
            _restore_after(tokens, quote["pos"], text, chars)
    last = state["last"]
    if last is not None:
        word = text[last[0]:last[1]]
        if len(word) > 1 and word.lower() in title_stop_words() and not frozen[last[0]]:
            chars[last[0]] = _upper_first(chars[last[0]])


def _title_string(text: str, chars: list[str], frozen: list[bool], start: int, end: int,
                  hyphen_next: bool, state: dict) -> None:
    """Capitalise the words of one string between tags (see :func:`_title`)."""
    segment = text[start:end]
    if not segment.strip():
        return
    if frozen[start]:
        state["first"] = state["punct"] = False
        state["last"] = None
        return
    words = [(m.start() + start, m.end() + start) for m in re.finditer(
        "[^\u00a0 \u2000-\u200b\u205f\u3000]+", segment)]
    for j, (ws, we) in enumerate(words):
        word = text[ws:we]
        lower = word.lower()
        capitalize = (len(word) > 1 and lower not in title_stop_words()) \
            or (j == len(words) - 1 and hyphen_next) or state["first"] or state["punct"]
        if capitalize and word == lower:
            chars[ws] = _upper_first(chars[ws])
        state["first"] = state["punct"] = False
        state["last"] = (ws, we)


def _upper_first(char: str) -> str:
    """Uppercase one character, except a lone Greek letter."""
    return char if "\u0370" <= char <= "\u03ff" else char.upper()


def _quote_state(tag: str, index: int, quotes: list[dict]) -> int | None:
    """Track quote pairing; the token index whose following string gets its case back."""
    m = re.match("(^(?:\u2018|\u2019|\u201c|\u201d|\"|')|(?: \"| ')$)", tag)
    if not m:
        return None
    mark = m.group(1)
    if mark in ("\u201c", "\u2018", " \"", " '"):
        opener, closer = _QUOTE_PAIRS[mark]
        if not quotes or mark == quotes[-1]["opener"]:
            quotes.append({"opener": opener, "closer": closer, "pos": index})
            return None
        previous = quotes.pop()["pos"]
        quotes.append({"opener": opener, "closer": closer, "pos": None})
        return previous
    if quotes and mark == quotes[-1]["closer"]:
        quotes.pop()
        return None
    return index


def _restore_after(tokens: list[tuple[bool, int, int]], index: int, text: str,
                   chars: list[str]) -> None:
    """Give the first character of the string after token ``index`` its original case."""
    if index + 1 < len(tokens):
        _, start, end = tokens[index + 1]
        if start < end:
            chars[start] = text[start]


_PERIOD = re.compile(r"\.([^a-z]|$)")


def strip_periods(children: list[Child]) -> list[Child]:
    holder = Span(children)
    pieces: list[tuple[Span | None, int, str, bool]] = []
    _collect(holder, pieces, None, 0, False)
    for parent, index, leaf, _ in pieces:
        if parent is not None:
            # citeproc-js: a period before a lowercase letter stays ("OpenCongress.org")
            parent.children[index] = _PERIOD.sub(r"\1", leaf)
    return holder.children
