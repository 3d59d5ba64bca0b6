"""Format stage: bibliography ``subsequent-author-substitute`` on evaluated entry trees.

Runs after every entry is evaluated and sorted: the names rendered by the first ``cs:names``
of an entry are compared with those of the entry before it and, following
``subsequent-author-substitute-rule``, replaced by the substitute string (CSL 1.0.2,
"Reference Grouping"). Labels and affixes of the names element are kept.
"""
from __future__ import annotations

from ..output.tree import Child, NameData, Span, Tag


def _first_names(tree: Span) -> Span | None:
    return tree.find(Tag.NAMES)


def _name_lists(names: Span) -> list[Span]:
    return [s for s in names.walk() if s.tag is Tag.NAME_LIST]


def _names_of(lists: list[Span]) -> list[Span]:
    return [c for lst in lists for c in lst.children if isinstance(c, Span) and c.tag is Tag.NAME]


def _name_key(span: Span) -> str:
    """What citeproc-js compares of one name: its parts (not its rendering)."""
    name = span.data.name if isinstance(span.data, NameData) else None
    if name is None:
        return span.plain()
    return "".join(part or "" for part in (
        name.family, name.given, name.non_dropping_particle, name.dropping_particle,
        name.suffix, name.literal))


def _key(names: Span) -> tuple[str, ...]:
    """What citeproc-js compares: the names' parts (not their rendering, nor "et al.")."""
    lists = _name_lists(names)
    if not lists:
        return (names.plain(),)
    return tuple(_name_key(span) for span in _names_of(lists))


def _replace_first_text(span: Span, substitute: str) -> bool:
    """Replace the first non-empty text below ``span``; its formatting, affixes and the rest
    stay (citeproc-js, for what stands in for the names: ``[<i>———</i>]``)."""
    for i, child in enumerate(span.children):
        if isinstance(child, str):
            if child:
                span.children[i] = substitute
                return True
        elif _replace_first_text(child, substitute):
            return True
    return False


def _replace_all(names: Span, substitute: str, keep_formatting: bool = False) -> None:
    """Replace the names; what stands in for them (no name list) keeps its formatting under
    complete-all, and is replaced whole under the other rules (citeproc-js)."""
    lists = _name_lists(names)
    if not lists:
        if keep_formatting:
            _replace_first_text(names, substitute)
        else:
            names.children = [substitute] if substitute else []
        return
    # each variable's names with cs:name's affixes and fonts and the et-al go; the labels
    # and cs:names' own affixes and formatting stay (citeproc-js: "(<b>——— [eds.]</b>)")
    for n, var in enumerate(s for s in names.walk() if s.tag is Tag.NAMES_VAR):
        kept: list[Child] = []
        for child in var.children:
            if isinstance(child, Span) and child.tag is Tag.LABEL:
                kept.append(child)
            elif n == 0 and substitute and substitute not in kept:
                kept.append(substitute)
        var.children = kept


def _replace_names(lists: list[Span], count: int | None, substitute: str) -> None:
    """Replace the first ``count`` names (all when None) by the substitute."""
    done = 0
    for lst in lists:
        for i, child in enumerate(lst.children):
            if isinstance(child, Span) and child.tag is Tag.NAME:
                if count is not None and done >= count:
                    return
                # a person keeps cs:name's fonts (on the name span); an institution keeps
                # nothing (its one inner span, with all its formatting, goes)
                lst.children[i] = Span([substitute] if substitute else [], dict(child.fmt),
                                       tag=Tag.NAME, data=child.data)
                done += 1


def _matching_prefix(names: list[Span], previous: list[str]) -> int:
    """How many leading names equal the previous entry's (by their parts: a name in its own
    order, "Ivanov Ivan", matches "Ivanov, Ivan")."""
    count = 0
    for span, prev in zip(names, previous):
        if _name_key(span) != prev:
            break
        count += 1
    return count


def substitute_authors(trees: list[Span | None], substitute: str, rule: str) -> None:
    """Apply ``subsequent-author-substitute`` in place to the entry trees, in order."""
    prev_key: tuple[str, ...] | None = None
    prev_names: list[str] = []
    for tree in trees:
        if tree is None:  # an entry that renders nothing is no entry (citeproc-js)
            continue
        names = _first_names(tree)
        if names is None:
            prev_key, prev_names = None, []
            continue
        key = _key(names)
        lists = _name_lists(names)
        each = [_name_key(s) for s in _names_of(lists)]
        if rule == "complete-all":
            if key == prev_key:
                _replace_all(names, substitute, keep_formatting=True)
        elif rule == "complete-each":
            if key == prev_key and lists:
                _replace_names(lists, None, substitute)
            elif key == prev_key:
                _replace_all(names, substitute)
        elif rule in ("partial-each", "partial-first"):
            matched = _matching_prefix(_names_of(lists), prev_names)
            if rule == "partial-first":
                matched = min(matched, 1)
            if matched:
                _replace_names(lists, matched, substitute)
            elif not lists and key == prev_key:
                _replace_all(names, substitute)
        prev_key, prev_names = key, each

