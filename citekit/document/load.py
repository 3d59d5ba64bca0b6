"""Recover stage, for the API: items from a file path or from source text in one call."""
from __future__ import annotations

import os
from pathlib import Path

from ..sources import LoadResult, read_file, read_text
from ..sources.identifiers import is_identifier


def load(source: str | os.PathLike[str], fmt: str | None = None, *,
         keep_titles: bool = False) -> LoadResult:
    """Read items from ``source``: a path to an existing file, an identifier (``doi:…``,
    ``arXiv:…``, ``isbn:…``, ``pmid:…``, ``pmcid:…``, looked up), else the source text itself.

    Any supported format (CSL-JSON, CSL-YAML, BibTeX/BibLaTeX, RIS, DTIC, CFR, web pages) is
    detected unless ``fmt`` names it. Items without an id get a readable one. Bad entries are
    reported in ``result.errors`` (each a :class:`~citekit.errors.CitekitError` with file and
    line where known) and warnings in ``result.warnings``; good entries are kept.
    ``keep_titles`` keeps BibTeX/BibLaTeX titles as written (English titles are otherwise put
    in sentence case, as pandoc does).
    """
    from ..model.keys import assign_ids

    text = os.fspath(source)
    if not isinstance(source, os.PathLike) and is_identifier(text) and not Path(text).is_file():
        from ..sources.identifiers import lookup

        result = lookup(text)
        assign_ids(result.items)
        return result
    is_path = isinstance(source, os.PathLike) or (
        "\n" not in text and len(text) < 4096 and Path(text).is_file())
    result = (read_file(text, fmt, keep_titles=keep_titles) if is_path
              else read_text(text, None, fmt, keep_titles=keep_titles))
    assign_ids(result.items)
    return result
