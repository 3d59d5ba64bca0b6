"""Share stage, for Sphinx: the CSL processor's HTML markup as docutils nodes.

citekit formats citations and entries in citeproc-js's HTML (``<i>``, ``<b>``, ``<sup>``,
``<sub>``, ``<span style=...>``, ``<div class="csl-...">``). Sphinx writes HTML, LaTeX and
more from one doctree, so the markup becomes docutils nodes (emphasis, strong, superscript,
subscript, classed inlines) that every builder knows; web addresses in entries become links.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from docutils import nodes

__all__ = ["csl_nodes"]

_URL = re.compile(r"https?://[^\s<>\"]*[^\s<>\".,;:)\]]")
_STYLE_CLASS = {
    "font-style:normal;": "csl-no-italic", "font-weight:normal;": "csl-no-bold",
    "font-weight:light;": "csl-light", "font-variant:small-caps;": "csl-small-caps",
    "font-variant:normal;": "csl-no-small-caps",
    "text-decoration:underline;": "csl-underline", "text-decoration:none;": "csl-no-underline",
}
_TAGS: dict[str, type[nodes.Element]] = {
    "i": nodes.emphasis, "em": nodes.emphasis, "b": nodes.strong, "strong": nodes.strong,
    "sup": nodes.superscript, "sub": nodes.subscript,
}


class _Builder(HTMLParser):
    def __init__(self, links: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.links = links
        self.root = nodes.inline()
        self.stack: list[tuple[str, nodes.Element]] = [("", self.root)]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        node: nodes.Element
        if tag in _TAGS:
            node = _TAGS[tag]()
        elif tag == "br":
            self.stack[-1][1].append(nodes.Text("\n"))
            return
        else:  # span (style) or div (csl-left-margin, csl-right-inline, csl-block, csl-indent)
            classes = values.get("class", "").split()
            style = values.get("style", "").replace(" ", "")
            if style in _STYLE_CLASS:
                classes.append(_STYLE_CLASS[style])
            node = nodes.inline(classes=classes)
        self.stack[-1][1].append(node)
        self.stack.append((tag, node))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        parent = self.stack[-1][1]
        if not self.links:
            parent += nodes.Text(data)
            return
        pos = 0
        for m in _URL.finditer(data):
            if m.start() > pos:
                parent += nodes.Text(data[pos:m.start()])
            parent += nodes.reference(m.group(0), m.group(0), refuri=m.group(0))
            pos = m.end()
        if pos < len(data):
            parent += nodes.Text(data[pos:])


def csl_nodes(markup: str, links: bool = False) -> list[nodes.Node]:
    """The nodes of one formatted citation or entry (``links``: web addresses linked)."""
    builder = _Builder(links)
    builder.feed(markup.strip())
    builder.close()
    return list(builder.root.children)
