"""The colours that carry meaning: one per actor kind and one per status."""

from __future__ import annotations

from rich.text import Text

from ..model import Actor

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


def actor_text(actor: Actor, *, short: bool = False) -> Text:
    """An actor's name in the colour of its kind (always literal text, never markup)."""
    return Text(actor.label if short else actor.name, style=KIND_STYLES.get(actor.kind, ""))


def actors_text(actors: tuple[Actor, ...], *, short: bool = True, limit: int = 0) -> Text:
    """Actor names joined by commas; with a limit, the rest counted as '+N more'."""
    shown = actors[:limit] if limit else actors
    text = Text(", ").join(actor_text(actor, short=short) for actor in shown)
    if len(actors) > len(shown):
        text.append(f" +{len(actors) - len(shown)} more", style=DIM)
    return text


def status_text(status: str) -> Text:
    return Text(status, style=STATUS_STYLES.get(status, ""))
