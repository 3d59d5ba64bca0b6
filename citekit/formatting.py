"""Format stage, for the CLI and writing tools: items to printable lines in one call.

Plain text prints one bibliography entry (or one citation) per line; HTML wraps entries in
citeproc-js's ``csl-bib-body`` markup; RTF and Markdown give one entry per line.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from .api import format_bibliography, format_citations, format_document
from .csl.processor import Progress
from .errors import FormatError
from .model import Item


def _one_line(text: str) -> str:
    return " ".join(text.split("\n")).strip()


def html_bibliography(entries: list[str]) -> list[str]:
    body = [f'  <div class="csl-entry">{e}</div>' for e in entries]
    return ['<div class="csl-bib-body">', *body, "</div>"]


def load_document(path: str) -> list[dict]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise FormatError(f"cannot read: {exc.strerror}", file=path) from None
    except json.JSONDecodeError as exc:
        raise FormatError(f"invalid JSON: {exc.msg}", file=path, line=exc.lineno) from None
    if not isinstance(data, list):
        raise FormatError("a document is a JSON list of citation objects", file=path)
    return data


def render_for_cli(items: list[Item], style: str, mode: str | None, document: str | None,
                   output: str, locale: str | None, jobs: int = 1,
                   progress: Progress | None = None,
                   warnings: list[str] | None = None,
                   abbreviations: str | None = None, links: bool = False,
                   standalone: bool = False) -> list[str]:
    """The lines ``citekit format`` prints (``jobs``, ``progress``: see format_bibliography);
    the engine's warnings go into ``warnings``.

    ``links``: DOIs and URLs of bibliography entries are links; ``standalone``: the
    bibliography as a whole HTML page or RTF document.
    """
    found: list[str] = warnings if warnings is not None else []
    if standalone and (output not in ("html", "rtf") or mode != "bibliography" or document):
        raise FormatError("--standalone makes a whole HTML page or RTF document of the "
                          "bibliography: use it with --to html or --to rtf")
    if not items:
        return []
    if standalone:
        from .csl.output.page import html_page, label_width, rtf_document

        bib = format_bibliography(items, style, locale, output, jobs=jobs, progress=progress,
                                  abbreviations=abbreviations, links=links)
        found.extend(bib.warnings)
        entries = [_one_line(e) for e in bib.entries]
        if output == "rtf":
            return [rtf_document(entries, bib.params).rstrip("\n")]
        width = label_width([re.sub(r"<[^>]+>", "", m.group(1)) for e in entries
                             for m in [re.search(r'csl-left-margin">(.*?)</div>', e)] if m])
        return [html_page("\n".join(html_bibliography(entries)), None, bib.params,
                          width).rstrip("\n")]
    lines: list[str] = []
    if document:
        texts, proc = format_document(items, load_document(document), style, locale, output,
                                      abbreviations)
        lines.extend(_one_line(t) for t in texts)
        if mode == "bibliography":  # --with-bibliography
            bib = proc.bibliography()
            found.extend(bib.warnings)
            entries = [_one_line(e) for e in bib.entries]
            lines.extend(html_bibliography(entries) if output == "html" else entries)
        return lines
    if mode == "citations":
        return [_one_line(t) for t in format_citations(items, style, locale, output,
                                                       abbreviations)]
    bib = format_bibliography(items, style, locale, output, jobs=jobs, progress=progress,
                              abbreviations=abbreviations, links=links)
    found.extend(bib.warnings)
    entries = [_one_line(e) for e in bib.entries]
    return html_bibliography(entries) if output == "html" else entries
