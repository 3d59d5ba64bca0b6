"""Share stage: a Python-Markdown extension that formats pandoc-style citations.

    import markdown
    md = markdown.Markdown(extensions=[CitekitExtension(bibliography=["refs.bib"])])
    html = md.convert(text)
    md.citekit_warnings        # unknown keys and bad entries of the last conversion

Bibliography paths are relative to ``base`` (default: the current folder); each file is
read once while it is unchanged, however many documents are converted. Warnings are also
logged (logger ``citekit.plugins.pymarkdown``). For MkDocs use the ``citekit`` plugin
(:mod:`citekit.plugins.mkdocs`): it knows where ``mkdocs.yml`` is, reads each page's front
matter and makes ``mkdocs build --strict`` fail on an unknown key.

Needs the ``markdown`` package. The output uses pandoc's HTML markup, as ``citekit render``.
"""
from __future__ import annotations

import logging
import os
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from ..document.bibfiles import resolve_paths
from .common import Settings, mark_document

log = logging.getLogger(__name__)


class CitekitPreprocessor(Preprocessor):
    """Formats the citations and stashes their HTML so the Markdown engine keeps it."""

    def __init__(self, md: Markdown, settings: Settings) -> None:
        super().__init__(md)
        self.settings = settings

    def run(self, lines: list[str]) -> list[str]:
        marked = mark_document("\n".join(lines), self.settings)
        self.md.citekit_warnings = list(self.settings.warnings)  # type: ignore[attr-defined]
        for warning in self.settings.warnings:
            log.warning("citekit: %s", warning)
        text = marked.text
        for token, html in marked.pieces.items():
            text = text.replace(token, self.md.htmlStash.store(html))
        bib = self.md.htmlStash.store(marked.bibliography) if marked.bibliography else ""
        if marked.refs_token:
            text = text.replace(marked.refs_token, bib)
        elif bib:
            text = text.rstrip("\n") + "\n\n" + bib
        if marked.notes:
            text = text.rstrip("\n") + "\n\n" + self.md.htmlStash.store(marked.notes)
        return text.split("\n")


class CitekitExtension(Extension):
    """Options: ``bibliography`` (files), ``base`` (their folder), ``style``, ``locale``; or
    ``items``."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "bibliography": [[], "items files (any format citekit reads)"],
            "base": ["", "folder the bibliography paths are relative to (default: current)"],
            "style": ["", "bundled style name or .csl path (default: front matter, apa)"],
            "locale": ["", "locale such as en-GB"],
            "items": [None, "citekit Item objects (instead of files)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        paths = resolve_paths(self.getConfig("bibliography"), self.getConfig("base")
                              or os.getcwd())
        self.settings = Settings(self.getConfig("items"), paths,
                                 self.getConfig("style") or None,
                                 self.getConfig("locale") or None)
        md.preprocessors.register(CitekitPreprocessor(md, self.settings), "citekit", 25)


def makeExtension(**kwargs: Any) -> CitekitExtension:
    """Entry point Python-Markdown uses for ``extensions=["citekit.plugins.pymarkdown"]``."""
    return CitekitExtension(**kwargs)
