"""Filters and look-ups over a Timeline: pure functions that return new tuples.

`build_query` turns what a person typed into a Query; `select` applies it and returns the
Selection that every front door (the CLI, the browser) hands to a renderer.

How filters combine (README, "Filters"): different filters with AND; repeated `--actor`,
`--place`, `--tag`, `--status` and `--year` with OR (or, for actors, places and tags, AND under
`match_all`); repeated search terms with AND. An actor stands for itself and, unless `exact`,
every actor that is part of it (`part_of`, transitively). With actors, statuses test how firmly
the matched actor's part is established; without, the event's status.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from .dates import DateError, parse_bound
from .errors import BadDate, EmptyWindow, UnknownName
from .model import Actor, Event, FuzzyDate, Place, Timeline
from .names import closest, find_id, find_one, fold

# --- what to select -----------------------------------------------------------------------


@dataclass(frozen=True)
class ActorFilter:
    """An actor as the user named it, and the ids that count as it (itself and its parts)."""

    actor: Actor
    members: frozenset[str]
    parts: tuple[Actor, ...] = ()  # the members other than the actor itself, for captions


@dataclass(frozen=True)
class Query:
    """What to select; see the module docstring for how the filters combine."""

    actors: tuple[ActorFilter, ...] = ()
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


@dataclass(frozen=True)
class Selection:
    """The events a query selected, with what is needed to describe them."""

    timeline: Timeline
    query: Query
    events: tuple[Event, ...]
    total: int  # how many events matched before `limit` cut the list

    @property
    def cut(self) -> bool:
        return self.total > len(self.events)


class SearchIndex:
    """Each event's searchable text, folded once: for a front door that searches many times.

    Folding an event's text costs about 0.1 ms; the browser searches on every keystroke.
    """

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}
        # the texts of the last sequence asked for, in its order: the whole timeline, mostly
        self._aligned: tuple[Sequence[Event], list[str]] | None = None

    def text(self, event: Event) -> str:
        found = self._texts.get(event.id)
        if found is None:
            found = self._texts[event.id] = f" {searchable_text(event)} "
        return found

    def texts(self, events: Sequence[Event]) -> list[str]:
        """The texts of `events`, in their order."""
        if self._aligned is not None and self._aligned[0] is events:
            return self._aligned[1]
        get = self._texts.get
        texts = [get(event.id) or self.text(event) for event in events]
        self._aligned = (events, texts)
        return texts

    def prepare(self, events: Iterable[Event]) -> None:
        """Fold every event's text now (the browser does it in the background at start)."""
        for event in events:
            self.text(event)


def select(
    timeline: Timeline,
    query: Query,
    *,
    among: Sequence[Event] | None = None,
    index: SearchIndex | None = None,
) -> Selection:
    """The events that satisfy the query, chronological (or reversed), at most `limit`.

    `among` narrows the events looked at (a front door that knows the answer lies within an
    earlier one's); `index` saves folding each event's text again.
    """
    pool = timeline.events if among is None else among
    checks = _checks(query, index)
    if index is not None and query.texts and len(checks) == 1:
        # the browser's search as you type: no function call per event (at 100,000 events
        # that is most of the time)
        chosen = _containing(pool, index.texts(pool), _needles(query.texts))
    elif len(checks) == 1:
        check = checks[0]
        chosen = [event for event in pool if check(event)]
    else:
        chosen = [event for event in pool if all(check(event) for check in checks)]
    if query.reverse:
        chosen.reverse()
    total = len(chosen)
    if query.limit is not None:
        chosen = chosen[: query.limit]
    return Selection(timeline, query, tuple(chosen), total)


def matches(event: Event, query: Query, index: SearchIndex | None = None) -> bool:
    """True when `event` satisfies every filter of `query`."""
    return all(check(event) for check in _checks(query, index))


Check = Callable[[Event], bool]


def _checks(query: Query, index: SearchIndex | None) -> list[Check]:
    """One test for each filter the query uses, prepared once for all the events it looks at."""
    combine = all if query.match_all else any
    checks: list[Check] = []
    statuses = query.statuses
    if query.actors:
        wanted = query.actors
        checks.append(lambda e: combine(_involves(e, w, statuses) for w in wanted))
    elif statuses:
        checks.append(lambda e: e.status in statuses)
    if query.places:
        places = query.places
        checks.append(lambda e: combine(place in e.places for place in places))
    if query.tags:
        tags = query.tags
        checks.append(lambda e: combine(tag in e.tags for tag in tags))
    if query.start or query.end:
        start, end = query.start or date.min, query.end or date.max
        checks.append(lambda e: e.date.start <= end and e.date.end >= start)
    if query.years:
        years = query.years
        checks.append(lambda e: any(_touches_year(e.date, year) for year in years))
    if query.texts:
        checks.append(_text_check(query.texts, index))
    return checks


def _containing(
    events: Sequence[Event], texts: Sequence[str], needles: tuple[str, ...]
) -> list[Event]:
    """The events whose text (at the same position in `texts`) holds every needle."""
    if len(needles) == 1:
        needle = needles[0]
        return [event for event, text in zip(events, texts, strict=True) if needle in text]
    pairs = zip(events, texts, strict=True)
    return [event for event, text in pairs if all(needle in text for needle in needles)]


def _needles(texts: tuple[str, ...]) -> tuple[str, ...]:
    # every word of every term must begin a word of the event's text
    return tuple(f" {word}" for term in texts for word in term.split())


def _text_check(texts: tuple[str, ...], index: SearchIndex | None) -> Check:
    needles = _needles(texts)
    text = index.text if index else (lambda event: f" {searchable_text(event)} ")
    if len(needles) == 1:
        needle = needles[0]
        return lambda event: needle in text(event)
    return lambda event: all(needle in text(event) for needle in needles)


def _involves(event: Event, wanted: ActorFilter, statuses: frozenset[str]) -> bool:
    return any(
        involvement.actor.id in wanted.members and (not statuses or involvement.status in statuses)
        for involvement in event.involvements
    )


def _touches_year(when: FuzzyDate, year: int) -> bool:
    return when.overlaps(date(year, 1, 1), date(year, 12, 31))


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
    return tuple(dict.fromkeys(place for event in timeline.events for place in event.places))


def find_place(timeline: Timeline, name: str) -> Place:
    """The place called `name`, by its name or any variant spelling (Erbil finds Irbil)."""
    return find_one("place", known_places(timeline), place_names, name)


def all_tags(timeline: Timeline) -> tuple[str, ...]:
    return tuple(sorted({tag for event in timeline.events for tag in event.tags}))


def find_tag(timeline: Timeline, tag: str) -> str:
    """The tag in its stored form ('Invasion 2003' finds invasion-2003); unknown is an error."""
    known = all_tags(timeline)
    wanted = fold(tag).replace(" ", "-")
    if wanted not in known:
        raise UnknownName("tag", tag, closest(wanted, known))
    return wanted


def find_events(timeline: Timeline, ids: Sequence[str]) -> tuple[Event, ...]:
    """The events with these ids (any case, or a unique prefix), in the order asked for."""
    from .dates import describe

    labels = {event.id: f"{describe(event.date)}  {event.title}" for event in timeline.events}
    by_id = {event.id: event for event in timeline.events}
    return tuple(by_id[find_id("event", labels, wanted)] for wanted in ids)


# --- what surrounds an event --------------------------------------------------------------

RELATED_WITHIN_DAYS = 2 * 366


def related_events(timeline: Timeline, event: Event, limit: int = 5) -> tuple[Event, ...]:
    """Events that share actors with `event` and lie close to it in time, chronologically.

    A shared actor counts for more the fewer events name it: sharing Iran (in most events)
    says little, sharing Asa'ib Ahl al-Haq a lot. Ties go to the nearer event.
    """
    counts = Counter(actor.id for other in timeline.events for actor in other.actors)
    mine = {actor.id for actor in event.actors}
    scored = []
    for other in timeline.events:
        shared = mine.intersection(actor.id for actor in other.actors)
        distance = _days_apart(event.date, other.date)
        if other is event or not shared or distance > RELATED_WITHIN_DAYS:
            continue
        weight = sum(1 / math.log2(1 + counts[actor_id]) for actor_id in shared)
        scored.append((-weight, distance, other.sort_key, other))
    best = [item[-1] for item in sorted(scored, key=lambda item: item[:3])[:limit]]
    return tuple(sorted(best, key=lambda e: e.sort_key))


def _days_apart(one: FuzzyDate, other: FuzzyDate) -> int:
    if one.overlaps(other.start, other.end):
        return 0
    if one.end < other.start:
        return (other.start - one.end).days
    return (one.start - other.end).days


def coverage(timeline: Timeline) -> tuple[int, int] | None:
    """The first and last year the events touch (open ends aside); None without events."""
    starts = [e.date.start for e in timeline.events if e.date.start != date.min]
    ends = [e.date.end for e in timeline.events if e.date.end != date.max]
    if not starts or not ends:
        return None
    return min(starts).year, max(ends).year


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


# --- tallies ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Activity:
    """How many events name something, and the first and last year they touch."""

    events: int = 0
    first: int | None = None
    last: int | None = None

    def add(self, event: Event) -> Activity:
        first, last = event.date.start.year, event.date.end.year
        return Activity(
            events=self.events + 1,
            first=first if self.first is None else min(self.first, first),
            last=last if self.last is None else max(self.last, last),
        )


def actor_activity(timeline: Timeline) -> dict[str, Activity]:
    """For each actor id: how many events name it, and the first and last year they touch."""
    activity = {actor.id: Activity() for actor in timeline.actors}
    for event in timeline.events:
        for actor in event.actors:
            activity[actor.id] = activity[actor.id].add(event)
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
    for event in timeline.events:
        for tag in event.tags:
            counts[tag] = counts[tag].add(event)
    return Tally("tag", tuple(TallyRow(tag, activity) for tag, activity in counts.items()))


def place_tally(timeline: Timeline) -> Tally:
    counts = {place: Activity() for place in known_places(timeline)}
    for event in timeline.events:
        for place in event.places:
            counts[place] = counts[place].add(event)
    rows = (TallyRow(place.name, activity, place) for place, activity in counts.items())
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
    chosen = tuple(
        event
        for event in timeline.events
        if _exact_first_day(event.date) is not None
        and (event.date.start.month, event.date.start.day) == (month, day)
    )
    return Anniversaries(timeline, month, day, today, chosen)


def _exact_first_day(when: FuzzyDate) -> date | None:
    first = when.span[0] if when.span is not None else when
    if first.precision != "day" or first.approximate or first.uncertain:
        return None
    return first.start
