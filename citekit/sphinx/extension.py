"""Share stage, for Sphinx: roles, the bibliography directive, and the build events.

Reading a document records its citations in the ``cite`` domain (merged back from parallel
readers) and warns at once about unknown keys. When every document has been read, the
citations of the whole project are formatted in reading order (the root document's toctree,
depth first, then any other document), so positions, disambiguation and year suffixes are
the project's, as in one long paper; the documents whose text changed are written again.
Writing puts the formatted text in place of each citation node.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.errors import ConfigError
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.nodes import make_refnode

from ..csl.locale import locale_warning
from ..csl.style import load_style
from ..document.bibfiles import read_bibliography, resolve_paths
from ..document.cite import Rendered, resolve
from ..document.markdown import CitationMark, CiteRef
from ..errors import CitekitError
from ..model import Item
from .markup import csl_nodes

__all__ = ["BibliographyDirective", "CitationResolver", "CiteDomain", "CiteRole",
           "setup_extension"]

logger = logging.getLogger(__name__)

#: one cite of a role: ``{prefix}key{suffix}``, cites separated by commas or semicolons
_CITE = re.compile(r"\s*(?:\{(?P<pre>[^{}]*)\})?(?P<key>[^\s{},;]+)"
                   r"(?:\{(?P<post>[^{}]*)\})?\s*(?:[,;]|$)")


class citekit_citation(nodes.Inline, nodes.Element):
    """A citation waiting for its formatted text (replaced before writing)."""


class citekit_bibliography(nodes.General, nodes.Element):
    """Where a bibliography goes (replaced before writing)."""


def parse_cites(text: str) -> list[tuple[str, str, str]] | None:
    """``(key, prefix, suffix)`` of each cite in a role's text; None when unreadable."""
    out: list[tuple[str, str, str]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _CITE.match(text, pos)
        if m is None or m.end() == pos:
            return None
        out.append((m.group("key"), m.group("pre") or "", m.group("post") or ""))
        pos = m.end()
    return out or None


class CiteRole(SphinxRole):
    """``:cite:p:`` (parenthetical) and ``:cite:t:`` (textual: the author in the text)."""

    def __init__(self, in_text: bool) -> None:
        super().__init__()
        self.in_text = in_text

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        cites = parse_cites(self.text)
        if cites is None:
            logger.warning("cannot read citation %r (write keys separated by commas, each "
                           "with an optional {prefix} and {suffix})", self.text,
                           location=self.get_location(), type="citekit", subtype="syntax")
            return [nodes.literal(self.rawtext, self.text)], []
        domain = _domain(self.env)
        known = domain.known_keys()
        for key in dict.fromkeys(k for k, _, _ in cites):
            if key not in known:
                logger.warning("unknown citation key %r (left as written)", key,
                               location=self.get_location(), type="citekit", subtype="key")
        cid = f"{self.env.docname}#{self.env.new_serialno('citekit')}"
        node = citekit_citation(self.rawtext, nodes.Text(self.text), cid=cid)
        self.set_source_info(node)
        domain.note_citation(self.env.docname, {
            "id": cid, "cites": cites, "in_text": self.in_text, "line": self.lineno})
        return [node], []


class BibliographyDirective(SphinxDirective):
    """``.. bibliography::`` lists every item cited in the project (``:all:``: every item
    of the bibliography files), sorted as the style says."""

    has_content = False
    option_spec = {"all": directives.flag}

    def run(self) -> list[nodes.Node]:
        bid = f"{self.env.docname}#bib{self.env.new_serialno('citekit')}"
        node = citekit_bibliography(bid=bid)
        self.set_source_info(node)
        record = {"id": bid, "all": "all" in self.options}
        _domain(self.env).note_bibliography(self.env.docname, record)
        return [node]


class CiteDomain(Domain):
    """Citations and bibliographies of every document; the formatted results."""

    name = "cite"
    label = "citekit citations"
    roles = {"p": CiteRole(in_text=False), "t": CiteRole(in_text=True)}
    initial_data = {
        "citations": {},      # docname -> [{"id", "cites", "in_text", "line"}]
        "bibliographies": {},  # docname -> [{"id", "all"}]
        "paths": [],          # bibliography files (absolute)
        "style": "apa",
        "locale": None,
        "signature": None,    # the files' (path, mtime, size) when last read
        "rendered": {},       # citation id -> [[markup, first key, note number or 0,
                              #                 in-text author markup]]
        "entries": [],        # [[key, markup]] of the bibliography
        "hanging": False,
        "target": None,       # the document whose first bibliography the citations link to
        "target_bib": None,   # and that bibliography's id
        "digests": {},        # docname -> what its output depends on (to write it again)
    }
    data_version = 1

    _known: tuple[list[Item] | None, set[str]] = (None, set())

    def known_keys(self) -> set[str]:
        """The ids of the bibliography's items (worked out again when the files change)."""
        items = self.items()
        if self._known[0] is not items:
            self._known = (items, {item.id for item in items})
        return self._known[1]

    def items(self) -> list[Item]:
        return read_bibliography([Path(p) for p in self.data["paths"]])[0]

    def note_citation(self, docname: str, record: dict[str, Any]) -> None:
        self.data["citations"].setdefault(docname, []).append(record)

    def note_bibliography(self, docname: str, record: dict[str, Any]) -> None:
        self.data["bibliographies"].setdefault(docname, []).append(record)

    def clear_doc(self, docname: str) -> None:
        self.data["citations"].pop(docname, None)
        self.data["bibliographies"].pop(docname, None)

    def merge_domaindata(self, docnames: Any, otherdata: dict[str, Any]) -> None:
        for key in ("citations", "bibliographies"):
            for docname in docnames:
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]

    def resolve_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder,
                     typ: str, target: str, node: Any, contnode: nodes.Element) -> Any:
        """A citation's link to its entry in the project's first bibliography."""
        if typ != "entry" or self.data["target"] is None:
            return None
        return make_refnode(builder, fromdocname, self.data["target"], _anchor(target),
                            contnode)

    def resolve_any_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder,
                         target: str, node: Any, contnode: nodes.Element) -> list[Any]:
        return []


def _domain(env: BuildEnvironment) -> CiteDomain:
    domain = env.get_domain("cite")
    assert isinstance(domain, CiteDomain)
    return domain


def _signature(paths: Iterable[str]) -> list[list[Any]]:
    out: list[list[Any]] = []
    for name in paths:
        try:
            stat = Path(name).stat()
            out.append([name, stat.st_mtime_ns, stat.st_size])
        except OSError:
            out.append([name, -1, -1])
    return out


def builder_inited(app: Sphinx) -> None:
    """Read the configuration: files relative to the folder of conf.py; check the style."""
    config, confdir = app.config, Path(app.confdir)
    paths = resolve_paths(config.citekit_bibliography, confdir)
    try:
        read_bibliography(paths)
    except CitekitError as exc:
        raise ConfigError(f"citekit_bibliography: {exc}") from None
    style = str(config.citekit_style)
    if (confdir / style).is_file():
        style = str(confdir / style)
    try:
        load_style(style)
    except CitekitError as exc:
        raise ConfigError(f"citekit_style: {exc}") from None
    locale = config.citekit_locale or None
    problem = locale_warning(locale) if locale else None
    if problem:
        logger.warning("citekit_locale: %s", problem, type="citekit", subtype="locale")
    data = _domain(app.env).data
    data.update(paths=[str(p) for p in paths], style=style, locale=locale)
    for warning in read_bibliography(paths)[1]:
        logger.warning("%s", warning, type="citekit", subtype="bibliography")
    if app.builder.format == "html":
        static = str(Path(__file__).parent / "static")
        if static not in config.html_static_path:
            config.html_static_path.append(static)
        app.add_css_file("citekit.css")


def env_get_outdated(app: Sphinx, env: BuildEnvironment, added: set[str],
                     changed: set[str], removed: set[str]) -> list[str]:
    """A changed bibliography file: every document citing anything is read again (so its
    unknown keys are warned about again)."""
    data = _domain(env).data
    signature = _signature(data["paths"])
    old, data["signature"] = data["signature"], signature
    if old is None or old == signature:
        return []
    return sorted(set(data["citations"]) | set(data["bibliographies"]))


def reading_order(env: BuildEnvironment) -> list[str]:
    """The root document's toctree depth first, then every other document by name."""
    seen: set[str] = set()
    order: list[str] = []
    stack = sorted(env.found_docs, reverse=True) + [env.config.root_doc]
    while stack:
        doc = stack.pop()
        if doc in seen or doc not in env.found_docs:
            continue
        seen.add(doc)
        order.append(doc)
        stack.extend(reversed(env.toctree_includes.get(doc, [])))
    return order


def _marks(records: Sequence[dict[str, Any]]) -> Iterator[tuple[str, CitationMark]]:
    """The written citations as the formatter's marks; a textual citation of several keys
    is one in-text citation per key."""
    for record in records:
        cites = [CiteRef(key, pre, post) for key, pre, post in record["cites"]]
        groups = [[c] for c in cites] if record["in_text"] else [cites]
        for group in groups:
            yield record["id"], CitationMark(0, 0, record["line"], group, record["in_text"])


def env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Format the whole project's citations in reading order; returns the documents whose
    formatted text changed (Sphinx writes them again)."""
    data = _domain(env).data
    order = reading_order(env)
    owners: list[str] = []
    marks: list[CitationMark] = []
    for doc in order:
        for cid, mark in _marks(data["citations"].get(doc, [])):
            owners.append(cid)
            marks.append(mark)
    bibliographies = [(doc, b) for doc in order for b in data["bibliographies"].get(doc, [])]
    nocite = ["*"] if any(b["all"] for _, b in bibliographies) else []
    items = read_bibliography([Path(p) for p in data["paths"]])[0]
    result = resolve(marks, items, data["style"], data["locale"], "html", nocite)
    rendered: dict[str, list[list[Any]]] = {}
    for cid, done in zip(owners, result.citations):
        if done is not None:
            rendered.setdefault(cid, []).append(_stored(done))
    bib = result.bibliography
    data["rendered"] = rendered
    data["entries"] = [[key, text] for key, text in zip(bib.ids, bib.entries)]
    data["hanging"] = bool(bib.params.get("hangingindent"))
    data["target"] = bibliographies[0][0] if bibliographies else None
    data["target_bib"] = bibliographies[0][1]["id"] if bibliographies else None
    digests: dict[str, Any] = {}
    for doc in order:
        cited = [rendered.get(r["id"]) for r in data["citations"].get(doc, [])]
        listed = data["entries"] if doc in data["bibliographies"] else None
        digests[doc] = repr((cited, listed, data["target"] if cited else None))
    old, data["digests"] = data["digests"], digests
    return [doc for doc, digest in digests.items() if old.get(doc) != digest]


def _stored(done: Rendered) -> list[Any]:
    return [done.text, done.mark.keys[0], done.note or 0, done.author or ""]


class CitationResolver(SphinxPostTransform):
    """Put the formatted citations and bibliographies in place (before Sphinx resolves
    references, so citations link to their entries, and before the LaTeX builder places
    footnotes)."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        data = _domain(self.env).data
        docname = self.env.docname
        footnotes: list[nodes.footnote] = []
        for node in list(self.document.findall(citekit_citation)):
            parts = data["rendered"].get(node["cid"])
            if not parts:  # unknown key (warned about when read): left as written
                node.replace_self(nodes.literal(node.rawsource, node.astext()))
                continue
            out: list[nodes.Node] = []
            for n, (text, key, note, author) in enumerate(parts):
                if n:
                    out.append(nodes.Text(", "))
                if note:
                    out.extend(_footnote(text, author, f"{node['cid']}-{n}", docname,
                                         footnotes))
                else:
                    out.append(_linked(data, docname, key, csl_nodes(text)))
            node.replace_self(nodes.inline("", "", *out, classes=["citekit-citation"]))
        if footnotes:
            self.document += footnotes
        for place in list(self.document.findall(citekit_bibliography)):
            place.replace_self(_bibliography(data, anchors=place["bid"] == data["target_bib"]))


def _footnote(text: str, author: str, name: str, docname: str,
              footnotes: list[nodes.footnote]) -> list[nodes.Node]:
    number = str(len(footnotes) + 1)
    fid = nodes.make_id(f"citekit-note-{name}")
    ref = nodes.footnote_reference("", number, ids=[fid + "-ref"], refid=fid,
                                   docname=docname)
    body = nodes.paragraph("", "", *csl_nodes(text))
    footnotes.append(nodes.footnote("", nodes.label("", number), body, ids=[fid],
                                    backrefs=[fid + "-ref"], docname=docname))
    return [*csl_nodes(author), ref] if author else [ref]


def _anchor(key: str) -> str:
    return nodes.make_id("citekit-" + key)


def _linked(data: dict[str, Any], docname: str, key: str,
            content: list[nodes.Node]) -> nodes.Node:
    """The citation, linked to its entry when the project has a bibliography."""
    if data["target"] is None:
        return nodes.inline("", "", *content)
    return addnodes.pending_xref("", nodes.inline("", "", *content), refdomain="cite",
                                 reftype="entry", reftarget=key, refdoc=docname,
                                 refexplicit=True)


def _bibliography(data: dict[str, Any], anchors: bool) -> nodes.Node:
    classes = ["citekit-bibliography", "csl-bib-body"] + (["hanging-indent"]
                                                           if data["hanging"] else [])
    box = nodes.container(classes=classes)
    for key, text in data["entries"]:
        entry = nodes.paragraph("", "", *csl_nodes(text, links=True), classes=["csl-entry"])
        if anchors:  # a target (not the paragraph's id): LaTeX labels targets only
            entry.insert(0, nodes.target("", "", ids=[_anchor(key)]))
        box += entry
    return box


def setup_extension(app: Sphinx) -> None:
    """Register the configuration values, the domain, the directive and the events."""
    app.add_config_value("citekit_bibliography", [], "env", types=(list, tuple, str))
    app.add_config_value("citekit_style", "apa", "env", types=(str,))
    app.add_config_value("citekit_locale", None, "env")
    app.add_domain(CiteDomain)
    app.add_directive("bibliography", BibliographyDirective)
    app.add_node(citekit_citation)
    app.add_node(citekit_bibliography)
    app.connect("builder-inited", builder_inited)
    app.connect("env-get-outdated", env_get_outdated)
    app.connect("env-updated", env_updated)
    app.add_post_transform(CitationResolver)
