"""Normalize stage: dates written as text, parsed into CSL dates.

:func:`parse_date` reads ISO 8601 and common EDTF (``2013``, ``2013-09``, ``2013-09-15``,
``2013/2014``, ``2013~`` circa, ``2013?`` uncertain, read as circa since CSL has no other
mark) and free text ("September - October 2013", "Sept.–Oct. 2013", "Spring 2010",
"15 March 2009", "March 15, 2009", "01 JAN 2001", "circa 1900", "n.d."). What it cannot read
becomes a ``literal`` date. :func:`format_date` writes a date back as EDTF.
"""
from __future__ import annotations

import calendar
import re

from ..errors import ParseError
from .dates import Date, DatePart

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
#: CSL seasons: 1 spring, 2 summer, 3 autumn, 4 winter
SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}
NO_DATE = frozenset({"n.d.", "n.d", "nd", "no date", "undated", "s.d.", "s.a."})

_EDTF = re.compile(r"(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)
_EDTF_SEASON = re.compile(r"(\d{4})-(2[1-4])", re.ASCII)
_ISO_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                       r"(?:Z|[+-]\d{2}:?\d{2})?", re.ASCII)
_CIRCA = re.compile(r"^(?:circa|ca\.?|c\.|approx\.?|about)\s*", re.IGNORECASE)
_RANGE = re.compile(r"\s*(?:[–—/_]|\s-\s|-(?=[A-Za-z])|(?<=[A-Za-z.])-|(?<=\d)-(?=\d)|\bto\b|"
                    r"\buntil\b)\s*", re.ASCII)
_TOKEN = re.compile(r"[A-Za-z]+\.?|\d+(?:st|nd|rd|th)?|\S", re.ASCII)
_FILLER = frozenset(", . of the de on monday tuesday wednesday thursday friday saturday sunday "
                    "mon tue tues wed thu thur thurs fri sat sun".split())


def parse_date(text: str) -> Date:
    """A CSL date from text; raises :class:`ParseError` only for empty or non-text input."""
    if not isinstance(text, str):
        raise ParseError(f"a date must be text, not {type(text).__name__}")
    clean = re.sub(r"\s+", " ", text).strip().strip("[]").strip()
    clean = _cjk_date(clean)
    if not clean:
        raise ParseError("empty date")
    if clean.lower() in NO_DATE:
        return Date(literal=clean)
    circa = False
    body = clean
    if body.startswith("~") or _CIRCA.match(body):
        circa, body = True, _CIRCA.sub("", body.lstrip("~").strip())
    if body.endswith(("~", "?", "%")):
        circa, body = True, body.rstrip("~?%").strip()
    parsed = _parse_edtf(body) or _parse_words(body)
    if parsed is None:
        return Date(literal=clean)
    parts, season = parsed
    return Date(parts=parts, season=season, circa=circa)


_CJK_UNITS = {"年": "", "月": "month", "日": "day"}


def _cjk_date(text: str) -> str:
    """"1964年7月", "7月1964": the CJK year, month and day marks read as words."""
    if not re.search(r"\d\s*[年月日]", text):
        return text
    month_names = list(MONTHS)[:12]

    def word(match: re.Match[str]) -> str:
        n, unit = int(match.group(1)), _CJK_UNITS[match.group(2)]
        if unit == "month" and 1 <= n <= 12:
            return f" {month_names[n - 1]} "
        return f" {n} "
    return re.sub(r"\s+", " ", re.sub(r"(\d+)\s*([年月日])", word, text)).strip()


Parsed = tuple[tuple[DatePart, ...], "str | None"]


def _valid(part: DatePart) -> bool:
    year = part[0]
    if not -9999 <= year <= 9999 or year == 0 and len(part) > 1:
        return False
    if len(part) > 1 and not (1 <= part[1] <= 12 or len(part) == 2 and 13 <= part[1] <= 16):
        return False
    if len(part) > 2:
        leap_year = year if year > 0 else 2000
        return 1 <= part[2] <= calendar.monthrange(leap_year, part[1])[1]
    return True


def _edtf_part(text: str) -> DatePart | None:
    text = text.strip().rstrip("~?%")
    match = _ISO_TIME.fullmatch(text)
    if match:
        text = match.group(1)
    match = _EDTF.fullmatch(text) or re.fullmatch(r"(\d{4})/(\d{1,2})(?:/(\d{1,2}))?", text)
    if not match:
        return None
    part = tuple(int(g) for g in match.groups() if g is not None)
    return part if _valid(part) else None


def _parse_edtf(text: str) -> Parsed | None:
    """ISO 8601 / EDTF: one date, or a range ``a/b`` (``..`` for an open end is dropped)."""
    slashed = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if slashed:  # 01/31/1989 (month first, as in the US), 31/01/1989 when it must be
        a, b, year = (int(g) for g in slashed.groups())
        part = (year, a, b) if a <= 12 else (year, b, a)
        return ((part,), None) if _valid(part) else None
    season = _EDTF_SEASON.fullmatch(text)
    if season:
        return ((int(season.group(1)),),), str(int(season.group(2)) - 20)
    single = _edtf_part(text)
    if single is not None:
        return (single,), None
    halves = text.split("/")
    if len(halves) != 2:
        halves = re.split(r"\s*[–—_]\s*|(?<=\d)-(?=\d{4}$)", text)
    if len(halves) != 2:
        return None
    first, second = (h.strip() for h in halves)
    if first in ("", "..") or second in ("", ".."):
        known = _edtf_part(second or first) if first in ("", "..") else _edtf_part(first)
        return ((known,), None) if known else None
    start, end = _edtf_part(first), _edtf_part(second)
    if start is None or end is None:
        return None
    return ((start,) if start == end else (start, end)), None


def _parse_words(text: str) -> Parsed | None:
    """Free text: "15 March 2009", "March 15, 2009", "Sept.–Oct. 2013", "Spring 2010"."""
    halves = [h for h in _RANGE.split(text) if h is not None]
    if len(halves) > 2 or not all(h.strip() for h in halves):
        return None
    fields = [_fields(h) for h in halves]
    if any(f is None for f in fields):
        return None
    if len(fields) == 1:
        one = fields[0]
        assert one is not None
        part = _as_part(one)
        if part is None:
            return None
        return (part,), (str(one["season"]) if "season" in one else None)
    start, end = fields
    assert start is not None and end is not None
    for key in ("year", "month"):  # "Sept.–Oct. 2013": the start borrows what it lacks
        if key not in start and key in end and (key == "year" or "day" in start):
            start[key] = end[key]
        if key not in end and key in start and (key == "year" or "day" in end):
            end[key] = start[key]  # "March 15-17, 2009": the end borrows too
    if "season" in start or "season" in end:  # "Spring 1999 - Summer 2001": seasons as
        for half in (start, end):                 # months 13-16, as citeproc-js keeps them
            if "season" in half and "month" not in half and "day" not in half:
                half["month"] = 12 + half.pop("season")
        if "season" in start or "season" in end:
            return None
    first, last = _as_part(start), _as_part(end)
    if first is None or last is None:
        return None
    return ((first,) if first == last else (first, last)), None


def _fields(text: str) -> dict[str, int] | None:
    """The year, month, day or season words in one half of a date, or None."""
    out: dict[str, int] = {}
    numbers: list[str] = []
    for token in _TOKEN.findall(text):
        word = token.lower().rstrip(".")
        if word in MONTHS and "month" not in out:
            out["month"] = MONTHS[word]
        elif word in SEASONS and "season" not in out:
            out["season"] = SEASONS[word]
        elif token[0] in "0123456789":
            numbers.append(token.rstrip("dhnrst"))  # the ordinal letters of 1st, 2nd, 3rd, 4th
        elif token.lower() not in _FILLER:
            return None
    for number in numbers:
        if 3 <= len(number) <= 4 and "year" not in out:
            out["year"] = int(number)
        elif len(number) <= 2 and "day" not in out:
            out["day"] = int(number)
        else:
            return None
    return out or None


def _as_part(fields: dict[str, int]) -> DatePart | None:
    if "year" not in fields or ("day" in fields and "month" not in fields):
        return None
    part: DatePart = (fields["year"],)
    if "month" in fields:
        part += (fields["month"],)
        if "day" in fields:
            part += (fields["day"],)
    return part if _valid(part) else None


def format_date(date: Date) -> str:
    """EDTF text for ``date`` (``2013-09/2013-10``, ``2013~``); seasons use EDTF 21-24."""
    if date.literal:
        return date.literal
    pieces = []
    for part in date.parts:
        text = f"{part[0]:04d}" if part[0] >= 0 else f"-{-part[0]:04d}"
        text += "".join(f"-{n:02d}" for n in part[1:])
        pieces.append(text)
    if date.season and len(date.parts) == 1 and len(date.parts[0]) == 1:
        season = int(date.season) if str(date.season).isdigit() else 0
        if 1 <= season <= 4:
            pieces = [f"{pieces[0]}-{20 + season}"]
    out = "/".join(pieces)
    return out + "~" if date.circa and out else out
