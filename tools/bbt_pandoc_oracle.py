"""Development only: record pandoc's APA bibliography for the Better BibTeX/BibLaTeX libraries.

Needs the pip package ``pypandoc-binary`` (a pandoc binary; never a runtime or test
dependency). Run from the repository root::

    .venv/bin/pip install pypandoc-binary
    .venv/bin/python tools/bbt_pandoc_oracle.py

For each tests/data/formats/bbt/library-*.bib it runs ``pandoc --citeproc --csl
styles/apa.csl -t plain`` on a document citing every entry (``nocite: '@*'``) and writes the
bibliography's entries, one string each, with pandoc's version, to
tests/data/formats/bbt/pandoc-apa.json. tests/test_formats_bbt.py compares citekit's APA
bibliography of the same files with it.
"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "formats" / "bbt"


def pandoc_entries(library: Path) -> list[str]:
    import pypandoc

    doc = f"---\nbibliography: {library.name}\nnocite: '@*'\n---\n"
    done = subprocess.run([pypandoc.get_pandoc_path(), "--citeproc", "--csl",
                           str(ROOT / "styles" / "apa.csl"), "-f", "markdown", "-t", "plain",
                           "--wrap=none"], input=doc, cwd=library.parent, check=True,
                          capture_output=True, text=True)
    return [block.strip() for block in done.stdout.split("\n\n") if block.strip()]


def main() -> None:
    import pypandoc

    out = {"pandoc": pypandoc.get_pandoc_version(), "style": "styles/apa.csl",
           "libraries": {lib.name: pandoc_entries(lib)
                         for lib in sorted(DATA.glob("library-*.bib"))}}
    (DATA / "pandoc-apa.json").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n",
                                          encoding="utf-8")


if __name__ == "__main__":
    main()
