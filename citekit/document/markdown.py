"""Share stage: find pandoc-syntax citations in Markdown text.

Recognised, as pandoc's Markdown reader does: ``[@key]``, ``[@key, p. 33]``,
``[see @a; @b, chap. 2]``, ``[-@key]`` (suppress author), in-text ``@key`` and
``@key [p. 33]``, and braced keys ``@{key}``. Code spans, fenced and indented code
blocks, HTML comments, autolinks and e-mail addresses (an ``@`` right after a letter
or digit) are never taken for citations. Offsets refer to the text given.
The scan is linear in the text (brackets are matched in one pass; brackets nested more than
:data:`MAX_BRACKET_DEPTH` deep are not citations), so no document makes it hang.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

#: ``-@key`` / ``@key`` / ``@{key}``: internal punctuation only when a word character follows.
KEY_RE = re.compile(r"(-?)@(?:\{([^{}\s]+)\}|(\w(?:\w|[:.#$%&\-+?<>~/](?=\w))*))")
_FENCE_RE = re.compile(r"^( {0,3})(`{3,}|~{3,})")
_LIST_RE = re.compile(r"^\s*(?:[-+*]|\d+[.)])\s")


@dataclass
class CiteRef:
    """One cite as written: the key, its prefix and its raw suffix (locator not yet parsed)."""

    key: str
    prefix: str = ""
    suffix: str = ""
    suppress_author: bool = False


@dataclass
class CitationMark:
    """One citation found in the text: where it is, what it cites, and how."""

    start: int
    end: int
    line: int
    cites: list[CiteRef] = field(default_factory=list)
    in_text: bool = False  # ``@key`` written in the running text (author shown in the text)
    in_note: bool = False  # written inside a footnote (note styles: not a note of its own)
    note: int = 0  # its note's number, counted as pandoc does (0: one note per citation)

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.cites]


def _masked_blocks(text: str) -> list[tuple[int, int]]:
    """Fenced and indented code blocks, as (start, end) offsets."""
    spans: list[tuple[int, int]] = []
    pos, fence, fence_start = 0, "", 0
    prev_blank, in_indented, in_list = True, False, False
    for line in text.splitlines(keepends=True):
        bare = line.rstrip("\r\n")
        m = _FENCE_RE.match(bare)
        if fence:
            if m and m.group(2)[0] == fence[0] and len(m.group(2)) >= len(fence) \
                    and not bare[m.end():].strip():
                spans.append((fence_start, pos + len(line)))
                fence = ""
        elif m and not (m.group(2)[0] == "`" and "`" in bare[m.end():]):
            fence, fence_start = m.group(2), pos
        elif (bare.startswith(("    ", "\t")) and (prev_blank or in_indented) and not in_list):
            spans.append((pos, pos + len(line)))
            in_indented = True
        elif bare.strip():
            in_indented = False
            if _LIST_RE.match(bare):
                in_list = True
            elif not bare.startswith((" ", "\t")):
                in_list = False
        prev_blank = not bare.strip()
        pos += len(line)
    if fence:
        spans.append((fence_start, len(text)))
    return spans


_AUTOLINK = re.compile(r"<[A-Za-z][\w+.-]*:[^\s<>]*>|<[^\s<>@]+@[^\s<>]+>"
                       r"|\]\([^)\s\]]*(?:\s+\"[^\"]*\")?\)|\b(?:https?|ftp)://[^\s<>\]]+")
_BACKTICKS = re.compile(r"`+")


def _masked_inline(text: str, blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Code spans, HTML comments and autolinks outside the code blocks.

    Linear in the text: an unclosed ``<!--`` or backtick run ends the search for more
    (nothing later can close either), and no pattern scans past the next ``<``, ``]`` or blank.
    """
    spans: list[tuple[int, int]] = []
    start = text.find("<!--")
    while start >= 0:
        close = text.find("-->", start + 4)
        if close < 0:
            break
        spans.append((start, close + 3))
        start = text.find("<!--", close + 3)
    spans.extend((m.start(), m.end()) for m in _AUTOLINK.finditer(text))
    unclosed: set[int] = set()  # run lengths with no closing run after some point
    closers: dict[int, re.Pattern[str]] = {}
    i = 0
    while True:
        j = text.find("`", i)
        if j < 0:
            break
        if j > 0 and text[j - 1] == "\\":
            i = j + 1
            continue
        run_end = _BACKTICKS.match(text, j).end()  # type: ignore[union-attr]
        run = run_end - j
        if run in unclosed:
            i = run_end
            continue
        pattern = closers.setdefault(run, re.compile(r"(?<!`)" + "`" * run + r"(?!`)"))
        closing = pattern.search(text, run_end)
        if closing is None:
            unclosed.add(run)
            i = run_end
            continue
        spans.append((j, closing.end()))
        i = closing.end()
    return sorted(spans + blocks)


class _Brackets:
    """The ``]`` matching each ``[`` of a text (same paragraph), found in one pass.

    A backslash escapes the next character; a blank line closes every open bracket. ``depth``
    is how many brackets enclose each ``[``.
    """

    def __init__(self, text: str) -> None:
        self.close: dict[int, int] = {}
        self.depth: dict[int, int] = {}
        stack: list[int] = []
        for m in _BRACKET_MARKS.finditer(text):
            c = m.group()
            if c == "[":
                self.depth[m.start()] = len(stack)
                stack.append(m.start())
            elif c == "]":
                if stack:
                    self.close[stack.pop()] = m.start()
            elif c[0] == "\n":
                stack.clear()

    def closing(self, start: int) -> int | None:
        return self.close.get(start)


_BRACKET_MARKS = re.compile(r"\\.|\[|\]|\n[ \t]*\n", re.S)
#: brackets nested deeper than this inside others are not read as citations (bounds the work)
MAX_BRACKET_DEPTH = 8


class _Mask:
    """Answers 'is this offset inside code?' quickly."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in spans]
        self.spans = spans

    def end_of(self, pos: int) -> int | None:
        """The end of the masked span holding ``pos``, or None."""
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]:
            return self.spans[i][1]
        for s, e in self.spans[max(0, i - 3):i]:  # overlapping spans (comment inside block)
            if s <= pos < e:
                return e
        return None


def _split_parts(inner: str) -> list[str]:
    """Split a bracket's content on top-level ``;``."""
    parts: list[str] = []
    cur: list[str] = []
    depth = 0
    for c in inner:
        if c in "[{(":
            depth += 1
        elif c in "]})":
            depth -= 1
        if c == ";" and depth <= 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(c)
    parts.append("".join(cur))
    return parts


def _key_match(part: str) -> re.Match[str] | None:
    for m in KEY_RE.finditer(part):
        start = m.start()
        if start > 0 and (part[start - 1].isalnum() or part[start - 1] in "\\@"):
            continue
        return m
    return None


def _parse_part(part: str) -> CiteRef | None:
    m = _key_match(part)
    if m is None:
        return None
    key = m.group(2) or m.group(3)
    prefix = part[:m.start()].strip()
    return CiteRef(key, prefix, part[m.end():].rstrip(), bool(m.group(1)))


def parse_bracketed(inner: str) -> list[CiteRef] | None:
    """The cites of a ``[...]`` citation's content, or None when it is not a citation."""
    cites = [_parse_part(p) for p in _split_parts(inner)]
    if not cites or any(c is None for c in cites):
        return None
    return cites  # type: ignore[return-value]


def _is_link_follow(text: str, end: int) -> bool:
    return text[end:end + 1] in ("(", "[") or (text[end:end + 1] == ":"
                                               and text[end + 1:end + 2] in (" ", "\t"))


def _bracketed_at(text: str, i: int, brackets: _Brackets) -> tuple[int, list[CiteRef]] | None:
    if text[i + 1:i + 2] == "^" or (i > 0 and text[i - 1] in "!\\"):
        return None
    if brackets.depth.get(i, 0) > MAX_BRACKET_DEPTH:
        return None
    close = brackets.closing(i)
    if close is None or _is_link_follow(text, close + 1):
        return None
    cites = parse_bracketed(text[i + 1:close])
    return (close + 1, cites) if cites else None


class _NextChar:
    """``text.find(char, start)`` for ever later starts, in linear total time."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: dict[str, tuple[int, int]] = {}  # char -> (start, where found or -1)

    def find(self, char: str, start: int) -> int:
        since, at = self.found.get(char, (len(self.text) + 1, 0))
        if since <= start and (at < 0 or at >= start):
            return at  # no occurrence between the earlier start and ``at``
        at = self.text.find(char, start)
        self.found[char] = (start, at)
        return at


def _link_end(text: str, i: int, brackets: _Brackets, after: _NextChar) -> int | None:
    """The end of ``[text](url)`` or ``[text][ref]`` starting at ``i`` (None if not a link)."""
    close = brackets.closing(i)
    if close is None or text[close + 1:close + 2] not in ("(", "["):
        return None
    pair = {"(": ")", "[": "]"}[text[close + 1]]
    end = after.find(pair, close + 2)
    return end + 1 if end >= 0 else None


_SUFFIX_OPEN = re.compile(r"[ \t]*\n?[ \t]*\[")


def _in_text_at(text: str, m: re.Match[str], brackets: _Brackets) -> tuple[int, list[CiteRef]]:
    """An in-text ``@key``, with a ``[suffix; @more]`` right after it if there is one."""
    first = CiteRef(m.group(2) or m.group(3), suppress_author=bool(m.group(1)))
    after = _SUFFIX_OPEN.match(text, m.end())
    if after is not None:
        open_at = after.end() - 1
        too_deep = brackets.depth.get(open_at, 0) > MAX_BRACKET_DEPTH
        close = None if too_deep else brackets.closing(open_at)
        if close is not None and not _is_link_follow(text, close + 1) \
                and text[open_at + 1:open_at + 2] != "^":
            parts = _split_parts(text[open_at + 1:close])
            rest = [_parse_part(p) for p in parts[1:]]
            if _key_match(parts[0]) is None and all(r is not None for r in rest):
                first.suffix = parts[0].rstrip()
                return close + 1, [first, *rest]  # type: ignore[list-item]
    return m.end(), [first]


def find_citations(text: str) -> list[CitationMark]:
    """Every citation in ``text``, in order, with 1-based line numbers."""
    blocks = _masked_blocks(text)
    mask = _Mask(_masked_inline(text, blocks))
    brackets = _Brackets(text)
    after = _NextChar(text)
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    marks: list[CitationMark] = []
    i = 0
    while i < len(text):
        end = mask.end_of(i)
        if end is not None:
            i = end
            continue
        c = text[i]
        if c == "\\":
            i += 2
            continue
        found: tuple[int, list[CiteRef]] | None = None
        in_text = False
        if c == "[":
            found = _bracketed_at(text, i, brackets)
            link_end = _link_end(text, i, brackets, after) if found is None else None
            if link_end is not None:
                i = link_end
                continue
        elif c in "@-" and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "@_")):
            m = KEY_RE.match(text, i)
            if m is not None and (c == "@" or m.group(1)):
                found, in_text = _in_text_at(text, m, brackets), True
        if found is None:
            i += 1
            continue
        stop, cites = found
        line = bisect_right(line_starts, i)
        marks.append(CitationMark(i, stop, line, cites, in_text and not cites[0].suppress_author))
        i = stop
    number_notes(text, marks, mask)
    return marks


_NOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.M)
_NOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")


def footnotes(text: str) -> list[tuple[int, int, str]]:
    """The footnote definitions (``[^label]: text`` and its indented lines): (start, end,
    label)."""
    out: list[tuple[int, int, str]] = []
    for m in _NOTE_DEF.finditer(text):
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end + 1
        while end < len(text):  # continuation: indented lines, blank lines before them
            nxt = re.match(r"(?:[ \t]*\n)*(?: {4}|\t)[^\n]*(?:\n|\Z)", text[end:])
            if nxt is None:
                break
            end += nxt.end()
        out.append((m.start(), end, m.group(1)))
    return out


def number_notes(text: str, marks: list[CitationMark], mask: _Mask | None = None) -> None:
    """Mark the citations inside footnotes and number every note as pandoc does: footnotes
    by their first reference, a citation in the running text as a note of its own."""
    defs = footnotes(text)
    if not defs:
        return
    inside = {}
    for mark in marks:
        for start, end, label in defs:
            if start <= mark.start < end:
                mark.in_note = True
                inside[id(mark)] = label
    events: list[tuple[int, str | CitationMark]] = [
        (m.start, m) for m in marks if not m.in_note]
    for ref in _NOTE_REF.finditer(text):
        in_def = any(s <= ref.start() < e for s, e, _ in defs)
        if not in_def and (mask is None or mask.end_of(ref.start()) is None):
            events.append((ref.start(), ref.group(1)))
    numbers: dict[str, int] = {}
    count = 0
    for _, event in sorted(events, key=lambda e: e[0]):
        if isinstance(event, str):
            if event not in numbers:
                count += 1
                numbers[event] = count
        else:
            count += 1
            event.note = count
    for mark in marks:
        if mark.in_note:
            mark.note = numbers.get(inside[id(mark)], 0)


_RICH_TAGS = {"em_open": "<i>", "em_close": "</i>", "strong_open": "<b>",
              "strong_close": "</b>", "softbreak": " ", "hardbreak": " "}


def inline_to_rich(text: str) -> str:
    """A cite prefix or suffix written in Markdown as the CSL rich text the engine reads
    (``*see*`` -> ``<i>see</i>``, ``**x**`` -> ``<b>x</b>``; links keep their text)."""
    if not any(c in text for c in "*_`\\<[&"):
        return text
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark", {"html": True}).parseInline(text)
    out: list[str] = []
    for token in tokens[0].children or []:
        if token.type in _RICH_TAGS:
            out.append(_RICH_TAGS[token.type])
        elif token.type in ("text", "code_inline", "html_inline", "image"):
            out.append(token.content)
    return "".join(out)


def rich_cites(marks: list[CitationMark]) -> None:
    """Turn every cite's Markdown prefix and suffix into CSL rich text (in place)."""
    for mark in marks:
        for ref in mark.cites:
            ref.prefix, ref.suffix = inline_to_rich(ref.prefix), inline_to_rich(ref.suffix)


def note_labels(text: str) -> set[str]:
    """The labels of the document's own footnotes."""
    return {label for _, _, label in footnotes(text)}
