"""A timeline as plain values (tuples, strings, numbers) and back again: what the cache keeps.

marshal reads plain values many times faster than the YAML they came from can be parsed and
validated, and cannot build anything but plain values. Rebuilding the model's objects from
them is left until a command needs the events themselves: a query needs only their Facts, and
JSON output only their records, which are kept ready-made.

Every unpack function trusts the shape it is given, so callers catch the errors a damaged file
would cause (cache.py does) rather than each function checking every field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload

from .model import (
    Actor,
    Event,
    Facts,
    FuzzyDate,
    Header,
    Involvement,
    Place,
    Relation,
    Source,
    Timeline,
)

Plain = tuple[Any, ...]

# --- packing ---------------------------------------------------------------------------------


def pack_date(when: FuzzyDate) -> Plain:
    span = (pack_date(when.span[0]), pack_date(when.span[1])) if when.span else None
    start, end = when.start.toordinal(), when.end.toordinal()
    return (when.text, start, end, when.precision, when.approximate, when.uncertain, span)


def pack_source(source: Source) -> Plain:
    when = pack_date(source.date) if source.date else None
    return (source.title, source.publisher, source.url, when, source.url_type, source.host)


def pack_actor(actor: Actor) -> Plain:
    relations = tuple(
        (r.type, r.actor_id, pack_date(r.when) if r.when else None, r.status, r.note)
        for r in actor.relations
    )
    return (
        actor.id,
        actor.name,
        actor.kind,
        actor.short,
        actor.aliases,
        actor.country,
        actor.description,
        relations,
        tuple(pack_source(s) for s in actor.sources),
        actor.context,
    )


def pack_place(place: Place) -> Plain:
    return (place.name, place.aliases, place.kind, place.country)


def pack_event(event: Event) -> Plain:
    parts = tuple(
        (i.actor.id, i.status, i.role, tuple(a.id for a in i.claimed_by))
        for i in event.involvements
    )
    return (
        event.id,
        pack_date(event.date),
        event.title,
        event.summary,
        parts,
        event.status,
        tuple(pack_source(s) for s in event.sources),
        tuple(p.name for p in event.places),
        event.tags,
        tuple(a.id for a in event.claimed_by),
        event.date_note,
    )


def pack_header(header: Header) -> Plain:
    return (header.title, header.description, header.licence, header.version)


def pack_index(timeline: Timeline) -> Plain:
    """What every command needs: the header, the registries and each event's facts."""
    return (
        pack_header(timeline.header),
        tuple(pack_actor(a) for a in timeline.actors),
        tuple(pack_place(p) for p in timeline.places),
        tuple(tuple(f) for f in timeline.facts),
    )


# --- unpacking -------------------------------------------------------------------------------

_from_ordinal = dt.date.fromordinal


def unpack_date(plain: Plain) -> FuzzyDate:
    text, start, end, precision, approximate, uncertain, span = plain
    both = (unpack_date(span[0]), unpack_date(span[1])) if span else None
    return FuzzyDate(
        text, _from_ordinal(start), _from_ordinal(end), precision, approximate, uncertain, both
    )


def unpack_source(plain: Plain) -> Source:
    title, publisher, url, when, url_type, host = plain
    return Source(title, publisher, url, unpack_date(when) if when else None, url_type, host)


def unpack_actor(plain: Plain) -> Actor:
    ident, name, kind, short, aliases, country, description, relations, sources, context = plain
    return Actor(
        ident,
        name,
        kind,
        short,
        tuple(aliases),
        country,
        description,
        tuple(
            Relation(kind_, other, unpack_date(when) if when else None, status, note)
            for kind_, other, when, status, note in relations
        ),
        tuple(unpack_source(s) for s in sources),
        context,
    )


def unpack_place(plain: Plain) -> Place:
    name, aliases, kind, country = plain
    return Place(name, tuple(aliases), kind, country)


def unpack_index(plain: Plain, source: str) -> tuple[Timeline, list[Facts]]:
    """A timeline's header and registries, and its events' facts (the events come later)."""
    header, actors, places, facts = plain
    timeline = Timeline(
        Header(*header),
        tuple(unpack_actor(a) for a in actors),
        (),
        source,
        tuple(unpack_place(p) for p in places),
    )
    return timeline, [Facts._make(f) for f in facts]


class EventMaker:
    """Builds Event objects from packed events, resolving ids against a timeline's registries."""

    def __init__(self, timeline: Timeline) -> None:
        self.actors = timeline.actor_by_id
        self.places = timeline.place_by_name

    def __call__(self, plain: Plain) -> Event:
        ident, when, title, summary, parts, status, sources, places, tags, claimed, note = plain
        actors = self.actors
        return Event(
            ident,
            unpack_date(when),
            title,
            summary,
            tuple(
                Involvement(actors[a], s, role, tuple(actors[c] for c in by))
                for a, s, role, by in parts
            ),
            status,
            tuple(unpack_source(s) for s in sources),
            tuple(self.place(name) for name in places),
            tuple(tags),
            tuple(actors[c] for c in claimed),
            note,
        )

    def place(self, name: str) -> Place:
        # a file without a places registry names places freely
        return self.places.get(name) or Place(name)


class Records(Sequence[bytes]):
    """Each event's JSON record (compact, UTF-8), cut from one block of bytes by offsets."""

    def __init__(self, block: bytes | memoryview, offsets: Sequence[int]) -> None:
        self.block = memoryview(block)
        self.offsets = offsets  # one more than there are records: where each begins, then the end

    @classmethod
    def of(cls, records: Sequence[bytes]) -> Records:
        offsets = [0]
        for record in records:
            offsets.append(offsets[-1] + len(record))
        return cls(b"".join(records), offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    @overload
    def __getitem__(self, index: int) -> bytes: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[bytes]: ...

    def __getitem__(self, index: int | slice) -> bytes | Sequence[bytes]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        if index < 0:
            index += len(self)
        return self.block[self.offsets[index] : self.offsets[index + 1]].tobytes()

    def __iter__(self) -> Iterator[bytes]:
        return (self[i] for i in range(len(self)))

    def joined(self, indices: Sequence[int], separator: bytes) -> bytes:
        """The records at these positions joined by `separator`, without copying each first."""
        block, offsets = self.block, self.offsets
        return separator.join([block[offsets[i] : offsets[i + 1]] for i in indices])


RecordMaker = Callable[[Event], bytes]
