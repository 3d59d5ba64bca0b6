"""The public Python API: names, the README example, independence of processors, errors."""
from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import pytest

import citekit

ROOT = Path(__file__).resolve().parent.parent
REFS = ROOT / "tests" / "data" / "pandoc" / "refs.json"


def readme_example() -> str:
    text = (ROOT / "README.md").read_text("utf-8")
    found = re.search(r"<!-- api-example[^>]*-->\s*```python\n(.*?)```", text, re.S)
    assert found, "README.md has no api-example block"
    return found.group(1)


def test_readme_example_runs_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    exec(compile(readme_example(), "README.md", "exec"), {"__name__": "readme"})
    out = capsys.readouterr().out
    assert "Doe, J. (1999). Frogs." in out
    assert "As Doe (1999, p. 3) shows (see Roe, 2005)." in out
    assert "@book{" in out and "no such style" in out


def test_every_public_name_resolves_and_is_documented() -> None:
    for name in citekit.__all__:
        value = getattr(citekit, name)
        if name != "__version__":
            assert getattr(value, "__doc__", None), name


def items() -> list[citekit.Item]:
    return citekit.load(REFS).items


def test_load_from_path_and_from_text() -> None:
    from_path = citekit.load(REFS)
    from_text = citekit.load(REFS.read_text("utf-8"))
    assert [i.id for i in from_path.items] == [i.id for i in from_text.items]
    assert len(from_path.items) == 20 and not from_path.errors


def test_bad_input_is_an_error_value_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[{"id": "a", "type": "book"},\n {"id": ', "utf-8")
    result = citekit.load(bad)
    assert result.errors and all(isinstance(e, citekit.CitekitError) for e in result.errors)
    assert result.errors[0].file == str(bad)
    with pytest.raises(citekit.CitekitError):
        citekit.load_style("no-such-style")
    with pytest.raises(citekit.CitekitError) as info:
        citekit.new_document(items()).insert({"citationItems": [{"id": "nope"}]})
    assert "nope" in str(info.value)


def test_two_documents_in_two_styles_do_not_interfere() -> None:
    shared = items()
    cites = [{"citationItems": [{"id": "smith2020a"}], "properties": {"noteIndex": 1}},
             {"citationItems": [{"id": "smith2020b"}], "properties": {"noteIndex": 2}}]
    alone = {}
    for style in ("apa", "chicago-notes"):
        doc = citekit.new_document(shared, style)
        for c in cites:
            doc.insert(dict(c))
        alone[style] = doc.texts()
    a, b = citekit.new_document(shared, "apa"), citekit.new_document(shared, "chicago-notes")
    for c in cites:  # interleaved
        a.insert(dict(c))
        b.insert(dict(c))
    assert a.texts() == alone["apa"] and b.texts() == alone["chicago-notes"]
    assert "citation-number" not in shared[0]  # the caller's items are not written to


def test_documents_in_separate_threads() -> None:
    shared = items()[:6]
    ids = [i.id for i in shared]
    results: dict[str, list[str]] = {}

    def work(style: str) -> None:
        doc = citekit.new_document(shared, style)
        for n, item_id in enumerate(ids, 1):
            doc.insert({"citationItems": [{"id": item_id}], "properties": {"noteIndex": n}})
        results[style] = doc.texts()

    threads = [threading.Thread(target=work, args=(s,)) for s in ("apa", "mla")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for style in ("apa", "mla"):
        assert results[style] == citekit.format_citations(shared, style)


def test_incremental_document_returns_only_changes() -> None:
    doc = citekit.new_document(items(), "chicago-notes")
    first = doc.insert({"citationID": "x", "citationItems": [{"id": "knuth1997art"}],
                        "properties": {"noteIndex": 1}})
    assert list(first) == ["x"]
    second = doc.insert({"citationID": "y", "citationItems": [{"id": "gates1995road"}],
                         "properties": {"noteIndex": 2}})
    assert list(second) == ["y"]
    before = doc.insert({"citationID": "w", "citationItems": [{"id": "knuth1997art"}],
                         "properties": {"noteIndex": 1}}, index=0)
    assert set(before) == {"w", "x"}  # x is now a subsequent cite
    assert len(doc.bibliography().entries) == 2


def test_format_functions_and_export() -> None:
    its = items()
    assert len(citekit.format_bibliography(its, "mla").entries) == 20
    texts, proc = citekit.format_document(its, [{"citationItems": [{"id": "knuth1997art"}]}])
    assert texts == ["(Knuth, 1997)"] and isinstance(proc, citekit.Processor)
    out = citekit.export.export(its[:2], "json")
    assert len(json.loads(out.text)) == 2 and isinstance(out.warnings, list)


def test_warnings_are_data_not_output(capsys: pytest.CaptureFixture[str]) -> None:
    result = citekit.render_markdown("See [@nobody].\n", items())
    assert result.warnings and "nobody" in result.warnings[0]
    assert capsys.readouterr() == ("", "")
