"""Remote bibliographies: a .bib/.json/.yaml/.ris URL (a Better BibTeX pull export, a file on
a server) read by its content type or extension, not as a web page (a loopback server)."""
from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from loopback import QuietHandler, serve

from citekit.cli import main
from citekit.sources.batch import read_each
from citekit.sources.remote import format_of, read_remote

BIB = "@article{vaswani2017, title = {Attention Is All You Need}, author = {Vaswani, Ashish}, " \
      "journal = {NeurIPS}, year = {2017}}\n"
CSL = json.dumps([{"id": "j1", "type": "book", "title": "A JSON book"}])
YAML = "references:\n- id: y1\n  type: book\n  title: The *Iliad*\n  url: https://x.org/i\n"
RIS = "TY  - JOUR\nTI  - A RIS article\nT2  - Journal\nPY  - 2001\nER  - \n"
HTML = ("<html><head><meta name='citation_title' content='A Web Page'>"
        "<meta name='citation_author' content='Doe, Jane'></head><body>@article{x,}</body></html>")

#: path -> (content type, body)
ROUTES = {
    # Better BibTeX's pull export: a query string, a BibTeX content type
    "/better-bibtex/export/collection?/1/My%20Library.biblatex": ("text/x-bibtex", BIB),
    "/files/refs.bib": ("text/plain", BIB),  # a file server that does not know the type
    "/files/items.json": ("application/json", CSL),
    "/files/refs.yaml": ("application/octet-stream", YAML),
    "/export": ("application/x-research-info-systems", RIS),
    "/page.bib": ("text/html", HTML),  # says it is HTML: a page, whatever the name says
    "/article": ("text/html; charset=utf-8", HTML),
    "/latin1.bib": ("text/x-bibtex; charset=iso-8859-1", None),
}


class _Handler(QuietHandler):
    def do_GET(self) -> None:
        ctype, body = ROUTES.get(self.path, ("text/plain", ""))
        data = (body.encode() if body is not None else
                "@book{l, title = {Caf\u00e9 society}, year = 1999}".encode("latin-1"))
        self.send(200 if self.path in ROUTES else 404, data, ctype)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve(_Handler) as url:
        yield url


@pytest.mark.parametrize("path, ident, title", [
    ("/better-bibtex/export/collection?/1/My%20Library.biblatex", "vaswani2017",
     "Attention is all you need"),
    ("/files/refs.bib", "vaswani2017", "Attention is all you need"),
    ("/files/items.json", "j1", "A JSON book"),
    ("/files/refs.yaml", "y1", "The <i>Iliad</i>"),
    ("/export", None, "A RIS article"),
    ("/latin1.bib", "l", "Café society"),
])
def test_bibliography_urls_are_read_as_files(server: str, path: str, ident: str | None,
                                             title: str) -> None:
    result = read_remote(server + path)
    assert result.errors == []
    (item,) = result.items
    assert item["title"] == title
    if ident:
        assert item.id == ident


def test_a_page_is_still_a_page(server: str) -> None:
    for path in ("/article", "/page.bib"):
        (item,) = read_remote(server + path).items
        assert item["title"] == "A Web Page" and item["author"][0].family == "Doe"


def test_remote_failure_is_one_located_error(server: str) -> None:
    result = read_remote(server + "/nothing.bib")
    assert result.items == [] and "404" in str(result.errors[0])


def test_format_of_by_type_then_extension() -> None:
    assert format_of("https://h/x", "application/x-bibtex") == "bibtex"
    assert format_of("https://h/refs.ris?token=1", "text/plain") == "ris"
    assert format_of("https://h/refs.bib", "text/html") is None
    assert format_of("https://h/about", "text/plain") is None


def test_cli_reads_a_url_with_keep_titles(server: str) -> None:
    url = server + "/files/refs.bib"
    [(label, result)] = read_each([url], keep_titles=True)
    assert label == url and result.items[0]["title"] == "Attention Is All You Need"
    out = CliRunner().invoke(main, ["format", "--style", "apa", url])
    assert out.exit_code == 0, out.output
    assert "Attention is all you need" in out.output
