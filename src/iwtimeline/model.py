"""The data model: plain frozen records, knowing nothing of files or terminals.

The classes are frozen dataclasses in all but the decorator: `records.record` makes the same
classes at a fraction of the cost to define (see there), and type checkers read them as dataclasses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import Literal, NamedTuple, Protocol, overload

from .records import derived, record

# "open" is only ever the precision of the open end of an interval (`2007/..`)
Precision = Literal["day", "month", "season", "part-of-year", "year", "interval", "open"]
Status = Literal["documented", "reported", "alleged", "disputed"]

STATUSES: tuple[Status, ...] = ("documented", "reported", "alleged", "disputed")
UrlType = Literal["original", "archive", "repost", "mirror"]
URL_TYPES: tuple[UrlType, ...] = ("original", "archive", "repost", "mirror")
# the kinds of copy that another site publishes, and must therefore name (`host`)
HOSTED_COPIES: tuple[UrlType, ...] = ("repost", "mirror")
# How firm a status is: a documented event may have an alleged participant, never the reverse.
# Alleged and disputed are equally weak: one party's claim, or sources in conflict.
FIRMNESS: dict[str, int] = {"documented": 3, "reported": 2, "alleged": 1, "disputed": 1}
CLAIMS: tuple[Status, ...] = ("alleged", "disputed")
# An actor named in an alleged or disputed event that is itself one of the claimants takes part
# by making the claim: that part is on record, not alleged. It reads as `reported` (the making
# of the claim, not its substance), with the role "claimant" unless the entry gives one.
CLAIMANT_STATUS: Status = "reported"
CLAIMANT_ROLE = "claimant"
ACTOR_KINDS: tuple[str, ...] = (
    "state",
    "government",
    "government-agency",
    "armed-force",
    "militia",
    "political-party",
    "person",
    "international-body",
    "organization",
)
RELATION_TYPES: tuple[str, ...] = (
    "part_of",
    "armed_wing_of",
    "backed_by",
    "successor_of",
    "splinter_of",
    "leader_of",
    "member_of",
    "allied_with",
)


@record
class FuzzyDate:
    """A date as a historian writes it (EDTF text) and the interval of days it may mean."""

    text: str
    start: dt.date
    end: dt.date
    precision: Precision
    approximate: bool = False
    uncertain: bool = False
    # For an interval (precision "interval"): its two endpoints.
    span: tuple[FuzzyDate, FuzzyDate] | None = None

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        """True when any day this date may mean lies within start..end (both inclusive)."""
        return self.start <= end and self.end >= start


@record
class Source:
    """A work cited. `publisher` is its original publisher; `url_type` says whether the URL is
    that original publication or a copy of it (an archive snapshot, a repost elsewhere, a
    mirror), and `host` who publishes the copy."""

    title: str
    publisher: str | None = None
    url: str | None = None
    date: FuzzyDate | None = None
    url_type: UrlType | None = None
    host: str | None = None


@record
class Relation:
    type: str
    actor_id: str
    when: FuzzyDate | None = None
    status: Status | None = None
    note: str | None = None


@record
class Place:
    """A place with one spelling for events to use, and the variants sources use."""

    name: str
    aliases: tuple[str, ...] = ()
    kind: str | None = None
    country: str | None = None


@record
class Actor:
    id: str
    name: str
    kind: str
    short: str | None = None
    aliases: tuple[str, ...] = ()
    country: str | None = None
    description: str | None = None
    relations: tuple[Relation, ...] = ()
    sources: tuple[Source, ...] = ()
    # Listed for context (a relation, a leader) though no event names it yet.
    context: bool = False

    @property
    def label(self) -> str:
        """The name to show where space is short."""
        return self.short or self.name


@record
class Involvement:
    """How one actor took part in an event: its role, and how firmly that part is established.

    `status` is the effective one (never firmer than the event's); `claimed_by` names who makes
    the claim when the part is alleged or disputed (the event's claimants when the data file
    gives none of its own for this actor).
    """

    actor: Actor
    status: Status
    role: str | None = None
    claimed_by: tuple[Actor, ...] = ()

    @property
    def is_claim(self) -> bool:
        return self.status in CLAIMS


@record
class Event:
    id: str
    date: FuzzyDate
    title: str
    summary: str
    involvements: tuple[Involvement, ...]
    status: Status
    sources: tuple[Source, ...]
    places: tuple[Place, ...] = ()
    tags: tuple[str, ...] = ()
    claimed_by: tuple[Actor, ...] = ()
    date_note: str | None = None
    # the actors of `involvements`, in the same order; kept because nearly every reader wants them
    actors: tuple[Actor, ...] = derived()

    def __post_init__(self) -> None:
        object.__setattr__(self, "actors", tuple(i.actor for i in self.involvements))

    def involvement(self, actor: Actor) -> Involvement | None:
        for involvement in self.involvements:
            if involvement.actor == actor:
                return involvement
        return None

    @property
    def sort_key(self) -> tuple[dt.date, dt.date, str]:
        return (self.date.start, self.date.end, self.id)


@record
class Header:
    title: str
    description: str | None = None
    licence: str | None = None
    version: str | None = None


class Facts(NamedTuple):
    """What the filters look at in an event, as plain values: cheap to keep and to load again.

    The cache stores these for every event, so that a query can run without the events
    themselves (and without YAML); an in-memory timeline derives them from its events.
    """

    id: str
    start: int  # the first day the date may mean, as a date ordinal (1 for an open start)
    end: int  # the last day (date.max's ordinal for an open end)
    status: str
    parts: tuple[tuple[str, str], ...]  # (actor id, how firm its part is), in the event's order
    tags: tuple[str, ...]
    places: tuple[str, ...]
    exact_day: int  # the first day's ordinal when it is known exactly ("on this day"); else 0
    claimants: tuple[str, ...]  # who makes the event's claim or a part's, in order of mention


def facts_of(event: Event) -> Facts:
    when = event.date
    first = when.span[0] if when.span is not None else when
    exact = first.precision == "day" and not first.approximate and not first.uncertain
    return Facts(
        event.id,
        when.start.toordinal(),
        when.end.toordinal(),
        event.status,
        tuple((i.actor.id, i.status) for i in event.involvements),
        event.tags,
        tuple(place.name for place in event.places),
        first.start.toordinal() if exact else 0,
        claimant_ids(event),
    )


def claimant_ids(event: Event) -> tuple[str, ...]:
    """The ids of every actor that makes a claim in the event: the event's own claimants,
    then those of its alleged or disputed parts."""
    claimants = [*event.claimed_by, *(a for i in event.involvements for a in i.claimed_by)]
    return tuple(dict.fromkeys(actor.id for actor in claimants))


class EventStore(Protocol):
    """Events kept elsewhere (the cache): their number, their facts, loaded only when read."""

    @property
    def facts(self) -> Sequence[Facts]: ...

    @property
    def records(self) -> Sequence[bytes] | None:
        """Each event's JSON record, compact UTF-8, as jsonout.compact_record writes it."""

    @property
    def texts(self) -> Sequence[str] | None:
        """Each event's folded search text between spaces, as query.searchable_texts gives it."""

    def load(self) -> tuple[Event, ...]: ...

    def event(self, index: int) -> Event:
        """One event, built alone (a selection of a few events need not build them all)."""


class LazyEvents(Sequence[Event]):
    """A timeline's events read from a store the first time one is needed.

    Length and facts are known at once; a command that only filters and prints JSON never loads
    the events themselves.
    """

    def __init__(self, store: EventStore) -> None:
        self.store = store
        self._events: tuple[Event, ...] | None = None
        self._some: dict[int, Event] = {}

    @property
    def loaded(self) -> tuple[Event, ...]:
        if self._events is None:
            events = list(self.store.load())
            for index, event in self._some.items():  # the objects already handed out stay
                events[index] = event
            self._events = tuple(events)
        return self._events

    def __len__(self) -> int:
        return len(self.store.facts)

    @overload
    def __getitem__(self, index: int) -> Event: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Event, ...]: ...

    def __getitem__(self, index: int | slice) -> Event | tuple[Event, ...]:
        if self._events is not None or isinstance(index, slice):
            return self.loaded[index]
        if index < 0:
            index += len(self)
        found = self._some.get(index)
        if found is None:
            found = self._some[index] = self.store.event(index)
        return found

    def __iter__(self) -> Iterator[Event]:
        return iter(self.loaded)

    def at(self, indices: Sequence[int]) -> tuple[Event, ...]:
        """The events at these positions: built one by one when they are a few, all at once
        when they are most of the timeline (100,000 events from the cache: 1.25 s at once,
        the collector paused, against 1.9 s one by one)."""
        if self._events is None and len(indices) * 2 <= len(self):
            return tuple(self[i] for i in indices)
        loaded = self.loaded
        return tuple(loaded[i] for i in indices)


class EventsAt(Sequence[Event]):
    """`events[i]` for each index, each event built when it is first read: a browser shows a
    screenful of a selection of 100,000 and need not build the rest."""

    def __init__(self, events: Sequence[Event], indices: Sequence[int]) -> None:
        self.events = events
        self.indices = indices

    def __len__(self) -> int:
        return len(self.indices)

    @overload
    def __getitem__(self, position: int) -> Event: ...

    @overload
    def __getitem__(self, position: slice) -> tuple[Event, ...]: ...

    def __getitem__(self, position: int | slice) -> Event | tuple[Event, ...]:
        if isinstance(position, slice):
            return events_at(self.events, self.indices[position])
        return self.events[self.indices[position]]

    def __iter__(self) -> Iterator[Event]:
        return iter(events_at(self.events, self.indices))


def events_at(events: Sequence[Event], indices: Sequence[int]) -> tuple[Event, ...]:
    """`events[i]` for each index, as cheaply as the sequence allows."""
    if isinstance(events, LazyEvents):
        return events.at(indices)
    return tuple(events[i] for i in indices)


@record
class Timeline:
    """A validated dataset: events in chronological order and the actors they name."""

    header: Header
    actors: tuple[Actor, ...]
    events: Sequence[Event]
    source: str = "<memory>"
    # The places registry; empty when a file does not keep one (its places are then free text).
    places: tuple[Place, ...] = ()
    actor_by_id: Mapping[str, Actor] = derived()
    place_by_name: Mapping[str, Place] = derived()
    _facts: list[Sequence[Facts]] = derived()

    def __post_init__(self) -> None:
        object.__setattr__(self, "actor_by_id", {a.id: a for a in self.actors})
        object.__setattr__(self, "place_by_name", {p.name: p for p in self.places})
        known = self.events.store.facts if isinstance(self.events, LazyEvents) else None
        object.__setattr__(self, "_facts", [known] if known is not None else [])

    @property
    def facts(self) -> Sequence[Facts]:
        """Each event's facts, in the order of `events` (worked out once, when first needed)."""
        if not self._facts:
            self._facts.append(tuple(facts_of(event) for event in self.events))
        return self._facts[0]

    @property
    def store(self) -> EventStore | None:
        """Where the events come from when they are not in memory (the cache), else None."""
        return self.events.store if isinstance(self.events, LazyEvents) else None
