"""Format stage: the evaluator's shortcuts (issue 21) give what the plain evaluation gives.

Sorting refines ties key by key and sorts by the values themselves; plain variable conditions
are one function; number texts, read-only number parses, text-case of plain texts and
localized date parts are worked out once. Each is compared here with the general path.
"""
from __future__ import annotations

from functools import cmp_to_key
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from citekit.csl.eval import conditions, numbers, numparse, textcase
from citekit.csl.eval.sort import _compare, sort_items
from citekit.csl.nodes import Node
from citekit.csl.processor import Processor
from citekit.csl.style import load_style, style_from_string
from citekit.model import Date, Item

# -- sorting ---------------------------------------------------------------------------------

_VALUE = st.one_of(st.none(), st.integers(0, 3), st.tuples(st.integers(0, 2), st.integers(0, 2)))


def _reference(entries: list[int], values: list[list[Any]], descending: list[bool]) -> list[int]:
    """A stable sort comparing every key at once: empty values last in both directions."""
    def cmp(a: int, b: int) -> int:
        for i, down in enumerate(descending):
            x, y = values[a][i], values[b][i]
            if x is None or y is None:
                c = (x is None) - (y is None)
            else:
                c = -_compare(x, y) if down else _compare(x, y)
            if c:
                return c
        return 0
    return sorted(entries, key=cmp_to_key(cmp))


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 3).flatmap(lambda n: st.tuples(
    st.lists(st.lists(_VALUE, min_size=n, max_size=n), max_size=40),
    st.lists(st.booleans(), min_size=n, max_size=n))))
def test_sort_items_equals_a_comparison_of_all_keys(case: tuple[list[list[Any]], list[bool]]
                                                    ) -> None:
    values, descending = case
    keys = [Node("key", {"sort": "descending" if d else "ascending"}) for d in descending]
    # one key's values are all ints or all tuples (as a sort key's values are of one kind)
    for i in range(len(keys)):
        if any(isinstance(row[i], tuple) for row in values):
            for row in values:
                if isinstance(row[i], int):
                    row[i] = (row[i], 0)
    entries = list(range(len(values)))
    asked: list[tuple[int, int]] = []
    prefetched: list[tuple[int, int]] = []

    def value(entry: int, index: int) -> Any:
        asked.append((entry, index))
        return values[entry][index]

    def prefetch(batch: list[int], index: int) -> None:
        prefetched.extend((entry, index) for entry in batch)

    assert sort_items(entries, keys, value, prefetch) == _reference(entries, values, descending)
    # every value asked for was announced first, and only entries still tied are asked
    assert set(asked) <= set(prefetched)
    assert sort_items(entries, keys, lambda e, i: values[e][i]) == \
        _reference(entries, values, descending)


def test_sort_values_that_do_not_compare_fall_back_to_their_text() -> None:
    values = [[3], ["2"], [1], ["10"]]
    keys = [Node("key", {})]
    # ints and strings do not compare: as _compare, their texts are compared ("1" < "10" < "2")
    assert sort_items([0, 1, 2, 3], keys, lambda e, i: values[e][i]) == [2, 3, 1, 0]


def test_later_keys_are_asked_only_for_ties() -> None:
    values = {"a": [1, "x"], "b": [2, "y"], "c": [1, "z"], "d": [None, "w"], "e": [None, "v"]}
    keys = [Node("key", {}), Node("key", {})]
    batches: list[tuple[list[str], int]] = []
    order = sort_items(list(values), keys, lambda e, i: values[e][i],
                       lambda batch, index: batches.append((batch, index)))
    assert order == ["a", "c", "b", "e", "d"]
    assert batches == [(["a", "b", "c", "d", "e"], 0), (["a", "c", "d", "e"], 1)]


# -- conditions ------------------------------------------------------------------------------

_FIELD = st.sampled_from([None, "", "x", "0", 7, ["a"], {"k": 1}])
_DATE = st.sampled_from([None, Date(parts=((2001,),)), Date(literal="spring"),
                         Date(raw="2001-2-3"), Date(season="1")])
_VARIABLES = ("title", "volume", "note", "issued")


@settings(max_examples=200, deadline=None)
@given(st.tuples(_FIELD, _FIELD, _FIELD, _DATE),
       st.lists(st.sampled_from(_VARIABLES), min_size=1, max_size=3),
       st.sampled_from(["all", "any", "none", "nand"]))
def test_variable_conditions_equal_the_general_tests(fields: tuple[Any, ...], tested: list[str],
                                                     match: str) -> None:
    item = Item("i", "book", {v: f for v, f in zip(_VARIABLES, fields) if f is not None})
    proc = Processor(load_style("apa"), [item])
    ctx = proc.context(proc.item("i"), "bibliography")
    node = Node("if", {"variable": " ".join(tested), "match": match})
    general = conditions._lazy(match, [(conditions._has_value, v) for v in tested])
    assert conditions.compiled(node)(ctx) is general(ctx)


# -- memos -----------------------------------------------------------------------------------

_RANGES = """<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text"
  page-range-format="{fmt}"><info><title>t</title><id>t</id></info>
  <citation><layout><text variable="page"/></layout></citation>
  <bibliography><layout><text variable="page"/><text variable="title" text-case="title"/>
  <date variable="issued" form="text"/></layout></bibliography></style>"""


def test_number_texts_are_kept_per_page_range_format() -> None:
    item = Item("i", "book", {"page": "321-328"})
    texts = []
    for fmt in ("expanded", "minimal", "expanded"):
        proc = Processor(style_from_string(_RANGES.format(fmt=fmt)), [item])
        ctx = proc.context(proc.item("i"), "bibliography")
        text = numbers.number_text("321-328", "page", ctx, None)
        assert text == numbers._number_text("321-328", "page", ctx.locale, None, None, fmt)
        texts.append(text)
    assert texts == ["321\u2013328", "321\u20138", "321\u2013328"]


def test_read_only_number_parses_equal_fresh_ones() -> None:
    locale = load_style("apa").locale()
    for raw in ("12", "12-14", "pp. 3, 5", "iv", 7, "2nd"):
        kept = numparse.parsed_number(raw, "page", locale)
        assert kept is numparse.parsed_number(raw, "page", locale)
        fresh = numparse.parse_number(raw, "page", locale)
        assert (kept.numeric, kept.plural, kept.label) == \
            (fresh.numeric, fresh.plural, fresh.label)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="abc ABC-:.ıİi", max_size=20),
       st.sampled_from(["lowercase", "uppercase", "capitalize-first", "capitalize-all",
                        "sentence", "title"]),
       st.sampled_from([None, "tr", "en"]))
def test_text_case_of_plain_text_equals_the_transform(text: str, case: str,
                                                      language: str | None) -> None:
    expected = "".join(textcase._transform(text, [False] * len(text), case,
                                           textcase._is_turkic(language)))
    assert textcase.apply_text_case([text], case, language) == [expected]
    assert textcase.apply_text_case([text], case, language) == [expected]  # from the memo


def test_localized_date_parts_follow_the_locale() -> None:
    style = style_from_string(_RANGES.format(fmt="expanded"))
    item = Item("i", "book", {"issued": Date(parts=((2001, 3, 4),))})
    texts = []
    for lang in ("en-US", "de-DE", "en-US"):
        proc = Processor(style, [item], locale=lang)
        texts.append(proc.bibliography().entries[0])
    assert texts[0] == texts[2] != texts[1]
    assert "March" in texts[0] and "März" in texts[1]


def test_owned_memo_hits_only_for_the_same_owners_and_stays_bounded() -> None:
    from citekit.csl.eval.memo import OwnedMemo

    class Owner:
        pass

    a, b = Owner(), Owner()
    memo: OwnedMemo[str] = OwnedMemo(2)
    assert memo.put(("x", id(a)), (a,), "A") == "A"
    assert memo.get(("x", id(a)), (a,)) == "A"
    assert memo.get(("x", id(a)), (b,)) is None  # same key, another object: a miss
    memo.put(("y", id(b)), (b,), "B")
    memo.put(("z", id(b)), (b,), "C")  # full: cleared first
    assert memo.get(("x", id(a)), (a,)) is None and memo.get(("z", id(b)), (b,)) == "C"


# -- groups whose variables an item lacks ----------------------------------------------------

_FIELDS: dict[str, Any] = {
    "author": [{"family": "Smith", "given": "Ann"}], "editor": [{"family": "Ode", "given": "B"}],
    "title": "A title", "container-title": "A journal", "publisher": "A press",
    "publisher-place": "Paris", "volume": "3", "issue": "2", "page": "10-20",
    "issued": {"date-parts": [[2001, 5]]}, "DOI": "10.1/x", "URL": "https://example.org/x",
    "edition": "2", "genre": "Thesis", "number": "7", "collection-title": "A series",
    "accessed": {"date-parts": [[2020, 1, 2]]}, "title-short": "Short",
}
_TYPES = ["book", "article-journal", "chapter", "report", "thesis", "webpage", "document"]


def _formatted(data: bytes, items: list[Item]) -> tuple[list[str], list[str], list[str]]:
    """Citations (one per item, in notes), bibliography ids and entries with a freshly
    parsed style."""
    from citekit.csl.document import Citation, process
    from citekit.csl.eval.context import Cite
    from citekit.csl.style import parse_style

    proc = Processor(parse_style(data), [i.copy() for i in items])
    cites = process(proc, [Citation([Cite(i.id)], note_index=n + 1)
                           for n, i in enumerate(items)])
    bib = proc.bibliography()
    return cites, bib.ids, bib.entries


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_TYPES),
                          st.sets(st.sampled_from(sorted(_FIELDS)), max_size=8)),
                min_size=2, max_size=10),
       st.sampled_from(["apa", "chicago-notes-bibliography", "modern-language-association"]))
def test_skipped_groups_give_what_evaluating_them_gives(entries: list[tuple[str, set[str]]],
                                                        name: str) -> None:
    """Items formatted with groups skipped for items lacking their variables (a suppressed
    outcome remembered from one item to the next) equal the same items formatted with every
    group evaluated, in citations and in the bibliography."""
    from citekit.csl.eval import absent
    from citekit.csl.style import resolve_style

    data = resolve_style(name).data
    items = [Item.from_json({"id": f"i{n}", "type": kind, **{k: _FIELDS[k] for k in fields}})
             for n, (kind, fields) in enumerate(entries)]
    skipping = _formatted(data, items)
    real = absent.variables_of
    absent.variables_of = lambda nodes: None  # type: ignore[assignment]
    try:
        evaluated = _formatted(data, items)
    finally:
        absent.variables_of = real
    assert skipping == evaluated


def test_a_group_an_item_lacks_is_evaluated_once_per_item_type(monkeypatch: Any) -> None:
    from citekit.csl.eval import core

    style = style_from_string("""<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0">
      <citation><layout><text value="c"/></layout></citation>
      <bibliography><layout>
        <group prefix="(" suffix=")"><text variable="volume"/><text variable="issue"/></group>
        <text variable="title"/>
      </layout></bibliography></style>""")
    calls: list[int] = []
    real = core.group_children
    monkeypatch.setattr(core, "group_children",
                        lambda nodes, ctx: calls.append(1) or real(nodes, ctx))
    items = [Item.from_json({"id": f"b{n}", "type": "book", "title": f"T{n}"})
             for n in range(5)]
    assert Processor(style, items).bibliography().entries == [f"T{n}" for n in range(5)]
    assert len(calls) == 1  # the first book lacking volume and issue; the others skip it
    items.append(Item.from_json({"id": "v", "type": "book", "title": "V", "volume": "2"}))
    calls.clear()
    assert Processor(style, items).bibliography().entries[-1] == "(2)V"
    assert len(calls) == 1  # only the item that holds one of them


def test_a_skipped_group_hands_up_what_it_tried() -> None:
    """A suppressed inner group tells the outer one that a variable was tried, so the outer
    group's term does not print alone: also when the inner group is skipped (the outer one,
    testing the cite's position, is not)."""
    style = style_from_string("""<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0">
      <citation><layout><text value="c"/></layout></citation>
      <bibliography><layout>
        <group delimiter=" " suffix=" "><text term="in"/><group><text variable="volume"/>
          </group><choose><if position="first"><text value="x"/></if></choose></group>
        <group delimiter=" " suffix=" "><text term="and"/><group><text term="in"/></group>
        </group>
        <text variable="title"/>
      </layout></bibliography></style>""")
    items = [Item.from_json({"id": f"b{n}", "type": "book", "title": f"T{n}"})
             for n in range(3)]
    items.append(Item.from_json({"id": "v", "type": "book", "title": "V", "volume": "2"}))
    assert Processor(style, items).bibliography().entries == [
        "And in T0", "And in T1", "And in T2", "In 2 and in V"]


def test_variables_a_group_depends_on() -> None:
    from citekit.csl.eval.absent import variables_of

    def of(xml: str) -> frozenset[str] | None:
        root = style_from_string(f"""<style xmlns="http://purl.org/net/xbiblio/csl"
            version="1.0"><citation><layout>{xml}</layout></citation></style>""")
        assert root.citation is not None
        return variables_of(root.citation.layout.children)

    assert of('<group><text variable="title" form="short"/><names variable="editor">'
              '<substitute><text variable="container-title"/></substitute></names>'
              '<choose><if is-numeric="volume"><text term="volume"/></if></choose></group>'
              ) == {"title", "title-short", "shortTitle", "editor", "editor-short",
                    "container-title", "container-title-short", "journalAbbreviation",
                    "volume", "volume-short"}
    assert of('<choose><if position="first"><text variable="title"/></if></choose>') is None
    assert of('<choose><if disambiguate="true"><text variable="title"/></if></choose>') is None
    assert of('<group><text variable="citation-number"/></group>') is None
    assert of('<group><label variable="locator"/></group>') is None
    assert of('<group><text term="in"/></group>') == frozenset()
