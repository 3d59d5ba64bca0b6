"""Format stage: render an output tree to text, HTML, RTF or Markdown.

Rendering runs in three steps: flatten the tree into open/close/text events (affixes outside
formatting, delimiters between non-empty children), fix punctuation across the joins (duplicate
punctuation, punctuation moved inside closing quotes where the locale says so), then write the
events in the chosen format (with quote and italic flip-flop for nesting).
"""
from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from typing import Any

from .pandoc import CLOSE, OPEN, Open, inlines
from .tree import Child, Span, Tag

# ("t", text[, "prefix" | "suffix" | "delimiter" | "moved"[, "formatted"]])
# | ("o", key, value[, "flip" | "keep" | "drop"]) | ("c", key, value[, "quoted"]); a text
# event without a role is a field's own text
Event = tuple
# spans whose font flips one of the same font in force (a field's markup, as citeproc-js's
# flip-flopper does); a style's own nested formatting repeats it (<i><i>…</i></i>)
_FLIPPING_TAGS = frozenset((Tag.MARKUP, Tag.SC))

# outermost first: citeproc-js applies font-style innermost, vertical-align outermost
_STYLE_KEYS = ("vertical-align", "text-decoration", "font-weight", "font-variant", "font-style")

# (last char, next char) -> which to keep: 1 = first only, 2 = second only (CSL punctuation table)
_PUNCT = {
    ("!", "."): 1, ("!", ":"): 1, ("?", "."): 1, ("?", ":"): 1, (":", "!"): 2, (":", "?"): 2,
    (":", "."): 1, (";", "!"): 2, (";", "?"): 2, (";", ":"): 1, (";", "."): 1,
    ("!", "!"): 1, ("?", "?"): 1, (".", "."): 1, (":", ":"): 1, (";", ";"): 1, (",", ","): 1,
    (" ", " "): 1,  # the later space goes (a suffix keeps its own: see _fix_joins)
}


_MARKED_TAGS = frozenset((Tag.NOCASE, Tag.NODECOR, Tag.SUFFIX_BODY, Tag.LINK))


def flatten(node: Child, out: list[Event], root: bool = True) -> bool:
    """Append ``node``'s events to ``out``; whether it held any text. Below the root a span
    without text appends nothing (neither its affixes nor a delimiter before it); the root's
    own affixes and markup are kept. Emptiness is learnt while flattening, bottom up, so each
    span is visited once however deep the tree."""
    if isinstance(node, str):
        if node:
            out.append(("t", node))
            return True
        return False
    fmt = node.fmt
    if not fmt and node.tag not in _MARKED_TAGS:  # most spans: only their children count
        found = False
        begin = len(out)
        for child in node.children:
            if child.__class__ is str:  # not isinstance: the hot path of every renderer
                if child:
                    out.append(("t", child))
                    found = True
            elif flatten(child, out, False):
                found = True
        if found:  # (a space moves only out of an affix: most events are a field's text)
            if len(out[begin]) > 2:
                _migrate_leading_space(out, begin)
            if len(out[-1]) > 2:
                _migrate_trailing_space(out)
        return found
    start = len(out)
    display = fmt.get("display")
    if display:
        out.append(("o", "display", display))
    if node.tag is Tag.LINK:  # data: (target, role), set by the link passes (.links)
        out.append(("o", "link", node.data))
    if fmt.get("prefix"):
        out.append(("t", fmt["prefix"], "prefix"))
    quoted = fmt.get("quotes") in ("true", "inner")
    if quoted:  # "inner": a field's own quotes that start as inner ones
        out.append(("o", "quotes", fmt["quotes"]))
    opened = [(k, fmt[k]) for k in _STYLE_KEYS if k in fmt]
    flips = node.tag in _FLIPPING_TAGS
    for key, value in opened:
        if value == "normal" and _normal_kept(node, key):
            out.append(("o", key, value, "keep"))
        elif value == "normal" and node.tag is Tag.DATE:
            # a cs:date's "normal" undoes nothing around it (citeproc-js renders a date
            # apart from the formatting it sits in): <b>1999</b>
            out.append(("o", key, value, "drop"))
        else:
            out.append(("o", key, value, "flip") if flips else ("o", key, value))
    if node.tag is Tag.NOCASE or node.tag is Tag.NODECOR:
        out.append(("o", node.tag, ""))
    if node.tag is Tag.SUFFIX_BODY:  # a cite suffix's text: its punctuation stays outside quotes
        out.append(("o", "cite-suffix", ""))
    delimiter = fmt.get("delimiter")
    first = True
    for child in node.children:
        if child == "":
            continue
        mark = len(out)
        if not first and delimiter:
            out.append(("t", delimiter, "delimiter"))
        if flatten(child, out, False):
            if first and not opened and not quoted and not fmt.get("prefix"):
                _migrate_leading_space(out, mark)
            first = False
        else:  # an empty child: no delimiter before it
            del out[mark:]
    if first and not root:  # no child held text: its affixes and markup go too
        del out[start:]
        return False
    if not opened and not quoted:
        _migrate_trailing_space(out)
    if node.tag is Tag.SUFFIX_BODY:
        out.append(("c", "cite-suffix", ""))
    if node.tag is Tag.NOCASE or node.tag is Tag.NODECOR:
        out.append(("c", node.tag, ""))
    for key, value in reversed(opened):  # "quoted": the quotes' own span's formatting
        out.append(("c", key, value, "quoted") if quoted else ("c", key, value))
    if quoted:  # "inline": punctuation after it is not moved in
        out.append(("c", "quotes", "inline" if node.tag is Tag.INLINE_QUOTE else "true"))
    if fmt.get("suffix"):  # marked when the span has quotes or fonts (see _fix_joins)
        out.append(("t", fmt["suffix"], "suffix", "formatted") if opened or quoted
                   else ("t", fmt["suffix"], "suffix"))
    if node.tag is Tag.LINK:
        out.append(("c", "link", node.data))
    if display:
        out.append(("c", "display", display))
    return True


def _migrate_leading_space(out: list[Event], at: int) -> None:
    """A span without formatting or prefix whose first part starts with a prefix with a
    leading space: that space becomes a piece of its own (citeproc-js moves it up into the
    enclosing prefix), as :func:`_migrate_trailing_space` does at the end."""
    first = out[at] if at < len(out) else None
    if first is not None and first[2:] == ("prefix",) and len(first[1]) > 1 \
            and first[1][0] == " ":
        out[at:at + 1] = [("t", " ", "prefix"), ("t", first[1][1:], "moved")]


def _migrate_trailing_space(out: list[Event]) -> None:
    """A span without formatting whose last part ends in a suffix with a trailing space: that
    space becomes a piece of its own (citeproc-js moves it up into the enclosing suffix), so
    HTML escaping does not pair it with the space before it (``.  `` stays two spaces)."""
    if not out:  # a root span with nothing in it
        return
    last = out[-1]
    if len(last) > 2 and last[2] == "suffix" and len(last[1]) > 1 and last[1][-1] == " ":
        out[-1] = ("t", last[1][:-1], *last[2:])
        out.append(("t", " ", "moved", *last[3:]))


# spans citeproc-js makes no output blob of: the last part of a span is looked for through them
_TRANSPARENT_TAGS = frozenset((Tag.CHOOSE, Tag.NAME_LIST, Tag.ET_AL))


def _normal_kept(node: Span, key: str) -> bool:
    """Whether ``key="normal"`` on ``node`` is written even with nothing to undo around it:
    citeproc-js writes it when the span's last part has a value of its own for that key
    (``<span style="font-style:normal;">… <i>E. coli</i></span>``). A macro's parts sit in
    a group of their own there, so a macro never does."""
    if node.tag is Tag.MACRO:
        return False
    last: Child = node
    while isinstance(last, Span):
        parts = [c for c in last.children if c if isinstance(c, str) or not c.is_empty()]
        if not parts:
            return False
        last = parts[-1]
        if isinstance(last, Span) and (key in last.fmt or last.tag not in _TRANSPARENT_TAGS):
            return last.fmt.get(key, "normal") != "normal"
    return False


# punctuation that moves inside a closing quote (";" and ":" stay outside)
_SWAP_IN = (".", ",", "!", "?")
# (last char inside, incoming char) -> what the pair becomes (citeproc-js merge table)
_MERGE = {("!", "."): "!", ("!", ":"): "!", ("?", "."): "?", ("?", ":"): "?",
          (":", "!"): "!", (":", "?"): "?", (":", "."): ":", (";", "!"): "!", (";", "?"): "?",
          (";", ":"): ";", (";", "."): ";"}


def _merge_punct(events: list[Event], k: int, close: int, mark: str) -> int:
    """Put ``mark`` before the quote closing at ``close``, merged with the text at ``k``.

    Returns the new index of the closing event (a mark that does not merge gets its own text
    event, so it stays outside any formatting closed inside the quotes, but inside the
    formatting of the quoted span itself: ``“<i>Title.</i>”``, as citeproc-js).
    """
    text = events[k][1]
    last = text[-1:]
    if last == mark:
        return close
    merged = _MERGE.get((last, mark))
    if merged:
        events[k] = ("t", text[:-1] + merged)
        return close
    inner = close
    while events[inner - 1][0] == "c" and events[inner - 1][3:] == ("quoted",):
        inner -= 1
    if last in _SWAP_IN and k == inner - 1:
        events[k] = ("t", text + mark)
        return close
    events.insert(inner, ("t", mark))
    return close + 1


def _move_into_quotes(events: list[Event]) -> None:
    """Move ".", ",", "!" and "?" that follow a closing quote inside it (merging them)."""
    i = 0
    while i < len(events):
        if events[i][0] == "c" and events[i][1] == "quotes" and events[i][2] == "true":
            i = _pull_marks(events, i)
        i += 1


def _pull_marks(events: list[Event], i: int) -> int:
    """Pull the marks after the quote closing at ``i`` inside; returns its new index."""
    j = i + 1
    while j < len(events):
        if events[j][0] == "c" and events[j][1] != "display" or events[j][:2] == ("t", ""):
            j += 1
            continue
        if events[j][0] != "t" or events[j][1][:1] not in _SWAP_IN:
            break
        k = i - 1
        while k >= 0 and events[k][0] != "t":
            k -= 1
        if k < 0:
            break
        mark = events[j][1][0]
        events[j] = ("t", events[j][1][1:], *events[j][2:])
        moved = _merge_punct(events, k, i, mark)
        j += moved - i
        i = moved
    return i


_BEFORE_PREFIX = (("prefix",), ("delimiter",))


def _fix_joins(events: list[Event]) -> None:
    """Drop duplicate punctuation and doubled spaces where two text events meet."""
    prev = -1
    for i, ev in enumerate(events):
        if ev[0] != "t" or not ev[1]:
            continue
        if prev >= 0:
            before, text = events[prev][1], ev[1]
            keep = _PUNCT.get((before[-1], text[0]))
            if keep == 1 and text[0] == " " and (len(ev) < 3 or ev[2] in ("suffix", "moved")):
                # a suffix after a space: the space before it goes (citeproc-js); a space
                # moved out of a suffix stays beside the rest of that suffix; a field's text
                # starting with a space keeps it after an affix's (".  o. O.", citeproc-js)
                keep = 2 if ev[2:3] == ("suffix",) else None
            if keep == 1 and text[0] == " " and len(ev) > 2 and ev[2] == "prefix" \
                    and _formatted_suffix(events, prev):
                keep = None  # “Alpha”  (2): before a prefix, a formatted span's suffix keeps
                # its space (citeproc-js; a delimiter's space is still dropped)
            if keep and ev[2:3] == ("prefix",) and events[prev][2:3] in _BEFORE_PREFIX \
                    and before[-1] != text[0]:
                keep = None  # a prefix after a prefix or delimiter keeps its punctuation (";:")
            if keep == 1 and text[0] not in ". " and _quote_closes_between(events, prev, i):
                keep = None  # "…Feynman!”: adventures" keeps its colon ("…end.’" no period)
            if keep == 1:
                text = text[1:]
                events[i] = ("t", text, *ev[2:])
            elif keep == 2:
                events[prev] = ("t", before[:-1], *events[prev][2:])
            if not text:
                continue
        prev = i


def _formatted_suffix(events: list[Event], index: int) -> bool:
    """Render stage: whether text event ``index`` is (the end of) the suffix of a span with
    quotes or font formatting."""
    ev = events[index]
    return len(ev) > 3 and ev[3] == "formatted"


def _quote_closes_between(events: list[Event], start: int, end: int) -> bool:
    """Render stage: whether a closing quote lies between two text events."""
    return any(ev[0] == "c" and ev[1] == "quotes" for ev in events[start + 1:end])


# two whitespace characters in one piece of text (a value, an affix, a delimiter): citeproc-js's
# HTML escaping writes them as a no-break space and a space (left to right, so three spaces are
# "\xa0  "); pieces are escaped one by one, after a space doubled across a join was dropped
_DOUBLED_SPACE = re.compile(r"\s\s")


def _keep_doubled_spaces(events: list[Event]) -> None:
    """HTML: each text piece's doubled spaces as citeproc-js writes them."""
    for i, ev in enumerate(events):
        if ev[0] == "t" and len(ev[1]) > 1 and _DOUBLED_SPACE.search(ev[1]):
            events[i] = ("t", _DOUBLED_SPACE.sub("\xa0 ", ev[1]))


def events_of(node: Child, punctuation_in_quote: bool, fmt: str = "text") -> list[Event]:
    events: list[Event] = []
    flatten(node, events)
    _fix_joins(events)
    if fmt == "html":
        _keep_doubled_spaces(events)
    if punctuation_in_quote:
        _move_into_quotes(events)
    return events


# -- writers -----------------------------------------------------------------------------------

class Quotes:
    """The locale's quotation marks (outer and inner)."""

    def __init__(self, open_q: str = "\u201c", close_q: str = "\u201d",
                 open_inner: str = "\u2018", close_inner: str = "\u2019") -> None:
        self.open, self.close = open_q, close_q
        self.open_inner, self.close_inner = open_inner, close_inner


#: C0 and C1 control characters (and DEL) but tab and line feed: never written out, so no
#: field can reach a terminal's escape sequences (ESC, BEL, CSI) or rewrite a line (CR)
_CONTROLS = {c: None for c in [*range(0x20), *range(0x7F, 0xA0)] if c not in (0x09, 0x0A)}


def strip_controls(text: str) -> str:
    """``text`` without control characters other than tab and newline."""
    return text.translate(_CONTROLS) if not text.isprintable() else text


def _html_escape(text: str) -> str:
    text = text.replace("&", "&#38;").replace("<", "&#60;").replace(">", "&#62;")
    return _SUPERSCRIPT_RE.sub(lambda m: f"<sup>{_SUPERSCRIPTS[m.group(0)]}</sup>", text)


# Unicode superscript characters, written as <sup> in HTML (as citeproc-js does)
_SUPERSCRIPTS: dict[str, str] = dict(zip(
    (
        "\xaa\xb2\xb3\xb9\xba\u02b0\u02b1\u02b2\u02b3\u02b4\u02b5\u02b6\u02b7\u02b8\u02e0\u02e1"
        "\u02e2\u02e3\u02e4\u1d2c\u1d2d\u1d2e\u1d30\u1d31\u1d32\u1d33\u1d34\u1d35\u1d36\u1d37"
        "\u1d38\u1d39\u1d3a\u1d3c\u1d3d\u1d3e\u1d3f\u1d40\u1d41\u1d42\u1d43\u1d44\u1d45\u1d46"
        "\u1d47\u1d48\u1d49\u1d4a\u1d4b\u1d4c\u1d4d\u1d4f\u1d50\u1d51\u1d52\u1d53\u1d54\u1d55"
        "\u1d56\u1d57\u1d58\u1d59\u1d5a\u1d5b\u1d5c\u1d5d\u1d5e\u1d5f\u1d60\u1d61\u2070\u2071"
        "\u2074\u2075\u2076\u2077\u2078\u2079\u207a\u207b\u207c\u207d\u207e\u207f\u3192\u3193"
        "\u3194\u3195\u3196\u3197\u3198\u3199\u319a\u319b\u319c\u319d\u319e\u319f\u02c0\u02c1"
        "\u06e5\u06e6"),
    (
        "a231oh\u0266jr\u0279\u027b\u0281wy\u0263lsx\u0295A\xc6BDE\u018eGHIJKLMNO\u0222PRTUWa"
        "\u0250\u0251\u1d02bde\u0259\u025b\u025cgkm\u014bo\u0254\u1d16\u1d17ptu\u1d1d\u026fv"
        "\u1d25\u03b2\u03b3\u03b4\u03c6\u03c70i456789+\u2212=()n\u4e00\u4e8c\u4e09\u56db\u4e0a"
        "\u4e2d\u4e0b\u7532\u4e59\u4e19\u4e01\u5929\u5730\u4eba\u0294\u0295\u0648\u064a")))
_SUPERSCRIPTS.update({"\u2120": "SM", "\u2122": "TM"})
_SUPERSCRIPT_RE = re.compile("[" + "".join(_SUPERSCRIPTS) + "]")


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


# what plain text writes before a display="block" or "indent" part (citeproc-js)
_TEXT_BLOCKS = {"block": "\n", "indent": "\n    "}
_FLIP = {"font-style": ("italic", "normal"), "font-weight": ("bold", "normal"),
         "font-variant": ("small-caps", "normal")}


def write(events: Iterable[Event], fmt: str, quotes: Quotes) -> str:
    """Serialize events as ``text``, ``html``, ``rtf``, ``markdown`` or ``pandoc`` (a JSON
    list of pandoc inlines)."""
    parts = write_parts(events, fmt, quotes)
    if fmt == "pandoc":
        return json.dumps(inlines(parts), ensure_ascii=False)
    return "".join(parts)


def write_parts(events: Iterable[Event], fmt: str, quotes: Quotes) -> list:
    """The pieces :func:`write` joins: strings, and for ``pandoc`` :class:`Open` and
    ``CLOSE`` tokens around formatted runs."""
    out: list = []
    links: list[str] = []
    quote_stack: list[str] = []  # "true" (outer marks) or "inner" for each open quote
    state: dict[str, list[str]] = {k: [] for k in _STYLE_KEYS}
    # a field's markup open: its font after flipping, and where its closer sits in ``closers``
    marks: dict[str, list[tuple[str, int]]] = {k: [] for k in _STYLE_KEYS}
    closers: list[Any] = []
    nodecor: list[list[str]] = []  # the fonts each open nodecor span reset
    escape = {"html": _html_escape, "rtf": _rtf_escape, "markdown": _md_escape}.get(
        fmt, lambda s: s)
    for ev in events:
        kind = ev[0]
        if kind == "t":
            out.append(escape(strip_controls(ev[1])))
            continue
        key, value = ev[1], ev[2]
        if key in ("nocase", "cite-suffix"):
            continue
        if key == "nodecor":
            _write_nodecor(kind, fmt, state, closers, nodecor, out)
            continue
        if key == "quotes":
            q = _quote_mark(kind, value, quote_stack, quotes)
            out.append(escape(q) if fmt != "html" else q)
            continue
        if key == "display":
            if fmt == "html":
                out.append(_html_display(out, kind, value))
            elif fmt == "pandoc":
                out.append(Open("Span", (f"csl-{value}",)) if kind == "o" else CLOSE)
            elif kind == "c" and value == "left-margin":  # citeproc-js: text " ", RTF tab
                out.append("\\tab " if fmt == "rtf" else " ")
            elif kind == "o" and fmt == "text" and value in _TEXT_BLOCKS:
                out.append(_TEXT_BLOCKS[value])  # citeproc-js: a block starts a new line
            continue
        if key == "link":
            out.append(_link(fmt, kind, value, links))
            continue
        if kind == "o":
            out.append(_open_style(fmt, key, value, state, closers, ev[3:], marks))
        else:
            state[key].pop()
            out.append(closers.pop())
            if marks[key] and marks[key][-1][1] == len(closers):
                marks[key].pop()
    return out


def _link(fmt: str, kind: str, value: tuple[str, str], links: list[str]) -> Any:
    """A link's opening or closing piece (plain text shows the text alone; RTF has a
    HYPERLINK field)."""
    if kind == "c":
        return links.pop() if links else ""
    target, role = value
    if fmt == "html":
        links.append("</a>")
        attr = f' role="{role}"' if role else ""
        return f'<a href="{html.escape(target, quote=True)}"{attr}>'
    if fmt == "markdown":
        links.append(f"]({target.replace(')', '%29').replace(' ', '%20')})")
        return "["
    if fmt == "pandoc":
        links.append(CLOSE)
        return Open("Link", target=target)
    if fmt == "rtf":
        links.append("}}}")
        quoted = _rtf_escape(target).replace('"', "%22")
        return f'{{\\field{{\\*\\fldinst{{HYPERLINK "{quoted}"}}}}{{\\fldrslt{{'
    links.append("")
    return ""


def _quote_mark(kind: str, value: str, stack: list[str], quotes: Quotes) -> str:
    """The mark for a quote event; a quote inside another flips to the other form."""
    if kind == "o":
        form = value if not stack else ("inner" if stack[-1] == "true" else "true")
        stack.append(form)
        return quotes.open if form == "true" else quotes.open_inner
    form = stack.pop()
    return quotes.close if form == "true" else quotes.close_inner


def _open_style(fmt: str, key: str, value: str, state: dict[str, list[str]],
                closers: list[Any], mode: tuple = (),
                marks: dict[str, list[tuple[str, int]]] | None = None) -> Any:
    """Open a font style; "normal" with nothing to undo is written as nothing, unless mode
    ``keep`` (mode ``drop`` never writes it). Mode ``flip``: a field's markup, which flips
    to normal when the font it is measured against is its own: the markup around it in the
    field, else the outermost formatting of that font (citeproc-js's flip-flopper looks from
    the layout inwards)."""
    stack = state[key]
    effective = value
    if mode == ("flip",) and key in _FLIP and value != "normal" and marks is not None:
        inside = marks[key]
        against = inside[-1][0] if inside else stack[0] if stack else None
        if against == value:
            effective = _FLIP[key][1]
        inside.append((effective, len(closers)))
    stack.append(effective)
    if value == "normal" and mode != ("keep",) and (
            mode == ("drop",) or not any(v != "normal" for v in stack[:-1])):
        closers.append("")
        return ""
    opener = _opener(fmt, key, effective)
    closers.append(_closer(fmt, key, effective, opener))
    return opener


def _write_nodecor(kind: str, fmt: str, state: dict[str, list[str]], closers: list[Any],
                   nodecor: list[list[str]], out: list[str]) -> None:
    """A nodecor span resets the fonts in force (innermost first) to normal."""
    if kind == "c":
        for key in reversed(nodecor.pop()):
            state[key].pop()
            out.append(closers.pop())
        return
    keys = [k for k in ("font-variant", "font-style", "font-weight")
            if state[k] and state[k][-1] != "normal"]
    for key in keys:
        out.append(_open_style(fmt, key, "normal", state, closers))
    nodecor.append(keys)


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


def _opener(fmt: str, key: str, value: str) -> Any:
    if fmt == "pandoc":
        return OPEN.get((key, value), Open("Span"))
    if fmt == "html":
        return _HTML_OPEN.get((key, value), "<span>")
    if fmt == "rtf":
        return _RTF_OPEN.get((key, value), "{")
    if fmt == "markdown":
        return _MD_OPEN.get((key, value), "")
    return ""


def _closer(fmt: str, key: str, value: str, opener: Any) -> Any:
    if fmt == "pandoc":
        return CLOSE
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
    return write(events_of(node, punctuation_in_quote, fmt), fmt, quotes or Quotes())
