"""Format stage: disambiguation of cites (add names, given names, year-suffix) from the tree.

Every cited item is rendered in its disambiguation form (citeproc-js's "ambiguous cite":
position subsequent, near-note, no locator, no formatting) and items are grouped by that text.
Global given-name disambiguation (``all-names``, ``primary-name`` ...) runs first on the names
found in those trees; each clashing group then goes through :class:`~.disamb_run.Run`
(add given names / names, ``disambiguate="true"``, year-suffix). Results are stored as each
item's :class:`~.context.Disamb`, which the evaluators honour.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from ..nodes import Node
from ..output.tree import Span
from .context import POSITION_SUBSEQUENT, Cite, Disamb
from .disamb_run import Config, Run
from .disamb_names import global_name_levels

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Citation
    from ..processor import Processor
    from ..style import Style


@dataclass
class _Info:
    """What the base rendering of one item says: names available and names shown."""

    total: int | None  # names in the first name list (None: no names rendered)
    shown: int


def disambiguate(proc: Processor, citations: list[Citation]) -> None:
    """Set each item's :class:`Disamb` state so that no two items render alike."""
    disambiguate_ids(proc, list(dict.fromkeys(proc.cited)))


def disambiguate_ids(proc: Processor, ids: list[str]) -> None:
    """Disambiguate the cites of ``ids`` (cited items, plus uncited bibliography entries)."""
    proc.disambiguated = set(ids)
    section = proc.style.citation
    if section is None:
        return
    opt = section.options.get
    add_names = opt("disambiguate-add-names") == "true"
    add_given = opt("disambiguate-add-givenname") == "true"
    rule = opt("givenname-disambiguation-rule") or "by-cite"
    add_year = opt("disambiguate-add-year-suffix") == "true"
    for item_id in ids:
        proc.disamb[item_id] = Disamb()
    levels: dict[str, dict[int, int]] = {}
    caps: dict[str, dict[int, int]] | None = None  # by-cite: expand only ambiguous names
    if add_given:
        found = global_name_levels(proc, ids, "all-names" if rule == "by-cite" else rule,
                                   lambda i: _key_tree(proc, i), by_cite=rule == "by-cite")
        if rule == "by-cite":
            caps = found
        else:
            levels = found
    for item_id in ids:
        proc.disamb[item_id] = Disamb(name_levels=dict(levels.get(item_id, {})))
    modes = []
    if add_names or (add_given and rule == "by-cite"):
        modes.append("names")
    if has_disambiguate_condition(section.layout):
        modes.append("extra_text")
    if add_year:
        modes.append("years")
    if not modes:
        return
    info: dict[str, _Info] = {}
    base: dict[str, str] = {}
    # One render per item gives both its name counts and its base text. As in citeproc-js,
    # the text that groups clashing items (its "akey") does not include the given names added
    # by global name disambiguation; the runs below render with them.
    for item_id in ids:
        proc.disamb[item_id] = _to_disamb(Config(names=0), _Info(None, 0), {},
                                          caps.get(item_id, {}) if caps is not None else None)
        tree = _key_tree(proc, item_id)
        info[item_id] = _info(tree)
        base[item_id] = tree.plain() if tree is not None else ""

    last: list[str] = []  # the item rendered last: its disambiguate-condition counters

    def key(item_id: str, config: Config) -> str:
        proc.disamb[item_id] = _to_disamb(config, info[item_id], levels.get(item_id, {}),
                                          caps.get(item_id, {}) if caps is not None else None)
        tree = _key_tree(proc, item_id)
        last[:] = [item_id]
        return tree.plain() if tree is not None else ""

    def counters() -> tuple[int, int]:
        disamb = proc.disamb.get(last[0]) if last else None
        return (disamb.cond_count, disamb.cond_max) if disamb else (0, 0)

    groups: dict[str, list[str]] = {}
    for item_id in ids:
        groups.setdefault(base[item_id], []).append(item_id)
    rank = _bib_rank(proc, ids)
    registered: dict[str, Config] = {}
    for members in groups.values():
        if len(members) > 1:
            registered.update(_run_group(members, info, key, modes, add_names,
                                         add_given and rule == "by-cite", rank, counters))
    for item_id in ids:
        config = registered.get(item_id, Config(names=info[item_id].shown))
        proc.disamb[item_id] = _to_disamb(config, info[item_id], levels.get(item_id, {}),
                                          caps.get(item_id, {}) if caps is not None else None)


def _run_group(members: list[str], info: dict[str, _Info], key: Callable[[str, Config], str],
               modes: list[str], add_names: bool, by_cite: bool,
               rank: Callable[[str], int],
               counters: Callable[[], tuple[int, int]]) -> dict[str, Config]:
    members = sorted(members, key=lambda i: (info[i].total or 0, i))
    base = Config(names=max(info[i].shown for i in members))
    return Run(members, key, base, info[members[0]].total, modes, 2 if by_cite else None,
               add_names, rank, counters).run()


def _key_tree(proc: Processor, item_id: str) -> Span | None:
    return proc.cite_tree(Cite(id=item_id, position=POSITION_SUBSEQUENT, near_note=True))


def _info(tree: Span | None) -> _Info:
    if tree is not None:
        for span in tree.walk():
            if span.tag == "name-list":
                _var, total, shown = span.data
                return _Info(total, shown)
    return _Info(None, 0)


def _to_disamb(config: Config, info: _Info, levels: dict[int, int],
               caps: dict[int, int] | None) -> Disamb:
    """The evaluators' view of a config; by-cite levels stop where a name is unambiguous."""
    name_levels = dict(levels)
    for i, level in enumerate(config.givens):
        if caps is not None:
            level = min(level, caps.get(i, 0))
        if level:
            name_levels[i] = max(level, name_levels.get(i, 0))
    return Disamb(add_names=max(0, config.names - info.shown), name_levels=name_levels,
                  year_suffix=config.year_suffix, disambiguate=config.disambiguate,
                  names_shown=config.names if config.names > info.shown else 0)


def _bib_rank(proc: Processor, ids: list[str]) -> Callable[[str], int]:
    order = ids
    if proc.style.bibliography is not None and proc.style.bibliography.sort:
        order = proc.sort_ids(ids, "bibliography")
    rank = {item_id: n for n, item_id in enumerate(order)}
    return lambda item_id: rank.get(item_id, len(rank))


def has_disambiguate_condition(node: Node) -> bool:
    """Whether a layout (with its macros) tests ``disambiguate``."""
    cached = node.cache.get("has-disambiguate")
    if cached is None:
        cached = any("disambiguate" in n.attrs for n in _walk(node))
        node.cache["has-disambiguate"] = cached
    return cached


def renders_year_suffix(node: Node) -> bool:
    """Whether a layout (with its macros) renders the ``year-suffix`` variable itself."""
    cached = node.cache.get("renders-year-suffix")
    if cached is None:
        cached = any(n.name == "text"
                     and n.attrs.get("variable") in ("year-suffix", "citation-label")
                     for n in _walk(node))
        node.cache["renders-year-suffix"] = cached
    return cached


def _walk(node: Node) -> list[Node]:
    out, stack, seen = [], [node], set()
    while stack:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        out.append(n)
        stack.extend(n.children)
    return out


def implicit_year_suffix(style: Style) -> bool:
    """Whether year-suffixes go after the first rendered year (no cs:text renders them)."""
    sections = [s for s in (style.citation, style.bibliography) if s is not None]
    return not any(renders_year_suffix(s.layout) for s in sections)
