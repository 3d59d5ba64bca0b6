"""Citation syntax (pandoc's) and locator parsing."""
from __future__ import annotations

import pytest

from citekit.csl.style import load_style
from citekit.document import find_citations, parse_locator


def keys(text: str) -> list[list[str]]:
    return [m.keys for m in find_citations(text)]


def test_bracketed_forms() -> None:
    marks = find_citations("A [@a]. B [see @b, p. 3; -@c, chap. 2, and more].")
    assert [m.keys for m in marks] == [["a"], ["b", "c"]]
    b, c = marks[1].cites
    assert (b.prefix, b.suffix, b.suppress_author) == ("see", ", p. 3", False)
    assert (c.suffix, c.suppress_author) == (", chap. 2, and more", True)
    assert not marks[0].in_text


def test_in_text_forms() -> None:
    marks = find_citations("As @doe99 [p. 33] says and @roe05 notes, -@x too.")
    assert [m.keys for m in marks] == [["doe99"], ["roe05"], ["x"]]
    assert marks[0].in_text and marks[0].cites[0].suffix == "p. 33"
    assert marks[1].in_text and marks[1].cites[0].suffix == ""
    assert not marks[2].in_text and marks[2].cites[0].suppress_author


def test_key_characters_and_braces() -> None:
    assert keys("[@smith:2004.x-1] and @{odd key!}.") == [["smith:2004.x-1"]]
    assert keys("@{weird.key}.") == [["weird.key"]]
    assert keys("ends @doe99.") == [["doe99"]]


@pytest.mark.parametrize("text", [
    "mail john@example.com now", "`[@code]` here", "``a [@b] c``", "[link](http://x/@y)",
    "[@key](http://link)", "<http://x.org/@y>", "<!-- [@hidden] -->", "\\@escaped",
    "[no citation here]", "[^1] footnote", "```\n[@fenced]\n```\n", "~~~\n@fenced\n~~~\n",
    "text\n\n    [@indented]\n", "see https://x.org/@a", "[see @a](http://x)",
])
def test_not_citations(text: str) -> None:
    assert keys(text) == []


def test_part_without_key_makes_no_bracketed_citation() -> None:
    marks = find_citations("[see it; @a]")  # as pandoc: @a alone, in the text
    assert [m.keys for m in marks] == [["a"]] and marks[0].in_text


def test_list_continuation_is_not_code() -> None:
    assert keys("- item\n\n    continued [@a]\n") == [["a"]]


def test_line_numbers() -> None:
    marks = find_citations("one\ntwo [@a]\n\nthree\n@b\n")
    assert [m.line for m in marks] == [2, 5]


LOCALE = load_style("apa").locale()


@pytest.mark.parametrize("suffix,locator,label,rest", [
    (", p. 33", "33", "page", ""),
    (", pp. 33-35 and passim", "33-35", "page", " and passim"),
    (", chap. 2", "2", "chapter", ""),
    (", chaps. 2-3", "2-3", "chapter", ""),
    (", sec. 4.2", "4.2", "section", ""),
    (", § 3", "3", "section", ""),
    (", para. 7", "7", "paragraph", ""),
    (", vol. 1", "1", "volume", ""),
    (", fig. 2", "2", "figure", ""),
    (", n. 5", "5", "note", ""),
    (", lines 3-4", "3-4", "line", ""),
    (", Chapter 3", "3", "chapter", ""),
    (" 33", "33", "page", ""),
    (", 33, 35", "33, 35", "page", ""),
    (", 34(1)(a)", "34(1)(a)", "page", ""),
    (", p. 12, n. 4", "12", "page", ", n. 4"),
    (", pp. iv-vi", "iv-vi", "page", ""),
    (", {pp. iv, vi-xi} and more", "iv, vi-xi", "page", " and more"),
    (", {12 and 19}", "12 and 19", "page", ""),
    ("p. 33", "33", "page", ""),
])
def test_locators(suffix: str, locator: str, label: str, rest: str) -> None:
    got = parse_locator(suffix, LOCALE)
    assert (got.locator, got.label, got.suffix) == (locator, label, rest)


@pytest.mark.parametrize("suffix,rest", [
    (" and elsewhere", " and elsewhere"), ("ibid", ", ibid"), (", passim", ", passim"),
    (", 33.", "."),
])
def test_suffix_without_locator(suffix: str, rest: str) -> None:
    got = parse_locator(suffix, LOCALE)
    assert got.suffix == rest
    if suffix != ", 33.":
        assert got.locator is None


def test_style_terms_and_locale_terms_both_read() -> None:
    mla = load_style("mla").locale()  # MLA renames chapter's short form to "ch."
    assert parse_locator(", ch. 3", mla).label == "chapter"
    assert parse_locator(", chap. 3", mla).label == "chapter"
