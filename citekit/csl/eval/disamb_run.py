"""Format stage: the cite-disambiguation run for one set of clashing items.

A port of citeproc-js's ``CSL.Disambiguation`` state machine: all items of an ambiguous set are
rendered with one shared :class:`Config` (names shown, given-name level per name, the
``disambiguate`` condition, year-suffix) that is pushed forward step by step; items whose
rendering stops clashing are registered with the best config reached so far. Modes run in the
order names/given names, ``disambiguate="true"``, year-suffix.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace


@dataclass(slots=True)
class Config:
    """Disambiguation parameters shared by a set of items (citeproc-js's AmbigConfig)."""

    names: int = 0                   # names shown in the first name list (absolute)
    givens: list[int] = field(default_factory=list)  # given-name level per name position
    disambiguate: int = 0            # level of the disambiguate condition
    year_suffix: int | None = None

    def clone(self) -> Config:
        return replace(self, givens=list(self.givens))

    def pad(self) -> None:
        while len(self.givens) < self.names:
            self.givens.append(0)


_MAX_STEPS = 2000


class Run:
    """Disambiguate one set of clashing item ids; results land in ``registered``."""

    def __init__(self, ids: list[str], key: Callable[[str, Config], str],
                 base: Config, names_max: int | None, modes: list[str],
                 givens_max: int | None, add_names: bool,
                 bib_rank: Callable[[str], int],
                 counters: Callable[[], tuple[int, int]] = lambda: (0, 0)) -> None:
        self.key = key
        self.counters = counters  # disambiguate tests (true, evaluated) of the last render
        self.base = base
        self.base.pad()
        self.better = base.clone()
        self.names_max = names_max
        self.modes = modes
        self.givens_max = givens_max
        self.add_names = add_names
        self.bib_rank = bib_rank
        self.lists: list[tuple[Config, list[str]]] = [(self.base, list(ids))]
        self.registered: dict[str, Config] = {}
        self.mode_index = 0
        self.init_givens = True
        self.gname = 0
        self.clashes = [1, 0]
        self.partners: list[str] = []
        self.nonpartners: list[str] = []

    # -- driver ------------------------------------------------------------------------------
    def run(self) -> dict[str, Config]:
        steps = 0
        while self.lists:
            self.gname = 0
            self.clashes = [1, 0]
            while self.lists[0][1] and steps < _MAX_STEPS:
                steps += 1
                maxed = self.increment()
                self.scan(self.lists[0][1])
                self.eval_scan(maxed)
            self.lists = self.lists[1:]
        return self.registered

    def register(self, item_id: str, config: Config) -> None:
        self.registered[item_id] = config.clone()

    def scan(self, ids: list[str]) -> None:
        first = self.key(ids[0], self.base)
        self.partners, self.nonpartners = [ids[0]], []
        clashes = 0
        for other in ids[1:]:
            if self.key(other, self.base) == first:
                clashes += 1
                self.partners.append(other)
            else:
                self.nonpartners.append(other)
        self.clashes = [self.clashes[1], clashes]

    def eval_scan(self, maxed: bool) -> None:
        getattr(self, self.modes[self.mode_index])(maxed)
        if maxed:
            if self.mode_index < len(self.modes) - 1:
                self.mode_index += 1
            else:
                self._set_list(1, (self.base, []))

    def _set_list(self, offset: int, value: tuple[Config, list[str]]) -> None:
        if offset < len(self.lists):
            self.lists[offset] = value
        else:
            self.lists.append(value)

    # -- stepping ------------------------------------------------------------------------------
    def increment(self) -> bool:
        if self.init_givens:
            self.init_givens = False
            return False
        mode = self.modes[self.mode_index]
        if mode == "names":
            return self._increment_names()
        if mode == "extra_text":
            self.base.disambiguate += 1
            self.better.disambiguate += 1
        return False

    def _increment_names(self) -> bool:
        base = self.base
        step_names = self.givens_max is None
        if self.givens_max is not None:
            if self.gname < len(base.givens) and base.givens[self.gname] < self.givens_max:
                base.givens[self.gname] += 1
            else:
                step_names = True
        if (self.names_max is not None and step_names and self.add_names
                and self.gname < self.names_max):
                base.names += 1
                self.gname += 1
                base.pad()
        return ((not self.add_names or self.names_max is None or self.gname == self.names_max)
                and (self.givens_max is None or self.gname >= len(base.givens)
                     or base.givens[self.gname] == self.givens_max))

    def _capture(self) -> None:
        if self.givens_max is not None and self.gname < len(self.base.givens):
            while len(self.better.givens) < len(self.base.givens):
                self.better.givens.append(0)
            self.better.givens[self.gname] = self.base.givens[self.gname]
        self.better.names = self.base.names

    # -- modes -----------------------------------------------------------------------------------
    def names(self, maxed: bool) -> None:
        if self.clashes[1] == 0 and len(self.nonpartners) == 1:
            self._capture()
            self.register(self.nonpartners[0], self.better)
            self.register(self.partners[0], self.better)
            self.lists[0] = (self.better, [])
        elif self.clashes[1] == 0:
            self._capture()
            self.register(self.partners[0], self.better)
            self.lists[0] = (self.better, self.nonpartners)
            if self.nonpartners:
                self.init_givens = True
        elif len(self.nonpartners) == 1:
            self._capture()
            self.register(self.nonpartners[0], self.better)
            self.lists[0] = (self.better, self.partners)
        elif self.clashes[1] < self.clashes[0]:
            self._capture()
            self.lists[0] = (self.better, self.partners)
            self.lists.append((self.better, self.nonpartners))
        elif maxed:
            self.lists[0] = (self.better, self.nonpartners)
            self.lists.append((self.better, self.partners))
            if self.mode_index == len(self.modes) - 1:
                for item_id in self.partners:
                    self.register(item_id, self.better)
                self.lists[0] = (self.better, [])

    def extra_text(self, maxed: bool) -> None:
        done = self.clashes[1] == 0 and len(self.nonpartners) < 2
        count, most = self.counters()
        if not done and (not self.base.disambiguate or count != most):
            self.mode_index = 0
            self.base.disambiguate = self.better.disambiguate = count
            if not count:
                self.init_givens = True
                self.base.disambiguate = 1
            else:
                self.names(False)
            return
        base, ids = self.lists[0]
        if done or self.mode_index == len(self.modes) - 1:
            for item_id in ids:
                self.register(item_id, base)
            self.lists[0] = (self.better, [])
        else:
            self.mode_index = len(self.modes) - 1
            base.disambiguate = 1
            for item_id in ids:
                self.register(item_id, base)

    def years(self, maxed: bool) -> None:
        base, ids = self.lists[0]
        tokens = sorted(ids, key=self.bib_rank) if self.clashes[1] else []
        for pos, item_id in enumerate(tokens):
            config = base.clone()
            config.year_suffix = pos
            self.register(item_id, config)
        self.lists[0] = (self.better, [])
