"""The 60 saved pages of ../shared/corpora/webmeta against hand-checked expectations
(tests/data/webmeta/, scored by tools/webmeta_score.py), and the rules behind them."""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

from citekit.sources import read_text
from citekit.sources.charset import decode_html
from citekit.sources.registry import parse_bytes
from citekit.sources.webextract import date, doi
from citekit.sources.webmeta import extract_meta

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import webmeta_score

CORPUS = webmeta_score.CORPUS
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared webmeta corpus absent")


@needs_corpus
def test_every_page_has_an_expectation_of_that_exact_page() -> None:
    import hashlib

    for page in webmeta_score.pages(CORPUS):
        path = webmeta_score.expectation_path(page, CORPUS)
        stored = json.loads(path.read_text("utf-8"))
        assert stored["sha256"] == hashlib.sha256(gzip.decompress(page.read_bytes())).hexdigest()


@needs_corpus
def test_corpus_agreement_and_no_embarrassing_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert webmeta_score.score(CORPUS, quiet=True) == 0
    summary = capsys.readouterr().out.splitlines()[0]
    right, total = (int(n) for n in summary.split("fields right ")[1].split(" ")[0].split("/"))
    assert right / total >= 0.97, summary
    assert "crashes 0, embarrassing outputs 0" in summary


@needs_corpus
def test_no_page_is_a_preprint_or_prints_a_type_code() -> None:
    for page in webmeta_score.pages(CORPUS):
        got, _ = webmeta_score.read_page(page)
        if got:
            assert got["type"] != "article" and "genre" not in got, page


@needs_corpus
def test_wikipedia_is_not_cited_as_its_first_reference() -> None:
    got, _ = webmeta_score.read_page(CORPUS / "metascraper" / "wikipedia.html.gz")
    assert got is not None and got["title"] == "Bob Dylan" and "author" not in got


@needs_corpus
def test_windows_1252_page_without_a_charset_is_read_with_a_warning() -> None:
    data = gzip.decompress((CORPUS / "sandcrawler" / "genders_g58_fairlie.html.gz").read_bytes())
    result = parse_bytes(data, "genders.html")
    assert result.items and "windows-1252" in result.warnings[0]


def test_charset_order_bom_then_declared_then_utf8_then_1252() -> None:
    body = "<html><head><title>Caf\u00e9</title></head></html>"
    assert decode_html(b"\xef\xbb\xbf" + body.encode("utf-8"), "iso-8859-1")[0] == body
    assert decode_html(body.encode("cp1252"), "windows-1252") == (body, [])
    declared = b'<meta charset="iso-8859-1">' + body.encode("latin-1")
    assert "Caf\u00e9" in decode_html(declared)[0]
    assert decode_html(body.encode("utf-8")) == (body, [])
    text, warnings = decode_html(body.encode("cp1252"), label="p.html")
    assert text == body
    assert warnings == ["p.html: no charset declared and not UTF-8; read as windows-1252"]


def test_bot_challenge_page_is_refused_with_a_clear_error() -> None:
    page = ("<html><head><title>Just a moment...</title></head><body><noscript>Enable "
            "JavaScript and cookies to continue</noscript></body></html>")
    result = read_text(page, "challenge.html", fmt="html")
    assert result.items == [] and "bot-check page" in result.errors[0].message
    assert result.errors[0].file == "challenge.html"


def test_og_article_is_a_web_page_and_news_types_come_from_schema_org() -> None:
    og = "<html><head><meta property='og:type' content='article'><meta property='og:title' " \
         "content='Story | Daily'><meta property='og:site_name' content='Daily'></head></html>"
    meta = extract_meta(og)
    assert (meta["type"], meta["title"], meta["container-title"]) == ("webpage", "Story", "Daily")
    ld = og.replace("</head>", "<script type='application/ld+json'>{\"@type\": "
                    "\"ReportageNewsArticle\", \"headline\": \"Story &amp; more\", \"author\": "
                    "{\"@type\": \"Person\", \"name\": [\"A B\", \"C D\"]}, \"datePublished\": "
                    "\"Mon, Jan 7 2019 15:37:00 EST\", \"publisher\": {\"@id\": \"#org\"}}"
                    "</script><script type='application/ld+json'>{\"@id\": \"#org\", \"@type\": "
                    "\"Organization\", \"name\": \"Daily\"}</script></head>")
    meta = extract_meta(ld)
    assert (meta["type"], meta["title"]) == ("article-newspaper", "Story & more")
    assert meta["author"] == [{"family": "B", "given": "A"}, {"family": "D", "given": "C"}]
    assert meta["issued"] == {"date-parts": [[2019, 1, 7]]} and "publisher" not in meta


def test_a_site_is_never_an_author() -> None:
    page = ("<html><head><meta property='og:site_name' content='Example News'><meta "
            "name='author' content='Example News'><meta property='og:title' content='T'>"
            "<meta property='article:author' content='https://facebook.com/example'></head>"
            "</html>")
    assert "author" not in extract_meta(page)


@pytest.mark.parametrize("text, expected", [
    ("doi:10.1103/PhysRevX.12.041027", "10.1103/PhysRevX.12.041027"),
    ("https://doi.org/10.57262/ade/1391109086", "10.57262/ade/1391109086"),
    ("ade/1391109086", None), ("10.1016/S0009-2614(97)04014-1", "10.1016/S0009-2614(97)04014-1"),
])
def test_dois_are_normalized(text: str, expected: str | None) -> None:
    assert doi(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("4/6/2016 4:00:00 PM", [2016, 4, 6]), ("Wed Jan 06 2021 00:34:00 GMT+0000 (UTC)",
                                            [2021, 1, 6]),
    ("2017-06-21 09:51:00 -0400", [2017, 6, 21]), ("Apr 22, 2019", [2019, 4, 22]),
    ("2021/6", [2021, 6]),
])
def test_page_dates_are_parsed(text: str, expected: list[int]) -> None:
    assert date(text) == {"date-parts": [expected]}


def test_an_unreadable_date_is_left_out_not_printed_as_written() -> None:
    assert date("sometime soon") is None
    assert "issued" not in extract_meta("<html><head><meta name='citation_title' content='T'>"
                                        "<meta name='citation_date' content='soon'></head></html>")


def test_a_title_of_thousands_of_parts_is_read_in_bounded_time() -> None:
    import time

    title = " | ".join(f"part {i}" for i in range(20_000))
    started = time.monotonic()
    meta = extract_meta(f"<html><head><title>{title}</title></head><body><h1>part 3</h1>"
                        "</body></html>")
    assert meta["title"].startswith("part 0 | part 1") and time.monotonic() - started < 5


@pytest.mark.parametrize("tags, kind", [
    ("<meta name='DC.type' content='Text.Serial.Journal'>", "article-journal"),
    ("<meta name='DC.type' content='phdthesis'>", "thesis"),
    ("<meta name='DC.type' content='Text'>", "webpage"),
    ("<meta property='og:type' content='video.movie'>", "motion_picture"),
    ("<meta property='og:type' content='article'>", "webpage"),
])
def test_type_codes_give_the_type_and_are_never_printed(tags: str, kind: str) -> None:
    meta = extract_meta(f"<html><head><meta name='DC.title' content='T'>{tags}</head></html>")
    assert meta.get("type", "webpage") == kind and "genre" not in meta


@pytest.mark.parametrize("text, tag", [("English", "en"), ("eng", "en"), ("En", "en"),
                                       ("en-us", "en-US"), ("pt_BR", "pt-BR"),
                                       ("sr-Latn", "sr-Latn")])
def test_languages_are_bcp47_tags(text: str, tag: str) -> None:
    from citekit.sources.webmeta import language_tag

    assert language_tag(text) == tag


def test_an_id_reference_resolves_to_the_fullest_object_of_that_id() -> None:
    graph = ('{"@graph": [{"@type": "NewsArticle", "headline": "H", "author": {"@id": "#p"}},'
             '{"@id": "#p", "@type": "Person"}, {"@id": "#p", "@type": "Person", '
             '"name": "Ada Lovelace"}]}')
    meta = extract_meta(f"<html><head><script type='application/ld+json'>{graph}</script>"
                        "</head></html>")
    assert meta["author"] == [{"family": "Lovelace", "given": "Ada"}]


def test_a_news_story_with_a_stray_citation_title_stays_a_news_story() -> None:
    page = ("<html><head><meta name='citation_title' content='Story'><script "
            "type='application/ld+json'>{\"@type\": \"NewsArticle\", \"headline\": \"Story\"}"
            "</script></head></html>")
    assert extract_meta(page)["type"] == "article-newspaper"
    bare = "<html><head><meta name='citation_title' content='Paper'></head></html>"
    assert extract_meta(bare)["type"] == "article-journal"


def test_a_fetched_page_is_decoded_by_the_servers_charset_then_its_own() -> None:
    from loopback import QuietHandler, serve

    from citekit.sources.webmeta import read_url

    body = "<html><head><title>Caf\u00e9 | Site</title></head></html>".encode("cp1252")

    class Pages(QuietHandler):
        def do_GET(self) -> None:
            kind = "text/html; charset=windows-1252" if self.path == "/declared" else "text/html"
            self.send(200, body, kind)

    with serve(Pages) as url:
        declared = read_url(url + "/declared", timeout=5)
        undeclared = read_url(url + "/plain", timeout=5)
    assert declared.items[0]["title"] == "Caf\u00e9 | Site" and declared.warnings == []
    assert undeclared.items[0]["title"] == "Caf\u00e9 | Site"
    assert "windows-1252" in undeclared.warnings[0]


def test_lone_surrogates_in_json_ld_become_replacement_characters() -> None:
    page = ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
            '"headline": "Bad \\ud800 title"}</script></head></html>')
    meta = extract_meta(page)
    assert meta["title"] == "Bad \ufffd title"
    meta["title"].encode("utf-8")  # printable


def test_a_page_of_many_nested_blocks_is_read_in_bounded_time() -> None:
    import time

    text = "<p>" + "words " * 200 + "</p>"
    page = ("<html><head><title>T</title></head><body>" + "<div>" * 200 + "<p>By Jane Doe</p>"
            + text * 4000 + "</div>" * 200 + "</body></html>")  # 200 blocks of 4.8 MB each
    started = time.monotonic()
    meta = extract_meta(page)
    assert time.monotonic() - started < 20
    assert meta["author"] == [{"family": "Doe", "given": "Jane"}]
