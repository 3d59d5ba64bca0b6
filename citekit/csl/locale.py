"""Format stage: CSL locales — terms, date formats and locale options, merged in CSL order.

Order of precedence (CSL 1.0.2 "Locale Fallback"): the style's ``cs:locale`` for the exact
dialect, for the language, without ``xml:lang``; then the locale file of the dialect, of the
language's primary dialect, and en-US.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import StyleError
from .nodes import Node, from_element
from .resources import locale_path, primary_dialects
from .xmlsafe import parse_xml

FORM_FALLBACK = {
    "verb-short": ("verb-short", "verb", "long"),
    "symbol": ("symbol", "short", "long"),
    "short": ("short", "long"),
    "verb": ("verb", "long"),
    "long": ("long",),
}


def _term_text(text: str) -> str:
    """A term's text as citeproc-js reads it: only whitespace is no text, a line break is a
    space (a style's ``<term name="and others">`` left open on two lines renders nothing)."""
    return "" if not text.strip() else text.replace("\n", " ")


@dataclass
class Term:
    single: str
    multiple: str
    gender: str | None = None
    match: str | None = None


@dataclass
class Locale:
    """Merged locale data for one language."""

    lang: str = "en-US"
    # (name, form, gender-form or None) -> Term
    terms: dict[tuple[str, str, str | None], Term] = field(default_factory=dict)
    dates: dict[str, Node] = field(default_factory=dict)
    punctuation_in_quote: bool = False
    limit_day_ordinals: bool = False
    # the keys of ``terms`` that come from the en-US fallback, not the locale's own language
    fallback: set[tuple[str, str, str | None]] = field(default_factory=set)
    # term name -> gender (for nouns such as month-01, edition)

    def merge(self, node: Node) -> None:
        """Overlay a ``cs:locale`` node's contents onto this locale."""
        for child in node.children:
            if child.name == "terms":
                self._merge_terms(child)
            elif child.name == "date":
                self.dates[child.get("form", "text")] = child
            elif child.name == "style-options":
                if "punctuation-in-quote" in child.attrs:
                    self.punctuation_in_quote = child.get("punctuation-in-quote") == "true"
                if "limit-day-ordinals-to-day-1" in child.attrs:
                    self.limit_day_ordinals = (
                        child.get("limit-day-ordinals-to-day-1") == "true")

    def _merge_terms(self, node: Node) -> None:
        ordinals_redefined = any(t.get("name", "").startswith("ordinal") for t in node.children)
        if ordinals_redefined:  # CSL: defining any ordinal term drops all inherited ones
            for key in [k for k in self.terms if k[0].startswith("ordinal")]:
                del self.terms[key]
                self.fallback.discard(key)
        if self.fallback:  # a term the language defines, in any form, is the language's
            # only: its other forms fall back to its own long form, not to en-US (citeproc-js)
            defined = {t.get("name", "") for t in node.children if t.name == "term"}
            dropped = {k for k in self.fallback if k[0] in defined}
            for key in dropped:
                del self.terms[key]
            self.fallback -= dropped
        for t in node.children:
            if t.name != "term":
                continue
            name = t.get("name", "")
            form = t.get("form", "long")
            single_node, multiple_node = t.child("single"), t.child("multiple")
            if single_node is not None or multiple_node is not None:
                single = _term_text(single_node.text) if single_node is not None else ""
                multiple = _term_text(multiple_node.text) if multiple_node is not None \
                    else single
            else:
                single = multiple = _term_text(t.text)
            self.terms[(name, form, t.get("gender-form"))] = Term(
                single, multiple, t.get("gender"), t.get("match"))

    def term(self, name: str, form: str = "long", plural: bool = False,
             gender: str | None = None) -> str | None:
        """The term's text, with CSL form fallback; None when undefined."""
        found = self.find(name, form, gender)
        if found is None:
            return None
        return found.multiple if plural else found.single

    def find(self, name: str, form: str = "long", gender: str | None = None) -> Term | None:
        for f in FORM_FALLBACK.get(form, (form, "long")):
            if gender:
                hit = self.terms.get((name, f, gender))
                if hit is not None:
                    return hit
            hit = self.terms.get((name, f, None))
            if hit is not None:
                return hit
        return None

    def gender_of(self, name: str) -> str | None:
        term = self.terms.get((name, "long", None))
        return term.gender if term else None


@lru_cache(maxsize=64)
def _locale_file_node(path: Path) -> Node:
    root = parse_xml(path.read_bytes(), str(path))
    return from_element(root)


def _file_chain(lang: str) -> list[Node]:
    tags = ["en-US"]
    primary = primary_dialects().get(lang.split("-")[0])
    if primary and primary not in tags:
        tags.append(primary)
    if lang not in tags:
        tags.append(lang)
    nodes = []
    for tag in tags:
        path = locale_path(tag)
        if path is not None:
            nodes.append(_locale_file_node(path))
    if not nodes:
        raise StyleError(f"no locale file for {lang!r}")
    return nodes


def build_locale(lang: str, style_locales: list[Node]) -> Locale:
    """Merge locale files and a style's own ``cs:locale`` elements for ``lang``."""
    locale = Locale(lang=lang)
    for n, node in enumerate(_file_chain(lang)):
        locale.merge(node)
        if n == 0 and lang != "en-US":  # the en-US file: what the language lacks
            locale.fallback = set(locale.terms)
    base = lang.split("-")[0]
    order = ([n for n in style_locales if not n.get("lang")]
             + [n for n in style_locales if n.get("lang") == base and base != lang]
             + [n for n in style_locales if n.get("lang") == lang])
    for node in order:
        locale.merge(node)
    return locale


def locale_warning(lang: str) -> str | None:
    """Why ``lang`` is not a locale of its own (None when a locale file has it): a tag of
    an unknown dialect falls back to its language's primary dialect, an unknown language to
    en-US, and the user asking for it should hear so."""
    if locale_path(lang) is not None:
        return None
    primary = primary_dialects().get(lang.split("-")[0])
    if primary and locale_path(primary) is not None:
        if "-" not in lang:
            return None  # a language alone ("de") means its primary dialect
        return f"unknown locale {lang!r}: {primary}'s terms and dates are used"
    return f"unknown locale {lang!r}: en-US terms and dates are used"
