"""Format stage: links in output trees, as pandoc's citeproc makes them.

:func:`link_identifiers` makes a bibliography entry's DOI, URL, PMID and PMCID links (pandoc's
``link-bibliography``; citeproc-js's ``wrap_url_and_doi``): the link covers the variable's
text and a prefix that is the start of the address (``https://doi.org/``), never other
affixes; :func:`link_entry` links the title, or else the whole entry, of one that shows
none of them, to the first of them the item has. :func:`link_cites` links each cite of a
citation to its bibliography entry (``#ref-KEY``; pandoc's ``link-citations``), leaving the
cite's prefix and suffix outside.
A link is a span tagged ``link`` whose data is ``(target, role)``; every writer knows it.
"""
from __future__ import annotations

from collections.abc import Callable, Container
from typing import Any

from .tree import Child, Span, Tag

_RESOLVERS = {"DOI": "https://doi.org/", "PMID": "https://www.ncbi.nlm.nih.gov/pubmed/",
              "PMCID": "https://www.ncbi.nlm.nih.gov/pmc/articles/", "URL": ""}


def _target(variable: str, value: str) -> str:
    if value.startswith(("http://", "https://")):
        return value
    base = _RESOLVERS[variable]
    if variable == "DOI" and value.lower().startswith("doi:"):
        value = value[4:]
    return base + value


def _linked(span: Span) -> Span:
    """``span`` (a variable) wrapped in a link; affixes that are not address go outside."""
    value = span.plain()
    prefix, suffix = span.fmt.get("prefix", ""), span.fmt.get("suffix", "")
    body = value[len(prefix):len(value) - len(suffix)] if value else value
    if prefix and (prefix + body).startswith(("http://", "https://")):
        target = prefix + body if span.data != "DOI" else _target("DOI", body)
        inner, outer = {k: v for k, v in span.fmt.items() if k != "suffix"}, {}
    else:
        target = _target(str(span.data), body)
        inner = {k: v for k, v in span.fmt.items() if k not in ("prefix", "suffix")}
        outer = {k: span.fmt[k] for k in ("prefix",) if k in span.fmt}
    if suffix:
        outer["suffix"] = suffix
    node = Span(span.children, inner, span.tag, span.data)
    link = Span([node], tag=Tag.LINK, data=(target, ""))
    return Span([link], outer) if outer else link


_SAFE = ("http://", "https://", "ftp://")


def link_identifiers(tree: Span) -> Span:
    """Make the DOI, URL, PMID and PMCID variables in ``tree`` links (in place); only web
    addresses are linked (a ``javascript:`` URL stays text)."""
    found = [(span, i) for span in tree.walk() for i, child in enumerate(span.children)
             if isinstance(child, Span) and child.tag is Tag.VARIABLE
             and child.data in _RESOLVERS and not child.is_empty()]
    for span, i in found:
        linked = _linked(span.children[i])  # type: ignore[arg-type]
        link = linked if linked.tag is Tag.LINK else linked.children[0]
        if isinstance(link, Span) and str(link.data[0]).lower().startswith(_SAFE):
            span.children[i] = linked
    return tree


_IDENTIFIERS = ("DOI", "PMCID", "PMID", "URL")  # pandoc's order of preference


def link_entry(tree: Span, variable: Callable[[str], Any]) -> Span:
    """pandoc's link-bibliography for an entry that renders none of its identifiers: its
    title, or else the whole entry (a ``right-inline`` part, with ``second-field-align``),
    links to the first of its DOI, PMCID, PMID and URL (in place). ``variable``: the item's
    value of a variable, or None."""
    if any(s.tag is Tag.VARIABLE and s.data in _RESOLVERS and not s.is_empty()
           for s in tree.walk()):
        return tree
    target = next((_target(v, str(variable(v)).strip()) for v in _IDENTIFIERS if variable(v)),
                  None)
    if target is None or not target.lower().startswith(_SAFE):
        return tree
    titles = [(span, i) for span in tree.walk() for i, child in enumerate(span.children)
              if isinstance(child, Span) and child.tag is Tag.TITLE and not child.is_empty()]
    for span, i in titles:
        span.children[i] = _wrap(span.children[i], target, "")
    if not titles:
        inline = next((s for s in tree.walk() if s.fmt.get("display") == "right-inline"), tree)
        inline.children = [Span(inline.children, tag=Tag.LINK, data=(target, ""))]
    return tree


def link_cites(tree: Span, targets: Container[str]) -> Span:
    """Link each cite's rendered part to ``#ref-KEY`` when KEY is in ``targets`` (in place)."""
    for span in [s for s in tree.walk() if s.tag is Tag.CITE and s.data is not None]:
        key = getattr(span.data, "id", None)
        if key not in targets:
            continue
        for i, child in enumerate(span.children):
            if isinstance(child, Span) and child.tag not in (Tag.PREFIX, Tag.SUFFIX, Tag.LINK):
                span.children[i] = _wrap(child, f"#ref-{key}")
    return tree


def _wrap(child: Child, target: str, role: str = "doc-biblioref") -> Span:
    """A link around ``child``, its affixes kept outside (a cite's moved onto it, a title's)."""
    assert isinstance(child, Span)
    affixes: dict[str, str] = {k: child.fmt[k] for k in ("prefix", "suffix") if k in child.fmt}
    if not affixes:
        return Span([child], tag=Tag.LINK, data=(target, role))
    inner = Span(child.children, {k: v for k, v in child.fmt.items() if k not in affixes},
                 child.tag, child.data)
    return Span([Span([inner], tag=Tag.LINK, data=(target, role))], affixes)
