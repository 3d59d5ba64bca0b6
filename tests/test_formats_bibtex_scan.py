"""The fast BibTeX splitter: same blocks as bibtexparser's, or none (then bibtexparser reads)."""
from __future__ import annotations

import bibtexparser
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citekit.formats.bibtex import read as bibreader
from citekit.formats.bibtex import scan as bibscan
from citekit.formats.bibtex.scan import Block


def parser_blocks(text: str) -> list[Block]:
    """bibtexparser's reading of ``text``, as the reader sees it."""
    return bibreader._library_blocks(bibtexparser.parse_string(text, parse_stack=[]))


def same_as_bibtexparser(text: str) -> list[Block]:
    blocks = bibscan.scan(text)
    assert blocks is not None, "the scanner gave up on a well-formed file"
    assert blocks == parser_blocks(text)
    return blocks


# -- what the reader relied on bibtexparser for ----------------------------------------------
def test_strings_concatenation_preamble_and_comments() -> None:
    text = ('% an implicit comment, with {braces} and "quotes", a@b.org\n'
            "@comment{jabref-meta: databaseType:biblatex;}\n"
            "@Comment(this is (a) comment)\n"
            '@string(pub = "Foo, Inc.")\n'
            '@STRING{ny = {New York} # ", NY"}\n'
            '@preamble{"\\newcommand{\\noop}[1]{}"}\n'
            "@article{a, publisher = pub # { Press}, address = ny, month = jan # \"~15\"}\n")
    blocks = same_as_bibtexparser(text)
    assert [(b.kind, b.line) for b in blocks] == [("string", 3), ("string", 4), ("preamble", 5),
                                                 ("entry", 6)]
    assert blocks[1].fields == (("", '{New York} # ", NY"'),)
    assert blocks[3].fields[0] == ("publisher", "pub # { Press}")
    result = bibreader.read(text, "x.bib")
    assert result.items[0]["publisher"] == "Foo, Inc. Press"
    assert result.items[0]["publisher-place"] == "New York, NY"


def test_parenthesised_entries_and_layout() -> None:
    text = ("@Article( paren:1 ,\n  Title = {A title (with parens)},\n"
            '  author = "Doe, J. and Roe, R.",\n  year = 2001\n)\n'
            "@misc{nofields}\n@misc{trailing, title = {T},  }\n"
            "@book{ CamelKey , title = \"The {LaTeX} Companion\", note = {Say \\{no\\} \"x\"}}"
            "@misc{empty, title = , note = {x}}")
    blocks = same_as_bibtexparser(text)
    assert [(b.type, b.key, b.line) for b in blocks] == [
        ("article", "paren:1", 0), ("misc", "nofields", 5), ("misc", "trailing", 6),
        ("book", "CamelKey", 7), ("misc", "empty", 7)]
    assert blocks[0].fields[0] == ("Title", "{A title (with parens)}")


def test_duplicate_keys_and_fields_follow_bibtexparser() -> None:
    text = ("@misc{dup, title = {First}}\n@misc{dup, title = {Second}}\n"
            "@string{s = {1}}\n@string{s = {2}}\n"
            "@misc{fields, title = {One}, TITLE = {Two}, title = {Three}}\n"
            "@misc{fields, title = {Again}}\n")  # an entry with duplicate fields is not counted
    blocks = same_as_bibtexparser(text)
    assert [(b.kind, b.line) for b in blocks] == [
        ("entry", 0), ("error", 1), ("string", 2), ("error", 3), ("entry", 4), ("entry", 5)]
    result = bibreader.read(text, "dup.bib")
    assert [(e.line, e.key) for e in result.errors] == [(2, "dup"), (4, "s")]


def test_at_signs_inside_values() -> None:
    same_as_bibtexparser("@misc{email, note = {write to me@example.org or @ {home}},\n"
                         "  title = {at the start of a line:\n@ home}}\n")


@pytest.mark.parametrize("text", [
    "@misc{deep, title = {a{b{c{d{e{f{g}}}}}}}}",          # deeper than MAX_DEPTH
    '@misc{q, title = "He said {"} there"}',                # bibtexparser's {"} rule
    "@misc{nl, title = {a line\\\nbreak}}",                 # bibtexparser counts no such line
    "@misc{x, title = {unclosed, year = 2001,\n\n@misc{y, title = {T}}",
    "@misc{x title = {no comma}}",
    "@misc{x, title}",
    "@misc{x, title = {a} {b}}",
    "@misc{x, title = {a},, year = 1}",
    "@misc{x, title = {a}\n@misc{y, title = {b}}",
    "@string{s {x}}",
    "@comment{never closed",
])
def test_gives_up_where_bibtexparser_may_differ(text: str) -> None:
    assert bibscan.scan(text) is None
    bibreader.read(text, "x.bib")  # read by bibtexparser instead, without raising


def test_malformed_entry_is_located_and_the_others_kept() -> None:
    text = ("@article{good1, title = {Good one}, year = 2000}\n"
            "@article{bad1, title = {Never closed, year = 2001,\n\n"
            "@article{good2, title = {Good two}, year = 2002}\n"
            "@article{bad2 title = {no comma}}\n"
            "@book{good3, title = {Good three}}\n")
    result = bibreader.read(text, "x.bib")
    assert [i.id for i in result.items] == ["good1", "good2", "good3"]
    assert [e.located().split(" malformed")[0] for e in result.errors] == [
        "x.bib:2: [bad1]", "x.bib:5: [bad2]"]


# -- properties -------------------------------------------------------------------------------
_WORD = st.text("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789", min_size=1, max_size=8)
_BLANK = st.sampled_from(["", " ", "  ", "\n", "\n  ", "\t", " \n\t ", "\u00a0", "\r\n"])
# text atoms of a value: no bare backslash (it would escape what follows), no "@" at the start
# of a line (bibtexparser takes that for a new block)
_ATOM = st.one_of(_WORD, st.sampled_from([
    " ", "\n", ",", "=", "#", "(", ")", "'", "~", "-", "--", "%", "$x^2$", "\\\"o", "\\&",
    "\\{", "\\}", "\\emph", "a@b.org", "x @ ", "ü", "\u00a0", ";"]))
_QUOTED_ATOM = st.one_of(_ATOM, st.sampled_from(["{", "}", "{x}", "\\\""]))


def _braced(depth: int) -> st.SearchStrategy[str]:
    inner = st.lists(_ATOM, max_size=6).map("".join)
    if depth > 1:
        inner = st.lists(st.one_of(_ATOM, _braced(depth - 1)), max_size=6).map("".join)
    return inner.map(lambda s: "{" + s + "}")


def _value(quoted_atom: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    piece = st.one_of(_braced(bibscan.MAX_DEPTH),
                      st.lists(quoted_atom, max_size=6).map(lambda a: '"' + "".join(a) + 'x"'),
                      _WORD)
    return st.builds(lambda first, rest: first + "".join(rest), piece,
                     st.lists(st.builds(lambda a, p, b: f"{a}#{b}{p}", _BLANK, piece, _BLANK),
                              max_size=2))


_VALUE = _value(_QUOTED_ATOM)
_STRING_VALUE = _value(st.one_of(_ATOM, st.just("{x}")))  # braces count there, quoted or not


@st.composite
def _entry(draw: st.DrawFn) -> str:
    opener, closer = draw(st.sampled_from(["{}", "()"]))
    fields = draw(st.lists(st.builds(lambda a, n, b, v, c: f"{a}{n}{b}={c}{v}", _BLANK,
                                     st.sampled_from(["title", "Title", "author", "year", "x-y",
                                                      "note"]), _BLANK, _VALUE, _BLANK),
                           max_size=5))
    btype = draw(st.sampled_from(["article", "Book", "misc", "inproceedings", "online"]))
    key = draw(st.sampled_from(["", "a", "b", "key:1", "x-y_z", "a b"]))
    tail = draw(st.sampled_from(["", ",", ", ", ",\n"])) if fields else ""
    return f"@{btype}{opener}{key}{',' if fields else ''}{','.join(fields)}{tail}{closer}"


_BLOCK = st.one_of(
    _entry(),
    st.builds(lambda n, v: f"@string{{{n} = {v}}}", st.sampled_from(["s", "t", "ny"]),
              _STRING_VALUE),
    st.builds(lambda n, v: f"@String ({n} = {v})", st.sampled_from(["s", "t", "ny"]),
              _STRING_VALUE),
    _braced(3).map(lambda b: "@comment" + b),
    _braced(2).map(lambda b: "@preamble" + b),
)
# (text going on with fields right after an entry is a stray brace: bibtexparser reads those)
_JUNK = st.text(" \n\tabc%{}\",=()", max_size=12).filter(
    lambda junk: not bibscan.ORPHAN_FIELDS.match(junk))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_JUNK, _BLOCK), max_size=6), _JUNK)
def test_well_formed_files_split_as_bibtexparser_splits_them(blocks: list[tuple[str, str]],
                                                             end: str) -> None:
    same_as_bibtexparser("".join(junk + block for junk, block in blocks) + end)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("@{}(),=#\"\\ \n\tab~") + [
    "@article{", "@string(", "@comment", "title = ", " # ", "{\"}", "\n@misc{k,"]),
    max_size=60).map("".join))
def test_any_file_the_scanner_reads_is_read_as_bibtexparser_reads_it(text: str) -> None:
    blocks = bibscan.scan(text)
    if blocks is not None:
        assert blocks == parser_blocks(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 6), st.data())
def test_a_broken_entry_is_reported_at_its_line(count: int, data: st.DataObject) -> None:
    good = [f"@misc{{good{i},\n  title = {{Title {i}}}}}" for i in range(count)]
    broken = data.draw(st.sampled_from([
        "@article{broken,\n  title = {Never closed,\n  year = 2001,\n",
        "@article{broken\n  title = {no comma}}",
        '@article{broken,\n  title = "never closed,\n',
    ]))
    at = data.draw(st.integers(0, len(good)))
    text = "\n".join(good[:at] + [broken] + good[at:]) + "\n"
    result = bibreader.read(text, "x.bib")
    line = text[:text.index("@article")].count("\n") + 1
    assert [(e.line, e.key) for e in result.errors] == [(line, "broken")]
    assert sorted(i.id for i in result.items) == sorted(f"good{i}" for i in range(len(good)))
