"""Recover stage: English BibTeX titles (written in Title Case) to the sentence case CSL wants.

CSL styles store titles in sentence case and title-case them where a style asks; a ``.bib``
file's English titles are usually written in Title Case with the words that must keep their
capitals in braces. Pandoc's manual (section "Capitalization in titles") describes the
conversion this module follows:

* a word written Capitalized (an upper-case letter, then lower-case letters only) is lowered,
  except the first word and the first word of a sentence (after ``.``, ``?``, ``!`` or ``:``
  and a blank), which get a capital;
* words in all capitals or mixed case (``NASA``, ``iPhone``) and everything inside a
  ``<span class="nocase">`` (brace-protected in the ``.bib``) are left alone; other rich-text
  tags (``<i>``, ``<b>`` ...) are transparent;
* afterwards a protecting span is kept only where it matters: when a word inside it starts in
  lower case (``{npj}``); ``{Aristotle}`` needs no protection once the title is in sentence
  case, so its span is dropped.
"""
from __future__ import annotations

import re

from .latexdecode import NOCASE_CLOSE, NOCASE_OPEN

_PIECES = re.compile(r"(<[^<>]+>)")
_CHUNKS = re.compile(r"\w+|\s+|[^\w\s]", re.U)
_RUNS = re.compile(r"\w+|\W+", re.U)
_WORD_BREAKS = frozenset("-/\u2013\u2014")
_SENTENCE_END = frozenset(".?!:")


def _capitalized(word: str) -> bool:
    return word[:1].isupper() and (len(word) == 1 or word[1:].islower())


class _State:
    """Where the scan is: at the start, at a sentence start, after a word break or in a word."""

    def __init__(self) -> None:
        self.at = "start"

    def feed(self, text: str) -> None:
        last = text[-1:]
        if not last:
            return
        if last in _SENTENCE_END:
            self.at = "after-end"
        elif last.isalnum():
            self.at = "in-word"
        elif last.isspace() and self.at == "after-end":
            self.at = "sentence"
        elif last.isspace() or last in _WORD_BREAKS:
            self.at = "word-break"
        # other punctuation ("[", "(", quotes) leaves the state as it was


def sentence_word(word: str, state: _State) -> str:
    """What sentence case makes of one word (a run of letters and digits) in ``state``."""
    return _word(word, state)


def _word(word: str, state: _State) -> str:
    starts = state.at in ("start", "sentence")
    if _capitalized(word) and not starts:
        return word.lower()
    if starts and (_capitalized(word) or word.islower()):
        return word[:1].upper() + word[1:]
    return word


_TRANSITIONS: dict[tuple[str, str], str] = {}  # (state, run of non-word marks) -> state


def _after(at: str, run: str) -> str:
    """The scan's state after a run of blanks and punctuation, mark by mark (remembered: the
    same few runs, " " and ": ", come back in every title)."""
    key = (at, run)
    known = _TRANSITIONS.get(key)
    if known is None:
        state = _State()
        state.at = at
        for ch in run:
            state.feed(ch)
        known = state.at
        if len(_TRANSITIONS) < 4096 and len(run) < 16:  # bounded, whatever the input
            _TRANSITIONS[key] = known
    return known


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _after_protected(at: str, text: str) -> str:
    """The state after protected text: only its last word and the marks after it count."""
    end = len(text)
    while end and not _is_word_char(text[end - 1]):
        end -= 1
    return _after(at if end == 0 else "in-word", text[end:])


def to_sentence_case(text: str) -> str:
    """CSL rich text in Title Case to sentence case (the rules in the module docstring)."""
    if "<" not in text:
        return _sentence_pieces(text, "start")[0]
    if text.startswith(NOCASE_OPEN) and text.endswith(NOCASE_CLOSE):
        body = text[len(NOCASE_OPEN):-len(NOCASE_CLOSE)]
        if "<" not in body and "\x00" not in body and "\x01" not in body:
            # a title protected whole ({{...}}): no word changes, the one span kept or not
            return text if _needs_protection(body) else body
    at = "start"
    out: list[str] = []
    protected = 0
    stack: list[bool] = []  # per open tag: is it a nocase span
    for piece in _PIECES.split(text):
        if not piece:
            continue
        if piece.startswith("<") and piece.endswith(">") and _PIECES.fullmatch(piece):
            if piece.startswith("</"):
                if stack and stack.pop():
                    protected -= 1
            elif not piece.endswith("/>"):
                nocase = piece == NOCASE_OPEN
                stack.append(nocase)
                protected += nocase
            out.append(piece)
        elif protected:
            at = _after_protected(at, piece)
            out.append(piece)
        else:
            piece, at = _sentence_pieces(piece, at)
            out.append(piece)
    text = "".join(out)
    return _unprotect(text) if NOCASE_OPEN in text else text


def _sentence_pieces(text: str, at: str) -> tuple[str, str]:
    """Unprotected text in sentence case, from state ``at``; and the state after it."""
    out: list[str] = []
    for chunk in _RUNS.findall(text):
        if _is_word_char(chunk[0]):
            starts = at in ("start", "sentence")
            if _capitalized(chunk):
                if not starts:
                    chunk = chunk.lower()
            elif starts and chunk.islower():
                chunk = chunk[:1].upper() + chunk[1:]
            at = "in-word"
        else:
            at = _after(at, chunk)
        out.append(chunk)
    return "".join(out), at


_SPAN = re.compile(re.escape(NOCASE_OPEN) + r"((?:(?!<span)(?!</span>).)*)" +
                   re.escape(NOCASE_CLOSE), re.S)
_TAG = re.compile(r"<[^<>]+>")
_NON_WORD = re.compile(r"[\s\W_]+")


def _needs_protection(body: str) -> bool:
    plain = _TAG.sub("", body) if "<" in body else body
    return any(w[:1].islower() for w in _NON_WORD.split(plain) if w)


def _repl(match: re.Match[str]) -> str:
    body = match.group(1)
    return _mark(match.group(0) if _needs_protection(body) else body)


def _unprotect(text: str) -> str:
    """Drop the nocase spans (innermost first) whose words all start with a capital."""
    while NOCASE_OPEN in text:  # each pass settles the innermost spans left
        settled = _SPAN.sub(_repl, text)
        if settled == text:
            break
        text = settled
    return text.replace("\x00", NOCASE_OPEN).replace("\x01", NOCASE_CLOSE)


def _mark(text: str) -> str:
    """A kept span, hidden from the next pass so the loop ends."""
    if text.startswith(NOCASE_OPEN) and text.endswith(NOCASE_CLOSE):
        return "\x00" + text[len(NOCASE_OPEN):-len(NOCASE_CLOSE)] + "\x01"
    return text


State = _State
CHUNKS = _CHUNKS

__all__ = ["CHUNKS", "State", "sentence_word", "to_sentence_case"]
