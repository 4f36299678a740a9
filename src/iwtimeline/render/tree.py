"""A Rich tree of a selection: year → month → events, or grouped by actor or by tag.

Each event takes two lines: its date, title and status (with who claims it), then its actors
(alleged parts marked) and its id, dim.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable

from rich.console import Group
from rich.text import Text
from rich.tree import Tree

from ..dates import describe
from ..model import Actor, Event
from ..query import Selection
from . import RenderOptions
from .caption import caption
from .spans import DIM
from .style import TITLE, actor_text, claim_text, involvements_text, plain

MAX_ACTORS = 6


def events_tree(selection: Selection, options: RenderOptions) -> Tree:
    root = Tree(plain(caption(selection), DIM), guide_style=DIM)
    if options.by == "actor":
        _by_actor(root, selection)
    elif options.by == "tag":
        _by_tag(root, selection.events)
    else:
        _by_year(root, selection.events)
    return root


def event_lines(event: Event) -> Group:
    headline = Text.assemble((describe(event.date), "bold"), "  ", plain(event.title), "  ")
    headline.append_text(claim_text(event.status, event.claimed_by))
    details = involvements_text(event, limit=MAX_ACTORS)
    details.append("  ")
    details.append(event.id, style=DIM)
    return Group(headline, details)


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
        parent.add(event_lines(event))


def _by_actor(root: Tree, selection: Selection) -> None:
    # with --actor, only the actors asked for (and their parts) get a branch
    wanted = {actor_id for f in selection.query.actors for actor_id in f.members}
    groups: dict[str, tuple[Actor, list[Event]]] = {}
    for event in selection.events:
        for actor in event.actors:
            if not wanted or actor.id in wanted:
                groups.setdefault(actor.id, (actor, []))[1].append(event)
    for actor, events in sorted(groups.values(), key=lambda group: group[0].name.casefold()):
        node = root.add(actor_text(actor))
        for event in events:
            node.add(event_lines(event))


def _by_tag(root: Tree, events: Iterable[Event]) -> None:
    groups: dict[str, list[Event]] = {}
    for event in events:
        for tag in event.tags or ("(untagged)",):
            groups.setdefault(tag, []).append(event)
    for tag in sorted(groups):
        node = root.add(Text(tag, style=TITLE))
        for event in groups[tag]:
            node.add(event_lines(event))
