"""Tags and places with how much each is used, for `iwtimeline tags` and `iwtimeline places`."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from ..summaries import Tally
from . import RenderOptions
from .actors import years
from .style import counted, listing, plain


def tally_table(tally: Tally, options: RenderOptions) -> Table:
    # kinds and other spellings come from a places registry; a file without one has neither
    places = any(row.place and (row.place.kind or row.place.aliases) for row in tally.rows)
    table = listing(counted(len(tally.rows), tally.what), expand=False)
    table.add_column(tally.what.capitalize(), no_wrap=True)
    table.add_column("Events", justify="right", no_wrap=True)
    table.add_column("Years", no_wrap=True)
    if places:
        table.add_column("Kind", no_wrap=True)
        table.add_column("Also spelled")
    for row in tally.rows:
        cells = [plain(row.name), Text(str(row.activity.events)), Text(years(row.activity))]
        if places:
            place = row.place
            cells.append(plain(place.kind or "") if place else Text())
            cells.append(plain(", ".join(place.aliases)) if place else Text())
        table.add_row(*cells)
    return table
