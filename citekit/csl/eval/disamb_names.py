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

if TYPE_CHECKING:  # pragma: no cover
    from ..processor import Processor

Person = tuple
_ALL = 10_000  # show every name while collecting them


def _person(name: Name) -> Person:
    given = re.sub(r"[\s.]+", "", name.given or "")  # "J. J." and "J.J." are one person
    return (name.family, given, name.non_dropping_particle, name.dropping_particle,
            name.suffix, name.literal)


def _names_in(tree: Span | None) -> list[tuple[int, Person, str]]:
    if tree is None:
        return []
    out = []
    for span in tree.walk():
        if span.tag == "name" and isinstance(span.data, tuple):
            index, name = span.data
            out.append((index, _person(name), span.plain()))
    return out


def global_name_levels(proc: Processor, ids: list[str], rule: str,
                       tree_of: Callable[[str], Span | None]) -> dict[str, dict[int, int]]:
    """Per item: the given-name level of each name position."""
    forms: dict[Person, list[str]] = {}
    uses: dict[str, list[tuple[int, Person]]] = {}
    primary = rule.startswith("primary-name")
    for level in (0, 1, 2):
        for item_id in ids:
            proc.disamb[item_id] = Disamb(add_names=_ALL, givenname_level=level)
            for index, person, text in _names_in(tree_of(item_id)):
                if primary and index > 0:
                    continue
                slot = forms.setdefault(person, ["", "", ""])
                if not slot[level]:
                    slot[level] = text
                if level == 0:
                    uses.setdefault(item_id, []).append((index, person))
    for item_id in ids:
        proc.disamb[item_id] = Disamb()
    by_form: dict[str, list[Person]] = {}
    for person, texts in forms.items():
        by_form.setdefault(texts[0], []).append(person)
    initials_only = rule.endswith("with-initials")
    chosen: dict[Person, int] = {}
    for person, texts in forms.items():
        others = [p for p in by_form[texts[0]] if p != person]
        chosen[person] = _level(person, others, forms, initials_only) if others else 0
    result: dict[str, dict[int, int]] = {}
    for item_id, occurrences in uses.items():
        for index, person in occurrences:
            if chosen[person]:
                levels = result.setdefault(item_id, {})
                levels[index] = max(levels.get(index, 0), chosen[person])
    return result


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
