"""`iwtimeline stats`: how a selection divides, as counts with inline bars.

Three parts: the counts by the chosen grouping (years, actors, tags, statuses or places), a
sparkline of events per year across the selection's range, and the share of each status. The
bars are glyphs, so they read without colour; a terminal that is not UTF-8 gets ASCII ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from ..summaries import Stats
from . import RenderOptions
from .caption import caption
from .spans import DIM, STATUS_STYLES
from .style import listing, plain

BLOCKS = " ▏▎▍▌▋▊▉█"
SPARKS = "▁▂▃▄▅▆▇█"
ASCII_SPARKS = "_.-=+*#@"
# the widest a bar gets, and the most rows the grouping shows before saying how many are left
MAX_BAR = 40
MAX_ROWS = 40
TITLES = {
    "year": "Year",
    "actor": "Actor",
    "tag": "Tag",
    "status": "Status",
    "place": "Place",
}


def stats_view(stats: Stats, options: RenderOptions) -> StatsView:
    return StatsView(stats)


@dataclass(frozen=True)
class StatsView:
    stats: Stats

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        utf8 = "utf" in (console.encoding or "").lower()
        width = options.max_width
        parts: list[RenderableType] = [self._counts(width, utf8), Text()]
        if self.stats.per_year:
            parts += [self._sparkline(width, utf8), Text()]
        parts.append(self._statuses(width, utf8))
        yield Group(*parts)

    def _counts(self, width: int, utf8: bool) -> Table:
        counts = self.stats.counts
        shown = counts[:MAX_ROWS]
        note = f" · {len(counts) - len(shown)} more not shown" if len(counts) > len(shown) else ""
        table = listing(caption(self.stats.selection) + note, expand=False)
        label_width = min(max((len(c.label) for c in shown), default=4), 32)
        bar_width = max(min(width - label_width - 16, MAX_BAR), 5)
        top = max((c.events for c in shown), default=0)
        table.add_column(TITLES[self.stats.by], max_width=label_width, overflow="ellipsis")
        table.add_column("Events", justify="right", no_wrap=True)
        table.add_column("", no_wrap=True)
        for count in shown:
            style = STATUS_STYLES.get(count.key, "") if self.stats.by == "status" else "cyan"
            table.add_row(
                plain(count.label),
                Text(str(count.events)),
                Text(bar(count.events, top, bar_width, utf8), style=style),
            )
        return table

    def _sparkline(self, width: int, utf8: bool) -> Text:
        years = self.stats.per_year
        marks = SPARKS if utf8 else ASCII_SPARKS
        top = max(n for _, n in years)
        line = Text("Per year  ", style="bold")
        room = max(width - len(line) - 12, 10)
        # one mark a year; when the years outnumber the room, neighbouring years share a mark
        step = max(1, -(-len(years) // room))
        for start in range(0, len(years), step):
            n = sum(count for _, count in years[start : start + step])
            level = 0 if not n else 1 + (len(marks) - 2) * n // (top * step)
            line.append(marks[min(level, len(marks) - 1)] if n else " ", style="cyan")
        line.append(f"  {years[0][0]}–{years[-1][0]}", style=DIM)
        return line

    def _statuses(self, width: int, utf8: bool) -> Table:
        total = sum(n for _, n in self.stats.statuses)
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column(justify="right")
        table.add_column(justify="right")
        table.add_column()
        bar_width = max(min(width - 40, MAX_BAR), 5)
        for status, n in self.stats.statuses:
            share = n / total if total else 0.0
            table.add_row(
                Text(status, style=STATUS_STYLES.get(status, "")),
                str(n),
                f"{share:.0%}",
                Text(bar(n, total, bar_width, utf8), style=STATUS_STYLES.get(status, "")),
            )
        return table


def bar(value: int, top: int, width: int, utf8: bool = True) -> str:
    """A bar `value/top` of `width` cells, in eighths of a cell where the terminal can show them."""
    if top <= 0 or value <= 0:
        return ""
    if not utf8:
        return "#" * max(1, round(width * value / top))
    eighths = max(1, round(width * 8 * value / top))
    return BLOCKS[-1] * (eighths // 8) + (BLOCKS[eighths % 8] if eighths % 8 else "")
