"""CSV (RFC 4180) of events for spreadsheets and data tools. No Rich here.

The columns are a published contract (README.md, "CSV output"), like the JSON keys: columns may
be added at the end, never renamed, reordered or removed. Text is written exactly as in the data
file; lists are joined with "; " (the JSON output keeps them apart, for programs that need to).
`--excel` adds a byte order mark, so that Excel reads UTF-8, and neutralises cells that Excel
would run as formulas (OWASP "CSV injection", CWE-1236).
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from ..dates import describe
from ..model import Event, Involvement, Source
from ..query import Selection
from . import RenderOptions
from .words import stands_apart

COLUMNS: tuple[str, ...] = (
    "id",
    "date",
    "date_label",
    "start",
    "end",
    "precision",
    "approximate",
    "uncertain",
    "title",
    "summary",
    "status",
    "claimed_by",
    "actors",
    "places",
    "tags",
    "date_note",
    "sources",
)
JOIN = "; "
BOM = "\ufeff"
# what makes a spreadsheet read a cell as a formula (OWASP's list)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def event_row(event: Event) -> list[str]:
    """The cells of one event, in the order of COLUMNS."""
    when = event.date
    return [
        event.id,
        when.text,
        describe(when),
        "" if when.start == dt.date.min else when.start.isoformat(),  # a span open at the start
        "" if when.end == dt.date.max else when.end.isoformat(),  # ... or at the end
        when.precision,
        _bool(when.approximate),
        _bool(when.uncertain),
        event.title,
        event.summary,
        event.status,
        JOIN.join(actor.name for actor in event.claimed_by),
        JOIN.join(involvement_cell(involvement, event) for involvement in event.involvements),
        JOIN.join(place.name for place in event.places),
        JOIN.join(event.tags),
        event.date_note or "",
        JOIN.join(source_cell(source) for source in event.sources),
    ]


def involvement_cell(involvement: Involvement, event: Event) -> str:
    """'Quds Force (sponsor, alleged)': the name, the role, and a status other than the event's."""
    notes = [involvement.role] if involvement.role else []
    if stands_apart(involvement, event):
        notes.append(involvement.status)
    name = involvement.actor.name
    return f"{name} ({', '.join(notes)})" if notes else name


def source_cell(source: Source) -> str:
    return source.url or source.title


def neutralised(cell: str) -> str:
    """The cell with a leading ' when a spreadsheet would otherwise run it as a formula."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def _bool(value: bool) -> str:
    return "true" if value else "false"


# --- the registry's renderer ---------------------------------------------------------------


def events_csv(selection: Selection, options: RenderOptions) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180: CRLF; minimal quoting
    writer.writerow(COLUMNS)
    for event in selection.events:
        row = event_row(event)
        writer.writerow([neutralised(cell) for cell in row] if options.excel else row)
    return (BOM if options.excel else "") + out.getvalue()
