"""Share stage: a markdown-it-py plug-in that formats pandoc-style citations.

    from markdown_it import MarkdownIt
    from citekit.plugins.markdown_it import citekit_plugin

    md = MarkdownIt().use(citekit_plugin, bibliography=["refs.json"], style="apa")
    html = md.render(text)

Bibliography paths are relative to ``base`` (default: the current folder); each file is
read once while it is unchanged. Needs ``pip install 'citekit-csl[markdown]'``. Citations,
the bibliography (in ``::: {#refs}``, under a References heading, else at the end) and
footnotes for note styles are written in pandoc's HTML markup. Warnings of the last render
are in ``md.options["citekit"].warnings``.
"""
from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from ..csl.style import Style
from ..document.bibfiles import resolve_paths
from ..model import Item
from .common import Settings, mark_document

_TOKEN_RE = re.compile(r"(CITEKIT\d+X)")


def citekit_plugin(md: MarkdownIt, items: Sequence[Item] | None = None,
                   bibliography: Sequence[str] = (), style: Style | str | None = None,
                   locale: str | None = None, base: str | None = None) -> None:
    """Install the citation rules on ``md``."""
    settings = Settings(items, resolve_paths(bibliography, base or os.getcwd()), style, locale)
    md.options["citekit"] = settings

    def before(state: StateCore) -> None:
        marked = mark_document(state.src, settings)
        state.src = marked.text
        state.env["citekit"] = marked

    def after(state: StateCore) -> None:
        marked = state.env.get("citekit")
        if marked is not None:
            _put_back(state, marked)

    md.core.ruler.before("normalize", "citekit_mark", before)
    md.core.ruler.push("citekit_fill", after)


def _html_token(content: str, block: bool) -> Token:
    token = Token("html_block" if block else "html_inline", "", 0)
    token.content = content + ("\n" if block else "")
    return token


def _put_back(state: StateCore, marked: Any) -> None:
    tokens: list[Token] = []
    placed = False
    i = 0
    while i < len(state.tokens):
        tok = state.tokens[i]
        if (marked.refs_token and tok.type == "paragraph_open" and i + 2 < len(state.tokens)
                and state.tokens[i + 1].content.strip() == marked.refs_token):
            if marked.bibliography:
                tokens.append(_html_token(marked.bibliography, True))
            placed, i = True, i + 3
            continue
        if tok.type == "inline" and tok.children:
            tok.children = [new for child in tok.children for new in _split(child, marked)]
        tokens.append(tok)
        i += 1
    if not placed and marked.bibliography:
        tokens.append(_html_token(marked.bibliography, True))
    if marked.notes:
        tokens.append(_html_token(marked.notes, True))
    state.tokens = tokens


def _split(token: Token, marked: Any) -> list[Token]:
    if token.type != "text" or "CITEKIT" not in token.content:
        return [token]
    out: list[Token] = []
    for part in _TOKEN_RE.split(token.content):
        if part in marked.pieces:
            out.append(_html_token(marked.pieces[part], False))
        elif part:
            text = Token("text", "", 0)
            text.content = part
            out.append(text)
    return out
