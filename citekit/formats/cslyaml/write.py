"""Share stage: the CSL-YAML writer: a plain list, or pandoc's ``references:`` form.

Strings are written as pandoc reads them, Markdown: CSL rich-text tags become ``*x*``,
``**x**``, ``^x^``, ``~x~``, ``[x]{.nocase}``, ``[x]{.smallcaps}``, and Markdown's own
special characters in the text are escaped (``\\*``), so :mod:`citekit.formats.cslyaml.read` and
pandoc read back the same text.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import yaml

from ...model import Item
from ...model.io import items_to_data

_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


_TAGS = {"<i>": "*", "</i>": "*", "<b>": "**", "</b>": "**", "<sup>": "^", "</sup>": "^",
         "<sub>": "~", "</sub>": "~"}
_SPANS = {'<span class="nocase">': ".nocase", '<span style="font-variant:small-caps;">':
          ".smallcaps"}
_PIECES = re.compile(r"(</?(?:i|b|sup|sub)>|<span [^>]*>|</span>)")
_SPECIAL = re.compile(r"([\\`*_\[\]^~])")
_VERBATIM = frozenset({"URL", "DOI", "ISBN", "ISSN", "PMID", "PMCID", "citation-key", "id",
                       "type", "language"})


def to_markdown(text: str) -> str:
    """CSL rich text as pandoc Markdown (unknown tags are written as text)."""
    out: list[str] = []
    spans: list[str | None] = []
    for piece in _PIECES.split(text):
        if piece in _TAGS:
            out.append(_TAGS[piece])
        elif piece in _SPANS:
            spans.append(_SPANS[piece])
            out.append("[")
        elif piece == "</span>" and spans:
            kind = spans.pop()
            out.append(f"]{{{kind}}}" if kind else "")
        elif piece.startswith("<span"):
            spans.append(None)
        else:
            out.append(_SPECIAL.sub(r"\\\1", piece))
    return "".join(out)


def _markdown_values(data: dict[str, Any]) -> dict[str, Any]:
    return {k: to_markdown(v) if isinstance(v, str) and k not in _VERBATIM else v
            for k, v in data.items()}


def chunks(items: Iterable[Item], warnings: list[str], references: bool = False,
           **_options: Any) -> Iterator[str]:
    """YAML for ``items`` (in one piece); ``references=True`` writes
    ``---\\nreferences: [...]\\n...``."""
    data: Any = [_markdown_values(entry) for entry in items_to_data(list(items))]
    if references:
        data = {"references": data}
    text = yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=100)
    yield f"---\n{text}...\n" if references else text
