"""Development only: rebuild examples/works-cited.html and its screenshot.

``citekit render --standalone`` on examples/works-cited.md (IEEE, ``link-citations: true``,
``reference-section-title: Works Cited``), then a headless Chromium screenshot of the page
(``apt-get install chromium``). Run from the repository root::

    .venv/bin/python tools/example_page.py
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
sys.path.insert(0, str(ROOT))

from citekit.document import render_markdown  # noqa: E402


def main() -> None:
    paper = EXAMPLES / "works-cited.md"
    page = render_markdown(paper.read_text("utf-8"), to="html", file=str(paper),
                           standalone=True).text
    out = EXAMPLES / "works-cited.html"
    out.write_text(page, "utf-8")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.exit("no chromium on PATH: the page is written, the screenshot is not")
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--window-size=1000,1600", f"--screenshot={EXAMPLES / 'works-cited.png'}",
                    out.as_uri()], check=True, capture_output=True, timeout=120)
    print("wrote", out, "and", EXAMPLES / "works-cited.png")


if __name__ == "__main__":
    main()
