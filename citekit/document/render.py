"""Share stage: render a Markdown document's citations and bibliography (``citekit render``).

Items come from the arguments, else from the front matter (``bibliography`` files and inline
``references``); the style and locale likewise (``csl``, ``lang``; default APA). Citations
are replaced by their formatted text (footnotes in note styles, placed after punctuation as
pandoc does unless ``notes-after-punctuation: false``); the bibliography goes into a
``::: {#refs}`` div, else after a ``reference-section-title`` heading at the end, else under
a ``References`` (or ``Bibliography``) heading, else at the end. pandoc's other metadata
switches apply too (``link-citations``, ``link-bibliography``, ``suppress-bibliography``,
``citation-abbreviations``, ``nocite``). Output is Markdown (front matter kept) or HTML: a
fragment, or with ``standalone`` a whole page (:mod:`.page`).
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..csl.abbreviations import load_abbreviations
from ..csl.processor import Bibliography
from ..csl.style import Style
from ..errors import CitekitError, ParseError
from ..model import Item
from ..model.keys import drop_duplicates
from .cite import Options, Rendered, Resolved, options_from, refs_classes, resolve
from .frontmatter import FrontMatter, read_front_matter
from .markdown import KEY_RE, _masked_blocks, find_citations, note_labels, rich_cites
from .splice import section_title, substitute

OUTPUTS = ("markdown", "html")
_REFS_DIV = re.compile(r"^ {0,3}:{3,}\s*\{\s*#refs\b[^}]*\}\s*:*\s*\n(?:.*\n)*? {0,3}:{3,}\s*$",
                       re.M)
_REFS_HEADING = re.compile(r"^(?:#{1,6}[ \t]+(?:references|bibliography|works cited)[ \t]*"
                           r"(?:\{[^}\n]*\})?[ \t]*#*[ \t]*|(?:references|bibliography|"
                           r"works cited)[ \t]*\n(?:=+|-+))[ \t]*$", re.M | re.I)


@dataclass
class RenderResult:
    """The rendered document, warnings as data, and what was formatted."""

    text: str
    warnings: list[str] = field(default_factory=list)
    citations: list[str | None] = field(default_factory=list)  # one text per citation
    bibliography: Bibliography = field(default_factory=lambda: Bibliography([], []))
    notes: list[str] = field(default_factory=list)


class SourcedItems(list[Item]):
    """Items read from bibliography files, with where each came from (``file item n``), so
    an id defined twice is warned about once, naming both places, when the document's own
    ``references`` join them (:func:`prepare`)."""

    origins: list[str]


def load_items(paths: Iterable[str], base: Path | None = None) -> tuple[SourcedItems, list[str]]:
    """Read bibliography files (relative to ``base``) as the CLI reads its inputs (ids
    assigned across all of them); bad entries become warnings, a file with nothing good in
    it is an error.

    Every definition is kept (in order): :func:`prepare` applies pandoc's rule, the last
    definition of an id wins, with one warning naming each place.
    """
    from ..sources.batch import read_each

    names = []
    for name in paths:
        path = Path(name).expanduser()
        if base is not None and not path.is_absolute() and not path.exists():
            path = base / path
        names.append(str(path))
    items = SourcedItems()
    origins: list[str] = []
    warnings: list[str] = []
    for label, result in read_each(names):
        if not result.items and result.errors:
            raise result.errors[0]
        items.extend(result.items)
        origins.extend(f"{label} item {n}" for n in range(1, len(result.items) + 1))
        warnings.extend(result.warnings)
        warnings.extend(str(e) for e in result.errors)
    items.origins = origins
    return items, warnings


def front_items(fm: FrontMatter, file: str | None,
                 others: Sequence[Item]) -> tuple[list[Item], list[str]]:
    """The front matter's inline ``references``, read as a CSL-YAML file is (names and dates
    written as text are parsed; ids given where missing, unique beside ``others``); bad
    entries become warnings."""
    from ..model.io import items_from_data
    from ..model.keys import assign_ids

    refs = fm.meta.get("references") or []
    if not isinstance(refs, list):
        raise ParseError("front matter 'references' must be a list of items", file=file)
    items, errors = items_from_data(refs, f"{file or '<string>'} (front matter references)")
    assign_ids(items, taken=[item.id for item in others])
    return items, [str(e) for e in errors]


def _nocite(fm: FrontMatter) -> list[str]:
    text = " ".join(fm.paths("nocite"))
    if "@*" in text:
        return ["*"]
    return [m.group(2) or m.group(3) for m in KEY_RE.finditer(text)]


def _style_for(style: Style | str | None, fm: FrontMatter, base: Path | None) -> Style | str:
    if style is not None:
        return style
    csl = fm.text("csl")
    if not csl:
        return "apa"
    if base is not None and not os.path.isabs(csl) and (base / csl).is_file():
        return str(base / csl)
    return csl


def _bib_place(body: str, headings: bool = True) -> tuple[int, int] | None:
    """Where the bibliography goes: (start, end) of the text it replaces (a References
    heading counts only when ``headings``)."""
    code = _masked_blocks(body)

    def outside(m: re.Match[str]) -> bool:
        return not any(s <= m.start() < e for s, e in code)

    for m in _REFS_DIV.finditer(body):
        if outside(m):
            return m.start(), m.end()
    for m in _REFS_HEADING.finditer(body) if headings else ():
        if outside(m):
            return m.end(), m.end()
    return None


def _note_label(note: int, taken: set[str]) -> str:
    """A footnote label for a citation's note: its number, unless the document's own
    footnotes use that label."""
    return str(note) if str(note) not in taken else f"cite-{note}"


def _md_bibliography(bib: Bibliography) -> str:
    if not bib.entries:
        return ""
    classes = " ".join("." + name for name in refs_classes(bib))
    blocks = [f"::: {{#ref-{key} .csl-entry}}\n{entry.strip()}\n:::"
              for key, entry in zip(bib.ids, bib.entries)]
    return f":::: {{#refs {classes}}}\n" + "\n\n".join(blocks) + "\n::::\n"


@dataclass
class Prepared:
    """A document with its citations formatted, before it is written out."""

    body: str  # the text after the front matter
    resolved: Resolved
    where: tuple[int, int] | None  # where the bibliography goes (None: at the end)
    warnings: list[str]
    head: str = ""  # the front matter as written
    meta: dict[str, Any] = field(default_factory=dict)  # front matter and given metadata
    options: Options = field(default_factory=Options)


def prepare(text: str, items: Sequence[Item] | None = None, *,
            style: Style | str | None = None, locale: str | None = None,
            output: str = "markdown", file: str | None = None,
            front: FrontMatter | None = None,
            metadata: dict[str, Any] | None = None) -> Prepared:
    """Read the front matter, find and format every citation (shared by every output).

    ``front``: the front matter when a site generator has already taken it off ``text``
    (its ``lines`` say how many lines it took, so warnings name the file's own lines).
    ``metadata`` overrides the front matter's values (pandoc's ``-M``).
    """
    fm = front if front is not None else read_front_matter(text, file)
    fm = FrontMatter({**fm.meta, **(metadata or {})}, fm.end, fm.lines)
    base = Path(file).parent if file else None
    warnings: list[str] = list(fm.warnings)
    if items is None:
        items, file_warnings = load_items(fm.paths("bibliography"), base)
        warnings += file_warnings
    inline, front_warnings = front_items(fm, file, items)
    label = file or "<string>"
    origins = getattr(items, "origins", None) or [f"bibliography item {n}"
                                                 for n in range(1, len(items) + 1)]
    items, duplicated = drop_duplicates(
        [*items, *inline],
        [*origins, *(f"{label} front matter reference {n}"
                     for n in range(1, len(inline) + 1))])
    warnings += front_warnings + duplicated
    abbreviations = None
    if fm.text("citation-abbreviations"):
        path = Path(str(fm.text("citation-abbreviations"))).expanduser()
        if base is not None and not path.is_absolute() and not path.exists():
            path = base / path
        abbreviations = load_abbreviations(path)
    body = text[fm.end:]
    marks = find_citations(body)
    rich_cites(marks)
    for mark in marks:
        mark.line += fm.lines
    opts = options_from(fm.meta)
    resolved = resolve(marks, items, _style_for(style, fm, base), locale or fm.text("lang"),
                       output, _nocite(fm), file, opts, abbreviations)
    where = _bib_place(body, opts.reference_section_title is None)
    return Prepared(body, resolved, where, warnings + resolved.warnings, text[:fm.end],
                    fm.meta, opts)


def render_markdown(text: str, items: Sequence[Item] | None = None, *,
                    style: Style | str | None = None, locale: str | None = None,
                    to: str = "markdown", file: str | None = None,
                    metadata: dict[str, Any] | None = None,
                    standalone: bool = False) -> RenderResult:
    """Render the citations of a pandoc-Markdown document (``to``: markdown or html).

    ``items`` default to the front matter's ``bibliography`` files (relative to ``file``)
    and ``references``; ``style`` and ``locale`` to its ``csl`` and ``lang`` (default APA).
    Unknown keys are warnings (in ``result.warnings``), their cites marked ``**key?**``.
    ``metadata`` overrides front matter values; ``standalone`` (HTML) gives a whole page.
    """
    if to not in OUTPUTS:
        raise CitekitError(f"unknown output {to!r} (known: {', '.join(OUTPUTS)})")
    doc = prepare(text, items, style=style, locale=locale, output=to, file=file,
                  metadata=metadata)
    if to == "html":
        from ..csl.output.page import html_page, label_width
        from .html import html_document

        out = html_document(doc.body, doc.resolved, doc.where, doc.options)
        if standalone:
            bib = doc.resolved.bibliography
            out = html_page(out, doc.meta, bib.params,
                            label_width([_label(e) for e in bib.entries]))
    else:
        out = doc.head + _markdown_document(doc.body, doc.resolved, doc.where, doc.options)
    cited = doc.resolved.citations
    return RenderResult(out.lstrip("\n"), doc.warnings, [d.text if d else None for d in cited],
                        doc.resolved.bibliography,
                        [d.text for d in cited if d and d.note is not None])


def _label(entry: str) -> str:
    """The text of an HTML entry's left-margin div (its citation number or label)."""
    m = re.search(r'<div class="csl-left-margin">(.*?)</div>', entry, re.S)
    return re.sub(r"<[^>]+>", "", m.group(1)) if m else ""


def _markdown_document(body: str, resolved: Resolved, where: tuple[int, int] | None,
                       opts: Options) -> str:
    bib = _md_bibliography(resolved.bibliography)
    taken = note_labels(body)

    def piece(done: Rendered) -> str:
        if done.note is None:
            return done.text
        return f"{done.author or ''}[^{_note_label(done.note, taken)}]"

    text = substitute(body, resolved, piece, where, bib, opts.notes_after_punctuation)
    if where is None and bib:
        text = text.rstrip("\n") + "\n\n" + section_title(opts, "markdown") + bib
    notes = [d for d in resolved.citations if d and d.note is not None]
    if notes:
        text = text.rstrip("\n") + "\n\n" + "\n".join(
            f"[^{_note_label(d.note, taken)}]: {d.text}" for d in notes if d.note is not None)
    return text.rstrip("\n") + "\n"
