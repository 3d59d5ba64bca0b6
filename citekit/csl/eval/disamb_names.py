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
    """Per item: the given-name level of each name position, all ``ids`` registered.

    With ``by_cite`` (the caps of by-cite disambiguation) a name is raised to the lowest level
    at which it differs from every other person sharing its short form. Otherwise the levels
    follow citeproc-js's global name registry (see :class:`NameRegistry`).
    """
    if not by_cite:
        registry = name_registry(proc, ids, rule, tree_of)
        for item_id in ids:
            registry.add(item_id)
        return {item_id: levels for item_id in ids if (levels := registry.levels(item_id))}
    forms, uses, _keys = _collect(proc, ids, rule, tree_of, by_cite=True)
    initials_only = rule.endswith("with-initials")
    by_form: dict[str, list[Person]] = {}
    for person, texts in forms.items():
        by_form.setdefault(texts[0], []).append(person)
    chosen: dict[Person, int] = {}
    for person, texts in forms.items():
        others = [p for p in by_form[texts[0]] if p != person]
        chosen[person] = _level(person, others, forms, initials_only) if others else 0
    result: dict[str, dict[int, int]] = {}
    for item_id, occurrences in uses.items():
        for index, person in occurrences:
            if chosen.get(person):
                levels = result.setdefault(item_id, {})
                levels[index] = max(levels.get(index, 0), chosen[person])
    return result


def name_registry(proc: Processor, ids: list[str], rule: str,
                  tree_of: Callable[[str], Span | None]) -> NameRegistry:
    """An empty :class:`NameRegistry` that knows the names of ``ids``."""
    _forms, uses, keys = _collect(proc, ids, rule, tree_of, by_cite=False)
    return NameRegistry(uses, keys, rule.endswith("with-initials"))


class NameRegistry:
    """citeproc-js's global name registry (``CSL.Registry.NameReg``), filled item by item.

    A name whose family name is registered with more than one set of initials gets initials
    (level 1); under ``all-names``/``primary-name`` one whose initials are registered with
    different given names gets the full given name (level 2). As in citeproc-js, the levels
    an item's names get depend on the items registered *so far*: disambiguation runs while
    items are still being added see the registry as it is then.
    """

    def __init__(self, uses: dict[str, list[tuple[int, Person]]],
                 keys: dict[Person, tuple[str, str, str]], initials_only: bool) -> None:
        self.uses = uses
        self.keys = keys
        self.initials_only = initials_only
        self.initials: dict[str, set[str]] = {}
        self.givens: dict[tuple[str, str], set[str]] = {}

    def add(self, item_id: str) -> None:
        for _index, person in self.uses.get(item_id, ()):
            family, ikey, skey = self.keys[person]
            if family and ikey:
                self.initials.setdefault(family, set()).add(ikey)
                if skey:
                    self.givens.setdefault((family, ikey), set()).add(skey)

    def level(self, person: Person) -> int:
        family, ikey, _skey = self.keys[person]
        if not family or not ikey:
            return 0
        level = 1 if len(self.initials.get(family, ())) > 1 else 0
        if not self.initials_only and len(self.givens.get((family, ikey), ())) > 1:
            level = 2
        return level

    def levels(self, item_id: str) -> dict[int, int]:
        """The item's name positions raised by the registry as it stands."""
        out: dict[int, int] = {}
        for index, person in self.uses.get(item_id, ()):
            level = self.level(person)
            if level:
                out[index] = max(out.get(index, 0), level)
        return out


def _collect(proc: Processor, ids: list[str], rule: str,
             tree_of: Callable[[str], Span | None], by_cite: bool
             ) -> tuple[dict[Person, list[str]], dict[str, list[tuple[int, Person]]],
                        dict[Person, tuple[str, str, str]]]:
    """The names of ``ids``: each person's rendered forms at given-name levels 0-2 (only
    where needed), the name positions per item, and each person's registry keys."""
    forms: dict[Person, list[str]] = {}
    uses: dict[str, list[tuple[int, Person]]] = {}
    keys: dict[Person, tuple[str, str, str]] = {}
    primary = rule.startswith("primary-name")
    for level in (0, 1, 2) if by_cite else (0,):
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
    return forms, uses, keys


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
