"""Machine output: JSON and JSON Lines with a stable key order and ISO dates. No Rich here.

The shape is a published contract (README.md, "JSON output", and `iwtimeline schema output`):
fields may be added, never renamed or removed. Strings are written exactly as in the data file.

Layout follows gh: indented for a person reading a terminal (`RenderOptions.pretty`), compact
(no spaces, one line) for a program reading a pipe or a file; JSON Lines is always compact.
Events' records come ready-made from the cache when it has them (`compact_record` made them),
so a large selection is printed without building its events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..model import Actor, Event, FuzzyDate, Involvement, Source
from ..query import Selection
from ..store import Records
from . import Chunks, RenderOptions

if TYPE_CHECKING:  # the summaries are defined only when a command needs one
    from ..summaries import (
        Activity,
        ActorReport,
        Anniversaries,
        EventSheet,
        Lanes,
        Stats,
        Tally,
        TallyRow,
    )


def event_record(event: Event) -> dict[str, Any]:
    from ..dates import describe  # (records from the cache need no date labels made)

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
        "actors": [involvement_record(involvement) for involvement in event.involvements],
        "places": [place.name for place in event.places],
        "tags": list(event.tags),
        "status": event.status,
        "claimed_by": [actor_ref(actor) for actor in event.claimed_by],
        "sources": [source_record(source) for source in event.sources],
    }


def actor_ref(actor: Actor) -> dict[str, Any]:
    return {"id": actor.id, "name": actor.name, "kind": actor.kind}


def involvement_record(involvement: Involvement) -> dict[str, Any]:
    """An actor of an event: who, and how firmly its part is established (and by whose claim)."""
    return {
        **actor_ref(involvement.actor),
        "role": involvement.role,
        "status": involvement.status,
        "claimed_by": [actor_ref(actor) for actor in involvement.claimed_by],
    }


def source_record(source: Source) -> dict[str, Any]:
    return {
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url,
        "date": _text(source.date),
        "url_type": source.url_type,
        "host": source.host,
    }


def actor_record(actor: Actor, activity: Activity) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "short": actor.short,
        "kind": actor.kind,
        "country": actor.country,
        "aliases": list(actor.aliases),
        "description": actor.description,
        "context": actor.context,
        "relations": [
            {
                "type": r.type,
                "actor": r.actor_id,
                "when": r.when.text if r.when else None,
                "status": r.status,
                "note": r.note,
            }
            for r in actor.relations
        ],
        "events": activity.events,
        "first_year": activity.first,
        "last_year": activity.last,
    }


def tally_record(row: TallyRow) -> dict[str, Any]:
    record: dict[str, Any] = {"name": row.name}
    if row.place is not None:
        record |= {
            "aliases": list(row.place.aliases),
            "kind": row.place.kind,
            "country": row.place.country,
        }
    return record | {
        "events": row.activity.events,
        "first_year": row.activity.first,
        "last_year": row.activity.last,
    }


def _text(when: FuzzyDate | None) -> str | None:
    return None if when is None else when.text


COMPACT = (",", ":")


def compact_record(event: Event) -> bytes:
    """An event's record as compact UTF-8 JSON: what the cache keeps and pipes receive."""
    import json  # (imported where used: records from the cache need no encoder)

    return json.dumps(event_record(event), ensure_ascii=False, separators=COMPACT).encode()


def to_json(value: Iterable[dict[str, Any]] | dict[str, Any], options: RenderOptions) -> str:
    """JSON of one record or a list of them (a generator becomes a list)."""
    import json

    data = value if isinstance(value, dict) else list(value)
    if options.pretty:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return json.dumps(data, ensure_ascii=False, separators=COMPACT) + "\n"


def to_jsonl(records: Iterable[dict[str, Any]]) -> str:
    import json

    return "".join(json.dumps(r, ensure_ascii=False, separators=COMPACT) + "\n" for r in records)


# --- the registry's renderers -------------------------------------------------------------


# records written at a time when printing stored records: a megabyte or so
RECORDS_A_PIECE = 1000


def events_json(selection: Selection, options: RenderOptions) -> Chunks:
    if options.pretty:
        import json

        return Chunks([to_json(map(json.loads, _each_record(selection)), options).encode()])
    return Chunks(_bracketed(_joined(selection, b",")))


def events_jsonl(selection: Selection, options: RenderOptions) -> Chunks:
    return Chunks(piece + b"\n" for piece in _joined(selection, b"\n"))


def _bracketed(pieces: Iterator[bytes]) -> Iterator[bytes]:
    yield b"["
    first = True
    for piece in pieces:
        yield piece if first else b"," + piece
        first = False
    yield b"]\n"


def _joined(selection: Selection, separator: bytes) -> Iterator[bytes]:
    """The selection's records joined by `separator`, a thousand at a time (each piece is
    followed, in the document, by the separator and the next piece)."""
    records = _stored_records(selection)
    indices = selection.indices
    for start in range(0, len(indices), RECORDS_A_PIECE):
        batch = indices[start : start + RECORDS_A_PIECE]
        if records is not None:
            yield records.joined(batch, separator)
        else:
            events = selection.timeline.events
            yield separator.join(compact_record(events[i]) for i in batch)


def _each_record(selection: Selection) -> Iterator[bytes]:
    records = _stored_records(selection)
    if records is not None:
        return (records[i] for i in selection.indices)
    return (compact_record(event) for event in selection.events)


def _stored_records(selection: Selection) -> Records | None:
    store = selection.timeline.store
    records = store.records if store is not None else None
    return records if isinstance(records, Records) else None


def sheet_json(sheet: EventSheet, options: RenderOptions) -> str:
    """One object for one id (as `show ID --json` has always printed), an array for several."""
    records = [event_record(event) for event in sheet.events]
    return to_json(records[0] if len(records) == 1 else records, options)


def sheet_jsonl(sheet: EventSheet, options: RenderOptions) -> str:
    return to_jsonl(event_record(event) for event in sheet.events)


def _actor_records(report: ActorReport) -> list[dict[str, Any]]:
    return [actor_record(actor, report.activity[actor.id]) for actor in report.actors]


def actors_json(report: ActorReport, options: RenderOptions) -> str:
    return to_json(_actor_records(report), options)


def actor_json(report: ActorReport, options: RenderOptions) -> str:
    """`actors NAME --json`: the one actor as an object, as `show ID --json` gives one event."""
    records = _actor_records(report)
    return to_json(records[0] if len(records) == 1 else records, options)


def actors_jsonl(report: ActorReport, options: RenderOptions) -> str:
    return to_jsonl(_actor_records(report))


def tally_json(tally: Tally, options: RenderOptions) -> str:
    return to_json((tally_record(row) for row in tally.rows), options)


def tally_jsonl(tally: Tally, options: RenderOptions) -> str:
    return to_jsonl(tally_record(row) for row in tally.rows)


# --- chart lanes, stats and days ---------------------------------------------------------------


def lane_records(lanes: Lanes) -> list[dict[str, Any]]:
    """Each lane with its events' intervals: what `chart` draws, for programs."""
    from ..dates import describe

    return [
        {
            "lane": lane.label,
            "key": lane.key,
            "by": lanes.by,
            "events": [
                {
                    "id": event.id,
                    "title": event.title,
                    "status": event.status,
                    "date": event.date.text,
                    "date_label": describe(event.date),
                    "precision": event.date.precision,
                    "approximate": event.date.approximate,
                    "uncertain": event.date.uncertain,
                    "start": _iso(event.date.start),
                    "end": _iso(event.date.end),
                    **(_part(event, lane.key) if lanes.by == "actor" else {}),
                }
                for event in lane.events
            ],
        }
        for lane in lanes.lanes
    ]


def _part(event: Event, actor_id: str) -> dict[str, Any]:
    """In an actor's lane, that actor's part: what the chart draws (an alleged sponsor of a
    documented raid is drawn as alleged)."""
    for involvement in event.involvements:
        if involvement.actor.id == actor_id:
            return {"part": involvement_record(involvement)}
    return {}


def _iso(day: dt.date) -> str | None:
    """ISO date, or None for the open end of a span (date.min or date.max)."""
    return None if day in (dt.date.min, dt.date.max) else day.isoformat()


def lanes_json(lanes: Lanes, options: RenderOptions) -> str:
    return to_json(lane_records(lanes), options)


def lanes_jsonl(lanes: Lanes, options: RenderOptions) -> str:
    return to_jsonl(lane_records(lanes))


def stats_json(stats: Stats, options: RenderOptions) -> str:
    total = len(stats.selection.events)
    return to_json(
        {
            "events": total,
            "by": stats.by,
            "counts": [
                {"key": count.key, "label": count.label, "events": count.events}
                for count in stats.counts
            ],
            "per_year": [{"year": year, "events": n} for year, n in stats.per_year],
            "statuses": [
                {"status": status, "events": n, "share": round(n / total, 4) if total else 0}
                for status, n in stats.statuses
            ],
        },
        options,
    )


def day_records(day: Anniversaries) -> list[dict[str, Any]]:
    """The events of a calendar day: each event's record, and how many years ago it was."""
    return [{**event_record(event), "years_ago": day.years_ago(event)} for event in day.events]


def day_json(day: Anniversaries, options: RenderOptions) -> str:
    return to_json(day_records(day), options)


def day_jsonl(day: Anniversaries, options: RenderOptions) -> str:
    return to_jsonl(day_records(day))
