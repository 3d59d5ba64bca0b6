"""The README's promises about installing: the distribution name, and the two set-up
commands (the second is exactly what CI runs)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text("utf-8")

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = None


def _code_lines() -> list[str]:
    blocks = re.findall(r"```(?:sh|console|bash)\n(.*?)```", README, re.S)
    return [line for block in blocks for line in block.splitlines()]


def test_distribution_name_is_the_free_one() -> None:
    if tomllib is not None:
        project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
        assert project["name"] == "citekit-csl"
        assert project["scripts"]["citekit"] == "citekit.cli:run"
    installs = [line for line in _code_lines() + re.findall(r"`([^`\n]*pip install[^`\n]*)`",
                                                            README) if "pip install" in line]
    assert any(re.search(r"pip install citekit-csl\b", line) for line in installs)
    for line in installs:
        # what is installed is this checkout (".", -e) or the citekit-csl distribution,
        # never the unrelated project that holds the name citekit on the package index
        for target in re.findall(r"pip install (?:-q )?(?:-e )?(\S+)", line):
            target = target.strip("'\"")
            assert target in (".", ".[test]", "pypandoc-binary") or \
                target.startswith("citekit-csl"), line
    assert "import citekit" in README


def test_set_up_commands_match_ci() -> None:
    setup = README[README.index("## Set-up on a fresh machine"):]
    commands = re.findall(r"```sh\n(.*?)\n```", setup, re.S)[:2]
    assert commands[0] == ("python3 -m venv .venv && .venv/bin/pip install -q . && "
                           ".venv/bin/citekit format --style apa seeds/*.txt")
    install, test = commands[1].rsplit(" && ", 1)
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert install in ci and test in ci


def test_generated_tables_keep_their_markers() -> None:
    for marker in ("conformance", "oracle", "oracle-groups"):
        assert f"<!-- {marker}:start -->" in README and f"<!-- {marker}:end -->" in README
