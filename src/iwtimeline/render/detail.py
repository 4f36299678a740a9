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
        facts.add_row("Places", Text(", ".join(place.name for place in event.places)))
    if event.tags:
        facts.add_row("Tags", Text(", ".join(event.tags)))
    facts.add_row("ID", Text(event.id, style=DIM))
    body = Group(facts, Text(), Text(event.summary))
    panel = Panel(body, title=Text(event.title, style=TITLE), title_align="left", box=box.ROUNDED)
    return Group(panel, sources_list(event.sources))


def _names(actors: tuple[Actor, ...]) -> Text:
    return Text("; ").join(
        Text.assemble(actor_text(actor), (f" ({actor.kind})", DIM)) for actor in actors
    )


def sources_list(sources: tuple[Source, ...]) -> RenderableType:
    """Numbered sources; each URL on a line of its own, never wrapped."""
    lines: list[Text] = [Text("Sources", style="bold")]
    for number, source in enumerate(sources, 1):
        line = Text.assemble(f"{number}. ", source.title)
        details = [part for part in (source.publisher, source.date and source.date.text) if part]
        if details:
            line.append(f" — {', '.join(details)}", style=DIM)
        lines.append(line)
        if source.url:
            # never wrapped: a URL broken over two lines cannot be copied or clicked
            link = Style(color="blue", underline=True, link=source.url)
            lines.append(Text(f"   {source.url}", style=link, no_wrap=True, overflow="ignore"))
    return Group(*lines)
