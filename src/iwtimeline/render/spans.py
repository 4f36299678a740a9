"""Styled text without Rich: the pieces of the human forms as (text, style) spans, wrapped and
measured here, so that output without colour never has to import Rich.

A span's style is a Rich style string ("bold blue", "dim"); style.py turns spans into Rich
Text for the forms drawn by Rich, and the events table (table.py) lays out its lines from
spans itself. Wrapping follows Rich's rules (words, with the spaces after them; a word longer
than the line folded), so that a table reads the same with colour and without.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from itertools import pairwise

from ..model import Actor, Event, Involvement
from .safe import visible
from .words import claim_joiner, stands_apart

Span = tuple[str, str]  # text, style ("" for none)
Spans = list[Span]

KIND_STYLES: dict[str, str] = {
    "state": "bold blue",
    "government": "blue",
    "government-agency": "cyan",
    "armed-force": "bright_red",
    "militia": "red",
    "political-party": "magenta",
    "person": "green",
    "international-body": "bright_cyan",
    "organization": "yellow",
}

STATUS_STYLES: dict[str, str] = {
    "documented": "green",
    "reported": "cyan",
    "alleged": "yellow",
    "disputed": "bold magenta",
}

DIM = "dim"
# the space between two columns of a listing: padding, a blank rule, padding
GAP = 3

# --- the shared pieces -------------------------------------------------------------------------


def plain_spans(text: str, style: str = "") -> Spans:
    """Text from a data file or the command line: literal, hidden characters made visible."""
    return [(visible(text), style)]


def actor_spans(actor: Actor, *, short: bool = False) -> Spans:
    """An actor's name in the colour of its kind."""
    return plain_spans(actor.label if short else actor.name, KIND_STYLES.get(actor.kind, ""))


def names_spans(actors: Iterable[Actor], *, short: bool = True) -> Spans:
    return joined([actor_spans(actor, short=short) for actor in actors], ", ")


def status_spans(status: str) -> Spans:
    return [(status, STATUS_STYLES.get(status, ""))]


def claim_spans(status: str, claimed_by: tuple[Actor, ...], *, short: bool = True) -> Spans:
    """'alleged by US, Iraq': the status word, and who makes the claim when it is one."""
    spans = status_spans(status)
    if claimed_by:
        spans.append((claim_joiner(status), DIM))
        spans.extend(names_spans(claimed_by, short=short))
    return spans


def involvement_spans(involvement: Involvement, event: Event, *, short: bool = True) -> Spans:
    """An actor's name, its role, and '[alleged]' when its part stands apart from the event."""
    spans = actor_spans(involvement.actor, short=short)
    if involvement.role:
        spans.append((f" ({visible(involvement.role)})", DIM))
    if stands_apart(involvement, event):
        spans += [(" [", DIM), *status_spans(involvement.status), ("]", DIM)]
    return spans


def involvements_spans(event: Event, *, limit: int = 0) -> Spans:
    """An event's actors joined by commas, weaker parts marked; with a limit, '+N more'."""
    involvements = event.involvements
    shown = involvements[:limit] if limit else involvements
    spans = joined([involvement_spans(i, event) for i in shown], ", ")
    if len(involvements) > len(shown):
        spans.append((f" +{len(involvements) - len(shown)} more", DIM))
    return spans


def joined(parts: list[Spans], separator: str) -> Spans:
    spans: Spans = []
    for number, part in enumerate(parts):
        if number:
            spans.append((separator, ""))
        spans.extend(part)
    return spans


def text_of(spans: Spans) -> str:
    return "".join(text for text, _ in spans)


# --- measuring and wrapping --------------------------------------------------------------------


def cell_len(text: str) -> int:
    """How many terminal cells text takes: wide East Asian characters two, combining marks none."""
    if text.isascii():
        return len(text)
    return len(text) + sum(_char_cells(char) - 1 for char in text if not char.isascii())


def _char_cells(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def spans_len(spans: Spans) -> int:
    return sum(cell_len(text) for text, _ in spans)


_WORD = re.compile(r"\s*\S+\s*")


def wrap(spans: Spans, width: int, *, no_wrap: bool = False, fold: bool = True) -> list[Spans]:
    """Lines of at most `width` cells: at each newline, then between words (a word keeps the
    spaces after it, which a line's end drops). A word longer than a line is cut across lines
    (`fold`), or left whole for `truncated` to end with an ellipsis."""
    lines: list[Spans] = []
    for line in _split_lines(spans):
        text = text_of(line)
        cuts = [] if no_wrap else _breaks(text, width, fold)
        for piece in _cut(line, cuts):
            lines.append(_rstrip_beyond(piece, width))
    return lines


def truncated(line: Spans, width: int) -> Spans:
    """The line cut to `width` cells, its last cell an ellipsis, when it is longer."""
    if spans_len(line) <= width:
        return line
    kept: Spans = []
    room = width - 1
    for text, style in line:
        size = cell_len(text)
        if size <= room:
            kept.append((text, style))
            room -= size
            continue
        piece = "".join(_chop(text, room)[:1]) if room > 0 else ""
        if piece:
            kept.append((piece, style))
        break
    style = kept[-1][1] if kept else ""
    return [*kept, ("…", style)]


def _split_lines(spans: Spans) -> Iterator[Spans]:
    line: Spans = []
    for text, style in spans:
        pieces = text.split("\n")
        for number, piece in enumerate(pieces):
            if number:
                yield line
                line = []
            if piece:
                line.append((piece, style))
    yield line


def _breaks(text: str, width: int, fold: bool) -> list[int]:
    """Where to break a line of text to fit `width` cells (Rich's rule, to the character)."""
    breaks: list[int] = []
    offset = 0  # cells used on the current line
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        length = cell_len(word.rstrip())
        if width - offset >= length:
            offset += cell_len(word)
        elif length > width and not fold:  # the word alone on its line, to be cut
            if start:
                breaks.append(start)
            offset = cell_len(word)
        elif length > width:  # fold the word across lines
            pieces = _chop(word, width)
            for number, piece in enumerate(pieces):
                if start:
                    breaks.append(start)
                if number == len(pieces) - 1:
                    offset = cell_len(piece)
                else:
                    start += len(piece)
        elif offset and start:
            breaks.append(start)
            offset = cell_len(word)
    return breaks


def _chop(text: str, width: int) -> list[str]:
    pieces, current, used = [], "", 0
    for char in text:
        size = _char_cells(char) if not char.isascii() else 1
        if used + size > width and current:
            pieces.append(current)
            current, used = "", 0
        current += char
        used += size
    if current:
        pieces.append(current)
    return pieces


def _cut(line: Spans, breaks: list[int]) -> Iterator[Spans]:
    """The line's spans between each break."""
    edges = [0, *breaks, len(text_of(line))]
    for start, end in pairwise(edges):
        piece: Spans = []
        position = 0
        for text, style in line:
            low, high = max(start, position), min(end, position + len(text))
            if low < high:
                piece.append((text[low - position : high - position], style))
            position += len(text)
            if position >= end:
                break
        yield piece


def _rstrip_beyond(line: Spans, width: int) -> Spans:
    """Drop the spaces at the end of a line that go past `width` (Rich's rstrip_end)."""
    excess = spans_len(line) - width
    if excess <= 0:
        return line
    text = text_of(line)
    trailing = len(text) - len(text.rstrip())
    drop = min(excess, trailing)
    while drop and line:
        text, style = line[-1]
        if len(text) <= drop:
            drop -= len(text)
            line = line[:-1]
        else:
            line = [*line[:-1], (text[: len(text) - drop], style)]
            drop = 0
    return line
