"""Partial and uncertain dates: parse the EDTF subset we accept, describe it, read typed bounds.

The accepted subset of the Library of Congress Extended Date/Time Format (EDTF):

==================  =========================================  ===========================
form                example                                    interval
==================  =========================================  ===========================
day                 ``2007-01-20``                             that day
month               ``2007-08``                                the whole month
year                ``2003``                                   the whole year
season              ``2007-21`` .. ``2007-24``                 spring Mar-May, summer
                                                               Jun-Aug, autumn Sep-Nov,
                                                               winter Dec-Feb (next year)
part of a year      ``2001-37`` early, ``-38`` mid,            Jan-Apr, May-Aug, Sep-Dec
                    ``-39`` late
quarter             ``2003-33`` .. ``2003-36``                 Q1 .. Q4
half                ``2003-40`` first, ``2003-41`` second      Jan-Jun, Jul-Dec
qualifier           ``2004~`` approximate, ``2004?``           unchanged: a flag only
                    uncertain, ``2004%`` both
interval            ``1980-09-22/1988-08-20``                  start of the first to end
                                                               of the second
open interval       ``2007-05-01/..``, ``../2003``             unbounded on the open side
==================  =========================================  ===========================
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from typing import NamedTuple

from .model import FuzzyDate, Precision

_SINGLE = re.compile(r"(?P<year>\d{4})(?:-(?P<sub>\d{2})(?:-(?P<day>\d{2}))?)?(?P<qual>[~?%])?")

SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
THIRDS = {37: "early", 38: "mid", 39: "late"}
QUARTERS = {33: 1, 34: 2, 35: 3, 36: 4}
HALVES = {40: "first half of", 41: "second half of"}

# first and last month of each sub-year code; winter runs on into the next year's February
_SUB_YEAR_MONTHS = {
    21: (3, 5),
    22: (6, 8),
    23: (9, 11),
    24: (12, 14),
    33: (1, 3),
    34: (4, 6),
    35: (7, 9),
    36: (10, 12),
    37: (1, 4),
    38: (5, 8),
    39: (9, 12),
    40: (1, 6),
    41: (7, 12),
}

_MONTH_ABBR = calendar.month_abbr
OPEN = ".."


class _Flags(NamedTuple):
    approximate: bool
    uncertain: bool


class DateError(ValueError):
    """A date that is malformed or impossible; the message says why in plain words."""


def parse_edtf(text: str) -> FuzzyDate:
    """Parse one date of the documented EDTF subset into a FuzzyDate (raises DateError)."""
    if "/" in text:
        return _parse_interval(text)
    return _parse_single(text)


def _parse_interval(text: str) -> FuzzyDate:
    parts = text.split("/")
    if len(parts) != 2 or not all(parts) or parts == ["..", ".."]:
        raise DateError(f"an interval is START/END with at least one end given, not {text!r}")
    first, last = (_parse_end(part) for part in parts)
    if first.text != OPEN and last.text != OPEN and last.end < first.start:
        raise DateError(f"interval {text!r} ends before it starts")
    return FuzzyDate(
        text=text,
        start=date.min if first.text == OPEN else first.start,
        end=date.max if last.text == OPEN else last.end,
        precision="interval",
        approximate=first.approximate or last.approximate,
        uncertain=first.uncertain or last.uncertain,
        span=(first, last),
    )


def _parse_end(text: str) -> FuzzyDate:
    """One end of an interval: a date, or '..' for an end that is open (still true, or unknown)."""
    if text == OPEN:
        return FuzzyDate(OPEN, date.min, date.max, "open")
    return _parse_single(text)


def _parse_single(text: str) -> FuzzyDate:
    match = _SINGLE.fullmatch(text)
    if not match:
        raise DateError(
            f"{text!r} is not a date in the accepted form "
            "(YYYY, YYYY-MM, YYYY-MM-DD, YYYY-21..24 for a season, YYYY-33..41 for part of a "
            "year, optional ~ ? or % at the end, START/END for a span)"
        )
    year = int(match["year"])
    if year == 0:
        raise DateError("year 0000 does not exist")
    qual = match["qual"] or ""
    flags = _Flags(approximate=qual in ("~", "%"), uncertain=qual in ("?", "%"))
    sub = match["sub"]
    if sub is None:
        return FuzzyDate(text, date(year, 1, 1), date(year, 12, 31), "year", *flags)
    code = int(sub)
    if match["day"] is not None:
        return _day(text, year, code, int(match["day"]), flags)
    if 1 <= code <= 12:
        return FuzzyDate(text, date(year, code, 1), _month_end(year, code), "month", *flags)
    if code in _SUB_YEAR_MONTHS:
        first, last = _SUB_YEAR_MONTHS[code]
        end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
        precision: Precision = "season" if code in SEASONS else "part-of-year"
        return FuzzyDate(
            text, date(year, first, 1), _month_end(end_year, end_month), precision, *flags
        )
    raise DateError(
        f"{text!r}: {sub} is neither a month (01-12), a season (21-24) nor a part of a year (33-41)"
    )


def _day(text: str, year: int, month: int, day: int, flags: _Flags) -> FuzzyDate:
    if not 1 <= month <= 12:
        raise DateError(f"{text!r}: month {month:02d} does not exist")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateError(f"{text!r}: {calendar.month_name[month]} {year} has {last} days, not {day}")
    the_day = date(year, month, day)
    return FuzzyDate(text, the_day, the_day, "day", *flags)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


# --- describing dates for people -------------------------------------------------------------


def describe(when: FuzzyDate) -> str:
    """A short human label: '20 Jan 2007', 'Aug 2007', 'autumn 2007', 'late 2001', 'c. 2003?'."""
    if when.span is not None:
        first, last = when.span
        if first.text == OPEN:
            return f"until {describe(last)}"
        if last.text == OPEN:
            return f"since {describe(first)}"
        return f"{describe(first)} – {describe(last)}"
    label = _plain_label(when)
    if when.approximate:
        label = f"c. {label}"
    if when.uncertain:
        label = f"{label}?"
    return label


def _plain_label(when: FuzzyDate) -> str:
    start = when.start
    if when.precision == "day":
        return f"{start.day} {_MONTH_ABBR[start.month]} {start.year}"
    if when.precision == "month":
        return f"{_MONTH_ABBR[start.month]} {start.year}"
    if when.precision == "year":
        return str(start.year)
    code = _sub_year_code(when)
    if code in SEASONS:
        return f"{SEASONS[code]} {start.year}"
    if code in THIRDS:
        return f"{THIRDS[code]} {start.year}" if code != 38 else f"mid-{start.year}"
    if code in QUARTERS:
        return f"Q{QUARTERS[code]} {start.year}"
    return f"{HALVES[code]} {start.year}"


def _sub_year_code(when: FuzzyDate) -> int:
    return int(when.text.rstrip("~?%").split("-")[1])


PRECISION_WORDS: dict[str, str] = {
    "day": "exact day",
    "month": "month only",
    "season": "season only",
    "part-of-year": "part of a year only",
    "year": "year only",
    "interval": "a span of time",
    "open": "open",
}


def describe_precision(when: FuzzyDate) -> str:
    """'month only, approximate' — what a reader must know about how exact a date is."""
    words = [PRECISION_WORDS[when.precision]]
    if when.approximate:
        words.append("approximate")
    if when.uncertain:
        words.append("uncertain")
    return ", ".join(words)


# --- dates as people type them on the command line ------------------------------------------

_WORDS = {
    **{name: code for code, name in SEASONS.items()},
    "fall": 23,
    **{name: code for code, name in THIRDS.items()},
}
_WORDED = re.compile(r"(?P<word>[a-z]+)[\s-]+(?P<year>\d{4})")


def parse_bound(text: str) -> FuzzyDate:
    """Read a date the way a person types it, at the precision they typed it.

    '2003', '2003-03', '2003-03-20', 'autumn 2007', 'late 2001' and anything python-dateutil
    reads with a year in it ('March 2003', '20 Jan 2007', 'Aug 2007'). A bound covers its whole
    precision: '2007' means 2007-01-01..2007-12-31.
    """
    cleaned = " ".join(text.split())
    if not cleaned:
        raise DateError("an empty date")
    try:
        return parse_edtf(cleaned)
    except DateError as edtf_error:
        worded = _worded_bound(cleaned)
        if worded is not None:
            return worded
        if re.fullmatch(r"[\d\-~?%/]+", cleaned):
            raise edtf_error from None  # looks like ISO/EDTF: its own message is the clearest
    return _dateutil_bound(cleaned)


def _worded_bound(text: str) -> FuzzyDate | None:
    match = _WORDED.fullmatch(text.lower())
    if not match or match["word"] not in _WORDS:
        return None
    return parse_edtf(f"{match['year']}-{_WORDS[match['word']]}")


def _dateutil_bound(text: str) -> FuzzyDate:
    from dateutil import parser  # heavy import, only for dates that need it

    # Parse twice with different defaults: a field the text gave comes out the same both times.
    try:
        one = parser.parse(text, default=datetime(1, 1, 1))
        two = parser.parse(text, default=datetime(2, 2, 2))
    except (ValueError, OverflowError):
        raise DateError(
            f"cannot read {text!r} as a date; try 2007, 2007-08, 2007-08-16 or 'Aug 2007'"
        ) from None
    if one.year != two.year:
        raise DateError(f"{text!r} has no year; add one, e.g. '{text} 2007'")
    if one.month != two.month:
        return parse_edtf(f"{one.year:04d}")
    if one.day != two.day:
        return parse_edtf(f"{one.year:04d}-{one.month:02d}")
    return parse_edtf(f"{one.year:04d}-{one.month:02d}-{one.day:02d}")
