"""Share stage: a rendered Markdown document as an HTML fragment, in pandoc's markup.

Each citation is ``<span class="citation" data-cites="KEYS">``; the bibliography a
``<div id="refs" class="references csl-bib-body">`` of ``<div class="csl-entry"
id="ref-KEY">``; notes (note styles) a ``<section id="footnotes">``. The Markdown itself
is converted with markdown-it-py when it is installed (``pip install 'citekit-csl[markdown]'``),
else with a small built-in converter (headings, paragraphs, lists, quotes, code, emphasis,
links).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from ..csl.processor import Bibliography
from .cite import Rendered, Resolved, refs_classes
from .splice import substitute

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


def bibliography_html(bib: Bibliography) -> str:
    """The ``#refs`` div (empty string when there is nothing to list)."""
    if not bib.entries:
        return ""
    classes = " ".join(refs_classes(bib))
    spacing = ""
    entry, line = bib.params.get("entryspacing", 1), bib.params.get("linespacing", 1)
    if (entry, line) != (1, 1):
        spacing = f' data-entry-spacing="{entry}" data-line-spacing="{line}"'
    rows = [f'<div id="ref-{html.escape(key, quote=True)}" class="csl-entry" role="listitem">\n'
            f"{text.strip()}\n</div>" for key, text in zip(bib.ids, bib.entries)]
    return (f'<div id="refs" class="{classes}"{spacing} role="list">\n' + "\n".join(rows)
            + "\n</div>")


def footnotes_html(notes: list[Rendered]) -> str:
    if not notes:
        return ""
    items = [f'<li id="fn{d.note}"><p>{d.text}<a href="#fnref{d.note}" class="footnote-back" '
             f'role="doc-backlink">\u21a9\ufe0e</a></p></li>' for d in notes]
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


def mark_up(body: str, resolved: Resolved, where: tuple[int, int] | None) -> Marked:
    """Replace citations by tokens (letters and digits: any Markdown engine keeps them)."""
    pieces: dict[str, str] = {}

    def token(done: Rendered) -> str:
        key = _TOKEN.format(len(pieces))
        pieces[key] = citation_html(done)
        return key

    text = substitute(body, resolved, token, where, _REFS_TOKEN + "\n\n")
    notes = footnotes_html([d for d in resolved.citations if d and d.note is not None])
    return Marked(text, pieces, bibliography_html(resolved.bibliography), notes,
                  _REFS_TOKEN if where is not None else None)


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


def html_document(body: str, resolved: Resolved, where: tuple[int, int] | None) -> str:
    """The document as HTML: Markdown converted, citations and bibliography put in."""
    marked = mark_up(body, resolved, where)
    return fill(markdown_to_html(marked.text), marked)


def markdown_to_html(text: str) -> str:
    """Markdown to HTML: markdown-it-py (CommonMark and tables) if installed, else built in."""
    try:
        from markdown_it import MarkdownIt
    except ImportError:
        return simple_markdown_to_html(text)
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(text)


def _inline(text: str) -> str:
    parts = re.split(r"(`+[^`]*?`+)", text)
    out = []
    for part in parts:
        if part.startswith("`") and part.endswith("`") and len(part) > 1:
            out.append(f"<code>{html.escape(part.strip('`').strip(), quote=False)}</code>")
            continue
        s = html.escape(part, quote=False)
        s = re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)", r'<a href="\2">\1</a>', s)
        s = re.sub(r"\*\*(.+?)\*\*|__(.+?)__", lambda m: f"<strong>{m.group(1) or m.group(2)}"
                   "</strong>", s)
        s = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*|(?<!\w)_(?!\s)(.+?)(?<!\s)_(?!\w)",
                   lambda m: f"<em>{m.group(1) or m.group(2)}</em>", s)
        out.append(s)
    return "".join(out)


def simple_markdown_to_html(text: str) -> str:
    """A small Markdown subset, used when markdown-it-py is not installed."""
    out: list[str] = []
    blocks = re.split(r"\n[ \t]*\n", text.strip("\n"))
    fence: list[str] | None = None
    for block in blocks:
        lines = block.split("\n")
        if fence is not None or re.match(r"^(`{3,}|~{3,})", lines[0]):
            fence = (fence or []) + lines
            if len(fence) > 1 and re.match(r"^(`{3,}|~{3,})\s*$", fence[-1]):
                code = html.escape("\n".join(fence[1:-1]), quote=False)
                out.append(f"<pre><code>{code}\n</code></pre>")
                fence = None
            else:
                fence.append("")
            continue
        out.append(_block(lines))
    return "\n".join(out) + "\n"


def _block(lines: list[str]) -> str:
    heading = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", lines[0])
    if heading and len(lines) == 1:
        n = len(heading.group(1))
        return f"<h{n}>{_inline(heading.group(2))}</h{n}>"
    if all(re.match(r"^\s*(?:[-*+]|\d+[.)])\s", ln) for ln in lines[:1]):
        ordered = bool(re.match(r"^\s*\d", lines[0]))
        items: list[str] = []
        for ln in lines:
            m = re.match(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)", ln)
            if m:
                items.append(m.group(1))
            elif items:
                items[-1] += " " + ln.strip()
        tag = "ol" if ordered else "ul"
        body = "\n".join(f"<li>{_inline(i)}</li>" for i in items)
        return f"<{tag}>\n{body}\n</{tag}>"
    if lines[0].startswith(">"):
        inner = [re.sub(r"^>\s?", "", ln) for ln in lines]
        return f"<blockquote>\n{_block(inner)}\n</blockquote>"
    if all(ln.startswith(("    ", "\t")) for ln in lines):
        code = html.escape("\n".join(ln[4:] if ln.startswith("    ") else ln[1:]
                                     for ln in lines), quote=False)
        return f"<pre><code>{code}\n</code></pre>"
    if lines[0].strip() in (_REFS_TOKEN,) and len(lines) == 1:
        return lines[0].strip()
    return f"<p>{_inline(chr(10).join(lines))}</p>"


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
