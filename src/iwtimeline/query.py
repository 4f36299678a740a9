"""Filters and look-ups over a Timeline: pure functions that return new tuples.

`build_query` turns what a person typed into a Query; `select` applies it and returns the
Selection that every front door (the CLI, the browser) hands to a renderer.

How filters combine (README, "Filters"): different filters with AND; repeated `--actor`,
`--place`, `--tag`, `--status` and `--year` with OR (or, for actors, places and tags, AND under
`match_all`); repeated search terms with AND. An actor stands for itself and, unless `exact`,
every actor that is part of it (`part_of`, transitively). With actors, statuses test how firmly
the matched actor's part is established; without, the event's status. Claimants (repeated: any)
match an event in which one of them makes the event's claim or a claim about a part.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import NamedTuple

from .errors import BadDate, EmptyWindow, UnknownName
from .model import (
    Actor,
    Event,
    EventsAt,
    Facts,
    FuzzyDate,
    Place,
    Timeline,
    events_at,
    facts_of,
)
from .names import closest, find_id, find_one, fold
from .records import replace

# --- what to select -----------------------------------------------------------------------


class ActorFilter(NamedTuple):
    """An actor as the user named it, and the ids that count as it (itself and its parts)."""

    actor: Actor
    members: frozenset[str]
    parts: tuple[Actor, ...] = ()  # the members other than the actor itself, for captions


class Query(NamedTuple):
    """What to select; see the module docstring for how the filters combine."""

    actors: tuple[ActorFilter, ...] = ()
    claimants: tuple[ActorFilter, ...] = ()  # who makes the event's claim (or a part's)
    places: tuple[Place, ...] = ()
    years: tuple[int, ...] = ()
    start: date | None = None
    end: date | None = None
    tags: tuple[str, ...] = ()
    statuses: frozenset[str] = frozenset()
    texts: tuple[str, ...] = ()  # folded search terms; every word of every term must appear
    match_all: bool = False
    limit: int | None = None
    reverse: bool = False


class Selection(NamedTuple):
    """The events a query selected (by their positions in the timeline), and how many matched."""

    timeline: Timeline
    query: Query
    indices: tuple[int, ...]  # positions in timeline.events, in the order to show them
    total: int  # how many events matched before `limit` cut the list

    @property
    def events(self) -> tuple[Event, ...]:
        return events_at(self.timeline.events, self.indices)

    @property
    def each_event(self) -> EventsAt:
        """The selected events, each built only when it is read (what a screen shows)."""
        return EventsAt(self.timeline.events, self.indices)

    @property
    def cut(self) -> bool:
        return self.total > len(self.indices)

    @classmethod
    def of(
        cls, timeline: Timeline, events: Sequence[Event], query: Query | None = None
    ) -> Selection:
        """Exactly these events, in this order, as a selection of a timeline holding just them."""
        only = replace(timeline, events=tuple(events))
        return cls(only, query or Query(), tuple(range(len(events))), len(events))


class SearchIndex:
    """Every event's searchable text, folded once: for a front door that searches many times.

    Folding an event's text costs about 0.1 ms; the browser searches on every keystroke. A
    timeline read from the cache brings its texts already folded.
    """

    def __init__(self) -> None:
        self._texts: dict[int, list[str]] = {}  # id(timeline) -> its texts, by position

    def texts(self, timeline: Timeline) -> Sequence[str]:
        known = self._texts.get(id(timeline))
        if known is None:
            known = self._texts[id(timeline)] = list(searchable_texts(timeline))
        return known

    def prepare(self, timeline: Timeline) -> None:
        """Fold every event's text now (the browser does it in the background at start)."""
        self.texts(timeline)


def searchable_texts(timeline: Timeline) -> Sequence[str]:
    """Each event's folded text between spaces, by position: from the store when it has them."""
    store = timeline.store
    if store is not None and store.texts is not None:
        return store.texts
    return [f" {searchable_text(event)} " for event in timeline.events]


def select(
    timeline: Timeline,
    query: Query,
    *,
    among: Sequence[int] | None = None,
    index: SearchIndex | None = None,
) -> Selection:
    """The events that satisfy the query, chronological (or reversed), at most `limit`.

    Filters look at each event's Facts, which a cached timeline holds without its events.
    `among` narrows the positions looked at (a front door that knows the answer lies within an
    earlier one's); `index` keeps the folded texts between searches.
    """
    facts = timeline.facts
    pool: Sequence[int] = range(len(facts)) if among is None else among
    checks = _checks(query)
    if len(checks) == 1:
        check = checks[0]
        chosen = [i for i in pool if check(facts[i])]
    elif checks:
        chosen = [i for i in pool if all(check(facts[i]) for check in checks)]
    else:
        chosen = list(pool)
    if query.texts:
        texts = index.texts(timeline) if index else _texts_of(timeline, chosen)
        chosen = _containing(chosen, texts, _needles(query.texts))
    if query.reverse:
        chosen.reverse()
    total = len(chosen)
    if query.limit is not None:
        chosen = chosen[: query.limit]
    return Selection(timeline, query, tuple(chosen), total)


def _texts_of(timeline: Timeline, positions: Sequence[int]) -> Mapping[int, str] | Sequence[str]:
    """The folded texts of these positions: all of them from a store, else only those asked."""
    store = timeline.store
    if store is not None and store.texts is not None:
        return store.texts
    events = timeline.events
    return {i: f" {searchable_text(events[i])} " for i in positions}


def matches(event: Event, query: Query) -> bool:
    """True when `event` satisfies every filter of `query` (what `select` keeps)."""
    facts = facts_of(event)
    if not all(check(facts) for check in _checks(query)):
        return False
    text = f" {searchable_text(event)} "
    return all(needle in text for needle in _needles(query.texts))


Check = Callable[[Facts], bool]


def _checks(query: Query) -> list[Check]:
    """One test for each filter the query uses but text, prepared once for every event."""
    combine = all if query.match_all else any
    checks: list[Check] = []
    statuses = query.statuses
    if query.actors:
        wanted = [(f.members, statuses) for f in query.actors]
        checks.append(lambda f: combine(_involves(f.parts, *w) for w in wanted))
    elif statuses:
        checks.append(lambda f: f.status in statuses)
    if query.claimants:
        claimants = frozenset().union(*(f.members for f in query.claimants))
        checks.append(lambda f: any(actor in claimants for actor in f.claimants))
    if query.places:
        places = [place.name for place in query.places]
        checks.append(lambda f: combine(name in f.places for name in places))
    if query.tags:
        tags = query.tags
        checks.append(lambda f: combine(tag in f.tags for tag in tags))
    if query.start or query.end:
        start = (query.start or date.min).toordinal()
        end = (query.end or date.max).toordinal()
        checks.append(lambda f: f.start <= end and f.end >= start)
    if query.years:
        years = [(date(y, 1, 1).toordinal(), date(y, 12, 31).toordinal()) for y in query.years]
        checks.append(lambda f: any(f.start <= last and f.end >= first for first, last in years))
    return checks


def _involves(
    parts: tuple[tuple[str, str], ...], members: frozenset[str], statuses: frozenset[str]
) -> bool:
    return any(actor in members and (not statuses or status in statuses) for actor, status in parts)


def _containing(
    positions: Sequence[int], texts: Mapping[int, str] | Sequence[str], needles: tuple[str, ...]
) -> list[int]:
    """The positions whose text holds every needle."""
    if len(needles) == 1:
        needle = needles[0]
        return [i for i in positions if needle in texts[i]]
    return [i for i in positions if all(needle in texts[i] for needle in needles)]


def _needles(texts: tuple[str, ...]) -> tuple[str, ...]:
    # every word of every term must begin a word of the event's text
    return tuple(f" {word}" for term in texts for word in term.split())


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
    claimants: Iterable[str] = (),
    places: Iterable[str] = (),
    years: Iterable[int] = (),
    start: str | None = None,
    end: str | None = None,
    tags: Iterable[str] = (),
    statuses: Iterable[str] = (),
    texts: Iterable[str] = (),
    match_all: bool = False,
    exact_actors: bool = False,
    limit: int | None = None,
    reverse: bool = False,
) -> Query:
    """A Query from what a person typed: actor names, years, date bounds as typed, tags, ..."""
    low = None if start is None else _typed_date(start, "start")
    high = None if end is None else _typed_date(end, "end")
    first, last = window(low, high)
    return Query(
        actors=tuple(actor_filter(timeline, name, exact=exact_actors) for name in actors),
        claimants=tuple(actor_filter(timeline, name, exact=exact_actors) for name in claimants),
        places=tuple(dict.fromkeys(find_place(timeline, name) for name in places)),
        years=tuple(dict.fromkeys(years)),
        start=first,
        end=last,
        tags=tuple(dict.fromkeys(find_tag(timeline, tag) for tag in tags)),
        statuses=frozenset(statuses),
        texts=tuple(term for term in (fold(text) for text in texts) if term),
        match_all=match_all,
        limit=limit,
        reverse=reverse,
    )


def _typed_date(text: str, which: str) -> FuzzyDate:
    from .dates import DateError, parse_bound  # only a command given dates needs the parser

    try:
        return parse_bound(text)
    except DateError as error:
        raise BadDate(which, text, str(error)) from None


def window(low: FuzzyDate | None, high: FuzzyDate | None) -> tuple[date | None, date | None]:
    """The days from the start of `low` to the end of `high` (a bound covers its precision)."""
    start = None if low is None or low.start == date.min else low.start
    end = None if high is None or high.end == date.max else high.end
    if start is not None and end is not None and start > end:
        raise EmptyWindow(start, end)
    return start, end


# --- names --------------------------------------------------------------------------------


def actor_names(actor: Actor) -> tuple[str, ...]:
    """Every name an actor answers to; the id first and the display name second."""
    return (actor.id, actor.name, *(() if actor.short is None else (actor.short,)), *actor.aliases)


def place_names(place: Place) -> tuple[str, ...]:
    return (place.name, place.name, *place.aliases)


def find_actor(timeline: Timeline, name: str) -> Actor:
    """The actor called `name` (id, name, short name or alias, or the start of a word of one)."""
    return find_one("actor", timeline.actors, actor_names, name)


def actor_filter(timeline: Timeline, name: str, *, exact: bool = False) -> ActorFilter:
    actor = find_actor(timeline, name)
    parts = () if exact else parts_of(timeline, actor)
    return ActorFilter(actor, frozenset({actor.id, *(part.id for part in parts)}), parts)


def parts_of(timeline: Timeline, actor: Actor) -> tuple[Actor, ...]:
    """Every actor that is part of `actor`, directly or through others, in registry order.

    Only `part_of` relations that are not mere claims count: an alleged membership must not
    bring another actor's events under this one.
    """
    children: dict[str, list[str]] = {}
    for other in timeline.actors:
        for relation in other.relations:
            if relation.type == "part_of" and relation.status not in ("alleged", "disputed"):
                children.setdefault(relation.actor_id, []).append(other.id)
    found: set[str] = set()
    waiting = list(children.get(actor.id, ()))
    while waiting:
        current = waiting.pop()
        if current not in found and current != actor.id:
            found.add(current)
            waiting.extend(children.get(current, ()))
    return tuple(a for a in timeline.actors if a.id in found)


def known_places(timeline: Timeline) -> tuple[Place, ...]:
    """The registry, or for a file without one, every place its events name."""
    if timeline.places:
        return timeline.places
    names = dict.fromkeys(name for facts in timeline.facts for name in facts.places)
    return tuple(Place(name) for name in names)


def find_place(timeline: Timeline, name: str) -> Place:
    """The place called `name`, by its name or any variant spelling (Erbil finds Irbil)."""
    return find_one("place", known_places(timeline), place_names, name)


def all_tags(timeline: Timeline) -> tuple[str, ...]:
    return tuple(sorted({tag for facts in timeline.facts for tag in facts.tags}))


def find_tag(timeline: Timeline, tag: str) -> str:
    """The tag in its stored form ('Invasion 2003' finds invasion-2003); unknown is an error."""
    known = all_tags(timeline)
    wanted = fold(tag).replace(" ", "-")
    if wanted not in known:
        raise UnknownName("tag", tag, closest(wanted, known))
    return wanted


def find_events(timeline: Timeline, ids: Sequence[str]) -> tuple[Event, ...]:
    """The events with these ids (any case, or a unique prefix), in the order asked for."""
    position = {facts.id: i for i, facts in enumerate(timeline.facts)}

    def label(event_id: str) -> str:  # only an ambiguous id lists its candidates
        from .dates import describe

        event = timeline.events[position[event_id]]
        return f"{describe(event.date)}  {event.title}"

    return tuple(timeline.events[position[find_id("event", position, w, label)]] for w in ids)


# --- what surrounds an event --------------------------------------------------------------

RELATED_WITHIN_DAYS = 2 * 366


def related_events(timeline: Timeline, event: Event, limit: int = 5) -> tuple[Event, ...]:
    """Events that share actors with `event` and lie close to it in time, chronologically.

    A shared actor counts for more the fewer events name it: sharing Iran (in most events)
    says little, sharing Asa'ib Ahl al-Haq a lot. Ties go to the nearer event. Worked out from
    the events' facts, so that only the related events themselves are built (`show` of one
    event of 100,000 from the cache need not build them all).
    """
    facts = timeline.facts
    counts = Counter(actor for other in facts for actor, _ in other.parts)
    mine = {actor.id for actor in event.actors}
    start, end = event.date.start.toordinal(), event.date.end.toordinal()
    scored = []
    for index, other in enumerate(facts):
        shared = mine.intersection(actor for actor, _ in other.parts)
        distance = _days_apart(start, end, other.start, other.end)
        if other.id == event.id or not shared or distance > RELATED_WITHIN_DAYS:
            continue
        weight = sum(1 / math.log2(1 + counts[actor_id]) for actor_id in sorted(shared))
        scored.append((-weight, distance, (other.start, other.end, other.id), index))
    best = sorted(scored)[:limit]
    events = timeline.events
    return tuple(events[index] for *_, index in sorted(best, key=lambda item: item[2]))


def _days_apart(start: int, end: int, other_start: int, other_end: int) -> int:
    """Days between two intervals of day ordinals (0 when they overlap)."""
    if start <= other_end and end >= other_start:
        return 0
    if end < other_start:
        return other_start - end
    return start - other_end


def coverage(timeline: Timeline) -> tuple[int, int] | None:
    """The first and last year the events touch (open ends aside); None without events."""
    starts = [f.start for f in timeline.facts if f.start != OPEN_START]
    ends = [f.end for f in timeline.facts if f.end != OPEN_END]
    if not starts or not ends:
        return None
    return date.fromordinal(min(starts)).year, date.fromordinal(max(ends)).year


def outside_coverage(selection: Selection) -> bool:
    """True when the dates asked for miss every year the data covers."""
    covered = coverage(selection.timeline)
    if covered is None:
        return False
    first, last = date(covered[0], 1, 1), date(covered[1], 12, 31)
    query = selection.query
    if (query.start or date.min) > last or (query.end or date.max) < first:
        return True
    return bool(query.years) and all(not first.year <= y <= last.year for y in query.years)


# the ordinals an open start and an open end stand at in Facts
OPEN_START = date.min.toordinal()
OPEN_END = date.max.toordinal()


def _year(ordinal: int) -> int:
    return date.fromordinal(ordinal).year
