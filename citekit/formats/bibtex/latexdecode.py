"""Recover stage: LaTeX field text to Unicode and CSL rich text.

A small, fast tokenizer (pylatexenc is ~1 ms a field; this is ~20 µs) that decodes accents and
symbol commands, turns ``\\emph``/``\\textbf``/... into CSL rich-text tags, keeps case-protecting
braces as ``<span class="nocase">`` (title fields only), reads ``'`` and `` ` `` as the
typographic quotes LaTeX prints, drops a ``%`` comment that runs to the end of a line, and turns
math ``$...$`` into Unicode where every part of it maps (Greek letters, symbols, ``_``/``^`` as
sub/superscripts, ``\\mathrm`` and friends); other math is kept verbatim.
Unknown commands keep their argument text; nothing raises.
"""
from __future__ import annotations

import re
import unicodedata

from .biblatexkeys import resolve_key

NOCASE_OPEN = '<span class="nocase">'
NOCASE_CLOSE = "</span>"

#: accent command -> combining character
ACCENTS: dict[str, str] = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
    ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "d": "\u0323",
    "b": "\u0331", "k": "\u0328", "r": "\u030a", "t": "\u0361",
}

#: argument-less command -> text
SYMBOLS: dict[str, str] = {
    "i": "ı", "j": "ȷ", "l": "ł", "L": "Ł", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ",
    "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å", "ss": "ß", "SS": "SS", "dh": "ð", "DH": "Ð",
    "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ", "&": "&", "%": "%", "$": "$", "#": "#",
    "_": "_", "{": "{", "}": "}", " ": " ", ",": "\u2009", ";": "\u2005", "-": "", "@": "",
    "/": "", "\\": "\n", "textendash": "–", "textemdash": "—", "dots": "…", "ldots": "…",
    "textellipsis": "…", "TeX": "TeX", "LaTeX": "LaTeX", "BibTeX": "BibTeX", "XeTeX": "XeTeX",
    "LuaTeX": "LuaTeX", "copyright": "©", "textcopyright": "©", "pounds": "£",
    "textsterling": "£", "euro": "€", "texteuro": "€", "S": "§", "P": "¶", "dag": "†",
    "ddag": "‡", "textregistered": "®", "texttrademark": "™", "guillemotleft": "«",
    "guillemotright": "»", "guillemetleft": "«", "guillemetright": "»", "textquoteleft": "‘",
    "textquoteright": "’", "textquotedblleft": "“", "textquotedblright": "”",
    "textquotesingle": "'", "textasciigrave": "`", "textquotedbl": '"', "slash": "/",
    "hyphen": "-", "textbackslash": "\\", "textasciitilde": "~", "textasciicircum": "^",
    "textbar": "|", "textless": "<", "textgreater": ">", "textdegree": "°", "textperiodcentered":
    "·", "textbullet": "•", "textsection": "§", "textparagraph": "¶", "protect": "",
    "relax": "", "noindent": "", "nobreakspace": "\u00a0", "space": " ", "quad": "\u2003",
    "qquad": "\u2003\u2003", "textunderscore": "_", "textdollar": "$", "textexclamdown": "¡",
    "textquestiondown": "¿", "i{}": "ı",
}

#: one-argument command -> (open tag, close tag) in CSL rich text
WRAPPERS: dict[str, tuple[str, str]] = {
    "emph": ("<i>", "</i>"), "textit": ("<i>", "</i>"), "textsl": ("<i>", "</i>"),
    "mkbibemph": ("<i>", "</i>"), "mkbibitalic": ("<i>", "</i>"),
    "textbf": ("<b>", "</b>"), "mkbibbold": ("<b>", "</b>"),
    "textsc": ('<span style="font-variant:small-caps;">', "</span>"),
    "textsuperscript": ("<sup>", "</sup>"), "mkbibsuperscript": ("<sup>", "</sup>"),
    "textsubscript": ("<sub>", "</sub>"), "mkbibsubscript": ("<sub>", "</sub>"),
    "NoCaseChange": (NOCASE_OPEN, NOCASE_CLOSE), "nocase": (NOCASE_OPEN, NOCASE_CLOSE),
    "mkbibparens": ("(", ")"), "mkbibbrackets": ("[", "]"),
}
#: old-style font switches, in force to the end of their group: {\it ...}, {\bfseries ...}
SWITCHES: dict[str, tuple[str, str]] = {
    "it": ("<i>", "</i>"), "itshape": ("<i>", "</i>"), "em": ("<i>", "</i>"),
    "sl": ("<i>", "</i>"), "slshape": ("<i>", "</i>"), "bf": ("<b>", "</b>"),
    "bfseries": ("<b>", "</b>"), "sc": WRAPPERS["textsc"], "scshape": WRAPPERS["textsc"],
    "rm": ("", ""), "tt": ("", ""), "sf": ("", ""), "upshape": ("", ""), "normalfont": ("", ""),
}
#: quoting commands -> their marks (the quoted words keep their case in a title)
QUOTES: dict[str, tuple[str, str]] = {"mkbibquote": ("“", "”"), "enquote": ("“", "”"),
                                      "textquote": ("“", "”")}
#: commands whose argument is not text to print (counters, labels, index entries)
DROPPED = frozenset({"arabic", "roman", "Roman", "alph", "Alph", "label", "index", "ref",
                     "pageref", "hspace", "vspace", "nocite", "glossary"})

#: commands whose (last) argument is kept as plain text: \url{x}, \href{u}{x}, \texttt{x} ...
TRANSPARENT = frozenset("""
texttt textrm textsf textnormal textup textmd mbox hbox text url path autocap MakeUppercase
MakeLowercase uppercase lowercase ensuremath
""".split())
TWO_ARGS = frozenset({"href"})

_TOKEN = re.compile(r"""
    \\(?:(?P<cmd>[A-Za-z]+)\s*|(?P<sym>.))   # a command: letters, or one non-letter
  | (?P<open>\{) | (?P<close>\})
  | (?P<math>\$[^$]+\$)
  | (?P<dash>---?)
  | (?P<quote>``|''|'|`)
  | (?P<tie>~)
  | (?P<comment>%[^\n]*\n[ \t]*)
""", re.X | re.S)
_PLAIN = re.compile(r"[^\\{}$~`'%-]+")
_BLANKS = re.compile(r"[ \t\r\n]+")


_SPECIAL_CHARS = re.compile(r"[\\{}$~`'%]")
_BEYOND_QUOTE_CHARS = re.compile(r"[\\{}$~%]")


def _special(text: str) -> bool:
    """Whether ``text`` has anything LaTeX to decode (``\\ { } $ ~ ` ' %`` or ``--``); a
    character class and substring tests, quicker than one pattern with alternatives."""
    return "--" in text or _SPECIAL_CHARS.search(text) is not None


def _beyond_quotes(text: str) -> bool:
    """:func:`_special` but for single quotes (apostrophes, read by a table)."""
    return ("--" in text or "``" in text or "''" in text
            or _BEYOND_QUOTE_CHARS.search(text) is not None)


_QUOTE_TABLE = str.maketrans({"'": "’", "`": "‘"})


_QUOTES = {"``": "“", "''": "”", "'": "’", "`": "‘"}
_SPACING_ACCENTS = {"~": "~", "^": "^", "'": "´", "`": "`", '"': "¨", "=": "¯", ".": "˙",
                    "u": "˘", "v": "ˇ", "H": "˝", "c": "¸", "k": "˛", "r": "˚"}

#: math-mode commands that are one character
MATH_SYMBOLS: dict[str, str] = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ",
    "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "ϕ",
    "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ",
    "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ",
    "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "pm": "±", "mp": "∓", "times": "×", "div": "÷",
    "cdot": "·", "ast": "∗", "star": "⋆", "circ": "∘", "bullet": "•", "leq": "≤", "le": "≤",
    "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈", "sim": "∼", "simeq": "≃",
    "equiv": "≡", "propto": "∝", "ll": "≪", "gg": "≫", "infty": "∞", "partial": "∂",
    "nabla": "∇", "sum": "∑", "prod": "∏", "int": "∫", "oint": "∮", "sqrt": "√",
    "rightarrow": "→", "to": "→", "leftarrow": "←", "gets": "←", "leftrightarrow": "↔",
    "Rightarrow": "⇒", "Leftarrow": "⇐", "Leftrightarrow": "⇔", "mapsto": "↦",
    "uparrow": "↑", "downarrow": "↓", "in": "∈", "notin": "∉", "ni": "∋", "subset": "⊂",
    "supset": "⊃", "subseteq": "⊆", "supseteq": "⊇", "cup": "∪", "cap": "∩",
    "emptyset": "∅", "varnothing": "∅", "forall": "∀", "exists": "∃", "neg": "¬",
    "wedge": "∧", "vee": "∨", "oplus": "⊕", "otimes": "⊗", "perp": "⊥", "parallel": "∥",
    "angle": "∠", "ell": "ℓ", "hbar": "ℏ", "Re": "ℜ", "Im": "ℑ", "aleph": "ℵ",
    "prime": "′", "dagger": "†", "ddagger": "‡", "ldots": "…", "cdots": "⋯", "dots": "…",
    "degree": "°", "AA": "Å", "langle": "⟨", "rangle": "⟩", "mid": "∣", "vert": "|",
    "colon": ":", "lbrace": "{", "rbrace": "}", "quad": "\u2003", "qquad": "\u2003\u2003",
    ",": "\u2009", ";": "\u2005", ":": "\u2005", "!": "", " ": " ", "{": "{", "}": "}",
    "%": "%", "$": "$", "&": "&", "#": "#", "_": "_", "backslash": "\\",
}
#: math-mode commands whose argument is text in a style
MATH_STYLES: dict[str, tuple[str, str]] = {
    "mathrm": ("", ""), "text": ("", ""), "textrm": ("", ""), "mathup": ("", ""),
    "operatorname": ("", ""), "mbox": ("", ""), "mathbf": ("<b>", "</b>"),
    "textbf": ("<b>", "</b>"), "boldsymbol": ("<b>", "</b>"), "bm": ("<b>", "</b>"),
    "mathit": ("<i>", "</i>"), "textit": ("<i>", "</i>"), "mathsf": ("", ""),
    "mathtt": ("", ""), "emph": ("<i>", "</i>"),
}
_MATH_TOKEN = re.compile(r"\\([A-Za-z]+|.)\s*|([_^])|(\{)|(\})|(\s+)|([^\\_^{}\s])", re.S)


class _Unmapped(Exception):
    """Math that has no Unicode form here."""


class _Math:
    """``$...$`` content to Unicode rich text, or :class:`_Unmapped`."""

    def __init__(self, text: str, rich: bool) -> None:
        self.text, self.pos, self.rich = text, 0, rich

    def atom(self) -> str:
        match = _MATH_TOKEN.match(self.text, self.pos)
        if match is None:
            raise _Unmapped
        self.pos = match.end()
        cmd, script, opened, closed, blank, char = match.groups()
        if cmd is not None:
            if cmd in MATH_SYMBOLS:
                return MATH_SYMBOLS[cmd]
            if cmd in MATH_STYLES:
                pair = MATH_STYLES[cmd]
                body = self.atom()
                return pair[0] + body + pair[1] if self.rich and body else body
            raise _Unmapped
        if script is not None:
            body = self.atom()
            tag = "sub" if script == "_" else "sup"
            return f"<{tag}>{body}</{tag}>" if self.rich else body
        if opened is not None:
            return self.group()
        if closed is not None or blank is not None:
            raise _Unmapped if closed is not None else _Unmapped
        return char

    def group(self) -> str:
        parts: list[str] = []
        while self.pos < len(self.text):
            if self.text[self.pos] == "}":
                self.pos += 1
                return "".join(parts)
            parts.append(self.sequence_item())
        raise _Unmapped

    def sequence_item(self) -> str:
        if self.text[self.pos].isspace():
            self.pos += 1
            return ""  # blanks in math are not printed
        return self.atom()

    def run(self) -> str:
        parts: list[str] = []
        while self.pos < len(self.text):
            parts.append(self.sequence_item())
        return "".join(parts)


def math_to_unicode(body: str, rich: bool = True) -> str:
    """The Unicode (rich) text of math ``body``, or ``$body$`` as written when some part of it
    has no Unicode form."""
    try:
        out = _Math(body, rich).run()
    except _Unmapped:
        return "$" + body + "$"
    return out if out.strip() else "$" + body + "$"


class _Decoder:
    """One pass over a field's LaTeX source; ``rich`` adds CSL tags, ``nocase`` keeps braces."""

    def __init__(self, text: str, rich: bool, nocase: bool) -> None:
        self.text, self.pos, self.rich, self.nocase = text, 0, rich, nocase
        self.protected = 0  # depth of nocase groups we are inside

    def tag(self, pair: tuple[str, str], body: str) -> str:
        if not self.rich:
            return body
        return pair[0] + body + pair[1] if body else ""

    def argument(self) -> str:
        """The next argument: a braced group's content, or one token."""
        text = self.text
        while self.pos < len(text) and text[self.pos] in " \t\n":
            self.pos += 1
        if self.pos >= len(text):
            return ""
        if text[self.pos] == "{":
            self.pos += 1
            return self.group(depth=1, protect=False)
        if text[self.pos] == "\\":
            return self.token()
        self.pos += 1
        return text[self.pos - 1]

    def command(self, name: str) -> str:
        if name in ACCENTS:
            base = self.argument()
            if not base:  # \~{} and \^{}: the mark itself, as LaTeX prints it
                return _SPACING_ACCENTS.get(name) or unicodedata.normalize("NFC", ACCENTS[name])
            if base in ("ı", "ȷ") and name != "c":  # \'{\i} is í
                base = {"ı": "i", "ȷ": "j"}[base]
            return unicodedata.normalize("NFC", base[0] + ACCENTS[name] + base[1:])
        if name in SYMBOLS:
            if name.isalpha() and self.text.startswith("{}", self.pos):
                self.pos += 2
            return SYMBOLS[name]
        if name.isalpha() and self.text.startswith("*", self.pos):
            self.pos += 1  # \enquote*{...}: the starred form reads the same here
        if name in QUOTES:
            body = self.argument()
            if self.nocase and self.protected == 0 and body.strip():
                body = NOCASE_OPEN + body + NOCASE_CLOSE  # a quoted title keeps its case
            return QUOTES[name][0] + body + QUOTES[name][1]
        if name in WRAPPERS:
            return self.tag(WRAPPERS[name], self.argument())
        if name in SWITCHES:  # {\it text}: the rest of the group
            return self.tag(SWITCHES[name], self.rest_of_group())
        if name in DROPPED:
            self.argument()
            return ""
        if name in ("bibstring", "bibxstring", "biblstring", "bibsstring"):
            return resolve_key(strip_braces(self.argument()))
        if name in TWO_ARGS:
            self.argument()
            return self.argument()
        if name in TRANSPARENT or self.pos < len(self.text) and self.text[self.pos] == "{":
            return self.argument()
        return "\\" + name

    def token(self) -> str:
        match = _PLAIN.match(self.text, self.pos) or _TOKEN.match(self.text, self.pos)
        if match is None:  # a lone special character with no meaning of its own
            self.pos += 1
            return self.text[self.pos - 1]
        if match.lastgroup is None:
            self.pos = match.end()
            return match.group(0)
        self.pos = match.end()
        kind = match.lastgroup
        if kind in ("cmd", "sym"):
            return self.command(match.group(kind))
        if kind == "open":
            return self.group(depth=1, protect=True)
        if kind == "close":
            return ""  # unbalanced: drop it
        if kind == "dash":
            return "–" if len(match.group(0)) == 2 else "—"
        if kind == "quote":
            return _QUOTES[match.group(0)]
        if kind == "comment":
            return ""
        if kind == "math":
            math = math_to_unicode(match.group(0)[1:-1], self.rich)
            if self.nocase and self.protected == 0 and not math.startswith("$"):
                return NOCASE_OPEN + math + NOCASE_CLOSE  # no case change inside math
            return math
        return "\u00a0"

    def rest_of_group(self) -> str:
        """The tokens up to (not including) the ``}`` that closes the current group."""
        parts: list[str] = []
        while self.pos < len(self.text) and self.text[self.pos] != "}":
            parts.append(self.token())
        return "".join(parts)

    def group(self, depth: int, protect: bool) -> str:
        """Read to the matching ``}``; a protecting group becomes a nocase span. A group
        that starts with a command (``{\\~n}``) is BibTeX's "special character", whose case
        sentence case may lower but, as pandoc protects every group, never raise: a
        lower-case one that starts a word is kept as it is."""
        special = protect and self.text.startswith("\\", self.pos)  # a group, no argument
        word_start = self.pos < 2 or not self.text[self.pos - 2].isalnum()
        protect = protect and self.nocase and not special
        self.protected += protect
        parts: list[str] = []
        while self.pos < len(self.text):
            if self.text[self.pos] == "}":
                self.pos += 1
                break
            parts.append(self.token())
        self.protected -= protect
        body = "".join(parts)
        if protect and self.protected == 0 and body.strip():
            return NOCASE_OPEN + body + NOCASE_CLOSE
        if special and word_start and self.nocase and self.protected == 0 \
                and body[:1].islower():
            return NOCASE_OPEN + body + NOCASE_CLOSE
        return body

    def run(self) -> str:
        parts: list[str] = []
        while self.pos < len(self.text):
            parts.append(self.token())
        return "".join(parts)


def decode(text: str, *, rich: bool = True, nocase: bool = False) -> str:
    """LaTeX source to Unicode; ``rich`` keeps formatting tags, ``nocase`` keeps protection."""
    if not _special(text):
        return " ".join(text.split())
    if not _beyond_quotes(text):  # plain text but for single quotes (apostrophes)
        return " ".join(text.translate(_QUOTE_TABLE).split())
    if text[:1] == "{" and text[-1:] == "}" and not _beyond_quotes(text[1:-1]):
        out = text[1:-1].translate(_QUOTE_TABLE)  # one group of plain text, as the title of a
        # .bib often is
        if nocase and out.strip():
            out = NOCASE_OPEN + out + NOCASE_CLOSE
    else:
        out = _Decoder(text, rich, nocase).run()
    if "  " in out or "\n" in out or "\t" in out or "\r" in out:
        out = _BLANKS.sub(" ", out)
    return out.strip()


def strip_braces(text: str) -> str:
    """Plain Unicode text with no tags (names, keys, numbers, URLs)."""
    if not _special(text):  # (most values: no call to decode)
        return " ".join(text.split())
    return decode(text, rich=False, nocase=False)
