"""`citekit parse`, `validate` and `convert`: through click's CliRunner and the installed
`citekit` in a real subprocess."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from citekit.cli import main
from citekit.model.schema import item_errors

ROOT = Path(__file__).parent.parent
DTIC = ROOT / "seeds" / "000_e4b1305b581e43a2.txt"
CFR = ROOT / "seeds" / "003_2c015d99a0c70802.txt"


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def bad_files(tmp_path: Path) -> list[Path]:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)))
    truncated = tmp_path / "cut.json"
    truncated.write_text('[\n  {"id": "a", "type": "book",\n   "title": "Cut')
    return [tmp_path / "missing.txt", empty, binary, truncated]


def test_parse_cfr_seed_prints_one_valid_item() -> None:
    code, out, err = run("parse", str(CFR))
    assert (code, err) == (0, "")
    (item,) = json.loads(out)
    assert item_errors(item) == []
    assert item["id"] == "smith2013north" and item["type"] == "article-journal"
    assert item["container-title"] == "ASAN Forum"


def test_parse_dtic_seed_prints_one_valid_report() -> None:
    code, out, _ = run("parse", str(DTIC))
    assert code == 0
    (item,) = json.loads(out)
    assert item_errors(item) == []
    assert item["type"] == "report"
    assert {"title", "genre", "abstract", "keyword"} <= set(item)
    assert {"author", "issued"}.isdisjoint(item)
    assert "" not in item.values()


def test_bad_files_each_get_one_line_and_good_ones_still_print(bad_files: list[Path]) -> None:
    code, out, err = run("parse", str(bad_files[0]), str(DTIC), *map(str, bad_files[1:]),
                         str(CFR))
    assert code == 2
    assert [i["type"] for i in json.loads(out)] == ["report", "article-journal"]
    lines = err.splitlines()
    assert len(lines) == 4 and "Traceback" not in err
    for path, line in zip(bad_files, lines):
        assert line.startswith(f"citekit: error: {path}")
    assert lines[3].startswith(f"citekit: error: {bad_files[3]}:3: invalid JSON")


def test_parse_stdin_yaml_output_and_from_override() -> None:
    code, out, _ = run("parse", "-", "--from", "dtic", "--to", "yaml",
                       stdin=DTIC.read_bytes())
    assert code == 0 and out.startswith("- id: japans\n  type: report\n")
    code, _, err = run("parse", str(DTIC), "--from", "nonsense")
    assert code == 2 and err.startswith("citekit: error: unknown input format 'nonsense'")


def test_ids_unique_across_files(tmp_path: Path) -> None:
    code, out, _ = run("parse", str(CFR), str(CFR))
    assert code == 0
    assert [i["id"] for i in json.loads(out)] == ["smith2013north", "smith2013northa"]


def test_validate(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[{"id": "x", "type": "book", "title": "T", "odd-field": 1}]')
    code, out, err = run("validate", str(CFR), str(DTIC))
    assert (code, err) == (0, "") and out.strip() == "2 item(s) read, 0 problem(s)"
    code, out, err = run("validate", str(bad), str(CFR))
    assert code == 2
    assert err.splitlines() == [f"citekit: error: {bad}: [x] Additional properties are not "
                                "allowed ('odd-field' was unexpected)"]


def test_convert_to_yaml_and_back(tmp_path: Path) -> None:
    target = tmp_path / "refs.yaml"
    code, _, _ = run("convert", str(CFR), "--to", "yaml", "--pandoc", "-o", str(target))
    assert code == 0 and target.read_text("utf-8").startswith("---\nreferences:\n")
    code, out, _ = run("convert", str(target), "--to", "json")
    assert code == 0
    assert json.loads(out) == json.loads(run("parse", str(CFR))[1])


def test_installed_command_in_a_subprocess(bad_files: list[Path]) -> None:
    exe = shutil.which("citekit", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("citekit is not installed in this environment")
    proc = subprocess.run([exe, "parse", str(CFR), *map(str, bad_files), str(DTIC)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert [i["id"] for i in json.loads(proc.stdout)] == ["smith2013north", "japans"]
    assert len(proc.stderr.splitlines()) == 4 and "Traceback" not in proc.stderr
