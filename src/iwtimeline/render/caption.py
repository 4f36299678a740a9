"""One line that says what a selection holds and which filters made it."""

from __future__ import annotations

from . import Selection


def caption(selection: Selection) -> str:
    query = selection.query
    count = len(selection.events)
    parts = [f"{count} event{'' if count == 1 else 's'}"]
    if query.actors:
        parts.append("actor: " + " or ".join(actor.name for actor in query.actors))
    if query.places:
        parts.append("place: " + " or ".join(place.name for place in query.places))
    if query.start or query.end:
        start = query.start.isoformat() if query.start else "…"
        end = query.end.isoformat() if query.end else "…"
        parts.append(f"{start} to {end}")
    if query.tags:
        parts.append("tag: " + " or ".join(sorted(query.tags)))
    if query.statuses:
        parts.append("status: " + " or ".join(sorted(query.statuses)))
    if query.text:
        parts.append(f"search: {query.text!r}")
    if query.reverse:
        parts.append("newest first")
    if query.limit is not None:
        parts.append(f"limit {query.limit}")
    return " · ".join(parts)
