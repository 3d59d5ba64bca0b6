"""Format stage: render an output tree to text, HTML, RTF or Markdown.

Rendering runs in three steps: flatten the tree into open/close/text events (affixes outside
formatting, delimiters between non-empty children), fix punctuation across the joins (duplicate
punctuation, punctuation moved inside closing quotes where the locale says so), then write the
events in the chosen format (with quote and italic flip-flop for nesting).
"""
from __future__ import annotations

from typing import Iterable

from .tree import Child, Span

Event = tuple  # ("t", text) | ("o", key, value) | ("c", key, value)

_STYLE_KEYS = ("font-style", "font-variant", "font-weight", "text-decoration", "vertical-align")

# (last char, next char) -> which to keep: 1 = first only, 2 = second only (CSL punctuation table)
_PUNCT = {
    ("!", "."): 1, ("!", ":"): 1, ("?", "."): 1, ("?", ":"): 1, (":", "!"): 2, (":", "?"): 2,
    (":", "."): 1, (";", "!"): 2, (";", "?"): 2, (";", ":"): 1, (";", "."): 1,
    ("!", "!"): 1, ("?", "?"): 1, (".", "."): 1, (":", ":"): 1, (";", ";"): 1, (",", ","): 1,
    (" ", " "): 2, (",", "."): 2,
}


def flatten(node: Child, out: list[Event]) -> None:
    if isinstance(node, str):
        if node:
            out.append(("t", node))
        return
    fmt = node.fmt
    display = fmt.get("display")
    if display:
        out.append(("o", "display", display))
    if fmt.get("prefix"):
        out.append(("t", fmt["prefix"]))
    if fmt.get("quotes") == "true":
        out.append(("o", "quotes", "true"))
    opened = [(k, fmt[k]) for k in _STYLE_KEYS if k in fmt]
    for key, value in opened:
        out.append(("o", key, value))
    if node.tag == "nocase":
        out.append(("o", "nocase", ""))
    delimiter = fmt.get("delimiter")
    first = True
    for child in node.children:
        if isinstance(child, Span) and child.is_empty() or child == "":
            continue
        if not first and delimiter:
            out.append(("t", delimiter))
        first = False
        flatten(child, out)
    if node.tag == "nocase":
        out.append(("c", "nocase", ""))
    for key, value in reversed(opened):
        out.append(("c", key, value))
    if fmt.get("quotes") == "true":
        out.append(("c", "quotes", "true"))
    if fmt.get("suffix"):
        out.append(("t", fmt["suffix"]))
    if display:
        out.append(("c", "display", display))


def _move_into_quotes(events: list[Event]) -> None:
    """Move a leading "." or "," that follows a closing quote inside it."""
    for i, ev in enumerate(events):
        if ev[0] != "c" or ev[1] != "quotes":
            continue
        j = i + 1
        while j < len(events) and events[j][0] == "c" and events[j][1] != "display":
            j += 1
        if j < len(events) and events[j][0] == "t" and events[j][1][:1] in (".", ","):
            mark, rest = events[j][1][0], events[j][1][1:]
            events[j] = ("t", rest)
            # find the text just before the quote close and check it ends without the mark
            k = i - 1
            while k >= 0 and events[k][0] != "t":
                k -= 1
            if k >= 0 and events[k][1][-1:] in (".", "?", "!", ",") and mark in ".,":
                if events[k][1][-1:] in ("?", "!") or events[k][1][-1:] == mark:
                    continue
                if mark == "." and events[k][1][-1:] == ",":
                    events[k] = ("t", events[k][1][:-1] + ".")
                    continue
            events.insert(i, ("t", mark))


def _fix_joins(events: list[Event]) -> None:
    """Drop duplicate punctuation and doubled spaces where two text events meet."""
    prev = -1
    for i, ev in enumerate(events):
        if ev[0] != "t" or not ev[1]:
            continue
        if prev >= 0:
            before, text = events[prev][1], ev[1]
            keep = _PUNCT.get((before[-1], text[0]))
            if keep == 1:
                text = text[1:]
                events[i] = ("t", text)
            elif keep == 2:
                events[prev] = ("t", before[:-1])
                if not events[prev][1]:
                    # look back further for the join
                    pass
            if not text:
                continue
        prev = i


def events_of(node: Child, punctuation_in_quote: bool) -> list[Event]:
    events: list[Event] = []
    flatten(node, events)
    if punctuation_in_quote:
        _move_into_quotes(events)
    _fix_joins(events)
    return events


# -- writers -----------------------------------------------------------------------------------

class Quotes:
    """The locale's quotation marks (outer and inner)."""

    def __init__(self, open_q: str = "\u201c", close_q: str = "\u201d",
                 open_inner: str = "\u2018", close_inner: str = "\u2019") -> None:
        self.open, self.close = open_q, close_q
        self.open_inner, self.close_inner = open_inner, close_inner


def _html_escape(text: str) -> str:
    return text.replace("&", "&#38;").replace("<", "&#60;").replace(">", "&#62;")


_HTML_OPEN = {
    ("font-style", "italic"): "<i>", ("font-style", "oblique"): "<i>",
    ("font-style", "normal"): '<span style="font-style:normal;">',
    ("font-weight", "bold"): "<b>", ("font-weight", "normal"): '<span style="font-weight:normal;">',
    ("font-weight", "light"): '<span style="font-weight:light;">',
    ("font-variant", "small-caps"): '<span style="font-variant:small-caps;">',
    ("font-variant", "normal"): '<span style="font-variant:normal;">',
    ("text-decoration", "underline"): '<span style="text-decoration:underline;">',
    ("text-decoration", "none"): '<span style="text-decoration:none;">',
    ("vertical-align", "sup"): "<sup>", ("vertical-align", "sub"): "<sub>",
    ("vertical-align", "baseline"): '<span style="baseline">',
}
_HTML_CLOSE = {"<i>": "</i>", "<b>": "</b>", "<sup>": "</sup>", "<sub>": "</sub>"}

_RTF_OPEN = {
    ("font-style", "italic"): "{\\i{}", ("font-style", "oblique"): "{\\i{}",
    ("font-style", "normal"): "{\\i0{}", ("font-weight", "bold"): "{\\b{}",
    ("font-weight", "normal"): "{\\b0{}", ("font-weight", "light"): "{\\b0{}",
    ("font-variant", "small-caps"): "{\\scaps ", ("font-variant", "normal"): "{\\scaps0{}",
    ("text-decoration", "underline"): "{\\ul{}", ("text-decoration", "none"): "{\\ul0{}",
    ("vertical-align", "sup"): "\\super ", ("vertical-align", "sub"): "\\sub ",
    ("vertical-align", "baseline"): "\\nosupersub ",
}
_RTF_CLOSE = {"\\super ": "\\nosupersub{}", "\\sub ": "\\nosupersub{}",
              "\\nosupersub ": ""}

_MD_OPEN = {
    ("font-style", "italic"): "*", ("font-style", "oblique"): "*",
    ("font-weight", "bold"): "**", ("vertical-align", "sup"): "^", ("vertical-align", "sub"): "~",
    ("font-variant", "small-caps"): "[", ("text-decoration", "underline"): "[",
}
_MD_CLOSE = {("font-variant", "small-caps"): "]{.smallcaps}",
             ("text-decoration", "underline"): "]{.underline}"}


def _rtf_escape(text: str) -> str:
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ch == "\t":
            out.append("\\tab ")
        elif ord(ch) > 127:
            code = ord(ch)
            if code > 0xFFFF:
                code -= 0x10000
                for unit in (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)):
                    out.append(f"\\uc0\\u{unit - 65536 if unit > 32767 else unit}{{}}")
            else:
                out.append(f"\\uc0\\u{code}{{}}")
        else:
            out.append(ch)
    return "".join(out)


def _md_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "*_`[]<>\\^~#|" else ch for ch in text)


_FLIP = {"font-style": ("italic", "normal"), "font-weight": ("bold", "normal"),
         "font-variant": ("small-caps", "normal")}


def write(events: Iterable[Event], fmt: str, quotes: Quotes) -> str:
    """Serialize events as ``text``, ``html``, ``rtf`` or ``markdown``."""
    out: list[str] = []
    quote_depth = 0
    state: dict[str, list[str]] = {k: [] for k in _STYLE_KEYS}
    closers: list[str] = []
    escape = {"html": _html_escape, "rtf": _rtf_escape, "markdown": _md_escape}.get(
        fmt, lambda s: s)
    for ev in events:
        kind = ev[0]
        if kind == "t":
            out.append(escape(ev[1]))
            continue
        key, value = ev[1], ev[2]
        if key == "nocase":
            continue
        if key == "quotes":
            if kind == "o":
                q = quotes.open if quote_depth % 2 == 0 else quotes.open_inner
                quote_depth += 1
            else:
                quote_depth -= 1
                q = quotes.close if quote_depth % 2 == 0 else quotes.close_inner
            out.append(escape(q) if fmt != "html" else q)
            continue
        if key == "display":
            if fmt == "html":
                out.append(_html_display(out, kind, value))
            continue
        if kind == "o":
            stack = state[key]
            effective = value
            if key in _FLIP and stack and stack[-1] == value and value != "normal":
                effective = _FLIP[key][1]
            stack.append(effective)
            opener = _opener(fmt, key, effective)
            closers.append(_closer(fmt, key, effective, opener))
            out.append(opener)
        else:
            state[key].pop()
            out.append(closers.pop())
    return "".join(out)


def _html_display(out: list[str], kind: str, value: str) -> str:
    """A display div as citeproc-js writes it (block and margin divs on their own lines)."""
    if kind == "o":
        lead = {"block": "\n\n    ", "left-margin": "\n    "}.get(value, "")
        return f'{lead}<div class="csl-{value}">'
    if value in ("right-inline", "indent"):
        trail = ""
        if out:  # trailing spaces stay outside the div
            body = out[-1].rstrip(" ")
            trail, out[-1] = out[-1][len(body):], body
        return "</div>\n  " + trail
    return "</div>\n" if value == "block" else "</div>"


def _opener(fmt: str, key: str, value: str) -> str:
    if fmt == "html":
        return _HTML_OPEN.get((key, value), "<span>")
    if fmt == "rtf":
        return _RTF_OPEN.get((key, value), "{")
    if fmt == "markdown":
        return _MD_OPEN.get((key, value), "")
    return ""


def _closer(fmt: str, key: str, value: str, opener: str) -> str:
    if fmt == "html":
        return _HTML_CLOSE.get(opener, "</span>")
    if fmt == "rtf":
        return _RTF_CLOSE.get(opener, "}")
    if fmt == "markdown":
        return _MD_CLOSE.get((key, value), _MD_OPEN.get((key, value), ""))
    return ""


def render(node: Child, fmt: str = "text", quotes: Quotes | None = None,
           punctuation_in_quote: bool = False) -> str:
    """Render a tree to a string in ``fmt``."""
    return write(events_of(node, punctuation_in_quote), fmt, quotes or Quotes())
