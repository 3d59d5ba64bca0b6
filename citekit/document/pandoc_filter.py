"""Share stage: citekit as a pandoc JSON filter (``pandoc --filter citekit-pandoc``).

pandoc hands the filter its document as JSON (the AST) and the output format as the first
argument; :func:`filter_document` formats every ``Cite`` with citekit's engine, in document
order, into pandoc inlines built from the engine's output tree (emphasis, strong, small
caps, super/subscript, links, spans), puts the bibliography into the ``#refs`` div (else
after a ``reference-section-title`` heading, else at the end) and, in note styles, turns
each citation in the running text into a ``Note`` (placed after punctuation unless
``notes-after-punctuation: false``); a citation already inside a note is written inline,
in parentheses, as pandoc's citeproc writes it. Metadata read, with pandoc's meaning and
defaults: ``bibliography``, ``csl`` (default: pandoc's, Chicago author-date), ``references``,
``nocite`` (``@*``: every item), ``lang``, ``link-citations``, ``link-bibliography``,
``reference-section-title``, ``suppress-bibliography``, ``notes-after-punctuation`` and
``citation-abbreviations``.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..csl.abbreviations import load_abbreviations
from ..csl.output.pandoc import Inline, stringify, text_inlines
from ..errors import ParseError
from ..model import Item
from .cite import Options, Rendered, Resolved, options_from, refs_attributes, refs_classes, resolve
from .frontmatter import FrontMatter
from .markdown import CitationMark, CiteRef
from .render import front_items, load_items

#: pandoc's default style
DEFAULT_STYLE = "chicago"
_PUNCT = ".,;:!?"
_RICH = {"Emph": "i", "Strong": "b", "SmallCaps": "sc", "Superscript": "sup",
         "Subscript": "sub"}


def meta_value(value: Any, rich: bool = False) -> Any:
    """A pandoc metadata value as plain Python: inlines and blocks become their text (with
    ``rich``, CSL rich-text markup: for item fields)."""
    kind, content = value.get("t"), value.get("c")
    if kind == "MetaMap":
        return {k: meta_value(v, rich) for k, v in content.items()}
    if kind == "MetaList":
        return [meta_value(v, rich) for v in content]
    if kind == "MetaBool":
        return bool(content)
    if kind == "MetaString":
        return str(content)
    if kind in ("MetaInlines", "MetaBlocks"):
        return rich_text(content) if rich else stringify(content)
    return None


def rich_text(inlines: list[Any]) -> str:
    """Inlines as CSL rich text (``<i>``, ``<b>``, ``<sc>``, ``<sup>``, ``<sub>``,
    ``<span class="nocase">``), the markup citekit's engine reads in field values."""
    out: list[str] = []
    for node in inlines:
        kind, content = node.get("t"), node.get("c")
        if kind in _RICH:
            tag = _RICH[kind]
            out.append(f"<{tag}>{rich_text(content)}</{tag}>")
        elif kind == "Span" and "nocase" in content[0][1]:
            out.append(f'<span class="nocase">{rich_text(content[1])}</span>')
        elif kind in ("Span", "Link"):
            out.append(rich_text(content[1]))
        elif kind in ("Para", "Plain"):
            out.append(rich_text(content))
        else:
            out.append(stringify(node))
    return "".join(out)


def _paths(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


@dataclass
class _Found:
    """A Cite element of the document, and the note it is in (None: the running text)."""

    element: dict[str, Any]
    in_note: int | None
    note: int = 0


@dataclass
class _Walk:
    """Cites in document order with note numbers counted as pandoc's citeproc counts them."""

    found: list[_Found] = field(default_factory=list)
    notes: int = 0

    def blocks(self, blocks: list[Any], note: int | None) -> None:
        for node in blocks:
            self.node(node, note)

    def node(self, node: Any, note: int | None) -> None:
        if isinstance(node, list):
            for child in node:
                self.node(child, note)
            return
        if not isinstance(node, dict) or "t" not in node:
            return
        kind = node["t"]
        if kind == "Cite":
            if note is None:
                self.notes += 1
            self.found.append(_Found(node, note, note or self.notes))
            return
        if kind == "Note":
            self.notes += 1
            self.blocks(node["c"], self.notes)
            return
        if kind in ("Code", "CodeBlock", "RawInline", "RawBlock", "Math"):
            return
        self.node(node.get("c"), note)


def _found(doc: dict[str, Any]) -> list[_Found]:
    walk = _Walk()
    walk.blocks(doc.get("blocks") or [], None)
    return walk.found


def citation_marks(doc: dict[str, Any]) -> list[CitationMark]:
    """The document's citations in order, as citekit's document layer takes them (note
    numbers counted as pandoc's citeproc counts them)."""
    return [_mark(f) for f in _found(doc)]


def _mark(found: _Found) -> CitationMark:
    citations = found.element["c"][0]
    cites = [CiteRef(c["citationId"], rich_text(c.get("citationPrefix") or []).strip(),
                     rich_text(c.get("citationSuffix") or []),
                     c["citationMode"]["t"] == "SuppressAuthor") for c in citations]
    in_text = bool(citations) and citations[0]["citationMode"]["t"] == "AuthorInText"
    return CitationMark(0, 0, 0, cites, in_text, in_note=found.in_note is not None,
                        note=found.note)


def _load(meta: dict[str, Any]) -> tuple[list[Item], list[str]]:
    items, warnings = load_items(_paths(meta.get("bibliography")))
    inline, problems = front_items(FrontMatter(meta), None, items)
    items += inline
    warnings += problems
    return items, warnings


def _nocite(raw: dict[str, Any]) -> list[str]:
    keys: list[str] = []

    def collect(node: Any) -> None:
        if isinstance(node, list):
            for child in node:
                collect(child)
        elif isinstance(node, dict):
            if node.get("t") == "Cite":
                keys.extend(c["citationId"] for c in node["c"][0])
            else:
                collect(node.get("c"))
    collect(raw.get("nocite"))
    return ["*"] if "*" in keys else keys


def filter_document(doc: dict[str, Any], fmt: str = "html") -> tuple[dict[str, Any], list[str]]:
    """Format ``doc``'s citations and bibliography (in place); returns it and the warnings."""
    raw = doc.get("meta") or {}
    meta = {k: meta_value(v, rich=k == "references") for k, v in raw.items()}
    found_cites = _found(doc)
    items, warnings = _load(meta)
    opts = options_from(meta)
    abbreviations = meta.get("citation-abbreviations")
    resolved = resolve([_mark(f) for f in found_cites], items,
                       str(meta.get("csl") or DEFAULT_STYLE),
                       str(meta["lang"]) if meta.get("lang") else None, "pandoc",
                       _nocite(raw), options=opts,
                       abbreviations=load_abbreviations(str(abbreviations))
                       if abbreviations else None)
    for found, done in zip(found_cites, resolved.citations):
        if done is not None:
            found.element["c"][1] = _cite_inlines(done, found, resolved.note_style)
    if resolved.note_style:
        _place_notes(doc.get("blocks") or [], opts.notes_after_punctuation)
    _put_bibliography(doc, resolved, opts, raw.get("reference-section-title"))
    if fmt.split("+")[0].split("-")[0] in _SPLICED:
        _splice_cites(doc.get("blocks") or [])
    return doc, warnings + resolved.warnings


#: writers that would print a Cite as citation syntax again (pandoc's own citeproc turns
#: their ``citations`` extension off): there a Cite is replaced by its formatted inlines
_SPLICED = ("markdown", "commonmark", "commonmark_x", "gfm", "markdown_strict",
            "markdown_mmd", "markdown_phpextra")


def _splice_cites(blocks: list[Any]) -> None:
    for inlines in list(_inline_lists(blocks)):
        inlines[:] = [part for node in inlines
                      for part in (node["c"][1] if isinstance(node, dict)
                                   and node.get("t") == "Cite" else [node])]


def _cite_inlines(done: Rendered, found: _Found, note_style: bool) -> list[Inline]:
    body: list[Inline] = json.loads(done.text) if done.text else []
    if not note_style:
        return body
    author = json.loads(done.author) if done.author else []
    if found.in_note is not None:  # already inside a note: resolve() wrote it inline
        return body
    note = {"t": "Note", "c": [{"t": "Para", "c": body}]} if body else None
    return author + ([note] if note else [])


def _inline_lists(node: Any) -> Iterator[list[Any]]:
    """Every list of inlines in the document (where a Cite can sit)."""
    if isinstance(node, list):
        if any(isinstance(n, dict) and n.get("t") == "Cite" for n in node):
            yield node
        for child in node:
            yield from _inline_lists(child)
    elif isinstance(node, dict):
        yield from _inline_lists(node.get("c"))


def _is_note_cite(node: Any) -> bool:
    return (isinstance(node, dict) and node.get("t") == "Cite" and bool(node["c"][1])
            and node["c"][1][-1].get("t") == "Note")


def _place_notes(blocks: list[Any], after_punctuation: bool) -> None:
    """No space before a note citation; punctuation right after it moves before the note
    mark (pandoc's notes-after-punctuation)."""
    for inlines in list(_inline_lists(blocks)):
        i = 0
        while i < len(inlines):
            node = inlines[i]
            if not _is_note_cite(node):
                i += 1
                continue
            content = node["c"][1]
            if len(content) == 1 and i > 0 and inlines[i - 1].get("t") in ("Space",
                                                                          "SoftBreak"):
                del inlines[i - 1]
                i -= 1
            nxt = inlines[i + 1] if i + 1 < len(inlines) else None
            if after_punctuation and nxt is not None and nxt.get("t") == "Str" \
                    and nxt["c"][:1] in tuple(_PUNCT):
                mark = {"t": "Str", "c": nxt["c"][0]}
                nxt["c"] = nxt["c"][1:]
                if not nxt["c"]:
                    del inlines[i + 1]
                if len(content) == 1:  # the note alone: the mark goes before the Cite
                    inlines.insert(i, mark)
                    i += 1
                else:  # after the in-text author, before the note
                    content.insert(len(content) - 1, mark)
            i += 1


def _find_refs(blocks: list[Any]) -> dict[str, Any] | None:
    for block in blocks:
        if not isinstance(block, dict):
            continue
        if block.get("t") == "Div":
            if block["c"][0][0] == "refs":
                return block
            inner = _find_refs(block["c"][1])
            if inner is not None:
                return inner
    return None


def bibliography_div(resolved: Resolved, existing: dict[str, Any] | None = None) -> Inline:
    """The ``#refs`` div of ``csl-entry`` divs, each a paragraph of the entry's inlines."""
    bib = resolved.bibliography
    attrs = [list(a) for a in refs_attributes(resolved)]
    classes = refs_classes(bib)
    if existing is not None:
        classes += [c for c in existing["c"][0][1] if c not in classes]
        attrs = existing["c"][0][2] + [a for a in attrs if a[0] not in
                                       {k for k, _ in existing["c"][0][2]}]
    entries = [{"t": "Div", "c": [[f"ref-{key}", ["csl-entry"], []],
                                  [{"t": "Para", "c": json.loads(text)}]]}
               for key, text in zip(bib.ids, bib.entries)]
    return {"t": "Div", "c": [["refs", classes, attrs], entries]}


def _put_bibliography(doc: dict[str, Any], resolved: Resolved, opts: Options,
                      title_meta: dict[str, Any] | None = None) -> None:
    blocks = doc.setdefault("blocks", [])
    existing = _find_refs(blocks)
    if opts.suppress_bibliography or not resolved.bibliography.entries:
        return
    div = bibliography_div(resolved, existing)
    if existing is not None:
        existing["c"] = div["c"]
        return
    if opts.reference_section_title:
        title = (title_meta["c"] if title_meta and title_meta.get("t") == "MetaInlines"
                 else text_inlines(opts.reference_section_title))
        blocks.append({"t": "Header", "c": [1, ["bibliography", ["unnumbered"], []], title]})
    blocks.append(div)


def run(read: Callable[[], str], argv: list[str]) -> tuple[str, list[str]]:
    """The filter's work: the AST JSON read, filtered, written back as JSON."""
    try:
        doc = json.loads(read())
    except json.JSONDecodeError as exc:
        raise ParseError(f"not pandoc JSON: {exc.msg}", line=exc.lineno) from None
    except RecursionError:
        raise ParseError("not pandoc JSON: nested too deeply") from None
    out, warnings = filter_document(doc, argv[0] if argv else "html")
    return json.dumps(out, ensure_ascii=False), warnings


__all__ = ["DEFAULT_STYLE", "bibliography_div", "citation_marks", "filter_document",
           "meta_value", "rich_text", "run"]
