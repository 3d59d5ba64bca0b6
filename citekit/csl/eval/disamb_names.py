"""Format stage: global given-name disambiguation (``givenname-disambiguation-rule`` other
than ``by-cite``): citeproc-js's name registry.

Each item's names are read once from its tree (all names shown) and keyed as citeproc-js keys
them (family name, initials, given name). :class:`NameRegistry` is filled item by item as
items are registered; a name's level (1 initials, 2 full given name) follows from the
registered names that share its family name (see :class:`NameRegistry`). ``*-with-initials``
rules stop at initials, ``primary-name*`` rules only register the first name of each list.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ...model import Item, Name
from ..output.tree import NameData, NameListData, Span, Tag
from ..parallel import parallel_iter
from .context import Disamb
from .disamb_inputs import DisambInputs
from .initials import initialize
from .particles import parse_particles

# an item's cite rendered under the given disambiguation settings
TreeOf = Callable[[str, Disamb], Span | None]

Person = tuple
_ALL = 10_000  # show every name while collecting them


def _person(name: Name) -> Person:
    given = re.sub(r"[\s.]+", "", name.given or "")  # "J. J." and "J.J." are one person
    return (name.family, given, name.non_dropping_particle, name.dropping_particle,
            name.suffix, name.literal)


def name_data(trees: list[Span]) -> tuple[NameData, ...]:
    """The data of the name spans of ``trees``, in order: all that :func:`read_names` reads
    of the sort keys' trees (as ``NAME`` spans), kept for every item of a bibliography at a
    fraction of their size."""
    return tuple(span.data for tree in trees for span in tree.walk()
                 if span.tag is Tag.NAME and isinstance(span.data, NameData))


def _names_in(tree: Span | None) -> list[tuple[int, Person, Name]]:
    if tree is None:
        return []
    out = []
    for span in tree.walk():
        if span.tag is Tag.NAME and isinstance(span.data, NameData):
            out.append((span.data.index, _person(span.data.name), span.data.name))
    return out


def name_registry(inputs: DisambInputs, ids: list[str], rule: str,
                  tree_of: TreeOf) -> NameRegistry:
    """An empty :class:`NameRegistry` that knows the names of ``ids`` (read in worker
    processes for a large set: items are independent)."""
    def read(item_id: str) -> Reading:
        return read_names(inputs, item_id, rule, all_names_tree(item_id, tree_of))

    return registry_of(ids, parallel_iter(read, ids, inputs.jobs), rule)


class NameRegistry:
    """citeproc-js's global name registry (``CSL.Registry.NameReg``), filled item by item.

    A name whose family name is registered with more than one set of initials gets initials
    (level 1); under ``all-names``/``primary-name`` one whose initials are registered with
    different given names gets the full given name (level 2). As in citeproc-js, the levels
    an item's names get depend on the items registered *so far*: disambiguation runs while
    items are still being added see the registry as it is then.
    """

    def __init__(self, initials_only: bool) -> None:
        # the names of each item's cite, by position, and the other names registered with
        # it (items without any are left out); a person equal to one known already is
        # kept as that one (a large bibliography names the same people again and again)
        self.uses: dict[str, tuple[tuple[int, Person], ...]] = {}
        self.extra: dict[str, tuple[Person, ...]] = {}
        self.keys: dict[Person, tuple[str, str, str]] = {}
        self._persons: dict[Person, Person] = {}
        # equal tuples of names as one (many items have the same author, or the same names)
        self._shared: dict[tuple, tuple] = {}
        self.initials_only = initials_only
        self.initials: dict[str, set[str]] = {}
        self.givens: dict[tuple[str, str], set[str]] = {}

    def learn(self, item_id: str, reading: Reading) -> None:
        """Know the names :func:`read_names` found in an item (registered by :meth:`add`)."""
        cite, others, found = reading
        for person, reg in found.items():
            self.keys.setdefault(person, reg)
        persons, shared = self._persons, self._shared
        if cite:
            uses = tuple((index, persons.setdefault(person, person)) for index, person in cite)
            uses = tuple(shared.setdefault(use, use) for use in uses)
            self.uses[item_id] = shared.setdefault(uses, uses)
        if others:
            extra = tuple(persons.setdefault(person, person) for person in others)
            self.extra[item_id] = shared.setdefault(extra, extra)

    def add(self, item_id: str) -> None:
        persons = [person for _index, person in self.uses.get(item_id, ())]
        for person in (*persons, *self.extra.get(item_id, ())):
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


Reading = tuple[list[tuple[int, "Person"]], list["Person"], dict["Person", tuple[str, str, str]]]


def read_names(inputs: DisambInputs, item_id: str, rule: str,
               cite_tree: Span | None) -> Reading:
    """What one item registers: the name positions of its cite (``cite_tree``: rendered with
    all names shown), the other names it renders, and each person's registry keys.

    citeproc-js registers every name it renders: those of the item's cite and those its
    bibliography sort keys render (computed as the item is registered; e.g. a chapter's editor
    in a "source" macro). ``primary-name*`` rules register only the first name of each list.
    """
    primary = rule.startswith("primary-name")
    found_keys: dict[Person, tuple[str, str, str]] = {}

    def names(tree: Span | None) -> list[tuple[int, Person]]:
        found = []
        for index, person, name in _names_in(tree):
            if not (primary and index > 0):
                found.append((index, person))
                if person not in found_keys:
                    found_keys[person] = _reg_keys(name, inputs.style.options)
        return found

    cite = names(cite_tree)
    others = [person for tree in _sort_key_trees(inputs, item_id)
              for _index, person in names(tree)]
    return cite, others, found_keys


_Registered = dict[tuple[str, str], set[str]]


def _register(registered: _Registered, name: Name, options: dict[str, str]
              ) -> tuple[str, str] | None:
    """Register a personal name with its item (family name, initials: given names seen)."""
    if name.literal is not None or not name.family or not name.given:
        return None
    family, ikey, skey = _reg_keys(name, options)
    if not family or not ikey:
        return None
    registered.setdefault((family, ikey), set()).add(skey)
    return family, ikey


def _lists(tree: Span | None, item: Item) -> list[tuple[str, list[Name], set[int]]]:
    """The name lists of a tree: variable, the item's names, the positions rendered."""
    out: list[tuple[str, list[Name], set[int]]] = []
    for span in tree.walk() if tree is not None else ():
        if span.tag is Tag.NAME_LIST and isinstance(span.data, NameListData):
            names = item.get(span.data.variable)
            shown = {s.data.index for s in span.walk()
                     if s.tag is Tag.NAME and isinstance(s.data, NameData)}
            if isinstance(names, list):
                out.append((span.data.variable, names, shown))
    return out


def _cite_registered(cite: Span | None, item: Item, options: dict[str, str]) -> _Registered:
    registered: _Registered = {}
    for _variable, names, _shown in _lists(cite, item):
        for name in names:
            _register(registered, name, options)
    return registered


def same_initials(entry: Span | None, cite: Span | None, item: Item,
                  options: dict[str, str]) -> frozenset[tuple[str, int]]:
    """The names of a bibliography ``entry`` (variable, position) that show their full given
    name under ``givenname-disambiguation-rule="by-cite"``.

    There citeproc-js's name registry is keyed by item. Every name list a render processes
    registers all its names (those past et-al too) one by one, the item's ``cite`` first; a
    name rendered with initials whose family name and initials the item has registered with
    another given name *so far* shows its full given name (``Brown, Emily … Brown, Edward``
    for two "E." Browns of one list; an author rendered before a translator who shares the
    initials keeps them).
    """
    registered = _cite_registered(cite, item, options)
    full: set[tuple[str, int]] = set()
    for variable, names, shown in _lists(entry, item):
        for index, name in enumerate(names):
            key = _register(registered, name, options)
            if key is not None and index in shown and len(registered[key]) > 1:
                full.add((variable, index))
    return frozenset(full)


def sort_key_givens(keys: list[Span], cite: Span | None, item: Item,
                    options: dict[str, str]) -> frozenset[tuple[str, int]]:
    """The names of an item's bibliography sort ``keys`` (their rendered spans) that sort
    with their full given name under ``givenname-disambiguation-rule="by-cite"``.

    A name is registered as in :func:`same_initials`, the cite first. A sort key starts
    from empty disambiguation settings, and citeproc-js appends each personal name's level
    to its list's levels only where that list has no level at the name's position yet,
    skipping literal names: after a literal name the levels shift, and a name reads the
    level of the name that was appended at its position (``Brown, Emily … Brown, E.``
    where a literal name comes between the two "E." Browns).
    """
    registered = _cite_registered(cite, item, options)

    def full_at(index: int, name: Name) -> bool:
        key = _register(registered, name, options)
        return key is not None and len(registered[key]) > 1

    return _shifted_full(keys, item, full_at)


def registry_sort_givens(keys: list[Span], item: Item, registry: NameRegistry,
                         primary: bool) -> frozenset[tuple[str, int]]:
    """The names of an item's bibliography sort ``keys`` (their rendered spans) that sort with
    their full given name under a global given-name rule: those whose family name and
    initials the ``registry`` holds with different given names (only each list's first name
    under ``primary-name``), with the levels of a list shifted after literal names as in
    :func:`sort_key_givens`."""
    def full_at(index: int, name: Name) -> bool:
        person = _person(name)
        return ((not primary or index == 0) and person in registry.keys
                and registry.level(person) == 2)

    return _shifted_full(keys, item, full_at)


def _shifted_full(keys: list[Span], item: Item,
                  full_at: Callable[[int, Name], bool]) -> frozenset[tuple[str, int]]:
    """The (variable, position) of the names of sort ``keys`` shown with their full given
    name: ``full_at`` is asked about each personal name of a list in turn (literal names
    skipped), and its answers are read by position, so after a literal name they shift,
    as citeproc-js's level lists do."""
    full: set[tuple[str, int]] = set()
    for tree in keys:
        for variable, names, shown in _lists(tree, item):
            levels = [full_at(index, name) for index, name in enumerate(names)
                      if name.literal is None and (name.family or name.given)]
            full.update((variable, i) for i in shown if i < len(levels) and levels[i])
    return frozenset(full)


def may_share_initials(item: Item, options: dict[str, str]) -> bool:
    """Whether two of the item's names (in any name variable) have one family name and one
    set of initials but different given names: only then can :func:`same_initials` find any
    name, so without such a pair the item's cite need not be rendered to look."""
    seen: dict[tuple[str, str], str] = {}
    for variable in item:
        value = item.get(variable)
        if not isinstance(value, list):
            continue
        for name in value:
            if not isinstance(name, Name):
                return True  # not a name list as the registry knows one: look the long way
            if name.literal is not None or not name.family or not name.given:
                continue
            family, ikey, skey = _reg_keys(name, options)
            if family and ikey and seen.setdefault((family, ikey), skey) != skey:
                return True
    return False


def all_names_tree(item_id: str, tree_of: TreeOf) -> Span | None:
    """The item's cite with every name shown (no et-al)."""
    return tree_of(item_id, Disamb(add_names=_ALL))


def registry_of(ids: list[str], readings: Iterable[Reading], rule: str) -> NameRegistry:
    """An empty :class:`NameRegistry` that knows the names ``readings`` found in ``ids``."""
    registry = NameRegistry(rule.endswith("with-initials"))
    for item_id, reading in zip(ids, readings, strict=True):
        registry.learn(item_id, reading)
    return registry


def _sort_key_trees(inputs: DisambInputs, item_id: str) -> list[Span]:
    section = inputs.style.bibliography
    if section is None or not section.sort:
        return []
    keys = [key for key in section.sort if key.key_renders_names]
    if not keys:
        return []
    return inputs.sort_key_spans(item_id, keys)


def _strip_periods(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").replace(".", " ")).rstrip()


def _reg_keys(name: Name, options: dict[str, str]) -> tuple[str, str, str]:
    """citeproc-js's registry keys of a name: family, initials of the given name, given."""
    parsed = parse_particles(name)
    family = _strip_periods(parsed.family)
    if options.get("demote-non-dropping-particle") == "never" \
            and parsed.non_dropping_particle and parsed.family:
        family = f"{family} {parsed.non_dropping_particle}"
    given = _strip_periods(parsed.given)
    m = re.search(r"[,!]* ([^,]+)$", given)
    if m and m.group(1) == m.group(1).lower():  # a lowercase suffix ("et al.") is dropped
        given = given[:m.start()]
    return family, initialize(given, "%s") if given else "", given
