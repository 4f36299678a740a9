"""The rules of our data file: read an events file, validate every field, build a Timeline.

Reading YAML safely into located nodes, and the generic readers of text, ids and lists, are
yamlnodes.py's; this module says which fields each part of the file has and how they refer to
each other (actors, places, relations, sources, events and how actors took part in them).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path
from typing import cast

from yaml import MappingNode, Node, ScalarNode

from .collector import gc_paused
from .dates import DateError, parse_edtf
from .errors import DataFileInvalid, DataFileUnreadable
from .model import (
    ACTOR_KINDS,
    CLAIMANT_ROLE,
    CLAIMANT_STATUS,
    CLAIMS,
    FIRMNESS,
    HOSTED_COPIES,
    RELATION_TYPES,
    STATUSES,
    URL_TYPES,
    Actor,
    Event,
    FuzzyDate,
    Header,
    Involvement,
    Place,
    Relation,
    Source,
    Status,
    Timeline,
    UrlType,
)
from .names import closest, fold
from .paths import bundled_data_path, read_bytes
from .yamlnodes import ChunkUnreadable, NodeReader, compose, is_empty_list, split_list

# The fields each mapping may have, in the order the documentation gives them.
TOP_FIELDS = ("title", "description", "licence", "version", "places", "actors", "events")
PLACE_FIELDS = ("name", "aliases", "kind", "country")
ACTOR_FIELDS = (
    "id",
    "name",
    "short",
    "aliases",
    "kind",
    "country",
    "description",
    "context",
    "relations",
    "sources",
)
RELATION_FIELDS = ("type", "actor", "when", "status", "note")
EVENT_FIELDS = (
    "id",
    "date",
    "date_note",
    "title",
    "summary",
    "actors",
    "places",
    "tags",
    "status",
    "claimed_by",
    "sources",
)
EVENT_REQUIRED = ("id", "date", "title", "summary", "actors", "status", "sources")
# An entry of an event's actors list written as a mapping rather than a bare id
INVOLVEMENT_FIELDS = ("id", "role", "status", "claimed_by")
ENTRY_SHAPE = "must be an actor id or a mapping of id, role, status, claimed_by"
ROLE_MAX = 40
SOURCE_FIELDS = ("title", "publisher", "url", "url_type", "host", "date")


# events composed at a time when a file is read in batches (see _parse_timeline)
BATCH = 256


def load_timeline(path: Path | None = None) -> Timeline:
    """Load and validate a data file; raises DataFileUnreadable or DataFileInvalid.

    This always parses: cache.open_timeline is the way in that remembers a file's timeline.
    """
    path = path or bundled_data_path()
    return parse_timeline(read_text(path), str(path))


def read_text(path: Path) -> str:
    return decode(read_bytes(path), str(path))


def decode(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        reason = f"not UTF-8 text (byte {error.start})"
        raise DataFileUnreadable(source, reason, line) from None


def parse_bytes(raw: bytes, source: str = "<bytes>") -> Timeline:
    """parse_timeline of a file's bytes (UTF-8, with or without a byte order mark)."""
    return parse_timeline(decode(raw, source), source)


def parse_timeline(text: str, source: str = "<string>") -> Timeline:
    """Validate YAML text and build a Timeline; every problem found is reported at once."""
    # The nodes live while they are read, so the collector stays paused until they are freed,
    # on return from _parse_timeline (freeing them after resuming it costs a scan of them all).
    with gc_paused():
        return _parse_timeline(text, source)


def _parse_timeline(text: str, source: str) -> Timeline:
    """Compose the events a batch at a time where the layout allows (a 100,000-event file's
    node tree would take gigabytes), else the whole document at once."""
    split = split_list(text, "events", BATCH)
    if split is not None:
        try:
            return _read(compose(split.head, source), source, split.items(source))
        except (ChunkUnreadable, DataFileInvalid):
            pass  # the whole document's parse says what is wrong, at the right line
    return _read(compose(text, source), source, None)


def _read(root: Node | None, source: str, items: Iterable[tuple[int, Node]] | None) -> Timeline:
    reader = _Reader()
    timeline = reader.timeline(root, source, items)
    if reader.problems:
        raise DataFileInvalid(source, reader.sorted_problems())
    assert timeline is not None
    return timeline


class _Reader(NodeReader):
    """Walks the node tree of one file, collecting problems instead of stopping at the first."""

    def __init__(self) -> None:
        super().__init__()
        # every id the actors list names, even of entries with errors: a reference to one of
        # those is not "unknown" (the entry's own problems are reported where it is)
        self.actor_ids: set[str] = set()
        self.relation_refs: list[tuple[Node, str, str]] = []

    # --- the document -----------------------------------------------------------------------

    def timeline(
        self, root: Node | None, source: str, items: Iterable[tuple[int, Node]] | None = None
    ) -> Timeline | None:
        """The timeline of a document; `items` (with their line offsets) stand for the events
        list when it is composed apart from the rest of the document."""
        if root is None:
            self.problem(None, "", "the file is empty; expected title, actors and events")
            return None
        top = self.mapping(root, "", TOP_FIELDS, ("title", "actors", "events"))
        if top is None:
            return None
        header = Header(
            title=self.optional(top, "title", self.text) or "",
            description=self.optional(top, "description", self.multiline),
            licence=self.optional(top, "licence", self.text),
            version=self.optional(top, "version", self.text),
        )
        places = self.places(top["places"]) if "places" in top else None
        actors = self.actors(top.get("actors"))
        if items is None:
            node = top.get("events")
            items = ((0, item) for item in self.sequence(node, "events")) if node else ()
        events = self.events(items, actors, places)
        return Timeline(
            header=header,
            actors=tuple(actors.values()),
            events=tuple(sorted(events, key=lambda e: e.sort_key)),
            source=source,
            places=tuple(places.values()) if places else (),
        )

    # --- readers of our own scalars ---------------------------------------------------------

    def fuzzy_date(self, node: Node, field: str) -> FuzzyDate | None:
        value = self.text(node, field)
        if value is None:
            return None
        try:
            return parse_edtf(value)
        except DateError as error:
            self.problem(node, field, str(error))
            return None

    def status(self, node: Node, field: str) -> Status | None:
        return cast("Status | None", self.choice(node, field, STATUSES))

    def actor_kind(self, node: Node, field: str) -> str | None:
        return self.choice(node, field, ACTOR_KINDS)

    def relation_type(self, node: Node, field: str) -> str | None:
        return self.choice(node, field, RELATION_TYPES)

    def role(self, node: Node, field: str) -> str | None:
        value = self.text(node, field)
        if value is not None and len(value) > ROLE_MAX:
            message = f"is {len(value)} characters long; a role is at most {ROLE_MAX}"
            self.problem(node, field, message)
            return None
        return value

    # --- places -----------------------------------------------------------------------------

    def places(self, node: Node) -> dict[str, Place]:
        """The registry: canonical name -> Place; every name and alias must name one place."""
        places: dict[str, Place] = {}
        owners: dict[str, str] = {}  # folded name or alias -> the place it names
        for index, item in enumerate(self.sequence(node, "places")):
            field = f"places[{index}]"
            place = self.place(item, field)
            if place is None:
                continue
            for spelling in (place.name, *place.aliases):
                owner = owners.setdefault(fold(spelling), place.name)
                if owner != place.name:
                    self.problem(item, field, f"{spelling!r} already names the place {owner!r}")
            places.setdefault(place.name, place)
        return places

    def place(self, node: Node, field: str) -> Place | None:
        fields = self.mapping(node, field, PLACE_FIELDS, ("name",))
        if fields is None:
            return None
        name = self.optional(fields, "name", self.text, field)
        aliases = self.texts(fields.get("aliases"), f"{field}.aliases")
        kind = self.optional(fields, "kind", self.text, field)
        country = self.optional(fields, "country", self.text, field)
        if name is None:
            return None
        return Place(name=name, aliases=aliases, kind=kind, country=country)

    def place_refs(
        self, node: Node | None, field: str, places: dict[str, Place] | None
    ) -> tuple[Place, ...]:
        if node is None:
            return ()
        found = []
        for item, name in self.items(node, field, self.text):
            if places is None:  # a file without a registry: places are free text
                found.append(Place(name))
            elif name in places:
                found.append(places[name])
            else:
                self.unknown_place(item, field, name, places)
        return tuple(found)

    def unknown_place(self, node: Node, field: str, name: str, places: dict[str, Place]) -> None:
        for place in places.values():
            if fold(name) in {fold(spelling) for spelling in (place.name, *place.aliases)}:
                message = f"write {place.name!r}, the places list's spelling of {name!r}"
                self.problem(node, field, message)
                return
        close = closest(name, places, limit=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        self.problem(node, field, f"unknown place {name!r} (not in the places list){hint}")

    # --- actors -----------------------------------------------------------------------------

    def actors(self, node: Node | None) -> dict[str, Actor]:
        """The registry: id -> Actor, for the entries without problems."""
        actors: dict[str, Actor] = {}
        if node is None:
            return actors
        owners: dict[str, str] = {}  # folded name -> id of the actor it names
        for index, item in enumerate(self.sequence(node, "actors")):
            field = f"actors[{index}]"
            fields = self.mapping(item, field, ACTOR_FIELDS, ("id", "name", "kind"))
            if fields is None:
                continue
            # the id first, so that a duplicate is reported whatever else is wrong
            actor_id = self.optional(fields, "id", self.identifier, field)
            first = actor_id is not None and actor_id not in self.actor_ids
            if actor_id is not None and not first:
                self.problem(item, f"{field}.id", f"duplicate actor id {actor_id!r}")
            if actor_id is not None:
                self.actor_ids.add(actor_id)
            actor = self.actor(fields, field, actor_id)
            if actor is not None and first:
                actors[actor.id] = actor
                self.check_names_are_unique(item, field, actor, owners)
        # relations may point forward in the list, so they are checked once all actors are known
        for ref_node, field, actor_id in self.relation_refs:
            if actor_id not in self.actor_ids:
                self.unknown_actor(ref_node, field, actor_id)
        return actors

    def check_names_are_unique(
        self, node: Node, field: str, actor: Actor, owners: dict[str, str]
    ) -> None:
        for name in (actor.id, actor.name, actor.short or "", *actor.aliases):
            folded = fold(name)
            owner = owners.setdefault(folded, actor.id)
            if folded and owner != actor.id:
                self.problem(node, f"{field}.aliases", f"name {name!r} also names actor {owner!r}")

    def actor(self, fields: dict[str, Node], field: str, actor_id: str | None) -> Actor | None:
        name = self.optional(fields, "name", self.text, field)
        kind = self.optional(fields, "kind", self.actor_kind, field)
        short = self.optional(fields, "short", self.text, field)
        aliases = self.texts(fields.get("aliases"), f"{field}.aliases")
        country = self.optional(fields, "country", self.text, field)
        description = self.optional(fields, "description", self.multiline, field)
        relations = self.relations(fields.get("relations"), f"{field}.relations")
        sources = self.sources(fields.get("sources"), f"{field}.sources")
        context = self.optional(fields, "context", self.boolean, field)
        if actor_id is None or name is None or kind is None:
            return None
        return Actor(
            id=actor_id,
            name=name,
            kind=kind,
            short=short,
            aliases=aliases,
            country=country,
            description=description,
            relations=relations,
            sources=sources,
            context=context or False,
        )

    def relations(self, node: Node | None, field: str) -> tuple[Relation, ...]:
        if node is None:
            return ()
        relations = []
        for index, item in enumerate(self.sequence(node, field)):
            relation = self.relation(item, f"{field}[{index}]")
            if relation is not None:
                relations.append(relation)
        return tuple(relations)

    def relation(self, node: Node, field: str) -> Relation | None:
        fields = self.mapping(node, field, RELATION_FIELDS, ("type", "actor"))
        if fields is None:
            return None
        kind = self.optional(fields, "type", self.relation_type, field)
        other = self.optional(fields, "actor", self.identifier, field)
        if other is not None:  # checked later, whether or not the rest of the relation reads
            self.relation_refs.append((node, f"{field}.actor", other))
        when = self.optional(fields, "when", self.fuzzy_date, field)
        status: Status | None = self.optional(fields, "status", self.status, field)
        note = self.optional(fields, "note", self.multiline, field)
        if kind is None or other is None:
            return None
        return Relation(type=kind, actor_id=other, when=when, status=status, note=note)

    def unknown_actor(self, node: Node, field: str, actor_id: str) -> None:
        close = closest(actor_id, sorted(self.actor_ids), limit=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        self.problem(node, field, f"unknown actor {actor_id!r} (not in the actors list){hint}")

    # --- sources ----------------------------------------------------------------------------

    def sources(self, node: Node | None, field: str) -> tuple[Source, ...]:
        if node is None:
            return ()
        return tuple(source for _, source in self.items(node, field, self.source))

    def source(self, node: Node, field: str) -> Source | None:
        fields = self.mapping(node, field, SOURCE_FIELDS, ("title",))
        if fields is None:
            return None
        title = self.optional(fields, "title", self.text, field)
        publisher = self.optional(fields, "publisher", self.text, field)
        url = self.optional(fields, "url", self.url, field)
        date = self.optional(fields, "date", self.fuzzy_date, field)
        url_type: UrlType | None = self.optional(fields, "url_type", self.url_type, field)
        host = self.optional(fields, "host", self.text, field)
        self.check_copy(fields, field, url_type, host)
        if title is None:
            return None
        return Source(title, publisher, url, date, url_type, host)

    def url_type(self, node: Node, field: str) -> UrlType | None:
        return cast("UrlType | None", self.choice(node, field, URL_TYPES))

    def check_copy(
        self, fields: dict[str, Node], field: str, url_type: str | None, host: str | None
    ) -> None:
        """A URL's type needs a URL; a repost or a mirror names who publishes it; an original
        or an archive snapshot has no other host (the archive is in its URL)."""
        if "url_type" in fields and "url" not in fields:
            self.problem(fields["url_type"], f"{field}.url_type", "says what a URL is: add the url")
        if url_type in HOSTED_COPIES and host is None:
            message = f"a {url_type} says who publishes it: add host"
            self.problem(fields["url_type"], f"{field}.host", message)
        if host is not None and url_type not in HOSTED_COPIES:
            message = "only a repost or a mirror has a host (url_type: repost or mirror)"
            self.problem(fields["host"], f"{field}.host", message)

    # --- events -----------------------------------------------------------------------------

    def events(
        self,
        items: Iterable[tuple[int, Node]],
        actors: dict[str, Actor],
        places: dict[str, Place] | None,
    ) -> list[Event]:
        events: list[Event] = []
        seen: set[str] = set()
        for index, (line_offset, item) in enumerate(items):
            self.line_offset = line_offset
            field = f"events[{index}]"
            fields = self.mapping(item, field, EVENT_FIELDS, EVENT_REQUIRED)
            if fields is None:
                continue
            # the id first, so that a duplicate is reported whatever else is wrong
            event_id = self.optional(fields, "id", self.identifier, field)
            first = event_id is not None and event_id not in seen
            if event_id is not None and not first:
                self.problem(item, f"{field}.id", f"duplicate event id {event_id!r}")
            if event_id is not None:
                seen.add(event_id)
            event = self.event(item, fields, field, event_id, actors, places)
            if event is not None and first:
                events.append(event)
        self.line_offset = 0
        return events

    def event(
        self,
        node: Node,
        fields: dict[str, Node],
        field: str,
        event_id: str | None,
        actors: dict[str, Actor],
        places: dict[str, Place] | None,
    ) -> Event | None:
        date = self.optional(fields, "date", self.fuzzy_date, field)
        title = self.optional(fields, "title", self.text, field)
        summary = self.optional(fields, "summary", self.multiline, field)
        status: Status | None = self.optional(fields, "status", self.status, field)
        claimed_by = self.actor_refs(fields.get("claimed_by"), f"{field}.claimed_by", actors)
        parts = _EventParts(actors, status, claimed_by)
        involvements = self.involvements(fields.get("actors"), f"{field}.actors", parts)
        sources = self.sources(fields.get("sources"), f"{field}.sources")
        event_places = self.place_refs(fields.get("places"), f"{field}.places", places)
        tags = self.identifiers(fields.get("tags"), f"{field}.tags")
        date_note = self.optional(fields, "date_note", self.multiline, field)
        for key, message in (
            ("actors", "must name at least one actor"),
            ("claimed_by", "must name at least one actor"),
            ("sources", "must cite at least one source"),
        ):
            if is_empty_list(fields.get(key)):
                self.problem(fields[key], f"{field}.{key}", message)
        if status in CLAIMS and "claimed_by" not in fields:
            message = f"required when status is {status}: who makes the claim"
            self.problem(node, f"{field}.claimed_by", message)
        elif status is not None and status not in CLAIMS and "claimed_by" in fields:
            # the same rule as for an actor's part: a firm event is nobody's claim
            message = f"only an alleged or disputed event has claimants, not a {status} one"
            self.problem(fields["claimed_by"], f"{field}.claimed_by", message)
        if event_id is None or date is None or title is None or summary is None or status is None:
            return None
        if not involvements or not sources:
            return None
        return Event(
            id=event_id,
            date=date,
            title=title,
            summary=summary,
            status=status,
            involvements=involvements,
            claimed_by=claimed_by,
            sources=sources,
            places=event_places,
            tags=tags,
            date_note=date_note,
        )

    def actor_refs(
        self, node: Node | None, field: str, actors: dict[str, Actor]
    ) -> tuple[Actor, ...]:
        if node is None:
            return ()
        resolved: list[Actor] = []
        for item, actor_id in self.items(node, field, self.identifier):
            if actor_id in actors:
                resolved.append(actors[actor_id])
            elif actor_id not in self.actor_ids:
                self.unknown_actor(item, field, actor_id)
        return tuple(resolved)

    # --- how each actor took part in an event -----------------------------------------------

    def involvements(
        self, node: Node | None, field: str, event: _EventParts
    ) -> tuple[Involvement, ...]:
        """An event's actors list: bare ids, or mappings of id, role, status and claimed_by."""
        if node is None:
            return ()
        found: list[Involvement] = []
        for index, item in enumerate(self.sequence(node, field)):
            involvement = self.part_entry(item, f"{field}[{index}]", field, event)
            if involvement is not None:
                found.append(involvement)
        return tuple(found)

    def part_entry(
        self, node: Node, field: str, list_field: str, event: _EventParts
    ) -> Involvement | None:
        if isinstance(node, MappingNode):
            return self.involvement(node, field, event)
        if not isinstance(node, ScalarNode):
            self.problem(node, field, ENTRY_SHAPE)
            return None
        # a bare id takes part as firmly as the event, claimed by the event's claimants;
        # an unknown one is reported at the list, as before entries could be mappings
        actor = self.involved_actor(node, field, list_field, event)
        if actor is None or event.status is None:
            return None
        if is_own_claimant(actor, event):
            return Involvement(actor, CLAIMANT_STATUS, CLAIMANT_ROLE)
        claimants = event.claimants if event.status in CLAIMS else ()
        return Involvement(actor, event.status, claimed_by=claimants)

    def involved_actor(
        self, node: Node, field: str, unknown_field: str, event: _EventParts
    ) -> Actor | None:
        """The actor an entry names, once per event; unknown ids are reported at unknown_field."""
        actor_id = self.identifier(node, field)
        if actor_id is None:
            return None
        if actor_id in event.named:
            self.problem(node, field, f"actor {actor_id!r} is listed twice in this event")
            return None
        event.named.add(actor_id)
        if actor_id not in self.actor_ids:
            self.unknown_actor(node, unknown_field, actor_id)
        return event.actors.get(actor_id)

    def involvement(self, node: MappingNode, field: str, event: _EventParts) -> Involvement | None:
        fields = self.mapping(node, field, INVOLVEMENT_FIELDS, ("id",))
        if fields is None:
            return None
        actor = self.optional(fields, "id", lambda n, f: self.involved_actor(n, f, f, event), field)
        role = self.optional(fields, "role", self.role, field)
        own_status: Status | None = self.optional(fields, "status", self.status, field)
        claimants = self.actor_refs(fields.get("claimed_by"), f"{field}.claimed_by", event.actors)
        if is_empty_list(fields.get("claimed_by")):
            message = "must name at least one actor"
            self.problem(fields["claimed_by"], f"{field}.claimed_by", message)
        if event.status is None or ("status" in fields and own_status is None):
            return None  # the statuses' own problems are reported; comparing them would add noise
        part = self.effective_part(node, fields, field, own_status, claimants, event)
        if actor is None or part is None:
            return None
        if own_status is None and "claimed_by" not in fields and is_own_claimant(actor, event):
            # one of the event's own claimants: it takes part by making the claim
            return Involvement(actor, CLAIMANT_STATUS, role or CLAIMANT_ROLE)
        return Involvement(actor, part[0], role, part[1])

    def effective_part(
        self,
        node: Node,
        fields: dict[str, Node],
        field: str,
        own_status: Status | None,
        claimants: tuple[Actor, ...],
        event: _EventParts,
    ) -> tuple[Status, tuple[Actor, ...]] | None:
        """The status and claimants of one actor's part in an event, from its own and the event's.

        A part may be weaker than the event (a documented raid with an alleged sponsor) but
        never firmer; a part that is a claim says who makes it, or shares the event's claimants.
        """
        assert event.status is not None
        if own_status is not None and FIRMNESS[own_status] > FIRMNESS[event.status]:
            self.problem(
                fields["status"],
                f"{field}.status",
                f"{own_status!r} is firmer than the event's status {event.status!r}; "
                "an actor's part can be no firmer than the event",
            )
            return None
        status = own_status or event.status
        if status not in CLAIMS:
            if "claimed_by" in fields:
                message = "only an alleged or disputed part has claimants"
                self.problem(fields["claimed_by"], f"{field}.claimed_by", message)
                return None
            return status, ()
        if "claimed_by" in fields:
            return status, claimants
        if event.status in CLAIMS:
            return status, event.claimants
        message = f"required when this actor's part is {status}: who makes the claim"
        self.problem(node, f"{field}.claimed_by", message)
        return None


def is_own_claimant(actor: Actor, event: _EventParts) -> bool:
    """True for an actor that makes the claim its alleged or disputed event is about."""
    return event.status in CLAIMS and actor in event.claimants


@dataclasses.dataclass(slots=True)
class _EventParts:
    """What reading one event's actors list needs to know of the event and the registry."""

    actors: dict[str, Actor]
    status: Status | None
    claimants: tuple[Actor, ...]
    named: set[str] = dataclasses.field(default_factory=set)  # ids already listed in this event
