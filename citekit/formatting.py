"""Format stage, for the CLI and writing tools: items to printable lines in one call.

Plain text prints one bibliography entry (or one citation) per line; HTML wraps entries in
citeproc-js's ``csl-bib-body`` markup; RTF and Markdown give one entry per line.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .api import bibliography_entries, format_bibliography, format_citations, format_document
from .csl.document import Citation
from .csl.processor import Progress
from .errors import CitekitError, FormatError
from .model import Item
from .model.safeload import load_json


def _one_line(text: str) -> str:
    return " ".join(text.split("\n")).strip()


def html_bibliography(entries: Iterable[str]) -> Iterator[str]:
    yield '<div class="csl-bib-body">'
    for entry in entries:
        yield f'  <div class="csl-entry">{entry}</div>'
    yield "</div>"


def load_document(path: str, known: set[str] | None = None
                  ) -> tuple[list[Citation], list[CitekitError]]:
    """The citations of a ``--document`` file (a JSON list of CSL citation objects).

    Each bad citation (a value of the wrong type, an id not in ``known``) is one located
    error and is left out; the others are kept. An unreadable file is a FormatError.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise FormatError(f"cannot read: {exc.strerror}", file=path) from None
    except UnicodeDecodeError:
        raise FormatError("not valid UTF-8 text", file=path) from None
    try:
        data, _ = load_json(text, path)
    except CitekitError as exc:
        raise FormatError(exc.message, file=path, line=exc.line) from None
    if not isinstance(data, list):
        raise FormatError("a document is a JSON list of citation objects", file=path)
    citations: list[Citation] = []
    errors: list[CitekitError] = []
    for n, value in enumerate(data, 1):
        try:
            citation = Citation.from_json(value)
        except FormatError as exc:
            errors.append(FormatError(f"citation {n}: {exc.message}", file=path))
            continue
        unknown = [c.id for c in citation.cites if known is not None and c.id not in known]
        if unknown:
            errors.append(FormatError(f"citation {n}: unknown item id {unknown[0]!r:.80}",
                                      file=path))
            continue
        citations.append(citation)
    return citations, errors


def render_for_cli(items: list[Item], style: str, mode: str | None, document: str | None,
                   output: str, locale: str | None, jobs: int = 1,
                   progress: Progress | None = None,
                   warnings: list[str] | None = None,
                   abbreviations: str | None = None, links: bool = False,
                   standalone: bool = False, own_items: bool = False
                   ) -> tuple[Iterable[str], list[CitekitError]]:
    """The lines ``citekit format`` prints, and the errors met (bad ``--document``
    citations: the good ones are still printed). ``jobs``, ``progress``: see
    format_bibliography; the engine's warnings go into ``warnings``.

    A bibliography's lines are made as they are read (the caller writes each out; the
    warnings are all in ``warnings`` once the lines are done, and a style's errors are
    raised while they are read); ``own_items``: the caller has no further use for the
    items, which become the processor's instead of being copied.

    ``links``: DOIs and URLs of bibliography entries are links; ``standalone``: the
    bibliography as a whole HTML page or RTF document.
    """
    found: list[str] = warnings if warnings is not None else []
    if standalone and (output not in ("html", "rtf") or mode != "bibliography" or document):
        raise FormatError("--standalone makes a whole HTML page or RTF document of the "
                          "bibliography: use it with --to html or --to rtf")
    if not items:
        return [], []
    if standalone:
        from .csl.output.page import html_page, label_width, rtf_document

        bib = format_bibliography(items, style, locale, output, jobs=jobs, progress=progress,
                                  abbreviations=abbreviations, links=links)
        found.extend(bib.warnings)
        entries = [_one_line(e) for e in bib.entries]
        if output == "rtf":
            return [rtf_document(entries, bib.params).rstrip("\n")], []
        width = label_width([re.sub(r"<[^>]+>", "", m.group(1)) for e in entries
                             for m in [re.search(r'csl-left-margin">(.*?)</div>', e)] if m])
        return [html_page("\n".join(html_bibliography(entries)), None, bib.params,
                          width).rstrip("\n")], []
    lines: list[str] = []
    if document:
        citations, errors = load_document(document, {item.id for item in items})
        texts, proc = format_document(items, citations, style, locale, output, abbreviations)
        lines.extend(_one_line(t) for t in texts)
        if mode == "bibliography":  # --with-bibliography
            bib = proc.bibliography()
            found.extend(bib.warnings)
            entries = [_one_line(e) for e in bib.entries]
            lines.extend(html_bibliography(entries) if output == "html" else entries)
        return lines, errors
    if mode == "citations":
        return [_one_line(t) for t in format_citations(items, style, locale, output,
                                                       abbreviations)], []
    made = bibliography_entries(items, style, locale, output, jobs=jobs, progress=progress,
                                abbreviations=abbreviations, links=links, warnings=found,
                                own_items=own_items)
    shown = (_one_line(text) for text in made)
    return (html_bibliography(shown) if output == "html" else shown), []
