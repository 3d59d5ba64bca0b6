"""Writes tests/data/oracle/fixtures/: small fixtures in the CSL test-suite format whose RESULT
is citeproc-js's output, for engine behaviour the suites touch only once.

Cases so far: cite collapsing with year-suffixes (``collapse="year-suffix"`` and
``-ranged``) with locators, prefixes and suffixes on the collapsed cites, the year-suffix
implicit or rendered by ``<text variable="year-suffix"/>``, with and without
``cite-group-delimiter`` beside ``year-suffix-delimiter``; and cites whose names are
substituted (by a text, a macro, a title, or an editor's names), which citeproc-js neither
collapses nor groups unless names stand in; terms a style defines with only whitespace or
line breaks in them; ``initialize-with`` holding citeproc-js's ``%s`` placeholder.
Deterministic; from the repo root:

    python tools/oracle/make_fixtures.py
    node tools/oracle/run_fixtures.js tests/data/oracle/fixtures --adopt

The second step writes citeproc-js's output into each RESULT (``tests/test_oracle_fixtures.py``
compares citekit's with it).
"""
from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent.parent / "tests" / "data" / "oracle" / "fixtures"

STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>collapse</title><id>collapse</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation disambiguate-add-year-suffix="true" collapse="{collapse}"{delimiters}>
    <sort><key variable="author"/><key variable="issued"/></sort>
    <layout prefix="(" suffix=")" delimiter="; ">
      <group>
        <names variable="author" suffix=" "><name form="short"/></names>
        <date variable="issued"><date-part name="year"/></date>{explicit}
      </group>
      <group prefix=", " delimiter=" ">
        <label variable="locator" form="short"/>
        <text variable="locator"/>
      </group>
    </layout>
  </citation>
</style>"""

ITEMS = [{"id": k, "type": "article", "title": f"Title {k}", "author": [{"family": "Dummy",
          "given": "John"}], "issued": {"date-parts": [[2022]]}} for k in "abcde"]

CITES: dict[str, list[dict[str, str]]] = {
    "plain": [{"id": "a"}, {"id": "b"}],
    "locator-both": [{"id": "a", "locator": "100"}, {"id": "b", "locator": "6"}],
    "locator-first": [{"id": "a", "locator": "100"}, {"id": "b"}],
    "locator-second": [{"id": "a"}, {"id": "b", "locator": "6"}],
    "prefix": [{"id": "a"}, {"id": "b", "prefix": "see"}],
    "suffix": [{"id": "a"}, {"id": "b", "suffix": "and more"}],
    "same-item": [{"id": "a", "locator": "1"}, {"id": "a", "locator": "2"}, {"id": "b"}],
    "five": [{"id": k} for k in "abcde"],
    "five-locator": [{"id": "a"}, {"id": "b"}, {"id": "c", "locator": "3"}, {"id": "d"},
                     {"id": "e"}],
}

DELIMITERS = {
    "both": ' cite-group-delimiter="#" year-suffix-delimiter="|"',
    "suffix-delimiter": ' year-suffix-delimiter="|"',
}


def fixture(collapse: str, delimiters: str, explicit: bool, cites: list[dict[str, str]]) -> str:
    csl = STYLE.format(collapse=collapse, delimiters=delimiters,
                       explicit='\n        <text variable="year-suffix"/>' if explicit else "")
    sections = [("MODE", "citation"), ("RESULT", "(citeproc-js's output: make_fixtures.py)"),
                ("CSL", csl), ("INPUT", json.dumps(ITEMS, indent=1)),
                ("CITATION-ITEMS", json.dumps([cites]))]
    return "".join(f">>===== {name} =====>>\n{body}\n<<===== {name} =====<<\n\n"
                   for name, body in sections)


SUBSTITUTE_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>substitute</title><id>substitute</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <macro name="container"><text variable="container-title" font-style="italic"/></macro>
  <citation disambiguate-add-year-suffix="true" collapse="year"{delimiters}>
    <layout prefix="(" suffix=")" delimiter="; ">
      <group delimiter=" ">
        <names variable="author">
          <name form="short"/>
          <substitute><names variable="editor"/>{substitute}</substitute>
        </names>
        <date variable="issued"><date-part name="year"/></date>
      </group>
    </layout>
  </citation>
</style>"""

SUBSTITUTES = {"text": '<text variable="container-title" font-style="italic"/>',
               "macro": '<text macro="container"/>', "title": '<text variable="title"/>'}


def _magazine(key: str, year: int, **fields: object) -> dict[str, object]:
    return {"id": key, "type": "article-magazine", "container-title": "Magazine",
            "title": "Same title", "issued": {"date-parts": [[year]]}, **fields}


SUBSTITUTE_ITEMS = [_magazine("a", 2012), _magazine("b", 2013),
                    _magazine("c", 2014, **{"container-title": "Other"}),
                    _magazine("d", 2015, editor=[{"family": "Roe", "given": "Al"}]),
                    _magazine("e", 2016, editor=[{"family": "Roe", "given": "Al"}])]


def substitute_fixture(substitute: str, delimiters: str, cites: list[str]) -> str:
    csl = SUBSTITUTE_STYLE.format(substitute=substitute, delimiters=delimiters)
    sections = [("MODE", "citation"), ("RESULT", "(citeproc-js's output: make_fixtures.py)"),
                ("CSL", csl), ("INPUT", json.dumps(SUBSTITUTE_ITEMS, indent=1)),
                ("CITATION-ITEMS", json.dumps([[{"id": c} for c in cites]]))]
    return "".join(f">>===== {name} =====>>\n{body}\n<<===== {name} =====<<\n\n"
                   for name, body in sections)


TERM_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>terms</title><id>terms</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <locale><terms><term name="and others">{term}</term><term name="edition">{term}</term>
    <term name="editor"><single>{term}</single><multiple>{term}</multiple></term></terms></locale>
  <citation>
    <layout>
      <names variable="author" suffix=". ">
        <name et-al-min="2" et-al-use-first="1" initialize-with="."/>
        <et-al term="and others"/>
      </names>
      <text variable="title"/>
      <text term="edition" prefix="[" suffix="]"/>
      <names variable="editor" prefix=" ("  suffix=")"><label/></names>
    </layout>
  </citation>
</style>"""

TERMS = {"line-break": "\n      ", "spaces": "  ", "padded": " x ", "broken": "x\ny"}
TERM_ITEMS = [{"id": "a", "type": "book", "title": "T", "editor": [{"family": "Poe"}],
               "author": [{"family": "Doe", "given": "John"}, {"family": "Roe", "given": "Jim"}]}]


def term_fixture(term: str) -> str:
    sections = [("MODE", "citation"), ("RESULT", "(citeproc-js's output: make_fixtures.py)"),
                ("CSL", TERM_STYLE.format(term=term)), ("INPUT", json.dumps(TERM_ITEMS))]
    return "".join(f">>===== {name} =====>>\n{body}\n<<===== {name} =====<<\n\n"
                   for name, body in sections)


INITIALS_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>initials</title><id>initials</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation>
    <layout delimiter="; ">
      <names variable="author"><name initialize-with="{init}"/></names>
    </layout>
  </citation>
</style>"""

GIVEN = ["John Paul", "Jean-Paul", "健一郎", "栄", "J. R.", "Marie", "三郎", "三朗", "John", "Jake"]
INITIALS_ITEMS = [{"id": f"i{n}", "type": "book", "author": [
    {"family": "山田" if n >= 6 else ("我妻" if n in (2, 3) else "Doe"), "given": given}]}
    for n, given in enumerate(GIVEN)]


def initials_fixture(init: str) -> str:
    csl = INITIALS_STYLE.format(init=init)
    sections = [("MODE", "citation"), ("RESULT", "(citeproc-js's output: make_fixtures.py)"),
                ("CSL", csl), ("INPUT", json.dumps(INITIALS_ITEMS, ensure_ascii=False)),
                ("CITATION-ITEMS", json.dumps([[{"id": i["id"]}] for i in INITIALS_ITEMS]))]
    return "".join(f">>===== {name} =====>>\n{body}\n<<===== {name} =====<<\n\n"
                   for name, body in sections)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for collapse in ("year-suffix", "year-suffix-ranged"):
        for dname, delimiters in DELIMITERS.items():
            for explicit in (False, True):
                for cname, cites in CITES.items():
                    if collapse.endswith("ranged") and not cname.startswith("five"):
                        continue
                    name = f"collapse_{collapse}-{dname}-{'text' if explicit else 'implicit'}" \
                           f"-{cname}"
                    (OUT / f"{name}.txt").write_text(
                        fixture(collapse, delimiters, explicit, cites), encoding="utf-8")
    for sname, substitute in SUBSTITUTES.items():
        for dname, delimiters in (("plain", ""), ("grouped", ' cite-group-delimiter=", "')):
            for cname, cites in (("same", ["a", "b"]), ("between", ["a", "c", "b"]),
                                 ("editors", ["d", "a", "e"])):
                (OUT / f"collapse_substitute-{sname}-{dname}-{cname}.txt").write_text(
                    substitute_fixture(substitute, delimiters, cites), encoding="utf-8")
    for tname, term in TERMS.items():
        (OUT / f"terms_whitespace-{tname}.txt").write_text(term_fixture(term), encoding="utf-8")
    for iname, init in (("brackets", "【%s】"), ("period", "%s."), ("parens", "(%s) ")):
        (OUT / f"initials_placeholder-{iname}.txt").write_text(
            initials_fixture(init), encoding="utf-8")


if __name__ == "__main__":
    main()
