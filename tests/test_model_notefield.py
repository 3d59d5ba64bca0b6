"""Normalize stage: variables written in the note field (Zotero's "Extra")."""
from __future__ import annotations

from citekit.model import Item
from citekit.model.notefield import lift_note_fields


def _item(**fields: object) -> Item:
    return Item.from_json({"id": "a", "type": "book", **fields})


def test_key_value_lines_become_variables_and_leave_the_note() -> None:
    item = _item(note="original-date: 1925\npublisher-place: Berlin\ntype: dataset\nRead twice.")
    out = lift_note_fields(item)
    assert out.type == "dataset"
    assert out["publisher-place"] == "Berlin"
    assert out.date("original-date").raw == "1925"
    assert out["note"] == "Read twice."
    assert item.type == "book" and "publisher-place" not in item  # the input is untouched


def test_names_add_up_and_braced_fields_count_anywhere_on_a_line() -> None:
    out = lift_note_fields(_item(
        note="{:translator:Quiggly || Bustamonte}\ntranslator:Smith||Jake"
             "{:translator: Brown || Biff }And then there were none."))
    assert [n.family for n in out.names("translator")] == ["Quiggly", "Smith", "Brown"]
    assert out.names("translator")[0].given == "Bustamonte"
    assert out["note"] == "And then there were none."


def test_existing_variables_win_except_dates() -> None:
    out = lift_note_fields(_item(title="Kept", issued={"date-parts": [[1965]]},
                                 note="title: Other\nissued: 1900-06-30"))
    assert out["title"] == "Kept"
    assert out.date("issued").raw == "1900-06-30"
    assert out["note"] == "title: Other"


def test_fields_after_free_text_stay_text() -> None:
    note = "Free text first\nauthor: Doe || Jane\nNotes\nissued: 2000"
    out = lift_note_fields(_item(note=note))
    assert [n.family for n in out.names("author")] == ["Doe"]
    assert out.date("issued") is None
    assert out["note"] == "Free text first\n\nNotes\nissued: 2000"


def test_item_without_fields_is_returned_as_is() -> None:
    item = _item(note="Just a note: with a colon")
    assert lift_note_fields(item) is item
