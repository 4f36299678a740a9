"""A data file's validated timeline kept between runs, keyed by the file's content.

A second run on an unchanged file skips YAML and validation: it reads the file's bytes, hashes
them, and finds what the first run stored under that hash (with the package's version, the
cache's format and the Python version in the key). What is stored, in separate files so that a
command reads only what it needs (store.py says how each is packed):

- `KEY.index`: the header, the actors and places, and each event's Facts (every command);
- `KEY.records`: each event's JSON record, ready to print (`--json`, `--jsonl`);
- `KEY.texts`: each event's folded search text (`--search`);
- `KEY.events`: the events themselves (tables, trees, charts, exports).

Where: `IWTIMELINE_CACHE_DIR`, else `XDG_CACHE_HOME/iwtimeline`, else `~/.cache/iwtimeline`;
`IWTIMELINE_CACHE_DIR=` (empty) turns the cache off. Every file is written to a temporary name
and renamed, so two processes writing at once each leave a whole file; each file starts with a
magic string, the key and a CRC of its contents, and anything missing, foreign, truncated or
damaged is ignored (the data file is parsed again, and the cache rewritten). A directory that
cannot be written only costs speed.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import struct
import sys
import time
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from .collector import gc_paused, set_aside
from .errors import DataFileUnreadable
from .model import Event, Facts, LazyEvents, Timeline
from .paths import read_bytes
from .records import replace
from .store import EventMaker, Records, pack_event, pack_index, unpack_index

try:  # the C BLAKE2 hashlib would load, without loading OpenSSL first (2 ms at every start)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - another Python implementation
    from hashlib import blake2b

# bump when what is stored changes shape, or what the loader makes of the same file changes
# (3: an event's own claimants take part as claimants; 4: facts name the claimants)
CACHE_FORMAT = 4
MAGIC = b"IWTLc\x00\x02\n"
# magic, key (BLAKE2b digest), length of the marshalled part, length of the raw part, CRC-32
HEADER = struct.Struct("<8s32sQQI")
KINDS = ("index", "records", "texts", "events")
# how many data files' caches are kept (the least recently used go first)
KEEP = 12
# a temporary file this old was left by a process that died while writing
STALE_SECONDS = 3600
# how long a note of a file's digest is kept without being renewed
NOTE_DAYS = 30
Raw = bytes | memoryview
# what unpacking a damaged but checksum-valid file could raise (shapes, not corruption)
UNPACKING_ERRORS = (TypeError, ValueError, KeyError, IndexError, AttributeError, OverflowError)


def cache_dir() -> Path | None:
    chosen = os.environ.get("IWTIMELINE_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "iwtimeline"


def content_key(content: bytes) -> bytes:
    """The cache key of a data file's bytes: its content, the package and the stored shape."""
    return _keyed(blake2b(content, digest_size=32).digest())


def _keyed(content_digest: bytes) -> bytes:
    from ._version import __version__

    versions = f"\0{__version__}\0{CACHE_FORMAT}\0{sys.version_info[:2]}".encode()
    return bytes(blake2b(content_digest + versions, digest_size=32).digest())


# how much of a data file is read at a time to hash it (a warm run never holds it whole)
HASH_PIECE = 1 << 20
# a file changed this soon before its digest was noted may have changed again within the same
# timestamp: its note is not trusted (git's "racily clean" rule)
RACY_NS = 2_000_000_000


def file_key(path: Path, folder: Path | None = None) -> bytes:
    """content_key of a file's bytes. Hashing a large file takes time (0.16 s for 84 MB), so
    its digest is noted in `folder` with what the file system says of it (device, inode, size,
    modification and change times, to the nanosecond); while all of those stay the same the
    note is used instead of reading the file. Any write changes the change time, which no
    program can set back; a file changed within RACY_NS of its note is hashed again."""
    try:
        status = os.stat(path)
    except OSError:
        read_bytes(path)  # raises the error a reader would report
        raise
    facts = (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)
    note = _note_path(folder, path) if folder else None
    known = _noted_digest(note, facts) if note else None
    if known is None:
        known = _file_digest(path)
        if note:
            _note_digest(note, facts, known)
    return _keyed(known)


def _note_path(folder: Path, path: Path) -> Path:
    return folder / f"{blake2b(str(path.resolve()).encode(), digest_size=20).hexdigest()}.stat"


def _file_digest(path: Path) -> bytes:
    digest = blake2b(digest_size=32)
    try:
        with path.open("rb") as stream:
            while piece := stream.read(HASH_PIECE):
                digest.update(piece)
    except OSError:
        read_bytes(path)
        raise
    return digest.digest()


def _noted_digest(note: Path, facts: tuple[int, ...]) -> bytes | None:
    try:
        noted = marshal.loads(note.read_bytes())
        written, noted_facts, digest = noted
        changed = max(facts[3], facts[4])
        if tuple(noted_facts) == facts and written - changed > RACY_NS and len(digest) == 32:
            return bytes(digest)
    except (OSError, EOFError, ValueError, TypeError):
        pass
    return None


def _note_digest(note: Path, facts: tuple[int, ...], digest: bytes) -> None:
    """Write the note atomically; a folder that cannot be written only costs speed."""
    import tempfile

    try:
        note.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{note.name}.", dir=note.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(marshal.dumps((time.time_ns(), facts, digest)))
        os.replace(temporary, note)
    except OSError:
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(temporary)


def open_timeline(path: Path) -> Timeline:
    """The validated timeline of a data file: from the cache when its content is known, else
    parsed (raising DataFileUnreadable or DataFileInvalid) and then kept for next time."""
    folder = cache_dir()
    if folder is None:
        from .load import parse_bytes

        return parse_bytes(read_bytes(path), str(path))
    entry = Entry(folder, file_key(path, folder))
    found = CachedStore.open(entry, path)
    if found is not None:
        return found
    from .load import parse_bytes

    content = read_bytes(path)
    if content_key(content) != entry.key:  # changed since it was hashed: key what is parsed
        entry = Entry(folder, content_key(content))
    timeline = parse_bytes(content, str(path))
    del content  # a large file's text need not outlive its parsing
    return keep(timeline, entry)


# --- the files of one cache entry --------------------------------------------------------------


class Entry(NamedTuple):
    folder: Path
    key: bytes

    def path(self, kind: str) -> Path:
        return self.folder / f"{self.key.hex()[:40]}.{kind}"

    def read(self, kind: str) -> tuple[Any, memoryview] | None:
        """The marshalled value and the raw bytes of one file; None unless it is whole and ours."""
        try:
            data = self.path(kind).read_bytes()
        except OSError:
            return None
        return unwrap(data, self.key)

    def write(self, kind: str, value: Any, raw: Raw = b"") -> bool:
        """Store a file atomically (a temporary file, then a rename); False if it cannot be."""
        import tempfile

        target = self.path(kind)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=self.folder)
        except OSError:
            return False
        try:
            with os.fdopen(handle, "wb") as stream:
                for piece in wrap(value, raw, self.key):
                    stream.write(piece)
            os.replace(temporary, target)
        except (OSError, ValueError):  # ValueError: a value marshal cannot store
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            return False
        return True

    def touch(self) -> None:
        """Mark the entry as used now (pruning keeps the most recently used)."""
        with contextlib.suppress(OSError):
            os.utime(self.path("index"))


def wrap(value: Any, raw: Raw, key: bytes) -> tuple[bytes, bytes, Raw]:
    packed = marshal.dumps(value)
    crc = zlib.crc32(raw, zlib.crc32(packed))
    return HEADER.pack(MAGIC, key, len(packed), len(raw), crc), packed, raw


def unwrap(data: bytes, key: bytes) -> tuple[Any, memoryview] | None:
    if len(data) < HEADER.size:
        return None
    magic, stored_key, packed_size, raw_size, crc = HEADER.unpack_from(data)
    if magic != MAGIC or stored_key != key or HEADER.size + packed_size + raw_size != len(data):
        return None
    body = memoryview(data)[HEADER.size :]
    if zlib.crc32(body) != crc:
        return None
    try:
        value = marshal.loads(body[:packed_size])
    except (EOFError, ValueError, TypeError):
        return None
    return value, body[packed_size:]


# --- reading a timeline back ---------------------------------------------------------------------


class CachedStore:
    """A timeline's events as the cache keeps them; each part read when first asked for.

    Should a later part prove missing or damaged (the index was whole), the data file is parsed
    again, provided it still has the content the index was made from.
    """

    def __init__(self, entry: Entry, path: Path, shell: Timeline, facts: list[Facts]) -> None:
        self.entry = entry
        self.path = path
        self.shell = shell
        self.facts: Sequence[Facts] = facts
        self._records: Records | None = None
        self._texts: Sequence[str] | None = None
        self._parsed: Timeline | None = None
        self._events_file: list[Any] | None = None
        self._events_read = False
        self._maker: EventMaker | None = None  # for events built one at a time

    @classmethod
    def open(cls, entry: Entry, path: Path) -> Timeline | None:
        found = entry.read("index")
        if found is None:
            return None
        try:
            shell, facts = unpack_index(found[0], str(path))
        except UNPACKING_ERRORS:
            return None
        entry.touch()
        store = cls(entry, path, shell, facts)
        return replace(shell, events=LazyEvents(store))

    @property
    def records(self) -> Records | None:
        if self._records is None:
            found = self.entry.read("records")
            if found is not None and isinstance(found[0], list):
                records = Records(found[1], found[0])
                if len(records) == len(self.facts) and records.offsets[-1] == len(found[1]):
                    self._records = records
            if self._records is None:
                self._records = _records_of(self.load())
        return self._records

    @property
    def texts(self) -> Sequence[str] | None:
        if self._texts is None:
            found = self.entry.read("texts")
            value = found[0] if found is not None else None
            if isinstance(value, tuple) and len(value) == len(self.facts):
                self._texts = value
            else:
                self._texts = _texts_of(self.load())
        return self._texts

    def load(self) -> tuple[Event, ...]:
        with gc_paused():
            packed = self._packed()
            if packed is not None:
                make = EventMaker(self.shell)
                try:
                    events = tuple(map(make, packed))
                except UNPACKING_ERRORS:
                    events = None
                if events is not None and [e.id for e in events] == [f.id for f in self.facts]:
                    set_aside(len(events))  # they stay: a browser shows them until it ends
                    return events
        return tuple(self._parse_again().events)

    def event(self, index: int) -> Event:
        packed = self._packed()
        if packed is not None and len(packed) == len(self.facts):
            if self._maker is None:
                self._maker = EventMaker(self.shell)
            try:
                event = self._maker(packed[index])
            except UNPACKING_ERRORS:
                event = None
            if event is not None and event.id == self.facts[index].id:
                return event
        return self._parse_again().events[index]

    def _packed(self) -> list[Any] | None:
        """The packed events, read once; None when the file is missing or damaged."""
        if not self._events_read:
            found = self.entry.read("events")
            value = found[0] if found is not None else None
            self._events_file = value if isinstance(value, list) else None
            self._events_read = True
        return self._events_file

    def _parse_again(self) -> Timeline:
        if self._parsed is None:
            from .load import parse_bytes

            content = read_bytes(self.path)
            if content_key(content) != self.entry.key:
                reason = "changed while it was being read; run the command again"
                raise DataFileUnreadable(str(self.path), reason)
            self._parsed = parse_bytes(content, str(self.path))
        return self._parsed


class MemoryStore:
    """A freshly parsed timeline's events with their records and texts: what was just cached,
    so that a first run prints the very bytes a second run will."""

    def __init__(
        self,
        events: Sequence[Event],
        facts: Sequence[Facts],
        records: Records,
        texts: Sequence[str],
    ) -> None:
        self.events = tuple(events)
        self.facts = facts
        self.records = records
        self.texts = texts

    def load(self) -> tuple[Event, ...]:
        return self.events

    def event(self, index: int) -> Event:
        return self.events[index]


# --- writing one --------------------------------------------------------------------------------


def keep(timeline: Timeline, entry: Entry) -> Timeline:
    """Store a parsed timeline in the cache and return it backed by what was stored."""
    events = timeline.events
    records = _records_of(events)
    texts = _texts_of(events)
    stored = (
        entry.write("records", list(records.offsets), records.block)
        and entry.write("texts", tuple(texts))
        and entry.write("events", [pack_event(e) for e in events])
        # the index last: a reader that finds it finds the rest
        and entry.write("index", pack_index(timeline))
    )
    if stored:
        prune(entry.folder)
    return replace(timeline, events=LazyEvents(MemoryStore(events, timeline.facts, records, texts)))


def _records_of(events: Sequence[Event]) -> Records:
    from .render.jsonout import compact_record

    return Records.of([compact_record(event) for event in events])


def _texts_of(events: Sequence[Event]) -> tuple[str, ...]:
    from .query import searchable_text

    return tuple(f" {searchable_text(event)} " for event in events)


def prune(folder: Path) -> None:
    """Keep the KEEP most recently used entries; remove what dead writers left behind, and
    notes of file digests not renewed for NOTE_DAYS (a file still in use is hashed again)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    now = time.time()
    used: dict[str, float] = {}
    for name in names:
        stem, _, kind = name.rpartition(".")
        if name.startswith("."):
            _remove_if_stale(folder / name, now)
        elif kind == "stat":
            _remove_if_stale(folder / name, now, NOTE_DAYS * 86400)
        elif kind == "index":
            with contextlib.suppress(OSError):
                used[stem] = os.stat(folder / name).st_mtime
    for stem in sorted(used, key=used.__getitem__, reverse=True)[KEEP:]:
        for kind in ("index", *KINDS):  # the index first: a reader then finds no entry
            with contextlib.suppress(OSError):
                os.unlink(folder / f"{stem}.{kind}")


def _remove_if_stale(path: Path, now: float, age: float = STALE_SECONDS) -> None:
    with contextlib.suppress(OSError):
        if now - os.stat(path).st_mtime > age:
            os.unlink(path)


# --- the names shell completion offers -----------------------------------------------------------


class Names(NamedTuple):
    """The names completion offers, each with a word of help."""

    actors: tuple[tuple[str, str, tuple[str, ...]], ...]  # id, name, other names
    tags: tuple[str, ...]
    places: tuple[tuple[str, tuple[str, ...]], ...]  # name, other spellings
    events: tuple[tuple[str, str], ...]  # id, "date label  title"


def names(path: Path) -> Names:
    """The completion names of a data file (from the cache when its content is known)."""
    from .dates import describe
    from .query import all_tags, known_places

    timeline = open_timeline(path)
    records = timeline.store.records if timeline.store is not None else None
    if records is not None:
        labels = [_label_of(record) for record in records]
    else:
        labels = [f"{describe(e.date)}  {e.title}" for e in timeline.events]
    return Names(
        actors=tuple(
            (a.id, a.name, tuple(n for n in (a.short, *a.aliases) if n)) for a in timeline.actors
        ),
        tags=all_tags(timeline),
        places=tuple((p.name, p.aliases) for p in known_places(timeline)),
        events=tuple(zip((f.id for f in timeline.facts), labels, strict=True)),
    )


def _label_of(record: bytes) -> str:
    import json

    data = json.loads(record)
    return f"{data['date_label']}  {data['title']}"
