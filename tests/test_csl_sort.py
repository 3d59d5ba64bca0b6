"""Format stage, sorting: the collation keys give exactly pyuca's weights for the whole string
(contractions, combining marks, any script), from the table parsed or from its cached form."""
from __future__ import annotations

import marshal
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyuca import Collator

from citekit.csl.eval import collation
from citekit.csl.eval.sort import _pack, _primaries, collation_key


@lru_cache(maxsize=1)
def _pyuca() -> Collator:
    return Collator()


def _ignored(ch: str) -> bool:
    """What a sort key ignores: punctuation and every space but the plain one."""
    category = unicodedata.category(ch)
    return category.startswith("P") or (category == "Zs" and ch != " ")


def _whole_string(text: str) -> list[int]:
    kept = "".join(ch for ch in unicodedata.normalize("NFD", text) if not _ignored(ch))
    return [ce[0] for ce in _pyuca().collation_elements(kept) if ce and ce[0]]


_SCRIPTS = st.sampled_from([(0x20, 0x24F), (0x300, 0x36F), (0x370, 0x52F), (0xE00, 0xEFF),
                            (0x1100, 0x11FF), (0x3040, 0x30FF), (0x4E00, 0x4FFF),
                            (0xAC00, 0xAD00), (0x0F00, 0x0FFF), (0x0900, 0x097F),
                            (0x1000, 0x109F), (0x17000, 0x17010), (0x20000, 0x20010),
                            (0xE0000, 0xE0100)])
_CONTRACTING = st.sampled_from(["l", "L", "\u00b7", "\u0387", "\u0418", "\u0306", "\u0e40",
                                "\u0e01", "\u0eba", "\u0eb8", "\u0301", "\u0323", "\u0f71",
                                "\u0f72", "\u0f80", "\u0fb2", "a"])


@st.composite
def _texts(draw: st.DrawFn) -> str:
    chars = []
    for _ in range(draw(st.integers(1, 14))):
        if draw(st.booleans()):  # characters that begin longer entries, and marks
            chars.append(draw(_CONTRACTING))
            continue
        low, high = draw(_SCRIPTS)
        chars.append(chr(draw(st.integers(low, high))))
    return "".join(chars)


@settings(max_examples=1500, deadline=None)
@given(_texts())
def test_fast_primaries_equal_whole_string_collation(text: str) -> None:
    assert _primaries(text) == _whole_string(text)


@settings(max_examples=1500, deadline=None)
@given(_texts())
def test_primaries_equal_pyuca_with_punctuation(text: str) -> None:
    """The table walk itself, on any NFD string (punctuation too: "l\u00b7" contracts)."""
    nfd = unicodedata.normalize("NFD", text)
    assert collation.primaries(nfd) == \
        [ce[0] for ce in _pyuca().collation_elements(nfd) if ce and ce[0]]


def test_unlisted_combining_marks_keep_pyuca_order() -> None:
    """U+0EBA is not in pyuca's table (UCA 10); pyuca takes the listed mark after it first."""
    text = "\u0eba\u0eb8"
    assert _primaries(text) == _whole_string(text)


def test_known_orders() -> None:
    """Accents and case only break ties (base strength); digits compare by value."""
    words = ["Zürich", "zebra", "Ångström", "apple", "Émile", "eagle", "Ozu 10", "Ozu 9"]
    assert sorted(words, key=collation_key) == [
        "Ångström", "apple", "eagle", "Émile", "Ozu 9", "Ozu 10", "zebra", "Zürich"]


def test_every_longer_entry_equals_pyuca() -> None:
    """Each multi-character entry of the table, alone and between letters and marks."""
    for points in collation.table().multi:
        text = "".join(map(chr, points))
        for probe in (text, "a" + text + "b", text + "\u0301", text[0] + "\u0323" + text[1:]):
            nfd = unicodedata.normalize("NFD", probe)
            assert collation.primaries(nfd) == \
                [ce[0] for ce in _pyuca().collation_elements(nfd) if ce and ce[0]], probe


def test_cached_table_is_the_parsed_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The compact form written to the user's cache loads as the table parsed from pyuca's
    file; a damaged cache entry is read again from the file."""
    monkeypatch.setenv("CITEKIT_CACHE_DIR", str(tmp_path))
    collation.table.cache_clear()
    try:
        parsed = collation.table()  # parses, writes the cache
        files = list((tmp_path / "collation").iterdir())
        assert len(files) == 1
        collation.table.cache_clear()
        assert collation.table() == parsed  # from the cache
        written = files[0].read_bytes()
        assert marshal.loads(written)[0] == 2  # the format
        for damaged in (b"{not marshal", marshal.dumps((1, {}, {})), written[:1000]):
            files[0].write_bytes(damaged)
            collation.table.cache_clear()
            assert collation.table() == parsed
            assert files[0].read_bytes() == written  # rewritten
    finally:
        collation.table.cache_clear()


def _weights(text: str) -> tuple[int, ...]:
    """The weight sequence a collation key stands for: primaries, and for each digit run
    the digit weight, its digit count and its value."""
    key: list[int] = []
    for i, piece in enumerate(re.split(r"(\d+)", text)):
        if i % 2:
            number = int(piece)
            key += [_primaries("0")[0], len(str(number)), number]
        elif piece:
            key += _primaries(piece)
    return tuple(key)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aAbBzé Ü中-'0123456789", max_size=14),
       st.text(alphabet="aAbBzé Ü中-'0123456789", max_size=14))
def test_packed_keys_compare_as_their_weights(a: str, b: str) -> None:
    """Keys are packed into bytes (a third of a tuple's size, one kept per entry): they
    order as the weight sequences do, digit runs of any length included."""
    wa, wb = _weights(a), _weights(b)
    ka, kb = collation_key(a), collation_key(b)
    assert isinstance(ka, bytes)
    assert (ka > kb) - (ka < kb) == (wa > wb) - (wa < wb)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 2**40), max_size=5), st.lists(st.integers(0, 2**40), max_size=5))
def test_packing_keeps_the_order_of_any_weights(a: list[int], b: list[int]) -> None:
    """Weights of 0xF000 and more take a longer code that still orders (and is no prefix)."""
    pa, pb = _pack(a, []), _pack(b, [])
    assert (pa > pb) - (pa < pb) == (tuple(a) > tuple(b)) - (tuple(a) < tuple(b))
