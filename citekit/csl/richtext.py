"""Format stage: rich text inside field values, parsed into output-tree spans.

Understands the CSL-JSON markup (``<i>``, ``<b>``, ``<sup>``, ``<sub>``, ``<sc>``,
``<span class="nocase">``, ``<span class="nodecor">`` (resets fonts, keeps case),
``<span style="font-variant:small-caps;">``) and quotation marks, which become quote spans
so that nesting flips them. Parsing follows citeproc-js's flip-flopper: a straight quote
opens only after a space, "(" or an opening tag; a closing tag that does not match the open
one turns that opener back into text; a straight ``'`` that closes nothing is an apostrophe
(’); openers left unclosed are text again. Anything else stays literal, escaped on output.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .output.tree import Child, Span, Tag, TagName

# opener -> (closer, formatting of its span, span tag); order matters for matching. Spans
# tagged nocase, nodecor, sc, sup or sub keep their case under text-case.
_OPENERS: dict[str, tuple[str, dict[str, str], TagName | None]] = {
    '<span class="nocase">': ("</span>", {}, Tag.NOCASE),
    '<span class="nodecor">': ("</span>", {}, Tag.NODECOR),
    '<span style="font-variant:small-caps;">': ("</span>", {"font-variant": "small-caps"}, Tag.SC),
    "<sc>": ("</sc>", {"font-variant": "small-caps"}, Tag.SC),
    "<i>": ("</i>", {"font-style": "italic"}, Tag.MARKUP),
    "<b>": ("</b>", {"font-weight": "bold"}, Tag.MARKUP),
    "<sup>": ("</sup>", {"vertical-align": "sup"}, Tag.SUP),
    "<sub>": ("</sub>", {"vertical-align": "sub"}, Tag.SUB),
    ' "': ('"', {}, None), " '": ("'", {}, None), '("': ('"', {}, None), "('": ("'", {}, None),
    "\u201c": ("\u201d", {}, None), "\u2018": ("\u2019", {}, None),
}
_CLOSERS = ("</span>", "</sc>", "</i>", "</b>", "</sup>", "</sub>", '"', "'", "\u201d",
            "\u2019")
_STRAIGHT_OPENERS = (' "', " '", '("', "('")
_TAGS = re.compile("|".join(re.escape(t) for t in (*_OPENERS, *_CLOSERS)))
_LETTER = ("[-0-9a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4"
           "\u05d6-\u05ff\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218-\u021b"
           "\u202a-\u202e]")
_INWORD_APOSTROPHE = re.compile(f"({_LETTER})\u2019(?={_LETTER})")


@lru_cache(maxsize=4096)
def _parse_cached(text: str) -> tuple:
    return tuple(_parse(text))


def narrow_spaces(text: str) -> str:
    """A space before ``: ; ? ! »`` or after ``«`` becomes a narrow no-break space, as
    citeproc-js does for every string it outputs."""
    if _NARROWED.search(text) is None:
        return text
    return _SPACE_AFTER_GUILLEMET.sub("\u00ab\u202f", _SPACE_BEFORE_MARK.sub("\u202f\\1", text))


_NARROWED = re.compile("[:;?!\u00ab\u00bb]")
_SPACE_BEFORE_MARK = re.compile(" ([:;?!\u00bb])")
_MARKED = re.compile("[<\"'\u201c\u201d\u2018\u2019]")  # what markup or quotes begin with
_SPACE_AFTER_GUILLEMET = re.compile("\u00ab ")


def parse_rich(text: str) -> list[Child]:
    """Parse a field value into a list of strings and spans (fresh copies each call)."""
    text = narrow_spaces(text)
    if _MARKED.search(text) is None:
        return [text]
    return [_copy(c) for c in _parse_cached(text)]


def _copy(c: Child) -> Child:
    if isinstance(c, str):
        return c
    return Span([_copy(x) for x in c.children], dict(c.fmt), c.tag, c.data)


def _normalize(text: str) -> str:
    text = re.sub(r'(<span)\s+(style="font-variant:)\s*(small-caps);?"[^>]*(>)',
                  r'\1 \2\3;"\4', text)
    return re.sub(r'(<span)\s+(class="no(?:case|decor)")[^>]*(>)', r"\1 \2\3", text)


def _split(text: str) -> tuple[list[str], list[str], list[bool]]:
    """Tags, the strings around them, and for each opener whether a quote right after it
    was given a space to become an opener itself."""
    tags = _TAGS.findall(text)
    strings = _TAGS.split(text)
    forced: list[bool] = []
    for i in range(len(tags) - 1):
        if tags[i] in _OPENERS:
            force = strings[i + 1] == "" and tags[i + 1] in ('"', "'")
            if force:
                tags[i + 1] = " " + tags[i + 1]
            forced.append(force)
    return tags, strings, forced


def _apostrophe(tag: str, following: str) -> str | None:
    if tag == "'" and re.match(r"[^,.?:; ]", following):
        return "\u2019"
    if tag == " '" and following.startswith(" "):
        return " \u2019"
    return None


def _resolve(tags: list[str], strings: list[str], forced: list[bool]) -> None:
    """Pair openers with closers; tags that do not pair become text (tag set to "")."""
    stack: list[int] = []  # positions of open tags
    for i, tag in enumerate(tags):
        mark = _apostrophe(tag, strings[i + 1])
        if mark:
            strings[i + 1] = mark + strings[i + 1]
            tags[i] = ""
            continue
        if tag in _OPENERS:
            stack.append(i)
            continue
        _close(tags, strings, forced, stack, i)
    for pos in reversed(stack):  # unclosed openers
        tag = tags[pos]
        strings[pos + 1] = (" \u2019" if tag == " '" else tag) + strings[pos + 1]
        tags[pos] = ""


def _close(tags: list[str], strings: list[str], forced: list[bool], stack: list[int],
           i: int) -> None:
    tag = tags[i]
    while True:
        if stack and _OPENERS[tags[stack[-1]]][0] == tag:
            stack.pop()
            return
        fix = stack[-1] if stack else i
        if tag == "'":
            strings[i + 1] = "\u2019" + strings[i + 1]
            tags[i] = ""
        else:
            failed = tags[fix]
            if fix > 0 and fix - 1 < len(forced) and forced[fix - 1]:
                failed = failed[1:]
            strings[fix + 1] = failed + strings[fix + 1]
            tags[fix] = ""
        if not stack or tag == "'":
            break
        stack.pop()
    strings[i + 1] = tags[i] + strings[i + 1]
    tags[i] = ""


def _compact(tags: list[str], strings: list[str]) -> tuple[list[str], list[str]]:
    out_tags: list[str] = []
    out_strings = [strings[0]]
    for tag, string in zip(tags, strings[1:]):
        if tag:
            out_tags.append(tag)
            out_strings.append(string)
        else:
            out_strings[-1] += string
    return out_tags, out_strings


def _quote_forms(tags: list[str], strings: list[str], forced: list[bool]) -> dict[str, str]:
    """Which straight quote is outer ("true") and which inner; puts back the space or "("
    that a straight opener took from the text before it."""
    forms = {'"': "true", "'": "inner", "\u201d": "true", "\u2019": "inner"}
    seen = False
    for i, tag in enumerate(tags):
        if tag not in _STRAIGHT_OPENERS:
            continue
        if not seen:
            forms[tag[1]] = "true"
            forms["'" if tag[1] == '"' else '"'] = "inner"
            seen = True
        if not (0 < i <= len(forced) and forced[i - 1]):
            strings[i] += tag[0]
    return forms


def _parse(text: str) -> list[Child]:
    leading_space = text.startswith(" ") and not re.match(r"\s+['\"]", text)
    source = " " + _INWORD_APOSTROPHE.sub(r"\1'", _normalize(text))
    tags, strings, forced = _split(source)
    if not tags:
        return [text]
    _resolve(tags, strings, forced)
    tags, strings = _compact(tags, strings)
    forms = _quote_forms(tags, strings, forced)
    first = (" " if leading_space else "") + strings[0]
    for _ in range(2):
        if first.startswith(" "):
            first = first[1:]
    strings[0] = first
    return _build(tags, strings, forms)


def _build(tags: list[str], strings: list[str], forms: dict[str, str]) -> list[Child]:
    root = Span()
    stack = [root]
    if strings[0]:
        root.children.append(strings[0])
    for tag, string in zip(tags, strings[1:]):
        if tag in _OPENERS:
            closer, fmt, span_tag = _OPENERS[tag]
            fmt = dict(fmt)
            if closer in forms:
                fmt["quotes"] = forms[closer]
            span = Span(fmt=fmt, tag=span_tag, data=tag if closer in forms else None)
            stack[-1].children.append(span)
            stack.append(span)
        else:
            stack.pop()
        if string:
            stack[-1].children.append(string)
    return _merge_strings(root.children)


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
        if isinstance(c, Span) and "quotes" in c.fmt and isinstance(after, str):
            c.tag = Tag.INLINE_QUOTE


def strip_markup(text: str) -> str:
    """The plain text of a field value (markup removed), for sorting and keys."""
    return re.sub(r"</?(?:i|b|sup|sub|sc|span)(?:\s[^>]*)?>", "", text)
