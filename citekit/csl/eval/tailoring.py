"""Format stage helper: language tailorings of the collation citeproc-js's ICU collator uses.

citeproc-js sorts with ``localeCompare`` under the style's locale, so ICU's tailoring for that
language applies on top of the root collation (pyuca's table here): some languages put their
own script before Latin (Chinese: Han; Russian, Ukrainian, Bulgarian, Serbian, Macedonian,
Belarusian: Cyrillic; Greek: Greek), Czech and Slovak sort letters with a caron (and "ch")
after their base letter as letters of their own. Only primary weights are tailored, as the
collator compares at base strength.
"""
from __future__ import annotations

import re

# language -> (first code point, last code point) of the script it sorts before Latin
_REORDERED = {"zh": "Hani", "ru": "Cyrl", "uk": "Cyrl", "bg": "Cyrl", "sr": "Cyrl",
              "mk": "Cyrl", "be": "Cyrl", "el": "Grek"}
_SCRIPT_CHARS = {"Cyrl": (0x0400, 0x052F), "Grek": (0x0370, 0x03E1)}
HAN_LEADS = (0xFB40, 0xFBBF)  # the implicit weights' first primaries of Han ideographs

# language -> its letters sorted after a base letter (in order): letter, base
_LETTERS = {
    "cs": [("č", "c"), ("ch", "h"), ("ř", "r"), ("š", "s"), ("ž", "z")],
    "sk": [("ä", "a"), ("č", "c"), ("ch", "h"), ("ô", "o"), ("ř", "r"), ("š", "s"),
           ("ž", "z")],
}
SCALE = 4  # room between two root weights for the letters tailored after the first


def language(lang: str) -> str:
    """The tailored language of a locale tag ("" when its collation is the root's)."""
    base = lang.split("-")[0].lower()
    return base if base in _REORDERED or base in _LETTERS else ""


def letters_pattern(lang: str) -> re.Pattern[str] | None:
    """What splits a text into its tailored letters (None: the language has none)."""
    letters = _LETTERS.get(lang)
    if not letters:
        return None
    alternatives = sorted((letter for letter, _ in letters), key=len, reverse=True)
    return re.compile("(" + "|".join(alternatives) + ")", re.IGNORECASE)


def letter_offsets(lang: str) -> dict[str, tuple[str, int]]:
    """Each tailored letter (lowercase): its base letter and its rank after it (1, 2, ...)."""
    out: dict[str, tuple[str, int]] = {}
    ranks: dict[str, int] = {}
    for letter, base in _LETTERS.get(lang, ()):
        ranks[base] = ranks.get(base, 0) + 1
        out[letter] = (base, ranks[base])
    return out


def reordered_script(lang: str) -> tuple[int, int] | None:
    """The code points (first, last) of the script ``lang`` sorts before Latin; None when it
    reorders none, or reorders Han (whose weights are :data:`HAN_LEADS`)."""
    script = _REORDERED.get(lang)
    return _SCRIPT_CHARS.get(script) if script else None


def reorders_han(lang: str) -> bool:
    return _REORDERED.get(lang) == "Hani"


def reorder(weights: list[int], span: tuple[int, int], latin: int) -> list[int]:
    """Move the weights of a script (``span``: lowest, highest) before Latin (``latin``: the
    first Latin letter's weight), the weights from Latin on after it; what comes before
    Latin (spaces, punctuation, digits) stays. The weight after a Han lead is its trail."""
    low, high = span
    width = high - low + 1
    out: list[int] = []
    trail = False
    for w in weights:
        if trail:
            out.append(w + width)
            trail = False
        elif low <= w <= high:
            out.append(w - low + latin)
            trail = span == HAN_LEADS
        elif w >= latin:
            out.append(w + width)
        else:
            out.append(w)
    return out
