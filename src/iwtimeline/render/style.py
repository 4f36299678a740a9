"""The colours that carry meaning (actor kind, status) and the pieces every human form shares.

Every piece of text from a data file reaches Rich through `plain` (or a helper built on it), so
that it is shown literally and with hidden characters escaped (see safe.py). Meaning is never
carried by colour alone: a status is always written as a word.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich import box
from rich.table import Table
from rich.text import Text

from ..model import Actor, Event, Involvement
from .safe import visible
from .words import claim_joiner, stands_apart

KIND_STYLES: dict[str, str] = {
    "state": "bold blue",
    "government": "blue",
    "government-agency": "cyan",
    "armed-force": "bright_red",
    "militia": "red",
    "political-party": "magenta",
    "person": "green",
    "international-body": "bright_cyan",
    "organization": "yellow",
}

STATUS_STYLES: dict[str, str] = {
    "documented": "green",
    "reported": "cyan",
    "alleged": "yellow",
    "disputed": "bold magenta",
}

DIM = "dim"
TITLE = "bold"
# the space between two columns of a listing: padding, a blank rule, padding
GAP = 3


def listing(caption: str, *, show_lines: bool = False, expand: bool = True) -> Table:
    """The frame every list for people shares: bold headers over a rule, a dim caption below."""
    return Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        header_style="bold",
        caption=plain(caption),
        caption_style=DIM,
        caption_justify="left",
        show_lines=show_lines,
        expand=expand,
    )


def counted(count: int, noun: str) -> str:
    """'1 actor', '9 actors'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def plain(text: str, style: str = "") -> Text:
    """Text from a data file or the command line: literal, hidden characters made visible."""
    return Text(visible(text), style=style)


def actor_text(actor: Actor, *, short: bool = False) -> Text:
    """An actor's name in the colour of its kind."""
    return plain(actor.label if short else actor.name, KIND_STYLES.get(actor.kind, ""))


def names_text(actors: Iterable[Actor], *, short: bool = True) -> Text:
    return Text(", ").join(actor_text(actor, short=short) for actor in actors)


def status_text(status: str) -> Text:
    return Text(status, style=STATUS_STYLES.get(status, ""))


def claim_text(status: str, claimed_by: tuple[Actor, ...], *, short: bool = True) -> Text:
    """'alleged by US, Iraq': the status word, and who makes the claim when it is one."""
    text = Text.assemble(status_text(status))  # the status colours its word only
    if claimed_by:
        text.append(claim_joiner(status), style=DIM)
        text.append_text(names_text(claimed_by, short=short))
    return text


def involvement_text(involvement: Involvement, event: Event, *, short: bool = True) -> Text:
    """An actor's name, its role, and '[alleged]' when its part stands apart from the event."""
    text = Text.assemble(actor_text(involvement.actor, short=short))  # the name only
    if involvement.role:
        text.append(f" ({visible(involvement.role)})", style=DIM)
    if stands_apart(involvement, event):
        text.append(" [", style=DIM)
        text.append_text(status_text(involvement.status))
        text.append("]", style=DIM)
    return text


def involvements_text(event: Event, *, limit: int = 0) -> Text:
    """An event's actors joined by commas, weaker parts marked; with a limit, '+N more'."""
    involvements = event.involvements
    shown = involvements[:limit] if limit else involvements
    text = Text(", ").join(involvement_text(i, event) for i in shown)
    if len(involvements) > len(shown):
        text.append(f" +{len(involvements) - len(shown)} more", style=DIM)
    return text
