"""RIS reader and writer: a real file, round trips, warnings, properties."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from citekit.errors import CitekitError
from citekit.export import export
from citekit.formats.ris import read as risreader
from citekit.model import Date, Item, Name
from citekit.sources import detect_format, read_file, read_text

DATA = Path(__file__).parent / "data" / "formats"


def load() -> list[Item]:
    result = read_file(DATA / "sample.ris")
    assert result.errors == [] and result.warnings == []
    return result.items


def test_detection() -> None:
    text = (DATA / "sample.ris").read_text()
    assert detect_format(text, "refs.txt") == "ris"
    assert risreader.detect("no tags here", None) == 0


def test_reads_repeated_tags_dates_pages_and_types() -> None:
    article, book, chapter, report, web, thesis = (i.to_json() for i in load())
    assert [a.get("family", a.get("literal")) for a in article["author"]] == [
        "Smith", "Berg", "Jones", "World Health Organization"]
    assert article["author"][1]["non-dropping-particle"] == "van der"
    assert article["author"][2]["suffix"] == "Jr."
    assert article["keyword"] == "ocean, drift, climate"
    assert article["issued"] == {"date-parts": [[2013, 5, 1]]}  # DA refines PY
    assert article["page"] == "101-120" and article["ISSN"] == "1234-5678"
    assert article["abstract"] == "We revisit the drift across two lines."  # continuation
    assert article["custom"] == {"ris-tags": {"M2": ["extra value"]}}
    assert (book["type"], book["ISBN"], book["edition"]) == ("book", "9780141439549", "2nd")
    assert chapter["type"] == "chapter" and chapter["issued"] == {"date-parts": [[2001]],
                                                                  "season": 1}
    assert chapter["editor"] == [{"family": "Editor", "given": "Ed"}]
    assert report["number"] == "TR-2020-7" and report["accessed"] == {"date-parts": [[2021, 1, 2]]}
    assert web["type"] == "webpage" and thesis["genre"] == "PhD thesis"


def test_ris_round_trip_keeps_every_field() -> None:
    items = load()
    written = export(items, "ris")
    assert written.warnings == []
    back = read_text(written.text, "back.ris").items
    assert [i.to_json() | {"id": ""} for i in back] == [i.to_json() | {"id": ""} for i in items]
    assert written.text.count("\nKW  - ") == 3 and written.text.count("\nAU  - ") == 8
    assert "DA  - 2013/05/01/\n" in written.text and "SP  - 101\nEP  - 120" in written.text


def test_what_ris_cannot_hold_is_a_warning() -> None:
    item = Item("x", "article-journal", {
        "title": "A <i>rich</i> title", "version": "2", "issued": Date(parts=((2001,), (2003,))),
        "reviewed-author": [Name(family="R")]})
    result = export([item], "ris")
    assert "TI  - A rich title" in result.text
    assert result.warnings == ["[x] no place in RIS for: issued (range or circa), "
                               "reviewed-author, title's formatting, version"]


def test_broken_records_are_located_and_others_kept() -> None:
    text = "AU  - Orphan, Tag\nTY  - JOUR\nTI  - Good\nER  - \nER  - \nTY  - BOOK\nTI  - Last\n"
    result = read_text(text, "bad.ris")
    assert [i["title"] for i in result.items] == ["Good", "Last"]
    assert [(e.file, e.line) for e in result.errors] == [("bad.ris", 1), ("bad.ris", 5)]
    assert result.warnings == ["bad.ris:6: record has no ER line"]


_value = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), min_size=1,
                 max_size=20).map(lambda s: " ".join(s.replace(",", " ").split())).filter(bool)
_person = st.builds(lambda f, g: Name(family=f, given=g),
                    st.from_regex(r"[A-Z][a-zß-ÿ]{1,8}", fullmatch=True), _value)
_items = st.builds(
    lambda t, a, d, v, k, ty: Item("x", ty, {"title": t, "author": a, "issued": d, "volume": v,
                                             "keyword": ", ".join(k)}),
    _value, st.lists(_person, min_size=1, max_size=4),
    st.builds(lambda y, m: Date(parts=((y, m),)), st.integers(1000, 2100), st.integers(1, 12)),
    st.from_regex(r"[1-9][0-9]{0,2}", fullmatch=True), st.lists(_value, min_size=1, max_size=3),
    st.sampled_from(["article-journal", "book", "chapter", "report", "paper-conference",
                     "entry-encyclopedia", "article-newspaper", "legislation"]))


@settings(max_examples=60, deadline=None)
@given(_items)
def test_items_survive_ris_round_trip(item: Item) -> None:
    written = export([item], "ris")
    assert written.warnings == []
    back = read_text(written.text, "x.ris")
    assert back.errors == []
    again = back.items[0]
    assert again.id  # RIS has no id field: read_text gives a readable one
    assert again.to_json() == item.to_json() | {"id": again.id}


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["TY  - JOUR", "ER  - ", "AU  - A, B", "PY  - 20x/13",
                                 "SP  - ", "DA  - //", "zz", "KW  -", "Y2  - 2020/13/40",
                                 "TY  - ", "  continued", ""]), max_size=25).map("\n".join))
def test_no_input_makes_the_reader_raise(text: str) -> None:
    try:
        result = risreader.read(text, "fuzz.ris")
    except CitekitError:
        return
    assert all(isinstance(e, CitekitError) and e.file == "fuzz.ris" and e.line
               for e in result.errors)


def test_ris_to_csl_json_to_ris_is_lossless() -> None:
    items = load()
    back = read_text(export(items, "json").text, "items.json").items
    assert export(back, "ris").text == export(items, "ris").text
