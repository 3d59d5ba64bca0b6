"""The Python API's formatting functions: items in, formatted strings out (Format stage).

These wrap :class:`citekit.csl.processor.Processor` for the common cases; writing tools that
process a document incrementally use the processor directly.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from os import PathLike
from typing import Any

from .csl.abbreviations import Abbreviations, load_abbreviations
from .csl.document import Citation, prepare, process
from .csl.eval.context import Cite
from .csl.parallel import resolve_jobs
from .csl.processor import Bibliography, Processor, Progress
from .csl.style import Style, load_style
from .model import Item

OUTPUT_FORMATS = ("text", "html", "rtf", "markdown")


#: an abbreviation list: an :class:`Abbreviations`, its JSON data, or a JSON file's path
AbbreviationsArg = Abbreviations | Mapping[str, Any] | str | PathLike[str] | None


def _abbreviations(value: AbbreviationsArg) -> Abbreviations | None:
    if value is None or isinstance(value, Abbreviations):
        return value
    if isinstance(value, Mapping):
        return Abbreviations(value)
    return load_abbreviations(value)


def _processor(items: Iterable[Item], style: Style | str, locale: str | None,
               output: str, jobs: int = 1, progress: Progress | None = None,
               abbreviations: AbbreviationsArg = None, copy_items: bool = True) -> Processor:
    if output not in OUTPUT_FORMATS:
        raise ValueError(f"unknown output format {output!r} (known: {', '.join(OUTPUT_FORMATS)})")
    return Processor(style if isinstance(style, Style) else load_style(style), items, locale,
                     output, jobs=resolve_jobs(jobs), progress=progress,
                     abbreviations=_abbreviations(abbreviations), copy_items=copy_items)


def format_bibliography(items: Iterable[Item], style: Style | str = "apa",
                        locale: str | None = None, output: str = "text", jobs: int = 1,
                        progress: Progress | None = None,
                        abbreviations: AbbreviationsArg = None,
                        links: bool = False) -> Bibliography:
    """The bibliography of ``items`` (sorted as the style says), one string per entry.

    The items are registered all at once, as citeproc-js's ``updateItems`` before
    ``makeBibliography``: disambiguation (year suffixes, added names) sees them together.
    ``jobs``: worker processes for large bibliographies (0: one per CPU; they are forked only
    for thousands of entries). ``progress(stage, done, total)`` hears how a long run goes.
    ``abbreviations``: a citation-abbreviations list (pandoc's ``--citation-abbreviations``,
    citeproc-js's shape) that ``form="short"`` variables fall back to. ``links``: DOIs and
    URLs become links (HTML, Markdown, RTF), as pandoc's link-bibliography.
    """
    proc, ids = _bibliography_processor(items, style, locale, output, jobs, progress,
                                        abbreviations, links)
    return proc.bibliography(ids)


def bibliography_entries(items: Iterable[Item], style: Style | str = "apa",
                         locale: str | None = None, output: str = "text", jobs: int = 1,
                         progress: Progress | None = None,
                         abbreviations: AbbreviationsArg = None, links: bool = False,
                         warnings: list[str] | None = None,
                         own_items: bool = False) -> Iterator[str]:
    """:func:`format_bibliography`'s entries one by one, each rendered when it is asked for:
    a caller that writes each out (``citekit format``) never holds them all. Its warnings go
    into ``warnings`` as they are found (all of them once the entries are done). With
    ``own_items`` the items become the processor's (it sets citation numbers on them)
    instead of being copied: for a caller that has no further use for them."""
    proc, ids = _bibliography_processor(items, style, locale, output, jobs, progress,
                                        abbreviations, links, copy_items=not own_items)
    for _item_id, text in proc.bibliography_entries(ids, warnings):
        yield text


def _bibliography_processor(items: Iterable[Item], style: Style | str, locale: str | None,
                            output: str, jobs: int, progress: Progress | None,
                            abbreviations: AbbreviationsArg, links: bool,
                            copy_items: bool = True) -> tuple[Processor, list[str]]:
    """A processor with every item registered and disambiguated, and the ids in it; it
    makes this one bibliography (it keeps the order, not each item's sort values)."""
    proc = _processor(items, style, locale, output, jobs, progress, abbreviations, copy_items)
    proc.keep_sort_values = False
    proc.link_identifiers = links
    ids = list(proc.items)  # one per id: the last definition of an id wins (a warning)
    prepare(proc, [Citation([Cite(item_id) for item_id in ids], note_index=1)])
    return proc, ids


def format_citations(items: Iterable[Item], style: Style | str = "apa",
                     locale: str | None = None, output: str = "text",
                     abbreviations: AbbreviationsArg = None) -> list[str]:
    """One citation per item, as if each item were cited once in turn (note n for item n)."""
    items = list(items)
    proc = _processor(items, style, locale, output, abbreviations=abbreviations)
    citations = [Citation([Cite(item_id)], note_index=i) for i, item_id in enumerate(proc.items, 1)]
    return process(proc, citations)


def format_document(items: Iterable[Item], citations: Sequence[Citation | dict],
                    style: Style | str = "apa", locale: str | None = None,
                    output: str = "text", abbreviations: AbbreviationsArg = None
                    ) -> tuple[list[str], Processor]:
    """Render a document's citation clusters in order; returns texts and the processor."""
    proc = _processor(items, style, locale, output, abbreviations=abbreviations)
    clusters = [c if isinstance(c, Citation) else Citation.from_json(c) for c in citations]
    return process(proc, clusters), proc
