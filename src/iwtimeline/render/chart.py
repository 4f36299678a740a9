"""A swimlane chart: a lane per actor (or tag, status, place), time across, each event in its lane.

The chart lays itself out for the width Rich gives it: the lane labels take what they need (cut
with an ellipsis, never wrapped) and the plot the rest, 40 cells at least where there is room.
Time runs across the plot in whole years, or in months when the events span under three years.

Each event is drawn at the interval its date means, and how exactly it is known stays visible:

==============  ==============  ================  ==========
status          day or month    year or season    span
                (a point)       (its whole        (a bar)
                                window, lighter)
==============  ==============  ================  ==========
documented      ●  ``*``        ━  ``=``          █  ``#``
reported        ◆  ``+``        ═  ``-``          ▓  ``%``
alleged         ○  ``o``        ┈  ``.``          ░  ``:``
disputed        ◇  ``x``        ╌  ``^``          ▒  ``/``
==============  ==============  ================  ==========

A part of a year ('late 2001', 'Q3 2007') is drawn as a season is. The glyphs alone tell the
statuses apart: firm statuses are filled (● ◆ █ ▓), claims are hollow or light (○ ◇ ░ ▒), so
without colour the chart still says which events are alleged. `~` (approximate), `?`
(uncertain) or `~?` (both) follow a mark, as in the data file's EDTF (or precede it when the
cells after it are taken; they never cover another event). A span still open at either end
runs to the plot's edge and ends in ◀ or ▶ (``<``, ``>``) just outside it. Where events share
a cell, the most specific form shows, then the firmest status (see `_rank`). Under NO_COLOR,
or on a terminal that cannot take UTF-8, only the ASCII glyphs are used.

In an actor's lane an event is drawn with that actor's part in it: a documented raid with an
alleged sponsor is alleged in the sponsor's lane. Colour follows status (STATUS_STYLES).
"""

from __future__ import annotations

import calendar
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise
from typing import Literal, NamedTuple

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.text import Text

from ..dates import OPEN
from ..model import FIRMNESS, STATUSES, Event, FuzzyDate, Status
from ..query import Query
from ..summaries import Lane, LaneBy, Lanes
from . import RenderOptions
from .caption import caption
from .spans import DIM, KIND_STYLES, STATUS_STYLES
from .style import counted, plain

Form = Literal["point", "window", "span"]
FORMS: tuple[Form, ...] = ("point", "window", "span")
FORM_WORDS: dict[Form, str] = {"point": "day/month", "window": "year/season", "span": "span"}
# the more specific a form, the higher it ranks for a shared cell
FORM_RANK: dict[Form, int] = {"span": 0, "window": 1, "point": 2}

# The plot keeps at least this many cells while the labels are cut to make room ...
MIN_PLOT = 40
# ... labels get at least this many cells (or as many as the widest needs), and at most this
# many: a long label must not squeeze the plot on a wide terminal either
MIN_LABEL = 8
MAX_LABEL = 30
# what a row has besides its label and plot: a space, the plot's left edge, the right gutter
FRAME = 3
# under this many months, time runs in months rather than years
MONTHLY_UNDER = 36
# labelled ticks every N years (N from this list, times powers of ten) or N months
YEAR_STEPS = (1, 2, 5)
MONTH_STEPS = (1, 2, 3, 6, 12)
# between two legend items
LEGEND_GAP = "   "


@dataclass(frozen=True)
class Glyphs:
    """One character set for everything the chart draws."""

    marks: Mapping[tuple[str, str], str]  # (status, form) -> glyph
    open_start: str
    open_end: str
    edge: str
    corner: str
    axis: str
    tick: str
    ellipsis: str
    separator: str  # between the caption's parts


UNICODE = Glyphs(
    marks={
        ("documented", "point"): "●",
        ("documented", "window"): "━",
        ("documented", "span"): "█",
        ("reported", "point"): "◆",
        ("reported", "window"): "═",
        ("reported", "span"): "▓",
        ("alleged", "point"): "○",
        ("alleged", "window"): "┈",
        ("alleged", "span"): "░",
        ("disputed", "point"): "◇",
        ("disputed", "window"): "╌",
        ("disputed", "span"): "▒",
    },
    open_start="◀",
    open_end="▶",
    edge="│",
    corner="└",
    axis="─",
    tick="┬",
    ellipsis="…",
    separator=" · ",
)

ASCII = Glyphs(
    marks={
        ("documented", "point"): "*",
        ("documented", "window"): "=",
        ("documented", "span"): "#",
        ("reported", "point"): "+",
        ("reported", "window"): "-",
        ("reported", "span"): "%",
        ("alleged", "point"): "o",
        ("alleged", "window"): ".",
        ("alleged", "span"): ":",
        ("disputed", "point"): "x",
        ("disputed", "window"): "^",
        ("disputed", "span"): "/",
    },
    open_start="<",
    open_end=">",
    edge="|",
    corner="+",
    axis="-",
    tick="+",
    ellipsis="...",
    separator=" | ",
)

APPROXIMATE, UNCERTAIN = "~", "?"
QUALIFIER_WORDS = {APPROXIMATE: "approximate", UNCERTAIN: "uncertain"}


def lanes_chart(lanes: Lanes, options: RenderOptions) -> RenderableType:
    return LanesChart(lanes)


@dataclass(frozen=True)
class LanesChart:
    """A renderable that draws the lanes for the width (and character set) Rich gives it."""

    lanes: Lanes

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.lines(options.max_width, ASCII if ascii_only(console) else UNICODE)

    def lines(self, width: int, glyphs: Glyphs) -> list[Text]:
        lanes = self.lanes.lanes
        if not lanes:
            return [Text("No events to chart.")]
        label_width = _label_width(lanes, width)
        plot = max(1, width - FRAME - label_width)
        scale = Scale.fitting(_events(lanes), plot, _asked(self.lanes.selection.query))
        rows = [_draw(lane, self.lanes.by, scale) for lane in lanes]
        labels = [_label(lane, self.lanes, label_width, glyphs) for lane in lanes]
        lines = [row.text(label, glyphs) for label, row in zip(labels, rows, strict=True)]
        lines.extend(_axis(scale, label_width, glyphs))
        lines.extend(_legend(rows, glyphs, width))
        lines.append(_caption(self.lanes, glyphs))
        return lines


def ascii_only(console: Console) -> bool:
    """True under NO_COLOR (the console's or the environment's, read now) or without UTF-8."""
    if console.no_color or os.environ.get("NO_COLOR", "") != "":
        return True
    return console.encoding.replace("-", "").replace("_", "").lower() != "utf8"


# --- time across the plot -------------------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    """Months `first` .. `first + months` (counted from year 0) across `width` cells."""

    first: int
    months: int
    width: int
    monthly: bool

    @classmethod
    def fitting(
        cls, events: Iterable[Event], width: int, within: tuple[date, date] | None = None
    ) -> Scale:
        """Whole years from the first to the last day the events name (open ends aside), or
        whole months when that is under three years; no wider than `within`, the dates the
        query asked for (an event reaching beyond them is drawn running off the edge)."""
        low, high = _extent(events)
        if within is not None:
            low, high = max(low, within[0]), min(high, within[1])
            if low > high:  # only spans that run past the window: show the window
                low, high = within
        first, last = _month_index(low), _month_index(high)
        if last - first + 1 < MONTHLY_UNDER:
            return cls(first, last - first + 1, width, monthly=True)
        return cls(low.year * 12, (high.year - low.year + 1) * 12, width, monthly=False)

    # the cells of each day asked for, as first * width + last: 100,000 events name far fewer
    # days, and working a day out (its month's length above all) cost more than all the rest;
    # an int rather than a pair, because thousands of pairs kept wake the garbage collector
    _cells: dict[date, int] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def first_day(self) -> date:
        return date(self.first // 12, self.first % 12 + 1, 1)

    @property
    def last_day(self) -> date:
        after = self.first + self.months
        return date(after // 12, after % 12 + 1, 1) - timedelta(days=1)

    def column(self, day: date) -> int:
        """The cell the start of `day` falls in."""
        return self._measured(day) // self.width

    def last_column(self, day: date) -> int:
        """The cell the end of `day` falls in."""
        return self._measured(day) % self.width

    def _measured(self, day: date) -> int:
        found = self._cells.get(day)
        if found is None:
            first, last = self._measure(day)
            found = self._cells[day] = first * self.width + last
        return found

    def _measure(self, day: date) -> tuple[int, int]:
        """The first and last cell `day` touches."""
        # integer arithmetic: a tick on 1 January must not land a cell early by rounding
        days = calendar.monthrange(day.year, day.month)[1]
        start = (_month_index(day) - self.first) * days + day.day - 1
        scale = days * self.months
        first = self._clamp(start * self.width // scale)
        # the end of the day: the cell that holds its last moment
        last = self._clamp(-(-(start + 1) * self.width // scale) - 1)
        return first, max(first, last)

    def _clamp(self, column: int) -> int:
        return min(max(column, 0), self.width - 1)

    def ticks(self) -> list[tuple[int, str]]:
        """Labelled ticks (column, label), as many as fit with a space between labels."""
        candidates = _month_ticks(self) if self.monthly else _year_ticks(self)
        for ticks in candidates:
            if _fits(ticks):
                return ticks or [(0, self._first_label())]
        return [(0, self._first_label())]

    def _first_label(self) -> str:
        year, month = divmod(self.first, 12)
        return f"{calendar.month_abbr[month + 1]} {year}" if self.monthly else str(year)


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _asked(query: Query) -> tuple[date, date] | None:
    """The dates the query asked for (--from, --to, --year), or None when it asked for none."""
    low, high = query.start or date.min, query.end or date.max
    if query.years:
        low = max(low, date(min(query.years), 1, 1))
        high = min(high, date(max(query.years), 12, 31))
    return None if (low, high) == (date.min, date.max) else (low, high)


def _extent(events: Iterable[Event]) -> tuple[date, date]:
    """The first and last day the events name; an open end names none."""
    bounds = [
        bound
        for event in events
        for bound in (event.date.start, event.date.end)
        if bound not in (date.min, date.max)
    ]
    return min(bounds), max(bounds)


def _year_ticks(scale: Scale) -> Iterable[list[tuple[int, str]]]:
    """Ticks every 1, 2, 5, 10, 20, 50, ... years, on years that are multiples of the step."""
    first, last = scale.first // 12, (scale.first + scale.months) // 12 - 1
    magnitude = 1
    while magnitude <= 10 * max(last, 1):
        for step in (magnitude * base for base in YEAR_STEPS):
            years = range(-(-first // step) * step, last + 1, step)
            yield [(scale.column(date(year, 1, 1)), str(year)) for year in years]
        magnitude *= 10


def _month_ticks(scale: Scale) -> Iterable[list[tuple[int, str]]]:
    """Ticks every 1, 2, 3, 6 or 12 months, from January; the first and each January name the
    year."""
    for step in MONTH_STEPS:
        ticks: list[tuple[int, str]] = []
        for index in range(scale.first, scale.first + scale.months):
            year, month = divmod(index, 12)
            if month % step:
                continue
            name = calendar.month_abbr[month + 1]
            label = f"{name} {year}" if not ticks or month == 0 else name
            ticks.append((scale.column(date(year, month + 1, 1)), label))
        yield ticks


def _fits(ticks: Sequence[tuple[int, str]]) -> bool:
    return all(after - before > cell_len(label) for (before, label), (after, _) in pairwise(ticks))


# --- each lane ------------------------------------------------------------------------------


Cell = tuple[Status, str]  # the status (for colour) and what is drawn: a form or a qualifier


class Mark(NamedTuple):
    """Where one event is drawn in its lane: cells `first`..`last`, and how (see RANKS)."""

    rank: int
    first: int
    last: int
    form: Form
    status: Status
    qualifier: str = ""  # "", "~", "?" or "~?"
    open_start: bool = False
    open_end: bool = False


def _rank(form: Form, status: Status) -> int:
    """Which mark a shared cell shows: the most specific form (a point over the window of a year
    over a bar), then the firmest status (alleged before disputed, as STATUSES lists them). A
    point inside a bar is drawn on it and the bar stays visible either side; of two events in
    one cell the stronger shows, and `list` or `show` give the other."""
    return (FORM_RANK[form] * 4 + FIRMNESS[status]) * 4 + len(STATUSES) - STATUSES.index(status)


RANKS: dict[tuple[Form, Status], int] = {
    (form, status): _rank(form, status) for form in FORMS for status in STATUSES
}
DRAWN: dict[int, Cell] = {rank: (status, form) for (form, status), rank in RANKS.items()}


@dataclass(frozen=True)
class Row:
    """A lane drawn: each plot cell's mark or qualifier, and the statuses of open ends."""

    cells: tuple[Cell | None, ...]
    open_start: Status | None
    open_end: Status | None

    def text(self, label: Text, glyphs: Glyphs) -> Text:
        line = Text(no_wrap=True, overflow="crop", end="\n")
        line.append_text(label)
        line.append(" ")
        _append_end(line, self.open_start, glyphs.open_start, glyphs.edge)
        for cell in self.cells:
            if cell is None:
                line.append(" ")
            else:
                status, what = cell
                line.append(_glyph(what, status, glyphs), style=STATUS_STYLES.get(status, ""))
        _append_end(line, self.open_end, glyphs.open_end, " ")
        line.rstrip()
        return line

    def used(self) -> set[tuple[str, str]]:
        """What the row draws: (status, form) for each kind of mark, ("", sign) for qualifiers."""
        return {
            cell if cell[1] in FORMS else ("", cell[1]) for cell in self.cells if cell is not None
        }


def _glyph(what: str, status: Status, glyphs: Glyphs) -> str:
    return glyphs.marks.get((status, what), what)  # a qualifier sign is its own glyph


def _append_end(line: Text, status: Status | None, marker: str, otherwise: str) -> None:
    if status is None:
        line.append(otherwise)
    else:
        line.append(marker, style=STATUS_STYLES.get(status, ""))


def _draw(lane: Lane, by: LaneBy, scale: Scale) -> Row:
    canvas = Canvas(scale.width)
    for event in lane.events:
        canvas.add(_mark(event, _status_in(lane, event, by), scale))
    return canvas.row()


class Canvas:
    """A lane being drawn: for each rank, the cells its marks cover.

    Layers of bytes rather than a list of marks: a lane of 100,000 events then keeps no object
    per event (with one, Python's garbage collector took most of the drawing time), and a bar
    costs one slice assignment whatever its length.
    """

    def __init__(self, width: int) -> None:
        self.width = width
        self.layers: dict[int, bytearray] = {}
        # rank -> (first cell * width + last cell) -> the qualifier signs of marks there
        self.qualified: dict[int, dict[int, str]] = {}
        self.open_start: Status | None = None
        self.open_end: Status | None = None
        self._full = b"\x01" * width

    def add(self, mark: Mark) -> None:
        layer = self.layers.get(mark.rank)
        if layer is None:
            layer = self.layers[mark.rank] = bytearray(self.width)
        layer[mark.first : mark.last + 1] = self._full[: mark.last - mark.first + 1]
        if mark.qualifier:
            signs = self.qualified.setdefault(mark.rank, {})
            where = mark.first * self.width + mark.last
            signs[where] = _merged(signs.get(where, ""), mark.qualifier)
        if mark.open_start:
            self.open_start = _firmer(self.open_start, mark.status)
        if mark.open_end:
            self.open_end = _firmer(self.open_end, mark.status)

    def row(self) -> Row:
        cells: list[Cell | None] = [None] * self.width
        # weakest first, so that a stronger mark paints over a weaker one
        for rank in sorted(self.layers):
            drawn = DRAWN[rank]
            for column, covered in enumerate(self.layers[rank]):
                if covered:
                    cells[column] = drawn
        # qualifiers go in free cells only: they must never hide another event; the strongest
        # marks choose first, and a qualifier with no free cell beside its mark is left out
        for rank in sorted(self.qualified, reverse=True):
            status = DRAWN[rank][0]
            for where, signs in sorted(self.qualified[rank].items()):
                first, last = divmod(where, self.width)
                _qualify(cells, first, last, signs, status)
        return Row(tuple(cells), self.open_start, self.open_end)


def _qualify(cells: list[Cell | None], first: int, last: int, signs: str, status: Status) -> None:
    """Put the signs just after the mark at first..last, or else just before it, if free."""
    size = len(signs)
    for start in (last + 1, first - size):
        if start >= 0 and start + size <= len(cells) and not any(cells[start : start + size]):
            cells[start : start + size] = [(status, sign) for sign in signs]
            return


def _merged(signs: str, more: str) -> str:
    return "".join(sign for sign in (APPROXIMATE, UNCERTAIN) if sign in signs or sign in more)


def _firmer(status: Status | None, other: Status) -> Status:
    """The firmer of two statuses; an open end shows the firmest span that runs off the plot."""
    if status is None or RANKS["span", other] > RANKS["span", status]:
        return other
    return status


def _status_in(lane: Lane, event: Event, by: LaneBy) -> Status:
    """In an actor's lane, how firmly that actor's part is established; else the event's."""
    if by == "actor":
        for involvement in event.involvements:
            if involvement.actor.id == lane.key:
                return involvement.status
    return event.status


def _mark(event: Event, status: Status, scale: Scale) -> Mark:
    when = event.date
    qualifier = APPROXIMATE * when.approximate + UNCERTAIN * when.uncertain
    if when.span is not None:
        return _span_mark(when, status, qualifier, scale)
    first, last = scale.column(when.start), scale.last_column(when.end)
    if when.precision in ("day", "month"):
        # one cell, mid-interval: a month many cells wide is still a date, not a duration
        middle = (first + last) // 2
        return Mark(RANKS["point", status], middle, middle, "point", status, qualifier)
    return Mark(RANKS["window", status], first, last, "window", status, qualifier)


def _span_mark(when: FuzzyDate, status: Status, qualifier: str, scale: Scale) -> Mark:
    """A bar from start to end; an open end runs to the plot's edge."""
    assert when.span is not None
    open_start, open_end = (end.text == OPEN for end in when.span)
    # a span that runs past the dates shown is drawn like an open one: it goes on
    open_start = open_start or when.start < scale.first_day
    open_end = open_end or when.end > scale.last_day
    return Mark(
        RANKS["span", status],
        0 if open_start else scale.column(when.start),
        scale.width - 1 if open_end else scale.last_column(when.end),
        "span",
        status,
        qualifier,
        open_start,
        open_end,
    )


def _events(lanes: Sequence[Lane]) -> list[Event]:
    return [event for lane in lanes for event in lane.events]


# --- labels ---------------------------------------------------------------------------------


def _label_width(lanes: Sequence[Lane], width: int) -> int:
    widest = max(cell_len(plain(lane.label).plain) for lane in lanes)
    room = min(MAX_LABEL, width - FRAME - MIN_PLOT)
    return max(min(widest, room), min(widest, MIN_LABEL), 1)


def _label(lane: Lane, lanes: Lanes, width: int, glyphs: Glyphs) -> Text:
    """The lane's name, literal, in its kind's or status's colour, cut to `width` and padded."""
    label = plain(lane.label, _label_style(lane, lanes))
    if label.cell_len > width:
        room = max(width - cell_len(glyphs.ellipsis), 0)
        label.truncate(room)
        label.append(glyphs.ellipsis[:width])
    label.truncate(width, pad=True)
    return label


def _label_style(lane: Lane, lanes: Lanes) -> str:
    if lanes.by == "actor":
        actor = lanes.selection.timeline.actor_by_id.get(lane.key)
        return "" if actor is None else KIND_STYLES.get(actor.kind, "")
    if lanes.by == "status":
        return STATUS_STYLES.get(lane.key, "")
    return ""


# --- axis, legend, caption ------------------------------------------------------------------


def _axis(scale: Scale, label_width: int, glyphs: Glyphs) -> list[Text]:
    """The axis line with its ticks, and the tick labels under it."""
    ticks = scale.ticks()
    line = [glyphs.axis] * scale.width
    for column, _ in ticks:
        line[column] = glyphs.tick
    indent = " " * (label_width + 1)
    axis = Text(indent + glyphs.corner + "".join(line), style=DIM, no_wrap=True, overflow="crop")
    labels = Text(indent + " " + _tick_labels(ticks, scale.width), no_wrap=True, overflow="crop")
    return [axis, labels]


def _tick_labels(ticks: Sequence[tuple[int, str]], width: int) -> str:
    """Each label from its tick; one that would run off the plot ends at its edge instead,
    unless that would run it into the label before (then the tick goes unlabelled)."""
    names = [" "] * width
    free = 0  # the first cell after the last label placed, and a space
    for column, label in ticks:
        start = max(min(column, width - len(label)), 0)
        if start >= free:
            names[start : start + len(label)] = label
            free = start + len(label) + 1
    return "".join(names[:width]).rstrip()


def _legend(rows: Sequence[Row], glyphs: Glyphs, width: int) -> list[Text]:
    """What each glyph drawn means, and only those: a line per status, each form in its own
    column, then the qualifiers and open ends."""
    used = set().union(*(row.used() for row in rows))
    statuses = [status for status in STATUSES if any((status, f) in used for f in FORMS)]
    forms = [form for form in FORMS if any((status, form) in used for status in STATUSES)]
    indent = max((len(status) for status in statuses), default=0) + len(LEGEND_GAP)
    lines = [_status_line(status, forms, used, glyphs, indent) for status in statuses]
    signs = [(sign, word) for sign, word in QUALIFIER_WORDS.items() if ("", sign) in used]
    if any(row.open_start for row in rows):
        signs.append((glyphs.open_start, "goes on before"))
    if any(row.open_end for row in rows):
        signs.append((glyphs.open_end, "goes on after"))
    lines.extend(_packed([f"{sign} {word}" for sign, word in signs], indent, width))
    return lines


def _status_line(
    status: Status, forms: Sequence[Form], used: set[tuple[str, str]], glyphs: Glyphs, indent: int
) -> Text:
    """'documented  ● day/month  ━ year/season  █ span', a form's column left blank when this
    status has no mark of that form."""
    style = STATUS_STYLES.get(status, "")
    line = Text(status.ljust(indent), style=style, no_wrap=True, overflow="crop")
    for form in forms:
        entry = f" {FORM_WORDS[form]}{LEGEND_GAP}"
        glyph = glyphs.marks[status, form]
        if (status, form) in used:
            line.append(glyph, style=style)
            line.append(entry)
        else:
            line.append(" " * (cell_len(glyph) + len(entry)))
    line.rstrip()
    return line


def _packed(items: Sequence[str], indent: int, width: int) -> list[Text]:
    """`items` in lines of at most `width` cells, each line indented."""
    lines: list[str] = []
    for item in items:
        if lines and cell_len(lines[-1] + LEGEND_GAP + item) <= width:
            lines[-1] += LEGEND_GAP + item
        else:
            lines.append(" " * indent + item)
    return [Text(line) for line in lines]


def _caption(lanes: Lanes, glyphs: Glyphs) -> Text:
    """'10 events · 9 lanes by actor', and the lanes --top left out."""
    words = f"{caption(lanes.selection)} · {counted(len(lanes.lanes), 'lane')} by {lanes.by}"
    if lanes.left_out:
        words += f" · {lanes.left_out} more {'lane' if lanes.left_out == 1 else 'lanes'}"
        words += " not shown (--top)"
    if glyphs.separator != UNICODE.separator:
        # the caption's own punctuation; the data's text is left as it is
        words = words.replace(UNICODE.separator, glyphs.separator).replace("…", glyphs.ellipsis)
    return plain(words, DIM)
