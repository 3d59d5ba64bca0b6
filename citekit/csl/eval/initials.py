"""Format stage: given-name initials (``initialize-with``, ``initialize``) as citeproc-js does.

The given name is split into words and separators (spaces, hyphens). With ``initialize``
true each capitalised word becomes its initial plus the ``initialize-with`` terminator
("Jean-Paul" -> "J.-P."); a word written as an abbreviation ("Ph.", "ME.") is kept whole, and a
leading capital cluster keeps its second capital ("TSerendorjiin" -> "Ts."). Lowercase words
("de") stay as they are. With ``initialize`` false only existing initials are normalised to
the terminator ("M.E" -> "M. E."). A terminator holding ``%s`` (citeproc-js) is a pattern
each initial is put in, and names in scripts without capitals are then initialised too.
"""
from __future__ import annotations

import re
from functools import lru_cache

_UPPER = "A-Z\u00c0-\u017f\u0400-\u042f\u0590-\u05d4\u05d6-\u05ff\u0600-\u06ff" \
         "\u0370\u0372\u0376\u0386\u0388-\u03ab\u03e2\u03e4\u03e6\u03e8\u03ea\u03ec\u03ee" \
         "\u03f4\u03f7\u03fd-\u03ff"
_LETTERS = "a-zA-Z\u00c0-\u017f\u0400-\u052f\u0600-\u06ff\u0370-\u03ff\u1f00-\u1fff"
_INITIAL = re.compile(f"^([{_UPPER}])([{_LETTERS}]*|)(\\.)*")
_ROMANESQUE_CHARS = "0-9a-zA-Z\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4" \
                    "\u05d6-\u05ff\u1f00-\u1fff\u0600-\u06ff\u200c-\u200e\u0218-\u021b" \
                    "\u202a-\u202e"
_ROMANESQUE = re.compile(f"[-{_ROMANESQUE_CHARS}]")
_STARTS_ROMANESQUE = re.compile(f"^[&{_ROMANESQUE_CHARS}]")


def _split(given: str, hyphen: bool) -> list[str]:
    """Words and the separators between them: [word, sep, word, sep, word]."""
    if not hyphen:
        given = given.replace("-", " ")
    given = re.sub(r"\s*-\s*", "-", given)
    given = re.sub(r"\s+", " ", given)
    given = re.sub(r"-([a-z])", "\u2013\\1", given)  # a hyphen before lowercase joins words
    given = re.sub(r"\.(?=[^ ])", ". ", given)
    words = re.split(r"[-\s]+", given)
    seps = re.findall(r"[-\s]+", given)
    if not seps:
        tail = re.search(r"[^.]+$", words[0])
        if tail and len(tail.group(0)) == 1 and tail.group(0) != tail.group(0).lower():
            words[0] += "."
    out = [words[0]]
    for sep, word in zip(seps, words[1:]):
        out += [sep, word]
    return out


def _finish(parts: list[str]) -> str:
    text = "".join(parts).strip()
    text = re.sub(r"[\t\n\x0b\x0c\r \ufeff\u00a0]+$", "", text)
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(r"[\t\n\x0b\x0c\r ]+", " ", text)
    return text.replace("\u2013", "-")


def _normalize(parts: list[str], terminator: str) -> str:
    abbrev = []
    for i, word in enumerate(parts):
        if len(word) > 1 and word.endswith("."):
            parts[i] = word[:-1]
            abbrev.append(True)
        else:
            abbrev.append(len(word) == 1 and word.upper() == word)
    original = list(parts)
    n = len(parts)
    for i in range(0, n, 2):
        if not abbrev[i]:
            continue
        if i < n - 2:
            parts[i + 1] = "" if abbrev[i + 2] else " "
            term = terminator.rstrip("\ufeff") if len(original[i + 2]) > 1 else terminator
            parts[i] += term
        if i == n - 1:
            parts[i] += terminator
    return _finish(parts)


def _initial_of(match: re.Match[str]) -> str:
    first, rest, period = match.group(1), match.group(2), match.group(3)
    if rest and period:
        return first + rest
    caps = ""
    for ch in rest:
        if ch != ch.upper():
            break
        caps += ch
    return first + (caps.lower() if len(caps) < len(rest) else "")


def _initialize(parts: list[str], terminator: str) -> str:
    # citeproc-js: a terminator holding "%s" wraps each initial ("【%s】"), and initialises
    # names in scripts without capitals too, by their first character
    placeholder = "%s" in terminator
    original = list(parts)
    n = len(parts)
    for i in range(0, n, 2):
        word = parts[i]
        if not word:
            continue
        m = _INITIAL.match(word)
        if placeholder and not m and not _STARTS_ROMANESQUE.match(word) and len(word) > 1:
            parts[i] = terminator.replace("%s", word[0], 1)  # "健一郎" -> "【健】"
        elif m and placeholder and m.group(1)[:1] == m.group(1)[:1].upper():
            parts[i] = terminator.replace("%s", _initial_of(m), 1)
        elif m and m.group(1)[:1] == m.group(1)[:1].upper():
            parts[i] = _initial_of(m)
            if i < n - 1:
                parts[i + 1] = terminator + parts[i + 1] if "-" in original[i + 1] \
                    else terminator
            else:
                parts.append(terminator)
        elif _ROMANESQUE.search(word) and (not m or not m.group(3)):
            parts[i] = " " + word
    return _finish(parts)


_MARKUP = re.compile(r"</?(?:i|b|sc|sup|sub)>|<span\b[^>]*>|</span>")
_WORD = re.compile(r"[^\s-]+")


def _initialize_marked_up(given: str, terminator: str, hyphen: bool, full: bool) -> str:
    """Initialise a given name holding markup ("<b>John</b> Q."): the plain name is
    initialised and each word's tags are put back around its initial."""
    plain = ""
    tags_at: dict[int, list[str]] = {}
    pos = 0
    for m in _MARKUP.finditer(given):
        plain += given[pos:m.start()]
        tags_at.setdefault(len(plain), []).append(m.group(0))
        pos = m.end()
    plain += given[pos:]
    result = initialize(plain, terminator, hyphen, full)
    words, out_words = list(_WORD.finditer(plain)), list(_WORD.finditer(result))
    if len(words) != len(out_words):
        return result
    pieces: list[str] = []
    pos = placed = 0
    for word, out in zip(words, out_words):
        before = [t for t in tags_at.get(word.start(), []) if not t.startswith("</")]
        after = [t for t in tags_at.get(word.end(), []) if t.startswith("</")]
        pieces += [result[pos:out.start()], *before, out.group(0), *after]
        pos, placed = out.end(), placed + len(before) + len(after)
    if placed != sum(len(t) for t in tags_at.values()):
        return result  # markup inside a word: the initials go without it
    return "".join(pieces) + result[pos:]


@lru_cache(maxsize=65536)
def initialize(given: str, terminator: str, hyphen: bool = True, full: bool = True) -> str:
    """Initialise (``full``) or only normalise existing initials of a given name (a pure
    function of its arguments, so results are cached)."""
    if not given:
        return ""
    if "<" in given and _MARKUP.search(given):
        return _initialize_marked_up(given, terminator, hyphen, full)
    if given in ("Lord", "Lady") or (not _STARTS_ROMANESQUE.match(given)
                                     and "%s" not in terminator):
        return given
    parts = _split(given, hyphen)
    return _initialize(parts, terminator) if full else _normalize(parts, terminator)
