"""`citekit convert` with the BibTeX, BibLaTeX and RIS readers and writers."""
from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
from click.testing import CliRunner
from project_paths import SHARED

from citekit.cli import main
from citekit.sources import read_text

DATA = Path(__file__).parent / "data" / "formats"
CORPUS = SHARED / "corpora" / "biblatex-examples.bib"
SCHEMA = json.loads((Path(__file__).parent.parent / "citekit" / "data" / "csl-data.json")
                    .read_text())

if "convert" not in getattr(main, "commands", {}):
    pytest.skip("the convert command is not in the CLI yet", allow_module_level=True)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_biblatex_to_json_is_schema_valid_and_decoded() -> None:
    code, out, _ = run("convert", str(CORPUS), "--to", "json")
    assert code == 0
    items = json.loads(out)
    assert len(items) == 90
    jsonschema.validate(items, SCHEMA)
    aksin = next(i for i in items if i.get("citation-key") == "aksin")
    assert aksin["author"][0] == {"family": "Aksın", "given": "Özge"}


def test_biblatex_to_bibtex_reads_back_to_the_same_fields() -> None:
    code, out, _ = run("convert", str(DATA / "hardcases.bib"), "--to", "biblatex")
    assert code == 0
    library = bibtexparser.parse_string(out)
    assert library.failed_blocks == [] and len(library.entries) == 9
    original = {i.id: i for i in read_text((DATA / "hardcases.bib").read_text(), "a.bib").items}
    back = {i.id: i for i in read_text(out, "b.bib").items}
    assert set(back) == set(original)


def test_ris_out_and_back() -> None:
    code, out, _ = run("convert", str(DATA / "sample.ris"), "--to", "ris")
    assert code == 0 and out.count("TY  - ") == 6


def test_one_broken_entry_among_a_hundred(tmp_path: Path) -> None:
    good = [f"@book{{key{i}, title = {{Title {i}}}, year = 2000}}\n" for i in range(100)]
    path = tmp_path / "refs.bib"
    path.write_text("".join(good[:10]) + "@book{broken, title = {Open\n\n" + "".join(good[10:]))
    code, out, err = run("convert", str(path), "--to", "json")
    assert code == 2
    assert len(json.loads(out)) == 100
    errors = [line for line in err.splitlines() if "error" in line]
    assert len(errors) == 1 and f"{path}:11" in errors[0] and "broken" in errors[0]


def test_several_files_convert_to_one_bibtex_file_with_unique_keys(tmp_path: Path) -> None:
    code, out, _ = run("convert", str(DATA / "hardcases.bib"), str(DATA / "sample.ris"),
                       str(DATA / "article.html"), "--to", "bibtex")
    assert code == 0
    keys = [e.key for e in bibtexparser.parse_string(out).entries]
    assert len(keys) == 9 + 6 + 1 == len(set(keys))
    assert "smith2013north" in keys
