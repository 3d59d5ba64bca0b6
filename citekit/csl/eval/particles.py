"""Format stage: name particles and suffixes parsed out of family and given names.

As citeproc-js does before rendering: leading lowercase words of the family name become the
non-dropping particle ("van der Vlist", "d'Aubignac", "al-One"), trailing lowercase words of
the given name the dropping particle ("Alexander von"), and text after a comma in the given
name the suffix ("John, Jr."). A family name in double quotes is taken as is.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ...model import Name

_GIVEN = re.compile(r"^([^ ]+(?:\u02bb |\u2019 | |' ) *)(.+)$")
_FAMILY = re.compile(r"^([^ ]+(?:-|\u02bb|\u2019| |') *)(.+)$")
_LEAD = re.compile(r"^[-'\u02bb\u2019\s]*(.)", re.S)


def _is_particle(text: str) -> bool:
    m = _LEAD.match(text)
    return m is not None and m.group(1).upper() != m.group(1)


def _split(value: str, trailing: bool) -> tuple[str, list[str]]:
    """(remaining name, particles) for leading (family) or trailing (given) particles."""
    orig = value
    work = value[::-1] if trailing else value
    rex = _GIVEN if trailing else _FAMILY
    particles: list[str] = []
    m = rex.match(work)
    while m:
        piece = m.group(1)[::-1] if trailing else m.group(1)
        if not _is_particle(piece):
            break
        if trailing:
            particles.append(orig[-len(piece):])
            orig = orig[:-len(piece)]
        else:
            particles.append(orig[:len(piece)])
            orig = orig[len(piece):]
        work = m.group(2)
        m = rex.match(work)
    if trailing:
        rest = work[::-1]
        particles.reverse()
        for i in range(1, len(particles)):
            if particles[i].startswith(" "):
                particles[i - 1] += " "
        particles = [p[1:] if p.startswith(" ") else p for p in particles]
        return orig[:len(rest)], particles
    return orig[len(orig) - len(work):], particles


def _trim_last(text: str) -> str:
    last = text[-1:]
    text = text.strip()
    if last == " " and text[-1:] in ("'", "\u2019"):
        text += " "
    return text


def _suffix(name: Name) -> Name:
    if name.suffix or not name.given:
        return name
    m = re.search(r"(\s*,!*\s*)", name.given)
    if not m:
        return name
    rest = name.given[m.end():]
    comma = re.sub(r"\s*", "", m.group(1))
    given = name.given[:m.start()]
    if rest.replace(".", "") == "et al" and not name.dropping_particle:
        return replace(name, given=given, dropping_particle=rest)
    return replace(name, given=given, suffix=rest, comma_suffix=len(comma) == 2)


def parse_particles(name: Name) -> Name:
    """The name with particles (and a comma suffix) split out of its family and given.

    Names are immutable, so the result is cached per name (names with extra fields, which
    do not take part in equality, are parsed each time)."""
    return _parse_particles(name) if name.extra else _parse_cached(name)


@lru_cache(maxsize=65536)
def _parse_cached(name: Name) -> Name:
    return _parse_particles(name)


def _parse_particles(name: Name) -> Name:
    if name.literal is not None or not name.family or name.parse_names is False:
        return name
    family = name.family
    if len(family) > 1 and family.startswith('"') and family.endswith('"'):
        return replace(name, family=family[1:-1])
    if not name.non_dropping_particle:
        rest, found = _split(family, trailing=False)
        ndp = _trim_last("".join(found))
        if ndp and rest:
            name = replace(name, family=rest, non_dropping_particle=ndp)
    name = _suffix(name)
    if name.given and not name.dropping_particle:
        rest, found = _split(name.given, trailing=True)
        dp = "".join(found).strip()
        if dp:
            name = replace(name, given=rest.strip() or None, dropping_particle=dp)
    return name
