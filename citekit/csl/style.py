"""Format stage: a parsed CSL style — class, options, citation/bibliography layouts, locales.

Parsed once into plain nodes (macros attached to the ``cs:text`` nodes that call them) and
cached by content, so repeated calls do not re-parse.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..errors import StyleError
from ..model import kind_of
from .library import resolve_parent, resolve_style
from .locale import Locale, build_locale
from .nodes import Node, from_element
from .xmlsafe import parse_xml


@dataclass
class Section:
    """``cs:citation`` or ``cs:bibliography``: its options, layout and sort keys."""

    options: dict[str, str]
    layout: Node
    sort: list[Node] = field(default_factory=list)
    # facts about the layout with its macros, worked out at parse time
    tests_disambiguate: bool = False  # a cs:if/else-if tests disambiguate="true"
    renders_year_suffix: bool = False  # a cs:text renders year-suffix (or citation-label)
    renders_citation_number: bool = False  # a cs:text renders citation-number
    # any element renders or tests citation-number (the layout depends on the numbering)
    reads_citation_number: bool = False


@dataclass
class Style:
    """A CSL style, ready for evaluation."""

    source: str
    root: Node
    style_class: str
    options: dict[str, str]
    macros: dict[str, Node]
    citation: Section | None
    bibliography: Section | None
    locales: list[Node]
    default_locale: str | None
    info: Node | None = None  # cs:info: a dependent style's own, else the root's
    # no layout renders year-suffix itself: it goes after the first rendered year
    implicit_year_suffix: bool = True
    _locale_cache: dict[str, Locale] = field(default_factory=dict, repr=False)

    @property
    def is_note(self) -> bool:
        return self.style_class == "note"

    def locale(self, lang: str | None = None) -> Locale:
        """The merged locale for ``lang`` (default: the style's, else en-US)."""
        tag = lang or self.default_locale or "en-US"
        if tag not in self._locale_cache:
            self._locale_cache[tag] = build_locale(tag, self.locales)
        return self._locale_cache[tag]

    @property
    def title(self) -> str:
        info = self.info if self.info is not None else self.root.child("info")
        node = info.child("title") if info else None
        return node.text if node is not None else ""


def _attach_macros(node: Node, macros: dict[str, Node], source: str, seen: tuple = ()) -> None:
    for child in node.children:
        if child.name == "text" and "macro" in child.attrs:
            name = child.attrs["macro"]
            macro = macros.get(name)
            if macro is None:  # an error only if evaluation reaches it (citeproc-js)
                child.undefined_macro = source
                continue
            if name in seen:
                raise StyleError(f"macro {name!r} calls itself", file=source, line=child.line)
            if not macro.macro_resolved:
                macro.macro_resolved = True
                _attach_macros(macro, macros, source, seen + (name,))
            child.children = macro.children
            child.macro_has_date = _holds_date(macro)
        elif child.name == "key" and "macro" in child.attrs:
            macro = macros.get(child.attrs["macro"])
            if macro is None:
                raise StyleError(f"undefined macro {child.attrs['macro']!r}", file=source,
                                 line=child.line)
            if not macro.macro_resolved:
                macro.macro_resolved = True
                _attach_macros(macro, macros, source, seen)
            child.children = macro.children
            child.macro_has_date = _holds_date(macro)
        else:
            _attach_macros(child, macros, source, seen)


def _holds_date(node: Node) -> bool:
    """A cs:date below ``node``, not counting the macros it calls."""
    return any(c.name == "date" or (c.name != "text" or "macro" not in c.attrs)
               and _holds_date(c) for c in node.children)


def _section(node: Node | None, source: str) -> Section | None:
    if node is None:
        return None
    layout = node.child("layout")
    if layout is None:
        raise StyleError(f"cs:{node.name} has no cs:layout", file=source, line=node.line)
    sort = node.child("sort")
    return Section(dict(node.attrs), layout, sort.all("key") if sort is not None else [])


def parse_style(data: str | bytes, source: str = "<style>", _depth: int = 0) -> Style:
    """Parse CSL XML text into a :class:`Style` (uncached).

    A dependent style (no cs:citation, an ``independent-parent`` link) becomes its parent's
    layouts with its own cs:info (title) and ``default-locale``.
    """
    root_el = parse_xml(data, source)
    root = from_element(root_el)
    if root.name != "style":
        raise StyleError(f"root element is <{root.name}>, not a CSL <style>", file=source,
                         line=root.line)
    info = root.child("info")
    links = [ln for ln in info.all("link") if ln.get("rel") == "independent-parent"] if info else []
    if root.child("citation") is None and links:
        if _depth:
            raise StyleError("the parent of a dependent style is itself dependent", file=source)
        parent_src = resolve_parent(links[0].get("href", ""), source)
        parent = _parse_parent(parent_src.data, parent_src.source)
        return replace(parent, source=source, info=info, _locale_cache={},
                       default_locale=root.get("default-locale") or parent.default_locale)
    macros = {m.get("name", ""): m for m in root.all("macro")}
    for name, macro in macros.items():
        if not macro.macro_resolved:
            macro.macro_resolved = True
            _attach_macros(macro, macros, source, (name,))
    citation = _section(root.child("citation"), source)
    bibliography = _section(root.child("bibliography"), source)
    for section in (citation, bibliography):
        if section is not None:
            _attach_macros(section.layout, macros, source)
            for key in section.sort:
                if "macro" in key.attrs:
                    _attach_macros(Node("sort", children=[key]), macros, source)
            _layout_facts(section)
    if citation is None:
        raise StyleError("style has no cs:citation", file=source)
    implicit = not any(s.renders_year_suffix for s in (citation, bibliography) if s is not None)
    return Style(source, root, root.get("class", "in-text"), dict(root.attrs), macros,
                 citation, bibliography, root.all("locale"), root.get("default-locale"),
                 implicit_year_suffix=implicit)


def _layout_facts(section: Section) -> None:
    """Set the facts about ``section``'s layout and sort keys (macros attached) that
    evaluation asks."""
    nodes = walk(section.layout)
    section.tests_disambiguate = any("disambiguate" in n.attrs for n in nodes)
    section.renders_year_suffix = any(
        n.name == "text" and n.attrs.get("variable") in ("year-suffix", "citation-label")
        for n in nodes)
    section.renders_citation_number = any(
        n.name == "text" and n.attrs.get("variable") == "citation-number" for n in nodes)
    section.reads_citation_number = any(
        "citation-number" in value for n in nodes for value in n.attrs.values())
    for key in section.sort:
        below = walk(key)
        key.key_numbered = any(n.attrs.get("variable") == "citation-number" for n in below)
        variable = key.get("variable")
        key.key_renders_names = kind_of(variable) == "name" if variable else \
            any(n.name == "names" for n in below[1:])


def walk(node: Node) -> list[Node]:
    """``node`` and every node beneath it, macros included, each once (macros are shared)."""
    out, stack, seen = [], [node], set()
    while stack:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        out.append(n)
        stack.extend(n.children)
    return out


@lru_cache(maxsize=32)
def _parse_cached(data: bytes, source: str) -> Style:
    return parse_style(data, source)


@lru_cache(maxsize=32)
def _parse_parent(data: bytes, source: str) -> Style:
    return parse_style(data, source, 1)


def load_style(name_or_path: str | os.PathLike[str]) -> Style:
    """Load a style by name, path, library id, style URI or URL (see :mod:`.library`).

    Parsed styles are cached by content.
    """
    found = resolve_style(name_or_path)
    return _parse_cached(found.data, found.source)


def style_from_string(xml: str | bytes, source: str = "<style>") -> Style:
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    return _parse_cached(data, source)
