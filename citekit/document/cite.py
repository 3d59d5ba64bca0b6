"""Share stage: turn the citations found in a document into formatted text.

Shared by ``citekit render``, the API and the Markdown plug-ins: citations (as
:class:`~citekit.document.markdown.CitationMark`) in, one :class:`Rendered` per citation
out, positions and disambiguation computed over the whole document as pandoc does.
Citations naming an unknown key are left as written, with one warning per key.
In-text citations (``@key``) give the author in the text, then the citation with the author
suppressed; in note styles every citation is a footnote (in-text ones keep the author in the
text), whose first letter is capitalized.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from ..csl.document import Citation, process
from ..csl.eval.context import Cite
from ..csl.processor import NO_PRINTED_FORM, Bibliography, Processor
from ..csl.style import Style, load_style
from ..model import Item
from .locators import parse_locator
from .markdown import CitationMark, CiteRef


@dataclass
class Rendered:
    """One citation's output: ``text`` is the citation (or footnote) body; ``author`` the
    in-text author name; ``note`` the footnote number in note styles."""

    mark: CitationMark
    text: str
    author: str | None = None
    note: int | None = None


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


_FIRST_LETTER = re.compile(r"^((?:<[^>]+>|[\s\"'\u201c\u2018(\[*_])*)(\w)")


#: a delimiter left at the start when the author is suppressed: "(, chap. 3)" -> "(chap. 3)"
_LEADING_DELIMITER = re.compile(r"^((?:<[^>]+>)*[(\[]?)\s*[,;:]\s*")


def capitalize_first(text: str) -> str:
    """Upper-case the first letter (after markup and opening quotes)."""
    return _FIRST_LETTER.sub(lambda m: m.group(1) + m.group(2).upper(), text, count=1)


def resolve(marks: list[CitationMark], items: Iterable[Item], style: Style | str,
            locale: str | None = None, output: str = "html", nocite: Iterable[str] = (),
            file: str | None = None) -> Resolved:
    """Format every citation of a document in order, and its bibliography."""
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
    texts = process(proc, clusters)
    out: list[Rendered | None] = [None] * len(marks)
    for n, ((i, mark), text, cluster) in enumerate(zip(kept, texts, clusters), 1):
        author = _author(proc, cluster.cites[0]) if mark.in_text else None
        if text == NO_PRINTED_FORM:  # in a paper, as in pandoc: an empty citation is empty
            text = ""
        if mark.in_text:
            text = _LEADING_DELIMITER.sub(r"\1", text)
        if note_style:
            out[i] = Rendered(mark, capitalize_first(text), author, n)
        else:
            out[i] = Rendered(mark, f"{author} {text}".rstrip() if author else text)
    ids = list(proc.cited)
    extra = list(proc.items) if "*" in nocite else [k for k in nocite if k in proc.items]
    ids += [k for k in extra if k not in ids]
    return Resolved(out, proc.bibliography(ids), warnings, note_style)


def _author(proc: Processor, cite: Cite) -> str:
    """The author part alone, at the cite's position (short names on later cites)."""
    tree = proc.cite_tree(replace(cite, author_only=True, suppress_author=False, prefix=None,
                                  suffix=None, locator=None, label=None))
    return proc.render_tree(tree) if tree is not None else ""


def refs_classes(bib: Bibliography) -> list[str]:
    """The classes of pandoc's ``#refs`` block (HTML and Markdown alike)."""
    return ["references", "csl-bib-body"] + (["hanging-indent"]
                                             if bib.params.get("hangingindent") else [])
