"""Date parser: ISO/EDTF and free-text forms of the issue, and hypothesis round trips."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citekit.errors import CitekitError, ParseError
from citekit.model import Date
from citekit.model.dateparse import format_date, parse_date


@pytest.mark.parametrize("text, expected", [
    ("2013", {"date-parts": [[2013]]}),
    ("2013-09", {"date-parts": [[2013, 9]]}),
    ("2013-09-15", {"date-parts": [[2013, 9, 15]]}),
    ("2013-09-15T10:11:12Z", {"date-parts": [[2013, 9, 15]]}),
    ("2013/2014", {"date-parts": [[2013], [2014]]}),
    ("2013-09/2013-10", {"date-parts": [[2013, 9], [2013, 10]]}),
    ("2013~", {"date-parts": [[2013]], "circa": True}),
    ("2013?", {"date-parts": [[2013]], "circa": True}),
    ("2010-21", {"date-parts": [[2010]], "season": 1}),
    ("September - October 2013", {"date-parts": [[2013, 9], [2013, 10]]}),
    ("Sept.–Oct. 2013", {"date-parts": [[2013, 9], [2013, 10]]}),
    ("Spring 2010", {"date-parts": [[2010]], "season": 1}),
    ("Winter 2012", {"date-parts": [[2012]], "season": 4}),
    ("15 March 2009", {"date-parts": [[2009, 3, 15]]}),
    ("March 15, 2009", {"date-parts": [[2009, 3, 15]]}),
    ("01 JAN 2001", {"date-parts": [[2001, 1, 1]]}),
    ("01 FEB 2004", {"date-parts": [[2004, 2, 1]]}),
    ("March 15-17, 2009", {"date-parts": [[2009, 3, 15], [2009, 3, 17]]}),
    ("15–17 March 2009", {"date-parts": [[2009, 3, 15], [2009, 3, 17]]}),
    ("March 2009 - April 2010", {"date-parts": [[2009, 3], [2010, 4]]}),
    ("circa 1900", {"date-parts": [[1900]], "circa": True}),
    ("[1999?]", {"date-parts": [[1999]], "circa": True}),
    ("n.d.", {"literal": "n.d."}),
    ("1990s", {"literal": "1990s"}),
    ("2013-02-30", {"literal": "2013-02-30"}),
    ("sometime after the war", {"literal": "sometime after the war"}),
])
def test_date_forms(text: str, expected: dict) -> None:
    assert parse_date(text).to_json() == expected


def test_empty_date_is_an_error() -> None:
    with pytest.raises(ParseError):
        parse_date(" ")


_YEAR = st.integers(1000, 2999)


@st.composite
def parts(draw: st.DrawFn) -> tuple[int, ...]:
    year = draw(_YEAR)
    depth = draw(st.integers(1, 3))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    return (year, month, day)[:depth]


@st.composite
def dates(draw: st.DrawFn) -> Date:
    first = draw(parts())
    kind = draw(st.sampled_from(["single", "range", "circa", "season"]))
    if kind == "range":
        second = draw(parts().filter(lambda p: p != first))
        return Date(parts=(first, second))
    if kind == "season":
        return Date(parts=(first[:1],), season=str(draw(st.integers(1, 4))))
    return Date(parts=(first,), circa=kind == "circa")


@settings(max_examples=100, deadline=None)
@given(dates())
def test_format_then_parse_is_the_same_date(date: Date) -> None:
    assert parse_date(format_date(date)) == date


_MONTH_NAMES = ["January", "Feb.", "MAR", "April", "May", "June", "July", "Aug", "Sept.",
                "October", "Nov", "December"]


@settings(max_examples=100, deadline=None)
@given(parts().filter(lambda p: len(p) == 3), st.sampled_from(["dmy", "mdy"]))
def test_written_out_dates_parse(part: tuple[int, ...], order: str) -> None:
    year, month, day = part
    name = _MONTH_NAMES[month - 1]
    text = f"{day} {name} {year}" if order == "dmy" else f"{name} {day}, {year}"
    assert parse_date(text).parts == (part,)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40) | st.from_regex(r"[0-9 ~?/.,\-–A-Za-z]{0,25}", fullmatch=True))
def test_no_text_makes_the_parser_raise_a_foreign_error(text: str) -> None:
    try:
        date = parse_date(text)
    except CitekitError:
        return
    assert date.to_json()


@pytest.mark.parametrize(("text", "parts"), [
    ("01/01/1989", ((1989, 1, 1),)),                       # month first
    ("31/01/1989", ((1989, 1, 31),)),                      # day first when it must be
    ("1897_1912", ((1897,), (1912,))),                     # "_" as range delimiter
    ("Spring 1999 - Summer 2001", ((1999, 13), (2001, 14))),  # seasons as months 13-16
    ("7月1964", ((1964, 7),)),                              # lone Japanese month
    ("1964年7月3日", ((1964, 7, 3),)),
])
def test_raw_date_conventions(text: str, parts: tuple) -> None:
    assert parse_date(text).parts == parts
