"""Recover stage: reading many sources in one run (files, ``-`` for standard input,
identifiers such as ``doi:…`` looked up, web pages by URL).

Every source is read even when others fail; items without an ``id`` then get a readable one,
unique across the whole run (:func:`citekit.model.keys.assign_ids`).
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from ..errors import ParseError
from ..model.keys import assign_ids
from .registry import LoadResult, canonical_format, parse_bytes, parse_file

STDIN = "-"
STDIN_LABEL = "<stdin>"


def _is_identifier(name: str) -> bool:
    from .identifiers import is_identifier  # with the look-up machinery: only for a non-file

    return is_identifier(name)


def read_each(names: Iterable[str], fmt: str | None = None,
              stdin: Callable[[], bytes] | None = None,
              progress: Callable[[str, int, int], None] | None = None,
              *, keep_titles: bool = False) -> list[tuple[str, LoadResult]]:
    """(label, result) per source, in order, ids assigned across all of them.

    ``stdin`` gives the bytes of standard input, read when a name is ``-``;
    ``progress("reading", done, total)`` is told after each source; an http(s) URL is read
    by :func:`citekit.sources.remote.read_remote` (a bibliography file, or a web page);
    ``keep_titles`` keeps BibTeX titles as written.
    """
    fmt = canonical_format(fmt) if fmt else None  # an unknown name raises ParseError here
    names = list(names)
    results: list[tuple[str, LoadResult]] = []
    for name in names:
        label = STDIN_LABEL if name == STDIN else name
        try:
            if name == STDIN:
                result = parse_bytes(stdin() if stdin is not None else b"", label, fmt,
                                     keep_titles=keep_titles)
            elif not os.path.isfile(name) and _is_identifier(name):  # doi:…, arXiv:…, isbn:…
                from .identifiers import lookup

                result = lookup(name)
            elif name.lower().startswith(("http://", "https://")):
                from .remote import read_remote  # a bibliography file, or a web page

                result = read_remote(name, fmt, keep_titles=keep_titles)
            else:
                result = parse_file(name, fmt, keep_titles=keep_titles)
        except Exception as exc:
            result = LoadResult(errors=[ParseError(
                f"reader failed: {type(exc).__name__}: {exc}".splitlines()[0], file=label)])
        results.append((label, result))
        if progress is not None:
            progress("reading", len(results), len(names))
    assign_ids(item for _, result in results for item in result.items)
    return results


def read_sources(names: Iterable[str], fmt: str | None = None,
                 stdin: Callable[[], bytes] | None = None) -> LoadResult:
    """Everything read from ``names`` as one result (items, errors and warnings in order)."""
    merged = LoadResult()
    for _, result in read_each(names, fmt, stdin):
        merged.extend(result)
    return merged
