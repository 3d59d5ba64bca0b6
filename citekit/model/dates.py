"""Normalize stage: a CSL date (parts, ranges, season, circa, literal) as a typed value."""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .names import NO_EXTRA

DatePart = tuple[int, ...]  # (year,), (year, month) or (year, month, day)


def _to_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if math.isfinite(value) else None
    if isinstance(value, str):
        text = value.strip()
        if text.lstrip("-").isdigit():
            return int(text)
    return None


def _text(value: Any, name: str) -> str | None:
    """A date's ``literal`` or ``raw``: text (a number is written out), else an error."""
    if value in (None, "") or value is False:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value) if not isinstance(value, float) or math.isfinite(value) else None
    if not isinstance(value, str):
        raise TypeError(f"a date's {name!r} must be text, not {type(value).__name__}")
    return value


@dataclass(frozen=True, slots=True)
class Date:
    """A CSL date: one or two date-parts (a range), plus season, circa and literal."""

    parts: tuple[DatePart, ...] = ()
    season: str | None = None
    circa: bool = False
    literal: str | None = None
    raw: str | None = None
    extra: Mapping[str, Any] = field(default_factory=lambda: NO_EXTRA, compare=False,
                                          hash=False)

    @classmethod
    def from_json(cls, data: Any) -> Date:
        """Build a date from a CSL-JSON date object (or a raw string, parsed later)."""
        if isinstance(data, (str, int)):
            return cls(raw=str(data))
        if not isinstance(data, dict):
            raise TypeError(f"a date must be an object, not {type(data).__name__}")
        parts: list[DatePart] = []
        for raw_part in data.get("date-parts") or ():
            if not isinstance(raw_part, (list, tuple)):
                continue
            nums: list[int] = []
            for piece in raw_part[:3]:
                num = _to_int(piece)
                if num is None:
                    break
                nums.append(num)
            if nums:
                parts.append(tuple(nums))
        if len(data) == 1 and parts:  # only date-parts: the shared value
            return dated(tuple(parts))
        season = data.get("season")
        extra = {k: v for k, v in data.items()
                 if k not in ("date-parts", "season", "circa", "literal", "raw")}
        circa = data.get("circa")
        return cls(
            parts=tuple(parts),
            season=str(season) if season not in (None, "") else None,
            circa=bool(circa) and circa not in ("false", "0", 0),
            literal=_text(data.get("literal"), "literal"),
            raw=_text(data.get("raw"), "raw"),
            extra=extra or NO_EXTRA,
        )

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.parts:
            out["date-parts"] = [list(p) for p in self.parts]
        if self.season is not None:
            out["season"] = _to_int(self.season) or self.season
        if self.circa:
            out["circa"] = True
        if self.literal:
            out["literal"] = self.literal
        if self.raw and not self.parts and not self.literal:
            out["raw"] = self.raw
        out.update(self.extra)
        return out

    @property
    def is_range(self) -> bool:
        return len(self.parts) > 1 and self.parts[1] != self.parts[0]

    @property
    def year(self) -> int | None:
        return self.parts[0][0] if self.parts else None


@lru_cache(maxsize=8192)
def dated(parts: tuple[DatePart, ...]) -> Date:
    """The date of ``parts`` alone, one shared value per parts (a date is immutable, and a
    large bibliography holds the same few thousand dates many times)."""
    return Date(parts=parts)
