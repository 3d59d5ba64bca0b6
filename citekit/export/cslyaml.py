"""Share stage: the CSL-YAML writer: a plain list, or pandoc's ``references:`` form."""
from __future__ import annotations

from typing import Any

import yaml

from ..model import Item
from ..model.io import items_to_data
from . import ExportResult

_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(items: list[Item], references: bool = False, **_options: Any) -> ExportResult:
    """YAML for ``items``; ``references=True`` writes ``---\\nreferences: [...]\\n...``."""
    data: Any = items_to_data(items)
    if references:
        data = {"references": data}
    text = yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=100)
    return ExportResult(f"---\n{text}...\n" if references else text)
