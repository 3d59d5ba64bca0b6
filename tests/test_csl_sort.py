"""Format stage, sorting: the per-character fast path of the collation keys gives exactly
pyuca's weights for the whole string (contractions, combining marks, any script)."""
from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from citekit.csl.eval.sort import _primaries, collation_key, collator


def _whole_string(text: str) -> list[int]:
    kept = "".join(ch for ch in unicodedata.normalize("NFD", text)
                   if not unicodedata.category(ch).startswith("P"))
    return [ce[0] for ce in collator().collation_elements(kept) if ce and ce[0]]


_SCRIPTS = st.sampled_from([(0x20, 0x24F), (0x300, 0x36F), (0x370, 0x52F), (0xE00, 0xEFF),
                            (0x1100, 0x11FF), (0x3040, 0x30FF), (0x4E00, 0x4FFF),
                            (0xAC00, 0xAD00), (0x0F00, 0x0FFF)])


@st.composite
def _texts(draw: st.DrawFn) -> str:
    chars = []
    for _ in range(draw(st.integers(1, 14))):
        low, high = draw(_SCRIPTS)
        chars.append(chr(draw(st.integers(low, high))))
    return "".join(chars)


@settings(max_examples=400, deadline=None)
@given(_texts())
def test_fast_primaries_equal_whole_string_collation(text: str) -> None:
    assert _primaries(text) == _whole_string(text)


def test_unlisted_combining_marks_keep_pyuca_order() -> None:
    """U+0EBA is not in pyuca's table (UCA 10); pyuca takes the listed mark after it first."""
    text = "\u0eba\u0eb8"
    assert _primaries(text) == _whole_string(text)


def test_known_orders() -> None:
    """Accents and case only break ties (base strength); digits compare by value."""
    words = ["Zürich", "zebra", "Ångström", "apple", "Émile", "eagle", "Ozu 10", "Ozu 9"]
    assert sorted(words, key=collation_key) == [
        "Ångström", "apple", "eagle", "Émile", "Ozu 9", "Ozu 10", "zebra", "Zürich"]
