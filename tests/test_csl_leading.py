"""Edits of an output tree's leading text (citekit.csl.output.leading), checked through the
text the renderers write."""
from __future__ import annotations

from citekit.csl.output.leading import capitalize_first, strip_leading_delimiter
from citekit.csl.output.render import Quotes, render
from citekit.csl.output.tree import Span, Tag


def text(tree: Span, fmt: str = "text") -> str:
    return render(tree, fmt, Quotes(), False)


def cluster(*children: Span | str, **fmt: str) -> Span:
    return Span(list(children), dict(fmt), Tag.CLUSTER)


def test_capitalize_skips_brackets_quotes_and_empty_spans() -> None:
    tree = cluster(Span([""], {"prefix": "[["}), Span(["ibid."], {"quotes": "true"}), ", 3",
                   prefix="(")
    capitalize_first(tree)
    assert text(tree) == "(\u201cIbid.\u201d, 3"
    assert "Ibid." in text(tree, "html")


def test_capitalize_reaches_into_affixes_and_stops_at_a_non_letter() -> None:
    tree = cluster(Span(["book"], {"prefix": "see "}))
    capitalize_first(tree)
    assert text(tree) == "See book"
    digits = cluster("§ 3 ibid.")
    capitalize_first(digits)
    assert text(digits) == "§ 3 ibid."


def test_strip_leading_delimiter_across_pieces() -> None:
    tree = cluster(Span([""], tag=Tag.NAMES), Span(["2013"], {"prefix": " , "}),
                   prefix="(", suffix=")")
    strip_leading_delimiter(tree)
    assert text(tree) == "(2013)"
    plain = cluster("; p. 4")
    strip_leading_delimiter(plain)
    assert text(plain) == "p. 4"


def test_strip_leading_delimiter_leaves_other_starts_alone() -> None:
    for tree, expected in ((cluster("2013, p. 4", prefix="("), "(2013, p. 4"),
                           (cluster(" x, y"), " x, y"),
                           (cluster("((, x"), "((, x")):
        strip_leading_delimiter(tree)
        assert text(tree) == expected
