"""Format stage: whole documents around the writers' output — an HTML page and an RTF file.

:func:`html_page` wraps an HTML fragment (a rendered paper, or a bibliography) in a page
that can be published as it is: UTF-8 charset, language, pandoc's title block (title,
subtitle, authors, date) and CSS for the bibliography the style asks for — hanging
indent, entry and line spacing, and ``second-field-align`` columns (citeproc-js's
``csl-left-margin`` / ``csl-right-inline`` divs side by side, so ``[1]`` sits left of its
entry rather than on a line of its own). :func:`rtf_document` makes a ``{\\rtf1 …}`` file
of RTF entries that word processors open, with the same indent and spacing.
"""
from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

_BASE_CSS = """\
html { line-height: 1.5; font-family: Georgia, "Times New Roman", serif; color: #1a1a1a; }
body { margin: 0 auto; max-width: 40em; padding: 2em 1.5em 4em; hyphens: auto;
  overflow-wrap: break-word; font-kerning: normal; }
header#title-block-header { margin-bottom: 2em; }
h1.title { font-size: 2em; margin-bottom: 0.25em; }
p.subtitle { font-size: 1.25em; margin-top: 0; }
p.author, p.date { margin: 0.2em 0; }
a { color: #1a4f8a; }
sup { line-height: 0; }
section.footnotes { font-size: 0.9em; }
div.csl-bib-body { margin-top: 1em; }
div.csl-entry { clear: both; margin-bottom: %(entry)s; line-height: %(line)s; }
div.hanging-indent div.csl-entry, div.csl-bib-body.hanging-indent > div.csl-entry {
  margin-left: 2em; text-indent: -2em; }
div.csl-left-margin { float: left; min-width: %(margin)s; padding-right: 0.5em;
  box-sizing: border-box; }
div.csl-right-inline { margin-left: %(margin)s; }
div.csl-indent { margin-left: 2em; }
div.csl-block { display: block; }
"""


def bibliography_css(params: Mapping[str, Any] | None = None, margin_em: float = 2.5) -> str:
    """The page's CSS, with the style's bibliography parameters (citeproc-js's names:
    ``entryspacing``, ``linespacing``, ``second-field-align``)."""
    params = params or {}
    entry = int(params.get("entryspacing", 1) or 0)
    line = max(1, int(params.get("linespacing", 1) or 1))
    return _BASE_CSS % {"entry": f"{entry}em",
                        "line": "1.5" if line == 1 else str(line), "margin": f"{margin_em}em"}


def _text(value: Any) -> str:
    if isinstance(value, Mapping):  # a CSL-style name {family, given} or {literal}
        if "literal" in value:
            return str(value["literal"])
        return " ".join(str(value[k]) for k in ("given", "family") if value.get(k))
    return "" if value is None else str(value)


def title_block(meta: Mapping[str, Any]) -> str:
    """pandoc's ``<header id="title-block-header">`` from front matter (escaped)."""
    rows: list[str] = []
    if meta.get("title"):
        rows.append(f'<h1 class="title">{html.escape(_text(meta["title"]))}</h1>')
    if meta.get("subtitle"):
        rows.append(f'<p class="subtitle">{html.escape(_text(meta["subtitle"]))}</p>')
    authors = meta.get("author")
    for author in authors if isinstance(authors, list) else [authors] if authors else []:
        rows.append(f'<p class="author">{html.escape(_text(author))}</p>')
    if meta.get("date"):
        rows.append(f'<p class="date">{html.escape(_text(meta["date"]))}</p>')
    if not rows:
        return ""
    return '<header id="title-block-header">\n' + "\n".join(rows) + "\n</header>\n"


def html_page(body: str, meta: Mapping[str, Any] | None = None,
              params: Mapping[str, Any] | None = None, margin_em: float = 2.5) -> str:
    """A whole HTML page around ``body`` (an HTML fragment)."""
    meta = meta or {}
    title = _text(meta.get("pagetitle") or meta.get("title")) or "References"
    lang = html.escape(_text(meta.get("lang")) or "en", quote=True)
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8" />\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1.0" />\n'
            '<meta name="generator" content="citekit" />\n'
            f"<title>{html.escape(title)}</title>\n<style>\n"
            f"{bibliography_css(params, margin_em)}</style>\n</head>\n<body>\n"
            f"{title_block(meta)}{body.rstrip()}\n</body>\n</html>\n")


def label_width(labels: list[str]) -> float:
    """The margin column's width in em for labels such as ``[12]`` (about 0.6 em a
    character, at least 2 em)."""
    longest = max((len(label.strip()) for label in labels), default=0)
    return max(2.0, round(0.6 * longest + 0.8, 1))


def rtf_document(entries: list[str], params: Mapping[str, Any] | None = None) -> str:
    """An RTF file of RTF-formatted entries, one paragraph each (hanging indent and spacing
    from the style; a tab after the label when the style aligns a second field)."""
    params = params or {}
    indent = ""
    if params.get("second-field-align"):
        indent = "\\fi-567\\li567\\tx567"
    elif params.get("hangingindent"):
        indent = "\\fi-720\\li720"
    after = 240 * int(params.get("entryspacing", 1) or 0)
    line = 240 * max(1, int(params.get("linespacing", 1) or 1))
    pars = [f"{{\\pard\\sa{after}\\sl{line}\\slmult1{indent} {e}\\par}}" for e in entries]
    return ("{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc0{\\fonttbl{\\f0\\froman\\fcharset0 "
            "Times New Roman;}}\\f0\\fs24\n" + "\n".join(pars) + "\n}\n")
