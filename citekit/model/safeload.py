"""Shared by Recover and Format: untrusted JSON and YAML text to plain data, with bounded work
and memory.

Every reader of JSON or YAML (CSL-JSON, CSL-YAML, front matter, ``--document`` files, JSON-LD,
citation-abbreviation lists) goes through here, so the limits hold everywhere:

- YAML aliases may not expand a document past :data:`MAX_ALIAS_EXPANSION` nodes (nor past
  ten times its written size): an "alias bomb" is a located error, not gigabytes of memory;
- nesting deeper than :data:`MAX_DEPTH` is a located error (never a RecursionError);
- a key written twice in one object is a warning naming both lines (the last one is kept,
  as JSON and YAML parsers do);
- every document of a multi-document YAML stream is read;
- lone surrogates (``"\\ud800"``) become U+FFFD, with a warning, so no output ever fails to
  encode; non-finite numbers (``Infinity``, ``NaN``) are reported by :func:`bad_number_path`
  so the entry holding one is rejected alone.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..errors import ParseError

if TYPE_CHECKING:  # PyYAML is imported on first use: reading JSON (and start-up) never pays for it
    import yaml

__all__ = ["MAX_ALIAS_EXPANSION", "MAX_DEPTH", "clean_strings", "iter_json_list", "load_json",
           "load_yaml", "load_yaml_documents", "may_hold_surrogates"]

#: nodes an alias-using YAML document may expand to (and at most 10× its written nodes)
MAX_ALIAS_EXPANSION = 200_000
#: nesting of lists and objects allowed in bibliographic data
MAX_DEPTH = 100

_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


# -- JSON --------------------------------------------------------------------------------------
class _Pairs:
    """``object_pairs_hook`` that keeps the last of duplicate keys and remembers them."""

    def __init__(self) -> None:
        self.duplicates: list[str] = []

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(pairs)
        if len(out) < len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen and len(self.duplicates) < 100:
                    self.duplicates.append(key)
                seen.add(key)
        return out


def load_json(text: str, label: str) -> tuple[Any, list[str]]:
    """Decoded JSON and warnings; a syntax error (or too deep nesting) is a ParseError."""
    pairs = _Pairs()
    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise ParseError(f"invalid JSON: {exc.msg} (column {exc.colno})", file=label,
                         line=exc.lineno) from None
    except RecursionError:
        raise ParseError("JSON nested too deeply", file=label) from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise ParseError(f"invalid JSON: {exc}".splitlines()[0], file=label) from None
    warnings = [f"{label}: key {key!r} appears twice in one object: the last value is kept"
                for key in pairs.duplicates]
    if may_hold_surrogates(text):
        data = clean_strings(data, label, warnings)
    return data, warnings


_BLANK = re.compile(r"[ \t\n\r]*")


def iter_json_list(text: str, label: str, warnings: list[str]) -> Iterator[Any] | None:
    """The values of a top-level JSON list one at a time (None when ``text`` is not a list).

    Only one value is decoded at a time, so a 100 MB file never exists twice in memory
    (as text and as one big decoded tree). A syntax error raises a ParseError when reached;
    the values before it have been given.
    """
    start = _BLANK.match(text, 1 if text.startswith("\ufeff") else 0).end()  # type: ignore
    if text[start:start + 1] != "[":
        return None

    def values() -> Iterator[Any]:
        pairs = _Pairs()
        decoder = json.JSONDecoder(object_pairs_hook=pairs)
        surrogates = may_hold_surrogates(text)
        pos = _BLANK.match(text, start + 1).end()  # type: ignore[union-attr]
        first = True
        while True:
            if text.startswith("]", pos) and first:
                pos += 1
                break
            try:
                value, pos = decoder.raw_decode(text, pos)
            except json.JSONDecodeError as exc:
                raise ParseError(f"invalid JSON: {exc.msg} (column {exc.colno})", file=label,
                                 line=exc.lineno) from None
            except RecursionError:
                raise ParseError("JSON nested too deeply", file=label,
                                 line=text.count("\n", 0, pos) + 1) from None
            except ValueError as exc:  # e.g. an integer of more than 4,300 digits
                raise ParseError(f"invalid JSON: {exc}".splitlines()[0], file=label,
                                 line=text.count("\n", 0, pos) + 1) from None
            first = False
            if surrogates:
                value = clean_strings(value, label, warnings)
            yield value
            pos = _BLANK.match(text, pos).end()  # type: ignore[union-attr]
            mark = text[pos:pos + 1]
            if mark == "]":
                pos += 1
                break
            if mark != ",":
                _syntax_error(text, pos, label, "Expecting ',' delimiter" if mark else
                              "Expecting value")
            pos = _BLANK.match(text, pos + 1).end()  # type: ignore[union-attr]
        if _BLANK.match(text, pos).end() != len(text):  # type: ignore[union-attr]
            _syntax_error(text, _BLANK.match(text, pos).end(), label,  # type: ignore
                          "Extra data")
        warnings.extend(f"{label}: key {key!r} appears twice in one object: the last value "
                        "is kept" for key in pairs.duplicates)

    return values()


def _syntax_error(text: str, pos: int, label: str, message: str) -> None:
    exc = json.JSONDecodeError(message, text, pos)
    raise ParseError(f"invalid JSON: {exc.msg} (column {exc.colno})", file=label,
                     line=exc.lineno)


# -- YAML --------------------------------------------------------------------------------------
def _children(node: yaml.Node) -> list[yaml.Node]:
    import yaml

    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_node(root: yaml.Node, label: str, warnings: list[str], offset: int) -> None:
    """Reject alias bombs and deep nesting; warn about keys written twice (iteratively)."""
    import yaml

    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    written = 0
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            kids = _children(node)
            size[key] = 1 + sum(size[id(k)] for k in kids)
            depth[key] = 1 + max((depth[id(k)] for k in kids), default=0)
            if size[key] > MAX_ALIAS_EXPANSION and size[key] > 10 * written:
                raise ParseError("YAML aliases expand too far (an alias bomb?): "
                                 f"more than {MAX_ALIAS_EXPANSION:,} values",
                                 file=label, line=node.start_mark.line + 1)
            if depth[key] > MAX_DEPTH:
                raise ParseError(f"YAML nested more than {MAX_DEPTH} levels deep", file=label,
                                 line=node.start_mark.line + 1)
            if isinstance(node, yaml.MappingNode):
                _warn_duplicate_keys(node, label, warnings, offset)
            continue
        if key in size:
            continue
        written += 1
        stack.append((node, True))
        stack.extend((kid, False) for kid in _children(node) if id(kid) not in size)


def _warn_duplicate_keys(node: yaml.MappingNode, label: str, warnings: list[str],
                         offset: int) -> None:
    import yaml

    first: dict[str, int] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        line = key_node.start_mark.line + 1 + offset
        if key_node.value in first and len(warnings) < 100:
            warnings.append(f"{label}:{line}: key {key_node.value!r} appears twice in one "
                            f"mapping (also line {first[key_node.value]}): the last value is kept")
        first[key_node.value] = line


def load_yaml_documents(text: str, label: str, line_offset: int = 0
                        ) -> tuple[list[Any], list[str]]:
    """Every document of a YAML stream, and warnings; errors are located ParseErrors.

    ``line_offset`` is added to line numbers (front matter starts after the ``---`` line).
    """
    import yaml

    warnings: list[str] = []
    documents: list[Any] = []
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        while loader.check_node():
            node = loader.get_node()
            _check_node(node, label, warnings, line_offset)
            documents.append(loader.construct_document(node))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "cannot be read"
        raise ParseError(f"invalid YAML: {problem}", file=label,
                         line=mark.line + 1 + line_offset if mark else None) from None
    except ParseError as exc:
        if exc.line is not None:
            exc.line += line_offset
        raise
    except RecursionError:
        raise ParseError("YAML nested too deeply", file=label) from None
    finally:
        loader.dispose()
    if may_hold_surrogates(text):
        documents = [clean_strings(d, label, warnings) for d in documents]
    return documents, warnings


def load_yaml(text: str, label: str, line_offset: int = 0) -> tuple[Any, list[str]]:
    """The first document of ``text`` (None when empty); warns when more follow."""
    documents, warnings = load_yaml_documents(text, label, line_offset)
    if len(documents) > 1:
        warnings.append(f"{label}: {len(documents) - 1} YAML document(s) after the first "
                        "are ignored here")
    return (documents[0] if documents else None), warnings


# -- values ------------------------------------------------------------------------------------
def _walk(data: Any) -> Iterator[tuple[Any, Any, Any]]:
    """(container, key, value) for every value inside ``data``, without recursion."""
    stack = [data] if isinstance(data, (dict, list)) else []
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            yield node, key, value
            if isinstance(value, (dict, list)):
                stack.append(value)


def clean_strings(data: Any, label: str, warnings: list[str]) -> Any:
    """``data`` with lone surrogates (in keys and values) replaced by U+FFFD, warned once."""
    if isinstance(data, str):
        return _fix(data, label, warnings)
    found = False
    for node, key, value in _walk(data):
        if isinstance(value, str) and _SURROGATE.search(value):
            node[key] = _SURROGATE.sub("\ufffd", value)
            found = True
    for node in _containers(data):
        if isinstance(node, dict) and any(_SURROGATE.search(k) for k in node
                                          if isinstance(k, str)):
            fixed = {(_SURROGATE.sub("\ufffd", k) if isinstance(k, str) else k): v
                     for k, v in node.items()}
            node.clear()
            node.update(fixed)
            found = True
    if found:
        warnings.append(f"{label}: lone surrogate code points replaced by U+FFFD")
    return data


def _fix(text: str, label: str, warnings: list[str]) -> str:
    if _SURROGATE.search(text):
        warnings.append(f"{label}: lone surrogate code points replaced by U+FFFD")
        return _SURROGATE.sub("\ufffd", text)
    return text


def _containers(data: Any) -> Iterator[Any]:
    if isinstance(data, (dict, list)):
        yield data
    for _, _, value in _walk(data):
        if isinstance(value, (dict, list)):
            yield value


def may_hold_surrogates(text: str) -> bool:
    """Whether decoding ``text`` (JSON or YAML escapes) can give a lone surrogate."""
    return _ESCAPED_SURROGATE.search(text) is not None or _SURROGATE.search(text) is not None
