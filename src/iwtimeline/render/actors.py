"""The actor registry, for `iwtimeline actors`: a table, or one actor in full."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..dates import describe
from ..model import Actor, Relation, Timeline
from ..summaries import Activity, ActorReport
from . import RenderOptions
from .detail import sources_list
from .safe import visible
from .spans import DIM, GAP, KIND_STYLES, STATUS_STYLES
from .style import TITLE, actor_text, counted, listing, plain

YEARS_WIDTH = len("1980–2008")
EVENTS_WIDTH = len("Events")
MIN_ALIASES = 30
HEADER_WIDTH = len("Actor")
MAX_ALIASES = 2


def actors_table(report: ActorReport, options: RenderOptions) -> ActorsTable:
    return ActorsTable(report)


@dataclass(frozen=True)
class ActorsTable:
    """Name, kind, events, years and other names; the id under the name, never broken."""

    report: ActorReport

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.table(options.max_width)

    def table(self, width: int) -> Table:
        actors = sorted(self.report.actors, key=lambda a: a.name.casefold())
        id_width = max((cell_len(a.id) for a in actors), default=8)
        name_width = max((cell_len(visible(a.name)) for a in actors), default=8)
        kind_width = max((cell_len(a.kind) for a in actors), default=4)
        counts = EVENTS_WIDTH + YEARS_WIDTH + 2 * GAP
        # from the widest layout down: a column for kinds and one for aliases; kinds only;
        # neither (then both go under the name, with the id, which is never broken)
        kind_column = id_width + GAP + kind_width + counts <= width
        fixed = counts + (GAP + kind_width if kind_column else 0)
        aliases_column = kind_column and id_width + fixed + GAP + MIN_ALIASES <= width
        # a name, maybe its kind and aliases, then its id: a blank line between actors
        table = listing(counted(len(actors), "actor"), show_lines=True)
        if aliases_column:
            # as wide as the names, if the aliases keep their room; never narrower than an id
            room = width - fixed - GAP - MIN_ALIASES
            actor_width = max(id_width, HEADER_WIDTH, min(name_width, room))
            table.add_column("Actor", width=actor_width, overflow="fold")
        else:
            table.add_column("Actor", min_width=max(id_width, HEADER_WIDTH), ratio=1)
        if kind_column:
            table.add_column("Kind", width=kind_width, no_wrap=True)
        table.add_column("Events", justify="right", width=EVENTS_WIDTH, no_wrap=True)
        table.add_column("Years", width=YEARS_WIDTH, no_wrap=True)
        if aliases_column:
            table.add_column("Also known as", ratio=1, min_width=MIN_ALIASES)
        for actor in actors:
            seen = self.report.activity[actor.id]
            name: list[RenderableType] = [actor_text(actor)]
            if not kind_column:
                name.append(_kind(actor))
            if not aliases_column and actor.aliases:
                name.append(Text("aka ", style=DIM) + _aliases(actor.aliases))
            name.append(Text(actor.id, style=DIM, no_wrap=True))
            row: list[RenderableType] = [Group(*name)]
            if kind_column:
                row.append(_kind(actor))
            row += [Text(str(seen.events)), Text(years(seen))]
            if aliases_column:
                row.append(_aliases(actor.aliases))
            table.add_row(*row)
        return table


def _kind(actor: Actor) -> Text:
    return Text(actor.kind, style=KIND_STYLES.get(actor.kind, ""))


def years(seen: Activity) -> str:
    if seen.first is None:
        return ""
    return str(seen.first) if seen.first == seen.last else f"{seen.first}–{seen.last}"


def _aliases(aliases: tuple[str, ...]) -> Text:
    shown = plain(", ".join(aliases[:MAX_ALIASES]))
    if len(aliases) > MAX_ALIASES:  # all of them are in --json, in `actors NAME`, and found
        shown.append(f" +{len(aliases) - MAX_ALIASES} more", style=DIM)
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


def actor_sheet(report: ActorReport, options: RenderOptions) -> RenderableType:
    parts: list[RenderableType] = []
    for number, actor in enumerate(report.actors):
        if number:
            parts.append(Text())
        parts.append(actor_detail(report.timeline, actor, report.activity[actor.id]))
    return Group(*parts)


def actor_detail(timeline: Timeline, actor: Actor, activity: Activity) -> RenderableType:
    """One actor in full: names, kind, description, relations both ways, events, sources."""
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    facts.add_row("Kind", _kind(actor))
    if actor.country:
        facts.add_row("Country", plain(actor.country))
    if actor.short:
        facts.add_row("Short name", plain(actor.short))
    if actor.aliases:
        facts.add_row("Also known as", plain(", ".join(actor.aliases)))
    events = f"{activity.events}" + (f" ({years(activity)})" if activity.events else "")
    facts.add_row("Events", Text(events + ("; kept for context" if actor.context else "")))
    facts.add_row("ID", Text(actor.id, style=DIM))
    parts: list[RenderableType] = [plain(actor.name, TITLE), Text(), facts]
    if actor.description:
        parts += [Text(), plain(actor.description)]
    relations = _relations_table(timeline, actor)
    if relations.row_count:
        parts += [Text(), Text("Relations", style="bold"), relations]
    panel = Panel(Group(*parts), box=box.ROUNDED)
    return Group(panel, sources_list(actor.sources)) if actor.sources else panel


def _relations_table(timeline: Timeline, actor: Actor) -> Table:
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
        line = Text.assemble(actor_text(other))  # later parts keep their own styles
        if relation.when:
            line.append(f"  {describe(relation.when)}", style=DIM)
        if relation.status:
            line.append(f"  {relation.status}", style=STATUS_STYLES.get(relation.status, ""))
        if relation.note:
            line.append(f"\n{visible(relation.note)}", style=DIM)
        table.add_row(Text(wording), line)
    return table


# the relations that make one actor a branch of another in `actors --tree`, read upwards
TREE_RELATIONS = (
    "part_of",
    "armed_wing_of",
    "splinter_of",
    "successor_of",
    "member_of",
    "leader_of",
)


def actors_tree(report: ActorReport, options: RenderOptions) -> RenderableType:
    """The registry as a tree of its relations: Iran → IRGC → Quds Force → …

    An actor hangs under the actor it is part of, the armed wing, splinter or successor of, or
    a member of (the first such relation it has); the relation and, where it is not simply
    documented, its status are written beside it. Actors with none of these are roots.
    """
    from rich.tree import Tree

    timeline = report.timeline
    parent: dict[str, tuple[str, Relation]] = {}
    for actor in timeline.actors:
        for relation in actor.relations:
            if relation.type in TREE_RELATIONS and relation.actor_id in timeline.actor_by_id:
                parent.setdefault(actor.id, (relation.actor_id, relation))
    children: dict[str, list[str]] = {}
    for child, (above, _) in parent.items():
        children.setdefault(above, []).append(child)
    count = len(timeline.actors)
    root = Tree(Text(f"{count} actor{'' if count == 1 else 's'}", style=DIM), guide_style=DIM)
    roots = [a for a in timeline.actors if a.id not in parent or _cycles(a.id, parent)]
    for actor in sorted(roots, key=lambda a: a.name.casefold()):
        _grow(root, actor, timeline, children, parent, set())
    return root


def _cycles(actor_id: str, parent: dict[str, tuple[str, Relation]]) -> bool:
    """True when following `parent` from this actor comes back to it (then it is a root)."""
    seen, current = {actor_id}, actor_id
    while current in parent:
        current = parent[current][0]
        if current in seen:
            return current == actor_id
        seen.add(current)
    return False


def _grow(
    node: Any,
    actor: Actor,
    timeline: Timeline,
    children: dict[str, list[str]],
    parent: dict[str, tuple[str, Relation]],
    seen: set[str],
) -> None:
    line = Text.assemble(actor_text(actor), "  ", (actor.id, DIM))
    upward = parent[actor.id][1] if actor.id in parent and not _cycles(actor.id, parent) else None
    shown: set[tuple[str, str]] = set()
    if upward is not None:
        line.append("  ")
        line.append_text(_relation_words(upward))
        shown.add((upward.type, upward.actor_id))
    # the relations the tree cannot show by nesting (backed by, allied with, a second leader
    # role) are named beside the actor, each once
    for relation in actor.relations:
        other = timeline.actor_by_id.get(relation.actor_id)
        if other is None or (relation.type, relation.actor_id) in shown:
            continue
        shown.add((relation.type, relation.actor_id))
        line.append(" · ", style=DIM)
        line.append_text(_relation_words(relation))
        line.append(" ")
        line.append_text(actor_text(other, short=True))
    branch = node.add(line)
    seen.add(actor.id)
    below = [timeline.actor_by_id[i] for i in children.get(actor.id, ()) if i not in seen]
    for child in sorted(below, key=lambda a: a.name.casefold()):
        _grow(branch, child, timeline, children, parent, seen)


def _relation_words(relation: Relation) -> Text:
    """'part of', or 'backed by (alleged)' where the relation is not documented."""
    words = Text(relation.type.replace("_", " "), style=DIM)
    if relation.status and relation.status != "documented":
        words.append(f" ({relation.status})", style=STATUS_STYLES.get(relation.status, ""))
    return words
