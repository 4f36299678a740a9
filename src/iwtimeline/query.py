"""Filters and look-ups over a Timeline: pure functions that return new tuples."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from .dates import DateError, parse_bound
from .errors import UnknownNameError, UsageError
from .model import Actor, Event, FuzzyDate, Place, Timeline
from .names import fold, starts_at_word

# Prefix matching on one or two letters ('a', 'al') would match half the registry.
MIN_PREFIX = 3


@dataclass(frozen=True)
class Query:
    """What to select. Filters combine with AND; several actors, tags or statuses with OR."""

    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    start: date | None = None
    end: date | None = None
    tags: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    text: str = ""
    limit: int | None = None
    reverse: bool = False


def select(timeline: Timeline, query: Query) -> tuple[Event, ...]:
    """The events that satisfy the query, chronological (or reversed), at most `limit`."""
    chosen = [event for event in timeline.events if matches(event, query)]
    if query.reverse:
        chosen.reverse()
    if query.limit is not None:
        chosen = chosen[: query.limit]
    return tuple(chosen)


def matches(event: Event, query: Query) -> bool:
    if query.actors and not any(actor in event.actors for actor in query.actors):
        return False
    if query.places and not any(place in event.places for place in query.places):
        return False
    start = query.start or date.min
    end = query.end or date.max
    if not event.date.overlaps(start, end):
        return False
    if query.tags and query.tags.isdisjoint(event.tags):
        return False
    if query.statuses and event.status not in query.statuses:
        return False
    if query.text:
        haystack = searchable_text(event)
        return all(word in haystack for word in fold(query.text).split())
    return True


def searchable_text(event: Event) -> str:
    """Title, summary, actors and places (with their aliases) and tags, folded for matching."""
    parts = [event.title, event.summary, *event.tags]
    for place in event.places:
        parts.extend((place.name, *place.aliases))
    for actor in event.actors:
        parts.extend((actor.name, actor.short or "", *actor.aliases))
    return fold(" ".join(parts))


def build_query(
    timeline: Timeline,
    *,
    actors: Iterable[str] = (),
    places: Iterable[str] = (),
    year: int | None = None,
    start: str | None = None,
    end: str | None = None,
    tags: Iterable[str] = (),
    statuses: Iterable[str] = (),
    text: str | None = None,
    limit: int | None = None,
    reverse: bool = False,
) -> Query:
    """A Query from what a person typed: actor names, a year, date bounds as typed, tags, ..."""
    year_date = None if year is None else _typed_date(f"{year:04d}", "--year")
    low = None if start is None else _typed_date(start, "start date")
    high = None if end is None else _typed_date(end, "end date")
    first, last = window((year_date, year_date), (low, high))
    return Query(
        actors=resolve_actors(timeline, actors),
        places=resolve_places(timeline, places),
        start=first,
        end=last,
        tags=check_tags(timeline, tags),
        statuses=frozenset(statuses),
        text=(text or "").strip(),
        limit=limit,
        reverse=reverse,
    )


def _typed_date(text: str, what: str) -> FuzzyDate:
    try:
        return parse_bound(text)
    except DateError as error:
        raise UsageError(f"{what}: {error}") from None


# --- dates --------------------------------------------------------------------------------


def window(*bounds: tuple[FuzzyDate | None, FuzzyDate | None]) -> tuple[date | None, date | None]:
    """Intersect (from, to) pairs into one window; a 'to' bound counts to the end of its precision.

    window((year, year), (from_, to)) is the window of `--year Y --from A --to B`.
    """
    starts = [low.start for low, _ in bounds if low is not None]
    ends = [high.end for _, high in bounds if high is not None]
    start = max(starts) if starts else None
    end = min(ends) if ends else None
    if start is not None and end is not None and start > end:
        raise UsageError(f"no dates fit: the start ({start}) is after the end ({end})")
    return start, end


# --- names --------------------------------------------------------------------------------

Named = TypeVar("Named", Actor, Place)


def actor_names(actor: Actor) -> tuple[str, ...]:
    return (actor.id, actor.name, *(() if actor.short is None else (actor.short,)), *actor.aliases)


def place_names(place: Place) -> tuple[str, ...]:
    return (place.name, *place.aliases)


def find_by_name(
    candidates: Sequence[Named], names: Callable[[Named], Iterable[str]], wanted: str
) -> tuple[Named, ...]:
    """The candidates called `wanted`, ignoring case, accents and punctuation.

    An exact name wins; otherwise every candidate with a name in which `wanted` starts a word
    (for at least MIN_PREFIX letters). Empty when nothing matches.
    """
    folded = fold(wanted)
    exact = tuple(c for c in candidates if any(fold(n) == folded for n in names(c)))
    if exact or len(folded) < MIN_PREFIX:
        return exact
    return tuple(c for c in candidates if any(starts_at_word(folded, fold(n)) for n in names(c)))


def suggest(
    candidates: Sequence[Named], names: Callable[[Named], Iterable[str]], wanted: str
) -> tuple[str, ...]:
    """Up to three display names close to a misspelt `wanted`, for 'did you mean'."""
    owner: dict[str, Named] = {}
    for candidate in candidates:
        for name in names(candidate):
            owner.setdefault(fold(name), candidate)
    close = difflib.get_close_matches(fold(wanted), list(owner), n=6, cutoff=0.6)
    return tuple(dict.fromkeys(owner[c].name for c in close))[:3]


def find_actors(timeline: Timeline, name: str) -> tuple[Actor, ...]:
    """Actors called `name`: by id, name, short name or alias (see find_by_name)."""
    found = find_by_name(timeline.actors, actor_names, name)
    if not found:
        suggestions = suggest(timeline.actors, actor_names, name)
        raise UnknownNameError("actor", name, suggestions, "'iwtimeline actors' lists them all")
    return found


def known_places(timeline: Timeline) -> tuple[Place, ...]:
    """The registry, or for a file without one, every place its events name."""
    if timeline.places:
        return timeline.places
    return tuple(dict.fromkeys(place for event in timeline.events for place in event.places))


def find_places(timeline: Timeline, name: str) -> tuple[Place, ...]:
    """Places called `name`, by their name or any variant spelling (Erbil finds Irbil)."""
    places = known_places(timeline)
    found = find_by_name(places, place_names, name)
    if not found:
        raise UnknownNameError("place", name, suggest(places, place_names, name))
    return found


def resolve_actors(timeline: Timeline, names: Iterable[str]) -> tuple[Actor, ...]:
    """Every actor any of `names` finds, each once, in registry order."""
    found = {actor.id for name in names for actor in find_actors(timeline, name)}
    return tuple(actor for actor in timeline.actors if actor.id in found)


def resolve_places(timeline: Timeline, names: Iterable[str]) -> tuple[Place, ...]:
    found = {place for name in names for place in find_places(timeline, name)}
    return tuple(place for place in known_places(timeline) if place in found)


def all_tags(timeline: Timeline) -> tuple[str, ...]:
    return tuple(sorted({tag for event in timeline.events for tag in event.tags}))


def check_tags(timeline: Timeline, tags: Iterable[str]) -> frozenset[str]:
    """The tags folded to their stored form; an unknown tag is an error with suggestions."""
    known = all_tags(timeline)
    checked = set()
    for tag in tags:
        wanted = fold(tag).replace(" ", "-")
        if wanted not in known:
            close = difflib.get_close_matches(wanted, known, n=3, cutoff=0.6)
            hint = "tags: " + ", ".join(known) if known else "this file uses no tags"
            raise UnknownNameError("tag", tag, tuple(close), hint)
        checked.add(wanted)
    return frozenset(checked)


def find_event(timeline: Timeline, event_id: str) -> Event:
    for event in timeline.events:
        if event.id == event_id:
            return event
    ids = [event.id for event in timeline.events]
    close = difflib.get_close_matches(event_id.strip().lower(), ids, n=3, cutoff=0.6)
    if not close:  # ids begin with a year, so a fragment of the slug is a fair guess too
        close = [i for i in ids if event_id.strip().lower() in i][:3]
    raise UnknownNameError("event", event_id, tuple(close), "'iwtimeline list' shows the ids")


# --- summaries ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Activity:
    events: int = 0
    first: int | None = None
    last: int | None = None


def actor_activity(timeline: Timeline) -> dict[str, Activity]:
    """For each actor id: how many events name it, and the first and last year they touch."""
    activity = {actor.id: Activity() for actor in timeline.actors}
    for event in timeline.events:
        for actor in event.actors:
            seen = activity[actor.id]
            first, last = event.date.start.year, event.date.end.year
            activity[actor.id] = Activity(
                events=seen.events + 1,
                first=first if seen.first is None else min(seen.first, first),
                last=last if seen.last is None else max(seen.last, last),
            )
    return activity
