"""Share stage: the ``citekit`` MkDocs plugin: pandoc-style citations and a bibliography per
page, formatted by citekit's CSL processor.

In ``mkdocs.yml``::

    plugins:
      - search
      - citekit:
          bibliography: refs.bib        # one path or a list, relative to mkdocs.yml
          style: apa                    # a style name or a .csl file (relative to mkdocs.yml)
          locale: en-GB                 # optional (default: the style's)

Each page may add to that in its front matter: ``bibliography`` (paths relative to the
page), ``references`` (CSL items written inline), ``csl`` (the page's style), ``lang`` and
``nocite``. The bibliography files are read once per build (and again only when they
change). A citation naming an unknown key is left as written and logged as a warning (so
``mkdocs build --strict`` fails); each page gets its own bibliography, in its ``::: {#refs}``
div, else under its References heading, else at its end. The markup is pandoc's HTML.
"""
from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import Any

from markdown.extensions.toc import slugify
from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from ..csl.locale import locale_warning
from ..csl.style import Style, load_style
from ..document.bibfiles import read_bibliography, resolve_paths
from ..document.frontmatter import FrontMatter
from ..document.html import Marked, fill, mark_up
from ..document.render import prepare
from ..errors import CitekitError
from ..model import Item

__all__ = ["CitekitPlugin", "CitekitPluginConfig"]

log = get_plugin_logger(__name__)
_TOKEN = re.compile(r"CITEKIT\d+X")
_TAG = re.compile(r"<[^>]*>")
_SLUG_TOKEN = re.compile(r"citekit\d+x")
#: heading anchors (ids and the links to them) that the toc made from a citation's token
_ANCHOR = re.compile(r'(?<=id=")[^"]*citekit\d+x[^"]*|(?<=href="#)[^"]*citekit\d+x[^"]*')


class CitekitPluginConfig(base.Config):
    """The plugin's options in ``mkdocs.yml``."""

    bibliography = opt.Type((str, list), default=[])
    style = opt.Type(str, default="apa")
    locale = opt.Optional(opt.Type(str))


def _style(name: str, folder: Path) -> Style:
    """A style by name, or a .csl path relative to ``folder``; errors as PluginError."""
    path = folder / name
    try:
        return load_style(str(path) if name.endswith(".csl") or path.is_file() else name)
    except CitekitError as exc:
        raise PluginError(f"citekit: style {name!r}: {exc}") from None


class CitekitPlugin(BasePlugin[CitekitPluginConfig]):
    """Formats each page's citations; see the module's docstring for the options."""

    def __init__(self) -> None:
        self.root = Path.cwd()
        self.paths: list[Path] = []
        self.items: list[Item] = []
        self.style: Style | None = None
        self._marked: dict[str, Marked] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if config.config_file_path:
            self.root = Path(config.config_file_path).resolve().parent
        self.paths = resolve_paths(self.config.bibliography, self.root)
        self.style = _style(self.config.style, self.root)
        problem = locale_warning(self.config.locale) if self.config.locale else None
        if problem:
            log.warning(f"locale: {problem}")
        return None

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Read the bibliography: once per build (the files are cached while unchanged)."""
        self._marked.clear()
        self.items, warnings = self._read(self.paths, "mkdocs.yml")
        for warning in warnings:
            log.warning(warning)
        if self.paths:
            log.info(f"{len(self.items)} items from "
                     f"{', '.join(self._name(p) for p in self.paths)}")

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        for path in self.paths:  # a changed bibliography rebuilds the site
            server.watch(str(path))
        return server

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        meta = dict(page.meta or {})
        source = Path(page.file.abs_src_path) if page.file.abs_src_path else self.root
        name = self._name(source)
        items = self.items
        extra = resolve_paths(FrontMatter(meta).paths("bibliography"), source.parent)
        if extra:
            more, warnings = self._read(extra, name)
            items = items + more
            for warning in warnings:
                log.warning(warning)
        csl = FrontMatter(meta).text("csl")
        style = _style(csl, source.parent) if csl else self.style
        locale = FrontMatter(meta).text("lang") or self.config.locale
        front = FrontMatter(meta, 0, _front_lines(page, markdown))
        try:
            doc = prepare(markdown, items, style=style, locale=locale, output="html",
                          file=name, front=front)
        except CitekitError as exc:
            raise PluginError(f"citekit: {exc}") from None
        for warning in doc.warnings:
            log.warning(warning)
        marked = mark_up(doc.body, doc.resolved, doc.where)
        self._marked[page.file.src_uri] = marked
        return marked.text

    def on_page_content(self, content: str, /, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        marked = self._marked.pop(page.file.src_uri, None)
        if marked is None:
            return None
        _clean_toc(page.toc, marked)
        content = _ANCHOR.sub(lambda m: _slug_tokens(m.group(0), marked), content)
        return fill(content, marked)

    def _read(self, paths: list[Path], where: str) -> tuple[list[Item], list[str]]:
        try:
            return read_bibliography(paths)
        except CitekitError as exc:
            raise PluginError(f"citekit: bibliography named in {where}: {exc}") from None

    def _name(self, path: Path) -> str:
        """``path`` as messages name it: relative to mkdocs.yml's folder."""
        return Path(os.path.relpath(path, self.root)).as_posix()


def _front_lines(page: Page, markdown: str) -> int:
    """How many lines of the source file come before ``markdown`` (MkDocs has taken the
    front matter off), so warnings name the file's own lines."""
    try:
        raw = page.file.content_string
    except (OSError, UnicodeDecodeError):
        return 0
    raw = raw.replace("\r\n", "\n")
    if markdown and raw.endswith(markdown):
        return raw[:len(raw) - len(markdown)].count("\n")
    return 0


def _plain(token: str, marked: Marked) -> str:
    return html.unescape(_TAG.sub("", marked.pieces.get(token, "")))


def _slug_tokens(anchor: str, marked: Marked) -> str:
    """An anchor with each citation's token replaced by a slug of its text."""
    return _SLUG_TOKEN.sub(lambda m: slugify(_plain(m.group(0).upper(), marked), "-"),
                           anchor)


def _clean_toc(links: Any, marked: Marked) -> None:
    """A citation in a heading: the table of contents shows its text, not its token."""
    for link in links or ():
        if isinstance(link, AnchorLink):
            if "CITEKIT" in link.title:
                link.title = _TOKEN.sub(lambda m: html.escape(_plain(m.group(0), marked)),
                                        link.title)
            link.id = _slug_tokens(link.id, marked)
        _clean_toc(getattr(link, "children", ()), marked)
