"""The year ribbon: every year the data covers across the width, how many selected events
start in each, and the cursor's year marked. It follows the cursor."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from ..model import Timeline
from ..query import Selection

BARS = " ▁▂▃▄▅▆▇█"
ASCII_BARS = " .:-=+*#%@"


class YearRibbon(Widget):
    """Two lines: a bar a year for the selection's density, then the years, the cursor's marked."""

    DEFAULT_CSS = """
    YearRibbon {
        height: 2;
    }
    """
    COMPONENT_CLASSES = {"year-ribbon--bars", "year-ribbon--cursor", "year-ribbon--labels"}

    year: reactive[int | None] = reactive(None)

    def __init__(self, first: int, last: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.first, self.last = first, max(first, last)
        self.counts: Counter[int] = Counter()

    def show_counts(self, counts: Counter[int]) -> None:
        """How many selected events start in each year (see `starts_by_year`)."""
        self.counts = counts
        self.refresh()

    def render(self) -> Text:
        years = list(range(self.first, self.last + 1))
        cell = max(1, self.size.width // len(years))
        bars = ASCII_BARS if self._plain() else BARS
        top = max(self.counts.values(), default=0)
        cursor = self.get_component_rich_style("year-ribbon--cursor")
        if getattr(self.app, "no_color", False):
            cursor = cursor + Style(reverse=True)
        line = Text(style=self.get_component_rich_style("year-ribbon--bars"))
        labels = Text(style=self.get_component_rich_style("year-ribbon--labels"))
        for year in years:
            level = 0 if not self.counts[year] else 1 + (len(bars) - 2) * self.counts[year] // top
            style = cursor if year == self.year else ""
            line.append(bars[level] * cell, style=style)
        labels.append(_labels(years, cell, self.year), style="")
        if self.year is not None and self.first <= self.year <= self.last:
            start = (self.year - self.first) * cell
            labels.stylize(cursor, start, start + max(cell, 4))
        return Text("\n").join([line, labels])

    def _plain(self) -> bool:
        # a terminal that cannot show block elements (no UTF-8) gets ASCII
        encoding = (getattr(self.app.console, "encoding", "") or "").lower()
        return "utf" not in encoding


def _labels(years: list[int], cell: int, marked: int | None) -> str:
    """The years under their bars: the marked one, then decades where they fit."""
    width = len(years) * cell
    row = [" "] * (width + 4)

    def place(year: int) -> bool:
        start = (year - years[0]) * cell
        text = str(year)
        if any(ch != " " for ch in row[max(start - 1, 0) : start + len(text) + 1]):
            return False
        row[start : start + len(text)] = text
        return True

    if marked is not None and years[0] <= marked <= years[-1]:
        place(marked)
    for year in years:
        if year % 10 == 0 or year in (years[0], years[-1]):
            place(year)
    return "".join(row).rstrip()[: width + 4]


def starts_by_year(selection: Selection, years: Sequence[int]) -> Counter[int]:
    """What the ribbon shows of a selection; counted where it is selected (off the UI thread),
    from `start_years` of its timeline (a selection of 100,000 need not build its events)."""
    return Counter(years[index] for index in selection.indices)


def start_years(timeline: Timeline) -> list[int]:
    """The year each event of the timeline starts in, by position, from the facts."""
    return [date.fromordinal(facts.start).year for facts in timeline.facts]
