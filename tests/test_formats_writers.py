"""BibTeX/BibLaTeX writers never corrupt: what is written reads back (citekit, and biber and
bibtex when installed) with nothing lost that was not announced."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from project_paths import SHARED

from citekit.export import export
from citekit.model import Date, Item, Name
from citekit.sources import read_file, read_text

CORPUS = SHARED / "corpora" / "biblatex-examples.bib"


def _one(text: str) -> Item:
    (item,) = read_text(text, "t.bib").items
    return item


def test_date_beside_older_year_month_is_written_from_the_date() -> None:
    result = read_text("@article{d, title = {T}, date = {2012-12-13}, year = {9999}, "
                       "month = may}", "d.bib")
    assert any("both date and year/month" in w for w in result.warnings)
    (item,) = result.items
    out = export([item], "biblatex")
    assert "date = {2012-12-13}" in out.text and "9999" not in out.text
    assert any("year = {9999} differs from the date" in w for w in out.warnings)
    assert read_text(out.text, "back.bib").items[0]["issued"].parts == ((2012, 12, 13),)
    bibtex = export([item], "bibtex").text
    assert "year = {2012}" in bibtex and "month = dec" in bibtex and "9999" not in bibtex


def test_and_inside_a_literal_list_stays_protected() -> None:
    item = _one("@book{c, title = {T}, publisher = {Routledge {and} Kegan Paul and Penguin},"
                " location = {London and New York}}")
    assert item["publisher"] == "Routledge and Kegan Paul; Penguin"
    assert item["publisher-place"] == "London; New York"
    text = export([item], "biblatex").text
    assert "publisher = {Routledge {and} Kegan Paul and Penguin}" in text
    back = read_text(text, "b.bib").items[0]
    assert back["publisher"] == item["publisher"]


def test_thesis_types_and_bce_years() -> None:
    ma = Item("m", "thesis", {"citation-key": "m", "title": "On stars", "genre": "Master’s thesis",
                              "publisher": "Uni", "issued": Date(parts=((-45,),))})
    phd = Item("p", "thesis", {"citation-key": "p", "title": "On moons", "genre": "PhD thesis",
                               "publisher": "Uni",
                               "issued": Date(parts=((-877,), (-866,)))})
    text = export([ma, phd], "biblatex").text
    assert "@thesis{" in text and "type = {mathesis}" in text and "type = {phdthesis}" in text
    assert "date = {-0044}" in text and "date = {-0876/-0865}" in text  # biber's padded years
    back = {i.id: i for i in read_text(text, "t.bib").items}
    assert back["m"]["issued"].parts == ((-45,),) and back["m"]["genre"] == "Master’s thesis"
    assert back["p"]["issued"].parts == ((-877,), (-866,))
    classic = export([ma, phd], "bibtex").text
    assert "@mastersthesis{" in classic and "@phdthesis{" in classic


def test_citation_keys_come_from_plain_text() -> None:
    item = Item("", "book", {"title": '<span class="nocase">Span</span>ish <i>tales</i>',
                             "author": [Name(family="Díaz", given="Ana")],
                             "issued": Date(parts=((2006,),))})
    key = re.match(r"@book\{([^,]+),", export([item], "biblatex").text).group(1)
    assert key == "diaz2006spanish"


def test_open_ranges_and_uncertain_dates_round_trip() -> None:
    item = _one("@book{o, title = {T}, date = {1988/}, urldate = {1723~}}")
    assert item["issued"].parts == ((1988,), (0,)) and item["accessed"].circa
    text = export([item], "biblatex").text
    assert "date = {1988/}" in text and "urldate = {1723~}" in text


_WORDS = st.sampled_from(["The", "the", "NASA", "iPhone", "of", "Über", "a", "X-Ray",
                          "Space-Based", "3D", "Is", "All:", "Why?", "[A", "(b)", "e.g.",
                          "d’Urville", "McDonald", "UN", "and", "Café", "“Quoted”"])


@settings(max_examples=150, deadline=None)
@given(words=st.lists(_WORDS, min_size=1, max_size=8), to=st.sampled_from(["bibtex", "biblatex"]))
def test_titles_survive_the_round_trip_through_sentence_case(words: list[str], to: str) -> None:
    """Whatever a title looks like, the writer braces what the reader's sentence case would
    change, so reading the written file gives the same title back."""
    title = " ".join(words)
    item = Item("k", "book", {"title": title, "issued": Date(parts=((2000,),))})
    back = read_text(export([item], to).text, "k.bib").items[0]
    assert re.sub(r"</?span[^>]*>", "", back["title"]) == title


needs_biber = pytest.mark.skipif(shutil.which("biber") is None or not CORPUS.exists(),
                                 reason="biber or biblatex-examples.bib not available")


def _biber_warnings(bib: Path, folder: Path) -> list[str]:
    """biber's data-model warnings and errors for ``bib`` (``biber --tool``, in ``folder``),
    with the file's name taken out so two files' lists compare."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "refs.bib"
    target.write_text(bib.read_text(encoding="utf-8"), encoding="utf-8")
    run = subprocess.run(["biber", "--tool", "--validate-datamodel", "refs.bib"], cwd=folder,
                         capture_output=True, text=True, timeout=300)
    lines = (run.stdout + run.stderr).splitlines()
    assert run.returncode == 0 and any("INFO" in ln for ln in lines), run.stdout[-1000:]
    return sorted({re.sub(r"^.*?(WARN|ERROR) - ", r"\1 ", ln).replace("(refs.bib)", "")
                   for ln in lines if re.match(r"(WARN|ERROR) - ", ln)})


@needs_biber
def test_biblatex_examples_through_citekit_gives_biber_no_new_warnings(tmp_path: Path) -> None:
    original = read_file(CORPUS)
    written = export(original.items, "biblatex")
    out = tmp_path / "citekit.bib"
    out.write_text(written.text, encoding="utf-8")
    before = _biber_warnings(CORPUS, tmp_path / "a")
    after = _biber_warnings(out, tmp_path / "b")
    assert len(before) >= 10  # biber does check: biblatex-examples.bib has its own warnings
    assert [w for w in after if w not in before] == []
    back = read_text(written.text, "citekit.bib")
    assert back.errors == [] and len(back.items) == len(original.items)


needs_bibtex = pytest.mark.skipif(shutil.which("bibtex") is None or not CORPUS.exists(),
                                  reason="bibtex not available")


@needs_bibtex
def test_bibtex_reads_the_classic_output(tmp_path: Path) -> None:
    items = read_file(CORPUS).items
    (tmp_path / "refs.bib").write_text(export(items, "bibtex").text, encoding="utf-8")
    cites = "".join(f"\\citation{{{i.id}}}\n" for i in items)
    (tmp_path / "doc.aux").write_text(cites + "\\bibstyle{plain}\n\\bibdata{refs}\n",
                                      encoding="utf-8")
    run = subprocess.run(["bibtex", "doc"], cwd=tmp_path, capture_output=True, text=True,
                         timeout=300)
    errors = [ln for ln in run.stdout.splitlines() if "error message" in ln or
              ln.startswith("I was expecting") or "---line" in ln]
    assert errors == [], run.stdout[-2000:]


def test_particles_round_trip_in_biblatex() -> None:
    van = Item("r", "book", {"citation-key": "r", "title": "Python",
                             "author": [Name(family="Rossum", given="Guido",
                                             non_dropping_particle="van"),
                                        Name(family="Goethe", given="Johann Wolfgang",
                                             dropping_particle="von")]})
    out = export([van], "biblatex")
    assert "family={Rossum}, given={Guido}, prefix={van}, useprefix=true" in out.text
    assert out.warnings == []
    back = read_text(out.text, "r.bib").items[0]
    assert back.names("author") == van.names("author")
    classic = export([van], "bibtex")  # BibTeX has no way to say it: announced
    assert any("non-dropping particle" in w for w in classic.warnings)


_BIBTEXPARSER = SHARED / "corpora" / "formats" / "bibtexparser" / "data-files.json"


@pytest.mark.skipif(not _BIBTEXPARSER.exists() or not CORPUS.exists(),
                    reason="corpora not available")
@pytest.mark.parametrize("to, ext", [("biblatex", "bib"), ("bibtex", "bib"), ("ris", "ris"),
                                     ("yaml", "yaml"), ("json", "json")])
def test_every_writer_reads_back_what_it_does_not_announce(to: str, ext: str) -> None:
    """python-bibtexparser's 55 data files and biblatex-examples.bib, written and read back:
    every item whose CSL variables changed is named in a warning."""
    files = json.loads(_BIBTEXPARSER.read_text(encoding="utf-8"))["files"]
    sources = [read_text(text, name, "bibtex").items for name, text in sorted(files.items())]
    sources.append(read_file(CORPUS).items)
    unannounced = []
    for items in filter(None, sources):
        written = export(items, to)
        warned = {m.group(1) for w in written.warnings if (m := re.match(r"\[(.*?)\]", w))}
        back = read_text(written.text, f"back.{ext}").items
        assert len(back) == len(items)
        for before, after in zip(items, back):  # every writer keeps the order
            a, b = (_comparable(i.to_json()) for i in (before, after))
            key = str(before.get("citation-key") or before.id)
            if a != b and key not in warned and before.id not in warned:
                unannounced.append((key, sorted(k for k in set(a) | set(b)
                                                if a.get(k) != b.get(k))))
    assert unannounced == []


def _comparable(data: dict) -> dict:
    """CSL variables only, nocase spans unwrapped (the writer's braces come back as them)."""
    text = json.dumps({k: v for k, v in data.items() if k not in ("id", "custom",
                                                                  "citation-key")})
    return json.loads(re.sub(r'<span class=\\"nocase\\">(.*?)</span>', r"\1", text))
