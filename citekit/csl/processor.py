"""Format stage: the processor — a registry of items, citations and the bibliography.

It evaluates layouts into output trees (``eval``), sorts, assigns positions and
disambiguation, and renders trees to strings (``output``) only at the end.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from ..errors import FormatError
from ..model import Item
from ..model.notefield import lift_note_fields
from .abbreviations import Abbreviations
from .eval.collapse import (
    SUPPRESSED,
    capitalize_leading_term,
    capitalize_leading_terms,
    group_cites,
    join_cites,
)
from .eval.context import Citation, Cite, Context, Disamb
from .eval.core import evaluate_children
from .eval.dates import drop_year_repeating_collection_number
from .eval.decorate import decorate
from .eval.disamb_inputs import DisambInputs
from .eval.disamb_names import (
    NameRegistry,
    may_share_initials,
    name_data,
    registry_sort_givens,
    same_initials,
    sort_key_givens,
)
from .eval.disambiguate import disambiguate_ids, first_notes, registration_batches, shared_read
from .eval.disambiguate import reader as disamb_reader
from .eval.sort import forget_text_keys, key_value, sort_items
from .eval.sort import preload as preload_collation
from .eval.subsequent import substitute_authors
from .nodes import Node
from .output.braces import nest_braces, nest_entry_braces
from .output.links import link_entry, link_identifiers
from .output.render import Quotes, render
from .output.tree import Child, NameData, Span, Tag
from .parallel import forks, parallel_iter, parallel_map
from .richtext import parse_rich
from .style import Style, load_style

NO_PRINTED_FORM = "[NO_PRINTED_FORM]"
NO_PRINTED_FORM_ENTRY = "[CSL STYLE ERROR: reference with no printed form.]"
# progress(stage, done, total): told as long runs advance (the CLI draws a bar on a terminal)
Progress = Callable[[str, int, int], None]
_MISSING = object()  # a sort value not computed yet (None is a value: empty)


@dataclass
class Bibliography:
    """Rendered bibliography entries and the style's formatting parameters; ``warnings``
    (data, not prints) name the items left out because nothing of them renders."""

    entries: list[str]
    ids: list[str]
    params: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # duplicate item ids, ...


class Processor:
    """Formats items in one style and locale. Use from one thread at a time."""

    def __init__(self, style: Style | str, items: Iterable[Item] = (),
                 locale: str | None = None, output: str = "text", jobs: int = 1,
                 progress: Progress | None = None,
                 abbreviations: Abbreviations | None = None, copy_items: bool = True) -> None:
        self.style = style if isinstance(style, Style) else load_style(style)
        self.abbreviations = abbreviations  # short forms of titles etc. (form="short")
        self.locale = self.style.locale(locale)
        self.output = output
        self.jobs = jobs  # worker processes for large bibliographies (1: none)
        self.progress = progress
        # link DOIs and URLs in bibliography entries (pandoc's link-bibliography)
        self.link_identifiers = False
        # a cite of an unknown item renders as this (pandoc's bold "key?"); None: an error
        self.missing: Callable[[Cite], Span] | None = None
        # the sort values of each item (by section and key index, then item id) and the name
        # data its bibliography sort keys render, which global name disambiguation reads (by
        # key index, then item id): one dict per key, not a tuple key per value
        self._sort_cache: dict[tuple[str, int], dict[str, Any]] = {}
        self._sort_names: dict[int, dict[str, tuple[NameData, ...]]] = {}
        # equal name data (and equal tuples of it) as one object: items share their authors
        self._shared_names: dict[Any, Any] = {}
        # the items' disambiguation reads made with their sort keys (sort_ids' read_early)
        self._early_reads: dict[str, Any] = {}
        self._early_shared: dict[Any, Any] = {}  # their equal parts as one (shared_read)
        # the last sort_ids result: (mode, ids), the sort cache it was computed from, order
        self._last_sort: tuple[tuple[str, tuple[str, ...]], dict, list[str]] | None = None
        # False: a one-shot run (one bibliography of a large set) keeps the bibliography's
        # order once it has sorted, not each item's sort values (keys without numbers only)
        self.keep_sort_values = True
        from ..model.keys import drop_duplicates

        # without copy_items the items are the processor's own: it sets numbers on them
        self._copy_items = copy_items
        unique, self.warnings = drop_duplicates(items)  # warnings as data, for the caller
        self.items: dict[str, Item] = {}
        for item in unique:
            self.add_item(item)
        self.disamb: dict[str, Disamb] = {}
        self.cited: list[str] = []  # registry order: order of first citation
        self.disambiguated: list[str] = []  # ids the last disambiguation pass covered
        # the cited ids in the order the document's citations registered them, one list per
        # citation (disambiguation replays citeproc-js's registry with them)
        self.disamb_batches: list[list[str]] = []
        self.first_notes: dict[str, int] = {}  # the note of each item's first cite
        loc = self.locale
        self.quotes = Quotes(loc.term("open-quote") or "\u201c",
                             loc.term("close-quote") or "\u201d",
                             loc.term("open-inner-quote") or "\u2018",
                             loc.term("close-inner-quote") or "\u2019")
        self._english = self._is_english_default()
        citation = self.style.citation
        self._adds_givenname = citation is not None and \
            citation.options.get("disambiguate-add-givenname") == "true"
        self._by_cite_givens = self._adds_givenname and citation is not None and \
            citation.options.get("givenname-disambiguation-rule", "by-cite") == "by-cite"
        # the global name registry the last disambiguation left (rules other than by-cite)
        self._name_registry: NameRegistry | None = None

    def add_item(self, item: Item) -> None:
        """Register (or replace) an item, with the variables its note holds read (Zotero).

        The processor keeps its own copy (unless made with ``copy_items=False``): it sets
        citation numbers on it.
        """
        lifted = lift_note_fields(item)
        self._early_reads.pop(item.id, None)
        if item.id in self.items:  # new data: its sort values go with the old
            for cached in (*self._sort_cache.values(), *self._sort_names.values()):
                cached.pop(item.id, None)
            self._last_sort = None
        self.items[item.id] = lifted.copy() if lifted is item and self._copy_items \
            else lifted

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
        title_case = not item.get("jurisdiction")
        if disamb is None:
            disamb = self.disamb.get(item.id) or Disamb()  # (kept only where not plain)
        if mode == "bibliography":  # names and given names added in citations apply
            # there when the style adds given names (citeproc-js: only where they show more;
            # with disambiguate-add-names alone the bibliography keeps its own et-al)
            givens = self._adds_givenname
            disamb = Disamb(year_suffix=disamb.year_suffix, disambiguate=disamb.disambiguate,
                            names_shown=disamb.names_shown if givens else 0,
                            givenname_level=disamb.givenname_level if givens else 0,
                            name_levels=disamb.name_levels if givens else {},
                            full_given=disamb.full_given if givens else frozenset())
        disamb.cond_count = disamb.cond_max = 0
        return Context(self.style, self.locale, item, mode, cite, disamb,
                       title_case=title_case, english=english,
                       abbreviations=self.abbreviations)

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
        span = decorate(children, section.layout, ctx, tag=Tag.ENTRY, data=item.id,
                        affixes=False)
        if span is not None and "delimiter" in span.fmt:
            del span.fmt["delimiter"]
        if span is not None and item.type == "legal_case":
            drop_year_repeating_collection_number(
                span, item, self.style.root.get("disable-duplicate-year-suppression", ""))
        return span

    # -- sorting ---------------------------------------------------------------------------
    def sort_ids(self, ids: list[str], mode: str, read_early: bool = False) -> list[str]:
        """``ids`` in the ``mode`` section's sort order. ``read_early``: the ids are
        disambiguated next, and when the sort works out its keys in worker processes, the
        same pass makes each item's disambiguation read (kept for :meth:`disambiguate_ids`:
        one pass over the items in workers instead of two)."""
        section = self.style.citation if mode == "citation" else self.style.bibliography
        if section is None or not section.sort or len(ids) < 2:
            return list(ids)

        keys = section.sort
        numbered = any(key.key_numbered for key in keys)  # numbers change as items are cited
        asked = (mode, tuple(ids))
        last = self._last_sort
        if not numbered and last is not None and last[0] == asked and last[1] is self._sort_cache:
            return list(last[2])  # the same ids sorted again (numbering, disambiguation)

        def value(item_id: str, index: int) -> Any:
            return self.sort_value(mode, item_id, index)

        def prefetch(entries: list[str], index: int) -> None:
            """The values of key ``index`` that sorting will ask for, worked out together:
            a large set computes them in worker processes, the collation table read once
            before they are forked (every entry needs the first key; the ties, the next)."""
            cached = self._sort_cache.get((mode, index), {})
            todo = [i for i in entries if i not in cached]
            if keys[index].key_numbered or len(todo) < 2:
                return
            done = self.progress_counter("sorting", len(todo)) if index == 0 else None
            read = None
            if index == 0 and read_early and mode == "bibliography" \
                    and forks(len(todo), self.jobs):
                read = disamb_reader(self._disamb_inputs())
            sort_names = self._sort_names.setdefault(index, {}) if mode == "bibliography" \
                else {}

            def compute(item_id: str) -> tuple[Any, Any, Any]:
                # with the name data disambiguation reads (kept by sort_value), which a
                # worker process must send back, unless the read is made here too
                found = value(item_id, index)
                if read is not None:
                    return found, None, read(item_id)
                return found, sort_names.get(item_id), None

            # a later key (a date, a title) costs a tenth of what the first (the names) and
            # an item's disambiguation read cost: forking is worth it only for many ties
            # (taken as they come: a whole bibliography's results never wait in one list)
            results = parallel_iter(compute, todo, self.jobs, done,
                                    weight=1 if index == 0 else 0.1,
                                    before_fork=preload_collation)
            store = self._sort_cache.setdefault((mode, index), {})
            for item_id, (found, names, early) in zip(todo, results, strict=True):
                store[item_id] = found
                if names is not None:  # from a worker process: not here yet
                    sort_names[item_id] = names
                if early is not None:
                    self._early_reads[item_id] = shared_read(early, self._early_shared)

        lean = not numbered and not self.keep_sort_values and mode == "bibliography"

        def done(index: int) -> None:
            # the order is all a one-shot run asks for again: each key's values go once
            # the sort has read them (the name data disambiguation reads stay)
            self._sort_cache.pop((mode, index), None)

        order = sort_items(list(ids), keys, value, prefetch, done if lean else None)
        if not numbered:
            self._last_sort = (asked, self._sort_cache, order)
        if lean:
            forget_text_keys()
        return list(order)

    def sort_value(self, mode: str, item_id: str, index: int) -> Any:
        """The value of the ``mode`` section's sort key ``index`` for an item (cached)."""
        section = self.style.citation if mode == "citation" else self.style.bibliography
        assert section is not None
        key = section.sort[index]
        numbered = key.key_numbered  # numbers change as items are cited
        values = self._sort_cache.get((mode, index))
        cached = values.get(item_id, _MISSING) if values is not None else _MISSING
        if cached is _MISSING or numbered:
            cached, spans = self._key_value(item_id, mode, index)
            if not numbered:
                self._sort_cache.setdefault((mode, index), {})[item_id] = cached
                if key.key_renders_names and mode == "bibliography":
                    # disambiguation reads the names these render (sort_key_spans):
                    # their name data is kept, not the trees
                    shared = self._shared_names
                    names = tuple(d if d.name.extra else shared.setdefault(d, d)
                                  for d in name_data(spans))  # (extra keys: not compared)
                    self._sort_names.setdefault(index, {})[item_id] = \
                        shared.setdefault(names, names)
        return cached

    def _key_value(self, item_id: str, mode: str, index: int, keyed: bool = True
                   ) -> tuple[Any, list[Span]]:
        """Sort key ``index`` of the section ``mode`` for an item: value and spans (without
        ``keyed``, text values stay text: no collation table is needed for the spans)."""
        section = self.style.citation if mode == "citation" else self.style.bibliography
        assert section is not None
        item = self.item(item_id)
        ctx = self.context(item, mode)
        ctx.disamb = Disamb()  # sort keys ignore disambiguation (citeproc-js)
        value = key_value(section.sort[index], ctx, keyed)
        full: frozenset[tuple[str, int]] = frozenset()
        if mode == "bibliography" and self._by_cite_givens and value[1] \
                and may_share_initials(item, self.style.options):
            # but names sharing initials within the item are registered (citeproc-js)
            cite = self.item_tree(item, "citation")
            full = sort_key_givens(value[1], cite, item, self.style.options)
        elif mode == "bibliography" and self._name_registry is not None and value[1]:
            # and names the global registry holds with two given names (citeproc-js)
            rule = self.style.citation.options.get("givenname-disambiguation-rule", "") \
                if self.style.citation is not None else ""
            full = registry_sort_givens(value[1], item, self._name_registry,
                                        rule.startswith("primary-name"))
        if full:
            ctx = self.context(item, mode)
            ctx.disamb = Disamb(full_given=full)
            value = key_value(section.sort[index], ctx, keyed)
        return value

    def sort_key_spans(self, item_id: str, keys: list[Node]) -> list[Span]:
        """The spans bibliography sort ``keys`` render for an item (no disambiguation); those
        sorting rendered already are not rendered again."""
        assert self.style.bibliography is not None
        sort = self.style.bibliography.sort
        out: list[Span] = []
        for key in keys:
            index = next(i for i, k in enumerate(sort) if k is key)
            names = self._sort_names.get(index, {}).get(item_id)
            if names is None:
                out += self._key_value(item_id, "bibliography", index, keyed=False)[1]
            else:
                out += (Span(tag=Tag.NAME, data=data) for data in names)
        return out

    # -- disambiguation --------------------------------------------------------------------
    def register(self, citations: list[Citation]) -> None:
        """Keep what disambiguation reads of a document's ``citations`` (in order): the
        items each registers, the note of each item's first cite."""
        self.disamb_batches = registration_batches(citations)
        self.first_notes = first_notes(citations)

    def disambiguate(self, citations: list[Citation] | None,
                     uncited: Iterable[str] = ()) -> None:
        """Disambiguate the cited items, registered citation by citation as ``citations``
        (a document, in order; None: as :meth:`register` was last told) cite them, then the
        ``uncited`` items registered with them."""
        if citations is not None:
            self.register(citations)
        self.disambiguate_ids(list(dict.fromkeys([*self.cited, *uncited])))

    def disambiguate_ids(self, ids: list[str]) -> None:
        """Disambiguate ``ids`` (cited items, plus uncited bibliography entries) and keep
        the result as the items' :class:`Disamb` (see :mod:`.eval.disambiguate`)."""
        self.disambiguated = ids  # (a list: a set of a large bibliography's ids costs more)
        inputs = self._disamb_inputs(self._early_reads)
        self._early_reads, self._early_shared = {}, {}  # (made for this pass only)
        found = disambiguate_ids(inputs, ids, self.disamb_batches, self._keep_name_registry)
        for item_id in ids:  # an item that needs nothing keeps no Disamb of its own
            if item_id not in found:
                self.disamb.pop(item_id, None)
        self.disamb.update(found)

    def _disamb_inputs(self, early_reads: dict[str, Any] | None = None) -> DisambInputs:
        return DisambInputs(self.style, self.cite_tree, self.sort_key_spans,
                            lambda order: self.sort_ids(order, "bibliography"), self.jobs,
                            self.progress_counter, self.first_notes,
                            lambda item_id, variable: variable in self.item(item_id),
                            early_reads or {})

    def _keep_name_registry(self, registry: NameRegistry) -> None:
        """Keep the global name registry for the bibliography's sort keys; the name keys
        sorted before it (during disambiguation) are sorted again."""
        bib = self.style.bibliography
        if bib is None or not self._adds_givenname or registry.initials_only:
            return  # initials only: no sort key shows more of a name
        self._name_registry = registry
        stale = {i for i, key in enumerate(bib.sort) if key.key_renders_names}
        self._sort_cache = {k: v for k, v in self._sort_cache.items()
                            if not (k[0] == "bibliography" and k[1] in stale)}
        self._sort_names = {k: v for k, v in self._sort_names.items() if k not in stale}
        self._last_sort = None

    def assign_citation_numbers(self, ids: list[str], read_early: bool = False) -> list[str]:
        """Number items in bibliography order (registry order when sorting by number);
        ``read_early``: see :meth:`sort_ids`."""
        for n, item_id in enumerate(ids, 1):
            self.items[item_id]["citation-number"] = n
        ordered = self.sort_ids(ids, "bibliography", read_early)
        bib = self.style.bibliography
        # citeproc-js: a descending citation-number key numbers the bibliography from its end
        down = bib is not None and any(k.get("sort") == "descending" and k.key_numbered
                                       for k in bib.sort)
        for n, item_id in enumerate(ordered, 1):
            self.items[item_id]["citation-number"] = len(ordered) + 1 - n if down else n
        return ordered

    # -- bibliography ----------------------------------------------------------------------
    def bibliography(self, ids: list[str] | None = None) -> Bibliography:
        """Render the bibliography of ``ids`` (default: every item in the registry)."""
        if self.style.bibliography is None:
            return Bibliography([], [], {})
        entries: list[str] = []
        out_ids: list[str] = []
        warnings: list[str] = []
        for item_id, text in self.bibliography_entries(ids, warnings):
            entries.append(text)
            out_ids.append(item_id)
        return Bibliography(entries, out_ids, self.bib_params(), warnings)

    def bibliography_entries(self, ids: list[str] | None = None,
                             warnings: list[str] | None = None) -> Iterator[tuple[str, str]]:
        """:meth:`bibliography`'s entries one by one, in order, as ``(item id, text)``: each
        is rendered when it is asked for, so a caller that writes it out holds none of the
        others. The bibliography's warnings are added to ``warnings`` as they are found."""
        found: list[str] = warnings if warnings is not None else []
        if self.style.bibliography is None:
            return
        found.extend(self.warnings)
        ids = list(dict.fromkeys(ids)) if ids is not None else (self.cited or list(self.items))
        ordered = self.assign_citation_numbers(ids)
        if ids != self.disambiguated and not set(ids) <= set(self.disambiguated):
            # uncited entries take part too
            self.disambiguate_ids(list(dict.fromkeys(self.cited + ids)))
        del ids
        opts = self.style.bibliography.options
        done = self.progress_counter("formatting", len(ordered))
        texts: Iterable[str | None]
        if "subsequent-author-substitute" in opts:  # compares neighbours: trees come back
            trees = parallel_map(self._bib_tree, ordered, self.jobs, done)
            substitute_authors(trees, opts["subsequent-author-substitute"],
                               opts.get("subsequent-author-substitute-rule", "complete-all"))
            texts = (self._entry_text(tree) for tree in trees)
        else:
            texts = parallel_iter(self._bib_text, ordered, self.jobs, done)
        numeric = self.style.citation is not None and \
            self.style.citation.renders_citation_number
        shown = 0
        for item_id, text in zip(ordered, texts, strict=True):  # (texts run to their end)
            if text is None:
                found.append(f"item {item_id!r}: the style's bibliography renders nothing "
                             "for it " + ("(shown as citeproc-js shows it)" if numeric
                                          else "(left out)"))
                if numeric:  # citeproc-js keeps the numbering visible
                    text = f"{shown + 1}. {NO_PRINTED_FORM_ENTRY}"
            if text is not None:
                shown += 1
                yield item_id, text

    def _bib_tree(self, item_id: str) -> Span | None:
        item = self.item(item_id)
        tree = self.item_tree(item, "bibliography")
        if self._by_cite_givens and may_share_initials(item, self.style.options):
            # names sharing initials within the entry (citeproc-js)
            cite = self.item_tree(item, "citation")
            full = same_initials(tree, cite, item, self.style.options)
            if full:
                disamb = replace(self.disamb.get(item_id) or Disamb(), full_given=full)
                tree = self.item_tree(item, "bibliography", disamb=disamb)
        if tree is not None:  # citeproc-js: a term with nothing before it (term_predecessor)
            capitalize_leading_term(tree)
            if self.style.style_class == "note" and self.cited:
                nest_entry_braces(tree)
        return tree

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
        if self.link_identifiers and tree.data in self.items:
            link_entry(tree, self.items[tree.data].get)
        if "suffix" in affixes and _suffix_into_display(tree, affixes["suffix"]):
            del affixes["suffix"]
        if self.link_identifiers:
            link_identifiers(tree)
        text = self.render_tree(Span([tree], affixes))
        if self.output == "html":  # citeproc-js: an entry's first block gives its leading
            text = _FIRST_BLOCK_SPACE.sub(r" \1\2", text, count=1)  # space to the entry
        return text

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
        children: list[Child] = []
        if cite.prefix:
            children.append(Span(parse_rich(cite_prefix(cite.prefix)), tag=Tag.PREFIX))
        tree.fmt = {k: v for k, v in tree.fmt.items() if k == "display"}  # layout's go outside
        children.append(tree)
        if cite.suffix:
            children.append(_suffix_span(cite_suffix(cite.suffix)))
        return Span(children, tag=Tag.CITE, data=cite)

    def cluster_tree(self, cites: list[Cite], mode: str | None = None,
                     unsorted: bool = False, affixes: tuple[str, str] = ("", ""),
                     grouped: bool = True) -> Span | None:
        """A cluster's output tree. ``mode`` (a citation's properties.mode) makes its first
        cite author-only or suppress-author (not in note styles, as citeproc-js);
        ``unsorted`` keeps the cites in given order; ``affixes`` (properties.prefix and
        suffix) go inside the layout's. ``grouped``: an in-text style that groups cites
        sorts them as citeproc-js's processCitationCluster does (its grouped sort), else as
        its makeCitationCluster does (by the sort keys alone)."""
        section = self.style.citation
        assert section is not None
        sort = bool(section.sort) and not unsorted
        missing = self.missing
        if missing is not None:  # unknown items first, as written (pandoc)
            cites = [c for c in cites if c.id not in self.items] + [
                c for c in cites if c.id in self.items]
        if sort and len(cites) > 1:
            order = self.sort_ids([c.id for c in cites if c.id in self.items], "citation")
            rank = {item_id: i for i, item_id in enumerate(order)}
            cites = sorted(cites, key=lambda c: rank.get(c.id, -1))
        if mode == "suppress-author" and self.style.style_class == "note":
            mode = None
        if mode in ("author-only", "suppress-author") and cites:
            cites = [replace(cites[0], author_only=mode == "author-only",
                             suppress_author=mode == "suppress-author")] + cites[1:]
        author_only = next((k for k, c in enumerate(cites) if c.author_only), None)
        if author_only is not None:  # citeproc-js: an author-only cite ends the cluster
            cites = cites[:author_only + 1]
        trees = [t for t in ((missing(c) if missing is not None and c.id not in self.items
                              else self.cite_tree(c)) for c in cites) if t is not None]
        if not trees:
            return None
        layout = section.layout
        if sort:  # citeproc-js groups cites as part of sorting them
            grouped_sort = grouped and self.style.style_class == "in-text" and all(
                isinstance(t.data, Cite) and t.data.id in self.items for t in trees)
            trees = group_cites(trees, section.options, [
                self.sort_value("citation", t.data.id, 0) for t in trees
            ] if grouped_sort else None, section.sort[0].get("sort") == "descending")
        if self.style.style_class == "note":
            capitalize_leading_terms(trees)
        body = Span(join_cites(trees, section.options, layout.get("delimiter", ""),
                               self.style.style_class == "in-text"), tag=Tag.CITES)
        if any(affixes):
            around: list[Child] = [body]
            if affixes[0]:
                around.insert(0, Span(parse_rich(cite_prefix(affixes[0])), tag=Tag.PREFIX))
            if affixes[1]:
                around.append(_suffix_span(cite_suffix(affixes[1])))
            body = Span(around)
        outer: dict[str, str] = {k: layout.attrs[k] for k in ("prefix", "suffix")
                                 if k in layout.attrs}
        fmt: dict[str, str] = {k: layout.attrs[k]
                               for k in ("font-style", "font-weight", "font-variant",
                                         "text-decoration", "vertical-align")
                               if k in layout.attrs}
        if outer.get("suffix"):  # citeproc-js drops the layout suffix's trailing spaces
            outer["suffix"] = outer["suffix"].rstrip()
        if author_only is not None:  # shown bare: no layout affixes nor formatting
            outer, fmt = {}, {}
        cluster = Span([Span([body], outer)], fmt, tag=Tag.CLUSTER)
        if self.style.style_class == "note":
            nest_braces(cluster)
        return cluster

    def render_cluster(self, citation: Citation, grouped: bool = True) -> str:
        """A document citation's text; one that renders nothing is shown as citeproc-js
        shows it, ``[NO_PRINTED_FORM]``, so that it is never silently lost. ``grouped``:
        see :meth:`cluster_tree`."""
        cites = citation.cites
        props = citation.properties or {}
        mode, unsorted = props.get("mode"), bool(props.get("unsorted"))
        affixes = (str(props.get("prefix") or ""), str(props.get("suffix") or ""))
        if mode != "composite":
            return self._cluster_text(cites, mode, unsorted, affixes, grouped) or \
                self._no_printed_form(cites, mode)
        # composite: the author-only cluster, the infix, then the suppress-author cluster
        first = self._cluster_text(cites, "author-only", unsorted, grouped=grouped) \
            or NO_PRINTED_FORM
        infix = props.get("infix") or ""
        if first and infix[:1] in (".", ",", ";", ":", "!", "?", "\u2019", "'"):
            first, infix = first + infix, ""
        third = self._cluster_text(cites, "suppress-author", unsorted, affixes, grouped) \
            or NO_PRINTED_FORM
        return " ".join(t for t in (first, infix, third) if t)

    def _no_printed_form(self, cites: list[Cite], mode: str | None) -> str:
        """What citeproc-js shows for a citation that renders nothing: its style error inside
        the layout affixes, or ``[NO_PRINTED_FORM]`` when the author was left out on purpose."""
        first = cites[0] if cites else None
        if first is None or mode or first.author_only or first.suppress_author:
            return NO_PRINTED_FORM
        layout = self.style.citation.layout if self.style.citation else None
        attrs = layout.attrs if layout is not None else {}
        return self.render_tree(Span([NO_PRINTED_FORM_ENTRY], {
            k: attrs[k] for k in ("prefix", "suffix") if k in attrs}))

    def _cluster_text(self, cites: list[Cite], mode: str | None, unsorted: bool,
                      affixes: tuple[str, str] = ("", ""), grouped: bool = True) -> str:
        tree = self.cluster_tree(cites, mode, unsorted, affixes, grouped)
        return self.render_tree(tree) if tree is not None else ""

    def citation(self, cites: list[Cite]) -> str:
        """Render one citation cluster (positions as given on the cites)."""
        for c in cites:
            if c.id not in self.cited:
                self.cited.append(c.id)
        tree = self.cluster_tree(cites)
        return self.render_tree(tree) if tree is not None else ""


_FIRST_BLOCK_SPACE = re.compile(r'^(\s*)(<div class="csl-[a-z-]+">) ')


def _suffix_into_display(tree: Span, suffix: str) -> bool:
    """Put the layout suffix inside the entry's last block when the entry ends with one
    (citeproc-js): ``<div class="csl-right-inline">….</div>``, not ``…</div>.``."""
    node = tree
    while True:
        at = next((i for i in range(len(node.children) - 1, -1, -1)
                   if not _blank(node.children[i])), None)
        last = node.children[at] if at is not None else None
        if at is None or not isinstance(last, Span):
            return False
        display = last.fmt.get("display")
        if display:
            inner = Span(last.children, {k: v for k, v in last.fmt.items() if k != "display"},
                         last.tag, last.data)
            node.children[at] = Span([inner, suffix], {"display": display})
            return True
        if last.fmt.get("suffix") or last.fmt.get("delimiter") is None and last.fmt:
            return False
        node = last


def _blank(node: Child) -> bool:
    return node == "" if isinstance(node, str) else node.is_empty()


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
    body = Span(parse_rich(suffix[len(lead):]), tag=Tag.SUFFIX_BODY)
    return Span([lead, body] if lead else [body], tag=Tag.SUFFIX)


def cite_suffix(suffix: str) -> str:
    """A cite suffix with a space before it when it starts with a word or a bracket."""
    first = suffix[:1]
    return " " + suffix if first and (_letter(first) or first in "[(") else suffix


_TEXT_LEAVES = frozenset((Tag.VARIABLE, Tag.TITLE, Tag.LOCATOR, Tag.YEAR_SUFFIX, Tag.NUMBER))
_DROPPED = frozenset((Tag.TERM, Tag.VALUE, Tag.LABEL, Tag.CITATION_NUMBER))


def _author_filter(tree: Span, keep_author: bool) -> Span:
    """The cite tree for author-only (``keep_author``) or suppress-author, as citeproc-js.

    Elements are read in order, noting whether one has rendered yet. Author-only keeps the
    first names (with its substitute) or date that renders while none has, and drops every
    other text, number, term and label; suppress-author drops the first names output when
    nothing rendered before it.
    """
    rendered = False

    def visit(node: Span) -> None:
        nonlocal rendered
        for i, child in enumerate(node.children):
            if not isinstance(child, Span):
                continue
            tag, empty = child.tag, child.is_empty()
            if tag is Tag.NAMES:
                if rendered == keep_author and not empty:  # an empty mark keeps the names
                    node.children[i] = Span([], tag=Tag.NAMES,  # for cite collapsing
                                            data=(SUPPRESSED, child.plain()))
            elif tag is Tag.DATE:
                if keep_author and rendered:
                    node.children[i] = ""
            elif tag in _TEXT_LEAVES or tag in _DROPPED:
                if keep_author:
                    node.children[i] = ""
                if tag not in _TEXT_LEAVES:
                    continue
            else:
                visit(child)
                continue
            rendered = rendered or not empty

    visit(tree)
    return tree  # even when empty: the cite's own affixes still show
