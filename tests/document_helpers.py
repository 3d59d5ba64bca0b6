"""Test data shared by the document tests: a style printing short container titles and a
citation-abbreviations file for it."""
from __future__ import annotations

import json
from pathlib import Path

SHORT_TITLE_STYLE = (
    '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
    '<info><id>x</id><title>x</title><updated>2024-01-01T00:00:00+00:00</updated></info>'
    '<citation><layout><text variable="container-title" form="short"/></layout>'
    '</citation></style>')


def abbreviations_setup(folder: Path) -> Path:
    """Write ``short.csl`` and ``abbr.json`` (Journal of Hydrology: J. Hydrol.) into
    ``folder``; returns the style's path."""
    style = folder / "short.csl"
    style.write_text(SHORT_TITLE_STYLE, "utf-8")
    (folder / "abbr.json").write_text(json.dumps(
        {"default": {"container-title": {"Journal of Hydrology": "J. Hydrol."}}}), "utf-8")
    return style
