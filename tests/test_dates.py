from __future__ import annotations

import calendar
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iwtimeline.dates import DateError, describe, describe_precision, parse_bound, parse_edtf

years = st.integers(min_value=1, max_value=9998)
months = st.integers(min_value=1, max_value=12)
sub_year_codes = st.sampled_from([21, 22, 23, 24, 33, 34, 35, 36, 37, 38, 39, 40, 41])
qualifiers = st.sampled_from(["", "~", "?", "%"])


@st.composite
def days(draw: st.DrawFn) -> date:
    return draw(st.dates(min_value=date(1, 1, 1), max_value=date(9998, 12, 31)))


@st.composite
def edtf_singles(draw: st.DrawFn) -> str:
    year = draw(years)
    form = draw(st.sampled_from(["year", "month", "day", "sub"]))
    if form == "year":
        text = f"{year:04d}"
    elif form == "month":
        text = f"{year:04d}-{draw(months):02d}"
    elif form == "day":
        text = draw(days()).isoformat()
    else:
        text = f"{year:04d}-{draw(sub_year_codes)}"
    return text + draw(qualifiers)


# --- examples: each form gives the interval its precision means -------------------------


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2007-01-20", date(2007, 1, 20), date(2007, 1, 20), "day"),
        ("2007-08", date(2007, 8, 1), date(2007, 8, 31), "month"),
        ("2008-02", date(2008, 2, 1), date(2008, 2, 29), "month"),
        ("2003", date(2003, 1, 1), date(2003, 12, 31), "year"),
        ("2007-21", date(2007, 3, 1), date(2007, 5, 31), "season"),
        ("2007-23", date(2007, 9, 1), date(2007, 11, 30), "season"),
        ("2007-24", date(2007, 12, 1), date(2008, 2, 29), "season"),
        ("2001-37", date(2001, 1, 1), date(2001, 4, 30), "part-of-year"),
        ("2001-39", date(2001, 9, 1), date(2001, 12, 31), "part-of-year"),
        ("2003-34", date(2003, 4, 1), date(2003, 6, 30), "part-of-year"),
        ("2003-41", date(2003, 7, 1), date(2003, 12, 31), "part-of-year"),
        ("1980-09-22/1988-08-20", date(1980, 9, 22), date(1988, 8, 20), "interval"),
        ("2006-12/2007", date(2006, 12, 1), date(2007, 12, 31), "interval"),
        ("2007-05-01/..", date(2007, 5, 1), date.max, "interval"),
        ("../2003", date.min, date(2003, 12, 31), "interval"),
    ],
)
def test_each_form_maps_to_its_interval(text: str, start: date, end: date, precision: str) -> None:
    parsed = parse_edtf(text)
    assert (parsed.start, parsed.end, parsed.precision) == (start, end, precision)
    assert parsed.text == text


@pytest.mark.parametrize(
    ("text", "approximate", "uncertain"),
    [
        ("2004", False, False),
        ("2004~", True, False),
        ("2004-06?", False, True),
        ("2004-06-11%", True, True),
        ("2004~/2005?", True, True),
    ],
)
def test_qualifiers_are_flags_that_keep_the_interval(
    text: str, approximate: bool, uncertain: bool
) -> None:
    parsed = parse_edtf(text)
    assert (parsed.approximate, parsed.uncertain) == (approximate, uncertain)
    assert parsed.start.year == 2004


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2007-02-30", "February 2007 has 28 days, not 30"),
        ("2007-13", "13 is neither a month"),
        ("2007-13-01", "month 13 does not exist"),
        ("2007-00", "00 is neither a month"),
        ("2007-25", "25 is neither a month"),
        ("0000", "year 0000 does not exist"),
        ("07-01", "not a date in the accepted form"),
        ("2007/2006", "ends before it starts"),
        ("2007/", "at least one end given"),
        ("../..", "at least one end given"),
        ("2007/2008/2009", "at least one end given"),
        ("~2007", "not a date in the accepted form"),
        ("2007-1-5", "not a date in the accepted form"),
        ("20 Jan 2007", "not a date in the accepted form"),
    ],
)
def test_impossible_or_malformed_dates_are_errors(text: str, reason: str) -> None:
    with pytest.raises(DateError, match=reason):
        parse_edtf(text)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("2007-01-20", "20 Jan 2007"),
        ("2007-08", "Aug 2007"),
        ("2003", "2003"),
        ("2007-23", "autumn 2007"),
        ("2001-39", "late 2001"),
        ("2002-37", "early 2002"),
        ("2002-38", "mid-2002"),
        ("2003-35", "Q3 2003"),
        ("2003-40", "first half of 2003"),
        ("2004~", "c. 2004"),
        ("2004-06?", "Jun 2004?"),
        ("2004%", "c. 2004?"),
        ("1980-09-22/1988-08-20", "22 Sep 1980 – 20 Aug 1988"),
        ("2007-05-01/..", "since 1 May 2007"),
        ("../2003", "until 2003"),
    ],
)
def test_describe_gives_a_reader_friendly_label(text: str, label: str) -> None:
    assert describe(parse_edtf(text)) == label


def test_describe_precision_says_how_exact_a_date_is() -> None:
    assert describe_precision(parse_edtf("2007-08~")) == "month only, approximate"
    assert describe_precision(parse_edtf("2007-08-16")) == "exact day"


# --- bounds typed by people ------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "start", "end"),
    [
        ("2003", date(2003, 1, 1), date(2003, 12, 31)),
        ("2003-03", date(2003, 3, 1), date(2003, 3, 31)),
        ("March 2003", date(2003, 3, 1), date(2003, 3, 31)),
        ("Aug 2007", date(2007, 8, 1), date(2007, 8, 31)),
        ("20 Jan 2007", date(2007, 1, 20), date(2007, 1, 20)),
        ("January 20, 2007", date(2007, 1, 20), date(2007, 1, 20)),
        ("2007-01-20", date(2007, 1, 20), date(2007, 1, 20)),
        ("autumn 2007", date(2007, 9, 1), date(2007, 11, 30)),
        ("Fall 2007", date(2007, 9, 1), date(2007, 11, 30)),
        ("late 2001", date(2001, 9, 1), date(2001, 12, 31)),
        ("  2003  ", date(2003, 1, 1), date(2003, 12, 31)),
    ],
)
def test_typed_bounds_cover_their_whole_precision(typed: str, start: date, end: date) -> None:
    bound = parse_bound(typed)
    assert (bound.start, bound.end) == (start, end)


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "empty"),
        ("soon", "cannot read 'soon' as a date"),
        ("20 January", "has no year"),
        ("2007-02-30", "February 2007 has 28 days"),
        ("2007-13", "neither a month"),
    ],
)
def test_unreadable_typed_bounds_say_why(typed: str, reason: str) -> None:
    with pytest.raises(DateError, match=reason):
        parse_bound(typed)


# --- properties --------------------------------------------------------------------------


@given(edtf_singles())
def test_every_valid_date_parses_to_an_ordered_interval(text: str) -> None:
    parsed = parse_edtf(text)
    assert parsed.start <= parsed.end
    assert parsed.start.year == int(text[:4])
    assert parsed.text == text
    assert describe(parsed)  # every date has a label


@given(days())
def test_a_day_is_its_own_interval(day: date) -> None:
    parsed = parse_edtf(day.isoformat())
    assert parsed.start == parsed.end == day


@given(years, months)
def test_a_month_runs_from_its_first_to_its_last_day(year: int, month: int) -> None:
    parsed = parse_edtf(f"{year:04d}-{month:02d}")
    assert parsed.start == date(year, month, 1)
    assert parsed.end == date(year, month, calendar.monthrange(year, month)[1])


@given(years, months, st.integers(min_value=29, max_value=31))
def test_days_past_the_end_of_a_month_are_rejected(year: int, month: int, day: int) -> None:
    text = f"{year:04d}-{month:02d}-{day:02d}"
    if day <= calendar.monthrange(year, month)[1]:
        assert parse_edtf(text).start == date(year, month, day)
    else:
        with pytest.raises(DateError):
            parse_edtf(text)


@given(edtf_singles(), edtf_singles())
def test_an_interval_spans_from_the_first_start_to_the_last_end(a: str, b: str) -> None:
    first, last = parse_edtf(a), parse_edtf(b)
    if last.end < first.start:
        with pytest.raises(DateError):
            parse_edtf(f"{a}/{b}")
        return
    span = parse_edtf(f"{a}/{b}")
    assert (span.start, span.end) == (first.start, last.end)


@given(edtf_singles(), days())
def test_a_date_overlaps_a_window_exactly_when_a_day_of_it_falls_inside(
    text: str, day: date
) -> None:
    parsed = parse_edtf(text)
    inside = parsed.start <= day <= parsed.end
    assert parsed.overlaps(day, day) == inside


@given(edtf_singles(), days(), days())
def test_overlap_is_monotonic_in_the_window(text: str, a: date, b: date) -> None:
    parsed = parse_edtf(text)
    low, high = min(a, b), max(a, b)
    if parsed.overlaps(low, high):  # widening a window never loses a date
        assert parsed.overlaps(date.min, high)
        assert parsed.overlaps(low, date.max)


@given(days())
def test_typed_iso_days_and_worded_days_agree(day: date) -> None:
    worded = f"{day.day} {calendar.month_name[day.month]} {day.year}"
    if day.year >= 100:  # dateutil reads two-digit years as recent ones, as people mean them
        assert parse_bound(worded).start == parse_bound(day.isoformat()).start == day
