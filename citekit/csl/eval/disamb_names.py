"""Format stage: global given-name disambiguation (``givenname-disambiguation-rule`` other
than ``by-cite``).

Each person's rendered name is read from the item trees at given-name levels 0 (as styled),
1 (initials) and 2 (full given name). A name whose level-0 form is shared with another person
is raised to the lowest level at which it differs from all of them; names that cannot be told
apart stay as they are. ``*-with-initials`` rules stop at initials, ``primary-name*`` rules
only expand the first name of each cite.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

from ...model import Name
from ..output.tree import Span
from .context import Disamb
from .initials import initialize
from .particles import parse_particles

if TYPE_CHECKING:  # pragma: no cover
    from ..processor import Processor

Person = tuple
_ALL = 10_000  # show every name while collecting them


def _person(name: Name) -> Person:
    given = re.sub(r"[\s.]+", "", name.given or "")  # "J. J." and "J.J." are one person
    return (name.family, given, name.non_dropping_particle, name.dropping_particle,
            name.suffix, name.literal)


def _names_in(tree: Span | None) -> list[tuple[int, Person, str, Name]]:
    if tree is None:
        return []
    out = []
    for span in tree.walk():
        if span.tag == "name" and isinstance(span.data, tuple):
            index, name = span.data
            out.append((index, _person(name), span.plain(), name))
    return out


def global_name_levels(proc: Processor, ids: list[str], rule: str,
                       tree_of: Callable[[str], Span | None],
                       by_cite: bool = False) -> dict[str, dict[int, int]]:
    """Per item: the given-name level of each name position.

    With ``by_cite`` (the caps of by-cite disambiguation) a name is raised to the lowest level
    at which it differs from every other person sharing its short form. Otherwise the levels
    follow citeproc-js's global name registry: a name whose family name is used with more
    than one set of initials gets initials (level 1); under ``all-names``/``primary-name`` one
    whose initials are shared by different given names gets the full given name (level 2).
    """
    forms: dict[Person, list[str]] = {}
    uses: dict[str, list[tuple[int, Person]]] = {}
    keys: dict[Person, tuple[str, str, str]] = {}
    primary = rule.startswith("primary-name")
    for level in (0, 1, 2):
        for item_id in (ids if level == 0 else _sharing(uses, keys, forms, by_cite)):
            proc.disamb[item_id] = Disamb(add_names=_ALL, givenname_level=level)
            for index, person, text, name in _names_in(tree_of(item_id)):
                if primary and index > 0:
                    continue
                slot = forms.setdefault(person, ["", "", ""])
                if not slot[level]:
                    slot[level] = text
                if level == 0:
                    uses.setdefault(item_id, []).append((index, person))
                    keys.setdefault(person, _reg_keys(name, proc))
    for item_id in ids:
        proc.disamb[item_id] = Disamb()
    initials_only = rule.endswith("with-initials")
    chosen: dict[Person, int] = {}
    if by_cite:
        by_form: dict[str, list[Person]] = {}
        for person, texts in forms.items():
            by_form.setdefault(texts[0], []).append(person)
        for person, texts in forms.items():
            others = [p for p in by_form[texts[0]] if p != person]
            chosen[person] = _level(person, others, forms, initials_only) if others else 0
    else:
        chosen = _registry_levels(keys, forms, initials_only)
    result: dict[str, dict[int, int]] = {}
    for item_id, occurrences in uses.items():
        for index, person in occurrences:
            if chosen.get(person):
                levels = result.setdefault(item_id, {})
                levels[index] = max(levels.get(index, 0), chosen[person])
    return result


def _sharing(uses: dict[str, list[tuple[int, Person]]], keys: dict[Person, tuple[str, str, str]],
             forms: dict[Person, list[str]], by_cite: bool) -> list[str]:
    """The first item naming each person whose level-0 form (by-cite) or family name
    (registry) is shared with another person: only such names can need initials or full
    given names, and their forms at higher levels are read from that item."""
    counts: dict[str, int] = {}
    for person in forms:
        mark = forms[person][0] if by_cite else keys.get(person, ("",))[0]
        counts[mark] = counts.get(mark, 0) + 1
    shared = {person for person in forms
              if counts[forms[person][0] if by_cite else keys.get(person, ("",))[0]] > 1}
    # a person's form at a level is read from the first item naming them: render only those
    first_use: dict[Person, str] = {}
    for item_id, occurrences in uses.items():
        for _, person in occurrences:
            if person in shared:
                first_use.setdefault(person, item_id)
    return list(dict.fromkeys(first_use.values()))


def _strip_periods(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").replace(".", " ")).rstrip()


def _reg_keys(name: Name, proc: Processor) -> tuple[str, str, str]:
    """citeproc-js's registry keys of a name: family, initials of the given name, given."""
    parsed = parse_particles(name)
    family = _strip_periods(parsed.family)
    if proc.style.options.get("demote-non-dropping-particle") == "never" \
            and parsed.non_dropping_particle and parsed.family:
        family = f"{family} {parsed.non_dropping_particle}"
    given = _strip_periods(parsed.given)
    m = re.search(r"[,!]* ([^,]+)$", given)
    if m and m.group(1) == m.group(1).lower():  # a lowercase suffix ("et al.") is dropped
        given = given[:m.start()]
    return family, initialize(given, "%s") if given else "", given


def _registry_levels(keys: dict[Person, tuple[str, str, str]], forms: dict[Person, list[str]],
                     initials_only: bool) -> dict[Person, int]:
    initials: dict[str, set[str]] = {}
    givens: dict[tuple[str, str], set[str]] = {}
    for family, ikey, skey in keys.values():
        if family and ikey:
            initials.setdefault(family, set()).add(ikey)
            if skey:
                givens.setdefault((family, ikey), set()).add(skey)
    chosen: dict[Person, int] = {}
    for person, (family, ikey, _skey) in keys.items():
        if not family or not ikey:
            continue
        level = 1 if len(initials.get(family, ())) > 1 else 0
        if not initials_only and len(givens.get((family, ikey), ())) > 1:
            level = 2
        if initials_only and level and forms[person][1] == forms[person][2]:
            level = 0  # no initials form: initialize-with unset or initialize="false"
        chosen[person] = level
    return chosen


def _level(person: Person, others: list[Person], forms: dict[Person, list[str]],
           initials_only: bool) -> int:
    texts = forms[person]
    top = 1 if initials_only else 2
    if initials_only and texts[1] == texts[2]:
        return 0  # no initials form: initialize-with unset or initialize="false"
    for level in range(1, top + 1):
        if all(forms[o][level] != texts[level] for o in others):
            return level
    return 0
