"""Format stage: the writer's output as pandoc AST inlines (pandoc's JSON, API 1.23).

The renderer (:mod:`.render`) writes text pieces and :class:`Open`/``CLOSE`` tokens when the
output format is ``pandoc``; :func:`inlines` nests them into pandoc inline elements (``Emph``,
``Strong``, ``SmallCaps``, ``Superscript``, ``Subscript``, ``Underline``, ``Link`` and
``Span``; text becomes ``Str`` and ``Space``), as pandoc's own citeproc builds them: a
font reset inside an italic field is ``Span`` class ``csl-no-emph``, a display attribute a
``Span`` of class ``csl-block``, ``csl-left-margin``, ``csl-right-inline`` or ``csl-indent``.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

Inline = dict[str, Any]


@dataclass(frozen=True)
class Open:
    """An element opened by the writer: its pandoc name, and its classes or link target."""

    name: str
    classes: tuple[str, ...] = ()
    target: str = ""


CLOSE = "\x00close"  # closes the innermost open element

#: (CSL formatting key, value) -> the element pandoc's citeproc makes for it
OPEN: dict[tuple[str, str], Open] = {
    ("font-style", "italic"): Open("Emph"), ("font-style", "oblique"): Open("Emph"),
    ("font-style", "normal"): Open("Span", ("csl-no-emph",)),
    ("font-weight", "bold"): Open("Strong"),
    ("font-weight", "normal"): Open("Span", ("csl-no-strong",)),
    ("font-weight", "light"): Open("Span", ("csl-no-strong",)),
    ("font-variant", "small-caps"): Open("SmallCaps"),
    ("font-variant", "normal"): Open("Span", ("csl-no-smallcaps",)),
    ("text-decoration", "underline"): Open("Underline"),
    ("vertical-align", "sup"): Open("Superscript"), ("vertical-align", "sub"): Open("Subscript"),
}

_SPACE = re.compile(r"( +|\n)")


def text_inlines(text: str) -> list[Inline]:
    """``Str`` words and ``Space`` between them, as pandoc splits text."""
    out: list[Inline] = []
    for piece in _SPACE.split(text):
        if not piece:
            continue
        if piece == "\n":
            out.append({"t": "SoftBreak"})
        elif piece.startswith(" "):
            out.append({"t": "Space"})
        else:
            out.append({"t": "Str", "c": piece})
    return out


def _element(opened: Open, children: list[Inline]) -> Inline:
    if opened.name == "Span":
        return {"t": "Span", "c": [["", list(opened.classes), []], children]}
    if opened.name == "Link":  # pandoc's HTML writer gives #ref- links their role itself
        return {"t": "Link", "c": [["", [], []], children, [opened.target, ""]]}
    return {"t": opened.name, "c": children}


def inlines(parts: Iterable[Any]) -> list[Inline]:
    """Nest the writer's pieces into pandoc inlines (empty elements are dropped)."""
    stack: list[tuple[Open | None, list[Inline]]] = [(None, [])]
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            stack[-1][1].extend(text_inlines("".join(buffer)))
            buffer.clear()

    for part in parts:
        if isinstance(part, Open):
            flush()
            stack.append((part, []))
        elif part == CLOSE:
            flush()
            if len(stack) > 1:
                opened, children = stack.pop()
                if children and opened is not None:
                    stack[-1][1].append(_element(opened, children))
        elif part:
            buffer.append(part)
    flush()
    while len(stack) > 1:  # unbalanced input: close what is open
        opened, children = stack.pop()
        if children and opened is not None:
            stack[-1][1].append(_element(opened, children))
    return stack[0][1]


def stringify(items: Any) -> str:
    """The plain text of pandoc inlines or blocks (as pandoc's ``stringify``)."""
    if isinstance(items, list):
        return "".join(stringify(i) for i in items)
    if not isinstance(items, dict):
        return str(items) if isinstance(items, str) else ""
    kind, content = items.get("t"), items.get("c")
    if kind == "Str":
        return str(content)
    if kind in ("Space", "SoftBreak", "LineBreak"):
        return " "
    if kind in ("Code", "Math", "RawInline"):
        return str(content[-1]) if isinstance(content, list) and content else ""
    if kind == "Quoted" and isinstance(content, list):
        marks = ("\u201c", "\u201d") if content[0].get("t") == "DoubleQuote" else (
            "\u2018", "\u2019")
        return marks[0] + stringify(content[1]) + marks[1]
    if kind in ("Span", "Link", "Image", "Div") and isinstance(content, list):
        return stringify(content[1])
    if kind == "Cite" and isinstance(content, list):
        return stringify(content[1])
    if kind == "Note":
        return ""
    if kind in ("Emph", "Strong", "SmallCaps", "Superscript", "Subscript", "Strikeout",
                "Underline", "Para", "Plain"):
        return stringify(content)
    if kind == "Header" and isinstance(content, list):
        return stringify(content[2])
    return stringify(content) if isinstance(content, list) else ""
