"""A BibTeX file to an HTML bibliography (pandoc's markup), APA by default."""
from __future__ import annotations

import html
import sys
from pathlib import Path

import citekit


def main(path: str, style: str = "apa") -> int:
    result = citekit.load(Path(path))
    for error in result.errors:
        print(f"error: {error}", file=sys.stderr)
    bib = citekit.format_bibliography(result.items, style, output="html")
    print('<div id="refs" class="references csl-bib-body">')
    for key, entry in zip(bib.ids, bib.entries):
        print(f'  <div class="csl-entry" id="ref-{html.escape(key)}">{entry}</div>')
    print("</div>")
    return 1 if result.errors else 0


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    sys.exit(main(*(sys.argv[1:] or [str(here / "refs.bib")])))
