"""What is kept of a data file between runs, keyed by its content, so a run can skip the YAML.

For now it keeps the names shell completion offers (actors, tags, places, event ids): a Tab
must answer faster than the file can be parsed. The file lives in the user's cache directory
(`IWTIMELINE_CACHE_DIR`, else `XDG_CACHE_HOME/iwtimeline`, else `~/.cache/iwtimeline`); setting
`IWTIMELINE_CACHE_DIR` to an empty value turns caching off. A cache file that is missing,
unreadable, of another version or damaged is ignored and rebuilt; one that cannot be written
only costs speed.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

# bump when what is stored changes shape
CACHE_FORMAT = 1


@dataclass(frozen=True)
class Names:
    """The names completion offers, each with a word of help."""

    actors: tuple[tuple[str, str, tuple[str, ...]], ...]  # id, name, other names
    tags: tuple[str, ...]
    places: tuple[tuple[str, tuple[str, ...]], ...]  # name, other spellings
    events: tuple[tuple[str, str], ...]  # id, "date label  title"


def cache_dir() -> Path | None:
    chosen = os.environ.get("IWTIMELINE_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "iwtimeline"


def _key(content: bytes) -> str:
    # the content and the shape of what is stored: a new version that stores something else
    # bumps CACHE_FORMAT (reading the package's version would cost more than the whole look-up)
    digest = hashlib.sha256(content)
    digest.update(f"\0{CACHE_FORMAT}".encode())
    return digest.hexdigest()


def names(path: Path) -> Names:
    """The completion names of a data file: from the cache when its content is known."""
    content = path.read_bytes()
    folder = cache_dir()
    key = _key(content)
    stored = _read(folder / f"names-{key}.json") if folder else None
    if stored is not None:
        return stored
    found = _names_from_file(path)
    if folder is not None:
        _write(folder / f"names-{key}.json", found)
    return found


def _names_from_file(path: Path) -> Names:
    from .dates import describe
    from .load import load_timeline
    from .query import all_tags, known_places

    timeline = load_timeline(path)
    return Names(
        actors=tuple(
            (a.id, a.name, tuple(n for n in (a.short, *a.aliases) if n)) for a in timeline.actors
        ),
        tags=all_tags(timeline),
        places=tuple((p.name, p.aliases) for p in known_places(timeline)),
        events=tuple((e.id, f"{describe(e.date)}  {e.title}") for e in timeline.events),
    )


def _read(path: Path) -> Names | None:
    """The stored names, or None for anything missing, foreign or damaged."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Names(
            actors=tuple((str(i), str(n), tuple(map(str, o))) for i, n, o in data["actors"]),
            tags=tuple(map(str, data["tags"])),
            places=tuple((str(n), tuple(map(str, o))) for n, o in data["places"]),
            events=tuple((str(i), str(label)) for i, label in data["events"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write(path: Path, found: Names) -> None:
    """Store atomically (a temporary file, then a rename); failing only costs speed."""
    data = {
        "actors": found.actors,
        "tags": found.tags,
        "places": found.places,
        "events": found.events,
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".names.", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, ensure_ascii=False)
        os.replace(temporary, path)
    except OSError:
        return
