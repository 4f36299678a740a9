"""Output forms. Each renderer returns text or a Rich renderable; the CLI prints it once.

The registry maps a --format name to its renderer. Renderers import Rich lazily so that the
JSON forms start fast and never touch it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from ..model import Event, Timeline
from ..query import Query


@dataclass(frozen=True)
class Selection:
    """The events a query selected, with what is needed to describe them."""

    timeline: Timeline
    query: Query
    events: tuple[Event, ...]


# A renderer returns either plain text (written as is) or a Rich renderable.
Renderer = Callable[[Selection], Any]


def _table(selection: Selection) -> Any:
    from .table import events_table

    return events_table(selection)


def _tree(selection: Selection) -> Any:
    from .tree import events_tree

    return events_tree(selection)


def _json(selection: Selection) -> str:
    from .jsonout import events_json

    return events_json(selection.events)


def _jsonl(selection: Selection) -> str:
    from .jsonout import events_jsonl

    return events_jsonl(selection.events)


# how `tree` groups events: by year then month (the default), by actor or by tag
GroupBy = Literal["year", "actor", "tag"]
GROUPINGS: tuple[GroupBy, ...] = ("year", "actor", "tag")

FORMATS: dict[str, Renderer] = {"table": _table, "tree": _tree, "json": _json, "jsonl": _jsonl}
