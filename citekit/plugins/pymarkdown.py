"""Share stage: a Python-Markdown extension (MkDocs) that formats pandoc-style citations.

    import markdown
    html = markdown.markdown(text, extensions=[CitekitExtension(bibliography=["refs.bib"])])

In MkDocs' ``mkdocs.yml``::

    markdown_extensions:
      - citekit.plugins.pymarkdown:
          bibliography: [refs.bib]
          style: apa

Needs the ``markdown`` package. The output uses pandoc's HTML markup, as ``citekit render``.
"""
from __future__ import annotations

from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from .common import Settings, mark_document


class CitekitPreprocessor(Preprocessor):
    """Formats the citations and stashes their HTML so the Markdown engine keeps it."""

    def __init__(self, md: Markdown, settings: Settings) -> None:
        super().__init__(md)
        self.settings = settings

    def run(self, lines: list[str]) -> list[str]:
        marked = mark_document("\n".join(lines), self.settings)
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
    """Options: ``bibliography`` (list of files), ``style``, ``locale``; or ``items``."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "bibliography": [[], "items files (any format citekit reads)"],
            "style": ["", "bundled style name or .csl path (default: front matter, apa)"],
            "locale": ["", "locale such as en-GB"],
            "items": [None, "citekit Item objects (instead of files)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        bib = self.getConfig("bibliography")
        self.settings = Settings(self.getConfig("items"),
                                 tuple([bib] if isinstance(bib, str) else bib),
                                 self.getConfig("style") or None,
                                 self.getConfig("locale") or None)
        md.preprocessors.register(CitekitPreprocessor(md, self.settings), "citekit", 25)


def makeExtension(**kwargs: Any) -> CitekitExtension:
    """Entry point Python-Markdown uses for ``extensions=["citekit.plugins.pymarkdown"]``."""
    return CitekitExtension(**kwargs)
