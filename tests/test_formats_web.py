"""Web-page metadata: saved pages, trust order, detection, and URL fetching on 127.0.0.1 only."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from loopback import QuietHandler, serve

from citekit.errors import CitekitError
from citekit.sources import detect_format, read_file, read_text, webmeta
from citekit.sources.webmeta import extract_meta

DATA = Path(__file__).parent / "data" / "formats"


def page(name: str) -> str:
    return (DATA / name).read_text()


def test_highwire_wins_field_by_field_over_less_trusted_sources() -> None:
    meta = extract_meta(page("article.html"), "https://journal.example/x/y")
    assert meta["title"] == "The North Atlantic Drift Revisited"  # not DC, JSON-LD, COinS, OG
    assert meta["author"][0] == {"family": "Smith", "given": "Jane"}
    assert meta["issued"] == {"date-parts": [[2013, 5, 1]]}
    assert meta["page"] == "101-120" and meta["DOI"] == "10.1234/joo.2013.12.3.101"
    assert meta["container-title"] == "Journal of Oceans"  # Highwire, not og:site_name
    assert meta["publisher"] == "Ocean Press"  # only Dublin Core has it
    assert meta["ISSN"] == "1234-5678"  # PRISM
    assert meta["keyword"] == "ocean, drift"  # only JSON-LD has it
    assert meta["URL"] == "https://journal.example/articles/101"  # og:url made absolute
    assert meta["abstract"] == "We revisit the drift." and meta["type"] == "article-journal"


def test_json_ld_report_in_a_graph() -> None:
    meta = extract_meta(page("report-jsonld.html"))
    assert meta["type"] == "report" and meta["title"] == "Energy Security in East Asia"
    assert meta["author"] == [{"family": "Chen", "given": "Mei"},
                              {"literal": "Council on Energy"}]
    assert meta["issued"] == {"date-parts": [[2020, 7, 15]]}
    assert (meta["number"], meta["publisher"]) == ("TR-2020-7", "Council on Energy")


def test_the_pages_own_tags_over_the_coins_of_a_work_it_cites() -> None:
    meta = extract_meta(page("coins-og.html"))  # a blog post about a book, with its COinS
    assert (meta["type"], meta["title"]) == ("webpage", "A Post About Books")
    assert meta["container-title"] == "Reading Notes" and meta["language"] == "en-GB"
    assert not {"ISBN", "author", "publisher", "publisher-place"} & set(meta)
    alone = extract_meta(page("coins-og.html").replace("og:title", "og:nothing")
                         .replace("<title>Blog</title>", ""))
    assert (alone["title"], alone["ISBN"]) == ("Middlemarch", "9780141439549")
    assert alone["author"] == [{"family": "Eliot", "given": "George"}]


@pytest.mark.parametrize("text", ["", "<", "<?xml version='1.0' encoding='utf-8'?><p>x</p>",
                                  "\x00\x01", "<html><head><script type='application/ld+json'>"
                                  "{bad json</script></head></html>"])
def test_junk_pages_give_no_fields_and_no_exception(text: str) -> None:
    assert "title" not in extract_meta(text)


def test_detect_is_low_so_specific_page_readers_win() -> None:
    text = page("article.html")
    assert 0 < webmeta.detect(text, "page.html") <= 20
    assert webmeta.detect("TY  - JOUR", None) == 0
    assert detect_format(text, "saved.html") in ("html", "cfr", "dtic")
    shown = "<!DOCTYPE html><html><pre>\n@article{k,\n title={T}}\nTY  - JOUR\n</pre></html>"
    assert detect_format(shown, None) == "html"


def test_read_saved_page_and_page_without_metadata(tmp_path: Path) -> None:
    result = read_file(DATA / "article.html")
    assert result.errors == [] and result.items[0]["DOI"] == "10.1234/joo.2013.12.3.101"
    empty = read_text("<html><body><p>nothing</p></body></html>", "empty.html", fmt="html")
    assert empty.items == [] and empty.errors[0].file == "empty.html"


class _Handler(QuietHandler):
    def do_GET(self) -> None:
        routes = {"/article": (200, page("article.html").encode()),
                  "/big": (200, b"<html>" + b"x" * 300_000),
                  "/missing": (404, b"no")}
        if self.path == "/slow":
            threading.Event().wait(2)
            routes["/slow"] = (200, b"<html></html>")
        status, body = routes.get(self.path, (404, b""))
        self.send(status, body, "text/html; charset=utf-8")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve(_Handler) as url:
        yield url


def test_read_url_from_local_server(server: str) -> None:
    result = webmeta.read_url(server + "/article", timeout=5)
    assert result.errors == []
    item = result.items[0]
    assert item["title"] == "The North Atlantic Drift Revisited"
    assert item["URL"] == server + "/articles/101"
    assert len(item.to_json()["accessed"]["date-parts"][0]) == 3  # the day it was read


@pytest.mark.parametrize("path, kwargs, message", [
    ("/missing", {"timeout": 5}, "404"),
    ("/big", {"timeout": 5, "max_bytes": 100_000}, "larger than 100000 bytes"),
    ("/slow", {"timeout": 0.5}, "cannot fetch"),
])
def test_read_url_failures_are_errors(server: str, path: str, kwargs: dict,
                                      message: str) -> None:
    result = webmeta.read_url(server + path, **kwargs)
    assert result.items == [] and message in result.errors[0].message


def test_only_http_urls_are_fetched() -> None:
    result = webmeta.read_url("file:///etc/passwd")
    assert "only http and https" in result.errors[0].message


_pieces = ["<html>", "<head>", "<meta name='citation_title' content='T'>", "<meta ",
           "name='citation_author' content=''>", "<meta property='og:title' content='x'>",
           "<script type='application/ld+json'>", "{\"@type\": \"Report\", \"name\": ",
           "[1, {\"@graph\": null}]", "</script>",
           "<span class='Z3988' title='rft.au=&rft.date=x'>",
           "<meta name='DC.date' content='sometime'>", "<title>", "</title>", "&amp;", "<", ">",
           "\x00", "é", " "]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_pieces), max_size=30).map("".join))
def test_no_page_makes_the_reader_raise(text: str) -> None:
    result = webmeta.read(text, "fuzz.html")
    assert all(isinstance(e, CitekitError) and e.file == "fuzz.html" for e in result.errors)
    assert len(result.items) + len(result.errors) == 1


def test_fetch_has_an_overall_deadline() -> None:
    """A server that drips bytes is cut off by the deadline, not only by the per-read timeout."""
    import socket
    import time

    from citekit.errors import ParseError
    from citekit.net import fetch

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)

    def drip() -> None:
        conn, _ = listener.accept()
        conn.recv(65536)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n")
        try:
            for _ in range(40):
                conn.sendall(b"x")
                time.sleep(0.1)
        except OSError:
            pass
        conn.close()

    thread = threading.Thread(target=drip, daemon=True)
    thread.start()
    started = time.monotonic()
    with pytest.raises(ParseError, match="within 1 s"):
        fetch(f"http://127.0.0.1:{listener.getsockname()[1]}/", timeout=0.5, deadline=1)
    assert time.monotonic() - started < 3
    listener.close()
