"""Events in full, for `iwtimeline show`: every field, the sources, and where to go next."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ..dates import describe, describe_precision
from ..model import Event, Involvement, Source
from ..summaries import EventSheet
from . import RenderOptions
from .safe import visible
from .spans import DIM
from .style import TITLE, actor_text, claim_text, plain
from .words import copy_words, stands_apart


def event_sheet(sheet: EventSheet, options: RenderOptions) -> RenderableType:
    parts: list[RenderableType] = []
    for number, event in enumerate(sheet.events):
        if number:
            parts.append(Text())
        parts.append(event_detail(event, sheet.related.get(event.id, ())))
    return Group(*parts)


def event_detail(
    event: Event, related: tuple[Event, ...] = (), *, fold_urls: bool = False
) -> RenderableType:
    """The event in full. A terminal prints each URL whole on its line; a pane that cannot
    (the browser's) folds it instead (`fold_urls`), since a cut URL is worse than a folded one."""
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    when = Text(describe(event.date))
    when.append(f"  ({describe_precision(event.date)}; {event.date.text})", style=DIM)
    facts.add_row("Date", when)
    if event.date_note:
        facts.add_row("Date note", plain(event.date_note))
    facts.add_row("Status", claim_text(event.status, event.claimed_by, short=False))
    facts.add_row("Actors", Group(*(involvement_line(i, event) for i in event.involvements)))
    if event.places:
        facts.add_row("Places", plain(", ".join(place.name for place in event.places)))
    if event.tags:
        facts.add_row("Tags", plain(", ".join(event.tags)))
    facts.add_row("ID", Text(event.id, style=DIM))
    # the title heads the body, where it wraps, rather than the border, where it would be cut
    body = Group(plain(event.title, TITLE), Text(), facts, Text(), plain(event.summary))
    sources = sources_list(event.sources, fold_urls=fold_urls)
    parts: list[RenderableType] = [Panel(body, box=box.ROUNDED), sources]
    if related:
        parts.append(related_list(related))
    return Group(*parts)


def involvement_line(involvement: Involvement, event: Event) -> Text:
    """'Quds Force (armed-force) · sponsor · alleged by United States'."""
    line = Text.assemble(actor_text(involvement.actor))  # the kind colours the name only
    line.append(f" ({involvement.actor.kind})", style=DIM)
    if involvement.role:
        line.append(" · ", style=DIM)
        line.append(visible(involvement.role))
    if stands_apart(involvement, event):
        line.append(" · ", style=DIM)
        line.append_text(claim_text(involvement.status, involvement.claimed_by, short=False))
    return line


def sources_list(sources: tuple[Source, ...], *, fold_urls: bool = False) -> RenderableType:
    """Numbered sources: wrapped lines hang under the title, each URL whole on its own line."""
    number_width = len(f"{len(sources)}.")
    lines: list[RenderableType] = [Text("Sources", style="bold")]
    for number, source in enumerate(sources, 1):
        entry = Table.grid(padding=(0, 1))
        entry.add_column(justify="right", width=number_width)
        entry.add_column()
        line = plain(source.title)
        copy = copy_words(source)
        details = [p for p in (source.publisher, source.date and source.date.text, copy) if p]
        if details:
            line.append(" — ", style=DIM)
            line.append(visible(", ".join(details)), style=DIM)
        entry.add_row(f"{number}.", line)
        lines.append(entry)
        if source.url:
            # outside the grid and never wrapped: a URL cut or broken over two lines cannot be
            # copied or clicked (the console prints it whole, past the right edge if need be)
            link = Style(color="blue", underline=True, link=source.url)
            indent = " " * (number_width + 1)
            url = Text.assemble(indent, (visible(source.url), link))
            if fold_urls:
                url.overflow = "fold"
            else:
                url.no_wrap, url.overflow = True, "ignore"
            lines.append(url)
    return Group(*lines)


def related_list(related: tuple[Event, ...]) -> RenderableType:
    """Nearby events that share actors, each with the id `show` takes."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column()
    for event in related:
        title = Text.assemble((describe(event.date), "bold"), "  ", plain(event.title))
        table.add_row("•", Group(title, Text(event.id, style=DIM, no_wrap=True)))
    return Group(Text("Related (shared actors, nearby in time)", style="bold"), table)
