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

`describe` labels a date for people. `parse_bound` reads what people type: any EDTF date above,
any label `describe` prints (giving back the very date it was printed from), and these variants,
in any case, with four-digit years as `describe` prints them:

==================  =========================================  ===========================
form                typed                                      EDTF
==================  =========================================  ===========================
day                 ``20 Jan 2007``, ``20 January 2007``,      ``2007-01-20``
                    ``Jan 20, 2007``, ``20th Jan 2007``
month               ``Aug 2007``, ``August 2007``              ``2007-08``
season              ``autumn 2007``, ``fall 2007``             ``2007-23``
part of a year      ``early 2001``, ``mid-2004``,              ``2001-37``, ``2004-38``
                    ``mid 2004``, ``late 2001``
quarter             ``Q3 2007``, ``q3-2007``                   ``2007-35``
half                ``first half of 2003``, ``1st half 2003``, ``2003-40`` (second: ``-41``)
                    ``H1 2003``; second, 2nd, ``H2``
approximate         ``c. 2004``, ``c 2004``, ``ca. 2004``,     ``2004~``
                    ``circa 2004``, ``~2004``
uncertain           ``2004?``, ``Aug 2007?``                   ``2004?``, ``2007-08?``
both                ``c. 2004?``                               ``2004%``
span                ``START – END``, ``START - END``,          ``START/END``
                    ``START--END``, ``START to END``,
                    ``from START to END``; ``START-END`` and
                    ``START/END`` when both sides are dates
                    on their own (``1980-1988``); each end
                    takes its own qualifier (``c. 1980 – 1990``)
open span           ``since START``, ``from START``,           ``START/..``, ``../END``
                    ``until END``, ``till END``
==================  =========================================  ===========================

Other text with a year in it is handed to python-dateutil ('2007 Aug', '20.01.2007').
"""

from __future__ import annotations

import calendar
import re
from datetime import MAXYEAR, date, datetime
from functools import cache
from typing import NamedTuple

from .model import FuzzyDate, Precision
from .records import replace

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

# English whatever the locale: labels must read back the same on every machine
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
OPEN = ".."


class _Flags(NamedTuple):
    approximate: bool
    uncertain: bool


_QUALIFIERS = {
    "": _Flags(approximate=False, uncertain=False),
    "~": _Flags(approximate=True, uncertain=False),
    "?": _Flags(approximate=False, uncertain=True),
    "%": _Flags(approximate=True, uncertain=True),
}
_QUALIFIER_OF_FLAGS = {flags: qual for qual, flags in _QUALIFIERS.items()}


class DateError(ValueError):
    """A date that is malformed or impossible; the message says why in plain words."""


def parse_edtf(text: str) -> FuzzyDate:
    """Parse one date of the documented EDTF subset into a FuzzyDate (raises DateError)."""
    if "/" in text:
        return _parse_interval(text)
    return _parse_single(text)


def _parse_interval(text: str) -> FuzzyDate:
    parts = text.split("/")
    if len(parts) != 2 or not all(parts) or parts == [OPEN, OPEN]:
        raise DateError(f"an interval is START/END with at least one end given, not {text!r}")
    first, last = (_parse_end(part) for part in parts)
    return _interval(first, last, shown=text)


def _interval(first: FuzzyDate, last: FuzzyDate, shown: str) -> FuzzyDate:
    """The span from `first` to `last` (either may be open); `shown` is the text to blame."""
    if first.text == OPEN and last.text == OPEN:
        raise DateError(f"a span needs at least one date, not {shown!r}")
    if first.text != OPEN and last.text != OPEN and last.end < first.start:
        raise DateError(f"interval {shown!r} ends before it starts")
    return FuzzyDate(
        text=f"{first.text}/{last.text}",
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


def _parse_single(text: str, shown: str | None = None) -> FuzzyDate:
    """One EDTF date; `shown` is what the person typed, when `text` was made from a label."""
    shown = text if shown is None else shown
    match = _SINGLE.fullmatch(text)
    if not match:
        raise DateError(
            f"{shown!r} is not a date in the accepted form "
            "(YYYY, YYYY-MM, YYYY-MM-DD, YYYY-21..24 for a season, YYYY-33..41 for part of a "
            "year, optional ~ ? or % at the end, START/END for a span)"
        )
    year = int(match["year"])
    if year == 0:
        raise DateError("year 0000 does not exist")
    flags = _QUALIFIERS[match["qual"] or ""]
    sub = match["sub"]
    if sub is None:
        return FuzzyDate(text, date(year, 1, 1), date(year, 12, 31), "year", *flags)
    code = int(sub)
    if match["day"] is not None:
        return _day(text, shown, year, code, int(match["day"]), flags)
    if 1 <= code <= 12:
        return FuzzyDate(text, date(year, code, 1), _month_end(year, code), "month", *flags)
    if code in _SUB_YEAR_MONTHS:
        first, last = _SUB_YEAR_MONTHS[code]
        end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
        if end_year > MAXYEAR:  # only winter 9999 gets here
            raise DateError(f"{shown!r}: winter {year} would run past 9999, the last year")
        precision: Precision = "season" if code in SEASONS else "part-of-year"
        return FuzzyDate(
            text, date(year, first, 1), _month_end(end_year, end_month), precision, *flags
        )
    raise DateError(
        f"{shown!r}: {sub} is neither a month (01-12), a season (21-24) nor a part of a year "
        "(33-41)"
    )


def _day(text: str, shown: str, year: int, month: int, day: int, flags: _Flags) -> FuzzyDate:
    if not 1 <= month <= 12:
        raise DateError(f"{shown!r}: month {month:02d} does not exist")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateError(f"{shown!r}: {MONTH_NAMES[month - 1]} {year} has {last} days, not {day}")
    the_day = date(year, month, day)
    return FuzzyDate(text, the_day, the_day, "day", *flags)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


# --- describing dates for people -------------------------------------------------------------


def describe(when: FuzzyDate) -> str:
    """A short human label: '20 Jan 2007', 'Aug 2007', 'autumn 2007', 'late 2001', 'c. 2003?'.

    `parse_bound` reads every label back as the date it came from.
    """
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
    # four digits, as in EDTF: a label '42' could not be told from a two-digit year typed back
    year = f"{start.year:04d}"
    if when.precision == "day":
        return f"{start.day} {MONTH_NAMES[start.month - 1][:3]} {year}"
    if when.precision == "month":
        return f"{MONTH_NAMES[start.month - 1][:3]} {year}"
    if when.precision == "year":
        return year
    code = _sub_year_code(when)
    if code in SEASONS:
        return f"{SEASONS[code]} {year}"
    if code in THIRDS:
        return f"{THIRDS[code]} {year}" if code != 38 else f"mid-{year}"
    if code in QUARTERS:
        return f"Q{QUARTERS[code]} {year}"
    return f"{HALVES[code]} {year}"


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


@cache
def _year_part_words() -> dict[str, int]:
    """Words written before a year, with the EDTF code that follows the year ('aug' -> 08)."""
    words: dict[str, int] = {}
    for number, name in enumerate(MONTH_NAMES, start=1):
        words[name.lower()] = words[name[:3].lower()] = number
    words["sept"] = 9
    words.update({name: code for code, name in SEASONS.items()})
    words["fall"] = 23
    words.update({name: code for code, name in THIRDS.items()})
    words.update({f"q{quarter}": code for code, quarter in QUARTERS.items()})
    for code, (ordinal, short) in {40: ("first", "1st"), 41: ("second", "2nd")}.items():
        words[f"h{code - 39}"] = code
        for lead in (ordinal, short):
            words[f"{lead} half"] = words[f"{lead} half of"] = code
    return words


# Typed-input patterns stay strings: `re` compiles and caches each on first use, so a command
# that reads no typed date does not pay for them at start-up.
# a label is words then a four-digit year: 'aug 2007', 'mid-2004', 'jan 20, 2007', '20 jan. 2007'
_LABEL = r"(?P<head>.+?)\.?,?[\s-]+(?P<year>\d{4})"
_DAY_MONTH = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[a-z]+)\.?"
_MONTH_DAY = r"(?P<month>[a-z]+)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_APPROXIMATE = r"(?i)(?:circa|ca|c)\b\.?\s*|~\s*"
# A separator that always means a span. A bare '-' or '/' only does when both sides are dates.
_SPAN_SEPARATOR = r"(?i)\s*(?:[–—]|--)\s*|\s+-\s*|\s*-\s+|\s+to\s+"
_OPEN_SPAN = r"(?i)(?P<word>since|from|until|till)\s+(?P<rest>.+)"
_EDTF_CHARACTERS = r"[\d\-~?%/]+"
_EDTF_SPAN_CHARACTERS = r"[\d\-~?%/.]+"


def parse_bound(text: str) -> FuzzyDate:
    """Read a date the way a person types it, at the precision they typed it.

    Accepts the EDTF forms, every label `describe` prints ('20 Jan 2007', 'c. 2004?', 'Q3 2007',
    'first half of 2003', '1980 – 1990', 'since 1 May 2007', ...) with the variants in the module
    docstring, and anything else python-dateutil reads with a year in it. A bound covers its whole
    precision: '2007' means 2007-01-01..2007-12-31; callers use the `.start` of a lower bound and
    the `.end` of an upper one. The result's `.text` is the EDTF form of what was typed.
    """
    cleaned = " ".join(text.split())
    if not cleaned:
        raise DateError("an empty date")
    try:
        return parse_edtf(cleaned)
    except DateError:
        if _is_edtf_shaped(cleaned):
            raise  # well-formed EDTF with an impossible value: its own message is the clearest
    for read in (_label_end, _open_span, _closed_span):
        found = read(cleaned)
        if found is not None:
            return found
    return _typed_end(cleaned)


def _is_edtf_shaped(text: str) -> bool:
    """A single EDTF date, or digits and EDTF signs around a '/': read as EDTF and nothing else."""
    if _SINGLE.fullmatch(text):
        return True
    return "/" in text and re.fullmatch(_EDTF_SPAN_CHARACTERS, text) is not None


def _open_span(text: str) -> FuzzyDate | None:
    """'since 2003', 'from 2003' (or 'from 2003 to 2007'), 'until 2003', 'till 2003'."""
    match = re.fullmatch(_OPEN_SPAN, text)
    if match is None:
        return None
    word, rest = match["word"].lower(), match["rest"]
    if word == "from":
        closed = _closed_span(rest)
        if closed is not None:
            return closed
    if re.search(_SPAN_SEPARATOR, rest):
        raise DateError(f"{text!r}: '{word}' takes one date; a span is START – END")
    end = _typed_end(rest)
    if word in ("since", "from"):
        return _interval(end, _parse_end(OPEN), shown=text)
    return _interval(_parse_end(OPEN), end, shown=text)


def _closed_span(text: str) -> FuzzyDate | None:
    """'1980 – 1988' and its variants, or None when the text is not a span."""
    parts = re.split(_SPAN_SEPARATOR, text)
    if len(parts) == 1:
        return _tight_span(text)
    try:
        if len(parts) != 2 or not all(parts):
            raise DateError(f"{text!r}: a span has two ends, START – END (or since/until a date)")
        first, last = (_span_end(part) for part in parts)
    except DateError:
        # dateutil read a few spaced-hyphen dates whole before spans existed ('2007 - Aug')
        whole = _dateutil_or_none(text)
        if whole is None:
            raise
        return whole
    return _interval(first, last, shown=text)


def _span_end(text: str) -> FuzzyDate:
    return _parse_end(OPEN) if text == OPEN else _typed_end(text)


def _tight_span(text: str) -> FuzzyDate | None:
    """'1980-1988', 'Aug 2007-Oct 2007', 'c. 1980/1990' as spans, or None.

    The split is at the one '-' or '/' that leaves a date on each side; '2003-03' has none
    ('03' is no date on its own), so it stays March 2003.
    """
    splits = []
    for at, character in enumerate(text):
        if character in "-/":
            first, last = _strict_span_end(text[:at]), _strict_span_end(text[at + 1 :])
            if first is not None and last is not None:
                splits.append((first, last))
    if len(splits) != 1:
        return None
    return _interval(*splits[0], shown=text)


def _strict_span_end(text: str) -> FuzzyDate | None:
    """An end read without dateutil (which reads '03' as a day), or None if it is not a date."""
    if text == OPEN:
        return _parse_end(OPEN)
    try:
        return _label_end(text.strip())
    except DateError:
        return None


def _typed_end(text: str) -> FuzzyDate:
    """One date as typed: a label or EDTF date, qualified or not; failing that, dateutil's."""
    found = _label_end(text)
    if found is not None:
        return found
    flags, core = _split_qualifiers(text)
    if not core:
        raise DateError(f"{text!r} has a qualifier but no date, e.g. 'c. 2004'")
    if re.fullmatch(_EDTF_CHARACTERS, core):
        return _with_flags(_parse_single(core), flags)  # looks like EDTF: its message is clearest
    return _with_flags(_dateutil_bound(core), flags)


def _label_end(text: str) -> FuzzyDate | None:
    """A single EDTF date or `describe` label, qualified or not; None for anything else."""
    flags, core = _split_qualifiers(text)
    if _SINGLE.fullmatch(core):
        return _with_flags(_parse_single(core), flags)
    edtf = _label_as_edtf(core)
    if edtf is None:
        return None
    return _with_flags(_parse_single(edtf, shown=core), flags)


def _split_qualifiers(text: str) -> tuple[_Flags, str]:
    """'c. Aug 2007?' -> (approximate and uncertain, 'Aug 2007')."""
    approximate = re.match(_APPROXIMATE, text)
    core = text[approximate.end() :] if approximate else text
    uncertain = core.endswith("?")
    if uncertain:
        core = core[:-1].rstrip()
    return _Flags(approximate is not None, uncertain), core


def _with_flags(plain: FuzzyDate, flags: _Flags) -> FuzzyDate:
    """The date with the qualifiers typed around it added to any it carries itself."""
    both = _Flags(plain.approximate or flags.approximate, plain.uncertain or flags.uncertain)
    if both == (plain.approximate, plain.uncertain):
        return plain
    text = plain.text.rstrip("~?%") + _QUALIFIER_OF_FLAGS[both]
    return replace(plain, text=text, approximate=both.approximate, uncertain=both.uncertain)


def _label_as_edtf(text: str) -> str | None:
    """'Aug 2007' -> '2007-08', 'mid-2004' -> '2004-38', '20 Jan 2007' -> '2007-01-20'."""
    match = re.fullmatch(_LABEL, text.lower())
    if match is None:
        return None
    year, head = match["year"], match["head"]
    code = _year_part_words().get(head)
    if code is not None:
        return f"{year}-{code:02d}"
    day_and_month = re.fullmatch(_DAY_MONTH, head) or re.fullmatch(_MONTH_DAY, head)
    if day_and_month is None:
        return None
    month = _year_part_words().get(day_and_month["month"], 0)
    if not 1 <= month <= 12:
        return None
    return f"{year}-{month:02d}-{int(day_and_month['day']):02d}"


def _dateutil_or_none(text: str) -> FuzzyDate | None:
    try:
        return _dateutil_bound(text)
    except DateError:
        return None


def _dateutil_bound(text: str) -> FuzzyDate:
    from dateutil import parser  # heavy import, only for dates that need it

    # Parse twice with different defaults: a field the text gave comes out the same both times.
    try:
        one = parser.parse(text, default=datetime(1, 1, 1))
        two = parser.parse(text, default=datetime(2, 2, 2))
    except (ValueError, OverflowError):
        raise DateError(
            f"cannot read {text!r} as a date; try 2007, 2007-08, 2007-08-16, 'Aug 2007', "
            "'autumn 2007', 'Q3 2007', 'c. 2004?', '2003 – 2007' or 'since 2003'"
        ) from None
    if one.year != two.year:
        raise DateError(f"{text!r} has no year; add one, e.g. '{text} 2007'")
    if one.month != two.month:
        return parse_edtf(f"{one.year:04d}")
    if one.day != two.day:
        return parse_edtf(f"{one.year:04d}-{one.month:02d}")
    return parse_edtf(f"{one.year:04d}-{one.month:02d}-{one.day:02d}")
