"""The few phrases every form shares, without Rich, so that the table, `show`, the browser and
every export say the same thing the same way."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import CLAIMS, Event, Involvement, Source


def stands_apart(involvement: Involvement, event: Event) -> bool:
    """True when an actor's part is less firm than the event, or claimed by others.

    In an alleged event every actor's part is alleged with it, and the event's status already
    says so; 'Quds Force [alleged]' is news only in a documented or reported event. The part of
    the actor making the event's claim is its role ("claimant"), which the event's status names.
    """
    if makes_the_claim(involvement, event):
        return False
    return involvement.status != event.status or involvement.claimed_by != event.claimed_by


def makes_the_claim(involvement: Involvement, event: Event) -> bool:
    """True for the part of an actor whose claim its alleged or disputed event is."""
    return (
        event.status in CLAIMS
        and not involvement.is_claim
        and involvement.actor in event.claimed_by
    )


def claim_joiner(status: str) -> str:
    """' by ' for an allegation, ', claimed by ' for a dispute: 'disputed by the US' would say
    that the US disputes it, when it is the party whose account is in dispute."""
    return " by " if status == "alleged" else ", claimed by "


def claim_words(status: str, claimants: Sequence[str]) -> str:
    """'alleged by United States', 'disputed, claimed by Iran', or the status alone."""
    if not claimants:
        return status
    return f"{status}{claim_joiner(status)}{', '.join(claimants)}"


def copy_words(source: Source) -> str | None:
    """'archived copy', 'reposted by Iran Focus', 'mirror at wiki.gravy.cc', or None for an
    original publication (or a source that does not say)."""
    if source.url_type == "archive":
        return "archived copy"
    if source.url_type == "repost":
        return f"reposted by {source.host}"
    if source.url_type == "mirror":
        return f"mirror at {source.host}"
    return None
