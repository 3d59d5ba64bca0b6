"""The style library: names, paths, ./X.csl, library ids, renamed ids, URIs, URLs and the cache."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from loopback import QuietHandler, serve

import citekit
from citekit.cli import main
from citekit.csl.library import find_styles, library_dir, resolve_style
from citekit.csl.style import load_style
from citekit.errors import StyleError

BIB = """@article{smith2020,
  author = {Smith, Sarah A. and Jones, Bob},
  title = {A study of things},
  journal = {Journal of Stuff},
  year = {2020}, volume = {12}, pages = {1--10}
}
"""


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CITEKIT_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture()
def bib(tmp_path) -> Path:
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_library_is_installed():
    folder = library_dir()
    assert folder is not None and (folder / "ieee.csl").is_file()
    assert (folder / "renamed-styles.json").is_file()


def test_ieee_by_name(bib):
    result = run("format", "--style", "ieee", str(bib))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("[1] S. A. Smith and B. Jones, “A study of things,”")


def test_dependent_style_by_id_equals_its_uri(bib):
    by_id = run("format", "--style", "nature-communications", str(bib))
    by_uri = run("format", "--style", "http://www.zotero.org/styles/nature-communications",
                 str(bib))
    assert by_id.exit_code == 0 and by_uri.exit_code == 0, by_id.output + by_uri.output
    assert by_id.output == by_uri.output
    assert by_id.output.startswith("1. Smith, S. A. & Jones, B. A study of things.")


def test_dependent_keeps_its_title_and_locale():
    style = load_style("nature-communications")
    assert style.title == "Nature Communications"
    assert style.citation is not None  # the parent's layouts
    # a German dependent style of a parent without a German default-locale
    german = [i for i in find_styles(dependent=True) if (i.default_locale or "").startswith("de")]
    assert german
    loaded = load_style(german[0].id)
    assert loaded.default_locale == german[0].default_locale
    assert loaded.title == german[0].title


def test_dependent_of_bundled_parent_is_usable():
    infos = [i for i in find_styles(dependent=True) if i.parent == "apa"]
    assert infos
    style = load_style(infos[0].id)
    assert style.citation is not None and style.title == infos[0].title


def test_every_dependent_style_loads():
    failures = []
    for info in find_styles(dependent=True):
        try:
            load_style(info.id)
        except StyleError as exc:
            failures.append(f"{info.id}: {exc}")
    assert failures == []


def test_renamed_style_id():
    # vancouver is listed in renamed-styles.json
    assert resolve_style("vancouver").source.endswith(".csl")
    assert load_style("vancouver").title


def test_unknown_style_names_closest(bib):
    result = run("format", "--style", "ieeee", str(bib))
    assert result.exit_code == 2
    lines = [ln for ln in result.output.splitlines() if ln]
    assert len(lines) == 1 and "ieee" in lines[0] and "Traceback" not in result.output


def test_bundled_wins_and_aliases():
    assert Path(load_style("apa").source).parent.name in ("styles", "_styles")
    assert load_style("chicago").title == load_style("chicago-author-date").title


def test_local_csl_in_current_folder(tmp_path, monkeypatch, bib):
    source = (library_dir() / "ieee.csl").read_text(encoding="utf-8")
    mine = re.sub(r"<title>[^<]*</title>", "<title>Mine</title>", source, count=1)
    (tmp_path / "mine.csl").write_text(mine, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert load_style("mine").title == "Mine"
    result = run("format", "--style", "mine", str(bib))
    assert result.exit_code == 0 and result.output.startswith("[1] S. A. Smith")


class _Server:
    """A loopback server for one style body, counting the requests it gets."""

    def __init__(self, body: bytes) -> None:
        hits: list[str] = []
        self.hits = hits

        class Handler(QuietHandler):
            def do_GET(self) -> None:
                hits.append(self.path)
                if self.path.endswith("missing.csl"):
                    self.send_error(404)
                    return
                self.send(200, body, "application/vnd.citationstyles.style+xml")

        self.handler = Handler
        self.url = ""


@pytest.fixture()
def server(monkeypatch):
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    body = re.sub(rb"<title>[^<]*</title>", b"<title>Served IEEE</title>",
                  (library_dir() / "ieee.csl").read_bytes(), count=1)
    srv = _Server(body)
    with serve(srv.handler) as srv.url:
        yield srv


def test_style_url_fetched_once_then_cached(server, bib):
    url = f"{server.url}/styles/served.csl"
    assert load_style(url).title == "Served IEEE"
    first = run("format", "--style", url, str(bib))
    second = run("format", "--style", url, str(bib))
    assert first.exit_code == 0 and first.output == second.output
    assert first.output.startswith("[1] S. A. Smith")
    assert server.hits == ["/styles/served.csl"]


def test_style_url_failure_is_one_line(server, bib):
    result = run("format", "--style", f"{server.url}/missing.csl", str(bib))
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1 and "404" in result.output


def test_styles_command_lists_and_searches():
    result = run("styles", "nature")
    assert result.exit_code == 0
    ids = [line.split("\t")[0] for line in result.output.splitlines()]
    assert ids[0] == "nature" and "nature-communications" in ids
    assert all("nature" in line.lower() for line in result.output.splitlines())
    assert run("styles", "no-such-style-anywhere").exit_code == 1


def test_find_styles_api():
    found = citekit.find_styles("ieee", citation_format="numeric")
    assert found[0].id == "ieee" and found[0].title.startswith("IEEE")
    assert all(i.citation_format == "numeric" for i in found)
    medicine = citekit.find_styles("vancouver", field="medicine")
    assert medicine and all("medicine" in i.fields for i in medicine)
