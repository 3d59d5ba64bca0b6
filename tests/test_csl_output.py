"""Format stage: rendering the output tree — HTML escaping, RTF, Markdown, quotes and
punctuation, one entry per line in plain text."""
from __future__ import annotations

from citekit.api import format_bibliography, format_citations
from citekit.csl.output.render import Quotes, render
from citekit.csl.output.tree import Span, Tag
from citekit.csl.richtext import parse_rich
from citekit.model import Item

EVIL = Item.from_json({
    "id": "x", "type": "book", "title": "<script>alert('x')</script> & <b>bold</b>",
    "author": [{"family": "O'Brien <img src=x>", "given": "Pat"}],
    "publisher": "A & B", "issued": {"date-parts": [[2020]]},
})


def test_html_escapes_every_field_value() -> None:
    for style in ("apa", "mla", "chicago", "chicago-notes"):
        entries = format_bibliography([EVIL], style, output="html").entries
        text = "".join(entries) + "".join(format_citations([EVIL], style, output="html"))
        assert "<script>" not in text and "<img" not in text
        assert "&#60;script&#62;" in text.lower()
        assert "A &#38; B" in "".join(entries)
        assert "<b>bold</b>" in "".join(entries).lower()  # CSL rich text markup is kept


def test_rtf_and_markdown_outputs() -> None:
    item = Item.from_json({"id": "b", "type": "book", "title": "Über alles",
                           "author": [{"family": "Smith", "given": "Jane"}],
                           "publisher": "Press", "issued": {"date-parts": [[2001]]}})
    rtf = format_bibliography([item], "apa", output="rtf").entries[0]
    assert "{\\i{}\\uc0\\u220{}ber alles}" in rtf
    md = format_bibliography([item], "apa", output="markdown").entries[0]
    assert md == "Smith, J. (2001). *Über alles*. Press."


def test_quotes_flip_when_nested_and_punctuation_moves_inside() -> None:
    inner = Span(["inner"], {"quotes": "true"})
    outer = Span(["say ", inner], {"quotes": "true", "suffix": "."})
    assert render(outer, "text", Quotes(), punctuation_in_quote=True) == \
        "\u201csay \u2018inner.\u2019\u201d"
    assert render(outer, "text", Quotes(), punctuation_in_quote=False) == \
        "\u201csay \u2018inner\u2019\u201d."


def test_a_styles_nested_fonts_repeat_and_a_fields_markup_flips() -> None:
    # citeproc-js: italic inside the style's italic stays italic (<i><i>); <i> markup in a
    # field flips to normal inside it, as does <b> inside bold
    nested = Span(["In ", Span(["Title"], {"font-style": "italic"})], {"font-style": "italic"})
    assert render(nested, "html") == "<i>In <i>Title</i></i>"
    field = Span([Span(parse_rich("A <i>status quo</i> view"), tag=Tag.TITLE)],
                 {"font-style": "italic"})
    assert render(field, "html") == \
        '<i>A <span style="font-style:normal;">status quo</span> view</i>'
    bold = Span([Span(parse_rich("<b>x</b>"))], {"font-weight": "bold"})
    assert render(bold, "html") == '<b><span style="font-weight:normal;">x</span></b>'


def test_display_block_starts_a_new_line_in_plain_text() -> None:
    tree = Span([Span(["Ahmed 1982"], {"display": "block"}),
                 Span(["Fatima Ahmed. A history."], {"display": "block"})])
    assert render(tree) == "\nAhmed 1982\nFatima Ahmed. A history."
    assert render(Span([Span(["1."], {"display": "left-margin"}), Span(["Text"])])) == "1. Text"
    assert render(Span(["A", Span(["b"], {"display": "indent"})])) == "A\n    b"


def test_duplicate_punctuation_collapses_at_joins() -> None:
    span = Span([Span(["Smith, J."], {"suffix": "."}), "Title?"], {"delimiter": " "})
    tree = Span([span], {"suffix": "."})
    assert render(tree) == "Smith, J. Title?"


def test_plain_text_entries_are_single_lines() -> None:
    items = [Item.from_json({"id": f"i{n}", "type": "article-journal", "title": f"T{n}",
                             "author": [{"family": "Doe", "given": "J"}],
                             "issued": {"date-parts": [[2000 + n]]}}) for n in range(3)]
    for entry in format_bibliography(items, "apa").entries:
        assert "\n" not in entry


def test_an_empty_root_span_renders_only_its_own_affixes() -> None:
    # a bibliography entry whose layout renders nothing (estudios-de-cultura-maya, found by
    # the whole-library sweep) crashed while moving a trailing space that was not there
    for fmt in ("text", "html", "rtf"):
        assert render(Span([], {}), fmt) == ""
        assert render(Span([Span([], {})], {"suffix": ". "}), fmt) == ". "
