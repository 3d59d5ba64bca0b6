"""Recover stage: a bibliography file on a server (``https://host/refs.bib``, a Better BibTeX
pull export on loopback) read as the file it is, not as a web page.

The body is fetched once with :func:`citekit.net.fetch`. Its format comes from ``--from`` if
given, else from the Content-Type the server declares (``application/x-bibtex``,
``application/vnd.citationstyles.csl+json``, ``application/x-research-info-systems``, YAML),
else from the URL path's extension (``.bib``, ``.json``, ``.yaml``, ``.ris``; a query string
such as Better BibTeX's ``?exportNotes=true`` is ignored). Anything else is a web page and goes
to :mod:`citekit.sources.webmeta` with the body already fetched.
"""
from __future__ import annotations

import os
from urllib.parse import urlsplit

from ..errors import ParseError
from ..net import fetch
from .registry import EXTENSION_HINTS, LoadResult, parse_bytes

#: declared media type -> reader
CONTENT_TYPES = {
    "application/x-bibtex": "bibtex", "text/x-bibtex": "bibtex", "application/x-biblatex":
    "bibtex", "text/x-biblatex": "bibtex", "application/x-bibtex-text-file": "bibtex",
    "application/vnd.citationstyles.csl+json": "csl-json", "application/citeproc+json":
    "csl-json", "application/x-research-info-systems": "ris", "application/x-ris": "ris",
    "text/x-ris": "ris", "application/yaml": "yaml", "application/x-yaml": "yaml",
    "text/yaml": "yaml", "text/x-yaml": "yaml",
}
_EXTENSIONS = {**EXTENSION_HINTS, ".bibtex": "bibtex", ".biblatex": "bibtex",
               ".csljson": "csl-json"}
_ACCEPT = ("application/x-bibtex, application/vnd.citationstyles.csl+json, "
           "application/x-research-info-systems, application/yaml, text/plain;q=0.5, "
           "text/html;q=0.3, */*;q=0.1")


def format_of(url: str, content_type: str) -> str | None:
    """The reader for a fetched body: by declared type, else by the path's extension."""
    if content_type in CONTENT_TYPES:
        return CONTENT_TYPES[content_type]
    extension = os.path.splitext(urlsplit(url).path)[1].lower()
    if extension in _EXTENSIONS and content_type not in ("text/html", "application/xhtml+xml"):
        return _EXTENSIONS[extension]
    return None


def read_remote(url: str, fmt: str | None = None, *, keep_titles: bool = False) -> LoadResult:
    """Fetch ``url`` and read it as a bibliography file, or as a web page when it is one."""
    try:
        response = fetch(url, accept=_ACCEPT)
    except ParseError as exc:
        return LoadResult(errors=[exc])
    name = fmt or format_of(response.url, response.content_type) or format_of(
        url, response.content_type)
    if name is None:
        from .webmeta import read_response  # a web page after all

        return read_response(response, url)
    data = response.body
    if response.charset and response.charset not in ("utf-8", "utf8"):
        try:
            data = data.decode(response.charset).encode("utf-8")
        except (LookupError, UnicodeDecodeError):
            return LoadResult(errors=[ParseError(f"not valid {response.charset} text",
                                                 file=url)])
    return parse_bytes(data, url, name, keep_titles=keep_titles)


__all__ = ["CONTENT_TYPES", "format_of", "read_remote"]
