"""A tree of a selection: year → month → events, or grouped by actor or by tag.

Each event takes two lines: its date, title and status (with who claims it), then its actors
(alleged parts marked) and its id, dim. The tree is built from styled spans: on a terminal Rich
draws it (colours, guides), and without colour its lines are laid out here with Rich's rules
(the same guides, widths and wrapping), so that a tree written to a pipe never imports Rich.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from ..dates import MONTH_NAMES, describe
from ..model import Actor, Event
from ..query import Selection
from . import RenderOptions
from .caption import caption
from .spans import DIM, Spans, actor_spans, claim_spans, involvements_spans, plain_spans, wrap

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.tree import Tree

MAX_ACTORS = 6
TITLE = "bold"
MONTH = "bold cyan"
# Rich's guides: a branch, the last branch, a line going on past a branch, nothing
FORK, END, CONTINUE, SPACE = "├── ", "└── ", "│   ", "    "


class Node(NamedTuple):
    """A label (one or more pieces of text, each wrapped on its own) and the nodes under it."""

    label: list[Spans]
    children: list[Node]


def events_tree(selection: Selection, options: RenderOptions) -> EventsTree:
    root = Node([plain_spans(caption(selection), DIM)], [])
    if options.by == "actor":
        root.children.extend(_by_actor(selection))
    elif options.by == "tag":
        root.children.extend(_by_tag(selection.events))
    else:
        root.children.extend(_by_year(selection.events))
    return EventsTree(root)


class EventsTree:
    """The tree's nodes, drawn by Rich on a terminal and laid out here for plain text."""

    def __init__(self, root: Node) -> None:
        self.root = root

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.tree import Tree

        tree = Tree(_rich_label(self.root.label), guide_style=DIM)
        _add_rich(tree, self.root.children)
        yield tree

    def plain(self, width: int) -> str | None:
        """The tree without colour: no Rich involved. None when its deepest labels would have
        no room (under 13 columns), where Rich's own way of giving up is best left to Rich."""
        if width - len(FORK) * _depth(self.root) < 1:
            return None
        return "".join(line.rstrip(" ") + "\n" for line in self.lines(width))

    def lines(self, width: int) -> Iterator[str]:
        yield from _label_lines(self.root.label, width)
        yield from _branches(self.root.children, "", width)


def event_node(event: Event) -> Node:
    headline = [(describe(event.date), "bold"), ("  ", ""), *plain_spans(event.title), ("  ", "")]
    headline += claim_spans(event.status, event.claimed_by)
    details = [*involvements_spans(event, limit=MAX_ACTORS), ("  ", ""), (event.id, DIM)]
    return Node([headline, details], [])


def _by_year(events: Iterable[Event]) -> list[Node]:
    years: dict[int, Node] = {}
    months: dict[tuple[int, int], Node] = {}
    for event in events:
        year = event.date.start.year
        if year not in years:
            years[year] = Node([[(str(year), TITLE)]], [])
        parent = years[year]
        if event.date.precision in ("day", "month"):
            key = (year, event.date.start.month)
            if key not in months:
                months[key] = Node([[(MONTH_NAMES[key[1] - 1], MONTH)]], [])
                parent.children.append(months[key])
            parent = months[key]
        parent.children.append(event_node(event))
    return list(years.values())


def _by_actor(selection: Selection) -> list[Node]:
    # with --actor, only the actors asked for (and their parts) get a branch
    wanted = {actor_id for f in selection.query.actors for actor_id in f.members}
    groups: dict[str, tuple[Actor, list[Event]]] = {}
    for event in selection.events:
        for actor in event.actors:
            if not wanted or actor.id in wanted:
                groups.setdefault(actor.id, (actor, []))[1].append(event)
    ordered = sorted(groups.values(), key=lambda group: group[0].name.casefold())
    return [
        Node([actor_spans(actor)], [event_node(e) for e in events]) for actor, events in ordered
    ]


def _by_tag(events: Iterable[Event]) -> list[Node]:
    groups: dict[str, list[Event]] = {}
    for event in events:
        for tag in event.tags or ("(untagged)",):
            groups.setdefault(tag, []).append(event)
    return [Node([[(tag, TITLE)]], [event_node(e) for e in groups[tag]]) for tag in sorted(groups)]


# --- plain text, laid out as Rich's Tree lays it out -----------------------------------------


def _branches(nodes: list[Node], prefix: str, width: int) -> Iterator[str]:
    for number, node in enumerate(nodes):
        last = number == len(nodes) - 1
        room = width - len(prefix) - len(FORK)
        for line_number, line in enumerate(_label_lines(node.label, room)):
            yield prefix + ((END if last else FORK) if line_number == 0 else _goes_on(last)) + line
        yield from _branches(node.children, prefix + _goes_on(last), width)


def _depth(node: Node) -> int:
    return max((1 + _depth(child) for child in node.children), default=0)


def _goes_on(last: bool) -> str:
    return SPACE if last else CONTINUE


def _label_lines(label: list[Spans], width: int) -> Iterator[str]:
    for piece in label:
        for line in wrap(piece, max(width, 1)):
            yield "".join(text for text, _ in line)


# --- Rich, for a terminal ---------------------------------------------------------------------


def _rich_label(label: list[Spans]) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    texts = [Text.assemble(*piece) for piece in label]
    return texts[0] if len(texts) == 1 else Group(*texts)


def _add_rich(tree: Tree, nodes: list[Node]) -> None:
    for node in nodes:
        _add_rich(tree.add(_rich_label(node.label)), node.children)
