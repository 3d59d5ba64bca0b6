"""Share stage: what ``citekit render`` does, kept out of the click layer."""
from __future__ import annotations

import sys
from pathlib import Path

from ..errors import ParseError
from .render import load_items, render_markdown


def read_document(path: str) -> str:
    """The document's text (``-``: standard input); unreadable files are ParseErrors."""
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ParseError("no such file", file=path) from None
    except UnicodeDecodeError:
        raise ParseError("not valid UTF-8 text", file=path) from None
    except OSError as exc:
        raise ParseError(f"cannot read: {exc.strerror}", file=path) from None


def run_render(document: str, bibliographies: tuple[str, ...], style: str | None,
               locale: str | None, to: str, output: str | None) -> tuple[str, list[str]]:
    """Render ``document``; writes ``output`` if given. Returns (text, warnings)."""
    text = read_document(document)
    warnings: list[str] = []
    items = None
    if bibliographies:
        items, warnings = load_items(bibliographies)
    result = render_markdown(text, items, style=style, locale=locale, to=to,
                             file=None if document == "-" else document)
    if output:
        Path(output).write_text(result.text, encoding="utf-8")
    return result.text, warnings + result.warnings
