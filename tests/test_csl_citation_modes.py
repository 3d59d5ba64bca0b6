"""Format stage: citation-level features — properties.mode, cite flags, unsorted."""
from __future__ import annotations

from citekit.csl.document import Citation, process
from citekit.csl.processor import NO_PRINTED_FORM, Processor
from citekit.csl.style import style_from_string
from citekit.model import Item

STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<info><id/><title/><updated>2020-01-01T00:00:00+00:00</updated></info>
<citation><sort><key variable="title"/></sort>
<layout prefix="(" suffix=")" delimiter="; "><group delimiter=", ">
<names variable="author"><name/><substitute><text variable="title"/></substitute></names>
<date variable="issued"><date-part name="year"/></date><text variable="locator"/>
</group></layout></citation></style>"""

ITEMS = [
    Item.from_json({"id": "a", "type": "book", "title": "A", "issued": {"date-parts": [[1999]]},
                    "author": [{"family": "Smith", "given": "John"}]}),
    Item.from_json({"id": "b", "type": "book", "title": "B", "issued": {"date-parts": [[2000]]},
                    "author": [{"family": "Brown", "given": "Ann"}]}),
    Item.from_json({"id": "c", "type": "book", "issued": {"date-parts": [[2001]]}}),
]


def _run(*citations: dict) -> list[str]:
    proc = Processor(style_from_string(STYLE), ITEMS)
    return process(proc, [Citation.from_json(c) for c in citations])


def _citation(ids: list[str], **props: object) -> dict:
    return {"citationItems": [{"id": i, "locator": "5"} for i in ids],
            "properties": {"noteIndex": 0, **props}}


def test_modes_of_a_citation() -> None:
    assert _run(_citation(["a", "b"], mode="author-only")) == ["John Smith"]
    assert _run(_citation(["a", "b"], mode="suppress-author")) == \
        ["(1999, 5; Ann Brown, 2000, 5)"]
    assert _run(_citation(["a", "b"], mode="composite", infix="shows")) == \
        ["John Smith shows (1999, 5; Ann Brown, 2000, 5)"]


def test_author_only_falls_back_to_the_first_element_that_renders() -> None:
    assert _run(_citation(["c"], mode="author-only")) == ["2001"]


def test_unsorted_keeps_the_given_order() -> None:
    assert _run(_citation(["b", "a"])) == ["(John Smith, 1999, 5; Ann Brown, 2000, 5)"]
    assert _run(_citation(["b", "a"], unsorted=True)) == \
        ["(Ann Brown, 2000, 5; John Smith, 1999, 5)"]


def test_suppressed_cite_keeps_its_suffix_and_empty_shows_as_citeproc_js() -> None:
    only = {"citationItems": [{"id": "a", "suppress-author": True, "suffix": "n. 4"}],
            "properties": {"noteIndex": 0}}
    assert _run(only) == ["(1999 n. 4)"]
    nothing = {"citationItems": [{"id": "c", "author-only": True}], "properties": {}}
    assert _run(nothing) == ["2001"]
    empty = Item.from_json({"id": "d", "type": "book"})
    proc = Processor(style_from_string(STYLE), ITEMS + [empty])
    assert process(proc, [Citation.from_json(_citation(["d"], mode="author-only"))]) == \
        [NO_PRINTED_FORM]


def test_positions_the_caller_gives_stand() -> None:
    style = STYLE.replace('<layout prefix="(" suffix=")" delimiter="; ">',
                          '<layout delimiter="; "><choose><if position="subsequent">'
                          '<text value="again"/></if><else><text value="first"/></else></choose>'
                          '<text value=" "/>').replace("</group></layout>", "</group></layout>")
    proc = Processor(style_from_string(style), ITEMS)
    given = [{"citationItems": [{"id": "a", "position": 1}], "properties": {"noteIndex": 1}}]
    computed = [{"citationItems": [{"id": "a"}], "properties": {"noteIndex": 1}}]
    assert process(proc, [Citation.from_json(c) for c in given])[0].startswith("again")
    proc = Processor(style_from_string(style), ITEMS)
    assert process(proc, [Citation.from_json(c) for c in computed])[0].startswith("first")
