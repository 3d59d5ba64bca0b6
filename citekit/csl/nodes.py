"""Format stage: a CSL style as immutable plain-data nodes, parsed once.

Every CSL element becomes an :class:`Node` (name, attributes, children). ``cs:text macro=``
nodes get the macro's children attached, so evaluation never looks macros up.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree

CSL_NS = "{http://purl.org/net/xbiblio/csl}"


@dataclass(eq=False)
class Node:
    """One CSL element: ``name`` without namespace, ``attrs`` and child nodes."""

    name: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    text: str = ""
    line: int = 0
    cache: dict[Any, Any] = field(default_factory=dict, repr=False)

    def get(self, key: str, default: Any = None) -> Any:
        return self.attrs.get(key, default)

    def child(self, name: str) -> Node | None:
        for c in self.children:
            if c.name == name:
                return c
        return None

    def all(self, name: str) -> list[Node]:
        return [c for c in self.children if c.name == name]


def from_element(el: etree._Element) -> Node:
    """Convert an lxml element tree into :class:`Node` objects."""
    tag = el.tag
    name = tag[len(CSL_NS):] if isinstance(tag, str) and tag.startswith(CSL_NS) else str(tag)
    if "}" in name:
        name = name.split("}", 1)[1]
    attrs = {(k.split("}", 1)[1] if "}" in k else k): v for k, v in el.attrib.items()}
    node = Node(name, attrs,
                [], (el.text or "") if len(el) == 0 else "", el.sourceline or 0)
    node.children = [from_element(c) for c in el if isinstance(c.tag, str)]
    return node
