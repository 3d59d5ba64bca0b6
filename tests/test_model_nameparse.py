"""Name parser: the issue's name forms, lists, and hypothesis round trips."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citekit.errors import CitekitError, ParseError
from citekit.model import Name
from citekit.model.nameparse import format_name, is_suffix, parse_name, parse_names


@pytest.mark.parametrize("text, expected", [
    ("Sheila A. Smith", {"family": "Smith", "given": "Sheila A."}),
    ("Smith, Sheila A.", {"family": "Smith", "given": "Sheila A."}),
    ("Smith, Jr., John", {"family": "Smith", "given": "John", "suffix": "Jr."}),
    ("Smith, John, Jr.", {"family": "Smith", "given": "John", "suffix": "Jr."}),
    ("John Smith Jr.", {"family": "Smith", "given": "John", "suffix": "Jr."}),
    ("John Smith, Jr.", {"family": "Smith", "given": "John", "suffix": "Jr.",
                         "comma-suffix": True}),
    ("Bill Gates III", {"family": "Gates", "given": "Bill", "suffix": "III"}),
    ("Ludwig van Beethoven", {"family": "Beethoven", "given": "Ludwig",
                              "dropping-particle": "van"}),
    ("Alexander von Humboldt", {"family": "Humboldt", "given": "Alexander",
                                "dropping-particle": "von"}),
    ("Beethoven, Ludwig van", {"family": "Beethoven", "given": "Ludwig",
                               "dropping-particle": "van"}),
    ("van Gogh, Vincent", {"family": "Gogh", "given": "Vincent",
                           "non-dropping-particle": "van"}),
    ("Jean de La Fontaine", {"family": "La Fontaine", "given": "Jean",
                             "dropping-particle": "de"}),
    ("Tawfiq al-Hakim", {"family": "Hakim", "given": "Tawfiq",
                         "non-dropping-particle": "al-"}),
    ("  Fouse,   David ", {"family": "Fouse", "given": "David"}),
    ("ASIA-PACIFIC CENTER FOR SECURITY STUDIES", {
        "literal": "ASIA-PACIFIC CENTER FOR SECURITY STUDIES"}),
    ("Council on Foreign Relations", {"literal": "Council on Foreign Relations"}),
    ("{Smith and Sons}", {"literal": "Smith and Sons"}),
    ("UNESCO", {"literal": "UNESCO"}),
])
def test_one_name(text: str, expected: dict) -> None:
    assert parse_name(text).to_json() == expected


@pytest.mark.parametrize("text, families", [
    ("Smith, John and Jane Doe", ["Smith", "Doe"]),
    ("A. Smith; B. Jones & C. Brown", ["Smith", "Jones", "Brown"]),
    ("Sheila A. Smith, Scott A. Snyder, and Brad Glosserman", ["Smith", "Snyder", "Glosserman"]),
    ("Smith, J., Doe, J.", ["Smith", "Doe"]),
    ("Fouse, David; Smith, Sheila A.", ["Fouse", "Smith"]),
    ("John Smith, Jr. and Jane Doe", ["Smith", "Doe"]),
])
def test_name_lists(text: str, families: list[str]) -> None:
    assert [n.family for n in parse_names(text)] == families


def test_corporate_name_with_and_is_one_name() -> None:
    names = parse_names("Center for Strategic and International Studies")
    assert [n.literal for n in names] == ["Center for Strategic and International Studies"]


def test_empty_text_has_no_names() -> None:
    assert parse_names("  ; and ") == []
    with pytest.raises(ParseError):
        parse_name("   ")


#: capitalised words; suffix words ("Jr", "Iii") are not given or family names
_WORD = st.from_regex(r"[A-Z][a-zà-ÿ]{1,9}", fullmatch=True).filter(lambda w: not is_suffix(w))
_INITIAL = st.from_regex(r"[A-Z]\.", fullmatch=True)


@st.composite
def persons(draw: st.DrawFn) -> Name:
    given = " ".join(draw(st.lists(st.one_of(_WORD, _INITIAL), min_size=1, max_size=3)))
    family = draw(_WORD)
    kind = draw(st.sampled_from(["plain", "dropping", "non-dropping", "suffix"]))
    if kind == "dropping":
        return Name(family=family, given=given,
                    dropping_particle=draw(st.sampled_from(["van", "von", "de", "van der"])))
    if kind == "non-dropping":
        return Name(family=family, given=given,
                    non_dropping_particle=draw(st.sampled_from(["van", "de", "von der"])))
    if kind == "suffix":
        return Name(family=family, given=given, suffix=draw(st.sampled_from(["Jr.", "III"])))
    return Name(family=family, given=given)


@settings(max_examples=80, deadline=None)
@given(persons(), st.booleans())
def test_format_then_parse_is_the_same_name(name: Name, inverted: bool) -> None:
    assert parse_name(format_name(name, inverted=inverted)) == name


@settings(max_examples=30, deadline=None)
@given(st.lists(persons(), min_size=1, max_size=4), st.sampled_from([" and ", "; ", " & "]))
def test_joined_lists_split_back(names: list[Name], joiner: str) -> None:
    text = joiner.join(format_name(n, inverted=True) for n in names)
    assert parse_names(text) == names


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_no_text_makes_the_parser_raise_a_foreign_error(text: str) -> None:
    try:
        name = parse_name(text)
    except CitekitError:
        return
    assert name.to_json()
    assert all(n.to_json() for n in parse_names(text))


@pytest.mark.parametrize("text, family", [("Co, Aa", "Co"), ("Press, Mary", "Press"),
                                          ("Bank, J. R.", "Bank")])
def test_one_word_family_before_a_comma_is_a_person(text: str, family: str) -> None:
    """Surnames that are also organisation words (hypothesis found "Co, Aa")."""
    name = parse_name(text)
    assert name.family == family and name.literal is None
