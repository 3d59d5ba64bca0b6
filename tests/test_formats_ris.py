"""RIS reader and writer: a real file, round trips, warnings, properties."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citekit.errors import CitekitError
from citekit.export import export
from citekit.formats.ris import read as risreader
from citekit.formats.ris import tables
from citekit.model import NAME_VARIABLES, Date, Item, Name
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


def _every_tag_record(ty: str) -> str:
    """A record of type ``ty`` giving every tag its kind reads a value of the right shape."""
    _, kind = tables.type_and_kind(ty)
    lines = [f"TY  - {ty}"]
    for number, (tag, var) in enumerate(tables.TAGS[kind].items()):
        if var in NAME_VARIABLES:
            value = f"Family{number}, Given"
        elif var in ("issued", "accessed", "submitted"):
            value = f"{1900 + number}/02/03/"
        elif var in ("ISBN", "ISSN"):
            value = "978-0-306-40615-7" if var == "ISBN" else "0317-8471"
        elif var == "DOI":
            value = f"10.1000/{number}"
        else:
            value = f"Value {number} {tag}"
        lines.append(f"{tag}  - {value}")
    return "\n".join(lines + ["ER  - ", ""])


def test_each_type_reads_its_tags_as_zotero_does() -> None:
    """RIS gives tags a meaning per reference type: a chapter's T2 is its book, a book's its
    series, a conference paper's the conference; SN is a report's number."""
    def one(text: str) -> dict:
        return read_text(text, "t.ris").items[0].to_json()
    assert one("TY  - CHAP\nT2  - Book\nER  - \n")["container-title"] == "Book"
    assert one("TY  - BOOK\nT2  - Series\nER  - \n")["collection-title"] == "Series"
    conference = one("TY  - CONF\nT2  - Conf\nC3  - Proc\nC1  - Rome\nER  - \n")
    assert (conference["event-title"], conference["container-title"],
            conference["publisher-place"]) == ("Conf", "Proc", "Rome")
    assert one("TY  - RPRT\nSN  - TR-7\nER  - \n")["number"] == "TR-7"
    assert one("TY  - BOOK\nSP  - 320\nER  - \n")["number-of-pages"] == "320"
    bill = one("TY  - BILL\nM1  - H.R. 1\nT3  - Congress\nA2  - Doe, Jo\nER  - \n")
    assert (bill["number"], bill["authority"], bill["author"]) == (
        "H.R. 1", "Congress", [{"family": "Doe", "given": "Jo"}])
    # a tag with no meaning for the type is kept aside, not read as something it is not:
    # EndNote's VL is a thesis's degree and a web page's access year
    thesis = one("TY  - THES\nVL  - PhD\nER  - \n")
    assert "volume" not in thesis and thesis["custom"]["ris-tags"] == {"VL": ["PhD"]}
    edited = one("TY  - EDBOOK\nAU  - Ed, A.\nER  - \n")
    assert "author" not in edited and edited["editor"] == [{"family": "Ed", "given": "A."}]


def test_procite_notes_are_read_as_their_fields() -> None:
    """ProCite writes fields as ``Label: value`` notes (and VL is then a book's edition);
    a note that only says "Notes: ..." is anyone's and changes no tag."""
    text = ("TY  - CHAP\nT1  - T\nVL  - 2nd\nN1  - Call Number: QA76\nN1  - Volume ID: 3\n"
            "N1  - Notes: A remark\nER  - \n")
    item = read_text(text, "p.ris").items[0].to_json()
    assert (item["call-number"], item["volume"], item["edition"], item["note"]) == (
        "QA76", "3", "2nd", "A remark")


@pytest.mark.parametrize("ty", sorted(tables.TYPES_AND_KINDS))
def test_every_tag_of_every_type_survives_a_round_trip(ty: str) -> None:
    """read -> write -> read gives back every variable (and every tag kept aside)."""
    first = read_text(_every_tag_record(ty), "a.ris")
    assert first.errors == []
    written = export(first.items, "ris")
    assert written.warnings == []
    again = read_text(written.text, "b.ris").items
    assert [i.to_json() for i in again] == [i.to_json() | {"id": again[0].id}
                                            for i in first.items]


def test_what_a_type_has_no_tag_for_is_announced() -> None:
    item = Item("w", "webpage", {"title": "W", "volume": "3", "number-of-pages": "12"})
    result = export([item], "ris")
    assert result.warnings == ["[w] no place in RIS for: number-of-pages, volume"]


def test_date_tags_that_disagree_are_kept_aside() -> None:
    """The most precise date is the item's; a PY that agrees with it adds nothing, one that
    does not is kept (and written back), never silently dropped. EndNote's yearless DA
    ("July") takes PY's year."""
    def one(text: str) -> dict:
        return read_text(text, "d.ris").items[0].to_json()
    assert one("TY  - JOUR\nPY  - 2013\nDA  - 2013/05/01\nER  - \n")["issued"] == {
        "date-parts": [[2013, 5, 1]]}
    clash = one("TY  - JOUR\nPY  - 1948\nDA  - 2001/02/03\nER  - \n")
    assert clash["issued"] == {"date-parts": [[2001, 2, 3]]}
    assert clash["custom"]["ris-tags"] == {"PY": ["1948"]}
    july = one("TY  - JOUR\nPY  - 1948\nDA  - July\nER  - \n")
    assert july["issued"] == {"date-parts": [[1948, 7]]} and "custom" not in july


def test_a_plain_notes_note_is_not_procite() -> None:
    text = "TY  - BOOK\nTI  - T\nVL  - 3\nN1  - Notes: see also\nER  - \n"
    item = read_text(text, "n.ris").items[0].to_json()
    assert (item["volume"], item["note"]) == ("3", "see also") and "edition" not in item


def test_generic_and_manuscript_records_keep_their_type_of_work() -> None:
    """GEN's M3 is the type of work; a CSL manuscript is written as MANSCPT (as Zotero
    writes one), whose M3 and SP (pages) read back."""
    for item in (Item("g", "document", {"title": "G", "genre": "Memo", "volume": "2"}),
                 Item("m", "manuscript", {"title": "M", "genre": "Draft",
                                          "number-of-pages": "12"})):
        written = export([item], "ris")
        assert written.warnings == []
        back = read_text(written.text, "g.ris").items[0]
        assert back.to_json() == item.to_json() | {"id": back.id}


def test_procite_author_notes_and_retagging_by_ty() -> None:
    """ProCite's ``Author, Subsidiary/Monographic:`` notes name a further author, given name
    first: the first of A1, A2, A3 the record does not use (as Zotero reads them). ProCite's
    other meanings of tags go by the TY it wrote: a BOOK's VL is its edition, a SER's (also
    read as a book) is still its volume."""
    def one(text: str) -> dict:
        return read_text(text, "p.ris").items[0].to_json()
    book = one("TY  - BOOK\nA1  - Doe, J.\nN1  - Author, Subsidiary: Ann Lee; Bo Ma\n"
               "VL  - 2nd\nN1  - Call Number: Q1\nER  - \n")
    assert book["collection-editor"] == [{"family": "Lee", "given": "Ann"},
                                         {"family": "Ma", "given": "Bo"}]  # a book's A2
    assert book["edition"] == "2nd" and "volume" not in book
    series = one("TY  - SER\nT1  - T\nVL  - 3\nN1  - Call Number: Q1\nER  - \n")
    assert series["volume"] == "3" and "edition" not in series
    film = one("TY  - MPCT\nA1  - Dir, A.\nN1  - Author, Monographic: Mono Author\n"
               "N1  - Author, Subsidiary: Sub Author\nER  - \n")
    assert film["producer"] == [{"family": "Author", "given": "Sub"}]  # A3; A2 has no role
    assert film["custom"]["ris-tags"]["A2"] == ["Author, Mono"]


def test_a_type_ris_cannot_hold_is_announced() -> None:
    """RIS's STAND and CLSWK are read as a report and a book (as pandoc and Zotero read them):
    a CSL standard or classic written to RIS loses its type, and says so."""
    for ctype, ty in (("standard", "STAND"), ("classic", "CLSWK"), ("periodical", "JFULL")):
        item = Item("s", ctype, {"title": "S"})
        result = export([item], "ris")
        assert f"TY  - {ty}" in result.text
        back = tables.type_and_kind(ty)[0]
        assert result.warnings == [f"[s] no place in RIS for: type {ctype} (read back as {back})"]
