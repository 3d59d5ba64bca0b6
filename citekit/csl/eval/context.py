"""Format stage: the evaluation context for one item in one citation or bibliography entry."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...errors import FormatError
from ...model import Item
from ..abbreviations import Abbreviations
from ..locale import Locale
from ..style import Style

POSITION_FIRST, POSITION_SUBSEQUENT, POSITION_IBID, POSITION_IBID_LOCATOR = 0, 1, 2, 3
# variables whose value comes from the cite or the processor, not only from the item
SPECIAL_VARIABLES = frozenset(("locator", "first-reference-note-number", "year-suffix",
                               "page-first"))


@dataclass(slots=True)
class Cite:
    """One cite of an item: what the document says about this occurrence."""

    id: str
    locator: str | None = None
    label: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    suppress_author: bool = False
    author_only: bool = False
    position: int = POSITION_FIRST
    near_note: bool = False
    first_reference_note_number: int | None = None
    note_index: int = 0
    # the position, near-note and first-reference-note-number the caller set itself, kept
    # when the document assigns positions: ((attribute, value), ...)
    given: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Cite:
        """A cite from a CSL citation item; a value of the wrong type is a FormatError."""
        if not isinstance(data, dict):
            raise FormatError(f"a cite must be an object, not {_kind(data)}")
        item_id = data.get("id")
        if not isinstance(item_id, (str, int)) or isinstance(item_id, bool):
            raise FormatError(f"a cite's 'id' must be text, not {_kind(item_id)}")
        given: list[tuple[str, Any]] = []
        position = _number_of(data, "position")
        if position is not None:
            if not 0 <= position <= 3:
                raise FormatError(f"a cite's 'position' must be 0 to 3, not {position}")
            given.append(("position", position))
        if data.get("near-note") is not None:
            given.append(("near_note", _flag(data, "near-note")))
        first = _number_of(data, "first-reference-note-number")
        if first is not None:
            given.append(("first_reference_note_number", first))
        return cls(
            id=str(item_id),
            locator=_text_of(data, "locator", numbers=True),
            label=_text_of(data, "label"),
            prefix=_text_of(data, "prefix"),
            suffix=_text_of(data, "suffix"),
            suppress_author=_flag(data, "suppress-author"),
            author_only=_flag(data, "author-only"),
            given=tuple(given),
            **dict(given),
        )


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _text_of(data: dict[str, Any], key: str, numbers: bool = False) -> str | None:
    """A cite's text field (None when absent or empty); numbers allowed for ``locator``
    (elsewhere ``0`` and ``false`` say "none", as citeproc-js reads them)."""
    value = data.get(key)
    if value in (None, ""):
        return None
    if numbers and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if value is False or (isinstance(value, int) and value == 0):
        return None
    if not isinstance(value, str):
        raise FormatError(f"a cite's {key!r} must be text, not {_kind(value)}")
    return value


def _flag(data: dict[str, Any], key: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, (bool, int, str)) and value is not None:
        raise FormatError(f"a cite's {key!r} must be true or false, not {_kind(value)}")
    return value not in (False, None, "", "false", 0, "0")


def _number_of(data: dict[str, Any], key: str) -> int | None:
    """A cite's number field (``position``, ...): None when absent, else a whole number."""
    value = data.get(key)
    if value in (None, ""):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise FormatError(f"a cite's {key!r} must be a whole number, not {value!r:.40}")


@dataclass
class Citation:
    """One citation cluster: cites, the note it sits in (0 for in-text), an optional id."""

    cites: list[Cite]
    note_index: int = 0
    id: str | None = None
    properties: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: dict[str, Any] | list[Any]) -> Citation:
        """A citation from a CSL citation object (or a bare list of cites).

        A value of the wrong type is a :class:`FormatError` naming it (and the cite).
        """
        if isinstance(data, list):
            return cls(_cites(data))
        if not isinstance(data, dict):
            raise FormatError(f"a citation must be an object or a list of cites, "
                              f"not {_kind(data)}")
        props = data.get("properties") or {}
        if not isinstance(props, dict):
            raise FormatError(f"'properties' must be an object, not {_kind(props)}")
        note = props.get("noteIndex", 0) or 0
        if isinstance(note, str) and note.strip().isdigit():
            note = int(note)
        if not isinstance(note, int) or isinstance(note, bool) or note < 0:
            raise FormatError(f"'noteIndex' must be a note number, not {note!r:.40}")
        items = data.get("citationItems", [])
        if not isinstance(items, list):
            raise FormatError(f"'citationItems' must be a list, not {_kind(items)}")
        citation_id = data.get("citationID")
        if citation_id is not None and not isinstance(citation_id, (str, int)):
            raise FormatError(f"'citationID' must be text, not {_kind(citation_id)}")
        return cls(_cites(items), note, None if citation_id is None else str(citation_id),
                   dict(props))


def _cites(data: list[Any]) -> list[Cite]:
    cites = []
    for n, value in enumerate(data, 1):
        try:
            cites.append(Cite.from_json(value))
        except FormatError as exc:
            raise FormatError(f"cite {n}: {exc.message}") from None
    return cites


@dataclass(slots=True)
class Disamb:
    """Disambiguation state of one item (set by the disambiguation pass); slotted: a large
    bibliography keeps one for most of its items."""

    add_names: int = 0           # extra names shown beyond et-al-use-first
    givenname_level: int = 0     # 0 style as is, 1 initials added, 2 full given names
    name_levels: dict[int, int] = field(default_factory=dict)  # per-name position level
    # (variable, position) of the names shown with full given names (by-cite bibliography)
    full_given: frozenset[tuple[str, int]] = frozenset()
    year_suffix: int | None = None  # 0 -> "a"
    disambiguate: int = 0        # how many disambiguate="true" conditions test true
    names_shown: int = 0         # names shown after add-names (absolute; the bibliography's)
    cond_count: int = 0          # last citation render: disambiguate tests that were true,
    cond_max: int = 0            # ... and all disambiguate="true" tests evaluated


@dataclass
class Context:
    """Everything an element evaluation needs to know."""

    style: Style
    locale: Locale
    item: Item
    mode: str  # "citation" or "bibliography"
    cite: Cite | None = None
    disamb: Disamb = field(default_factory=Disamb)
    sorting: bool = False
    sort_names_opts: dict[str, str] | None = None
    substituted: set[str] = field(default_factory=set)
    frames: list[list[int]] = field(default_factory=list)
    visits: list[set[str]] = field(default_factory=list)
    # per open cs:substitute: [(name, et-al, label) inherited, whether a cs:names rendered]
    names_inherit: list[list[Any]] = field(default_factory=list)
    renders_year_suffix: bool = False
    year_suffix_done: bool = False
    title_case: bool = True  # text-case="title" applies at all: the item has no jurisdiction
    english: bool = True  # an English item: title case applies to its titles, places ...
    steps: int = 0  # elements evaluated so far (bounded: see core.MAX_STEPS)
    abbreviations: Abbreviations | None = None  # what form="short" falls back to

    @property
    def section_options(self) -> dict[str, str]:
        section = self.style.citation if self.mode == "citation" else self.style.bibliography
        return section.options if section is not None else {}

    def option(self, name: str, default: Any = None) -> Any:
        """An inheritable option: from the section (citation/bibliography), then the style."""
        value = self.section_options.get(name)
        if value is None:
            value = self.style.options.get(name, default)
        return value

    def note_variable(self, rendered: bool) -> None:
        """Format stage: record a variable call for group suppression.

        A frame is ``[attempt, success, term]``: a variable that renders marks success, one that
        renders nothing marks an attempt (as citeproc-js's group context does).
        """
        if self.frames:
            self.frames[-1][1 if rendered else 0] = 1

    def visit(self, *names: str) -> None:
        """Format stage: record that a rendering element called these variables (inside
        cs:substitute, every variable called is suppressed for the rest of the output; one
        called a second time inside the same cs:substitute is already suppressed there, as
        citeproc-js blocks it as soon as it is called)."""
        for found in self.visits:
            again = found.intersection(names)
            if again:
                self.substituted.update(again)
            found.update(names)

    def note_term(self) -> None:
        """Format stage: record that a term or literal value rendered inside the current group."""
        if self.frames:
            self.frames[-1][2] = 1

    def variable(self, name: str) -> Any:
        """The item's value for ``name``, with the cite's locator and substitutions applied."""
        if name in self.substituted:
            return None
        if name in SPECIAL_VARIABLES:
            return self.raw_variable(name)
        return self.item.get(name)

    def raw_variable(self, name: str) -> Any:
        """The item's value for ``name`` as conditions see it: substitution does not hide it
        (citeproc-js tests the item itself)."""
        if name == "locator":
            return self.cite.locator if self.cite else None
        if name == "first-reference-note-number":
            if self.cite and self.cite.first_reference_note_number and self.mode == "citation":
                return str(self.cite.first_reference_note_number)
            return None
        if name == "year-suffix":
            if self.disamb.year_suffix is None:
                return None
            return suffix_letters(self.disamb.year_suffix)
        if name == "page-first" and self.item.get("page") not in (None, ""):
            return page_first(str(self.item.get("page")))
        return self.item.get(name)


def page_first(page: str) -> str:
    """Input stage: page-first derived from page, as citeproc-js does for every item.

    The first piece before "&", ", ", "-" or "–" (unless that piece ends in an escaping
    backslash, in which case the whole page value is kept).
    """
    first = re.split(r"\s*(?:&|, |-|\u2013)\s*", page)[0]
    return page if first.endswith("\\") else first


def suffix_letters(index: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa, ..."""
    letters = ""
    index += 1
    while index > 0:
        index, rem = divmod(index - 1, 26)
        letters = chr(ord("a") + rem) + letters
    return letters
