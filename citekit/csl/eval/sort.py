"""Format stage: sort keys for citations and bibliographies (CSL 1.0.2 "Sorting").

Strings compare with the Unicode Collation Algorithm (pyuca's table and weights, through
:mod:`.collation`), as citeproc-js compares with ICU;
numbers numerically; dates by their parts; empty values sort last in both directions.
"""
from __future__ import annotations

import re
import struct as _struct
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache, cmp_to_key, lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from ...model import Date, kind_of
from ..nodes import Node
from ..richtext import strip_markup
from . import collation, core, dates, names, tailoring, trigraph
from .context import Context

if TYPE_CHECKING:  # pragma: no cover
    from ..output.tree import Span


_DIGITS = re.compile(r"(\d+)")


@cache
def _punctuation(ch: str) -> bool:
    """Ignored in a sort key: punctuation, and any space but the plain one (citeproc-js
    turns plain spaces into "|", which counts; ICU ignores a no-break space)."""
    category = unicodedata.category(ch)
    return category.startswith("P") or (category == "Zs" and ch != " ")


def _primaries(text: str) -> list[int]:
    """Primary UCA weights of the text, punctuation ignored (plain spaces count)."""
    kept = "".join(ch for ch in unicodedata.normalize("NFD", text) if not _punctuation(ch))
    return collation.primaries(kept)


def preload() -> None:
    """Load the collation table now (before forking workers that would each load it)."""
    collation.table()


@lru_cache(maxsize=65536)
def collation_key(text: str, lang: str = "") -> bytes:
    """Compare as citeproc-js's ICU collator does: base strength, punctuation ignored,
    digit runs by numeric value; ``lang`` (a locale tag): that language's tailoring
    (:mod:`.tailoring`).

    The key is the primary weights, a digit run as the digit weight, its length and its
    value, packed into one ``bytes`` (:func:`_pack`): bytes compare as the weight sequences
    do, at a third of a tuple's size (a large bibliography keeps one for each entry)."""
    tailored = tailoring.language(lang) if lang else ""
    key: list[int] = []
    runs: list[int] = []  # where each digit run's value is, and the value
    for i, piece in enumerate(_DIGITS.split(text)):
        if i % 2:
            number = int(piece)
            key += [_digit_weight() * (tailoring.SCALE if tailored else 1), len(str(number))]
            runs += [len(key), number]
            key.append(0)
        elif piece:
            key += _tailored_primaries(piece, tailored) if tailored else _primaries(piece)
    return _pack(key, runs)


def _pack(key: list[int], runs: list[int]) -> bytes:
    """Weights as bytes that compare as the list does: each weight below 0xF000 in two bytes,
    a larger one (a tailored weight) as 0xF0 + its byte count and its bytes (an
    order-preserving, prefix-free code); a digit run's value in as many bytes as its digit
    count needs (the count comes before it)."""
    if not runs and (not key or max(key) < 0xF000):
        return _struct.pack(f">{len(key)}H", *key)
    values = dict(zip(runs[::2], runs[1::2]))
    out = bytearray()
    for at, w in enumerate(key):
        if at in values:
            digits = key[at - 1]
            out += values[at].to_bytes(((10 ** digits - 1).bit_length() + 7) // 8, "big")
        elif w < 0xF000:
            out += w.to_bytes(2, "big")
        else:
            extra = w - 0xF000
            size = max(1, (extra.bit_length() + 7) // 8)
            out.append(0xF0 + size)
            out += extra.to_bytes(size, "big")
    return bytes(out)


def _tailored_primaries(text: str, lang: str) -> list[int]:
    """Primary weights under a language's tailoring: every root weight times SCALE, a letter
    sorted after its base letter between them; a script sorted first moved before Latin."""
    pattern = tailoring.letters_pattern(lang)
    out: list[int] = []
    if pattern is not None:
        offsets = tailoring.letter_offsets(lang)
        for n, part in enumerate(pattern.split(unicodedata.normalize("NFC", text))):
            if n % 2:
                base, rank = offsets[part.lower()]
                out.append(_primaries(base)[0] * tailoring.SCALE + rank)
            elif part:
                out += [w * tailoring.SCALE for w in _primaries(part)]
        return out
    weights = _primaries(text)
    span = _script_weights(lang)
    if span is None:
        return [w * tailoring.SCALE for w in weights]
    return [w * tailoring.SCALE for w in tailoring.reorder(weights, span, _primaries("a")[0])]


@lru_cache(maxsize=16)
def _script_weights(lang: str) -> tuple[int, int] | None:
    """The lowest and highest first primary weights of the script ``lang`` sorts first."""
    if tailoring.reorders_han(lang):
        return tailoring.HAN_LEADS
    chars = tailoring.reordered_script(lang)
    if chars is None:
        return None
    weights = [w for cp in range(chars[0], chars[1] + 1)
               if unicodedata.category(chr(cp)) in ("Lu", "Ll", "Lo")
               for w in _primaries(chr(cp))[:1]]
    return (min(weights), max(weights)) if weights else None


@lru_cache(maxsize=1)
def _digit_weight() -> int:
    return _primaries("0")[0]


@lru_cache(maxsize=65536)
def _string_key(text: str, lang: str = "") -> Any:
    text = strip_markup(text).strip()
    text = re.sub(r"^[\"'\u201c\u2018\[(]+", "", text)
    return collation_key(text, lang)


def forget_text_keys() -> None:
    """Empty the memos of text sort keys (a one-shot run that has sorted needs them no
    more)."""
    _string_key.cache_clear()
    collation_key.cache_clear()


def _number_key(text: str, lang: str = "") -> Any:
    m = re.match(r"\s*(-?\d+)", text)
    if m:
        return (0, int(m.group(1)), collation_key(text, lang))
    return (1, 0, collation_key(text, lang))


def _name_opts(key: Node, ctx: Context) -> dict[str, str]:
    """The et-al settings a sort key's names take over their cs:name's own: the key's
    names-min/-use-first/-use-last, else its section's, else the style's et-al options
    (citeproc-js)."""
    opts = {}
    for attr, opt in (("names-min", "et-al-min"), ("names-use-first", "et-al-use-first"),
                      ("names-use-last", "et-al-use-last")):
        if attr in key.attrs:
            opts[opt] = key.attrs[attr]
        elif opt in ctx.section_options:
            opts[opt] = ctx.section_options[opt]
        elif opt in ctx.style.options:
            opts[opt] = ctx.style.options[opt]
    return opts


@contextmanager
def _sorting(key: Node, ctx: Context) -> Iterator[None]:
    """The context set up for rendering one sort key."""
    ctx.sorting = True
    ctx.sort_names_opts = _name_opts(key, ctx)
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
    lang = ctx.locale.lang
    string_key: Callable[[str], Any] = (lambda text: _string_key(text, lang)) if keyed else str
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
                return _number_key(str(value), lang), []
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
               prefetch: Callable[[list[Any], int], None] | None = None,
               done: Callable[[int], None] | None = None) -> list[Any]:
    """Stable sort of ``entries`` by ``keys``; ``value(entry, i)`` gives its value for key i.

    Keys are taken lazily, one at a time: key i is asked for only among the entries still
    tied on the keys before it (most entries differ on the first key or two, and the later
    keys are often costly macros). The result equals a lexicographic comparison over all
    keys, with empty values last in both directions. The ties are refined key by key, so
    ``prefetch(entries, i)``, when given, hears at once of every entry that key i will be
    asked for (to work the values out together, in worker processes for many); ``done(i)``
    hears that key i will be asked for no more.
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
        if done is not None:
            done(index)
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
