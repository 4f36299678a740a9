"""A Mermaid timeline diagram (https://mermaid.js.org/syntax/timeline.html). No Rich here.

    timeline
        title Test timeline
        accDescr: 10 events
        section Iran–Iraq War (1980–1988)
            22 Sep 1980 – 20 Aug 1988 : Iran–Iraq War
            c. 1982 : Badr formed in Iran
        section Between the wars (1988–2003)
            late 2001 : Cooperation against the Taliban

(`accDescr` holds the caption, what was selected, for screen readers). A section for each of
the main periods of the story (`timelinejs.PERIODS`, the same as the TimelineJS eras), not for each
decade: the 1980s hold both the war and the years after it, and a section should be a chapter
of the story, not an accident of the calendar. An event goes in the period its date starts in (a
span with no known start, in the one it ends in); events before the first period or after the
last get a section of their own. Events with the same date label, one after another, share a
line: `Aug 2007 : first title : second title`.

Data text can never make a statement of its own: every character that Mermaid's timeline
grammar or its preprocessing gives a meaning is written as a Mermaid entity code, `#58;` for
`:` (see `encode`). Only our own keywords and date labels begin a line, so a title that starts
with "section" or "title" is just text after the `: ` that introduces it.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from itertools import groupby

from ..dates import describe
from ..model import Event
from ..query import Selection
from . import RenderOptions
from .caption import caption
from .timelinejs import PERIODS

INDENT = "    "
SEPARATOR = " : "

# Characters written as entity codes, from the timeline grammar
# (mermaid-js/mermaid, packages/mermaid/src/diagrams/timeline/parser/timeline.jison) and the
# preprocessing every diagram gets (mermaidAPI.ts encodeEntities/decodeEntities; comments and
# directives in diagram-api):
#   :  `: ` ends an event and starts the next (`":"\s(?:[^:\n]|":"(?!\s))+`); a time period
#      stops at the first `:` (`[^#:\n]+`); `accTitle:` and `accDescr:` are statements
#   #  starts a comment to the end of the line (`\#[^\n]*`); `#word;` is an entity code
#   ;  ends an entity code: encoded, data can never complete one
#   %  starts a comment (`%(?!\{)[^\n]*`, `[^\}]%%[^\n]*`); `%%{init: …}%%` anywhere in the
#      text is a directive that reconfigures the diagram
#   < >  tags: `<br>` breaks a line in a label, and tags are rewritten before parsing
#   &  starts an HTML entity in the drawn SVG
#   ﬂ ¶  Mermaid's own placeholders for entity codes while it parses (`#58;` becomes
#      `ﬂ°°58¶ß`, and `&#58;` in the SVG): data must not fake one
# and line breaks (every control character, and U+2028, U+2029): a new line is a new statement.
_SPECIAL = frozenset(":#;%<>&\ufb02\u00b6")
_LINE_BREAKING = frozenset({"Cc", "Zl", "Zp"})


def encode(text: str) -> str:
    """`text` with every character Mermaid would interpret written as `#<code point>;`."""
    return "".join(f"#{ord(c)};" if _is_special(c) else c for c in text)


def _is_special(char: str) -> bool:
    return char in _SPECIAL or unicodedata.category(char) in _LINE_BREAKING


def section_of(event: Event) -> str:
    """The name of the section an event goes in: the period its date starts in."""
    start = event.date.start if event.date.start != dt.date.min else event.date.end
    for period in PERIODS:
        if period.start <= start <= period.end:
            return f"{period.name} ({period.start.year}–{period.end.year})"
    if start < PERIODS[0].start:
        return f"Before the {PERIODS[0].name}"
    return f"After {PERIODS[-1].end.year}"


def event_lines(events: list[Event]) -> Iterator[str]:
    """A line for each run of events with the same date label: `label : title : title`."""
    for label, same in groupby(events, key=lambda event: describe(event.date)):
        titles = SEPARATOR.join(encode(event.title) for event in same)
        yield f"{INDENT * 2}{encode(label)}{SEPARATOR}{titles}"


def lines(selection: Selection) -> Iterator[str]:
    yield "timeline"
    yield f"{INDENT}title {encode(selection.timeline.header.title)}"
    yield f"{INDENT}accDescr: {encode(caption(selection))}"
    for section, events in groupby(selection.events, key=section_of):
        yield f"{INDENT}section {encode(section)}"
        yield from event_lines(list(events))


# --- the registry's renderer -----------------------------------------------------------------


def events_mermaid(selection: Selection, options: RenderOptions) -> str:
    return "\n".join(lines(selection)) + "\n"
