"""One line that says what a selection holds and which filters made it. No Rich here."""

from __future__ import annotations

from ..query import ActorFilter, Query, Selection
from .safe import visible

# how many of an actor's parts a caption names before counting the rest
PARTS_NAMED = 3


def count_words(selection: Selection) -> str:
    """'9 events', or '6 of 36 events' when --limit cut the list."""
    shown, total = len(selection.events), selection.total
    noun = "event" if total == 1 else "events"
    return f"{shown} of {total} {noun}" if selection.cut else f"{total} {noun}"


def caption(selection: Selection) -> str:
    return " · ".join((count_words(selection), *filter_words(selection.query)))


def filter_words(query: Query) -> list[str]:
    """The filters in words, one phrase each, in the order the README lists them."""
    joiner = " and " if query.match_all else " or "
    parts = []
    if query.actors:
        parts.append("actor: " + joiner.join(_actor_words(wanted) for wanted in query.actors))
    if query.statuses:
        label = "their part" if query.actors else "status"
        parts.append(f"{label}: " + " or ".join(sorted(query.statuses)))
    if query.claimants:
        parts.append("claimed by: " + " or ".join(map(_actor_words, query.claimants)))
    if query.places:
        parts.append("place: " + joiner.join(visible(place.name) for place in query.places))
    if query.years:
        parts.append("year: " + " or ".join(str(year) for year in query.years))
    if query.start or query.end:
        start = query.start.isoformat() if query.start else "…"
        end = query.end.isoformat() if query.end else "…"
        parts.append(f"{start} to {end}")
    if query.tags:
        parts.append("tag: " + joiner.join(query.tags))
    if query.texts:
        parts.append("search: " + ", ".join(f'"{visible(text)}"' for text in query.texts))
    if query.reverse:
        parts.append("newest first")
    return parts


def _actor_words(wanted: ActorFilter) -> str:
    name = visible(wanted.actor.name)
    if not wanted.parts:
        return name
    named = ", ".join(visible(part.label) for part in wanted.parts[:PARTS_NAMED])
    more = len(wanted.parts) - PARTS_NAMED
    return f"{name} (with {named}{f' +{more} more' if more > 0 else ''})"
