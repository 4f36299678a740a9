"""The default view: a chronological table that stays readable at 80 columns."""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text

from ..dates import describe
from . import Selection
from .caption import caption
from .style import DIM, actors_text, status_text

# more than this many actors in a row would crowd out the title at 80 columns; `show` has all
MAX_ACTORS = 3


def events_table(selection: Selection) -> Table:
    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        caption=caption(selection),
        caption_style=DIM,
        caption_justify="left",
        header_style="bold",
        pad_edge=False,
        expand=True,  # so that the column ratios share out the width
    )
    table.add_column("Date", min_width=8, max_width=13)
    table.add_column("Event", ratio=3, min_width=24)
    table.add_column("Actors", ratio=2, min_width=12)
    table.add_column("Status", no_wrap=True, min_width=10)
    for event in selection.events:
        table.add_row(
            Text(describe(event.date)),
            # the id sits under the title, dim: it is what `iwtimeline show` takes
            Text.assemble(event.title, "\n", (event.id, DIM), overflow="fold"),
            actors_text(event.actors, limit=MAX_ACTORS),
            status_text(event.status),
        )
    return table
