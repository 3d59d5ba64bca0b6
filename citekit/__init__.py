"""citekit: turn sources into correct citations.

Stages, data flowing one way: sources -> items -> CSL engine -> output formats.
"""
from typing import TYPE_CHECKING

from .errors import CitekitError, FormatError, ParseError, StyleError, ValidationError
from .model import Date, Item, Name
from .sources import LoadResult, read_file, read_text

__version__ = "0.1.0"

__all__ = [
    "CitekitError", "FormatError", "ParseError", "StyleError", "ValidationError",
    "Date", "Item", "Name", "LoadResult", "read_file", "read_text", "__version__",
    # formatting, documents and export (imported on first use, so the CLI starts fast)
    "load", "load_style", "Style", "Processor", "Bibliography", "Citation", "Cite", "Document",
    "new_document", "format_bibliography", "format_citations", "format_document",
    "render_markdown", "RenderResult", "export", "ExportResult",
]

if TYPE_CHECKING:  # the lazily imported names, for type checkers
    from . import export
    from .api import format_bibliography, format_citations, format_document
    from .csl.document import Citation
    from .csl.eval.context import Cite
    from .csl.incremental import Document
    from .csl.processor import Bibliography, Processor
    from .csl.style import Style, load_style
    from .document.editor import new_document
    from .document.load import load
    from .document.render import RenderResult, render_markdown
    from .export import ExportResult

_LAZY = {
    "load": "citekit.document.load", "load_style": "citekit.csl.style",
    "Style": "citekit.csl.style", "Processor": "citekit.csl.processor",
    "Bibliography": "citekit.csl.processor", "Citation": "citekit.csl.document",
    "Cite": "citekit.csl.eval.context", "Document": "citekit.csl.incremental",
    "new_document": "citekit.document.editor", "format_bibliography": "citekit.api",
    "format_citations": "citekit.api", "format_document": "citekit.api",
    "render_markdown": "citekit.document.render", "RenderResult": "citekit.document.render",
    "ExportResult": "citekit.export",
}


def __getattr__(name: str) -> object:
    """Import the public names of the later stages on first use."""
    if name == "export":  # the subpackage: citekit.export.export(items, "bibtex")
        import importlib

        return importlib.import_module("citekit.export")
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'citekit' has no attribute {name!r}")
