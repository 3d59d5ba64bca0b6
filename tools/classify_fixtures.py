"""Write the list of citeproc-js fixtures whose style is CSL-M (development tool, not shipped).

A fixture's style counts as CSL-M when it fails the CSL 1.0.2 schema once its ``version``
attribute reads ``1.0`` (CSL-M styles declare ``1.1mlz1``; many of them use nothing else from
CSL-M). The schema is the official RELAX NG Compact one (citation-style-language/schema at tag
v1.0.2, ``schemas/styles/*.rnc``), converted with ``rnc2rng`` and validated with ``lxml``;
neither is a citekit dependency, and the schema is not stored in the repository::

    pip install rnc2rng lxml
    python tools/classify_fixtures.py SCHEMA_STYLES_DIR ../shared/csl/suites/citeproc-js \\
        > tests/conformance/citeproc-js-extensions.tsv

The list names each fixture that needs an extension, with its reasons (the data-level ones too,
from :func:`citekit.conformance.extension_reasons`).
"""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from citekit.conformance import extension_reasons, parse_fixture


def _schema(rnc_dir: Path, out: Path) -> object:
    from lxml import etree  # type: ignore[import-untyped]

    for rnc in rnc_dir.glob("csl*.rnc"):
        if rnc.stem in ("csl-relaxed", "csl-repository"):
            continue
        rng = subprocess.run(["rnc2rng", str(rnc)], check=True, capture_output=True,
                             text=True).stdout
        (out / f"{rnc.stem}.rng").write_text(rng.replace('.rnc"', '.rng"'), encoding="utf-8")
    return etree.RelaxNG(etree.parse(str(out / "csl.rng")))


def main(argv: list[str]) -> int:
    from lxml import etree

    rnc_dir, suite = Path(argv[0]), Path(argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        schema = _schema(rnc_dir, Path(tmp))
        print("# citeproc-js fixtures needing extensions outside CSL 1.0.2, by reason.")
        print("# Written by tools/classify_fixtures.py (see its docstring); do not edit.")
        for path in sorted(suite.glob("*.txt")):
            sections = parse_fixture(path.read_text(encoding="utf-8"))
            csl = re.sub(r'version="1\.1mlz1"', 'version="1.0"', sections["CSL"].strip(),
                         count=1)
            try:
                valid = schema.validate(etree.fromstring(csl.encode()))  # type: ignore[attr-defined]
            except etree.XMLSyntaxError:
                valid = False
            reasons = ([] if valid else ["CSL-M style"]) + extension_reasons(sections)
            if reasons:
                print(f"{path.stem}\t{'; '.join(reasons)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
