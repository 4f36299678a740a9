"""Machine output: JSON and JSON Lines with a stable key order and ISO dates. No Rich here.

The shape is a published contract (README.md, "JSON output"): fields may be added, never renamed
or removed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..dates import describe
from ..model import Actor, Event, FuzzyDate, Source


def event_record(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "date": event.date.text,
        "start": event.date.start.isoformat(),
        "end": event.date.end.isoformat(),
        "precision": event.date.precision,
        "approximate": event.date.approximate,
        "uncertain": event.date.uncertain,
        "date_label": describe(event.date),
        "date_note": event.date_note,
        "title": event.title,
        "summary": event.summary,
        "actors": [actor_ref(actor) for actor in event.actors],
        "places": [place.name for place in event.places],
        "tags": list(event.tags),
        "status": event.status,
        "claimed_by": [actor_ref(actor) for actor in event.claimed_by],
        "sources": [source_record(source) for source in event.sources],
    }


def actor_ref(actor: Actor) -> dict[str, Any]:
    return {"id": actor.id, "name": actor.name, "kind": actor.kind}


def source_record(source: Source) -> dict[str, Any]:
    return {
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url,
        "date": _text(source.date),
    }


def _text(when: FuzzyDate | None) -> str | None:
    return None if when is None else when.text


def to_json(value: Iterable[dict[str, Any]] | dict[str, Any]) -> str:
    """Indented JSON of one record or a list of them (a generator becomes a list)."""
    data = value if isinstance(value, dict) else list(value)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_jsonl(records: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def events_json(events: Iterable[Event]) -> str:
    return to_json(event_record(event) for event in events)


def events_jsonl(events: Iterable[Event]) -> str:
    return to_jsonl(event_record(event) for event in events)
