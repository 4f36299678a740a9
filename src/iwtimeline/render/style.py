"""The pieces every human form drawn by Rich shares, as Rich Text: built from the styled spans
of spans.py (where the colours that carry meaning, actor kind and status, are defined).

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
from .spans import (
    DIM,
    actor_spans,
    claim_spans,
    involvement_spans,
    involvements_spans,
    names_spans,
    status_spans,
)

TITLE = "bold"


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
    return Text.assemble(*actor_spans(actor, short=short))


def names_text(actors: Iterable[Actor], *, short: bool = True) -> Text:
    return Text.assemble(*names_spans(actors, short=short))


def status_text(status: str) -> Text:
    return Text.assemble(*status_spans(status))


def claim_text(status: str, claimed_by: tuple[Actor, ...], *, short: bool = True) -> Text:
    """'alleged by US, Iraq': the status word, and who makes the claim when it is one."""
    return Text.assemble(*claim_spans(status, claimed_by, short=short))


def involvement_text(involvement: Involvement, event: Event, *, short: bool = True) -> Text:
    """An actor's name, its role, and '[alleged]' when its part stands apart from the event."""
    return Text.assemble(*involvement_spans(involvement, event, short=short))


def involvements_text(event: Event, *, limit: int = 0) -> Text:
    """An event's actors joined by commas, weaker parts marked; with a limit, '+N more'."""
    return Text.assemble(*involvements_spans(event, limit=limit))
