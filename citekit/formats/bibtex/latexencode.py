"""Share stage: Unicode and CSL rich text to LaTeX field text (the reverse of latexdecode).

Rich-text tags become ``\\emph``/``\\textbf``/...; nocase spans become protecting braces;
math ``$...$`` is kept; LaTeX's special characters are escaped; with ``ascii=True`` accented
letters and symbols become LaTeX commands (``{\\"o}``), otherwise Unicode is kept. In titles,
words with inner capitals (``DNA``, ``iPhone``) are braced so BibTeX styles keep their case.
"""
from __future__ import annotations

import re
import unicodedata

from .latexdecode import ACCENTS, NOCASE_OPEN, SYMBOLS, WRAPPERS, math_to_unicode
from .sentencecase import CHUNKS, State, sentence_word

_SPECIALS = {"\\": "\\textbackslash{}", "{": "\\{", "}": "\\}", "&": "\\&", "%": "\\%",
             "$": "\\$", "#": "\\#", "_": "\\_", "~": "\\textasciitilde{}",
             "^": "\\textasciicircum{}", "\u00a0": "~", "–": "--", "—": "---", "“": "``",
             "”": "''", "'": "{\\textquotesingle}", "`": "{\\textasciigrave}", "\ue000": "{}"}
_COMBINING = {mark: cmd for cmd, mark in ACCENTS.items()}
_SYMBOL_OUT = {text: cmd for cmd, text in SYMBOLS.items()
               if len(text) == 1 and ord(text) > 127 and cmd.isalpha()}
_TAGS_OUT = {"<i>": "\\emph{", "<b>": "\\textbf{", "<sup>": "\\textsuperscript{",
             "<sub>": "\\textsubscript{", NOCASE_OPEN: "{",
             WRAPPERS["textsc"][0]: "\\textsc{"}
_TAG = re.compile(r"(</?(?:i|b|sup|sub)>|<span [^>]*>|</span>)")
_MATH = re.compile(r"\$[^\s$](?:[^$]*[^\s$])?\$")
_WORD_START = " -/(\"'“‘[."


def _inner_capital(word: str) -> bool:
    """True when a capital letter follows a letter or digit (DNA, iPhone, McDonald, 3D)."""
    return any(ch.isupper() and word[i - 1] not in _WORD_START
               for i, ch in enumerate(word) if i > 0)


def _char(ch: str, ascii_only: bool) -> str:
    if ch in _SPECIALS:
        return _SPECIALS[ch]
    if not ascii_only or ord(ch) < 128:
        return ch
    if ch in _SYMBOL_OUT:
        return "{\\" + _SYMBOL_OUT[ch] + "}"
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    if marks and all(m in _COMBINING for m in marks) and ord(base) < 128:
        out = base if base not in "ij" else "\\" + base
        for mark in marks:
            cmd = _COMBINING[mark]
            out = f"\\{cmd}{out}" if not cmd.isalpha() and len(out) == 1 else f"\\{cmd}{{{out}}}"
        return "{" + out + "}"
    return ch


# TeX would join these into other dashes and quotes (a dash is written as hyphens, "“" as ``)
_LIGATURES = re.compile(r"(?<=[-\u2013\u2014])(?=[-\u2013\u2014])|(?<=[`\u201c])(?=[`\u201c])"
                        r"|(?<=['\u201d])(?=['\u201d])")


def escape(text: str, ascii_only: bool = False) -> str:
    """Plain text to LaTeX, math ``$...$`` kept."""
    text = _LIGATURES.sub("\ue000", text)
    out, last = [], 0
    for match in _MATH.finditer(text):
        if not math_to_unicode(match.group(0)[1:-1]).startswith("$"):
            continue  # math the reader would turn into Unicode is text with dollar signs
        out.append("".join(_char(c, ascii_only) for c in text[last:match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append("".join(_char(c, ascii_only) for c in text[last:]))
    return "".join(out)


def _protect_words(text: str, ascii_only: bool, state: State) -> str:
    """``text`` with each word braced that a reader's sentence case would change
    (:mod:`citekit.formats.bibtex.sentencecase`, the reverse of the reader), and words with inner
    capitals (DNA, iPhone) for other programs' title casing."""
    out = []
    math = next((m for m in _MATH.finditer(text)
                 if math_to_unicode(m.group(0)[1:-1]).startswith("$")), None)
    if math is not None:  # math kept as TeX is written as it is, and not case-protected
        before = _protect_words(text[:math.start()], ascii_only, state)
        state.feed(math.group(0))
        return before + math.group(0) + _protect_words(text[math.end():], ascii_only, state)
    for chunk in CHUNKS.findall(text):
        if chunk[0].isalnum() and (sentence_word(chunk, state) != chunk
                                   or _inner_capital(chunk)):
            out.append("{" + escape(chunk, ascii_only) + "}")
        else:
            out.append(escape(chunk, ascii_only))
        state.feed(chunk)
    return "".join(out)


def encode(text: str, *, ascii_only: bool = False, title: bool = False) -> str:
    """CSL rich text to LaTeX; ``title`` protects inner capitals outside nocase spans."""
    out: list[str] = []
    closers: list[str] = []
    nocase_depth = 0
    state = State()
    for piece in _TAG.split(text):
        if not piece:
            continue
        if _TAG.fullmatch(piece):
            if piece.startswith("</"):
                if closers:
                    closer = closers.pop()
                    nocase_depth -= closer == "nocase"
                    out.append("}")
                continue
            opener = _TAGS_OUT.get(piece, "{")
            closers.append("nocase" if piece == NOCASE_OPEN else "tag")
            nocase_depth += piece == NOCASE_OPEN
            out.append(opener)
        elif title and nocase_depth == 0:
            out.append(_protect_words(piece, ascii_only, state))
        else:
            out.append(escape(piece, ascii_only))
    out.extend("}" * len(closers))
    return "".join(out)


def balanced(text: str) -> bool:
    """True when the braces of ``text`` (ignoring ``\\{``/``\\}``) balance."""
    depth = 0
    for match in re.finditer(r"\\.|[{}]", text):
        token = match.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0
