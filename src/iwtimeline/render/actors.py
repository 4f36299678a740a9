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
