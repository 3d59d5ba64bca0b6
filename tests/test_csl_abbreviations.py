"""Format stage: citation-abbreviations lists (pandoc's --citation-abbreviations)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from citekit.api import format_bibliography, format_citations
from citekit.cli import main
from citekit.csl.abbreviations import Abbreviations, load_abbreviations
from citekit.errors import FormatError
from citekit.model import Item

ABBREVS = {"default": {"container-title": {"Journal of Irreproducible Results": "J. Irrep. Res."},
                       "place": {"New York": "NY"}}}
STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<info><id/><title/><updated>2020-01-01T00:00:00+00:00</updated></info>
<citation><layout delimiter="; "><group delimiter=", ">
<text variable="container-title" form="short"/><text variable="publisher-place" form="short"/>
<text variable="container-title-short" prefix="[" suffix="]"/>
</group></layout></citation></style>"""


def _item(**fields: object) -> Item:
    return Item.from_json({"id": "a", "type": "article-journal", **fields})


def test_short_forms_fall_back_to_the_list(tmp_path: Path) -> None:
    style = tmp_path / "s.csl"
    style.write_text(STYLE, encoding="utf-8")
    item = _item(**{"container-title": "Journal of Irreproducible Results",
                    "publisher-place": "New York"})
    assert format_citations([item], str(style), abbreviations=ABBREVS) == \
        ["J. Irrep. Res., NY, [J. Irrep. Res.]"]
    assert format_citations([item], str(style)) == \
        ["Journal of Irreproducible Results, New York"]
    own = _item(**{"container-title": "Journal of Irreproducible Results",
                   "container-title-short": "JIR"})
    assert format_citations([own], str(style), abbreviations=ABBREVS) == ["JIR, [JIR]"]


def test_lists_come_from_files_and_bad_ones_name_the_file(tmp_path: Path) -> None:
    good = tmp_path / "abbrevs.json"
    good.write_text(json.dumps(ABBREVS), encoding="utf-8")
    assert load_abbreviations(good).lookup("container-title",
                                           "Journal of Irreproducible Results") == "J. Irrep. Res."
    assert len(load_abbreviations(good)) == 2
    bad = tmp_path / "bad.json"
    bad.write_text('{"default":\n  {"title": [1, 2]}}', encoding="utf-8")
    with pytest.raises(FormatError, match="bad.json: category 'title'"):
        load_abbreviations(bad)
    broken = tmp_path / "broken.json"
    broken.write_text('{"default":\n  {', encoding="utf-8")
    with pytest.raises(FormatError, match=r"broken.json:2: not JSON"):
        load_abbreviations(broken)
    with pytest.raises(FormatError):
        Abbreviations(["not", "an", "object"])  # type: ignore[arg-type]


def test_cli_flag(tmp_path: Path) -> None:
    items = tmp_path / "refs.json"
    items.write_text(json.dumps([{"id": "a", "type": "article-journal", "title": "T",
                                  "author": [{"family": "Doe", "given": "J."}],
                                  "container-title": "Journal of Irreproducible Results",
                                  "issued": {"date-parts": [[2000]]}}]), encoding="utf-8")
    abbrevs = tmp_path / "abbrevs.json"
    abbrevs.write_text(json.dumps(ABBREVS), encoding="utf-8")
    style = tmp_path / "s.csl"
    style.write_text(STYLE.replace("<citation>", "<citation>").replace(
        "</style>", "<bibliography><layout><text variable=\"container-title\" form=\"short\"/>"
        "</layout></bibliography></style>"), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["format", "--style", str(style), str(items),
                                  "--citation-abbreviations", str(abbrevs)])
    assert result.exit_code == 0, result.output
    assert result.output == "J. Irrep. Res.\n"
    abbrevs.write_text("{", encoding="utf-8")
    result = runner.invoke(main, ["format", "--style", str(style), str(items),
                                  "--citation-abbreviations", str(abbrevs)])
    assert result.exit_code == 2
    assert "abbrevs.json:1: not JSON" in result.output
    assert "Traceback" not in result.output


def test_bibliography_and_document_take_the_list() -> None:
    from citekit import new_document
    from citekit.csl.style import style_from_string

    item = _item(**{"container-title": "Journal of Irreproducible Results"})
    style = style_from_string(STYLE.replace("</style>", "<bibliography><layout><text "
                              "variable=\"container-title\" form=\"short\"/></layout>"
                              "</bibliography></style>"))
    assert format_bibliography([item], style, abbreviations=ABBREVS).entries == \
        ["J. Irrep. Res."]
    doc = new_document([item], style, abbreviations=Abbreviations(ABBREVS))
    doc.insert({"citationItems": [{"id": "a"}], "properties": {"noteIndex": 0}})
    assert doc.texts() == ["J. Irrep. Res., [J. Irrep. Res.]"]


def test_deeply_nested_abbreviation_file_is_one_line(tmp_path: Path) -> None:
    """The list is read by the same bounded JSON loader as every other input: nesting past
    its limit is a located error, never a RecursionError."""
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(FormatError, match=r"deep.json: not JSON: JSON nested too deeply"):
        load_abbreviations(deep)


def test_values_match_as_citeproc_js_matches_them_in_zotero() -> None:
    from citekit.csl.abbreviations import abbreviation_key

    lists = Abbreviations({"default": {
        "title": {"Journal of classical studies": "JoClSt"},
        "container-title": {"The Journal of Law & Economics": "J.L. & Econ."},
        "place": {"US": "U.S.", "New York": "NY"}}})
    assert lists.lookup("title", "Journal of Classical Studies") == "JoClSt"
    assert lists.lookup("title", "  journal of CLASSICAL studies. ") == "JoClSt"
    assert lists.lookup("container-title", "Journal of Law and Economics") == "J.L. & Econ."
    assert lists.lookup("publisher-place", "new york") == "NY"
    assert lists.lookup("jurisdiction", "us") == "U.S."
    assert lists.lookup("title", "Journal of Classical Study") is None
    assert lists.lookup("container-title", "Journal of Classical Studies") is None
    assert abbreviation_key("title", "L'Année  philologique: Revue") == "année philologique revue"
    assert abbreviation_key("title", "Theory and Practice") == "theory practice"
    assert len(lists) == 4
