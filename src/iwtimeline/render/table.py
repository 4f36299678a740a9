"""The default view: a chronological table, laid out for the width it is given.

Two rules shape it: an event id is never broken across lines (it is what `show` takes, and must
copy as one word), and from 100 columns a date span is never wrapped. Where there is room for
all of it (about 110 columns), each of date, event, actors and status has a column; narrower,
the status goes under the date and the actors under the title, so that the event column keeps
the width of the longest id.

The table is laid out here, line by line, from styled spans (spans.py): output without colour
is written without importing Rich at all, and Rich only paints the same lines in colour. The
layout is Rich's own for a table of this frame (`style.listing`): the same column widths, the
same wrapping, the same padding, so `on` (a Rich table) and this one look alike.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from math import ceil
from typing import TYPE_CHECKING, NamedTuple

from ..dates import MONTH_NAMES, describe
from ..model import Event
from ..query import Selection
from . import RenderOptions
from .caption import caption
from .spans import (
    DIM,
    GAP,
    Spans,
    cell_len,
    claim_spans,
    involvements_spans,
    plain_spans,
    spans_len,
    text_of,
    truncated,
    wrap,
)

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.table import Table

    from ..summaries import Anniversaries

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
HEADER = "bold"
RULE = "─"


def events_table(selection: Selection, options: RenderOptions) -> EventsTable:
    return EventsTable(selection)


class Part(NamedTuple):
    """One piece of a cell: styled text, and whether it may wrap (an id may not)."""

    spans: Spans
    no_wrap: bool = False


Cell = list[Part]


class Column(NamedTuple):
    header: str
    width: int  # of its text, without padding
    no_wrap: bool = False


class EventsTable:
    """The events of a selection as a table: lines of styled spans for a given width."""

    def __init__(self, selection: Selection) -> None:
        self.selection = selection

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        for line in self.lines(options.max_width):
            yield Text.assemble(*line, no_wrap=True, overflow="ignore")

    def plain(self, width: int) -> str:
        """The table without colour: no Rich involved."""
        return "".join(text_of(line).rstrip(" ") + "\n" for line in self.lines(width))

    def lines(self, width: int) -> list[Spans]:
        events = self.selection.events
        date_width = max((cell_len(describe(e.date)) for e in events), default=4)
        if width < WIDE_DATES:
            date_width = min(date_width, NARROW_DATE)
        id_width = max((cell_len(e.id) for e in events), default=8)
        widest_status = max((spans_len(_status(e)) for e in events), default=6)
        status_width = min(widest_status, MAX_STATUS if width < ROOMY else MAX_STATUS_ROOMY)
        wide = date_width + id_width + MIN_ACTORS + status_width + 3 * GAP <= width
        if wide:
            # the actors column gets about two fifths of what is left: name those that fit in
            # two of its lines, and at least MAX_ACTORS
            actors_width = (width - date_width - status_width - 3 * GAP) * 2 // 5
            return self._wide(width, date_width, status_width, 2 * actors_width)
        return self._narrow(width, max(date_width, min(status_width, NARROW_DATE)))

    def _wide(self, width: int, date_width: int, status_width: int, room: int) -> list[Spans]:
        # Rich's share of what the fixed columns (with their outer padding) and the three rules
        # between columns leave: 3 to the event, 2 to the actors, each with its padding
        flexible = width - 3 - (date_width + 1) - (status_width + 1)
        event_width, actors_width = _shares(flexible, (3, 2), (3, 3))
        columns = [
            Column("Date", date_width, no_wrap=date_width > NARROW_DATE),
            Column("Event", event_width - 2),
            Column("Actors", actors_width - 2),
            Column("Status", status_width),
        ]
        rows = [
            [
                [Part(_date(event, date_width))],
                [Part(plain_spans(event.title)), _event_id(event)],
                [Part(involvements_spans(event, limit=_fitting(event, room)))],
                [Part(_status(event))],
            ]
            for event in self.selection.events
        ]
        return _table(columns, rows, caption(self.selection), width, blank_between=False)

    def _narrow(self, width: int, date_width: int) -> list[Spans]:
        columns = [Column("Date", date_width), Column("Event", width - date_width - GAP)]
        rows = [
            [
                [Part(_date(event, date_width)), Part(_status(event))],
                [
                    Part(plain_spans(event.title)),
                    Part(involvements_spans(event, limit=MAX_ACTORS_UNDER_TITLE)),
                    _event_id(event),
                ],
            ]
            for event in self.selection.events
        ]
        # several lines an event: a blank line tells them apart
        return _table(columns, rows, caption(self.selection), width, blank_between=True)


def _table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    title_below: str,
    width: int,
    *,
    blank_between: bool,
) -> list[Spans]:
    """The lines of a table framed as every listing is (style.listing): bold headings over a
    rule, columns three cells apart, a dim caption below."""
    header = [[Part([(column.header, HEADER)])] for column in columns]
    lines = list(_row(columns, header))
    lines.append([(RULE * width, "")])
    for number, row in enumerate(rows):
        if number and blank_between:
            lines.append([])
        lines.extend(_row(columns, row))
    lines.extend(wrap([(title_below, DIM)], width))
    return lines


def _row(columns: Sequence[Column], cells: Sequence[Cell]) -> Iterator[Spans]:
    laid = [_cell_lines(cell, column) for cell, column in zip(cells, columns, strict=True)]
    for index in range(max(len(cell) for cell in laid)):
        line: Spans = []
        for number, (cell, column) in enumerate(zip(laid, columns, strict=True)):
            if number:
                line.append((" " * GAP, ""))
            text = cell[index] if index < len(cell) else []
            line.extend(text)
            line.append((" " * (column.width - spans_len(text)), ""))
        yield line


def _cell_lines(cell: Cell, column: Column) -> list[Spans]:
    """A cell's parts wrapped to its column, as Rich wraps text in a table (long words cut
    with an ellipsis, not folded)."""
    lines: list[Spans] = []
    for part in cell:
        for line in wrap(
            part.spans, column.width, no_wrap=part.no_wrap or column.no_wrap, fold=False
        ):
            lines.append(truncated(line, column.width))
    return lines


def _shares(total: int, ratios: Sequence[int], minimums: Sequence[int]) -> list[int]:
    """`total` split by `ratios`, each at least its minimum (Rich's ratio_distribute)."""
    shares, left, ratio_left = [], total, sum(ratios)
    for ratio, minimum in zip(ratios, minimums, strict=True):
        share = max(minimum, ceil(ratio * left / ratio_left)) if ratio_left > 0 else left
        shares.append(share)
        left -= share
        ratio_left -= ratio
    return shares


def _fitting(event: Event, room: int) -> int:
    """How many of the event's actors to name in `room` cells, MAX_ACTORS at least."""
    for count in range(len(event.involvements), MAX_ACTORS, -1):
        more = MORE if count < len(event.involvements) else 0
        if spans_len(involvements_spans(event, limit=count)) + more <= room:
            return count
    return MAX_ACTORS


def _date(event: Event, width: int) -> Spans:
    """The date label; a span too wide for the column breaks after its dash, not inside a date."""
    label = describe(event.date)
    if event.date.span is not None and cell_len(label) > width and " – " in label:
        first, last = label.split(" – ", 1)
        return [(f"{first} –\n{last}", "")]
    return [(label, "")]


def _event_id(event: Event) -> Part:
    return Part([(event.id, DIM)], no_wrap=True)


def _status(event: Event) -> Spans:
    """'documented', or 'alleged by US': who makes the claim, in short names."""
    return claim_spans(event.status, event.claimed_by)


def day_table(day: Anniversaries, options: RenderOptions) -> Table:
    """`on`: the events of one calendar day, with how long ago each was."""
    from rich.console import Group
    from rich.text import Text

    from .style import claim_text, involvements_text, listing, plain

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
            Group(
                plain(event.title),
                involvements_text(event, limit=MAX_ACTORS),
                Text(event.id, style=DIM, no_wrap=True),
            ),
            claim_text(event.status, event.claimed_by),
        )
    return table
