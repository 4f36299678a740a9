"""Read an events file safely, validate every field, and build a Timeline.

YAML is composed into nodes with the safe (C when available) loader and never constructed:
every scalar stays the string the author wrote (no YAML 1.1 guessing of ints, dates or booleans)
and every node keeps its line number for error messages.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar, cast

import yaml

from .dates import DateError, parse_edtf
from .errors import DataFileInvalid, DataFileUnreadable, Problem
from .model import (
    ACTOR_KINDS,
    RELATION_TYPES,
    STATUSES,
    Actor,
    Event,
    FuzzyDate,
    Header,
    Place,
    Relation,
    Source,
    Status,
    Timeline,
)
from .names import fold

_NULL_TAG = "tag:yaml.org,2002:null"


class _TextResolver(yaml.resolver.BaseResolver):
    """Resolves nothing but an empty value or ~ to null: every other scalar stays text."""


_TextResolver.add_implicit_resolver(
    _NULL_TAG, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)

# We only compose nodes (never construct objects), with libyaml's parser when it is there.
try:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class _Loader(CParser, _TextResolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _TextResolver.__init__(self)

except ImportError:  # pragma: no cover - PyYAML built without libyaml

    class _Loader(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        _TextResolver,
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _TextResolver.__init__(self)


_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_URL = re.compile(r"https?://\S+")
# C0 and C1 control characters other than tab and newline: they could drive the terminal
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

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
SOURCE_FIELDS = ("title", "publisher", "url", "date")

T = TypeVar("T")
BUNDLED_NAME = "events.yaml"


def bundled_data_path() -> Path:
    """The dataset that ships with the package (or, in a source checkout, the repository's)."""
    packaged = Path(__file__).parent / "data" / BUNDLED_NAME
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / BUNDLED_NAME


def load_timeline(path: Path | None = None) -> Timeline:
    """Load and validate a data file; raises DataFileUnreadable or DataFileInvalid."""
    path = path or bundled_data_path()
    return parse_timeline(read_text(path), str(path))


def read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataFileUnreadable(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DataFileUnreadable(f"{path}: is a directory, not a data file") from None
    except OSError as error:
        raise DataFileUnreadable(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise DataFileUnreadable(f"{path}:{line}: not UTF-8 text (byte {error.start})") from None


@contextmanager
def _gc_paused() -> Iterator[None]:
    # Composing creates many small objects that the cycle collector keeps re-scanning, which
    # makes loading grow faster than the file (bench/load_scale.py); nodes form no cycles.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_timeline(text: str, source: str = "<string>") -> Timeline:
    """Validate YAML text and build a Timeline; every problem found is reported at once."""
    with _gc_paused():
        return _parse_timeline(text, source)


def _parse_timeline(text: str, source: str) -> Timeline:
    try:
        root = yaml.compose(text, Loader=_Loader)  # type: ignore[arg-type]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        message = f"invalid YAML: {error.problem or error.context}"
        raise DataFileInvalid(source, [Problem(line, "", message)]) from None
    except yaml.YAMLError as error:
        raise DataFileInvalid(source, [Problem(None, "", f"invalid YAML: {error}")]) from None
    reader = _Reader()
    timeline = reader.timeline(root, source)
    if reader.problems:
        raise DataFileInvalid(source, sorted(reader.problems, key=lambda p: p.line or 0))
    assert timeline is not None
    return timeline


class _Reader:
    """Walks the node tree, collecting problems instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.relation_refs: list[tuple[yaml.Node, str, str]] = []

    def problem(self, node: yaml.Node | None, field: str, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(line, field, message))

    # --- generic node shapes ----------------------------------------------------------------

    def mapping(
        self,
        node: yaml.Node | None,
        field: str,
        allowed: tuple[str, ...],
        required: tuple[str, ...],
    ) -> dict[str, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, field, f"must be a mapping of {', '.join(required)}, ...")
            return None
        fields: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            where = f"{field}.{key}" if field else str(key)
            if key not in allowed:
                hint = f"; expected one of: {', '.join(allowed)}"
                self.problem(key_node, where, f"unknown field {key!r}{hint}")
            elif key in fields:
                self.problem(key_node, where, "given twice")
            elif not _is_null(value_node):
                fields[key] = value_node
        for key in required:
            if key not in fields:
                self.problem(node, f"{field}.{key}" if field else key, "missing (required)")
        return fields

    def sequence(self, node: yaml.Node, field: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, field, "must be a list")
            return []
        return list(node.value)

    def text(self, node: yaml.Node, field: str, *, multiline: bool = False) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, field, "must be text, not a list or mapping")
            return None
        value = str(node.value).strip()
        if not value:
            self.problem(node, field, "must not be empty")
            return None
        control = _CONTROL.search(value)
        if control:
            code = f"U+{ord(control.group()):04X}"
            self.problem(node, field, f"contains the control character {code}")
            return None
        if not multiline and "\n" in value:
            self.problem(node, field, "must be a single line")
            return None
        return value

    def choice(self, node: yaml.Node, field: str, allowed: tuple[str, ...]) -> str | None:
        value = self.text(node, field)
        if value is not None and value not in allowed:
            self.problem(node, field, f"{value!r} is not one of: {', '.join(allowed)}")
            return None
        return value

    def identifier(self, node: yaml.Node, field: str) -> str | None:
        value = self.text(node, field)
        if value is not None and not _ID.fullmatch(value):
            message = f"{value!r} is not an id (lowercase letters, digits and single hyphens)"
            self.problem(node, field, message)
            return None
        return value

    def fuzzy_date(self, node: yaml.Node, field: str) -> FuzzyDate | None:
        value = self.text(node, field)
        if value is None:
            return None
        try:
            return parse_edtf(value)
        except DateError as error:
            self.problem(node, field, str(error))
            return None

    def boolean(self, node: yaml.Node, field: str) -> bool | None:
        value = self.text(node, field)
        if value is not None and value not in ("true", "false"):
            self.problem(node, field, f"{value!r} is not true or false")
            return None
        return value == "true"

    def url(self, node: yaml.Node, field: str) -> str | None:
        value = self.text(node, field)
        if value is not None and not _URL.fullmatch(value):
            self.problem(node, field, f"{value!r} is not an http(s) URL")
            return None
        return value

    def items(
        self, node: yaml.Node, field: str, read: Callable[[yaml.Node, str], T | None]
    ) -> Iterator[tuple[yaml.Node, T]]:
        for index, item in enumerate(self.sequence(node, field)):
            value = read(item, f"{field}[{index}]")
            if value is not None:
                yield item, value

    def texts(self, node: yaml.Node | None, field: str) -> tuple[str, ...]:
        if node is None:
            return ()
        return tuple(value for _, value in self.items(node, field, self.text))

    def identifiers(self, node: yaml.Node | None, field: str) -> tuple[str, ...]:
        if node is None:
            return ()
        return tuple(value for _, value in self.items(node, field, self.identifier))

    # --- the document -----------------------------------------------------------------------

    def timeline(self, root: yaml.Node | None, source: str) -> Timeline | None:
        if root is None:
            self.problem(None, "", "the file is empty; expected title, actors and events")
            return None
        top = self.mapping(
            root,
            "",
            TOP_FIELDS,
            ("title", "actors", "events"),
        )
        if top is None:
            return None
        header = Header(
            title=self.optional(top, "title", self.text) or "",
            description=self.optional(top, "description", self._multiline),
            licence=self.optional(top, "licence", self.text),
            version=self.optional(top, "version", self.text),
        )
        places = self.places(top["places"]) if "places" in top else None
        actors = self.actors(top.get("actors"))
        by_id = {actor.id: actor for actor in actors}
        events = self.events(top.get("events"), by_id, places)
        return Timeline(
            header=header,
            actors=tuple(actors),
            events=tuple(sorted(events, key=lambda e: e.sort_key)),
            source=source,
            places=tuple(places.values()) if places else (),
        )

    def optional(
        self,
        fields: dict[str, yaml.Node],
        key: str,
        read: Callable[[yaml.Node, str], T | None],
        prefix: str = "",
    ) -> T | None:
        node = fields.get(key)
        return None if node is None else read(node, f"{prefix}.{key}" if prefix else key)

    def _multiline(self, node: yaml.Node, field: str) -> str | None:
        return self.text(node, field, multiline=True)

    # --- places -----------------------------------------------------------------------------

    def places(self, node: yaml.Node) -> dict[str, Place]:
        """The registry: canonical name -> Place; every name and alias must name one place."""
        places: dict[str, Place] = {}
        owners: dict[str, str] = {}  # folded name or alias -> the place it names
        for index, item in enumerate(self.sequence(node, "places")):
            field = f"places[{index}]"
            fields = self.mapping(item, field, PLACE_FIELDS, ("name",))
            name = None if fields is None else self.optional(fields, "name", self.text, field)
            if fields is None or name is None:
                continue
            place = Place(
                name=name,
                aliases=self.texts(fields.get("aliases"), f"{field}.aliases"),
                kind=self.optional(fields, "kind", self.text, field),
                country=self.optional(fields, "country", self.text, field),
            )
            for spelling in (place.name, *place.aliases):
                owner = owners.setdefault(fold(spelling), place.name)
                if owner != place.name:
                    self.problem(item, field, f"{spelling!r} already names the place {owner!r}")
            places.setdefault(place.name, place)
        return places

    def place_refs(
        self, node: yaml.Node | None, field: str, places: dict[str, Place] | None
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

    def unknown_place(
        self, node: yaml.Node, field: str, name: str, places: dict[str, Place]
    ) -> None:
        import difflib

        for place in places.values():
            if fold(name) in {fold(spelling) for spelling in (place.name, *place.aliases)}:
                message = f"write {place.name!r}, the places list's spelling of {name!r}"
                self.problem(node, field, message)
                return
        close = difflib.get_close_matches(name, list(places), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        self.problem(node, field, f"unknown place {name!r} (not in the places list){hint}")

    # --- actors -----------------------------------------------------------------------------

    def actors(self, node: yaml.Node | None) -> list[Actor]:
        if node is None:
            return []
        actors: dict[str, Actor] = {}
        owners: dict[str, str] = {}  # folded name -> id of the actor it names
        for index, item in enumerate(self.sequence(node, "actors")):
            field = f"actors[{index}]"
            actor = self.actor(item, field)
            if actor is None:
                continue
            if actor.id in actors:
                self.problem(item, f"{field}.id", f"duplicate actor id {actor.id!r}")
                continue
            actors[actor.id] = actor
            self.check_names_are_unique(item, field, actor, owners)
        # relations may point forward in the list, so they are checked once all actors are known
        for ref_node, field, actor_id in self.relation_refs:
            if actor_id not in actors:
                self.unknown_actor(ref_node, field, actor_id, set(actors))
        return list(actors.values())

    def check_names_are_unique(
        self, node: yaml.Node, field: str, actor: Actor, owners: dict[str, str]
    ) -> None:
        for name in (actor.id, actor.name, actor.short or "", *actor.aliases):
            folded = fold(name)
            owner = owners.setdefault(folded, actor.id)
            if folded and owner != actor.id:
                self.problem(node, f"{field}.aliases", f"name {name!r} also names actor {owner!r}")

    def actor(self, node: yaml.Node, field: str) -> Actor | None:
        fields = self.mapping(
            node,
            field,
            ACTOR_FIELDS,
            ("id", "name", "kind"),
        )
        if fields is None:
            return None
        actor_id = self.optional(fields, "id", self.identifier, field)
        name = self.optional(fields, "name", self.text, field)
        kind = self.optional(fields, "kind", lambda n, f: self.choice(n, f, ACTOR_KINDS), field)
        relations = self.relations(fields.get("relations"), f"{field}.relations")
        if actor_id is None or name is None or kind is None:
            return None
        return Actor(
            id=actor_id,
            name=name,
            kind=kind,
            short=self.optional(fields, "short", self.text, field),
            aliases=self.texts(fields.get("aliases"), f"{field}.aliases"),
            country=self.optional(fields, "country", self.text, field),
            description=self.optional(fields, "description", self._multiline, field),
            relations=relations,
            sources=self.sources(fields.get("sources"), f"{field}.sources"),
            context=self.optional(fields, "context", self.boolean, field) or False,
        )

    def relations(self, node: yaml.Node | None, field: str) -> tuple[Relation, ...]:
        if node is None:
            return ()
        relations = []
        for index, item in enumerate(self.sequence(node, field)):
            relation = self.relation(item, f"{field}[{index}]")
            if relation is not None:
                relations.append(relation)
                self.relation_refs.append((item, f"{field}[{index}].actor", relation.actor_id))
        return tuple(relations)

    def relation(self, node: yaml.Node, field: str) -> Relation | None:
        fields = self.mapping(node, field, RELATION_FIELDS, ("type", "actor"))
        if fields is None:
            return None
        kind = self.optional(fields, "type", lambda n, f: self.choice(n, f, RELATION_TYPES), field)
        other = self.optional(fields, "actor", self.identifier, field)
        when = self.optional(fields, "when", self.fuzzy_date, field)
        status = self.optional(fields, "status", lambda n, f: self.choice(n, f, STATUSES), field)
        if kind is None or other is None:
            return None
        return Relation(
            type=kind,
            actor_id=other,
            when=when,
            status=cast("Status | None", status),
            note=self.optional(fields, "note", self._multiline, field),
        )

    def unknown_actor(self, node: yaml.Node, field: str, actor_id: str, known: set[str]) -> None:
        import difflib

        close = difflib.get_close_matches(actor_id, sorted(known), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        self.problem(node, field, f"unknown actor {actor_id!r} (not in the actors list){hint}")

    # --- sources ----------------------------------------------------------------------------

    def sources(self, node: yaml.Node | None, field: str) -> tuple[Source, ...]:
        if node is None:
            return ()
        return tuple(source for _, source in self.items(node, field, self.source))

    def source(self, node: yaml.Node, field: str) -> Source | None:
        fields = self.mapping(node, field, SOURCE_FIELDS, ("title",))
        if fields is None:
            return None
        title = self.optional(fields, "title", self.text, field)
        if title is None:
            return None
        return Source(
            title=title,
            publisher=self.optional(fields, "publisher", self.text, field),
            url=self.optional(fields, "url", self.url, field),
            date=self.optional(fields, "date", self.fuzzy_date, field),
        )

    # --- events -----------------------------------------------------------------------------

    def events(
        self,
        node: yaml.Node | None,
        actors: dict[str, Actor],
        places: dict[str, Place] | None,
    ) -> list[Event]:
        if node is None:
            return []
        events: list[Event] = []
        seen: set[str] = set()
        for index, item in enumerate(self.sequence(node, "events")):
            field = f"events[{index}]"
            event = self.event(item, field, actors, places)
            if event is None:
                continue
            if event.id in seen:
                self.problem(item, f"{field}.id", f"duplicate event id {event.id!r}")
                continue
            seen.add(event.id)
            events.append(event)
        return events

    def event(
        self,
        node: yaml.Node,
        field: str,
        actors: dict[str, Actor],
        places: dict[str, Place] | None,
    ) -> Event | None:
        fields = self.mapping(
            node,
            field,
            EVENT_FIELDS,
            ("id", "date", "title", "summary", "actors", "status", "sources"),
        )
        if fields is None:
            return None
        values = {
            "id": self.optional(fields, "id", self.identifier, field),
            "date": self.optional(fields, "date", self.fuzzy_date, field),
            "title": self.optional(fields, "title", self.text, field),
            "summary": self.optional(fields, "summary", self._multiline, field),
            "status": self.optional(
                fields, "status", lambda n, f: self.choice(n, f, STATUSES), field
            ),
        }
        event_actors = self.actor_refs(fields.get("actors"), f"{field}.actors", actors)
        claimed_by = self.actor_refs(fields.get("claimed_by"), f"{field}.claimed_by", actors)
        sources = self.sources(fields.get("sources"), f"{field}.sources")
        tags = self.identifiers(fields.get("tags"), f"{field}.tags")
        for key, message in (
            ("actors", "must name at least one actor"),
            ("claimed_by", "must name at least one actor"),
            ("sources", "must cite at least one source"),
        ):
            if _is_empty_list(fields.get(key)):
                self.problem(fields[key], f"{field}.{key}", message)
        status = values["status"]
        if status in ("alleged", "disputed") and "claimed_by" not in fields:
            self.problem(
                node,
                f"{field}.claimed_by",
                f"required when status is {status}: who makes the claim",
            )
        if any(value is None for value in values.values()) or not event_actors or not sources:
            return None
        return Event(
            id=cast(str, values["id"]),
            date=cast(FuzzyDate, values["date"]),
            title=cast(str, values["title"]),
            summary=cast(str, values["summary"]),
            status=cast(Status, status),
            actors=event_actors,
            claimed_by=claimed_by,
            sources=sources,
            places=self.place_refs(fields.get("places"), f"{field}.places", places),
            tags=tags,
            date_note=self.optional(fields, "date_note", self._multiline, field),
        )

    def actor_refs(
        self, node: yaml.Node | None, field: str, actors: dict[str, Actor]
    ) -> tuple[Actor, ...]:
        if node is None:
            return ()
        resolved: list[Actor] = []
        for item, actor_id in self.items(node, field, self.identifier):
            if actor_id in actors:
                resolved.append(actors[actor_id])
            else:
                self.unknown_actor(item, field, actor_id, set(actors))
        return tuple(resolved)


def _is_empty_list(node: yaml.Node | None) -> bool:
    return isinstance(node, yaml.SequenceNode) and not node.value


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG and not node.style
