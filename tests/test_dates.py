from __future__ import annotations

import calendar
import subprocess
import sys
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iwtimeline.dates import DateError, describe, describe_precision, parse_bound, parse_edtf
from iwtimeline.model import FuzzyDate, Precision

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


# --- every label `describe` prints reads back as the date it came from ---------------------

A, U = "approximate", "uncertain"


@pytest.mark.parametrize(
    ("typed", "start", "end", "precision", "flags"),
    [
        ("20 Jan 2007", date(2007, 1, 20), date(2007, 1, 20), "day", ""),
        ("Aug 2007", date(2007, 8, 1), date(2007, 8, 31), "month", ""),
        ("2007", date(2007, 1, 1), date(2007, 12, 31), "year", ""),
        ("spring 2007", date(2007, 3, 1), date(2007, 5, 31), "season", ""),
        ("summer 2007", date(2007, 6, 1), date(2007, 8, 31), "season", ""),
        ("autumn 2007", date(2007, 9, 1), date(2007, 11, 30), "season", ""),
        ("winter 2007", date(2007, 12, 1), date(2008, 2, 29), "season", ""),
        ("early 2001", date(2001, 1, 1), date(2001, 4, 30), "part-of-year", ""),
        ("mid-2004", date(2004, 5, 1), date(2004, 8, 31), "part-of-year", ""),
        ("late 2001", date(2001, 9, 1), date(2001, 12, 31), "part-of-year", ""),
        ("Q1 2007", date(2007, 1, 1), date(2007, 3, 31), "part-of-year", ""),
        ("Q3 2007", date(2007, 7, 1), date(2007, 9, 30), "part-of-year", ""),
        ("first half of 2003", date(2003, 1, 1), date(2003, 6, 30), "part-of-year", ""),
        ("second half of 2003", date(2003, 7, 1), date(2003, 12, 31), "part-of-year", ""),
        ("c. 2004", date(2004, 1, 1), date(2004, 12, 31), "year", A),
        ("2004?", date(2004, 1, 1), date(2004, 12, 31), "year", U),
        ("c. 2004?", date(2004, 1, 1), date(2004, 12, 31), "year", A + U),
        ("c. 20 Jan 2007?", date(2007, 1, 20), date(2007, 1, 20), "day", A + U),
        ("c. winter 2007", date(2007, 12, 1), date(2008, 2, 29), "season", A),
        ("mid-2004?", date(2004, 5, 1), date(2004, 8, 31), "part-of-year", U),
        # variants a person types
        ("q3 2007", date(2007, 7, 1), date(2007, 9, 30), "part-of-year", ""),
        ("Q4-2007", date(2007, 10, 1), date(2007, 12, 31), "part-of-year", ""),
        ("fall 2007", date(2007, 9, 1), date(2007, 11, 30), "season", ""),
        ("AUTUMN 2007", date(2007, 9, 1), date(2007, 11, 30), "season", ""),
        ("mid 2004", date(2004, 5, 1), date(2004, 8, 31), "part-of-year", ""),
        ("H1 2003", date(2003, 1, 1), date(2003, 6, 30), "part-of-year", ""),
        ("h2 2003", date(2003, 7, 1), date(2003, 12, 31), "part-of-year", ""),
        ("1st half of 2003", date(2003, 1, 1), date(2003, 6, 30), "part-of-year", ""),
        ("2nd half 2003", date(2003, 7, 1), date(2003, 12, 31), "part-of-year", ""),
        ("circa 2004", date(2004, 1, 1), date(2004, 12, 31), "year", A),
        ("ca. 2004", date(2004, 1, 1), date(2004, 12, 31), "year", A),
        ("c 2004", date(2004, 1, 1), date(2004, 12, 31), "year", A),
        ("~2004", date(2004, 1, 1), date(2004, 12, 31), "year", A),
        ("~ 2004-06 ?", date(2004, 6, 1), date(2004, 6, 30), "month", A + U),
        ("c. August 2007", date(2007, 8, 1), date(2007, 8, 31), "month", A),
        ("Sept 2007", date(2007, 9, 1), date(2007, 9, 30), "month", ""),
        ("Jan 20, 2007?", date(2007, 1, 20), date(2007, 1, 20), "day", U),
        ("20th January 2007", date(2007, 1, 20), date(2007, 1, 20), "day", ""),
        ("c. 2007 Aug", date(2007, 8, 1), date(2007, 8, 31), "month", A),  # via dateutil
        ("2007 - Aug", date(2007, 8, 1), date(2007, 8, 31), "month", ""),  # as before spans
        ("20 - Jan - 2007", date(2007, 1, 20), date(2007, 1, 20), "day", ""),  # likewise
        ("2003-03", date(2003, 3, 1), date(2003, 3, 31), "month", ""),  # still March, no span
        ("Aug 0042", date(42, 8, 1), date(42, 8, 31), "month", ""),  # four digits: year 42
    ],
)
def test_labels_and_their_variants_read_as_the_date_they_name(
    typed: str, start: date, end: date, precision: str, flags: str
) -> None:
    bound = parse_bound(typed)
    assert (bound.start, bound.end, bound.precision) == (start, end, precision)
    assert (bound.approximate, bound.uncertain) == (A in flags, U in flags)
    assert bound.span is None


OPEN_START, OPEN_END = date.min, date.max


@pytest.mark.parametrize(
    ("typed", "edtf", "start", "end", "flags"),
    [
        (
            "22 Sep 1980 – 20 Aug 1988",
            "1980-09-22/1988-08-20",
            date(1980, 9, 22),
            date(1988, 8, 20),
            "",
        ),
        ("c. 1980 – c. 1990", "1980~/1990~", date(1980, 1, 1), date(1990, 12, 31), A),
        ("1980? – c. 1990", "1980?/1990~", date(1980, 1, 1), date(1990, 12, 31), A + U),
        ("Dec 2006 – winter 2007", "2006-12/2007-24", date(2006, 12, 1), date(2008, 2, 29), ""),
        ("since 1 May 2007", "2007-05-01/..", date(2007, 5, 1), OPEN_END, ""),
        ("until 2003", "../2003", OPEN_START, date(2003, 12, 31), ""),
        ("until c. 2003?", "../2003%", OPEN_START, date(2003, 12, 31), A + U),
        ("since Q3 2007", "2007-35/..", date(2007, 7, 1), OPEN_END, ""),
        # variants a person types
        ("1980-1988", "1980/1988", date(1980, 1, 1), date(1988, 12, 31), ""),
        ("1980 - 1988", "1980/1988", date(1980, 1, 1), date(1988, 12, 31), ""),
        ("1980--1988", "1980/1988", date(1980, 1, 1), date(1988, 12, 31), ""),
        ("1980 — 1988", "1980/1988", date(1980, 1, 1), date(1988, 12, 31), ""),
        ("1980 to 1988", "1980/1988", date(1980, 1, 1), date(1988, 12, 31), ""),
        ("From 1980 To 1988", "1980/1988", date(1980, 1, 1), date(1988, 12, 31), ""),
        (
            "1980-09-22-1988-08-20",
            "1980-09-22/1988-08-20",
            date(1980, 9, 22),
            date(1988, 8, 20),
            "",
        ),
        ("2003-03-2003-05", "2003-03/2003-05", date(2003, 3, 1), date(2003, 5, 31), ""),
        ("Aug 2007-Oct 2007", "2007-08/2007-10", date(2007, 8, 1), date(2007, 10, 31), ""),
        ("mid-2004-late 2005", "2004-38/2005-39", date(2004, 5, 1), date(2005, 12, 31), ""),
        ("c. 1980/1990", "1980~/1990", date(1980, 1, 1), date(1990, 12, 31), A),
        ("2003 – ..", "2003/..", date(2003, 1, 1), OPEN_END, ""),
        ("from 2003", "2003/..", date(2003, 1, 1), OPEN_END, ""),
        ("till 2003", "../2003", OPEN_START, date(2003, 12, 31), ""),
    ],
)
def test_spans_read_as_the_span_they_name(
    typed: str, edtf: str, start: date, end: date, flags: str
) -> None:
    bound = parse_bound(typed)
    assert (bound.text, bound.start, bound.end, bound.precision) == (edtf, start, end, "interval")
    assert (bound.approximate, bound.uncertain) == (A in flags, U in flags)
    assert bound.span is not None
    assert [part.text for part in bound.span] == edtf.split("/")


def test_open_ends_are_represented_as_in_the_data_format() -> None:
    bound = parse_bound("since 2007")
    assert bound.span is not None
    open_end = bound.span[1]
    assert (open_end.text, open_end.start, open_end.end, open_end.precision) == (
        "..",
        date.min,
        date.max,
        "open",
    )


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        # ISO/EDTF input keeps its messages
        ("2007-1-5", "'2007-1-5' is not a date in the accepted form"),
        ("07-01", "'07-01' is not a date in the accepted form"),
        ("2007-13?", r"'2007-13\?': 13 is neither a month"),
        ("2007/2006", "interval '2007/2006' ends before it starts"),
        ("2003/", "at least one end given"),
        ("../..", "at least one end given"),
        # labels and spans say what is wrong with what was typed
        ("30 Feb 2007", "'30 Feb 2007': February 2007 has 28 days, not 30"),
        ("c. 31 Apr 2007", "'31 Apr 2007': April 2007 has 30 days, not 31"),
        ("2007 – 2006", "interval '2007 – 2006' ends before it starts"),
        ("2003-1990", "interval '2003-1990' ends before it starts"),
        ("since 2008 – 2009", "'since' takes one date"),
        ("1980 – 1985 – 1990", "a span has two ends"),
        ("– 1990", "a span has two ends"),
        (".. – ..", "a span needs at least one date"),
        ("soon – 2007", "cannot read 'soon' as a date"),
        ("c.", "has a qualifier but no date"),
        ("Aug 0000", "year 0000 does not exist"),
        ("winter 9999", "winter 9999 would run past 9999"),
        ("Q5 2007", "cannot read 'Q5 2007' as a date; try .*'Q3 2007'"),
        ("third half of 2003", "cannot read"),
    ],
)
def test_unreadable_labels_and_spans_say_why(typed: str, reason: str) -> None:
    with pytest.raises(DateError, match=reason):
        parse_bound(typed)


def test_winter_of_the_last_year_is_an_error_not_a_crash() -> None:
    with pytest.raises(DateError, match="past 9999"):
        parse_edtf("9999-24")
    assert parse_edtf("9999-23").end == date(9999, 11, 30)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("0042-08-05", "5 Aug 0042"),
        ("0999", "0999"),
        ("0042-38~", "c. mid-0042"),
        ("0005/..", "since 0005"),
    ],
)
def test_years_before_1000_are_labelled_with_four_digits(text: str, label: str) -> None:
    assert describe(parse_edtf(text)) == label  # '42' would read back as 2042, as dateutil does


LABELS_WITHOUT_DATEUTIL = [
    "20 Jan 2007",
    "c. Aug 2007?",
    "winter 2007",
    "mid-2004",
    "Q3 2007",
    "second half of 2003",
    "c. 1980 – c. 1990",
    "22 Sep 1980 – 20 Aug 1988",
    "since 1 May 2007",
    "until 2003?",
    "1980-1988",
]


def test_importing_and_reading_labels_never_imports_dateutil() -> None:
    """Start-up time: dateutil is for free-form text only, never for the tool's own labels."""
    script = (
        "import sys\n"
        "from iwtimeline.dates import parse_bound\n"
        "assert 'dateutil' not in sys.modules, 'imported at start'\n"
        f"for label in {LABELS_WITHOUT_DATEUTIL!r}:\n"
        "    parse_bound(label)\n"
        "assert 'dateutil' not in sys.modules, 'imported to read a label'\n"
        "parse_bound('2007 Aug')\n"
        "assert 'dateutil' in sys.modules  # the check above can fail\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


# --- round trip: parse_bound(describe(d)) is d, for every date the data format can hold ------

# first month and length in months of each sub-year code, as the README defines them
SEASON_STARTS = {21: 3, 22: 6, 23: 9, 24: 12}


def part_of_year_months(code: int) -> tuple[int, int]:
    if code in SEASON_STARTS:
        return SEASON_STARTS[code], 3
    if 33 <= code <= 36:  # quarters
        return 3 * (code - 33) + 1, 3
    if 37 <= code <= 39:  # early, mid, late: thirds of a year
        return 4 * (code - 37) + 1, 4
    return 6 * (code - 40) + 1, 6  # halves


def last_day_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@st.composite
def fuzzy_singles(draw: st.DrawFn) -> FuzzyDate:
    """Any single date of the data format, built with its interval computed here."""
    form = draw(st.sampled_from(["day", "month", "year", "sub"]))
    year = draw(st.integers(min_value=1, max_value=9999))
    precision: Precision
    if form == "day":
        start = end = draw(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
        text, precision = start.isoformat(), "day"
    elif form == "year":
        text, start, end, precision = f"{year:04d}", date(year, 1, 1), date(year, 12, 31), "year"
    elif form == "month":
        month = draw(months)
        text, precision = f"{year:04d}-{month:02d}", "month"
        start, end = date(year, month, 1), last_day_of_month(year, month)
    else:
        # winter 9999 would end in February 10000, past the last date there is
        code = draw(sub_year_codes.filter(lambda c: year < 9999 or c != 24))
        first_month, length = part_of_year_months(code)
        end_year, end_month = divmod(year * 12 + first_month - 1 + length - 1, 12)
        text = f"{year:04d}-{code}"
        precision = "season" if code in SEASON_STARTS else "part-of-year"
        start, end = date(year, first_month, 1), last_day_of_month(end_year, end_month + 1)
    qualifier = draw(qualifiers)
    approximate, uncertain = qualifier in ("~", "%"), qualifier in ("?", "%")
    return FuzzyDate(text + qualifier, start, end, precision, approximate, uncertain)


OPEN_SIDE = FuzzyDate("..", date.min, date.max, "open")


@st.composite
def fuzzy_spans(draw: st.DrawFn) -> FuzzyDate:
    """A span of two dates in order, or one date and an open end."""
    first, last = draw(fuzzy_singles()), draw(fuzzy_singles())
    if last.end < first.start:
        first, last = last, first
    openness = draw(st.sampled_from(["closed", "open start", "open end"]))
    if openness == "open start":
        first = OPEN_SIDE
    elif openness == "open end":
        last = OPEN_SIDE
    return FuzzyDate(
        f"{first.text}/{last.text}",
        first.start,
        last.end,
        "interval",
        approximate=first.approximate or last.approximate,
        uncertain=first.uncertain or last.uncertain,
        span=(first, last),
    )


def shape(when: FuzzyDate) -> tuple[Any, ...]:
    """What must survive a round trip: the EDTF text, interval, precision, flags and span ends."""
    parts = () if when.span is None else tuple(shape(part) for part in when.span)
    fields = (when.start, when.end, when.precision, when.approximate, when.uncertain)
    return (when.text, *fields, parts)


@given(st.one_of(fuzzy_singles(), fuzzy_spans()))
def test_the_generated_dates_are_what_the_data_format_means(when: FuzzyDate) -> None:
    assert shape(parse_edtf(when.text)) == shape(when)  # the strategies agree with the spec


@given(st.one_of(fuzzy_singles(), fuzzy_spans()))
def test_every_label_reads_back_as_the_date_it_was_printed_from(when: FuzzyDate) -> None:
    label = describe(when)
    assert shape(parse_bound(label)) == shape(when), label


def test_every_date_in_the_bundled_dataset_reads_back_from_its_label() -> None:
    from iwtimeline.load import load_timeline

    timeline = load_timeline()
    dates = [event.date for event in timeline.events]
    dates += [r.when for actor in timeline.actors for r in actor.relations if r.when is not None]
    assert len(dates) > 100  # the bundled data, not an empty stand-in
    assert any(when.span is not None for when in dates)
    for when in dates:
        assert shape(parse_bound(describe(when))) == shape(when), describe(when)
