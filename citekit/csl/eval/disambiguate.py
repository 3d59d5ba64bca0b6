"""Format stage: disambiguation of cites (add names, given names, year-suffix) from the tree.

Every cited item is rendered in its disambiguation form (citeproc-js's "ambiguous cite":
position subsequent, near-note, no locator, no formatting) and items are grouped by that text.
As in citeproc-js's registry, items are registered batch by batch (the new items of each
citation, in document order); each batch grows the global name registry (disamb_names.py) and
re-runs :class:`~.disamb_run.Run` (add given names / names, ``disambiguate="true"``,
year-suffix) on the clashing sets its items join. The result is each item's
:class:`~.context.Disamb`, which the processor stores and the evaluators honour; what the
pass reads is a :class:`~.disamb_inputs.DisambInputs`.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from ..output.tree import Span, Tag
from ..parallel import parallel_iter, parallel_map
from ..style import Section
from . import disamb_names
from .context import POSITION_SUBSEQUENT, Citation, Cite, Disamb
from .disamb_inputs import DisambInputs
from .disamb_run import Config, Run


@dataclass(frozen=True, slots=True)
class _Info:
    """What the base rendering of one item says: names available and names shown."""

    total: int | None  # names in the first name list (None: no names rendered)
    shown: int
    initialized: bool = True  # its cs:name has initialize-with


def registration_batches(citations: Sequence[Citation]) -> list[list[str]]:
    """The ids each citation registers first, citation after citation: as citeproc-js's
    ``processCitationCluster``, the items of a citation are registered together."""
    batches: list[list[str]] = []
    seen: set[str] = set()
    for citation in citations:
        new = [c.id for c in citation.cites if c.id not in seen]
        seen.update(new)
        if new:
            batches.append(list(dict.fromkeys(new)))
    return batches


def first_notes(citations: Sequence[Citation]) -> dict[str, int]:
    """The note number of each item's first cite (citations in notes; an author-only
    citation is no reference, as for positions): citeproc-js compares clashing cites with it
    as their first-reference-note-number."""
    notes: dict[str, int] = {}
    for citation in citations:
        if citation.properties.get("mode") != "author-only":
            for cite in citation.cites:
                if cite.note_index:
                    notes.setdefault(cite.id, cite.note_index)
    return notes


def _batches(registered: list[list[str]], ids: list[str]) -> list[list[str]]:
    """``ids`` in registration batches: those of the last document's citations, in order,
    then the rest (uncited bibliography entries) together."""
    wanted = set(ids)
    batches = [[i for i in batch if i in wanted]
               for batch in registered]
    batches = [batch for batch in batches if batch]
    done = {i for batch in batches for i in batch}
    rest = [i for i in ids if i not in done]
    return batches + [rest] if rest else batches


def disambiguate_ids(inputs: DisambInputs, ids: list[str], registered: list[list[str]],
                     keep_registry: Callable[[disamb_names.NameRegistry], None] | None = None
                     ) -> dict[str, Disamb]:
    """The :class:`Disamb` of each of ``ids`` (cited items, plus uncited bibliography
    entries) that makes their cites differ, for those that need one (the others are left
    out: they render as with ``Disamb()``); ``registered``: :func:`registration_batches` of
    the document's citations.

    citeproc-js's registry is stateful: items are registered batch by batch (one citation at
    a time), and each batch re-runs disambiguation only for the clashing sets ("akeys") its
    items join. A run starts from the current settings of the set's first item and re-registers
    only the items it resolves; the others keep what earlier runs gave them (a year-suffix, more
    names). The global name registry grows the same way, so runs see the given-name
    expansions of the items registered so far. This is replayed here. ``keep_registry`` is
    given the global name registry as the last batch leaves it (global given-name rules).
    """
    section = inputs.style.citation
    if section is None:
        return {}
    add_names, by_cite, rule, global_names, modes = _settings(section)
    tree_of = partial(_key_tree, inputs)
    registry: disamb_names.NameRegistry | None = None

    def levels(item_id: str) -> dict[int, int]:
        return registry.levels(item_id) if registry is not None else {}

    if not modes:
        if global_names:
            registry = disamb_names.name_registry(inputs, ids, rule, tree_of)
            for item_id in ids:
                registry.add(item_id)
            if keep_registry is not None:
                keep_registry(registry)
        return {item_id: Disamb(name_levels=found) for item_id in ids
                if (found := levels(item_id))}
    info: dict[str, _Info] = {}
    base: dict[str, str] = {}
    # (each read is kept as it comes: equal infos as one object, the names in the registry)
    learned = disamb_names.NameRegistry(rule.endswith("with-initials")) if global_names \
        else None
    infos: dict[_Info, _Info] = {}
    texts: dict[str, str] = {}  # one string per base text (clashing items share theirs)
    early = inputs.early_reads
    todo = [item_id for item_id in ids if item_id not in early]
    made = parallel_iter(partial(_read, inputs, global_names, rule), todo, inputs.jobs,
                         inputs.progress("disambiguating", len(todo)))
    reads = (early[item_id] if item_id in early else next(made) for item_id in ids)
    for item_id, (found, text, reading) in zip(ids, reads, strict=True):
        info[item_id] = infos.setdefault(found, found)
        base[item_id] = texts.setdefault(text, text)
        if learned is not None and reading is not None:
            learned.learn(item_id, reading)
    registry = learned
    del texts

    # Runs re-render the same items with the same settings again and again (every new member
    # of a set re-runs it): renders are kept by item and settings, with the counters of
    # disambiguate="true" tests they left; those of the last batch's sets go as each set is
    # done (no later run reads them).
    rendered: dict[str, dict[tuple, tuple[str, int, int]]] = {}
    last: list[tuple[int, int]] = [(0, 0)]  # the last render's disambiguate-test counters

    def key(item_id: str, config: Config) -> str:
        disamb = _to_disamb(config, info[item_id], levels(item_id))
        memo = (disamb.add_names, tuple(sorted(disamb.name_levels.items())),
                disamb.year_suffix, disamb.disambiguate, disamb.names_shown)
        renders = rendered.setdefault(item_id, {})
        hit = renders.get(memo)
        if hit is None:
            tree = _key_tree(inputs, item_id, disamb)
            hit = (tree.plain() if tree is not None else "", disamb.cond_count, disamb.cond_max)
            renders[memo] = hit
        last[0] = hit[1:]
        return hit[0]

    def counters() -> tuple[int, int]:
        return last[0]

    rank = _bib_rank(inputs, ids)
    groups: dict[str, list[str]] = {}
    # each item's config as the runs left it; an item no run has changed since it was
    # registered has none here (its config is Config(names=names shown), see config_of)
    configs: dict[str, Config] = {}

    def config_of(item_id: str) -> Config:
        return configs.get(item_id) or Config(names=info[item_id].shown)

    batches = _batches(registered, ids)
    for number, batch in enumerate(batches, 1):
        final = number == len(batches)
        for item_id in batch:
            if registry is not None:
                registry.add(item_id)
            groups.setdefault(base[item_id], []).append(item_id)
            configs.pop(item_id, None)
        # the runs of one batch are independent (disjoint sets, a registry that no longer
        # changes): a large batch, such as a whole bibliography, runs them in worker processes
        clashing = [groups[akey] for akey in dict.fromkeys(base[i] for i in batch)
                    if len(groups[akey]) > 1]

        def run(members: list[str], final: bool = final) -> dict[str, Config]:
            found = _run_group(members, info, config_of(members[0]), key, modes, add_names,
                               by_cite, rank, counters)
            if final:
                for item_id in members:
                    rendered.pop(item_id, None)
            return found

        for result in parallel_map(run, clashing, inputs.jobs, weight=5):
            configs.update(result)
    if registry is not None and keep_registry is not None:
        keep_registry(registry)
    plain = Disamb()
    out: dict[str, Disamb] = {}
    # equal name levels as one dict (most items of a large set have the same; nothing
    # changes a Disamb's name_levels once it is made)
    shared: dict[tuple[tuple[int, int], ...], dict[int, int]] = {}
    for item_id in ids:
        disamb = _to_disamb(config_of(item_id), info[item_id], levels(item_id), by_cite)
        if disamb != plain:  # as Disamb(), it need not be kept
            levels_key = tuple(disamb.name_levels.items())
            disamb.name_levels = shared.setdefault(levels_key, disamb.name_levels)
            out[item_id] = disamb
    return out


def _settings(section: Section) -> tuple[bool, bool, str, bool, list[str]]:
    """The citation's disambiguation options: add-names, by-cite given names, the given-name
    rule, global given names, and the modes a run tries."""
    opt = section.options.get
    add_names = opt("disambiguate-add-names") == "true"
    add_given = opt("disambiguate-add-givenname") == "true"
    rule = opt("givenname-disambiguation-rule") or "by-cite"
    by_cite = add_given and rule == "by-cite"
    modes = []
    if add_names or by_cite:
        modes.append("names")
    if section.tests_disambiguate:
        modes.append("extra_text")
    if opt("disambiguate-add-year-suffix") == "true":
        modes.append("years")
    return add_names, by_cite, rule, add_given and not by_cite, modes


Read = tuple["_Info", str, "disamb_names.Reading | None"]


def _read(inputs: DisambInputs, global_names: bool, rule: str, item_id: str) -> Read:
    """One item read for :func:`disambiguate_ids`: what its base render says, its text, and
    the names it registers. One render per item gives both its name counts and its base
    text. As in citeproc-js, the text that groups clashing items (its "akey") does not
    include the given names added by global name disambiguation (the item is not registered
    yet); the runs render with them. The names the item registers are read from that render
    when it shows all of them, else from one with every name shown. Items are independent:
    a large set is read in worker processes."""
    tree = _key_tree(inputs, item_id, note=False)
    found = _info(tree)
    reading = None
    if global_names:
        full = tree if _all_names_shown(tree) else \
            disamb_names.all_names_tree(item_id, partial(_key_tree, inputs))
        reading = disamb_names.read_names(inputs, item_id, rule, full)
    return found, tree.plain() if tree is not None else "", reading


def shared_read(read: Read, table: dict[Any, Any]) -> Read:
    """``read`` with each part equal to one of an earlier read's (in ``table``) as that
    same object: reads kept for a whole bibliography (sent back by worker processes, so
    all new objects) then cost little more than one tuple an item. Nothing changes a read
    once it is made."""
    found, text, reading = read
    found = table.setdefault(found, found)
    text = table.setdefault(text, text)
    if reading is not None:
        cite, others, keys = reading
        cite = table.setdefault(("cite", tuple(cite)), cite)
        others = table.setdefault(("others", tuple(others)), others)
        keys = table.setdefault(("keys", tuple(keys.items())), keys)
        reading = (cite, others, keys)
    return found, text, reading


def reader(inputs: DisambInputs) -> Callable[[str], Read] | None:
    """The read :func:`disambiguate_ids` makes of each item, for a caller that makes them
    beforehand (in the same worker pass as the sort keys; see ``early_reads``): it depends on
    nothing but the item. None when the pass reads no items (no citation, nothing to
    disambiguate) or when the citation depends on the citation numbers, which the sort
    changes."""
    section = inputs.style.citation
    if section is None or section.reads_citation_number:
        return None
    _add_names, _by_cite, rule, global_names, modes = _settings(section)
    return partial(_read, inputs, global_names, rule) if modes else None


def _run_group(members: list[str], info: dict[str, _Info], start: Config,
               key: Callable[[str, Config], str], modes: list[str], add_names: bool,
               by_cite: bool, rank: Callable[[str], int],
               counters: Callable[[], tuple[int, int]]) -> dict[str, Config]:
    """One citeproc-js run over a clashing set (``members`` in registration order).

    The run starts from ``start``, the current settings of the set's first registered item
    (names shown; by-cite given-name levels) and goes through the set sorted by the names
    each item has, then id, the counts compared as JavaScript compares arrays: as strings
    ("10" before "3"; no names, "", first).
    """
    members = sorted(members, key=lambda i: (_js_count(info[i].total), i))
    base = Config(names=max([start.names] + [info[i].shown for i in members]),
                  givens=list(start.givens) if by_cite else [])
    return Run(members, key, base, info[members[0]].total, modes, 2 if by_cite else None,
               add_names, rank, counters).run()


def _js_count(total: int | None) -> str:
    return "" if total is None else str(total)


def _key_tree(inputs: DisambInputs, item_id: str, disamb: Disamb | None = None,
              note: bool = True) -> Span | None:
    """The item's cite in its disambiguation form (citeproc-js's "ambiguous cite": the
    accessed date is left out of it). With ``note``, its first-reference-note-number is the
    note of the item's first cite: citeproc-js groups clashing items by the form without it
    (their akey) but compares them, in a run, with it."""
    cite = Cite(id=item_id, position=POSITION_SUBSEQUENT, near_note=True,
                first_reference_note_number=inputs.first_notes.get(item_id) if note else None)
    tree = inputs.cite_tree(cite, disamb if disamb is not None else Disamb())
    if tree is not None and (inputs.has_variable is None
                             or inputs.has_variable(item_id, "accessed")):
        _drop_accessed(tree)
    return tree


def _drop_accessed(tree: Span) -> None:
    stack = [tree]
    while stack:
        children = stack.pop().children
        for i, child in enumerate(children):
            if isinstance(child, Span):
                if child.tag == "date" and child.data == "accessed":
                    children[i] = ""
                else:
                    stack.append(child)


def _all_names_shown(tree: Span | None) -> bool:
    """Whether no name list of the tree is cut short (et al.)."""
    return tree is None or all(span.data.total == span.data.shown for span in tree.walk()
                               if span.tag is Tag.NAME_LIST)


def _info(tree: Span | None) -> _Info:
    if tree is not None:
        for span in tree.walk():
            if span.tag is Tag.NAME_LIST:
                return _Info(span.data.total, span.data.shown, span.data.initialized)
    return _Info(None, 0)


def _to_disamb(config: Config, info: _Info, levels: dict[int, int], by_cite: bool = False
               ) -> Disamb:
    """The evaluators' view of a config, over the global name levels ``levels``.

    Under the by-cite rule citeproc-js stores an initials request (1) for a cite whose
    cs:name has no initialize-with as a full given name (2): the cite shows the same, but
    the bibliography, which may initialize, then shows the full given name."""
    name_levels = dict(levels)
    raised = 2 if by_cite and not info.initialized else 1
    for i, level in enumerate(config.givens):
        if level:
            name_levels[i] = max(max(level, raised), name_levels.get(i, 0))
    return Disamb(add_names=max(0, config.names - info.shown), name_levels=name_levels,
                  year_suffix=config.year_suffix, disambiguate=config.disambiguate,
                  names_shown=config.names if config.names > info.shown else 0)


def _bib_rank(inputs: DisambInputs, ids: list[str]) -> Callable[[str], int]:
    order = ids
    if inputs.style.bibliography is not None and inputs.style.bibliography.sort:
        order = inputs.bibliography_order(ids)
    rank = {item_id: n for n, item_id in enumerate(order)}
    return lambda item_id: rank.get(item_id, len(rank))
