"""A Rich tree of a selection: year → month → events, or grouped by actor or by tag."""

from __future__ import annotations

import calendar
from collections.abc import Iterable

from rich.text import Text
from rich.tree import Tree

from ..dates import describe
from ..model import Actor, Event
from . import GroupBy, Selection
from .caption import caption
from .style import DIM, TITLE, actor_text, status_text


def events_tree(selection: Selection, by: GroupBy = "year") -> Tree:
    root = Tree(Text(caption(selection), style=DIM), guide_style=DIM)
    if by == "actor":
        _by_actor(root, selection)
    elif by == "tag":
        _by_tag(root, selection.events)
    else:
        _by_year(root, selection.events)
    return root


def event_line(event: Event) -> Text:
    return Text.assemble(
        (describe(event.date), "bold"),
        "  ",
        event.title,
        "  ",
        status_text(event.status),
        "  ",
        (event.id, DIM),
    )


def _by_year(root: Tree, events: Iterable[Event]) -> None:
    years: dict[int, Tree] = {}
    months: dict[tuple[int, int], Tree] = {}
    for event in events:
        year = event.date.start.year
        if year not in years:
            years[year] = root.add(Text(str(year), style=TITLE))
        parent = years[year]
        if event.date.precision in ("day", "month"):
            key = (year, event.date.start.month)
            if key not in months:
                months[key] = parent.add(Text(calendar.month_name[key[1]], style="bold cyan"))
            parent = months[key]
        parent.add(event_line(event))


def _by_actor(root: Tree, selection: Selection) -> None:
    wanted = selection.query.actors
    groups: dict[str, tuple[Actor, list[Event]]] = {}
    for event in selection.events:
        for actor in event.actors:
            if not wanted or actor in wanted:
                groups.setdefault(actor.id, (actor, []))[1].append(event)
    for actor, events in sorted(groups.values(), key=lambda group: group[0].name.casefold()):
        node = root.add(actor_text(actor))
        for event in events:
            node.add(event_line(event))


def _by_tag(root: Tree, events: Iterable[Event]) -> None:
    groups: dict[str, list[Event]] = {}
    for event in events:
        for tag in event.tags or ("(untagged)",):
            groups.setdefault(tag, []).append(event)
    for tag in sorted(groups):
        node = root.add(Text(tag, style=TITLE))
        for event in groups[tag]:
            node.add(event_line(event))
