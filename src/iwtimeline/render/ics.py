"""iCalendar (RFC 5545) export: one all-day VEVENT per event, for calendar programs. No Rich here.

A calendar has no notion of "autumn 2007" or "c. 1982", so each event becomes an all-day entry
over every day its date may mean (DTEND is the day after the last one: RFC 5545 makes an
all-day end exclusive), and its DESCRIPTION says in words how exact the date really is. A span
open at one end ("since 1 May 2007") becomes a one-day entry on the end that is known.

The event's status (documented, reported, ...) goes into CATEGORIES, never into STATUS, whose
values (TENTATIVE, CONFIRMED, CANCELLED) say whether a meeting takes place, not how firmly a
historical claim is established.

The text is kept exactly as written in the data file, as JSON keeps it: calendar programs show
text, they do not run it, and a title must read back as itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import quote

from ..dates import describe, describe_precision
from ..model import Actor, Event, FuzzyDate, Involvement, Source
from ..query import Selection
from . import RenderOptions
from .words import claim_words, stands_apart

CRLF = "\r\n"
# RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break
LINE_OCTETS = 75
_ONE_DAY = timedelta(days=1)

# C0 controls other than tab and line breaks cannot be written in TEXT at all (RFC 5545 §3.3.11);
# the loader refuses them, so they only come from a caller that skipped it, and become U+FFFD
# rather than break the file
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# RFC 3986 reserved characters and '%' (an address already percent-encoded stays as it is);
# anything else outside the unreserved set, non-ASCII above all, is percent-encoded in UTF-8
_URI_SAFE = "!#$%&'()*+,/:;=?@[]"

# what the calendar entry of a coarse date stands for, by precision
_WHOLE = {
    "month": "the whole month",
    "season": "the whole season",
    "part-of-year": "that whole part of the year",
    "year": "the whole year",
    "interval": "all of it",
}


def events_ics(selection: Selection, options: RenderOptions) -> str:
    """The selection as an iCalendar file: CRLF line ends, lines folded at 75 octets.

    An empty selection gives a calendar without events: RFC 5545's grammar asks for at least one
    component, but calendar programs read an empty one as what it is, as `--json` prints `[]`.
    """
    stamp = _utc_stamp(options.now)
    lines = _calendar_head(selection.timeline.header.title)
    for event in selection.events:
        lines.extend(_vevent(event, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)


def _calendar_head(title: str) -> list[str]:
    return [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//iwtimeline//iwtimeline {escape_text(_version())}//EN",
        "CALSCALE:GREGORIAN",
        # TEXT, the default value type of an X- property (RFC 5545 §3.8.8.2)
        f"X-WR-CALNAME:{escape_text(title)}",
    ]


def _version() -> str:
    try:
        return version("iwtimeline")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "dev"


def _utc_stamp(now: datetime | None) -> str:
    """DTSTAMP's UTC form; a naive `now` is taken to be UTC already."""
    moment = datetime.now(timezone.utc) if now is None else now
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return f"{_basic_date(moment.date())}T{moment:%H%M%S}Z"


def _vevent(event: Event, stamp: str) -> list[str]:
    first, last = calendar_days(event.date)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.id)}@iwtimeline",  # the id is stable, so re-imports update
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_basic_date(first)}",
        f"DTEND;VALUE=DATE:{_basic_date(_day_after(last))}",
        f"SUMMARY:{escape_text(event.title)}",
        f"DESCRIPTION:{escape_text(description(event))}",
    ]
    if event.places:
        lines.append(f"LOCATION:{escape_text(', '.join(p.name for p in event.places))}")
    url = next((source.url for source in event.sources if source.url), None)
    if url is not None:
        lines.append(f"URL:{uri(url)}")
    categories = ",".join(escape_text(value) for value in (event.status, *event.tags))
    lines += [f"CATEGORIES:{categories}", "TRANSP:TRANSPARENT", "END:VEVENT"]
    return lines


# --- dates --------------------------------------------------------------------------------


def calendar_days(when: FuzzyDate) -> tuple[date, date]:
    """The first and last day (inclusive) of the calendar entry for a date.

    A span open at one end (date.min or date.max there) keeps only its known end, as one day:
    an entry from year 1 or to year 9999 would fill every calendar view in between.
    """
    if when.start == date.min:
        return when.end, when.end
    if when.end == date.max:
        return when.start, when.start
    return when.start, when.end


def _day_after(day: date) -> date:
    # 9999-12-31 has no day after it, in Python or in iCalendar's four-digit years: such an
    # entry ends where it starts rather than crash the export
    return day + _ONE_DAY if day < date.max else day


def _basic_date(day: date) -> str:
    # not strftime("%Y"): glibc does not pad years before 1000 to four digits
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _day_label(day: date) -> str:
    """'1 Sep 2007', in the words `describe` uses for a day (English whatever the locale)."""
    return describe(FuzzyDate(day.isoformat(), day, day, "day"))


def date_line(when: FuzzyDate) -> str:
    """'Date: autumn 2007 (season only; the calendar entry spans the whole season, ...)'."""
    first, last = calendar_days(when)
    facts = [describe_precision(when)]
    if when.start == date.min:
        facts[0] += ", open at its start"
        facts.append(f"the calendar entry marks only its known end, {_day_label(last)}")
    elif when.end == date.max:
        facts[0] += ", open at its end"
        facts.append(f"the calendar entry marks only its known start, {_day_label(first)}")
    elif first != last:
        whole = _WHOLE.get(when.precision, "every day it may mean")
        span = f"{_day_label(first)} to {_day_label(last)}"
        facts.append(f"the calendar entry spans {whole}, {span}")
    return f"Date: {describe(when)} ({'; '.join(facts)})"


# --- the description ----------------------------------------------------------------------


def description(event: Event) -> str:
    """Everything a calendar entry has no field for, as plain text in blocks."""
    facts = [
        date_line(event.date),
        f"Status: {_claim(event.status, event.claimed_by)}",
        f"Actors: {', '.join(_involvement(i, event) for i in event.involvements)}",
    ]
    if event.places:
        facts.append(f"Places: {', '.join(place.name for place in event.places)}")
    if event.tags:
        facts.append(f"Tags: {', '.join(event.tags)}")
    facts.append(f"ID: {event.id}")  # what `iwtimeline show` takes
    blocks = ["\n".join(facts), event.summary]
    if event.date_note:
        blocks.append(f"Date note: {event.date_note}")
    blocks.append("\n".join(_sources(event.sources)))
    return "\n\n".join(blocks)


def _claim(status: str, claimed_by: tuple[Actor, ...]) -> str:
    """'alleged by United States': the status, and who makes the claim when it is one."""
    return claim_words(status, [actor.name for actor in claimed_by])


def _involvement(involvement: Involvement, event: Event) -> str:
    """'Quds Force (sponsor) [alleged by United States]': the part, marked when it is weaker."""
    words = involvement.actor.name
    if involvement.role:
        words += f" ({involvement.role})"
    if stands_apart(involvement, event):
        words += f" [{_claim(involvement.status, involvement.claimed_by)}]"
    return words


def _sources(sources: Iterable[Source]) -> list[str]:
    """'Sources:' and one numbered entry each, its URL on the line below."""
    lines = ["Sources:"]
    for number, source in enumerate(sources, 1):
        details = [source.publisher, source.date and describe(source.date)]
        line = f"{number}. {source.title}"
        if any(details):
            line += f" — {', '.join(part for part in details if part)}"
        lines.append(line)
        if source.url:
            lines.append(f"   {source.url}")
    return lines


# --- iCalendar syntax ---------------------------------------------------------------------


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, ';', ',' and line breaks escaped."""
    # str.replace, not one regex with a function: a third of the time of a large export.
    # The backslash goes first, so the escapes added after it are not escaped again.
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    return _CONTROL.sub("\ufffd", value)


def uri(url: str) -> str:
    """A URI value: never TEXT-escaped, but only ASCII that RFC 3986 allows."""
    return quote(url, safe=_URI_SAFE)


def fold(line: str) -> str:
    """A content line folded to at most 75 octets a physical line (RFC 5545 §3.1).

    Each fold is CRLF and one space, which counts toward the next line's 75. The cut never
    splits a UTF-8 character (§3.1 warns that simple writers do, and a reader that decodes each
    physical line would fail) nor a TEXT escape such as '\\n' (by the RFC unfolding comes
    first, so this is for lax readers, and costs nothing).
    Works on bytes, a slice a line, so a 100,000-event export does not walk every character.
    """
    raw = line.encode("utf-8")
    if len(raw) <= LINE_OCTETS:
        return line
    pieces: list[bytes] = []
    start, room = 0, LINE_OCTETS
    while len(raw) - start > room:
        cut = _cut(raw, start, start + room)
        pieces.append(raw[start:cut])
        start, room = cut, LINE_OCTETS - 1  # the space that opens a continuation is an octet
    pieces.append(raw[start:])
    return b"\r\n ".join(pieces).decode("utf-8")


def _cut(raw: bytes, start: int, cut: int) -> int:
    """Where to end the piece from `start`: at most `cut`, on a character and escape boundary."""
    while raw[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: the character began earlier
        cut -= 1
    # backslashes only ever come in escape pairs, and `start` is never inside one: an odd run
    # of them just before the cut means the last one opens a pair the cut would split
    run = 0
    while cut - run - 1 >= start and raw[cut - run - 1] == 0x5C:
        run += 1
    return cut - 1 if run % 2 else cut
