"""A Markdown paper (examples/paper.md) rendered to HTML with APA and with Chicago notes."""
from __future__ import annotations

import sys
from pathlib import Path

import citekit


def main() -> int:
    paper = Path(__file__).resolve().parent / "paper.md"
    for style in ("apa", "chicago-notes"):
        result = citekit.render_markdown(paper.read_text("utf-8"), style=style, to="html",
                                         file=str(paper))
        for warning in result.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        print(f"<!-- {style} -->")
        print(result.text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
