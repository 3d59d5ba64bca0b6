"""Share stage: a rendered Markdown document as an HTML fragment, in pandoc's markup.

Each citation is ``<span class="citation" data-cites="KEYS">``; the bibliography a
``<div id="refs" class="references csl-bib-body">`` of ``<div class="csl-entry"
id="ref-KEY">``; notes (note styles) a ``<section id="footnotes">``. The Markdown itself
is converted with markdown-it-py (raw HTML escaped, unsafe links refused).
"""
from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

from ..csl.processor import Bibliography
from .cite import Options, Rendered, Resolved, refs_attributes, refs_classes
from .splice import section_title, substitute

_TOKEN = "CITEKIT{}X"
_REFS_TOKEN = "CITEKITREFSX"


def citation_html(done: Rendered) -> str:
    """One citation: the formatted text, or the author and the note mark (note styles)."""
    keys = html.escape(" ".join(done.mark.keys), quote=True)
    if done.note is None:
        inner = done.text
    else:
        n = done.note
        inner = (f'{done.author or ""}<a href="#fn{n}" class="footnote-ref" id="fnref{n}" '
                 f'role="doc-noteref"><sup>{n}</sup></a>')
    return f'<span class="citation" data-cites="{keys}">{inner}</span>'


def bibliography_html(bib: Bibliography, attrs: Sequence[tuple[str, str]] = ()) -> str:
    """The ``#refs`` div (empty string when there is nothing to list); ``attrs``: its
    data attributes (:func:`~.cite.refs_attributes`)."""
    if not bib.entries:
        return ""
    classes = " ".join(refs_classes(bib))
    spacing = "".join(f' data-{k}="{html.escape(v, quote=True)}"' for k, v in attrs)
    rows = [f'<div id="ref-{html.escape(key, quote=True)}" class="csl-entry" role="listitem">\n'
            f"{text.strip()}\n</div>" for key, text in zip(bib.ids, bib.entries)]
    return (f'<div id="refs" class="{classes}"{spacing} role="list">\n' + "\n".join(rows)
            + "\n</div>")


def footnotes_html(notes: list[Rendered]) -> str:
    """The notes section; a note numbered apart from its place in the list (the document's
    own footnotes take numbers too) says its number."""
    if not notes:
        return ""
    items = []
    for place, d in enumerate(notes, 1):
        value = "" if d.note == place else f' value="{d.note}"'
        items.append(f'<li id="fn{d.note}"{value}><p>{d.text}<a href="#fnref{d.note}" '
                     f'class="footnote-back" role="doc-backlink">\u21a9\ufe0e</a></p></li>')
    return ('<section id="footnotes" class="footnotes footnotes-end-of-document" '
            'role="doc-endnotes">\n<hr />\n<ol>\n' + "\n".join(items) + "\n</ol>\n</section>")


@dataclass
class Marked:
    """Markdown with a placeholder token per citation (and one for the bibliography, when the
    document says where it goes), and the HTML each token stands for."""

    text: str
    pieces: dict[str, str]
    bibliography: str
    notes: str
    refs_token: str | None


def mark_up(body: str, resolved: Resolved, where: tuple[int, int] | None,
            opts: Options | None = None) -> Marked:
    """Replace citations by tokens (letters and digits: any Markdown engine keeps them)."""
    opts = opts or Options()

    pieces: dict[str, str] = {}

    def token(done: Rendered) -> str:
        key = _TOKEN.format(len(pieces))
        pieces[key] = citation_html(done)
        return key

    text = substitute(body, resolved, token, where, _REFS_TOKEN + "\n\n",
                      opts.notes_after_punctuation)
    notes = footnotes_html([d for d in resolved.citations if d and d.note is not None])
    bib = bibliography_html(resolved.bibliography, refs_attributes(resolved))
    if where is None and bib:
        bib = section_title(opts, "html") + bib
    return Marked(text, pieces, bib, notes, _REFS_TOKEN if where is not None else None)


def fill(page: str, marked: Marked) -> str:
    """Put the citations, bibliography and notes into the converted HTML."""
    if marked.refs_token:
        page = re.sub(rf"<p>{_REFS_TOKEN}</p>|{_REFS_TOKEN}", lambda _: marked.bibliography,
                      page)
    elif marked.bibliography:
        page = page.rstrip("\n") + "\n" + marked.bibliography
    page = re.sub(r"CITEKIT\d+X", lambda m: marked.pieces.get(m.group(0), m.group(0)), page)
    if marked.notes:
        page = page.rstrip("\n") + "\n" + marked.notes
    return page.rstrip("\n") + "\n"


def html_document(body: str, resolved: Resolved, where: tuple[int, int] | None,
                  opts: Options | None = None) -> str:
    """The document as HTML: Markdown converted, citations and bibliography put in."""
    marked = mark_up(body, resolved, where, opts)
    return fill(markdown_to_html(marked.text), marked)


def markdown_to_html(text: str) -> str:
    """Markdown to HTML with markdown-it-py (CommonMark and tables).

    Raw HTML in the document is escaped, not passed through, and markdown-it-py refuses
    ``javascript:``, ``vbscript:``, ``file:`` and ``data:`` links: the output carries no
    attribute or script from the input.
    """
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table").render(text)


class _Reader(HTMLParser):
    """Collects citation spans, footnotes and bibliography entries from pandoc-style HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.citations: list[list[str | int]] = []  # [text, note number or 0]
        self.notes: dict[int, str] = {}
        self.entries: dict[str, str] = {}
        self._stack: list[tuple[str, str, str]] = []  # (tag, role, key)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        role, key = "", ""
        classes = a.get("class", "").split()
        if tag == "span" and "citation" in classes:
            role = "cite"
            self.citations.append(["", 0])
        elif tag == "a" and "footnote-ref" in classes and self._in("cite"):
            role = "ref"
            self.citations[-1][1] = int(a.get("href", "#fn0")[3:] or 0)
        elif tag == "a" and "footnote-back" in classes:
            role = "skip"
        elif tag == "li" and a.get("id", "").startswith("fn"):
            role, key = "note", a["id"][2:]
            self.notes[int(key)] = ""
        elif tag == "div" and "csl-entry" in classes:
            role, key = "entry", a.get("id", "")[4:]
            self.entries[key] = ""
        self._stack.append((tag, role, key))

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def _in(self, role: str) -> bool:
        return any(r == role for _, r, _ in self._stack)

    def handle_data(self, data: str) -> None:
        if self._in("skip") or self._in("ref"):
            return
        for _, role, key in reversed(self._stack):
            if role == "cite":
                self.citations[-1][0] = str(self.citations[-1][0]) + data
            elif role == "note":
                self.notes[int(key)] += data
            elif role == "entry":
                self.entries[key] += data
            else:
                continue
            return


def _plain(text: str) -> str:
    return " ".join(text.split())


def read_rendered_html(page: str) -> tuple[list[str], dict[str, str]]:
    """Read back a rendered HTML document (citekit's or pandoc's): one plain-text string per
    citation (``author [^note]`` for footnotes) and the bibliography entries by key."""
    reader = _Reader()
    reader.feed(page)
    out = []
    for text, note in reader.citations:
        if note:
            out.append(_plain(f"{text} [^{_plain(reader.notes.get(int(note), ''))}]"))
        else:
            out.append(_plain(str(text)))
    return out, {k: _plain(v) for k, v in reader.entries.items()}
