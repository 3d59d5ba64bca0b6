"""Normalize stage: personal and corporate names written as text, parsed into CSL names.

:func:`parse_name` reads one name ("Sheila A. Smith", "Smith, Sheila A.", "Smith, Jr., John",
"John Smith Jr.", "Ludwig van Beethoven", "van Gogh, Vincent", "Jean de La Fontaine");
organisations become ``literal``. :func:`parse_names` splits a list joined by "and", ";", "&"
or commas. :func:`format_name` writes a name back as text that parses to the same name.
Particle rules follow the CSL specification: lower-case particles written before the family
name in a "Family, Given" form are non-dropping ("van Gogh, Vincent"); particles between the
given and family names or after the given name are dropping ("Ludwig van Beethoven",
"Beethoven, Ludwig van"); a capitalised particle joins the family ("La Fontaine").
"""
from __future__ import annotations

import re

from ..errors import ParseError
from .names import Name

SUFFIXES = frozenset("jr jr. sr sr. ii iii iv vi vii viii 2nd 3rd 4th esq esq.".split())
PARTICLES = frozenset("""
van von de der den del della degli dei di da das dos du des la le lo zu zum zur ter ten te
af av d' l' al el bin ibn ben y e st. saint
""".split())
#: capitalised particles that begin a compound family name ("La Fontaine", "Da Vinci")
FAMILY_PREFIXES = frozenset("La Le Da Di De Del Della Du Des Van Von Mac Mc Ter Ten".split())
_CORPORATE = re.compile(
    r"\b(?:university|universit[äéà]|college|school|institute|institution|center|centre|"
    r"council|department|dept|office|agency|administration|bureau|commission|committee|"
    r"foundation|association|society|laboratory|laboratories|lab|labs|corporation|corp|inc|"
    r"ltd|llc|company|co|group|organization|organisation|ministry|service|services|program|"
    r"programme|project|press|command|army|navy|air force|force|academy|board|network|"
    r"team|consortium|federation|union|bank|trust|fund|forum|staff|government|nations|"
    r"division|directorate|authority|agency|studies|research|national|international)\b",
    re.IGNORECASE)
_LIST_SPLIT = re.compile(r"\s*;\s*|\s+(?:and|&)\s+|\s*&\s*", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_ATTACHED = re.compile(r"^(al-|el-|d'|d’|l'|l’|O'|O’)(\w.*)$")


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip(" ,;\t\n")


def is_suffix(word: str) -> bool:
    return word.lower() in SUFFIXES


def is_particle(word: str) -> bool:
    """A lower-case name particle ("van", "de", "d'")."""
    return word[:1].islower() and word.lower() in PARTICLES


def is_corporate(text: str) -> bool:
    """Does ``text`` name an organisation rather than a person?

    "Family, Given" is a person unless the part before the comma reads as an organisation.
    """
    text = _clean(text)
    if not text or not any(c.isalpha() for c in text):
        return True
    if "," in text:  # "Family, Given": a one-word family part is a person's (Co, Press, Bank)
        family = text.split(",", 1)[0].strip()
        count = len(family.split(" "))
        return (count > 1 and bool(_CORPORATE.search(family))) or count > 4
    words = text.split(" ")
    return (bool(_CORPORATE.search(text)) or any(c.isdigit() for c in text)
            or len(words) > 5 or len(words) == 1)


def parse_name(text: str) -> Name:
    """One name from text; raises :class:`ParseError` only when ``text`` holds no name."""
    if not isinstance(text, str):
        raise ParseError(f"a name must be text, not {type(text).__name__}")
    text = _SPACES.sub(" ", text).strip().rstrip(",").rstrip()
    if not text:
        raise ParseError("empty name")
    if text.startswith("{") and text.endswith("}") and len(text) > 2:
        return Name(literal=_clean(text[1:-1]) or text)
    if is_corporate(text):
        return Name(literal=text)
    pieces = [p.strip() for p in text.split(",") if p.strip()]
    if len(pieces) == 1:
        return _natural(pieces[0].split(" "))
    if len(pieces) == 2 and is_suffix(pieces[1]):
        name = _natural(pieces[0].split(" "))
        if name.literal is None and name.suffix is None:
            return _with(name, suffix=pieces[1], comma_suffix=True)
        return name
    if len(pieces) >= 3 and is_suffix(pieces[1]):
        return _inverted(pieces[0], ", ".join(pieces[2:]), pieces[1])
    if len(pieces) >= 3 and all(is_suffix(p) for p in pieces[2:]):
        return _inverted(pieces[0], pieces[1], ", ".join(pieces[2:]))
    return _inverted(pieces[0], ", ".join(pieces[1:]), None)


def _with(name: Name, **changes: object) -> Name:
    parts = {k: getattr(name, k) for k in ("family", "given", "dropping_particle",
                                             "non_dropping_particle", "suffix", "literal")}
    parts.update(changes)
    return Name(**parts)


def _inverted(family_part: str, given_part: str, suffix: str | None) -> Name:
    """"[particles] Family, Given [particles]" (a suffix already split off)."""
    fam_words = family_part.split(" ")
    leading = []
    while len(fam_words) > 1 and is_particle(fam_words[0]):
        leading.append(fam_words.pop(0))
    given_words = given_part.split(" ") if given_part else []
    trailing: list[str] = []
    while len(given_words) > 1 and is_particle(given_words[-1]):
        trailing.insert(0, given_words.pop())
    family = " ".join(fam_words)
    non_dropping = " ".join(leading) or None
    match = _ATTACHED.match(family)
    if non_dropping is None and match and match.group(1)[0].islower():
        non_dropping, family = match.group(1), match.group(2)
    return Name(family=family, given=" ".join(given_words) or None,
                dropping_particle=" ".join(trailing) or None,
                non_dropping_particle=non_dropping, suffix=suffix)


def _natural(words: list[str]) -> Name:
    """"Given [particles] Family [Suffix]"."""
    suffix = None
    if len(words) > 2 and is_suffix(words[-1]):
        suffix = words.pop()
    if len(words) == 1:
        return Name(family=words[0], suffix=suffix)
    cut = len(words) - 1
    if cut > 1 and words[cut - 1] in FAMILY_PREFIXES:
        cut -= 1
    start = cut
    while start > 1 and is_particle(words[start - 1]):
        start -= 1
    family = " ".join(words[cut:])
    non_dropping = None
    match = _ATTACHED.match(family)
    if match and match.group(1)[0].islower():
        non_dropping, family = match.group(1), match.group(2)
    return Name(family=family, given=" ".join(words[:start]),
                dropping_particle=" ".join(words[start:cut]) or None,
                non_dropping_particle=non_dropping, suffix=suffix)


def split_names(text: str) -> list[str]:
    """The separate names in a list joined by "and", ";", "&" or commas."""
    text = _clean(text)
    if not text:
        return []
    chunks = [_clean(c) for c in re.split(r"\s*;\s*", text)]
    out: list[str] = []
    for chunk in chunks:
        if not chunk:
            continue
        if is_corporate(chunk) and " " in chunk and "," not in chunk:
            out.append(chunk)
            continue
        for part in _LIST_SPLIT.split(chunk):
            part = re.sub(r"^(?:and|&)(?:\s+|$)", "", _clean(part), flags=re.IGNORECASE)
            out.extend(_split_commas(_clean(part)))
    return [n for n in out if n]


def _split_commas(text: str) -> list[str]:
    """"A B, C D" (natural order names) -> two names; "Smith, J., Doe, J." -> two names."""
    pieces = [_clean(p) for p in text.split(",") if _clean(p)]
    if len(pieces) < 2:
        return pieces
    body = [p for p in pieces if not is_suffix(p)]
    natural = all(len(p.split(" ")) >= 2 and not is_particle(p.split(" ")[0]) for p in body)
    if len(body) >= 2 and natural:
        names: list[str] = []
        for piece in pieces:
            if is_suffix(piece) and names:
                names[-1] += ", " + piece
            else:
                names.append(piece)
        return names
    if len(pieces) >= 4 and len(pieces) % 2 == 0 and not any(map(is_suffix, pieces)):
        return [f"{pieces[i]}, {pieces[i + 1]}" for i in range(0, len(pieces), 2)]
    return [text]


def parse_names(text: str) -> list[Name]:
    """Every name in ``text`` (an empty list for empty text); never raises."""
    if not isinstance(text, str):
        return []
    names = []
    for piece in split_names(text):
        try:
            names.append(parse_name(piece))
        except ParseError:
            continue
    return names


def format_name(name: Name, inverted: bool = False) -> str:
    """Text that :func:`parse_name` reads back as ``name``.

    ``inverted`` writes "non-dropping Family, Suffix, Given dropping" (always used for a name
    with a non-dropping particle, or one the natural order would misread); otherwise
    "Given dropping Family Suffix".
    """
    if name.literal is not None:
        return name.literal if is_corporate(name.literal) else "{" + name.literal + "}"
    family = " ".join(p for p in (name.non_dropping_particle, name.family) if p)
    family = family.replace("- ", "-").replace("' ", "'").replace("’ ", "’")
    given = " ".join(p for p in (name.given, name.dropping_particle) if p)
    parts = [family] + ([name.suffix] if name.suffix else []) + ([given] if given else [])
    inverted_text = ", ".join(parts)
    if inverted or name.non_dropping_particle:
        return inverted_text
    text = " ".join(p for p in (given, family) if p)
    if name.suffix:
        text += (", " if name.comma_suffix else " ") + name.suffix
    try:  # "Aa Da Bb" reads as family "Da Bb": write such names inverted
        return text if parse_name(text) == name else inverted_text
    except ParseError:
        return inverted_text
