"""Share stage: turn the citations found in a document into formatted text.

Shared by ``citekit render``, the API and the Markdown plug-ins: citations (as
:class:`~citekit.document.markdown.CitationMark`) in, one :class:`Rendered` per citation
out, positions and disambiguation computed over the whole document as pandoc does.
A cite naming an unknown key is marked as pandoc marks it, the key and a question mark in
bold, with one warning per key. ``Options`` holds pandoc's metadata switches that change the
output (``link-citations``, ``link-bibliography``, ``suppress-bibliography``).
In-text citations (``@key``) give the author in the text, then the citation with the author
suppressed; in note styles every citation in the running text is a footnote (in-text ones
keep the author in the text), whose first letter is capitalized, and one already inside a
footnote is written there as pandoc writes it: in parentheses (an in-text one whole),
without its final period.

The engine's output trees are edited (:mod:`citekit.csl.output.leading`, links by
:mod:`citekit.csl.output.links`) before they are rendered once, in the document's output
format (``pandoc``: JSON of pandoc inlines); each :class:`Rendered` keeps its tree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from ..csl.abbreviations import Abbreviations
from ..csl.document import Citation, prepare
from ..csl.eval.context import Cite
from ..csl.output.leading import capitalize_first, drop_final_period, strip_leading_delimiter
from ..csl.output.links import link_cites, link_identifiers
from ..csl.output.tree import Span, Tag
from ..csl.processor import Bibliography, Processor
from ..csl.style import Style, load_style
from ..model import Item
from .locators import parse_locator
from .markdown import CitationMark, CiteRef


@dataclass
class Rendered:
    """One citation's output: ``text`` is the citation (or footnote) body, with the in-text
    author in front unless ``note``; ``author`` the in-text author name; ``note`` the
    footnote number in note styles; ``tree`` the output tree of the citation itself (None:
    it renders nothing in this style)."""

    mark: CitationMark
    text: str
    author: str | None = None
    note: int | None = None
    tree: Span | None = None


@dataclass
class Options:
    """pandoc's metadata switches, with pandoc's defaults."""

    link_citations: bool = False
    link_bibliography: bool = True
    suppress_bibliography: bool = False
    notes_after_punctuation: bool = True
    reference_section_title: str | None = None


def _flag(meta: dict[str, Any], key: str, default: bool) -> bool:
    value = meta.get(key)
    if value is None:
        return default
    if isinstance(value, str):
        return value.strip().lower() not in ("false", "no", "off", "0", "")
    return bool(value)


def options_from(meta: dict[str, Any]) -> Options:
    """pandoc's switches from metadata (plain values: YAML front matter, or pandoc's
    metadata made plain), with pandoc's defaults."""
    title = meta.get("reference-section-title")
    return Options(link_citations=_flag(meta, "link-citations", False),
                   link_bibliography=_flag(meta, "link-bibliography", True),
                   suppress_bibliography=_flag(meta, "suppress-bibliography", False),
                   notes_after_punctuation=_flag(meta, "notes-after-punctuation", True),
                   reference_section_title=str(title) if title else None)


@dataclass
class Resolved:
    """Every citation of a document and the bibliography."""

    citations: list[Rendered | None]
    bibliography: Bibliography
    warnings: list[str] = field(default_factory=list)
    note_style: bool = False
    bib_options: dict[str, str] = field(default_factory=dict)  # the style's, as written


def to_cite(ref: CiteRef, processor: Processor, suppress: bool = False) -> Cite:
    """A CSL cite from a written cite: pandoc's locator rules, prefix and suffix spacing."""
    loc = parse_locator(ref.suffix, processor.locale) if ref.suffix else None
    prefix = ref.prefix + " " if ref.prefix and not ref.prefix.endswith(" ") else ref.prefix
    return Cite(ref.key, locator=loc.locator if loc else None, label=loc.label if loc else None,
                prefix=prefix or None, suffix=(loc.suffix if loc else "") or None,
                suppress_author=ref.suppress_author or suppress)


def make_processor(items: Iterable[Item], style: Style | str, locale: str | None,
                   output: str, abbreviations: Abbreviations | None = None) -> Processor:
    """A processor over ``items`` (the processor keeps its own copies)."""
    style = style if isinstance(style, Style) else load_style(style)
    return Processor(style, items, locale, output, abbreviations=abbreviations)


def missing_tree(cite: Cite) -> Span:
    """What pandoc writes for a cite of an unknown key: the key and "?", in bold."""
    return Span([Span([f"{cite.id}?"], {"font-weight": "bold"})], tag=Tag.CITE, data=cite)


def resolve(marks: list[CitationMark], items: Iterable[Item], style: Style | str,
            locale: str | None = None, output: str = "html", nocite: Iterable[str] = (),
            file: str | None = None, options: Options | None = None,
            abbreviations: Abbreviations | None = None) -> Resolved:
    """Format every citation of a document in order, and its bibliography.

    A citation's note number is its mark's ``note``, else one note per citation in order; a
    cite of an unknown key is marked as pandoc marks it (``**key?**``) with a warning. Only
    the items the document cites (or names in ``nocite``) go into the processor: the output
    is the same, and a page citing three entries of a 5,000-entry file stays quick.
    ``abbreviations``: the document's citation-abbreviations list (``form="short"``).
    """
    opts = options or Options()
    nocite = list(nocite)
    if "*" not in nocite:
        wanted = {key for mark in marks for key in mark.keys} | set(nocite)
        items = [item for item in items if item.id in wanted]
    proc = make_processor(items, style, locale, output, abbreviations)
    proc.link_identifiers = opts.link_bibliography
    proc.missing = missing_tree
    note_style = proc.style.style_class == "note"
    warnings: list[str] = []
    for mark in marks:
        for key in dict.fromkeys(k for k in mark.keys if k not in proc.items):
            where = f"{file}:{mark.line}: " if file else f"line {mark.line}: "
            where = where if mark.line else ""
            warnings.append(f"{where}unknown citation key {key!r} (marked **{key}?**)")
    # in a note style, an in-text citation inside a footnote is written whole (pandoc)
    in_text = [m.in_text and m.cites[0].key in proc.items and not (note_style and m.in_note)
               for m in marks]
    clusters = [Citation([to_cite(r, proc, suppress=(j == 0 and in_text[n]))
                          for j, r in enumerate(m.cites)],
                         note_index=m.note or n + 1)
                for n, m in enumerate(marks)]
    prepare(proc, [Citation([c for c in cl.cites if c.id in proc.items], cl.note_index)
                   for cl in clusters])
    trees = [proc.cluster_tree(c.cites) for c in clusters]
    author_trees: dict[tuple[object, ...], Span | None] = {}
    authors = [_author(proc, c.cites[0], author_trees) if flag else None
               for c, flag in zip(clusters, in_text)]
    if opts.suppress_bibliography:
        bib = Bibliography([], [], proc.bib_params())
    else:
        ids = list(proc.cited)
        extra = list(proc.items) if "*" in nocite else [k for k in nocite if k in proc.items]
        bib = proc.bibliography(ids + [k for k in extra if k not in ids])
    targets = set(bib.ids) if opts.link_citations else set()
    out: list[Rendered | None] = []
    for mark, tree, author, flag, cluster in zip(marks, trees, authors, in_text, clusters):
        if tree is not None:
            if opts.link_bibliography:  # pandoc links DOIs in notes too
                link_identifiers(tree)
            if targets:
                link_cites(tree, targets)
            if flag:  # the author went before it: "(, 2013)" reads "(2013)"
                strip_leading_delimiter(tree)
            if note_style and mark.in_note:  # inside a footnote: inline, as pandoc writes it
                drop_final_period(tree)
                if not mark.in_text:
                    tree = Span([tree], {"prefix": "(", "suffix": ")"})
            elif note_style:
                capitalize_first(tree)
        # in a paper, as in pandoc: a citation that renders nothing is empty
        text = proc.render_tree(tree) if tree is not None else ""
        # an in-text citation may be its author alone; a suppressed author may leave nothing
        if not (text or author or any(c.suppress_author for c in cluster.cites)):
            where = f"{file}:{mark.line}: " if file and mark.line else (
                f"line {mark.line}: " if mark.line else "")
            warnings.append(f"{where}the citation of {', '.join(mark.keys)} renders nothing "
                            "in this style")
        author_text = proc.render_tree(author) if author is not None else None
        if note_style and not mark.in_note:
            out.append(Rendered(mark, text, author_text, cluster.note_index, tree))
        elif author is not None and tree is not None:  # one rendering: author, space, rest
            out.append(Rendered(mark, proc.render_tree(Span([author, tree], {"delimiter": " "})),
                                author_text, tree=tree))
        else:
            out.append(Rendered(mark, author_text or text, author_text, tree=tree))
    bib_options = dict(proc.style.bibliography.options) if proc.style.bibliography else {}
    return Resolved(out, bib, warnings + bib.warnings, note_style, bib_options)


def _author(proc: Processor, cite: Cite,
            memo: dict[tuple[object, ...], Span | None]) -> Span | None:
    """The author part alone, at the cite's position (short names on later cites).

    Rendered once per item and position: the author part reads nothing else of the cite
    (no locator, affixes or note number besides first-reference-note-number), and its tree is
    only read afterwards, so in-text citations of one item share it.
    """
    key = (cite.id, cite.position, cite.near_note, cite.first_reference_note_number)
    if key not in memo:
        memo[key] = proc.cite_tree(replace(cite, author_only=True, suppress_author=False,
                                           prefix=None, suffix=None, locator=None, label=None))
    return memo[key]


def refs_attributes(resolved: Resolved) -> list[tuple[str, str]]:
    """The attributes of pandoc's ``#refs`` block: the spacing the style sets, as pandoc."""
    return [(name, resolved.bib_options[name]) for name in ("entry-spacing", "line-spacing")
            if name in resolved.bib_options]


def refs_classes(bib: Bibliography) -> list[str]:
    """The classes of pandoc's ``#refs`` block (HTML and Markdown alike)."""
    return ["references", "csl-bib-body"] + (["hanging-indent"]
                                             if bib.params.get("hangingindent") else [])
