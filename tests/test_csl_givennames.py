"""Format stage: given names shown in full in the bibliography under the ``by-cite`` rule.

citeproc-js keys its name registry by item under ``givenname-disambiguation-rule="by-cite"``;
a name rendered with initials whose family name and initials its item has registered with
another given name (so far: the cite first, then the entry's lists in order) shows its full
given name. Behaviour as in the stored citeproc-js outputs of tests/data/styles/ (e.g.
mammalogy-notes, annalen-des-naturhistorischen-museums-in-wien).
"""
from __future__ import annotations

from citekit.csl.processor import Processor
from citekit.csl.style import style_from_string
from citekit.model import Item


def _style(rule: str = "", add: str = 'disambiguate-add-givenname="true"',
           cite_title: bool = True) -> str:
    # with its title the cite is never ambiguous: no given name is added to disambiguate it
    title = '<text variable="title" prefix=" "/>' if cite_title else ""
    return f"""<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<info><id/><title/><updated>2020-01-01T00:00:00+00:00</updated></info>
<citation et-al-min="3" et-al-use-first="1" {add} {rule}>
<layout delimiter="; "><names variable="author"><name form="short"/></names>{title}</layout>
</citation>
<bibliography et-al-min="4" et-al-use-first="2"><layout><group delimiter=". ">
<names variable="author"><name name-as-sort-order="all" initialize-with="."/></names>
<names variable="translator"><name name-as-sort-order="all" initialize-with="."/></names>
</group></layout></bibliography></style>"""


def _person(family: str, given: str) -> dict:
    return {"family": family, "given": given}


ITEMS = [
    {"id": "list", "type": "book", "author": [_person("Brown", "Emily"), _person("Ng", "Andrew"),
                                              _person("Brown", "Edward")]},
    {"id": "hidden", "type": "book", "author": [_person("Brown", "Emily"), _person("Ng", "Andrew"),
                                                _person("Ho", "Al"), _person("Brown", "Edward")]},
    {"id": "roles", "type": "book", "author": [_person("Brown", "Emily")],
     "translator": [_person("Brown", "Edward")]},
    {"id": "alone", "type": "book", "author": [_person("Brown", "Eve")]},
]


def _bibliography(style: str) -> dict[str, str]:
    proc = Processor(style_from_string(style), [Item.from_json(d | {"title": d["id"]})
                                                for d in ITEMS])
    bib = proc.bibliography()
    return dict(zip(bib.ids, bib.entries))


def test_names_sharing_initials_in_one_entry_show_their_given_names() -> None:
    got = _bibliography(_style())
    assert got["list"] == "Brown, Emily, Ng, A., Brown, Edward"
    # a name past et-al is registered too
    assert got["hidden"] == "Brown, Emily, Ng, A., et al."
    # the author renders before the translator is registered: only the translator is raised
    assert got["roles"] == "Brown, E. Brown, Edward"
    # another item's Brown, E. is no clash under by-cite
    assert got["alone"] == "Brown, E."


def test_without_add_givenname_initials_stay() -> None:
    got = _bibliography(_style(add=""))
    assert got["list"] == "Brown, E., Ng, A., Brown, E."


def test_given_name_added_to_a_cite_without_initialize_with_shows_in_full() -> None:
    """The cites clash ("Brown"): the given name they add (level 1, no initialize-with in
    the cite) is stored as a full given name, so the initializing bibliography shows it."""
    got = _bibliography(_style(cite_title=False))
    assert got["roles"] == "Brown, Emily. Brown, Edward"
    assert got["alone"] == "Brown, Eve"
