"""Identifier look-ups replayed from hand-written recordings (tests/data/lookups/) served on
127.0.0.1: no network. Base URLs come from CITEKIT_*_URL, the cache from CITEKIT_CACHE_DIR."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from loopback import QuietHandler, serve

import citekit
from citekit.cli import main
from citekit.model.schema import item_errors
from citekit.sources.identifiers import parse_identifier

DATA = Path(__file__).parent / "data" / "lookups"
REQUESTS: list[tuple[str, str]] = []
CSL = "application/vnd.citationstyles.csl+json"


class _Service(QuietHandler):
    def do_GET(self) -> None:
        REQUESTS.append((self.path, self.headers.get("Accept", "")))
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        name, kind = None, "application/json"
        if url.path == "/doi/10.1038/nphys1170" and "citationstyles" in self.headers["Accept"]:
            name, kind = "doi-10.1038_nphys1170.json", CSL
        elif url.path == "/arxiv":
            name = ("arxiv-1512.03385.xml" if query.get("id_list") == "1512.03385"
                    else "arxiv-empty.xml")
            kind = "application/atom+xml"
        elif url.path == "/ol/api/books":
            found = query.get("bibkeys") == "ISBN:9780262033848"
            name = "openlibrary-9780262033848.json" if found else None
            if not found:
                return self.send(200, b"{}", kind)
        elif url.path == "/ncbi/pubmed/" and query.get("id") == "26811450":
            name = "ncbi-pubmed-26811450.json"
        elif url.path == "/ncbi/pmc/" and query.get("id") == "4730839":
            name = "ncbi-pmc-4730839.json"
        if url.path == "/doi/10.5555/landing":  # an agency without content negotiation
            page = ("<html><head><meta name='citation_title' content='A Landing Page'><meta "
                    "name='citation_journal_title' content='J'><meta name='citation_author' "
                    "content='Doe, Jane'></head></html>")
            return self.send(200, page.encode(), "text/html; charset=utf-8")
        if url.path == "/doi/10.5555/big":
            return self.send(200, b"{" + b" " * 50_000 + b"}", CSL)
        if name is None:
            return self.send(404, b"Not Found", "text/plain")
        self.send(200, (DATA / name).read_bytes(), kind)


@pytest.fixture(scope="module")
def service() -> Iterator[str]:
    with serve(_Service) as url:
        yield url


@pytest.fixture(autouse=True)
def services(service: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITEKIT_DOI_URL", service + "/doi")
    monkeypatch.setenv("CITEKIT_ARXIV_URL", service + "/arxiv")
    monkeypatch.setenv("CITEKIT_OPENLIBRARY_URL", service + "/ol")
    monkeypatch.setenv("CITEKIT_NCBI_URL", service + "/ncbi")
    monkeypatch.setenv("CITEKIT_CACHE_DIR", str(tmp_path / "cache"))
    REQUESTS.clear()


@pytest.mark.parametrize("text, expected", [
    ("doi:10.1038/nphys1170", ("doi", "10.1038/nphys1170")),
    ("https://doi.org/10.1038/nphys1170", ("doi", "10.1038/nphys1170")),
    ("10.1038/nphys1170", ("doi", "10.1038/nphys1170")),
    ("arXiv:1512.03385", ("arxiv", "1512.03385")),
    ("https://arxiv.org/abs/hep-th/9901001v2", ("arxiv", "hep-th/9901001v2")),
    ("isbn:978-0-262-03384-8", ("isbn", "9780262033848")),
    ("isbn:0262033844", ("isbn", "0262033844")),
    ("isbn:9780262033849", None), ("pmid:26811450", ("pmid", "26811450")),
    ("pmcid:PMC4730839", ("pmcid", "4730839")), ("refs.bib", None),
    ("https://example.org/page", None),
])
def test_identifiers_are_recognised(text: str, expected: tuple[str, str] | None) -> None:
    assert parse_identifier(text) == expected


@pytest.mark.parametrize("text, title, kind", [
    ("doi:10.1038/nphys1170", "Measured measurement", "article-journal"),
    ("arXiv:1512.03385", "Deep Residual Learning for Image Recognition", "article"),
    ("isbn:9780262033848", "Introduction to algorithms", "book"),
    ("pmid:26811450", "The importance of being prepared", "article-journal"),
    ("pmcid:PMC4730839", "The importance of being prepared", "article-journal"),
])
def test_each_kind_gives_a_schema_valid_item(text: str, title: str, kind: str) -> None:
    result = citekit.load(text)
    assert result.errors == [] and len(result.items) == 1
    item = result.items[0]
    assert (item["title"], item.type) == (title, kind) and item_errors(item) == []
    assert item.id  # a readable id was assigned


def test_doi_content_negotiation_is_normalized() -> None:
    item = citekit.load("https://doi.org/10.1038/nphys1170").items[0]
    path, accept = REQUESTS[0]
    assert path == "/doi/10.1038/nphys1170" and accept.startswith(CSL + ",")
    assert item["container-title"] == "Nature Physics" and item["ISSN"] == "1745-2473"
    assert item["DOI"] == "10.1038/nphys1170" and "reference" not in item
    assert item.names("author")[0].family == "Aspelmeyer"
    assert item.to_json()["issued"] == {"date-parts": [[2008, 12, 21]]}


def test_a_doi_without_csl_json_is_read_from_its_landing_page() -> None:
    item = citekit.load("doi:10.5555/landing").items[0]
    assert (item["title"], item.type, item["DOI"]) == ("A Landing Page", "article-journal",
                                                       "10.5555/landing")
    assert item.names("author")[0].family == "Doe" and item_errors(item) == []


def test_arxiv_and_isbn_fields() -> None:
    paper = citekit.load("arXiv:1512.03385").items[0]
    assert (paper["publisher"], paper["number"]) == ("arXiv", "1512.03385v1")
    assert [n.family for n in paper.names("author")] == ["He", "Zhang", "Ren", "Sun"]
    book = citekit.load("isbn:978-0-262-03384-8").items[0]
    assert (book["publisher"], book["publisher-place"]) == ("MIT Press", "Cambridge, Mass")
    assert book.to_json()["issued"] == {"date-parts": [[2009]]}


def test_a_second_lookup_comes_from_the_cache() -> None:
    first = citekit.load("pmid:26811450").items[0]
    count = len(REQUESTS)
    again = citekit.load("pmid:26811450").items[0]
    assert len(REQUESTS) == count and again.to_json() == first.to_json()


def test_an_unreadable_cache_entry_is_looked_up_again() -> None:
    from citekit.cache import cache_path

    first = citekit.load("isbn:9780262033848").items[0]
    cache_path("lookups", "isbn:9780262033848", ".json").write_bytes(b"{not json")
    assert citekit.load("isbn:9780262033848").items[0].to_json() == first.to_json()
    assert len(REQUESTS) == 2


def test_looked_up_items_format_in_apa() -> None:
    items = [citekit.load(t).items[0] for t in ("doi:10.1038/nphys1170", "arXiv:1512.03385")]
    entries = citekit.format_bibliography(items, "apa").entries
    assert entries[0].startswith("Aspelmeyer, M. (2008). Measured measurement. Nature Physics")
    assert entries[1].startswith("He, K., Zhang, X., Ren, S., & Sun, J. (2015). Deep Residual")


@pytest.mark.parametrize("text, message", [
    ("doi:10.9999/no-such-doi", "DOI not found (HTTP 404"),
    ("arXiv:9999.99999", "not found"), ("isbn:9780306406157", "not found"),
    ("pmid:1", "PMID not found"),
])
def test_unknown_identifiers_are_located_errors(text: str, message: str) -> None:
    result = citekit.load(text)
    assert result.items == [] and message in result.errors[0].message
    assert result.errors[0].file == text


def test_lookups_have_the_size_cap_of_page_fetches() -> None:
    from citekit.sources.identifiers import lookup

    result = lookup("doi:10.5555/big", max_bytes=10_000)
    assert result.items == [] and "larger than 10000 bytes" in result.errors[0].message
    assert result.errors[0].file == "doi:10.5555/big"


def test_crossref_empty_dates_and_name_extras_are_dropped() -> None:
    from citekit.sources.identifiers import csl_item

    item = csl_item({"type": "journal-article", "title": ["T"], "issued": {"date-parts": [[None]]},
                     "author": [{"family": "A", "sequence": "first"}], "score": 1}, "DOI")
    assert item == {"type": "article-journal", "title": "T", "author": [{"family": "A"}]}


def test_a_service_answer_with_lone_surrogates_is_still_text() -> None:
    from citekit.sources.identifiers import _json

    assert _json(b'{"title": "A \\ud800 B", "list": ["\\udfff"]}', "DOI") == {
        "title": "A \ufffd B", "list": ["\ufffd"]}


def test_cli_parses_identifiers_and_an_unknown_doi_is_one_line_and_exit_2() -> None:
    runner = CliRunner()
    ok = runner.invoke(main, ["parse", "doi:10.1038/nphys1170", "arXiv:1512.03385"])
    assert ok.exit_code == 0, ok.output
    assert "Measured measurement" in ok.output and "Deep Residual Learning" in ok.output
    bad = runner.invoke(main, ["parse", "10.9999/no-such-doi"])
    assert bad.exit_code == 2
    lines = [line for line in bad.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "10.9999/no-such-doi: DOI not found" in lines[0]
    assert "Traceback" not in bad.output


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=40), st.from_regex(
    r"(doi:|arXiv:|isbn:|pmid:|pmcid:|https://doi\.org/)?10?\.?[0-9a-zA-Z./:-]{0,30}",
    fullmatch=True)))
def test_any_text_is_an_identifier_or_not_and_never_raises(text: str) -> None:
    parsed = parse_identifier(text)
    assert parsed is None or (parsed[0] in ("doi", "arxiv", "isbn", "pmid", "pmcid")
                              and parsed[1] and " " not in parsed[1])


def test_a_bot_check_page_is_one_located_error_and_exit_2(tmp_path: Path) -> None:
    page = tmp_path / "saved.html"
    page.write_text("<html><head><title>Just a moment...</title></head></html>")
    result = CliRunner().invoke(main, ["parse", str(page)])
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "bot-check page" in lines[0] and str(page) in lines[0]
