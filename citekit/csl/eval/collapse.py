"""Format stage: cite grouping and collapsing inside one citation cluster.

Works on the cite trees (spans tagged ``cite``) after sorting and before rendering:
:func:`group_cites` moves cites whose names output is identical next to the first of them
(cite grouping); :func:`join_cites` joins the cites into the cluster body, collapsing
citation-number runs (``[1]–[3]``), repeated names (``Smith 1900, 2000``) and year-suffixes
(``2000a, c–e``) as citeproc-js does, with the cite-group, after-collapse and year-suffix
delimiters. :func:`capitalize_leading_terms` capitalizes a term that opens a note citation
(citeproc-js's term_predecessor rule).
"""
from __future__ import annotations

import re
from functools import cmp_to_key
from typing import Any

from ..output.tree import Child, Span, Tag, TagName
from .sort import collation_key, compare_values

DASH = "\u2013"
_NAME_COLLAPSE = ("year", "year-suffix", "year-suffix-ranged")


SUPPRESSED = "suppressed"  # NAMES data (SUPPRESSED, text) of names a cite leaves out


def _names_key(tree: Span) -> str | None:
    """The plain text of a cite's first names output (None when it has none)."""
    names = tree.find(Tag.NAMES)
    if names is None:
        return None
    if isinstance(names.data, tuple) and names.data[:1] == (SUPPRESSED,):
        return names.data[1] or None  # a suppressed author still counts (citeproc-js)
    if names.data == ("substitute",) and names.find(Tag.NAME_LIST) is None:
        return None  # text standing in for names neither groups nor collapses (citeproc-js)
    text = names.plain()
    return text or None


def _author_string(tree: Span) -> str | None:
    """What citeproc-js's grouped sort compares: the cite's names output, None when that is
    a substitute other than names (a title standing in for the author)."""
    names = tree.find(Tag.NAMES)
    if names is not None and names.data == ("substitute",) and names.find(Tag.NAME_LIST) is None:
        return None
    return _names_key(tree)


def grouping_active(options: dict[str, str]) -> bool:
    return options.get("collapse") in _NAME_COLLAPSE or "cite-group-delimiter" in options


def group_cites(trees: list[Span], options: dict[str, str], first_keys: list[Any] | None = None,
                descending: bool = False) -> list[Span]:
    """Reorder sorted cites so that those with the same names follow the first of them.

    With ``first_keys`` (each cite's value of the first sort key; in-text styles), as
    citeproc-js's grouped sort: the cites sorted by their names (collation order, cites
    without names last), each run of equal names takes the first key of its first cite, and
    the groups go in the order of that key, groups tied on it in the order of their names.
    """
    if not grouping_active(options) or len(trees) < 2:
        return trees
    if first_keys is not None:
        return _grouped_sort(trees, first_keys, descending)
    if len(trees) < 3:
        return trees
    groups: dict[str, list[Span]] = {}
    order: list[list[Span]] = []
    for tree in trees:
        key = _names_key(tree)
        if key is None:
            order.append([tree])
        elif key in groups:
            groups[key].append(tree)
        else:
            groups[key] = [tree]
            order.append(groups[key])
    return [t for group in order for t in group]


def _grouped_sort(trees: list[Span], first_keys: list[Any], descending: bool) -> list[Span]:
    names = [_author_string(t) for t in trees]
    by_names = sorted(range(len(trees)), key=lambda i: (
        names[i] is None, collation_key(names[i] or "")))
    rank: dict[int, tuple[Any, int]] = {}
    group_key: Any = None
    for n, i in enumerate(by_names):
        if n == 0 or names[i] != names[by_names[n - 1]]:
            group_key = first_keys[i]
        rank[i] = (group_key, n)

    def cmp(a: int, b: int) -> int:
        (ka, na), (kb, nb) = rank[a], rank[b]
        c = compare_values(ka, kb) or (na > nb) - (na < nb)
        return -c if descending else c

    return [trees[i] for i in sorted(range(len(trees)), key=cmp_to_key(cmp))]


# -- citation-number ranges ------------------------------------------------------------------

def _number_only(tree: Span) -> int | None:
    """The citation number of a cite whose only text is that number, else None."""
    num = tree.find(Tag.CITATION_NUMBER)
    if num is None or not isinstance(num.data, int):
        return None
    if any(isinstance(c, Span) and c.tag in (Tag.PREFIX, Tag.SUFFIX) for c in tree.children):
        return None
    if tree.plain() and not _only_under(tree, num):
        return None
    return num.data


def _only_under(node: Child, target: Span) -> bool:
    """True when every leaf string of ``node`` lies inside ``target``."""
    if node is target:
        return True
    if isinstance(node, str):
        return not node
    return all(_only_under(c, target) for c in node.children)


def _number_runs(trees: list[Span]) -> list[list[Span]]:
    runs: list[list[Span]] = []
    prev: int | None = None
    for tree in trees:
        num = _number_only(tree)
        if runs and num is not None and prev is not None and num == prev + 1:
            runs[-1].append(tree)
        else:
            runs.append([tree])
        prev = num
    return runs


# -- names / year-suffix collapsing ----------------------------------------------------------

def _without(tree: Span, tag: TagName) -> Span:
    """A shallow-copied tree with the first span tagged ``tag`` emptied."""
    target = tree.find(tag)

    def copy(node: Child) -> Child:
        if isinstance(node, str):
            return node
        if node is target:
            return ""
        return Span([copy(c) for c in node.children], dict(node.fmt), node.tag, node.data)

    result = copy(tree)
    return result if isinstance(result, Span) else Span()


def _suffix_only(tree: Span, prev: Span) -> Span | None:
    """The year-suffix of ``tree`` alone when it repeats ``prev`` but for the suffix."""
    suffix = tree.find(Tag.YEAR_SUFFIX)
    if suffix is None or prev.find(Tag.YEAR_SUFFIX) is None:
        return None
    if _without(tree, Tag.YEAR_SUFFIX).plain() != _without(prev, Tag.YEAR_SUFFIX).plain():
        return None
    return suffix


def _years(tree: Span) -> list[str]:
    """The years a cite renders, in order (their year-suffixes aside)."""
    return [_without(y, Tag.YEAR_SUFFIX).plain() for y in tree.walk() if y.tag is Tag.YEAR]


def _without_years(tree: Span) -> Span:
    """A copy of ``tree`` whose years show only their year-suffixes (citeproc-js leaves out
    a year that repeats the previous cite's when its names collapsed)."""

    def copy(node: Child) -> Child:
        if isinstance(node, str):
            return node
        if node.tag is Tag.YEAR:
            fmt = {k: v for k, v in node.fmt.items() if k not in ("prefix", "suffix")}
            kept: list[Child] = [c for c in node.walk() if c.tag is Tag.YEAR_SUFFIX]
            return Span(kept, fmt, node.tag, node.data)
        return Span([copy(c) for c in node.children], dict(node.fmt), node.tag, node.data)

    result = copy(tree)
    return result if isinstance(result, Span) else Span()


def _suffix_letter(span: Span | None) -> int | None:
    text = span.plain() if span is not None else ""
    if len(text) == 1 and text.isalpha():
        return ord(text.lower())
    return None


def _range_suffixes(entries: list[list[Any]]) -> None:
    """Range runs of 3+ consecutive year-suffix letters (the run's head may be a cite)."""
    i = 0
    while i < len(entries):
        j = i
        while j + 1 < len(entries) and entries[j + 1][2] == "suffix" and \
                entries[j][3] is not None and entries[j + 1][3] == entries[j][3] + 1:
            j += 1
        if j - i >= 2:
            entries[j][0] = DASH
            del entries[i + 1:j]
            i += 2
        else:
            i = j + 1


def _splice(options: dict[str, str], delimiter: str, prev: Span | None, last: bool,
            have: bool, use_cgd: bool, in_text: bool) -> str:
    """The delimiter before a cite (citeproc-js getSpliceDelimiter)."""
    mode = options.get("collapse", "")
    acd = options.get("after-collapse-delimiter")
    if acd is not None:
        prev_cite = prev.data if prev is not None else None
        if getattr(prev_cite, "locator", None) or (last and not have) or \
                (not last and not have and mode != "year-suffix"):
            return acd
        return delimiter
    if use_cgd:
        return options.get("cite-group-delimiter", "")
    if have and in_text and mode != "citation-number":
        return ", "
    return delimiter


def _names_entries(trees: list[Span], options: dict[str, str], delimiter: str,
                   in_text: bool) -> list[list[Any]]:
    """[delimiter, content, kind, suffix letter, cite] per cite, names collapsed."""
    mode = options.get("collapse", "")
    cgd = options.get("cite-group-delimiter")
    # before a cite collapsed to its year-suffix: citeproc-js takes cite-group-delimiter first
    suffix_delim = cgd if cgd is not None else options.get("year-suffix-delimiter", delimiter)
    drop_years = mode.startswith("year-suffix") and \
        options.get("disambiguate-add-year-suffix") == "true"
    last_names: str | None = None
    have = use_cgd = False
    prev: Span | None = None
    entries: list[list[Any]] = []
    for tree in trees:
        key = _names_key(tree)
        if key is None and mode.startswith("year-suffix") and tree.find(Tag.NAMES) is None:
            key = ""  # cites that show no names at all collapse their year-suffixes too
        last, have = have, bool(mode) and key is not None
        content: Span = tree
        if key is not None and key == last_names:
            if mode:
                content = _without(tree, Tag.NAMES)
            use_cgd = use_cgd or cgd is not None
        elif key is not None:
            last_names, have, use_cgd = key, False, False
        delim = _splice(options, delimiter, prev, last, have, use_cgd, in_text)
        suffix = content.find(Tag.YEAR_SUFFIX)
        if have and mode.startswith("year-suffix") and entries and \
                _suffix_only(tree, entries[-1][4]) is not None:
            entries.append([suffix_delim, suffix, "suffix", _suffix_letter(suffix), tree])
            prev = tree
            continue
        if have and drop_years and prev is not None:
            years = _years(tree)
            if years and years == _years(prev)[:len(years)]:
                content = _without_years(content)
                if suffix is not None and content.plain() == suffix.plain():
                    entries.append([suffix_delim, suffix, "suffix", _suffix_letter(suffix), tree])
                    prev = tree
                    continue
        prev = tree
        if content.is_empty():
            continue
        # a cite heads a range of year-suffixes only when its suffix ends it (no locator after)
        ends = suffix is not None and content.plain().endswith(suffix.plain())
        entries.append([delim, content, "cite", _suffix_letter(suffix) if ends else None, tree])
    if mode == "year-suffix-ranged":
        _range_suffixes(entries)
    return entries


def join_cites(trees: list[Span], options: dict[str, str], delimiter: str,
               in_text: bool = True) -> list[Child]:
    """The cluster body: cites with delimiters, collapsed per the citation options."""
    mode = options.get("collapse")
    if mode == "citation-number":
        runs = _number_runs(trees)
        out: list[Child] = []
        for run in runs:
            if out:
                out.append(delimiter)
            out += [run[0], DASH, run[-1]] if len(run) >= 3 else _interleave(run, delimiter)
        return _fix_delimiters(out)
    if grouping_active(options):
        entries = _names_entries(trees, options, delimiter, in_text)
        out = [c for k, e in enumerate(entries) for c in ((e[0], e[1]) if k else (e[1],))]
        return _fix_delimiters(out)
    return _fix_delimiters(_interleave(trees, delimiter))


def _affix(tree: Child, tag: TagName) -> str:
    if not isinstance(tree, Span) or tree.tag is not Tag.CITE:
        return ""
    for child in tree.children:
        if isinstance(child, Span) and child.tag is tag:
            return child.plain()
    return ""


def _fix_delimiters(items: list[Child]) -> list[Child]:
    """citeproc-js: no delimiter before a cite prefix starting with "." or ","; only the
    delimiter's space after a cite suffix ending in one."""
    for i in range(1, len(items) - 1):
        delimiter = items[i]
        if not isinstance(delimiter, str):
            continue
        before, after = _affix(items[i - 1], Tag.SUFFIX), _affix(items[i + 1], Tag.PREFIX)
        starts = not before and after[:1] in (".", ",")
        if before[-1:] in (".", ",") or starts:
            space = delimiter.find(" ")
            items[i] = delimiter[space:] if space > -1 and not starts else ""
    return items


def _interleave(items: list[Span], delimiter: str) -> list[Child]:
    out: list[Child] = []
    for item in items:
        if out and delimiter:
            out.append(delimiter)
        out.append(item)
    return out


_SENTENCE_END = re.compile(r"[:.;!?][\"'\u201d\u2019\u00bb\u202f\u00a0 ]*$")


def capitalize_leading_terms(trees: list[Span]) -> None:
    """Capitalize a term rendered first in a cluster, or after a cite prefix that ends a
    sentence (terminal punctuation, and a space inside the prefix)."""
    for i, tree in enumerate(trees):
        prefix = _affix(tree, Tag.PREFIX)
        if prefix:
            if not (_SENTENCE_END.search(prefix) and " " in prefix.strip()):
                continue
        elif i > 0:
            continue
        entry = next((c for c in tree.children if isinstance(c, Span) and
                      c.tag not in ("prefix", "suffix")), None)
        if entry is not None:
            _capitalize_first_leaf(entry, False)


def capitalize_leading_term(entry: Span) -> None:
    """Capitalize a term rendered first in a bibliography entry ("Anon.", "N.d.")."""
    _capitalize_first_leaf(entry, False)


def _capitalize_first_leaf(node: Span, in_term: bool) -> bool | None:
    """Capitalize the first non-empty leaf if it lies in a term; True once a leaf is seen."""
    if node.tag is Tag.TERM and node.data in ("lowercase", "uppercase"):
        return True  # OSCOLA's text-case="lowercase" "ibid" stays lowercase (citeproc-js)
    in_term = in_term or node.tag is Tag.TERM
    for k, child in enumerate(node.children):
        if isinstance(child, str):
            if not child:
                continue
            if in_term:
                node.children[k] = child[:1].upper() + child[1:]
            return True
        if _capitalize_first_leaf(child, in_term):
            return True
    return None
