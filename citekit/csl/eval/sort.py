"""Format stage: sort keys for citations and bibliographies (CSL 1.0.2 "Sorting").

Strings compare with the Unicode Collation Algorithm (pyuca's table and weights, through
:mod:`.collation`), as citeproc-js compares with ICU;
numbers numerically; dates by their parts; empty values sort last in both directions.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache, cmp_to_key, lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from ...model import Date, kind_of
from ..nodes import Node
from ..richtext import strip_markup
from . import collation, core, dates, names, trigraph
from .context import Context

if TYPE_CHECKING:  # pragma: no cover
    from ..output.tree import Span


_DIGITS = re.compile(r"(\d+)")


@cache
def _punctuation(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P")


def _primaries(text: str) -> list[int]:
    """Primary UCA weights of the text, punctuation ignored (spaces count)."""
    kept = "".join(ch for ch in unicodedata.normalize("NFD", text) if not _punctuation(ch))
    return collation.primaries(kept)


def preload() -> None:
    """Load the collation table now (before forking workers that would each load it)."""
    collation.table()


@lru_cache(maxsize=65536)
def collation_key(text: str) -> tuple[int, ...]:
    """Compare as citeproc-js's ICU collator does: base strength, punctuation ignored,
    digit runs by numeric value."""
    key: list[int] = []
    for i, piece in enumerate(_DIGITS.split(text)):
        if i % 2:
            number = int(piece)
            key += [_digit_weight(), len(str(number)), number]
        elif piece:
            key += _primaries(piece)
    return tuple(key)


@lru_cache(maxsize=1)
def _digit_weight() -> int:
    return _primaries("0")[0]


@lru_cache(maxsize=65536)
def _string_key(text: str) -> Any:
    text = strip_markup(text).strip()
    text = re.sub(r"^[\"'\u201c\u2018\[(]+", "", text)
    return collation_key(text)


def _number_key(text: str) -> Any:
    m = re.match(r"\s*(-?\d+)", text)
    if m:
        return (0, int(m.group(1)), collation_key(text))
    return (1, 0, collation_key(text))


def _name_opts(key: Node) -> dict[str, str]:
    opts = {}
    for attr, opt in (("names-min", "et-al-min"), ("names-use-first", "et-al-use-first"),
                      ("names-use-last", "et-al-use-last")):
        if attr in key.attrs:
            opts[opt] = key.attrs[attr]
    return opts


@contextmanager
def _sorting(key: Node, ctx: Context) -> Iterator[None]:
    """The context set up for rendering one sort key."""
    ctx.sorting = True
    ctx.sort_names_opts = _name_opts(key)
    ctx.substituted = set()
    try:
        yield
    finally:
        ctx.sorting = False
        ctx.sort_names_opts = None
        ctx.substituted = set()


def _names_key_node(variable: str) -> Node:
    return Node("names", {"variable": variable}, [Node("name", {"name-as-sort-order": "all"})])


def key_value(key: Node, ctx: Context, keyed: bool = True) -> tuple[Any, list[Span]]:
    """One sort key for the context's item, from one render: its comparable value (None when
    empty) and the spans a macro or name-variable key rendered (what disambiguation reads the
    names of; none for other variables). Without ``keyed`` a text value stays text (no
    collation weights: for a caller that wants the spans only)."""
    string_key = _string_key if keyed else str
    with _sorting(key, ctx):
        variable = key.get("variable")
        if variable:
            kind = kind_of(variable)
            if kind == "name":
                span = names.render_names(_names_key_node(variable), ctx, core.evaluate)
                if span is None:
                    return None, []
                text = span.plain()
                return (string_key(text) if text else None), [span]
            value = trigraph.base_label(ctx) if variable == "citation-label" \
                else ctx.variable(variable)
            if value is None or value == "":
                return None, []
            if kind == "date":
                # a literal date ("forthcoming") has no sort key: it sorts with the empty
                return (dates.sort_key(value) if isinstance(value, Date) and value.parts
                        else None), []
            if kind == "number" or variable == "citation-number":
                return _number_key(str(value)), []
            return string_key(str(value)), []
        children = core.evaluate_children(key.children, ctx)
        if key.macro_has_date:
            children = core.sort_dates_only(children)
        spans = [c for c in children if not isinstance(c, str)]
        text = "".join(c if isinstance(c, str) else c.plain() for c in children)
        if not text:
            return None, spans
        return string_key(text), spans  # digit runs compare by value, as ICU's numeric collation


def _compare(a: Any, b: Any) -> int:
    try:
        return (a > b) - (a < b)
    except TypeError:
        return (str(a) > str(b)) - (str(a) < str(b))


def compare_values(a: Any, b: Any) -> int:
    """Compare two values of one sort key, an empty value (None) after any other."""
    if a is None or b is None:
        return (a is None) - (b is None)
    return _compare(a, b)


def sort_items(entries: list[Any], keys: list[Node],
               value: Callable[[Any, int], Any],
               prefetch: Callable[[list[Any], int], None] | None = None) -> list[Any]:
    """Stable sort of ``entries`` by ``keys``; ``value(entry, i)`` gives its value for key i.

    Keys are taken lazily, one at a time: key i is asked for only among the entries still
    tied on the keys before it (most entries differ on the first key or two, and the later
    keys are often costly macros). The result equals a lexicographic comparison over all
    keys, with empty values last in both directions. The ties are refined key by key, so
    ``prefetch(entries, i)``, when given, hears at once of every entry that key i will be
    asked for (to work the values out together, in worker processes for many).
    """
    if not keys or len(entries) < 2:  # nothing to compare: no keys (nor collator) needed
        return list(entries)
    groups: list[list[Any]] = [list(entries)]  # in order; each still tied on keys[:index]
    for index in range(len(keys)):
        if prefetch is not None:
            prefetch([e for group in groups if len(group) > 1 for e in group], index)
        refined: list[list[Any]] = []
        for group in groups:
            if len(group) < 2:
                refined.append(group)
            else:
                refined += _split_on(group, keys[index], value, index)
        groups = refined
    return [e for group in groups for e in group]


def _split_on(entries: list[Any], key: Node, value: Callable[[Any, int], Any],
              index: int) -> list[list[Any]]:
    """``entries`` sorted by key ``index``, as runs of equal values (the empty ones last)."""
    descending = key.get("sort", "ascending") == "descending"
    present, absent = [], []
    for entry in entries:
        v = value(entry, index)
        if v is None:
            absent.append(entry)
        else:
            present.append((v, entry))

    def cmp(x: tuple[Any, Any], y: tuple[Any, Any]) -> int:
        c = _compare(x[0], y[0])
        return -c if descending else c

    try:  # by the values themselves (stable in both directions, as the comparison is) ...
        present = sorted(present, key=itemgetter(0), reverse=descending)
    except TypeError:  # ... unless some of them do not compare: as _compare falls back
        present.sort(key=cmp_to_key(cmp))
    runs: list[list[Any]] = []
    start = 0
    for n in range(1, len(present) + 1):  # each run of equal values goes on to the next key
        if n == len(present) or cmp(present[start], present[n]):
            runs.append([e for _, e in present[start:n]])
            start = n
    if absent:
        runs.append(absent)
    return runs
