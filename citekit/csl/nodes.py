"""Format stage: a CSL style as immutable plain-data nodes, parsed once.

Every CSL element becomes an :class:`Node` (name, attributes, children). ``cs:text macro=``
nodes get the macro's children attached, so evaluation never looks macros up.

What evaluation needs to know about a node is worked out once, into typed fields: the
formatting :func:`~.eval.decorate.decorate` applies (when the node is made), the facts about
sort keys and macros (when the style is parsed), and a few memos that depend on the item
type or the section (filled by the one evaluator that reads each; see the field comments).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

CSL_NS = "{http://purl.org/net/xbiblio/csl}"

_FORMAT_ATTRS = ("font-style", "font-variant", "font-weight", "text-decoration",
                 "vertical-align")
# a node's formatting indexed [sorting][affixes] (sort keys keep only affixes and delimiter)
Formats = tuple[tuple[dict[str, str], dict[str, str]], tuple[dict[str, str], dict[str, str]]]


@dataclass(frozen=True, slots=True)
class FormattingPlan:
    """What :func:`~.eval.decorate.decorate` applies for a node."""

    strip_periods: bool
    text_case: str | None
    formats: Formats


@dataclass(frozen=True, slots=True)
class NamesParts:
    """A cs:names element's cs:name, cs:et-al and cs:label children and its variables."""

    name: Node | None
    et_al: Node | None
    label: Node | None
    variables: list[str]


#: a memo field not worked out yet
NOT_KNOWN: Any = object()


@dataclass(eq=False)
class Node:
    """One CSL element: ``name`` without namespace, ``attrs`` and child nodes."""

    name: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    text: str = ""
    line: int = 0
    # -- worked out when the node is made ------------------------------------------------
    plan: FormattingPlan = field(init=False, repr=False)
    names_parts: NamesParts | None = field(default=None, init=False, repr=False)  # cs:names
    # -- set by style parsing (style.py) -------------------------------------------------
    # cs:macro: the macros it calls are attached
    macro_resolved: bool = field(default=False, init=False, repr=False)
    # cs:text calling a macro the style lacks: the style's source (an error when evaluated)
    undefined_macro: str | None = field(default=None, init=False, repr=False)
    # cs:key: it reads citation-number (directly or in its macro) ...
    key_numbered: bool = field(default=False, init=False, repr=False)
    # ... it can render names (a name variable, or a cs:names in its macro)
    key_renders_names: bool = field(default=False, init=False, repr=False)
    # cs:text macro= / cs:key macro=: the macro holds a cs:date itself (not only through the
    # macros it calls); in a sort key such a macro gives only its dates (citeproc-js)
    macro_has_date: bool = field(default=False, init=False, repr=False)
    # -- memos of the evaluators (they depend on the item type or the section) -----------
    # cs:if / cs:else-if: the compiled conditions (eval/conditions.py)
    predicate: Callable[[Any], bool] | None = field(default=None, init=False, repr=False)
    # cs:choose: by item type, the branches that can apply and whether each is settled
    branches: dict[str, list[tuple[Node, bool]]] = field(default_factory=dict, init=False,
                                                          repr=False)
    # cs:name: the inherited name options by section ("citation"/"bibliography")
    name_options: dict[str, dict[str, str]] = field(default_factory=dict, init=False,
                                                     repr=False)
    # cs:names: the same element without its delimiter (what a cs:substitute outputs)
    without_delimiter: Node | None = field(default=None, init=False, repr=False)
    # cs:names: what its name lists render with, by the cs:name, cs:label and outer cs:names
    # in force (eval/names.py)
    names_plans: dict[tuple[int, ...], Any] = field(default_factory=dict, init=False,
                                                    repr=False)
    # cs:group / cs:text macro=: the item variables below it (eval/absent.py; NOT_KNOWN
    # until first evaluated, None: not skippable), and by (item type, mode, sorting) the
    # locale and group-context attempt flag of a suppressed outcome for an item lacking them
    absent_vars: frozenset[str] | None | object = field(default=None, init=False, repr=False)
    absent_outcomes: dict[tuple[str, str, bool], tuple[object, int]] = field(
        default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.plan = formatting_plan(self.name, self.attrs)
        self.absent_vars = NOT_KNOWN
        if self.name == "names":
            self.names_parts = NamesParts(self.child("name"), self.child("et-al"),
                                          self.child("label"),
                                          self.attrs.get("variable", "").split())

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
    return Node(name, attrs, [from_element(c) for c in el if isinstance(c.tag, str)],
                (el.text or "") if len(el) == 0 else "", el.sourceline or 0)


def formatting_plan(name: str, attrs: dict[str, str]) -> FormattingPlan:
    """strip-periods, text-case and the formatting of an element named ``name``."""
    bare = {k: attrs[k] for k in _FORMAT_ATTRS if k in attrs}
    if attrs.get("quotes") == "true":
        bare["quotes"] = "true"
    if "display" in attrs:
        bare["display"] = attrs["display"]
    if "delimiter" in attrs and name in ("group", "layout", "names", "date"):
        bare["delimiter"] = attrs["delimiter"]
    full = dict(bare)
    for affix in ("prefix", "suffix"):
        if attrs.get(affix):
            full[affix] = attrs[affix]

    def kept(fmt: dict[str, str]) -> dict[str, str]:
        return {k: v for k, v in fmt.items() if k in ("delimiter", "prefix", "suffix")}

    # citeproc-js applies text-case to what an element renders itself, not to the output of
    # a macro call or a group
    case = None if name == "group" or (name == "text" and "macro" in attrs) \
        else attrs.get("text-case")
    return FormattingPlan(attrs.get("strip-periods") == "true", case,
                          ((bare, full), (kept(bare), kept(full))))
