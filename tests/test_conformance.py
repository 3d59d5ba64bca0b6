"""Format stage: the CSL test-suite fixtures citekit passes must keep passing."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from citekit.conformance import (
    extension_reasons,
    normalize,
    parse_fixture,
    read_extensions,
    run_fixture,
)

HERE = Path(__file__).parent
SHARED = HERE.parent.parent / "shared" / "csl"
SUITE = SHARED / "test-suite" / "processor-tests" / "humans"
# (fixture folder, passing list, fewest passes the list may hold)
SETS = {
    "official": (SUITE, "passing.txt", 840),
    "citeproc-js": (SHARED / "suites" / "citeproc-js", "passing-citeproc-js.txt", 414),
    "jgm-citeproc": (SHARED / "suites" / "jgm-citeproc", "passing-jgm-citeproc.txt", 33),
}


_FIXTURE = """>>===== MODE =====>>
citation
<<===== MODE =====<<
>>===== RESULT =====>>
Doe
<<===== RESULT =====<<
>>===== CSL =====>>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<info><id/><title/><updated>2009-08-10T04:49:00+09:00</updated></info>
<citation><layout><names variable="author"><name form="short"/></names></layout></citation>
</style>
<<===== CSL =====<<
>>===== INPUT =====>>
[{"id": "ITEM-1", "type": "book", "author": [{"family": "Doe", "given": "John"}]}]
<<===== INPUT =====<<
"""


def _names(file: str) -> list[str]:
    text = (HERE / "conformance" / file).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


PASSING = [(set_name, name) for set_name, (_, file, _) in SETS.items() for name in _names(file)]


@pytest.mark.parametrize("set_name", list(SETS))
def test_passing_list_is_substantial(set_name: str) -> None:
    _, file, fewest = SETS[set_name]
    assert len(_names(file)) >= fewest


def test_suite_is_present_in_ci():
    # outside CI the fixtures are skipped when ../shared is absent; CI must run them all
    if os.environ.get("CI"):
        for folder, _, _ in SETS.values():
            assert folder.is_dir(), f"fixture set missing at {folder}"


@pytest.mark.skipif(not SUITE.is_dir(), reason="CSL fixtures not beside the project")
@pytest.mark.parametrize(("set_name", "name"), PASSING)
def test_fixture_still_passes(set_name: str, name: str) -> None:
    text = (SETS[set_name][0] / f"{name}.txt").read_text(encoding="utf-8")
    expected = normalize(parse_fixture(text)["RESULT"])
    assert normalize(run_fixture(text)) == expected


def test_extension_list_names_real_fixtures() -> None:
    listed = read_extensions(HERE / "conformance" / "citeproc-js-extensions.tsv")
    folder = SETS["citeproc-js"][0]
    if folder.is_dir():
        assert all((folder / f"{name}.txt").is_file() for name in listed)
        assert len(list(folder.glob("*.txt"))) - len(listed) == 368
    assert all(reasons for reasons in listed.values())


def test_extension_reasons_read_the_sections() -> None:
    sections = {"OPTIONS": "{}", "INPUT": '[{"id": "a", "multi": {}}]', "MODE": "citation-rtf"}
    assert extension_reasons(sections) == ["OPTIONS section", "citeproc-js-only MODE",
                                           "multilingual item data"]
    assert extension_reasons({"INPUT": '[{"id": "a"}]', "MODE": "citation"}) == []


def test_run_fixture_gives_result_shape() -> None:
    assert run_fixture(_FIXTURE) == "Doe"


def test_runner_reports_categories_and_extensions(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from citekit.conformance import main

    (tmp_path / "name_Simple.txt").write_text(_FIXTURE, encoding="utf-8")
    (tmp_path / "name_WithOptions.txt").write_text(
        _FIXTURE + ">>===== OPTIONS =====>>\n{}\n<<===== OPTIONS =====<<\n", encoding="utf-8")
    passing = tmp_path / "passing.txt"
    assert main([str(tmp_path), "--update-passing", str(passing)]) == 0
    out = capsys.readouterr().out
    assert "TOTAL (standard)            1 /    1" in out
    assert "OPTIONS section           1 /    1" in out
    assert passing.read_text().split() == ["name_Simple", "name_WithOptions"]
    assert main([str(tmp_path / "missing")]) == 2


def test_citekit_passes_the_jgm_fixtures_citeproc_js_passes() -> None:
    # jgm-citeproc-js-passes.txt: tools/oracle/run_fixtures.js, citeproc-js run as its own
    # fixture runner runs it (it reproduces all 610 of citeproc-js's own fixtures)
    cjs = _names("jgm-citeproc-js-passes.txt")
    assert len(cjs) == 23
    assert set(cjs) <= set(_names(SETS["jgm-citeproc"][1]))


_CITATIONS = """>>===== MODE =====>>
citation
<<===== MODE =====<<
>>===== RESULT =====>>
RESULT_HERE
<<===== RESULT =====<<
>>===== CITATIONS =====>>
[[{"citationID": "A", "citationItems": [{"id": "ITEM-1"}], "properties": {"noteIndex": 1}},
  [], []],
 [{"citationID": "B", "citationItems": [{"id": "ITEM-1"}], "properties": {"noteIndex": 2}},
  [["A", 1]], []]]
<<===== CITATIONS =====<<
""" + _FIXTURE.split("<<===== RESULT =====<<\n", 1)[1]


def test_citations_result_with_or_without_the_runners_marks() -> None:
    # citeproc-js's runner marks each citation of the document; fixtures rewritten from
    # jgm/citeproc's own form kept its RESULT, the texts alone
    marked = _CITATIONS.replace("RESULT_HERE", "..[0] Doe\n>>[1] Doe")
    assert run_fixture(marked) == "..[0] Doe\n>>[1] Doe"
    assert run_fixture(_CITATIONS.replace("RESULT_HERE", "Doe\nDoe")) == "Doe\nDoe"


@pytest.mark.skipif(not SETS["jgm-citeproc"][0].is_dir(), reason="no jgm fixtures beside us")
def test_jgm_fixtures_citekit_fails_are_listed_by_reason_and_give_citeproc_js_output() -> None:
    import json

    from citekit.conformance import read_extensions, strip_marks

    folder = SETS["jgm-citeproc"][0]
    failing = read_extensions(HERE / "conformance" / "jgm-citeproc-failures.tsv")
    passing = set(_names(SETS["jgm-citeproc"][1]))
    assert sorted(failing) == sorted(p.stem for p in folder.glob("*.txt") if p.stem not in passing)
    assert all(reasons for reasons in failing.values())
    cjs = json.loads((HERE / "data" / "oracle" / "jgm-citeproc-js-outputs.json")
                     .read_text(encoding="utf-8"))["outputs"]
    for name in failing:
        text = (folder / f"{name}.txt").read_text(encoding="utf-8")
        got = normalize(run_fixture(text))
        assert got != normalize(parse_fixture(text)["RESULT"]), f"{name} passes now"
        assert got == normalize(strip_marks(cjs[name], parse_fixture(text))), name
