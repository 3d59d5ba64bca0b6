"""Share stage: what ``citekit render`` does, kept out of the click layer."""
from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

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


def parse_metadata(pairs: Iterable[str]) -> dict[str, Any]:
    """pandoc's ``-M KEY[=VALUE]``: the value read as YAML (``true``, numbers), a key alone
    is true."""
    meta: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not key.strip():
            raise ParseError(f"metadata {pair!r}: KEY[=VALUE] expected")
        try:
            parsed = yaml.safe_load(value) if sep else True
        except yaml.YAMLError:
            parsed = value
        meta[key.strip()] = value if isinstance(parsed, (dict, list)) or parsed is None \
            else parsed
    return meta


def run_render(document: str, bibliographies: tuple[str, ...], style: str | None,
               locale: str | None, to: str, output: str | None, metadata: Iterable[str] = (),
               standalone: bool = False) -> tuple[str, list[str]]:
    """Render ``document``; writes ``output`` if given. Returns (text, warnings)."""
    text = read_document(document)
    warnings: list[str] = []
    items = None
    if bibliographies:
        items, warnings = load_items(bibliographies)
    result = render_markdown(text, items, style=style, locale=locale, to=to,
                             file=None if document == "-" else document,
                             metadata=parse_metadata(metadata), standalone=standalone)
    if output:
        Path(output).write_text(result.text, encoding="utf-8")
    return result.text, warnings + result.warnings
