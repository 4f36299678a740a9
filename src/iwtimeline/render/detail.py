"""One event in full, for `iwtimeline show`."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ..dates import describe, describe_precision
from ..model import Actor, Event, Source
from .style import DIM, TITLE, actor_text, status_text


def event_detail(event: Event) -> RenderableType:
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    facts.add_row(
        "Date",
        Text.assemble(
            describe(event.date), (f"  ({describe_precision(event.date)}; {event.date.text})", DIM)
        ),
    )
    if event.date_note:
        facts.add_row("Date note", Text(event.date_note))
    facts.add_row("Status", status_text(event.status))
    if event.claimed_by:
        facts.add_row("Claimed by", _names(event.claimed_by))
    facts.add_row("Actors", _names(event.actors))
    if event.places:
        facts.add_row("Places", Text(", ".join(event.places)))
    if event.tags:
        facts.add_row("Tags", Text(", ".join(event.tags)))
    facts.add_row("ID", Text(event.id, style=DIM))
    body = Group(facts, Text(), Text(event.summary), Text(), _sources(event.sources))
    return Panel(body, title=Text(event.title, style=TITLE), title_align="left", box=box.ROUNDED)


def _names(actors: tuple[Actor, ...]) -> Text:
    return Text("; ").join(
        Text.assemble(actor_text(actor), (f" ({actor.kind})", DIM)) for actor in actors
    )


def _sources(sources: tuple[Source, ...]) -> Text:
    text = Text("Sources", style="bold")
    for number, source in enumerate(sources, 1):
        text.append(f"\n{number}. ")
        text.append(source.title)
        details = [part for part in (source.publisher, source.date and source.date.text) if part]
        if details:
            text.append(f" — {', '.join(details)}", style=DIM)
        if source.url:
            text.append("\n   ")
            text.append(source.url, style=Style(color="blue", underline=True, link=source.url))
    return text
