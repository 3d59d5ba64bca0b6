"""Format stage: the processor — a registry of items, citations and the bibliography.

It evaluates layouts into output trees (``eval``), sorts, assigns positions and
disambiguation, and renders trees to strings (``output``) only at the end.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..errors import FormatError
from ..model import Item
from .eval.collapse import capitalize_leading_terms, group_cites, join_cites
from .eval.context import Citation, Cite, Context, Disamb
from .eval.core import evaluate_children
from .eval.decorate import decorate
from .eval.disamb_inputs import DisambInputs
from .eval.disambiguate import disambiguate_ids, registration_batches
from .eval.sort import key_spans, key_value, sort_items
from .eval.sort import preload as preload_collation
from .eval.subsequent import substitute_authors
from .nodes import Node
from .output.braces import nest_braces
from .output.render import Quotes, render
from .output.tree import Child, Span
from .parallel import parallel_map
from .richtext import parse_rich
from .style import Style, load_style

NO_PRINTED_FORM = "[NO_PRINTED_FORM]"
# progress(stage, done, total): told as long runs advance (the CLI draws a bar on a terminal)
Progress = Callable[[str, int, int], None]
_MISSING = object()  # a sort value not computed yet (None is a value: empty)


@dataclass
class Bibliography:
    """Rendered bibliography entries and the style's formatting parameters."""

    entries: list[str]
    ids: list[str]
    params: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # duplicate item ids, ...


class Processor:
    """Formats items in one style and locale. Use from one thread at a time."""

    def __init__(self, style: Style | str, items: Iterable[Item] = (),
                 locale: str | None = None, output: str = "text", jobs: int = 1,
                 progress: Progress | None = None) -> None:
        self.style = style if isinstance(style, Style) else load_style(style)
        self.locale = self.style.locale(locale)
        self.output = output
        self.jobs = jobs  # worker processes for large bibliographies (1: none)
        self.progress = progress
        from ..model.keys import drop_duplicates

        unique, self.warnings = drop_duplicates(items)  # warnings as data, for the caller
        # copies: the processor sets citation numbers on its own items
        self.items: dict[str, Item] = {item.id: item.copy() for item in unique}
        self.disamb: dict[str, Disamb] = {}
        self._sort_cache: dict[tuple[str, str, int], Any] = {}
        self.cited: list[str] = []  # registry order: order of first citation
        self.disambiguated: set[str] = set()  # ids the last disambiguation pass covered
        # the cited ids in the order the document's citations registered them, one list per
        # citation (disambiguation replays citeproc-js's registry with them)
        self.disamb_batches: list[list[str]] = []
        loc = self.locale
        self.quotes = Quotes(loc.term("open-quote") or "\u201c",
                             loc.term("close-quote") or "\u201d",
                             loc.term("open-inner-quote") or "\u2018",
                             loc.term("close-inner-quote") or "\u2019")
        self._english = self._is_english_default()

    # -- helpers ---------------------------------------------------------------------------
    def _is_english_default(self) -> bool:
        default = self.style.default_locale or "en-US"
        return default.lower().startswith("en")

    def item(self, item_id: str) -> Item:
        try:
            return self.items[item_id]
        except KeyError:
            raise FormatError(f"unknown item id {item_id!r}") from None

    def context(self, item: Item, mode: str, cite: Cite | None = None,
                disamb: Disamb | None = None) -> Context:
        """The evaluation context of ``item``; ``disamb``: disambiguation settings to render
        with (default: the item's, as the last disambiguation pass left them)."""
        lang = item.get("language")
        if isinstance(lang, str) and lang:
            english = lang.lower().startswith("en")
        else:
            english = self._english
        # citeproc-js leaves a title as it is when the item has a jurisdiction (legal items)
        title_case = english and not item.get("jurisdiction")
        if disamb is None:
            disamb = self.disamb.setdefault(item.id, Disamb())
        if mode == "bibliography":  # given names are expanded in citations only; names added
            disamb = Disamb(year_suffix=disamb.year_suffix,  # there apply (citeproc-js)
                            disambiguate=disamb.disambiguate, names_shown=disamb.names_shown)
        disamb.cond_count = disamb.cond_max = 0
        return Context(self.style, self.locale, item, mode, cite, disamb,
                       title_case=title_case)

    def render_tree(self, node: Child) -> str:
        return render(node, self.output, self.quotes, self.locale.punctuation_in_quote)

    # -- item evaluation -------------------------------------------------------------------
    def item_tree(self, item: Item, mode: str, cite: Cite | None = None,
                  disamb: Disamb | None = None) -> Span | None:
        """Evaluate the citation or bibliography layout for one item (no layout affixes)."""
        section = self.style.citation if mode == "citation" else self.style.bibliography
        if section is None:
            return None
        ctx = self.context(item, mode, cite, disamb)
        children = evaluate_children(section.layout.children, ctx)
        span = decorate(children, section.layout, ctx, tag="entry", data=item.id,
                        affixes=False)
        if span is not None and "delimiter" in span.fmt:
            del span.fmt["delimiter"]
        return span

    # -- sorting ---------------------------------------------------------------------------
    def sort_ids(self, ids: list[str], mode: str) -> list[str]:
        section = self.style.citation if mode == "citation" else self.style.bibliography
        if section is None or not section.sort or len(ids) < 2:
            return list(ids)

        keys = section.sort

        def value(item_id: str, index: int) -> Any:
            key = keys[index]
            numbered = _uses_citation_number(key)  # numbers change as items are cited
            cached = self._sort_cache.get((mode, item_id, index), _MISSING)
            if cached is _MISSING or numbered:
                ctx = self.context(self.item(item_id), mode)
                ctx.disamb = Disamb()  # sort keys ignore disambiguation (citeproc-js)
                cached = key_value(key, ctx)
                if not numbered:
                    self._sort_cache[(mode, item_id, index)] = cached
            return cached

        first = [i for i in ids if (mode, i, 0) not in self._sort_cache]
        if not _uses_citation_number(keys[0]) and len(first) > 1:
            # every entry needs the first key: a large set computes it in worker processes,
            # the collation table read once before they are forked
            done = self.progress_counter("sorting", len(first))
            found = parallel_map(lambda i: value(i, 0), first, self.jobs, done,
                                 before_fork=preload_collation)
            for item_id, v in zip(first, found):
                self._sort_cache[(mode, item_id, 0)] = v
        return sort_items(list(ids), keys, value)

    def sort_key_spans(self, item_id: str, keys: list[Node]) -> list[Span]:
        """The spans bibliography sort ``keys`` render for an item (no disambiguation)."""
        ctx = self.context(self.item(item_id), "bibliography")
        ctx.disamb = Disamb()  # sort keys ignore disambiguation
        return [span for key in keys for span in key_spans(key, ctx)]

    # -- disambiguation --------------------------------------------------------------------
    def disambiguate(self, citations: list[Citation]) -> None:
        """Disambiguate the cited items, registered citation by citation as ``citations``
        (a document, in order) cite them."""
        self.disamb_batches = registration_batches(citations)
        self.disambiguate_ids(list(dict.fromkeys(self.cited)))

    def disambiguate_ids(self, ids: list[str]) -> None:
        """Disambiguate ``ids`` (cited items, plus uncited bibliography entries) and keep
        the result as the items' :class:`Disamb` (see :mod:`.eval.disambiguate`)."""
        self.disambiguated = set(ids)
        inputs = DisambInputs(self.style, self.cite_tree, self.sort_key_spans,
                              lambda order: self.sort_ids(order, "bibliography"), self.jobs,
                              self.progress_counter)
        self.disamb.update(disambiguate_ids(inputs, ids, self.disamb_batches))

    def assign_citation_numbers(self, ids: list[str]) -> list[str]:
        """Number items in bibliography order (registry order when sorting by number)."""
        for n, item_id in enumerate(ids, 1):
            self.items[item_id]["citation-number"] = n
        ordered = self.sort_ids(ids, "bibliography")
        for n, item_id in enumerate(ordered, 1):
            self.items[item_id]["citation-number"] = n
        return ordered

    # -- bibliography ----------------------------------------------------------------------
    def bibliography(self, ids: list[str] | None = None) -> Bibliography:
        """Render the bibliography of ``ids`` (default: every item in the registry)."""
        if self.style.bibliography is None:
            return Bibliography([], [], {})
        ids = list(dict.fromkeys(ids)) if ids is not None else (self.cited or list(self.items))
        ordered = self.assign_citation_numbers(ids)
        if not set(ids) <= self.disambiguated:  # uncited entries take part too
            self.disambiguate_ids(list(dict.fromkeys(self.cited + ids)))
        opts = self.style.bibliography.options
        done = self.progress_counter("formatting", len(ordered))
        if "subsequent-author-substitute" in opts:  # compares neighbours: trees come back
            trees = parallel_map(self._bib_tree, ordered, self.jobs, done)
            substitute_authors(trees, opts["subsequent-author-substitute"],
                               opts.get("subsequent-author-substitute-rule", "complete-all"))
            texts = [self._entry_text(tree) for tree in trees]
        else:
            texts = parallel_map(self._bib_text, ordered, self.jobs, done)
        entries, out_ids = [], []
        for item_id, text in zip(ordered, texts):
            if text is not None:
                entries.append(text)
                out_ids.append(item_id)
        return Bibliography(entries, out_ids, self.bib_params(), list(self.warnings))

    def _bib_tree(self, item_id: str) -> Span | None:
        return self.item_tree(self.item(item_id), "bibliography")

    def _bib_text(self, item_id: str) -> str | None:
        return self._entry_text(self._bib_tree(item_id))

    def _entry_text(self, tree: Span | None) -> str | None:
        """One bibliography entry rendered, with the layout's affixes (None: no output)."""
        if tree is None:
            return None
        layout = self.style.bibliography.layout if self.style.bibliography else None
        attrs = layout.attrs if layout is not None else {}
        affixes: dict[str, str] = {k: attrs[k] for k in ("prefix", "suffix") if k in attrs}
        tree = self._second_field_align(tree, affixes)
        return self.render_tree(Span([tree], affixes))

    def progress_counter(self, stage: str, total: int) -> Callable[[int], None] | None:
        """A callback adding to the done count of ``stage`` (None without a progress hook)."""
        report = self.progress
        if report is None:
            return None
        done = [0]

        def advance(n: int) -> None:
            done[0] += n
            report(stage, done[0], total)
        return advance

    def _second_field_align(self, tree: Span, affixes: dict[str, str]) -> Span:
        """Split the entry into margin and inline divs; the layout suffix goes inside."""
        opts = self.style.bibliography.options if self.style.bibliography else {}
        if not opts.get("second-field-align") or len(tree.children) < 2:
            return tree
        first, rest = tree.children[0], tree.children[1:]
        inline = {"display": "right-inline"}
        if "suffix" in affixes:
            inline["suffix"] = affixes.pop("suffix")
        return Span([Span([first], {"display": "left-margin"}), Span(rest, inline)],
                    dict(tree.fmt), tree.tag, tree.data)

    def bib_params(self) -> dict[str, Any]:
        opts = self.style.bibliography.options if self.style.bibliography else {}
        return {
            "hangingindent": opts.get("hanging-indent") == "true",
            "second-field-align": opts.get("second-field-align") or False,
            "linespacing": int(opts.get("line-spacing", 1)),
            "entryspacing": int(opts.get("entry-spacing", 1)),
        }

    # -- citations -------------------------------------------------------------------------
    def cite_tree(self, cite: Cite, disamb: Disamb | None = None) -> Span | None:
        """One cite rendered (citation layout, without the layout's affixes); ``disamb``: see
        :meth:`context`."""
        item = self.item(cite.id)
        tree = self.item_tree(item, "citation", cite, disamb)
        if tree is None:
            return None
        if cite.suppress_author or cite.author_only:
            tree = _author_filter(tree, keep_author=cite.author_only)
            if tree is None:
                return None
        children: list[Child] = []
        if cite.prefix:
            children.append(Span(parse_rich(cite_prefix(cite.prefix)), tag="prefix"))
        tree.fmt = {k: v for k, v in tree.fmt.items() if k == "display"}  # layout's go outside
        children.append(tree)
        if cite.suffix:
            children.append(_suffix_span(cite_suffix(cite.suffix)))
        return Span(children, tag="cite", data=cite)

    def cluster_tree(self, cites: list[Cite]) -> Span | None:
        section = self.style.citation
        assert section is not None
        if section.sort and len(cites) > 1:
            order = self.sort_ids([c.id for c in cites], "citation")
            rank = {item_id: i for i, item_id in enumerate(order)}
            cites = sorted(cites, key=lambda c: rank[c.id])
        trees = [t for t in (self.cite_tree(c) for c in cites) if t is not None]
        if not trees:
            return None
        layout = section.layout
        trees = group_cites(trees, section.options)
        if self.style.style_class == "note":
            capitalize_leading_terms(trees)
        body = Span(join_cites(trees, section.options, layout.get("delimiter", ""),
                               self.style.style_class == "in-text"), tag="cites")
        affixes: dict[str, str] = {k: layout.attrs[k] for k in ("prefix", "suffix")
                                   if k in layout.attrs}
        fmt: dict[str, str] = {k: layout.attrs[k]
                               for k in ("font-style", "font-weight", "font-variant",
                                         "text-decoration", "vertical-align")
                               if k in layout.attrs}
        cluster = Span([Span([body], affixes)], fmt, tag="cluster")
        if self.style.style_class == "note":
            nest_braces(cluster)
        return cluster

    def render_cluster(self, citation: Citation) -> str:
        """A document citation's text; one that renders nothing is shown as citeproc-js
        shows it, ``[NO_PRINTED_FORM]``, so that it is never silently lost."""
        tree = self.cluster_tree(citation.cites)
        text = self.render_tree(tree) if tree is not None else ""
        return text or NO_PRINTED_FORM

    def citation(self, cites: list[Cite]) -> str:
        """Render one citation cluster (positions as given on the cites)."""
        for c in cites:
            if c.id not in self.cited:
                self.cited.append(c.id)
        tree = self.cluster_tree(cites)
        return self.render_tree(tree) if tree is not None else ""


def _uses_citation_number(key: Node) -> bool:
    """Whether a sort key reads citation-number (directly or inside its macro); kept on the
    key node. Macros are shared between callers, so each node is visited once."""
    if "numbered" not in key.cache:
        seen: set[int] = set()
        stack, found = [key], False
        while stack and not found:
            node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            found = node.attrs.get("variable") == "citation-number"
            stack.extend(node.children)
        key.cache["numbered"] = found
    return bool(key.cache["numbered"])


_MARKUP = re.compile(r"<[^>]+>")


def _letter(ch: str) -> bool:
    """A letter of an alphabetic (not CJK) script."""
    return ch.isalpha() and not ("\u2e80" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af")


def cite_prefix(prefix: str) -> str:
    """A cite prefix with the space citeproc-js adds after a word, number or punctuation."""
    bare = _MARKUP.sub("", prefix).rstrip("\"'\u201d\u2019\u00bb\u202f\u00a0 ")
    last = bare[-1:]
    if last and (_letter(last) or last in ":.;!?)],0123456789"):
        prefix += " "
    return re.sub(r"\s+", " ", prefix)


def _suffix_span(suffix: str) -> Span:
    """A cite suffix. As in citeproc-js, only leading terminal punctuation (not a comma) is
    split off the text, so only it can move into a preceding closing quote."""
    lead = re.match(r"[:.;!? ]*", suffix).group(0) if suffix[:1] != " " else ""  # type: ignore
    if lead == suffix:
        lead = ""
    body = Span(parse_rich(suffix[len(lead):]), tag="suffix-body")
    return Span([lead, body] if lead else [body], tag="suffix")


def cite_suffix(suffix: str) -> str:
    """A cite suffix with a space before it when it starts with a word or a bracket."""
    first = suffix[:1]
    return " " + suffix if first and (_letter(first) or first in "[(") else suffix


def _author_filter(tree: Span, keep_author: bool) -> Span | None:
    """Drop (suppress-author) or keep only (author-only) the first names output."""
    target = None
    for span in tree.walk():
        if span.tag == "names":
            target = span
            break
    if target is None:
        return None if keep_author else tree
    if keep_author:
        return target

    def strip(node: Span) -> bool:
        for i, child in enumerate(node.children):
            if child is target:
                node.children[i] = ""
                return True
            if isinstance(child, Span) and strip(child):
                return True
        return False

    strip(tree)
    return tree
