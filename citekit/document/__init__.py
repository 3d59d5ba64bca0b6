"""Share stage: documents with citations — pandoc-syntax Markdown in, formatted text out.

``render_markdown`` renders a whole document (Markdown or HTML); ``find_citations`` and
``parse_locator`` are the parsing steps it uses, also used by the Markdown plug-ins.
"""
from .locators import Locator, parse_locator
from .markdown import CitationMark, CiteRef, find_citations
from .render import RenderResult, render_markdown

__all__ = ["CitationMark", "CiteRef", "Locator", "RenderResult", "find_citations",
           "parse_locator", "render_markdown"]
