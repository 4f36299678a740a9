"""The actor registry, for `iwtimeline actors`: as a table, or as JSON records."""

from __future__ import annotations

from typing import Any

from ..model import Actor, Timeline
from ..query import Activity


def actor_record(actor: Actor, activity: Activity) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "short": actor.short,
        "kind": actor.kind,
        "country": actor.country,
        "aliases": list(actor.aliases),
        "description": actor.description,
        "context": actor.context,
        "relations": [
            {
                "type": r.type,
                "actor": r.actor_id,
                "when": r.when.text if r.when else None,
                "status": r.status,
                "note": r.note,
            }
            for r in actor.relations
        ],
        "events": activity.events,
        "first_year": activity.first,
        "last_year": activity.last,
    }


MAX_ALIASES = 2


def actors_table(timeline: Timeline, activity: dict[str, Activity]) -> Any:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from .style import DIM, KIND_STYLES, actor_text

    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        header_style="bold",
        pad_edge=False,
        expand=True,
        caption=f"{len(timeline.actors)} actors",
        caption_style=DIM,
        caption_justify="left",
    )
    table.add_column("Actor", ratio=3, min_width=18)
    table.add_column("Kind", no_wrap=True)
    table.add_column("Events", justify="right", no_wrap=True)
    table.add_column("Years", no_wrap=True)
    table.add_column("Also known as", ratio=3, min_width=14)
    for actor in sorted(timeline.actors, key=lambda a: a.name.casefold()):
        seen = activity[actor.id]
        table.add_row(
            Text.assemble(actor_text(actor), "\n", (actor.id, DIM), overflow="fold"),
            Text(actor.kind, style=KIND_STYLES.get(actor.kind, "")),
            Text(str(seen.events)),
            Text(_years(seen)),
            _aliases(actor.aliases),
        )
    return table


def _years(seen: Activity) -> str:
    if seen.first is None:
        return ""
    return str(seen.first) if seen.first == seen.last else f"{seen.first}–{seen.last}"


def _aliases(aliases: tuple[str, ...]) -> Any:
    from rich.text import Text

    shown = Text(", ".join(aliases[:MAX_ALIASES]))
    if len(aliases) > MAX_ALIASES:  # all of them are in --json and still found by --actor
        shown.append(f" +{len(aliases) - MAX_ALIASES} more", style="dim")
    return shown


# how a relation reads from the other end: Hadi al-Amiri leader_of Badr -> Badr "led by"
INVERSE = {
    "part_of": "has as part",
    "armed_wing_of": "has as armed wing",
    "backed_by": "backs",
    "successor_of": "succeeded by",
    "splinter_of": "has as splinter",
    "leader_of": "led by",
    "member_of": "has as member",
    "allied_with": "allied with",
}


def actor_detail(timeline: Timeline, actor: Actor, activity: Activity) -> Any:
    """One actor in full: names, kind, description, relations both ways, events, sources."""
    from rich import box
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from .detail import sources_list
    from .style import DIM, KIND_STYLES, TITLE

    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    facts.add_row("Kind", Text(actor.kind, style=KIND_STYLES.get(actor.kind, "")))
    if actor.country:
        facts.add_row("Country", Text(actor.country))
    if actor.aliases:
        facts.add_row("Also known as", Text(", ".join(actor.aliases)))
    events = f"{activity.events}" + (f" ({_years(activity)})" if activity.events else "")
    facts.add_row("Events", Text(events + ("; kept for context" if actor.context else "")))
    facts.add_row("ID", Text(actor.id, style=DIM))
    parts: list[Any] = [facts]
    if actor.description:
        parts += [Text(), Text(actor.description)]
    relations = _relations_table(timeline, actor)
    if relations.row_count:
        parts += [Text(), Text("Relations", style="bold"), relations]
    title = Text(actor.name, style=TITLE)
    panel = Panel(Group(*parts), title=title, title_align="left", box=box.ROUNDED)
    return Group(panel, sources_list(actor.sources)) if actor.sources else panel


def _relations_table(timeline: Timeline, actor: Actor) -> Any:
    from rich.table import Table
    from rich.text import Text

    from ..dates import describe
    from .style import DIM, STATUS_STYLES, actor_text

    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column()
    rows = [
        (r.type.replace("_", " "), timeline.actor_by_id[r.actor_id], r) for r in actor.relations
    ]
    rows += [
        (INVERSE[r.type], other, r)
        for other in timeline.actors
        for r in other.relations
        if r.actor_id == actor.id
    ]
    for wording, other, relation in rows:
        line = Text.assemble(actor_text(other))
        if relation.when:
            line.append(f"  {describe(relation.when)}", style=DIM)
        if relation.status:
            line.append(f"  {relation.status}", style=STATUS_STYLES.get(relation.status, ""))
        if relation.note:
            line.append(f"\n{relation.note}", style=DIM)
        table.add_row(Text(wording), line)
    return table
