"""Format stage: rich text inside field values, parsed into output-tree spans.

Understands the CSL-JSON markup (``<i>``, ``<b>``, ``<sup>``, ``<sub>``, ``<sc>``,
``<span class="nocase">``, ``<span class="nodecor">`` (resets fonts, keeps case),
``<span style="font-variant:small-caps;">``) and quotation marks
(straight or typographic, double or single), which become quote spans so that nesting flips
them; a straight apostrophe inside a word becomes ’. Anything else stays literal text, to be
escaped by the renderer.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .output.tree import Child, Span

_TOKEN = re.compile(
    r'<(?P<tag>i|b|sup|sub|sc)>|</(?P<end>i|b|sup|sub|sc)>'
    r'|<span\s+class="(?:nocase|nodecor)">|<span\s+style="font-variant:\s*small-caps;?">'
    r'|</span>'
    r'|(?P<q>["\u201c\u201d\u2018\u2019\'])'
)
_TAG_FMT = {
    "i": {"font-style": "italic"}, "b": {"font-weight": "bold"},
    "sup": {"vertical-align": "sup"}, "sub": {"vertical-align": "sub"},
    "sc": {"font-variant": "small-caps"},
}


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _revert(span: Span, mark: str) -> list[Child]:
    """Format stage: an unclosed quote becomes its mark again; a straight single quote left
    open is an apostrophe (citeproc-js: "CONCUR '92" -> "CONCUR ’92")."""
    return ["\u2019" if mark == "'" else mark, *span.children]


@lru_cache(maxsize=4096)
def _parse_cached(text: str) -> tuple:
    return tuple(_parse(text))


def parse_rich(text: str) -> list[Child]:
    """Parse a field value into a list of strings and spans (fresh copies each call)."""
    if not any(c in text for c in "<\"'\u201c\u201d\u2018\u2019"):
        return [text]
    return [_copy(c) for c in _parse_cached(text)]


def _copy(c: Child) -> Child:
    if isinstance(c, str):
        return c
    return Span([_copy(x) for x in c.children], dict(c.fmt), c.tag, c.data)


def _parse(text: str) -> list[Child]:
    root = Span()
    stack: list[tuple[Span, str]] = [(root, "")]  # (span, closing marker)
    pos = 0

    def emit(s: str) -> None:
        if s:
            stack[-1][0].children.append(s)

    for m in _TOKEN.finditer(text):
        emit(text[pos:m.start()])
        pos = m.end()
        tok = m.group(0)
        q = m.group("q")
        if m.group("tag"):
            span = Span(fmt=dict(_TAG_FMT[m.group("tag")]))
            stack[-1][0].children.append(span)
            stack.append((span, "</" + m.group("tag") + ">"))
        elif m.group("end") or tok == "</span>":
            idx = _find_open(stack, tok)
            if idx is None:
                emit(tok)
                continue
            _close_to(stack, idx)
        elif tok.startswith("<span"):
            cls = re.search(r'class="(\w+)"', tok)
            span = Span(fmt={} if cls else {"font-variant": "small-caps"},
                        tag=cls.group(1) if cls else None)
            stack[-1][0].children.append(span)
            stack.append((span, "</span>"))
        elif q:
            _quote(q, text, m.start(), stack, emit)
    emit(text[pos:])
    while len(stack) > 1:  # unclosed: quotes revert to their mark, tags just end
        span, closer = stack.pop()
        if closer in _QUOTE_CLOSERS:
            parent = stack[-1][0]
            i = parent.children.index(span)
            mark = span.data or closer
            parent.children[i:i + 1] = _revert(span, mark)
    return _merge_strings(root.children)


def _find_open(stack: list[tuple[Span, str]], closer: str) -> int | None:
    for i in range(len(stack) - 1, 0, -1):
        if stack[i][1] == closer:
            return i
    return None


def _close_to(stack: list[tuple[Span, str]], idx: int) -> None:
    """Close the span at ``idx``; unclosed quotes opened inside it revert to their marks."""
    while len(stack) > idx + 1:
        span, closer = stack.pop()
        if closer in _QUOTE_CLOSERS:
            parent = stack[-1][0]
            i = parent.children.index(span)
            parent.children[i:i + 1] = _revert(span, span.data or closer)
    stack.pop()


_QUOTE_CLOSERS = ('"', "\u201d", "'", "\u2019")


def _quote(q: str, text: str, at: int, stack: list[tuple[Span, str]], emit) -> None:
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if q in ("'", "\u2019") and _is_word(before) and _is_word(after):
        emit("\u2019")  # apostrophe inside a word
        return
    closer = {"\"": "\"", "\u201c": "\u201d", "\u201d": "\u201d", "'": "'",
              "\u2018": "\u2019", "\u2019": "\u2019"}[q]
    is_single = q in ("'", "\u2018", "\u2019")
    # closing an open quote of the same kind?
    for i in range(len(stack) - 1, 0, -1):
        if stack[i][1] in (closer,) or (not is_single and stack[i][1] in ('"', "\u201d")
                                        and q in ('"', "\u201d")) or (
                is_single and stack[i][1] in ("'", "\u2019") and q in ("'", "\u2019")):
            if q in ("\u201c", "\u2018"):
                break
            if not _is_word(after) or q in ("\u201d", "\u2019", '"'):
                _close_to(stack, i)
                return
    opening = q in ("\u201c", "\u2018") or (q in ('"', "'") and not _is_word(before)
                                           and after.strip() != "")
    if opening:
        span = Span(fmt={"quotes": "true"}, data=q)
        stack[-1][0].children.append(span)
        stack.append((span, closer))
        return
    emit("\u2019" if q == "'" else q)


def _merge_strings(children: list[Child]) -> list[Child]:
    out: list[Child] = []
    for c in children:
        if isinstance(c, str) and out and isinstance(out[-1], str):
            out[-1] += c
        else:
            if isinstance(c, Span):
                c.children = _merge_strings(c.children)
            out.append(c)
    _tag_inline_quotes(out)
    return out


def _tag_inline_quotes(children: list[Child]) -> None:
    """Tag quotes followed by text of the same field: punctuation typed after them stays out."""
    for c, after in zip(children, children[1:]):
        if isinstance(c, Span) and c.fmt.get("quotes") == "true" and isinstance(after, str):
            c.tag = "inline-quote"


def strip_markup(text: str) -> str:
    """The plain text of a field value (markup removed), for sorting and keys."""
    return re.sub(r"</?(?:i|b|sup|sub|sc|span)(?:\s[^>]*)?>", "", text)
