"""Summaries of a Timeline or a Selection for the views beyond the event list: who and what is
active when (actors, tags, places), an event sheet, chart lanes, stats and a calendar day.

Pure functions over the model and query.py's selections; each returns a frozen value that a
renderer (render/) draws. Kept apart from query.py so that the everyday path (filter, print)
does not pay for defining them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from .model import Actor, Event, Facts, Place, Timeline
from .names import fold
from .query import (
    Selection,
    _year,
    all_tags,
    find_actor,
    find_events,
    known_places,
    related_events,
)

# --- tallies ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Activity:
    """How many events name something, and the first and last year they touch."""

    events: int = 0
    first: int | None = None
    last: int | None = None

    def add(self, facts: Facts) -> Activity:
        first, last = _year(facts.start), _year(facts.end)
        return Activity(
            events=self.events + 1,
            first=first if self.first is None else min(self.first, first),
            last=last if self.last is None else max(self.last, last),
        )


def actor_activity(timeline: Timeline) -> dict[str, Activity]:
    """For each actor id: how many events name it, and the first and last year they touch."""
    activity = {actor.id: Activity() for actor in timeline.actors}
    for facts in timeline.facts:
        for actor_id, _ in facts.parts:
            activity[actor_id] = activity[actor_id].add(facts)
    return activity


@dataclass(frozen=True)
class ActorReport:
    """Actors to show, with their activity; the timeline gives relations from both ends."""

    timeline: Timeline
    actors: tuple[Actor, ...]
    activity: Mapping[str, Activity]


def actor_report(timeline: Timeline, name: str | None = None) -> ActorReport:
    chosen = (find_actor(timeline, name),) if name else timeline.actors
    return ActorReport(timeline, chosen, actor_activity(timeline))


@dataclass(frozen=True)
class TallyRow:
    name: str
    activity: Activity
    place: Place | None = None  # for places: the registry entry, with its other spellings


@dataclass(frozen=True)
class Tally:
    """Each value of one field (tags, places) with how much it is used."""

    what: str  # "tag" or "place"
    rows: tuple[TallyRow, ...]


def tag_tally(timeline: Timeline) -> Tally:
    counts = {tag: Activity() for tag in all_tags(timeline)}
    for facts in timeline.facts:
        for tag in facts.tags:
            counts[tag] = counts[tag].add(facts)
    return Tally("tag", tuple(TallyRow(tag, activity) for tag, activity in counts.items()))


def place_tally(timeline: Timeline) -> Tally:
    counts = {place.name: Activity() for place in known_places(timeline)}
    for facts in timeline.facts:
        for name in facts.places:
            counts[name] = counts[name].add(facts)
    places = {place.name: place for place in known_places(timeline)}
    rows = (TallyRow(name, activity, places[name]) for name, activity in counts.items())
    return Tally("place", tuple(sorted(rows, key=lambda row: fold(row.name))))


@dataclass(frozen=True)
class EventSheet:
    """Events shown in full, each with the related events a reader may want next."""

    timeline: Timeline
    events: tuple[Event, ...]
    related: Mapping[str, tuple[Event, ...]]


def event_sheet(timeline: Timeline, ids: Sequence[str]) -> EventSheet:
    events = find_events(timeline, ids)
    related = {event.id: related_events(timeline, event) for event in events}
    return EventSheet(timeline, events, related)


# --- lanes, for the chart -------------------------------------------------------------------

LaneBy = Literal["actor", "tag", "status", "place"]


@dataclass(frozen=True)
class Lane:
    """One row of a chart: what it is for, and the events in it, in date order."""

    key: str  # the actor id, tag, status or place name
    label: str  # what to call it
    events: tuple[Event, ...]


@dataclass(frozen=True)
class Lanes:
    """A selection laid out in lanes, for `chart`."""

    selection: Selection
    by: LaneBy
    lanes: tuple[Lane, ...]
    left_out: int  # lanes --top did not keep


def lanes(
    selection: Selection, by: LaneBy = "actor", *, by_count: bool = False, top: int | None = None
) -> Lanes:
    """The selection's events in a lane per actor (or tag, status, place).

    With an actor filter, only the actors asked for (and their parts) get lanes, as in the
    tree. Lanes come in order of their first event, or of their number of events
    (`by_count`, busiest first); `top` keeps the first N.
    """
    wanted = {i for f in selection.query.actors for i in f.members}
    groups: dict[str, tuple[str, list[Event]]] = {}
    for event in selection.events:
        for key, label in _lane_keys(event, by):
            if by != "actor" or not wanted or key in wanted:
                groups.setdefault(key, (label, []))[1].append(event)
    built = [Lane(key, label, tuple(events)) for key, (label, events) in groups.items()]
    ordered = sorted(built, key=lambda lane: _lane_order(lane, by_count))
    kept = ordered if top is None else ordered[:top]
    return Lanes(selection, by, tuple(kept), len(ordered) - len(kept))


def _lane_keys(event: Event, by: LaneBy) -> list[tuple[str, str]]:
    if by == "actor":
        return [(actor.id, actor.label) for actor in event.actors]
    if by == "tag":
        return [(tag, tag) for tag in event.tags]
    if by == "status":
        return [(event.status, event.status)]
    return [(place.name, place.name) for place in event.places]


def _lane_order(lane: Lane, by_count: bool) -> tuple[object, ...]:
    first = min(event.sort_key for event in lane.events)
    return (-len(lane.events), first) if by_count else (first, lane.label)


# --- counts, for stats ------------------------------------------------------------------------

StatsBy = Literal["year", "actor", "tag", "status", "place"]


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    events: int


@dataclass(frozen=True)
class Stats:
    """How a selection divides: by one grouping, by year, and by status."""

    selection: Selection
    by: StatsBy
    counts: tuple[Count, ...]  # by `by`: years in order, anything else busiest first
    per_year: tuple[tuple[int, int], ...]  # every year of the selection's range, with its events
    statuses: tuple[tuple[str, int], ...]  # each status, in the order of STATUSES


def stats(selection: Selection, by: StatsBy = "year") -> Stats:
    from .model import STATUSES

    per_year = Counter(event.date.start.year for event in selection.events)
    years = (
        tuple((year, per_year[year]) for year in range(min(per_year), max(per_year) + 1))
        if per_year
        else ()
    )
    if by == "year":
        counts = tuple(Count(str(year), str(year), n) for year, n in years if n)
    else:
        found: dict[str, tuple[str, int]] = {}
        for event in selection.events:
            for key, label in _lane_keys(event, by):
                found[key] = (label, found.get(key, (label, 0))[1] + 1)
        ordered = sorted(found.items(), key=lambda item: (-item[1][1], fold(item[1][0])))
        counts = tuple(Count(key, label, n) for key, (label, n) in ordered)
    by_status = Counter(event.status for event in selection.events)
    return Stats(selection, by, counts, years, tuple((s, by_status[s]) for s in STATUSES))


# --- this day in history, for `on` -------------------------------------------------------------


@dataclass(frozen=True)
class Anniversaries:
    """The events that happened on one calendar day, in any year, known to the day."""

    timeline: Timeline
    month: int
    day: int
    today: date
    events: tuple[Event, ...]

    def years_ago(self, event: Event) -> int:
        return self.today.year - event.date.start.year


def anniversaries(timeline: Timeline, month: int, day: int, today: date) -> Anniversaries:
    """Events whose date, or the start of whose span, is exactly that day of the year.

    Only dates known to the day and neither approximate nor uncertain: "on this day" is a
    claim of exactness.
    """
    positions = [
        i
        for i, facts in enumerate(timeline.facts)
        if facts.exact_day and _month_day(facts.exact_day) == (month, day)
    ]
    events = timeline.events
    return Anniversaries(timeline, month, day, today, tuple(events[i] for i in positions))


def _month_day(ordinal: int) -> tuple[int, int]:
    day = date.fromordinal(ordinal)
    return day.month, day.day
