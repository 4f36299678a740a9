"""TimelineJS3 JSON, for a web timeline (https://timeline.knightlab.com/docs/json-format.html).
No Rich here.

The file is one object: a `title` slide (the timeline's title and what was selected), one slide
in `events` for each event, and `eras`, the main periods the selection touches. A slide looks
like this (the text is one line in the file):

    {
      "start_date": {"year": 2007, "month": 1, "day": 20},
      "display_date": "20 Jan 2007",
      "text": {
        "headline": "Gunmen raid the Karbala headquarters",
        "text": "<p>Gunmen killed five US soldiers ...</p><p>Status: documented</p>
                 <p>Actors: United States (target), Quds Force (sponsor, alleged by United
                 States)</p><p>Place: Karbala</p><p>Sources:</p><ul><li><a
                 href=\"https://example.org/karbala\">Raid report</a> — Wire service,
                 21 Jan 2007</li></ul>"
      },
      "unique_id": "iw-2007-karbala-raid"
    }

Dates. A TimelineJS date object holds only the parts a date has: a day gives year, month and
day; a month, year and month; a year, the year alone. A season or part of a year starts at the
year and month of its first month and ends (`end_date`) at those of its last: no day is made
up. A span starts where its first end starts and ends where its last end ends, each at its own
precision; a span open at its end has no `end_date`; one open at its start ("until 2003") is
placed at the end it has, since TimelineJS requires a `start_date`. `display_date` is always our
own label ("autumn 2007", "c. 2004?"), so nothing reads more exact than the data.

Ids. `unique_id` is the event's id with `iw-` in front. TimelineJS uses it as the slide's HTML id
and in its address bookmarks (`#event-iw-2007-karbala-raid`). Before 3.7.0 it passed ids through
its `slugify`, which puts `_` before an id that starts with a digit, as most of ours do; the
prefix keeps the ids the same in every version, and makes them valid CSS identifiers too. The
title slide's id is `title`, which no prefixed id can equal (TimelineJS would otherwise derive
one from the headline, and rename any event whose id it happened to take).

Escaping. Every string from the data is HTML-escaped (`&`, `<`, `>`, `"`, `'`), and only
http(s) addresses become links. Data text with bidi controls (U+202A–U+202E, U+2066–U+2069)
among other words goes in a `<bdi>`, so that it cannot turn the words after it around.
TimelineJS (3.7.0 and later) strips markup from `display_date` and `group` by parsing them as
HTML and keeping their text, which undoes one level of escaping, and then writes them into the
page as HTML: those two are escaped twice, so that a name like `<b>` still shows as written.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..dates import describe
from ..model import Actor, Event, FuzzyDate, Involvement, Source
from ..query import Selection
from . import GroupBy, RenderOptions
from .caption import caption
from .words import claim_words, stands_apart


@dataclass(frozen=True)
class Period:
    """A named stretch of the story, both ends inclusive."""

    name: str
    start: dt.date
    end: dt.date


# The main periods of the story: TimelineJS eras here, Mermaid sections in mermaid.py. The war runs
# from Iraq's invasion of Iran to the ceasefire under UN Security Council Resolution 598; the
# 2003 invasion began on 20 March (local time); the bundled data ends with 2008. They follow one
# another without a gap, so each day from 22 Sep 1980 to 31 Dec 2008 lies in exactly one.
PERIODS: tuple[Period, ...] = (
    Period("Iran–Iraq War", dt.date(1980, 9, 22), dt.date(1988, 8, 20)),
    Period("Between the wars", dt.date(1988, 8, 21), dt.date(2003, 3, 19)),
    Period("Invasion and occupation", dt.date(2003, 3, 20), dt.date(2008, 12, 31)),
)

ID_PREFIX = "iw-"
TITLE_ID = "title"

DateObject = dict[str, int]


# --- dates -----------------------------------------------------------------------------------


def first_parts(when: FuzzyDate) -> DateObject:
    """Where a single date begins, with only the parts its precision gives."""
    start = when.start
    if when.precision == "day":
        return {"year": start.year, "month": start.month, "day": start.day}
    if when.precision == "year":
        return {"year": start.year}
    # a month, or the first month of a season or part of a year: never a made-up day
    return {"year": start.year, "month": start.month}


def last_parts(when: FuzzyDate) -> DateObject:
    """Where a single date ends: the last month of a season or part of a year (winter's is the
    next year's February); any other date ends within the parts it starts with."""
    if when.precision in ("season", "part-of-year"):
        return {"year": when.end.year, "month": when.end.month}
    return first_parts(when)


def date_objects(when: FuzzyDate) -> tuple[DateObject, DateObject | None]:
    """TimelineJS's `start_date` and `end_date` for a date (None: no `end_date`)."""
    first, last = when.span if when.span is not None else (when, when)
    if first.precision == "open":
        first = last  # "until 2003": TimelineJS needs a start; the end is all we know
    start = first_parts(first)
    if last.precision == "open":
        return start, None
    end = last_parts(last)
    # TimelineJS drops an end_date equal to the start_date; so do we, to say what it will show
    return start, (None if end == start else end)


def _day(day: dt.date) -> DateObject:
    return {"year": day.year, "month": day.month, "day": day.day}


# --- text ------------------------------------------------------------------------------------


def escape(text: str) -> str:
    return html.escape(text, quote=True)


# Bidirectional embeddings, overrides and isolates: U+202A–U+202E, U+2066–U+2069.
_BIDI_CONTROLS = frozenset({"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})


def inline(text: str) -> str:
    """Data text set among our own words, escaped; in a <bdi> when it holds bidi controls.

    An unclosed right-to-left override runs to the end of the paragraph: without the isolate, a
    source's title could make the publisher and date after it read backwards.
    """
    escaped = escape(text)
    if any(unicodedata.bidirectional(char) in _BIDI_CONTROLS for char in text):
        return f"<bdi>{escaped}</bdi>"
    return escaped


def escape_text_field(text: str) -> str:
    """For `display_date` and `group`, which TimelineJS unescapes once and then treats as HTML."""
    return escape(escape(text))


def paragraph(text: str) -> str:
    """Data text as one HTML paragraph; its line breaks kept as <br>."""
    return "<p>" + "<br>".join(inline(line) for line in text.splitlines()) + "</p>"


def names(actors: Iterable[Actor]) -> str:
    return ", ".join(inline(actor.name) for actor in actors)


def claim(status: str, claimed_by: tuple[Actor, ...]) -> str:
    """'documented', 'alleged by United States', 'disputed, claimed by United States'."""
    return claim_words(status, [inline(actor.name) for actor in claimed_by])


def involvement_words(involvement: Involvement, event: Event) -> str:
    """'Quds Force (sponsor, alleged by United States)': the role, and the part when it is
    weaker than the event (in an alleged event every part is alleged with it: not repeated)."""
    notes = [inline(involvement.role)] if involvement.role else []
    if stands_apart(involvement, event):
        notes.append(claim(involvement.status, involvement.claimed_by))
    name = inline(involvement.actor.name)
    return f"{name} ({', '.join(notes)})" if notes else name


def link(url: str | None, label: str) -> str:
    """`label` (already escaped) as a link to `url` when that is an http(s) address."""
    if url is None or urlsplit(url).scheme.lower() not in ("http", "https"):
        return label
    return f'<a href="{escape(url)}">{label}</a>'


def citation(source: Source) -> str:
    """'<a href="…">Title</a> — Publisher, 21 Jan 2007'."""
    text = link(source.url, inline(source.title))
    if source.publisher:
        text += f" — {inline(source.publisher)}"
    if source.date is not None:
        text += f", {escape(describe(source.date))}"
    return text


def event_html(event: Event) -> str:
    """The slide's text: summary, status, actors, places and sources."""
    parts = [
        paragraph(event.summary),
        f"<p>Status: {claim(event.status, event.claimed_by)}</p>",
        "<p>Actors: " + ", ".join(involvement_words(i, event) for i in event.involvements) + "</p>",
    ]
    if event.places:
        noun = "Place" if len(event.places) == 1 else "Places"
        parts.append(f"<p>{noun}: " + ", ".join(inline(p.name) for p in event.places) + "</p>")
    items = "".join(f"<li>{citation(source)}</li>" for source in event.sources)
    parts.append(f"<p>Sources:</p><ul>{items}</ul>")
    return "".join(parts)


# --- groups ----------------------------------------------------------------------------------


def group_of(event: Event, by: GroupBy | None) -> str | None:
    """The row of the navigation an event goes in; None: no group."""
    if by == "actor":
        # the first actor whose part is as firm as the event: not a sponsor only alleged
        firm = (i.actor for i in event.involvements if not stands_apart(i, event))
        return next(firm, event.actors[0]).name
    if by == "tag":
        return event.tags[0] if event.tags else None
    if by == "status":
        return event.status
    if by == "place":
        return event.places[0].name if event.places else None
    return None  # no grouping; "year" is not offered for this format (a row a year reads badly)


# --- the file --------------------------------------------------------------------------------


def title_slide(selection: Selection) -> dict[str, Any]:
    return {
        "text": {
            "headline": escape(selection.timeline.header.title),
            "text": f"<p>{escape(caption(selection))}</p>",
        },
        "unique_id": TITLE_ID,
    }


def event_slide(event: Event, by: GroupBy | None) -> dict[str, Any]:
    start, end = date_objects(event.date)
    slide: dict[str, Any] = {"start_date": start}
    if end is not None:  # a null end_date would make TimelineJS fail on the slide
        slide["end_date"] = end
    slide["display_date"] = escape_text_field(describe(event.date))
    slide["text"] = {"headline": escape(event.title), "text": event_html(event)}
    group = group_of(event, by)
    if group is not None:
        slide["group"] = escape_text_field(group)
    slide["unique_id"] = ID_PREFIX + event.id
    return slide


def eras(events: tuple[Event, ...]) -> Iterator[dict[str, Any]]:
    """The periods the events touch, each cut to the days from the first event to the last."""
    if not events:
        return
    low = min(event.date.start for event in events)
    high = max(event.date.end for event in events)
    for period in PERIODS:
        start, end = max(period.start, low), min(period.end, high)
        if start <= end:
            yield {
                "start_date": _day(start),
                "end_date": _day(end),
                "text": {"headline": escape(period.name), "text": ""},
            }


def timeline_object(selection: Selection, options: RenderOptions) -> dict[str, Any]:
    return {
        "title": title_slide(selection),
        "events": [event_slide(event, options.by) for event in selection.events],
        "eras": list(eras(selection.events)),
    }


# --- the registry's renderer -----------------------------------------------------------------


def events_timelinejs(selection: Selection, options: RenderOptions) -> str:
    return json.dumps(timeline_object(selection, options), ensure_ascii=False, indent=2) + "\n"
