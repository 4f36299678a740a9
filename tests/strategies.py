"""Hypothesis strategies for whole timelines, for round-trip tests of the exports.

Events are built as the loader would build them (dates through parse_edtf, involvements with
effective statuses), with text that is anything a data file may hold: markup, HTML, formula
prefixes, quotes, commas, semicolons, colons, hashes, bidi and zero-width characters, and
non-Latin scripts, but no control characters (the loader refuses them).
"""

from __future__ import annotations

from hypothesis import strategies as st

from iwtimeline.dates import parse_edtf
from iwtimeline.model import (
    CLAIMS,
    STATUSES,
    Actor,
    Event,
    FuzzyDate,
    Header,
    Involvement,
    Place,
    Source,
    Timeline,
)
from iwtimeline.query import Selection

# the characters exports must take care of, mixed into ordinary text
AWKWARD = [
    "[bold]x[/bold]",
    "<b>&amp;</b>",
    "=SUM(A1)",
    "+1",
    "-2",
    "@x",
    '"quoted"',
    "a, b; c: d",
    "#heading",
    "*stars* _under_ `tick`",
    "\\back\\slash",
    "|pipe|",
    "\u202eright-to-left",
    "zero\u200bwidth",
    "Kata'ib",
    "شیعه",
    "😀",
    "line\\nbreak",
    "a" * 90,
]


def _no_controls(text: str) -> bool:
    return not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in text)


text = (
    st.one_of(
        st.sampled_from(AWKWARD),
        st.text(min_size=1, max_size=60).filter(_no_controls),
    )
    .map(str.strip)
    .filter(bool)
)

multiline_text = st.lists(text, min_size=1, max_size=3).map("\n".join)


@st.composite
def single_dates(draw: st.DrawFn) -> str:
    year = draw(st.integers(min_value=1980, max_value=2008))
    form = draw(st.sampled_from(["year", "month", "day", "sub"]))
    if form == "year":
        value = f"{year:04d}"
    elif form == "month":
        value = f"{year:04d}-{draw(st.integers(1, 12)):02d}"
    elif form == "day":
        value = f"{year:04d}-{draw(st.integers(1, 12)):02d}-{draw(st.integers(1, 28)):02d}"
    else:
        code = draw(st.sampled_from([21, 22, 23, 24, 33, 34, 35, 36, 37, 38, 39, 40, 41]))
        value = f"{year:04d}-{code}"
    return value + draw(st.sampled_from(["", "", "~", "?", "%"]))


@st.composite
def dates(draw: st.DrawFn) -> FuzzyDate:
    first = draw(single_dates())
    kind = draw(st.sampled_from(["single", "single", "span", "open"]))
    if kind == "single":
        return parse_edtf(first)
    if kind == "open":
        return parse_edtf(f"{first}/..")
    second = draw(single_dates())
    low, high = sorted((parse_edtf(first), parse_edtf(second)), key=lambda d: (d.start, d.end))
    if high.end < low.start:  # pragma: no cover - sorted above
        low, high = high, low
    return parse_edtf(f"{low.text}/{high.text}")


ACTORS = (
    Actor("iran", "Iran", "state"),
    Actor("united-states", "United States", "state", short="US"),
    Actor("quds-force", "Quds Force", "armed-force"),
    Actor("badr", "Badr Organization", "militia", aliases=("Badr Corps",)),
)


@st.composite
def sources(draw: st.DrawFn) -> Source:
    return Source(
        title=draw(text),
        publisher=draw(st.none() | text),
        url=draw(st.none() | st.sampled_from(["https://example.org/a?b=1&c=2", "http://x.y/z"])),
        date=draw(st.none() | st.builds(parse_edtf, single_dates())),
    )


@st.composite
def events(draw: st.DrawFn, number: int) -> Event:
    status = draw(st.sampled_from(STATUSES))
    claimants = (ACTORS[1],) if status in CLAIMS else ()
    chosen = draw(st.lists(st.sampled_from(ACTORS), min_size=1, max_size=3, unique=True))
    involvements = tuple(
        Involvement(
            actor, status, draw(st.none() | st.sampled_from(["sponsor", "target"])), claimants
        )
        for actor in chosen
    )
    places = tuple(Place(name) for name in draw(st.lists(text, max_size=2, unique=True)))
    return Event(
        id=f"event-{number}",
        date=draw(dates()),
        title=draw(text),
        summary=draw(multiline_text),
        involvements=involvements,
        status=status,
        sources=tuple(draw(st.lists(sources(), min_size=1, max_size=3))),
        places=places,
        tags=tuple(draw(st.lists(st.sampled_from(["raid", "border", "efp"]), unique=True))),
        claimed_by=claimants,
        date_note=draw(st.none() | multiline_text),
    )


@st.composite
def selections(draw: st.DrawFn, max_events: int = 6) -> Selection:
    count = draw(st.integers(min_value=0, max_value=max_events))
    chosen = [draw(events(number)) for number in range(count)]
    chosen.sort(key=lambda event: event.sort_key)
    timeline = Timeline(Header(draw(text)), ACTORS, tuple(chosen))
    return Selection.of(timeline, timeline.events)
