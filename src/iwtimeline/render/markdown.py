"""A Markdown chronology (CommonMark with GitHub's footnotes): a heading a year, sources as
footnotes. No Rich here.

Every piece of data text is escaped so that it reads as the plain text it is: a title such as
"*Badr* [crosses](x)" cannot become emphasis or a link, a summary cannot start a heading, a list,
a table or a block of HTML. Line breaks inside data text are folded into spaces, so each event
stays one list item. A page reads (the first line of an entry is wrapped here, not in output):

    # Test timeline

    2 events · tag: invasion-2003 or efp.

    ## 2003

    - **Mar 2003** — Badr crosses into Iraq (reported; actor: Badr Organization; place:
      Basra)[^1] `2003-badr-crosses`\\
      Badr fighters entered Iraq from Iran.

    ## 2007
    ...

    [^1]: Seed.
    [^2]: Briefing. <https://example.org/briefing>
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from itertools import groupby

from ..dates import describe
from ..model import Actor, Event, Involvement, Source
from ..query import Selection
from . import RenderOptions
from .caption import caption
from .words import claim_words, stands_apart

# Characters with a meaning anywhere in a line (emphasis, code, links, images, footnotes, HTML,
# entities, tables, strikethrough, GitHub's math); each is ASCII punctuation, so `\` escapes it.
_INLINE = re.compile(r"([\\`*_{}\[\]()#+!|<>~&$])")
# What starts a block only at the start of a line: a list (`-`, `1.`), a setext underline (`=`,
# `-`), a table's delimiter row (`-`, `:`).
_LINE_START = re.compile(r"^(\d*)([-=:.])")
# Line breaks with the spaces around them: one space instead, so data cannot start a new block.
_BREAK = re.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t]*")
# An address that can be written as an autolink (`<...>`) as it is.
_AUTOLINK = re.compile(r"https?://[^\s<>]+")

SourceKey = tuple[str, str | None, str | None, str | None]


def escape(text: str, *, line_start: bool = False) -> str:
    """Data text as Markdown that shows it literally, on one line.

    `line_start`: the text begins a line (a summary), where `-`, `1.` and the like would begin a
    block.
    """
    folded = _BREAK.sub(" ", text).strip(" \t")
    escaped = _INLINE.sub(r"\\\1", folded)
    return block_safe(escaped) if line_start else escaped


def block_safe(line: str) -> str:
    """A line of escaped text that cannot start a block: its first character escaped if need be.

    Applied to a whole line once it is put together: a footnote "1" followed by our "." would
    start a list.
    """
    match = _LINE_START.match(line)
    # `1.` starts a list, `2007-08` does not: after digits only the dot, and only up to nine
    if match and (match[1] == "" or (match[2] == "." and len(match[1]) <= 9)):
        return f"{match[1]}\\{line[match.end(1) :]}"
    return line


def code(text: str) -> str:
    """`text` as inline code, whatever backticks it holds (ids hold none; be safe all the same)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return f"{fence}{padded}{fence}"


def names(actors: Iterable[Actor]) -> str:
    return ", ".join(escape(actor.name) for actor in actors)


def claim(status: str, claimed_by: tuple[Actor, ...]) -> str:
    """'alleged by United States', 'disputed, claimed by United States', or the status alone."""
    return claim_words(status, [escape(actor.name) for actor in claimed_by])


def involvement_words(involvement: Involvement, event: Event) -> str:
    """'Quds Force (sponsor, alleged by United States)': the part, when it stands apart."""
    notes = [escape(involvement.role)] if involvement.role else []
    # In an alleged event every part is alleged with it: say so only when this one differs.
    if stands_apart(involvement, event):
        notes.append(claim(involvement.status, involvement.claimed_by))
    name = escape(involvement.actor.name)
    return f"{name} ({', '.join(notes)})" if notes else name


def facts(event: Event) -> str:
    """'documented; actors: A, B (alleged); place: X': what the entry's parentheses hold."""
    actors = [involvement_words(involvement, event) for involvement in event.involvements]
    places = [escape(place.name) for place in event.places]
    parts = [claim(event.status, event.claimed_by), _listed("actor", actors)]
    if places:
        parts.append(_listed("place", places))
    return "; ".join(parts)


def _listed(noun: str, items: list[str]) -> str:
    return f"{noun}{'' if len(items) == 1 else 's'}: {', '.join(items)}"


# --- sources as footnotes --------------------------------------------------------------------


class Footnotes:
    """One footnote per distinct source, numbered in the order of first use."""

    def __init__(self) -> None:
        self._numbers: dict[SourceKey, int] = {}
        self._sources: list[Source] = []

    def refer(self, source: Source) -> str:
        key = _key(source)
        number = self._numbers.get(key)
        if number is None:
            self._sources.append(source)
            number = self._numbers[key] = len(self._sources)
        return f"[^{number}]"

    def definitions(self) -> Iterator[str]:
        for number, source in enumerate(self._sources, start=1):
            yield f"[^{number}]: {citation(source)}"


def _key(source: Source) -> SourceKey:
    when = None if source.date is None else source.date.text
    return (source.title, source.publisher, source.url, when)


def citation(source: Source) -> str:
    """'Title — Publisher, 21 Jan 2007. <https://...>'."""
    text = escape(source.title)
    if source.publisher:
        text += f" — {escape(source.publisher)}"
    if source.date:
        text += f", {escape(describe(source.date))}"
    if not text.endswith("."):
        text += "."
    if source.url:
        text += f" {link(source.url)}"
    return block_safe(text)


def link(url: str) -> str:
    """An autolink when the address can be one as it is; escaped text otherwise."""
    return f"<{url}>" if _AUTOLINK.fullmatch(url) else escape(url)


# --- the chronology --------------------------------------------------------------------------


def heading(event: Event) -> str:
    """The year an event is listed under; a span with no known start, under the year it ends."""
    if event.date.start == dt.date.min:
        return f"Until {event.date.end.year:04d}"
    return f"{event.date.start.year:04d}"


def entry(event: Event, footnotes: Footnotes) -> str:
    """One list item: the date, title, facts, sources and id; the summary under it."""
    references = "".join(footnotes.refer(source) for source in event.sources)
    first = (
        f"- **{escape(describe(event.date))}** — {escape(event.title)} ({facts(event)})"
        f"{references} {code(event.id)}"
    )
    # a backslash at the end of a line breaks it: the summary gets its own line in the item
    return f"{first}\\\n  {escape(event.summary, line_start=True)}"


def lines(selection: Selection) -> Iterator[str]:
    title = escape(selection.timeline.header.title)
    yield f"# {title}"
    yield ""
    yield block_safe(escape(caption(selection)) + ".")
    footnotes = Footnotes()
    for year, events in groupby(selection.events, key=heading):
        yield ""
        yield f"## {year}"
        yield ""
        yield from (entry(event, footnotes) for event in events)
    definitions = list(footnotes.definitions())
    if definitions:
        yield ""
        yield from definitions


# --- the registry's renderer -----------------------------------------------------------------


def events_markdown(selection: Selection, options: RenderOptions) -> str:
    return "\n".join(lines(selection)) + "\n"
