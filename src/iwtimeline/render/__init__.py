"""Output forms, in one registry. Each renderer returns text or a Rich renderable; the CLI prints.

A Format says what it is for (people or programs), whether a pager may show it, the file
extension it writes, the extra options it takes (such as `--by`, with the values it accepts),
and which subjects it can render. Subjects are what commands hand over: `events` (a
query.Selection), `event` (an EventSheet, for `show`), `actors` and `actor` (an ActorReport),
`tags` and `places` (a Tally), `lanes` (a query.Lanes, for `chart`), `stats` (a query.Stats,
for `stats`), `day` (a query.Anniversaries, for `on`). Renderers are named as "module:function"
and imported only when used, so that the JSON forms never import Rich.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from importlib import import_module
from types import MappingProxyType
from typing import Any, Literal, NamedTuple

from ..records import derived, record

Subject = Literal["events", "event", "actors", "actor", "tags", "places", "lanes", "stats", "day"]
Audience = Literal["people", "programs"]

# how events are grouped (tree, chart lanes, stats, TimelineJS groups); each format says which
GroupBy = Literal["year", "actor", "tag", "status", "place"]
GROUPINGS: tuple[GroupBy, ...] = ("year", "actor", "tag", "status", "place")


class Chunks:
    """Output for programs made and written a piece at a time (UTF-8 bytes), so that a large
    JSON document is never held whole: the events' records of a 100,000-event file are 130 MB."""

    def __init__(self, pieces: Iterable[bytes]) -> None:
        self.pieces = pieces

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.pieces)

    def joined(self) -> bytes:
        return b"".join(self.pieces)


class RenderOptions(NamedTuple):
    """Options some formats take; a format lists the ones it takes in `Format.options`."""

    by: GroupBy | None = None
    # CSV for Excel: a byte order mark, and cells that would run as formulas neutralised
    excel: bool = False
    # the moment of writing (iCalendar's DTSTAMP, "N years ago"); None: now
    now: dt.datetime | None = None
    # JSON laid out for a person (indented): the CLI sets it when printing to a terminal
    pretty: bool = False


NO_OPTIONS: Mapping[str, tuple[str, ...]] = MappingProxyType({})


@record
class Format:
    name: str
    summary: str
    audience: Audience
    pageable: bool
    extension: str
    renderers: Mapping[Subject, str]
    # option name -> the values it may take (empty: a flag)
    options: Mapping[str, tuple[str, ...]] = NO_OPTIONS
    aliases: tuple[str, ...] = ()
    names: tuple[str, ...] = derived()

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", (self.name, *self.aliases))

    def can_render(self, subject: Subject) -> bool:
        return subject in self.renderers

    def render(self, subject: Subject, value: Any, options: RenderOptions | None = None) -> Any:
        module, function = self.renderers[subject].split(":")
        renderer = getattr(import_module(f"{__name__}.{module}"), function)
        return renderer(value, options or RenderOptions())


FORMATS: tuple[Format, ...] = (
    Format(
        "table",
        "a table for reading in a terminal",
        "people",
        pageable=True,
        extension="txt",
        renderers={
            "events": "table:events_table",
            "actors": "actors:actors_table",
            "actor": "actors:actors_table",
            "tags": "tally:tally_table",
            "places": "tally:tally_table",
            "stats": "stats:stats_view",
            "day": "table:day_table",
        },
    ),
    Format(
        "tree",
        "a tree: year, then month, then event (--by actor or tag to group otherwise)",
        "people",
        pageable=True,
        extension="txt",
        renderers={"events": "tree:events_tree", "actors": "actors:actors_tree"},
        options={"by": ("year", "actor", "tag")},
    ),
    Format(
        "detail",
        "every field of each record, with sources",
        "people",
        pageable=True,
        extension="txt",
        renderers={"event": "detail:event_sheet", "actor": "actors:actor_sheet"},
    ),
    Format(
        "json",
        "a JSON array (one object for a single record asked for by id or name)",
        "programs",
        pageable=False,
        extension="json",
        renderers={
            "events": "jsonout:events_json",
            "event": "jsonout:sheet_json",
            "actors": "jsonout:actors_json",
            "actor": "jsonout:actor_json",
            "tags": "jsonout:tally_json",
            "places": "jsonout:tally_json",
            "lanes": "jsonout:lanes_json",
            "stats": "jsonout:stats_json",
            "day": "jsonout:day_json",
        },
    ),
    Format(
        "jsonl",
        "JSON Lines: one object a line",
        "programs",
        pageable=False,
        extension="jsonl",
        renderers={
            "events": "jsonout:events_jsonl",
            "event": "jsonout:sheet_jsonl",
            "actors": "jsonout:actors_jsonl",
            "actor": "jsonout:actors_jsonl",
            "tags": "jsonout:tally_jsonl",
            "places": "jsonout:tally_jsonl",
            "lanes": "jsonout:lanes_jsonl",
            "day": "jsonout:day_jsonl",
        },
        aliases=("ndjson",),
    ),
    Format(
        "chart",
        "a swimlane timeline: a lane per actor, tag, status or place, time across",
        "people",
        pageable=True,
        extension="txt",
        renderers={"lanes": "chart:lanes_chart"},
        options={"by": ("actor", "tag", "status", "place")},
    ),
    Format(
        "csv",
        "CSV (RFC 4180) for spreadsheets and data tools; --excel for Excel",
        "programs",
        pageable=False,
        extension="csv",
        renderers={"events": "csvout:events_csv"},
        options={"excel": ()},
    ),
    Format(
        "markdown",
        "a Markdown chronology, a heading a year, sources as footnotes",
        "programs",
        pageable=False,
        extension="md",
        renderers={"events": "markdown:events_markdown"},
        aliases=("md",),
    ),
    Format(
        "timelinejs",
        "TimelineJS3 JSON, for a web timeline (--by groups the events)",
        "programs",
        pageable=False,
        extension="json",
        renderers={"events": "timelinejs:events_timelinejs"},
        options={"by": ("actor", "tag", "status", "place")},
    ),
    Format(
        "ics",
        "iCalendar (RFC 5545): an all-day event for each, for calendar programs",
        "programs",
        pageable=False,
        extension="ics",
        renderers={"events": "ics:events_ics"},
        aliases=("ical", "icalendar"),
    ),
    Format(
        "mermaid",
        "a Mermaid timeline diagram, for Markdown pages that draw them",
        "programs",
        pageable=False,
        extension="mmd",
        renderers={"events": "mermaid:events_mermaid"},
    ),
)

# What each subject shows when no format is asked for.
DEFAULTS: dict[Subject, str] = {
    "events": "table",
    "event": "detail",
    "actors": "table",
    "actor": "detail",
    "tags": "table",
    "places": "table",
    "lanes": "chart",
    "stats": "table",
    "day": "table",
}


def formats_for(subject: Subject) -> tuple[Format, ...]:
    return tuple(form for form in FORMATS if form.can_render(subject))


def format_for_file(path: str) -> Format | None:
    """The format a file name's extension asks for (the first format with it): report.csv."""
    suffix = path.rsplit(".", 1)[-1].casefold() if "." in path else ""
    return next((form for form in FORMATS if form.extension == suffix), None)


def find_format(name: str) -> Format | None:
    """The format called `name` or one of its aliases, in any case; None if there is none."""
    wanted = name.strip().casefold()
    return next((form for form in FORMATS if wanted in form.names), None)


def default_format(subject: Subject) -> Format:
    found = find_format(DEFAULTS[subject])
    assert found is not None
    return found
