"""CSL-JSON / CSL-YAML readers and writers, schema validation and readable ids."""
from __future__ import annotations

import re

import pytest
from project_paths import SHARED

from citekit.export import export
from citekit.model import Item, Name
from citekit.model.keys import assign_ids
from citekit.model.schema import item_errors, validate_items
from citekit.sources import detect_format, read_text

HUMANS = SHARED / "csl" / "test-suite" / "processor-tests" / "humans"
_INPUT = re.compile(r">>=+ INPUT =+>>(.*?)<<=+ INPUT =+<<", re.S)

ITEM = {"id": "smith2013north", "type": "article-journal",
        "title": "North Korea in Japan’s Strategic Thinking",
        "author": [{"family": "Smith", "given": "Sheila A."}],
        "issued": {"date-parts": [[2013, 9], [2013, 10]]}, "volume": "1", "issue": "2",
        "container-title": "ASAN Forum", "custom-field": {"kept": True}}


def test_json_reader_keeps_unknown_fields_and_drops_empty_ones() -> None:
    text = '[{"id": "a", "type": "book", "title": "T", "note": "", "x-odd": [1, 2], ' \
           '"author": [{"family": "Doe", "given": ""}], "issued": {"date-parts": []}}]'
    result = read_text(text, "a.json")
    assert result.errors == []
    assert result.items[0].to_json() == {"id": "a", "type": "book", "title": "T",
                                         "x-odd": [1, 2], "author": [{"family": "Doe"}]}


def test_json_reader_parses_names_and_dates_written_as_text() -> None:
    text = '{"id": "a", "type": "book", "author": "Smith, John and Jane Doe", ' \
           '"issued": "Spring 2010", "accessed": {"raw": "15 March 2009"}}'
    item = read_text(text, "a.json").items[0].to_json()
    assert item["author"] == [{"family": "Smith", "given": "John"},
                              {"family": "Doe", "given": "Jane"}]
    assert item["issued"] == {"date-parts": [[2010]], "season": 1}
    assert item["accessed"] == {"date-parts": [[2009, 3, 15]]}


def test_json_syntax_error_names_file_and_line() -> None:
    result = read_text('[\n  {"id": "a",\n  "title": }', "broken.json")
    assert result.items == []
    (error,) = result.errors
    assert error.file == "broken.json" and error.line == 3
    assert str(error).startswith("broken.json:3: invalid JSON")


def test_bad_entries_are_reported_and_good_ones_kept() -> None:
    result = read_text('[{"id": "a", "type": "book"}, 7, {"id": "b", "author": [3]}]', "m.json")
    assert [i.id for i in result.items] == ["a"]
    assert [str(e) for e in result.errors] == [
        "m.json: entry 2 is a int, not an object",
        "m.json: [b] entry 3: a name must be an object, not int"]


@pytest.mark.parametrize("to", ["json", "yaml"])
def test_writers_round_trip(to: str) -> None:
    item = Item.from_json(ITEM)
    text = export([item], to).text
    back = read_text(text, f"out.{to}")
    assert back.errors == [] and back.items == [item]


def test_pandoc_references_form_and_front_matter() -> None:
    item = Item.from_json(ITEM)
    text = export([item], "yaml", references=True).text
    assert text.startswith("---\nreferences:\n")
    assert detect_format(text) == "yaml"
    markdown = text.replace("...\n", "---\n") + "\n# A document\n\nBody text [@smith2013north].\n"
    assert read_text(markdown, "paper.md", "yaml").items == [item]


def test_yaml_dates_and_numbers_are_normalised() -> None:
    text = "- id: 12\n  type: book\n  issued: 2013-09-15\n  title: T\n"
    item = read_text(text, "a.yaml").items[0].to_json()
    assert item == {"id": "12", "type": "book", "issued": {"date-parts": [[2013, 9, 15]]},
                    "title": "T"}


def test_yaml_error_names_file_and_line() -> None:
    (error,) = read_text("- id: a\n  title: [unclosed\n- id: b\n", "x.yaml").errors
    assert error.file == "x.yaml" and error.line is not None


def test_every_csl_test_suite_input_loads() -> None:
    files = sorted(HUMANS.glob("*.txt"))
    if not files:
        pytest.skip("CSL test suite not available")
    count = 0
    for path in files:
        match = _INPUT.search(path.read_text(encoding="utf-8"))
        assert match, path.name
        result = read_text(match.group(1), path.name, "csl-json")
        assert result.errors == [], path.name
        count += len(result.items)
    assert count > 1000


def test_schema_accepts_good_items_and_names_bad_ones() -> None:
    assert item_errors(Item.from_json({k: v for k, v in ITEM.items() if k != "custom-field"})) == []
    errors = validate_items([Item.from_json(ITEM)], file="f.json")
    assert [str(e) for e in errors] == [
        "f.json: [smith2013north] Additional properties are not allowed "
        "('custom-field' was unexpected)"]
    (bad,) = item_errors({"id": "x", "type": "not-a-type"})
    assert bad.key == "x" and "type" in str(bad)


def test_ids_are_readable_stable_and_unique() -> None:
    def fresh() -> list[Item]:
        base = {k: v for k, v in ITEM.items() if k != "id"}
        return [Item.from_json(base), Item.from_json(base), Item.from_json(ITEM),
                Item.from_json({"type": "report", "title": "The Japan Question"})]

    items = fresh()
    given = assign_ids(items)
    assert [i.id for i in items] == ["smith2013northa", "smith2013northb", "smith2013north",
                                     "japan"]
    assert given == ["smith2013northa", "smith2013northb", "japan"]
    again = fresh()
    assign_ids(again)
    assert [i.id for i in again] == [i.id for i in items]


def test_a_name_is_the_same_value_once_written() -> None:
    # to_json keeps the written parts on the (frozen) name: equality, hash, repr and the
    # extra keys must not see it
    name = Name(family="Smith", given="Sheila A.", extra={"x": 1})
    before = (repr(name), hash(name))
    first = name.to_json()
    first["family"] = "changed"
    assert name.to_json() == {"family": "Smith", "given": "Sheila A.", "x": 1}
    assert (repr(name), hash(name)) == before
    assert name == Name(family="Smith", given="Sheila A.")
    name.extra["y"] = 2
    assert name.to_json()["y"] == 2
    assert Name(literal="", comma_suffix=False).to_json() == {}


def test_value_problem_limits_nesting_and_finds_non_finite_numbers_anywhere() -> None:
    from citekit.model.io import MAX_FIELD_DEPTH, value_problem

    def nested(levels: int) -> list:
        value: list = []
        for _ in range(levels - 1):
            value = [value]
        return value

    assert value_problem(nested(MAX_FIELD_DEPTH)) is None
    assert "nested more than" in (value_problem(nested(MAX_FIELD_DEPTH + 1)) or "")
    assert value_problem([{"family": "A", "given": "B"}, {"literal": "C", "n": 2.5}]) is None
    assert "not finite" in (value_problem({"date-parts": [[2000, float("nan")]]}) or "")
    assert "not finite" in (value_problem(float("inf")) or "")
    assert value_problem("text") is None and value_problem(3) is None


def test_names_of_a_family_and_a_given_name_are_shared_and_equal_to_parsed_ones() -> None:
    """The common CSL-JSON name ({family, given}) is made once and shared; every other form
    is parsed as before, and empty names are dropped."""
    from citekit.model.item import _name_of

    plain = {"family": "Smith", "given": "Ann"}
    assert _name_of(plain) is _name_of(dict(plain)) == Name.from_json(plain)
    for other in ({"family": "Smith"}, {"literal": "WHO"}, {"family": "S", "given": "A",
                                                            "suffix": "Jr."},
                  {"family": "Smith", "given": ""}, "Smith, Ann"):
        assert _name_of(other) == Name.from_json(other)
    assert _name_of({}) is None and _name_of({"family": ""}) is None
    item = Item.from_json({"id": "x", "author": [plain, {}, {"family": "Lee", "given": "B"}]})
    assert [n.family for n in item.names("author")] == ["Smith", "Lee"]
