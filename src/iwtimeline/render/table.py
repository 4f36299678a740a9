"""The default view: a chronological table, laid out for the width it is given.

Two rules shape it: an event id is never broken across lines (it is what `show` takes, and must
copy as one word), and from 100 columns a date span is never wrapped. Where there is room for
all of it (about 110 columns), each of date, event, actors and status has a column; narrower,
the status goes under the date and the actors under the title, so that the event column keeps
the width of the longest id.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.table import Table
from rich.text import Text

from ..dates import describe
from ..model import Event
from ..query import Selection
from ..summaries import Anniversaries
from . import RenderOptions
from .caption import caption
from .style import DIM, GAP, claim_text, involvements_text, listing, plain

# from this width a date span keeps to one line
WIDE_DATES = 100
# narrower than this, a long date wraps: '22 Sep 1980 –' over '20 Aug 1988'
NARROW_DATE = 13
# the narrowest actors column worth having, and how many actors a row names before '+N more'
MIN_ACTORS = 20
MAX_ACTORS = 3
MAX_ACTORS_UNDER_TITLE = 6
# a status column need not be wider than this: 'alleged by' and the claimants wrap under it;
# on a roomy terminal, wide enough for most claimants on one line
MAX_STATUS = 18
MAX_STATUS_ROOMY = 32
ROOMY = 150
# what '+N more' takes at the end of a list of actors
MORE = len(" +9 more")


def events_table(selection: Selection, options: RenderOptions) -> EventsTable:
    return EventsTable(selection)


@dataclass(frozen=True)
class EventsTable:
    """A renderable that picks its layout when Rich tells it the width."""

    selection: Selection

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.table(options.max_width)

    def table(self, width: int) -> Table:
        events = self.selection.events
        date_width = max((cell_len(describe(e.date)) for e in events), default=4)
        if width < WIDE_DATES:
            date_width = min(date_width, NARROW_DATE)
        id_width = max((cell_len(e.id) for e in events), default=8)
        widest_status = max((_status(e).cell_len for e in events), default=6)
        status_width = min(widest_status, MAX_STATUS if width < ROOMY else MAX_STATUS_ROOMY)
        wide = date_width + id_width + MIN_ACTORS + status_width + 3 * GAP <= width
        if wide:
            # the actors column gets about two fifths of what is left: name those that fit in
            # two of its lines, and at least MAX_ACTORS
            actors_width = (width - date_width - status_width - 3 * GAP) * 2 // 5
            return self._wide(date_width, id_width, status_width, 2 * actors_width)
        return self._narrow(max(date_width, min(status_width, NARROW_DATE)), id_width)

    def _frame(self) -> Table:
        return listing(caption(self.selection))

    def _wide(self, date_width: int, id_width: int, status_width: int, room: int) -> Table:
        table = self._frame()
        table.add_column("Date", width=date_width, no_wrap=date_width > NARROW_DATE)
        table.add_column("Event", ratio=3, min_width=id_width)
        table.add_column("Actors", ratio=2, min_width=MIN_ACTORS)
        table.add_column("Status", width=status_width)
        for event in self.selection.events:
            table.add_row(
                _date(event, date_width),
                Group(plain(event.title), _event_id(event)),
                involvements_text(event, limit=_fitting(event, room)),
                _status(event),
            )
        return table

    def _narrow(self, date_width: int, id_width: int) -> Table:
        table = self._frame()
        table.show_lines = True  # several lines an event: a blank line tells them apart
        table.add_column("Date", width=date_width)
        table.add_column("Event", min_width=id_width, ratio=1)
        for event in self.selection.events:
            table.add_row(
                Group(_date(event, date_width), _status(event)),
                Group(
                    plain(event.title),
                    involvements_text(event, limit=MAX_ACTORS_UNDER_TITLE),
                    _event_id(event),
                ),
            )
        return table


def _fitting(event: Event, room: int) -> int:
    """How many of the event's actors to name in `room` cells, MAX_ACTORS at least."""
    for count in range(len(event.involvements), MAX_ACTORS, -1):
        more = MORE if count < len(event.involvements) else 0
        if involvements_text(event, limit=count).cell_len + more <= room:
            return count
    return MAX_ACTORS


def _date(event: Event, width: int) -> Text:
    """The date label; a span too wide for the column breaks after its dash, not inside a date."""
    label = describe(event.date)
    if event.date.span is not None and cell_len(label) > width and " – " in label:
        first, last = label.split(" – ", 1)
        return Text(f"{first} –\n{last}")
    return Text(label)


def _event_id(event: Event) -> Text:
    return Text(event.id, style=DIM, no_wrap=True)


def _status(event: Event) -> Text:
    """'documented', or 'alleged by US': who makes the claim, in short names."""
    return claim_text(event.status, event.claimed_by)


def day_table(day: Anniversaries, options: RenderOptions) -> Table:
    """`on`: the events of one calendar day, with how long ago each was."""
    count = len(day.events)
    noun = "event" if count == 1 else "events"
    when = f"{MONTH_NAMES[day.month - 1]} {day.day}"
    table = listing(f"{count} {noun} on {when}, known to the day")
    table.add_column("Date", no_wrap=True)
    table.add_column("Event", ratio=1)
    table.add_column("Status", no_wrap=True)
    for event in day.events:
        years = day.years_ago(event)
        table.add_row(
            Group(Text(describe(event.date), no_wrap=True), Text(f"{years} years ago", style=DIM)),
            Group(plain(event.title), involvements_text(event, limit=MAX_ACTORS), _event_id(event)),
            _status(event),
        )
    return table


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
