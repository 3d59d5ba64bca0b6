"""BibTeX/BibLaTeX reader and writer: real files, hard cases, round trips, properties."""
from __future__ import annotations

import json
import re
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
from bibtexparser.middlewares.names import split_multiple_persons_names
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from project_paths import SHARED

import citekit
from citekit.errors import CitekitError
from citekit.export import export
from citekit.formats.bibtex import latexdecode, tables
from citekit.formats.bibtex import read as bibreader
from citekit.formats.bibtex.fields import split_names
from citekit.formats.bibtex.latexdecode import decode
from citekit.model import Date, Item, Name
from citekit.sources import read_file, read_text

DATA = Path(__file__).parent / "data" / "formats"
CORPUS = SHARED / "corpora" / "biblatex-examples.bib"
SCHEMA = json.loads((Path(citekit.__file__).parent / "data" / "csl-data.json").read_text())
NOCASE = re.compile(r'<span class="nocase">(.*?)</span>')


def by_id(items: list[Item]) -> dict[str, dict]:
    return {item.id: item.to_json() for item in items}


def plain(data):
    """Item JSON with nocase spans unwrapped (the writer adds braces to inner capitals)."""
    if isinstance(data, dict):
        return {k: plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain(v) for v in data]
    return NOCASE.sub(r"\1", data) if isinstance(data, str) else data


def drop_type(data: dict) -> dict:
    custom = data.get("custom", {})
    custom.pop("bibtex-type", None)
    if not custom:
        data.pop("custom", None)
    return data


@pytest.fixture(scope="module")
def hard() -> dict[str, dict]:
    result = read_file(DATA / "hardcases.bib")
    assert result.errors == []
    assert result.warnings == [f"{DATA / 'hardcases.bib'}:6: @preamble is not kept (it is not "
                               "an item)"]
    return by_id(result.items)


@pytest.mark.parametrize("source, expected", [
    (r"Aks{\i}n, {\"O}zge and {\c{C}}etinkaya", "Aksın, Özge and Çetinkaya"),
    (r"Encyclop{\ae}dia Bronis{\l}aw Stra{\ss}e \v{S}koda \'{\i}",
     "Encyclopædia Bronisław Straße Škoda í"),
    (r"A \& B --- C -- D ``q'' 50\%", "A & B — C – D “q” 50%"),
    (r"\emph{x} \textbf{y} \textsc{z} \textsuperscript{2}",
     '<i>x</i> <b>y</b> <span style="font-variant:small-caps;">z</span> <sup>2</sup>'),
    (r"The {\TeX book} \mkbibquote{Q} \url{http://a.b/c}",
     'The TeXbook “<span class="nocase">Q</span>” http://a.b/c'),
    (r"$\alpha + \beta$ maps", '<span class="nocase">α+β</span> maps'),
    (r"$\frac{a}{b}$ stays", r"$\frac{a}{b}$ stays"),
    (r"a{\it b {\bf c}} {\sc d}",
     'a<i>b <b>c</b></i> <span style="font-variant:small-caps;">d</span>'),
    (r"$\alpha$-Fe$_2$O$_3$", '<span class="nocase">α</span>-Fe<span class="nocase"><sub>2</sub>'
     '</span>O<span class="nocase"><sub>3</sub></span>'),
    ("unbalanced } and { open", 'unbalanced and <span class="nocase"> open</span>'),
])
def test_latex_decoding(source: str, expected: str) -> None:
    assert decode(source, nocase=True) == expected


def test_braces_protect_case_but_accent_groups_do_not() -> None:
    assert decode(r"{DNA} of {\"O}zge", nocase=True) == '<span class="nocase">DNA</span> of Özge'
    assert decode(r"{{Nested {Braces}}}", nocase=True) == \
        '<span class="nocase">Nested Braces</span>'
    assert decode(r"{DNA}", nocase=False) == "DNA"


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("aZ9 \t\n\u00a0'-\",.é") + ["\\", "{", "}", "$", "~", "`"]),
               max_size=15), st.booleans(), st.booleans())
def test_one_braced_group_decodes_as_the_tokenizer_decodes_it(body: str, rich: bool,
                                                              nocase: bool) -> None:
    text = "{" + body + "}"  # the shape of most .bib titles: the fast path must not show
    expected = latexdecode._BLANKS.sub(" ", latexdecode._Decoder(text, rich, nocase).run()).strip()
    assert decode(text, rich=rich, nocase=nocase) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([" ", "\t", "\n", "\r", "and", "AND", "aNd", "a", "n", "d",
                                 "x", "Smith, J.", "~", "{", "}", "\\", "others", "\f"]),
                max_size=14).map("".join))
def test_names_split_as_bibtexparser_splits_them(text: str) -> None:
    assert split_names(text) == split_multiple_persons_names(text)


def test_every_entry_type_is_read() -> None:
    result = read_file(DATA / "alltypes.bib")
    assert result.errors == []
    items = by_id(result.items)
    assert len(items) == len(tables.TYPES)
    for btype, ctype in tables.TYPES.items():
        item = items[f"{btype}:entry"]
        assert item["type"] == ctype, btype
        assert item["title"].startswith(f"The {btype} of ")  # English: sentence case
        assert "rené" in item["title"] and "NASA" in item["title"]
        assert item["author"][0] == {"family": "Writer", "given": "Wanda"}
        assert len(item["issued"]["date-parts"][0]) == 2
        jsonschema.validate([item], SCHEMA)


def test_macros_concatenation_and_inheritance(hard: dict[str, dict]) -> None:
    mv = hard["collected"]
    assert mv["publisher"] == "Springer-Verlag"  # @string "Springer" # {-Verlag} via xdata
    assert mv["publisher-place"] == "New York, NY"  # macro defined by concatenating a macro
    assert mv["issued"] == {"date-parts": [[1990], [1992]]}
    assert mv["custom"]["bibtex-type"] == "mvbook"
    book = hard["collected:2"]  # mvbook -> book: its title becomes maintitle, the title
    assert book["title"] == "Collected letters"  # of the whole work; the volume's own title
    assert book["volume-title"] == "Letters from Vienna"  # is volume-title (pandoc's rule)
    chapter = hard["collected:2:ch3"]  # book -> inbook: title becomes booktitle
    assert chapter["container-title"] == book["title"]
    assert chapter["volume-title"] == book["volume-title"]
    assert chapter["editor"] == mv["editor"] and chapter["volume"] == "2"
    assert chapter["issued"] == {"date-parts": [[1991, 3]]}  # month macro
    assert chapter["page"] == "10-20"


def test_names_math_and_accents(hard: dict[str, dict]) -> None:
    chapter = hard["collected:2:ch3"]
    assert chapter["author"] == [
        {"family": "Fontaine", "given": "Jean", "dropping-particle": "de la"},
        {"family": "Smith", "given": "John", "suffix": "Jr."},
        {"literal": "World Health Organization"}]
    assert chapter["custom"]["bibtex-fields"]["author+others"] == "true"
    assert chapter["title"] == ('On DNA and the <span class="nocase">α-helix</span>: Über die '
                                'straße in zürich')  # English: sentence case, braces kept


def test_biblatex_fields(hard: dict[str, dict]) -> None:
    art = hard["journal:full"]
    assert art["title"] == ("A study of <i>E.\u00a0coli</i> in <b>bold</b> and "
                            '<span class="nocase">x<sup>2</sup>+y<sup>2</sup></span> space: '
                            "Results")
    assert art["contributor"] == [{"family": "Kim", "given": "Min-jun"}]  # editora + type
    assert art["issued"] == {"date-parts": [[2004, 4, 5], [2004, 4, 9]]}
    assert art["accessed"] == {"date-parts": [[2020, 1, 31]]}
    assert art["number"] == "arXiv:2101.00001"
    assert art["URL"] == "https://example.org/a_b%20c" and art["DOI"] == "10.1000/xyz_123"
    assert art["language"] == "de-DE" and art["custom"]["bibtex-fields"]["langid"] == "ngerman"
    assert art["issue"] == "7" and art["container-title-short"] == "J. Microb. Things"
    assert hard["thesis:phd"]["issued"] == {"date-parts": [[2013]], "season": 1}
    assert hard["thesis:phd"]["genre"] == "PhD thesis"
    assert hard["web"]["issued"] == {"date-parts": [[2021]], "circa": True}
    assert hard["classic:phd"]["issued"] == {"date-parts": [[2003, 5]]}
    assert hard["classic:tr"]["author"] == [{"literal": "National Research Council"}]
    assert hard["misc:empty"] == {"id": "misc:empty", "type": "document",
                                  "title": "Only a title", "citation-key": "misc:empty"}


def test_real_biblatex_corpus_is_read_and_schema_valid() -> None:
    result = read_file(CORPUS)
    assert result.errors == []
    assert len(result.items) == 90  # 92 entries less the two @set entries
    assert [w.split(": ", 1)[1] for w in result.warnings] == [
        f"[{key}] @set is not an item; its members are read on their own"
        for key in ("set", "stdmodel")]
    for item in result.items:
        data = item.to_json()
        jsonschema.validate([data], SCHEMA)
        visible = {k: v for k, v in data.items() if k != "custom"}
        assert "\\" not in json.dumps(visible, ensure_ascii=False).replace("\\\"", ""), item.id


def test_one_broken_entry_among_a_hundred(tmp_path: Path) -> None:
    good = [f"@article{{key{i},\n  author = {{Author, A{i}}},\n  title = {{Title {i}}},\n"
            f"  year = {{2000}},\n}}\n" for i in range(100)]
    broken = "@article{broken,\n  title = {Never closed,\n  year = 2001,\n\n"
    path = tmp_path / "refs.bib"
    path.write_text("".join(good[:50]) + broken + "".join(good[50:]))
    result = read_file(path)
    assert len(result.items) == 100
    assert len(result.errors) == 1
    error = result.errors[0]
    assert (error.file, error.line, error.key) == (str(path), 251, "broken")
    assert error.located().startswith(f"{path}:251: [broken] ")


def test_duplicate_key_and_undefined_macro_are_reported() -> None:
    text = "@book{a, title={One}}\n@book{a, title={Two}}\n@book{b, publisher = nosuch}\n"
    result = read_text(text, "dup.bib")
    assert [i.id for i in result.items] == ["a", "b"]
    assert result.errors[0].key == "a" and result.errors[0].line == 2
    assert any("nosuch" in w for w in result.warnings)


@pytest.mark.parametrize("to", ["biblatex", "bibtex"])
def test_round_trip_corpus(to: str) -> None:
    original = read_file(CORPUS).items
    written = export(original, to)
    library = bibtexparser.parse_string(written.text)
    assert library.failed_blocks == []
    assert [e.key for e in library.entries] == [i.id for i in original]
    back = by_id(read_text(written.text, "back.bib").items)
    if to == "bibtex":  # @thesis written as @phdthesis is remembered as such: not a loss
        for data in back.values():
            data.get("custom", {}).pop("bibtex-type", None)
            if data.get("custom") == {}:
                del data["custom"]
        original = [Item.from_json(drop_type(i.to_json())) for i in original]
    changed = [i.id for i in original if plain(i.to_json()) != plain(back[i.id])]
    if to == "biblatex":
        assert changed == [] and written.warnings == []
    else:  # classic BibTeX has no @mvbook, no date ranges: each such loss is a warning
        warned = {re.match(r"\[(.*?)\]", w).group(1) for w in written.warnings}
        assert set(changed) <= warned


def test_written_fields_read_back_by_bibtexparser() -> None:
    items = read_file(DATA / "hardcases.bib").items
    text = export(items, "biblatex").text
    entries = {e.key: e for e in bibtexparser.parse_string(text).entries}
    art = entries["journal:full"]
    assert art["journaltitle"] == "Journal of {Microbial} {Things}"
    assert art["date"] == "2004-04-05/2004-04-09"
    assert art["eprinttype"] == "arxiv" and art["langid"] == "ngerman"
    assert art["editoratype"] == "collaborator"
    assert entries["collected:2:ch3"]["author"].endswith(
        "and {World Health Organization} and others")
    again = by_id(read_text(text).items)
    assert plain(again["journal:full"]) == plain(by_id(items)["journal:full"])


def test_bibtex_output_escapes_and_uses_month_macros() -> None:
    item = Item("x", "article-journal", {
        "author": [Name(family="Müller", given="Jörg")], "title": "DNA & the iPhone: 50% off",
        "container-title": "Zeitschrift für Tests", "issued": Date(parts=((2019, 3, 2),)),
        "page": "5-9"})
    text = export([item], "bibtex").text
    assert "@article{mller2019dna," in text or "@article{muller2019dna," in text
    assert "M{\\\"u}ller, J{\\\"o}rg" in text and "month = mar," in text
    assert "{DNA} \\& the {iPhone}: 50\\% off" in text and "pages = {5--9}" in text
    unicode_text = export([item], "biblatex").text
    assert "Müller, Jörg" in unicode_text and "date = {2019-03-02}" in unicode_text


def test_generated_keys_are_readable_and_unique() -> None:
    items = [Item(f"id{i}", "book", {"author": [Name(family="Smith", given="A")],
                                     "title": "The North Wind", "issued": Date(parts=((2013,),))})
             for i in range(3)]
    keys = re.findall(r"@book\{([^,]+),", export(items, "bibtex").text)
    assert keys == ["smith2013north", "smith2013northa", "smith2013northb"]


def test_cannot_keep_is_a_warning() -> None:
    item = Item("x", "book", {"title": "T", "reviewed-author": [Name(family="R")],
                              "dimensions": "20 cm"})
    result = export([item], "biblatex")
    assert result.warnings == ["[t] no place in BibLaTeX for: dimensions, reviewed-author"]


# -- properties ------------------------------------------------------------------------------------
# any text but rich-text tags (``<i>`` in CSL text *is* markup); LaTeX specials included
_text = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "Zs", "S"),
                              exclude_characters="<>"),
                min_size=1, max_size=25).map(lambda s: " ".join(s.split())).filter(bool)
_name_part = _text.map(lambda s: s.replace("{", "").replace("}", "").strip()).filter(bool)
_name = st.builds(lambda f, g: Name(family=f, given=g), _name_part, _name_part)
_date = st.builds(lambda y, m, d: Date(parts=((y, m, d)[:3],)), st.integers(1000, 2100),
                  st.integers(1, 12), st.integers(1, 28))
_items = st.builds(
    lambda t, a, d, v, p, n, ty: Item("x", ty, {"title": t, "author": a, "issued": d,
                                                  "volume": v, "publisher": p, "note": n}),
    _text, st.lists(_name, min_size=1, max_size=3), _date,
    st.from_regex(r"[1-9][0-9]{0,3}", fullmatch=True), _text, _text,
    st.sampled_from(["article-journal", "book", "chapter", "report", "thesis", "webpage"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_items, st.sampled_from(["bibtex", "biblatex"]))
def test_items_survive_bibtex_round_trip(item: Item, to: str) -> None:
    written = export([item], to)
    back = read_text(written.text, "x.bib")
    assert back.errors == []
    data = plain(back.items[0].to_json())
    expected = plain(item.to_json())
    for key in ("title", "author", "issued", "volume", "publisher", "note"):
        assert data[key] == expected[key], key
    assert data["type"] == item.type or f"item type {item.type}" in written.warnings[0]


def test_initials_run_together_are_spaced_on_reading_and_kept_in_a_round_trip() -> None:
    # pandoc reads "J.R.R." as "J. R. R."; a braced word stays as written, and the writer
    # braces a given name's word that reading would respace (hypothesis found "A.A")
    read = read_text("@book{k, author = {Tolkien, J.R.R. and Roe, {A.A}}, title = {x}}", "x.bib")
    assert [n["given"] for n in read.items[0].to_json()["author"]] == ["J. R. R.", "A.A"]
    item = Item.from_json({"id": "a", "type": "book", "title": "T",
                           "author": [{"family": "X", "given": "A.A Jo"}]})
    for to in ("bibtex", "biblatex"):
        written = export([item], to).text
        assert "{A.A} Jo" in written
        assert read_text(written, "x.bib").items[0].to_json()["author"] == [
            {"family": "X", "given": "A.A Jo"}]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(list("@{}(),=#\"\\ \nabkey%'`^~$") + ["@article", "title",
                                                                          " and ", "@string"]),
                max_size=80).map("".join))
def test_no_input_makes_the_reader_raise(text: str) -> None:
    try:
        result = bibreader.read(text, "fuzz.bib")
    except CitekitError:
        return
    for error in result.errors:
        assert isinstance(error, CitekitError) and error.file == "fuzz.bib"


def test_article_number_issue_and_shorthand_round_trip() -> None:
    item = Item("k", "article-journal", {"title": "T", "issue": "4", "number": "e123",
                                         "citation-label": "ABC", "citation-key": "k"})
    for to in ("bibtex", "biblatex"):
        text = export([item], to).text
        assert "number = {4}" in text and "eid = {e123}" in text and "shorthand = {ABC}" in text
        assert read_text(text, "x.bib").items[0] == item.copy()


@pytest.mark.parametrize("via", ["json", "yaml"])
def test_bibtex_to_csl_json_to_bibtex_is_lossless(via: str) -> None:
    items = read_file(CORPUS).items
    text = export(items, via).text
    back = read_text(text, f"items.{via}")
    assert back.errors == [] and len(back.items) == 90
    assert export(back.items, "biblatex").text == export(items, "biblatex").text


def test_open_ended_date_range_is_kept_as_written() -> None:
    item = read_text("@book{k, title={T}, date={1988/}}", "o.bib").items[0]
    assert item["issued"].parts == ((1988,), (0,))  # CSL's open end
    assert "date = {1988/}" in export([item], "biblatex").text


def test_unicode_option_overrides_the_default() -> None:
    item = Item("k", "book", {"title": "Café", "author": [Name(family="Łukasz", given="Ø")]})
    assert "Caf{\\'e}" in export([item], "biblatex", unicode=False).text
    assert "{\\L}ukasz, {\\O}" in export([item], "biblatex", unicode=False).text
    assert "title = {Café}" in export([item], "bibtex", unicode=True).text


@pytest.mark.parametrize("text", ["-\u2013", "a--b", "\u201c\u201dx", "-\u2014-", "``q''"])
def test_dashes_and_quotes_next_to_each_other_survive(text: str) -> None:
    # found by the round-trip property: "-–" was written as "---" and read back as "—"
    item = Item("x", "book", {"title": "T", "note": text})
    for to in ("bibtex", "biblatex"):
        back = read_text(export([item], to).text, "x.bib")
        assert back.items[0].get("note") == text


def test_missing_comma_between_fields_is_a_located_warning() -> None:
    text = ("@article{a,\n  title = {X}\n  author = {Doe, J.},\n  year = 2000\n}\n"
            '@book{b, title = "Y" year = 2001 publisher = {P}}\n')
    result = read_text(text, "c.bib")
    assert result.errors == []
    a, b = (item.to_json() for item in result.items)
    assert a["title"] == "X" and a["author"] == [{"family": "Doe", "given": "J."}]
    assert b["title"] == "Y" and b["issued"] == {"date-parts": [[2001]]} and b["publisher"] == "P"
    assert result.warnings == [
        "c.bib:1: [a] missing comma between fields 'title' and 'author': read as two fields",
        "c.bib:6: [b] missing comma between fields 'title' and 'year': read as two fields",
        "c.bib:6: [b] missing comma between fields 'year' and 'publisher': read as two fields"]


def test_an_entry_closed_by_a_parenthesis_is_read_as_biber_reads_it() -> None:
    """``@book{b, ... )``: biber reads the entry and warns ("entry started with "{", but
    ends with ")""); bibtex reads it with an error; pandoc rejects the whole file. citekit
    reads it with a located warning, and the entries after it too."""
    text = ("@book{a, title = {A}, year = 2001}\n\n@book{b,\n  title = {B},\n  year = 2002\n)\n"
            "\n@book{c, title = {C}}\n")
    result = read_text(text, "paren.bib")
    assert [i.id for i in result.items] == ["a", "b", "c"] and result.errors == []
    assert result.items[1]["title"] == "B"
    assert result.warnings == ["paren.bib:3: [b] the entry opens with '{' but closes with ')'; "
                               "read as biber reads it"]
    twice = read_text("@book{a, title = {A}}\n@book{a,\n  title = {B}\n)\n", "twice.bib")
    assert [i["title"] for i in twice.items] == ["A"] and len(twice.errors) == 1  # not again
