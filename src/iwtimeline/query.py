"""Filters and look-ups over a Timeline: pure functions that return new tuples."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .dates import DateError, parse_bound
from .errors import UnknownNameError, UsageError
from .model import Actor, Event, FuzzyDate, Timeline
from .names import fold, starts_at_word

# Prefix matching on one or two letters ('a', 'al') would match half the registry.
MIN_PREFIX = 3


@dataclass(frozen=True)
class Query:
    """What to select. Filters combine with AND; several actors, tags or statuses with OR."""

    actors: tuple[Actor, ...] = ()
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
    """Title, summary, actors (with aliases), places and tags, folded for matching."""
    parts = [event.title, event.summary, *event.places, *event.tags]
    for actor in event.actors:
        parts.extend((actor.name, actor.short or "", *actor.aliases))
    return fold(" ".join(parts))


def build_query(
    timeline: Timeline,
    *,
    actors: Iterable[str] = (),
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


def actor_names(actor: Actor) -> tuple[str, ...]:
    return (actor.id, actor.name, *(() if actor.short is None else (actor.short,)), *actor.aliases)


def find_actors(timeline: Timeline, name: str) -> tuple[Actor, ...]:
    """Actors called `name`: by id, name, short name or alias, ignoring case and accents.

    An exact match wins; otherwise every actor with a name in which `name` starts a word.
    """
    wanted = fold(name)
    exact = _actors_where(timeline.actors, lambda folded: folded == wanted)
    if exact:
        return exact
    if len(wanted) >= MIN_PREFIX:
        prefixed = _actors_where(timeline.actors, lambda folded: starts_at_word(wanted, folded))
        if prefixed:
            return prefixed
    suggestions = _suggest_actors(timeline.actors, wanted)
    raise UnknownNameError("actor", name, suggestions, "'iwtimeline actors' lists them all")


def _actors_where(actors: Iterable[Actor], test: object) -> tuple[Actor, ...]:
    assert callable(test)
    return tuple(a for a in actors if any(test(fold(n)) for n in actor_names(a)))


def _suggest_actors(actors: Iterable[Actor], wanted: str) -> tuple[str, ...]:
    owner: dict[str, Actor] = {}
    for actor in actors:
        for name in actor_names(actor):
            owner.setdefault(fold(name), actor)
    close = difflib.get_close_matches(wanted, list(owner), n=6, cutoff=0.6)
    return tuple(dict.fromkeys(owner[c].name for c in close))[:3]


def resolve_actors(timeline: Timeline, names: Iterable[str]) -> tuple[Actor, ...]:
    """Every actor any of `names` finds, each once, in registry order."""
    found = {actor.id for name in names for actor in find_actors(timeline, name)}
    return tuple(actor for actor in timeline.actors if actor.id in found)


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
