"""Share stage: turn the citations found in a document into formatted text.

Shared by ``citekit render``, the API and the Markdown plug-ins: citations (as
:class:`~citekit.document.markdown.CitationMark`) in, one :class:`Rendered` per citation
out, positions and disambiguation computed over the whole document as pandoc does.
Citations naming an unknown key are left as written, with one warning per key.
In-text citations (``@key``) give the author in the text, then the citation with the author
suppressed; in note styles every citation is a footnote (in-text ones keep the author in the
text), whose first letter is capitalized.

The engine's output trees are edited (:mod:`citekit.csl.output.leading`) before they are
rendered once, in the document's output format; each :class:`Rendered` keeps its tree.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from ..csl.document import Citation, prepare
from ..csl.eval.context import Cite
from ..csl.output.leading import capitalize_first, strip_leading_delimiter
from ..csl.output.tree import Span
from ..csl.processor import Bibliography, Processor
from ..csl.style import Style, load_style
from ..model import Item
from .locators import parse_locator
from .markdown import CitationMark, CiteRef


@dataclass
class Rendered:
    """One citation's output: ``text`` is the citation (or footnote) body; ``author`` the
    in-text author name; ``note`` the footnote number in note styles; ``tree`` the output
    tree ``text`` was rendered from (None: the citation renders nothing in this style)."""

    mark: CitationMark
    text: str
    author: str | None = None
    note: int | None = None
    tree: Span | None = None


@dataclass
class Resolved:
    """Every citation of a document (None where left as written) and the bibliography."""

    citations: list[Rendered | None]
    bibliography: Bibliography
    warnings: list[str] = field(default_factory=list)
    note_style: bool = False


def to_cite(ref: CiteRef, processor: Processor, suppress: bool = False) -> Cite:
    """A CSL cite from a written cite: pandoc's locator rules, prefix and suffix spacing."""
    loc = parse_locator(ref.suffix, processor.locale) if ref.suffix else None
    prefix = ref.prefix + " " if ref.prefix and not ref.prefix.endswith(" ") else ref.prefix
    return Cite(ref.key, locator=loc.locator if loc else None, label=loc.label if loc else None,
                prefix=prefix or None, suffix=(loc.suffix if loc else "") or None,
                suppress_author=ref.suppress_author or suppress)


def make_processor(items: Iterable[Item], style: Style | str, locale: str | None,
                   output: str) -> Processor:
    """A processor over ``items`` (the processor keeps its own copies)."""
    style = style if isinstance(style, Style) else load_style(style)
    return Processor(style, items, locale, output)


def resolve(marks: list[CitationMark], items: Iterable[Item], style: Style | str,
            locale: str | None = None, output: str = "html", nocite: Iterable[str] = (),
            file: str | None = None) -> Resolved:
    """Format every citation of a document in order, and its bibliography.

    Only the items the document cites (or names in ``nocite``) go into the processor: the
    output is the same, and a page citing three entries of a 5,000-entry file stays quick.
    """
    nocite = list(nocite)
    if "*" not in nocite:
        wanted = {key for mark in marks for key in mark.keys} | set(nocite)
        items = [item for item in items if item.id in wanted]
    proc = make_processor(items, style, locale, output)
    note_style = proc.style.style_class == "note"
    warnings: list[str] = []
    kept: list[tuple[int, CitationMark]] = []
    for i, mark in enumerate(marks):
        unknown = [k for k in mark.keys if k not in proc.items]
        for key in dict.fromkeys(unknown):
            where = f"{file}:{mark.line}" if file else f"line {mark.line}"
            warnings.append(f"{where}: unknown citation key {key!r} (left as written)")
        if not unknown:
            kept.append((i, mark))
    clusters = [Citation([to_cite(r, proc, suppress=(j == 0 and m.in_text))
                          for j, r in enumerate(m.cites)], note_index=n)
                for n, (_, m) in enumerate(kept, 1)]
    prepare(proc, clusters)
    out: list[Rendered | None] = [None] * len(marks)
    for n, ((i, mark), cluster) in enumerate(zip(kept, clusters), 1):
        author = _author(proc, cluster.cites[0]) if mark.in_text else None
        tree = proc.cluster_tree(cluster.cites)
        if tree is not None:
            if mark.in_text:  # the author went before it: "(, 2013)" reads "(2013)"
                strip_leading_delimiter(tree)
            if note_style:
                capitalize_first(tree)
        # in a paper, as in pandoc: a citation that renders nothing is empty
        text = proc.render_tree(tree) if tree is not None else ""
        # an in-text citation may be its author alone; a suppressed author may leave nothing
        if not (text or author or any(c.suppress_author for c in cluster.cites)):
            where = f"{file}:{mark.line}" if file else f"line {mark.line}"
            warnings.append(f"{where}: the citation of {', '.join(mark.keys)} renders nothing "
                            "in this style")
        if note_style:
            out[i] = Rendered(mark, text, author, n, tree)
        else:
            out[i] = Rendered(mark, f"{author} {text}".rstrip() if author else text, tree=tree)
    ids = list(proc.cited)
    extra = list(proc.items) if "*" in nocite else [k for k in nocite if k in proc.items]
    ids += [k for k in extra if k not in ids]
    bibliography = proc.bibliography(ids)
    return Resolved(out, bibliography, warnings + bibliography.warnings, note_style)


def _author(proc: Processor, cite: Cite) -> str:
    """The author part alone, at the cite's position (short names on later cites)."""
    tree = proc.cite_tree(replace(cite, author_only=True, suppress_author=False, prefix=None,
                                  suffix=None, locator=None, label=None))
    return proc.render_tree(tree) if tree is not None else ""


def refs_classes(bib: Bibliography) -> list[str]:
    """The classes of pandoc's ``#refs`` block (HTML and Markdown alike)."""
    return ["references", "csl-bib-body"] + (["hanging-indent"]
                                             if bib.params.get("hangingindent") else [])
