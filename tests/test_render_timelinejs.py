"""The TimelineJS3 export: exact slides for the fixture, and what TimelineJS reads back."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from iwtimeline.dates import describe, parse_edtf
from iwtimeline.model import Actor, Event, Place, Source, Timeline
from iwtimeline.query import Selection, build_query, select
from iwtimeline.records import replace
from iwtimeline.render import GroupBy, RenderOptions, find_format
from iwtimeline.render.timelinejs import PERIODS, date_objects, events_timelinejs
from tests.strategies import selections


def render(selection: Selection, by: GroupBy | None = None) -> dict[str, Any]:
    output = events_timelinejs(selection, RenderOptions(by=by))
    assert output.endswith("}\n")
    data: dict[str, Any] = json.loads(output)
    return data


def everything(timeline: Timeline, **filters: Any) -> Selection:
    return select(timeline, build_query(timeline, **filters))


def only(timeline: Timeline, event: Event) -> Selection:
    return Selection.of(timeline, (event,))


def event_by_id(timeline: Timeline, event_id: str) -> Event:
    return next(event for event in timeline.events if event.id == event_id)


# --- tests/data/mini.yaml, checked by hand against the fixture ------------------------------

# unique_id, start_date, end_date, display_date and the group --by actor gives: the first actor
# whose part is as firm as the event (the Karbala raid's US target, not its alleged sponsor).
MINI_SLIDES = [
    (
        "iw-1980-war",
        {"year": 1980, "month": 9, "day": 22},
        {"year": 1988, "month": 8, "day": 20},
        "22 Sep 1980 – 20 Aug 1988",
        "Iran",
    ),
    ("iw-1982-badr-formed", {"year": 1982}, None, "c. 1982", "Badr Organization"),
    (
        "iw-2001-late-cooperation",
        {"year": 2001, "month": 9},
        {"year": 2001, "month": 12},
        "late 2001",
        "Iran",
    ),
    ("iw-2003-badr-crosses", {"year": 2003, "month": 3}, None, "Mar 2003", "Badr Organization"),
    (
        "iw-2007-karbala-raid",
        {"year": 2007, "month": 1, "day": 20},
        None,
        "20 Jan 2007",
        "United States",
    ),
    (
        "iw-2007-kh-efp",
        {"year": 2007, "month": 2, "day": 11},
        None,
        "11 Feb 2007",
        "United States",
    ),
    ("iw-2007-pjak-shelling", {"year": 2007, "month": 8, "day": 16}, None, "16 Aug 2007", "Iran"),
    (
        "iw-2007-sanctions",
        {"year": 2007, "month": 9},
        {"year": 2007, "month": 11},
        "autumn 2007",
        "United States",
    ),
    ("iw-2008-hezbollah-training", {"year": 2008}, None, "2008", "Hezbollah"),
    ("iw-2008-mahdi-army-disputed", {"year": 2008, "month": 6}, None, "Jun 2008?", "Mahdi Army"),
]

KARBALA_SLIDE = {
    "start_date": {"year": 2007, "month": 1, "day": 20},
    "display_date": "20 Jan 2007",
    "text": {
        "headline": "Gunmen raid the Karbala headquarters",
        "text": (
            "<p>Gunmen killed five US soldiers in Karbala. US officials later said the Quds Force"
            " had helped plan the raid; Iran denied it.</p>"
            "<p>Status: documented</p>"
            "<p>Actors: United States (target), Quds Force (sponsor, alleged by United States)</p>"
            "<p>Place: Karbala</p>"
            '<p>Sources:</p><ul><li><a href="https://example.org/karbala">Raid report</a>'
            " — Wire service, 21 Jan 2007</li></ul>"
        ),
    },
    "unique_id": "iw-2007-karbala-raid",
}

EFP_SLIDE = {
    "start_date": {"year": 2007, "month": 2, "day": 11},
    "display_date": "11 Feb 2007",
    "text": {
        "headline": "US says Kata&#x27;ib Hezbollah used Iranian EFPs",
        "text": (
            "<p>US officials alleged that Iran supplied explosively formed penetrators. Iran"
            " denied it.</p>"
            "<p>Status: alleged by United States</p>"
            # in an alleged event every part is alleged with it: not said again for each actor
            "<p>Actors: United States (claimant), Kata&#x27;ib Hezbollah, Iran</p>"
            '<p>Sources:</p><ul><li><a href="https://example.org/briefing">Briefing</a></li></ul>'
        ),
    },
    "unique_id": "iw-2007-kh-efp",
}

SANCTIONS_SLIDE = {
    "start_date": {"year": 2007, "month": 9},
    "end_date": {"year": 2007, "month": 11},
    "display_date": "autumn 2007",
    "text": {
        "headline": "Sanctions announced",
        "text": (
            "<p>The United States announced sanctions in the autumn.</p>"
            "<p>Status: documented</p>"
            "<p>Actors: United States, Islamic Revolutionary Guard Corps</p>"
            "<p>Sources:</p><ul><li>Treasury</li></ul>"
        ),
    },
    "group": "sanctions",
    "unique_id": "iw-2007-sanctions",
}


def era(name: str, start: tuple[int, int, int], end: tuple[int, int, int]) -> dict[str, Any]:
    def day(parts: tuple[int, int, int]) -> dict[str, int]:
        return dict(zip(("year", "month", "day"), parts, strict=True))

    return {"start_date": day(start), "end_date": day(end), "text": {"headline": name, "text": ""}}


def test_the_registry_names_the_renderer() -> None:
    form = find_format("timelinejs")
    assert form is not None and form.extension == "json" and "by" in form.options
    assert form.renderers["events"] == "timelinejs:events_timelinejs"


def test_mini_slides(mini: Timeline) -> None:
    data = render(everything(mini), by="actor")
    assert list(data) == ["title", "events", "eras"]
    found = [
        (s["unique_id"], s["start_date"], s.get("end_date"), s["display_date"], s["group"])
        for s in data["events"]
    ]
    assert found == MINI_SLIDES


def test_mini_slides_in_full(mini: Timeline) -> None:
    assert render(everything(mini))["events"][4] == KARBALA_SLIDE
    assert render(everything(mini))["events"][5] == EFP_SLIDE
    assert render(everything(mini), by="tag")["events"][7] == SANCTIONS_SLIDE


def test_mini_title_and_eras(mini: Timeline) -> None:
    data = render(everything(mini))
    assert data["title"] == {
        "text": {"headline": "Test timeline", "text": "<p>10 events</p>"},
        "unique_id": "title",
    }
    assert data["eras"] == [
        era("Iran–Iraq War", (1980, 9, 22), (1988, 8, 20)),
        era("Between the wars", (1988, 8, 21), (2003, 3, 19)),
        era("Invasion and occupation", (2003, 3, 20), (2008, 12, 31)),
    ]


def test_eras_are_cut_to_the_selection_and_dropped_when_untouched(mini: Timeline) -> None:
    # 2007: the Karbala raid (20 Jan) to autumn 2007 (to 30 Nov)
    assert render(everything(mini, years=[2007]))["eras"] == [
        era("Invasion and occupation", (2007, 1, 20), (2007, 11, 30)),
    ]
    # 1982~ is the whole of 1982, inside the war; the war itself, also in 1982, is all of it
    assert render(everything(mini, years=[1982]))["eras"] == [
        era("Iran–Iraq War", (1980, 9, 22), (1988, 8, 20)),
    ]
    assert render(everything(mini, actors=["Badr"], years=[1982]))["eras"] == [
        era("Iran–Iraq War", (1982, 1, 1), (1982, 12, 31)),
    ]
    # March 2003 straddles the start of the invasion
    assert render(everything(mini, start="2003-03", end="2003-03"))["eras"] == [
        era("Between the wars", (2003, 3, 1), (2003, 3, 19)),
        era("Invasion and occupation", (2003, 3, 20), (2003, 3, 31)),
    ]


def test_the_title_says_what_was_selected(mini: Timeline) -> None:
    data = render(everything(mini, actors=["Quds Force"], years=[2007]))
    assert data["title"]["text"]["text"] == "<p>1 event · actor: Quds Force · year: 2007</p>"


def test_groups(mini: Timeline) -> None:
    def groups(by: GroupBy | None) -> list[str | None]:
        return [slide.get("group") for slide in render(everything(mini), by=by)["events"]]

    assert groups(None) == [None] * 10
    assert groups("status") == [event.status for event in mini.events]
    assert groups("tag")[:4] == ["iran-iraq-war", "militias", "us-iran", "invasion-2003"]
    assert groups("tag")[-1] is None  # no tags: no group (TimelineJS puts it in a row of its own)
    assert groups("place")[:5] == [None, "Tehran", "Herat", "Basra", "Karbala"]


def test_actor_group_falls_back_to_the_first_actor_when_none_is_as_firm(mini: Timeline) -> None:
    raid = event_by_id(mini, "2007-karbala-raid")
    sponsor_only = replace(raid, involvements=raid.involvements[1:])
    assert render(only(mini, sponsor_only), by="actor")["events"][0]["group"] == "Quds Force"


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2007-01-20", {"year": 2007, "month": 1, "day": 20}, None),
        ("2007-08", {"year": 2007, "month": 8}, None),
        ("2007", {"year": 2007}, None),
        ("2004%", {"year": 2004}, None),
        ("2007-21", {"year": 2007, "month": 3}, {"year": 2007, "month": 5}),
        ("2007-24", {"year": 2007, "month": 12}, {"year": 2008, "month": 2}),  # winter runs on
        ("2003-35", {"year": 2003, "month": 7}, {"year": 2003, "month": 9}),
        ("2003-40", {"year": 2003, "month": 1}, {"year": 2003, "month": 6}),
        ("2001-38", {"year": 2001, "month": 5}, {"year": 2001, "month": 8}),
        ("1982/2008", {"year": 1982}, {"year": 2008}),
        ("2006-12/2007", {"year": 2006, "month": 12}, {"year": 2007}),
        ("2003-23/2004-24", {"year": 2003, "month": 9}, {"year": 2005, "month": 2}),
        ("2007/2007", {"year": 2007}, None),  # TimelineJS drops an end equal to the start
        ("2007-05-01/..", {"year": 2007, "month": 5, "day": 1}, None),
        ("2007-23/..", {"year": 2007, "month": 9}, None),
        ("../2003", {"year": 2003}, None),  # placed where it ends: a start is required
        ("../2007-23", {"year": 2007, "month": 9}, {"year": 2007, "month": 11}),
    ],
)
def test_date_objects(text: str, start: dict[str, int], end: dict[str, int] | None) -> None:
    assert date_objects(parse_edtf(text)) == (start, end)


def test_an_open_end_has_no_end_date_and_says_so(mini: Timeline) -> None:
    war = replace(mini.events[0], date=parse_edtf("1980-09-22/.."))
    slide = render(only(mini, war))["events"][0]
    assert "end_date" not in slide and slide["display_date"] == "since 22 Sep 1980"


def test_the_periods_follow_one_another() -> None:
    for before, after in pairwise(PERIODS):
        assert before.start < before.end and (after.start - before.end).days == 1


# --- escaping --------------------------------------------------------------------------------

HOSTILE = "<img src=x onerror=\"alert(1)\"> & 'q' <b>&amp;</b>"


def test_data_text_is_escaped_everywhere(mini: Timeline) -> None:
    raid = event_by_id(mini, "2007-karbala-raid")
    hostile_actor = Actor("x", HOSTILE, "militia")
    source = Source(HOSTILE, HOSTILE, 'https://example.org/?a=1&b="2"<', parse_edtf("2007"))
    event = replace(
        raid,
        title=HOSTILE,
        summary=f"{HOSTILE}\nsecond line",
        involvements=(replace(raid.involvements[1], actor=hostile_actor, role=HOSTILE),),
        places=(Place(HOSTILE),),
        sources=(source,),
    )
    timeline = replace(mini, header=replace(mini.header, title=HOSTILE))
    data = render(only(timeline, event), by="place")
    slide = data["events"][0]
    escaped = html.escape(HOSTILE)
    assert data["title"]["text"]["headline"] == escaped
    assert slide["text"]["headline"] == escaped
    text = slide["text"]["text"]
    assert text.startswith(f"<p>{escaped}<br>second line</p>")
    assert f"Actors: {escaped} ({escaped}, alleged by United States)" in text
    assert f"<p>Place: {escaped}</p>" in text
    assert '<a href="https://example.org/?a=1&amp;b=&quot;2&quot;&lt;">' in text
    assert f">{escaped}</a> — {escaped}, 2007</li>" in text
    # TimelineJS reads a group as HTML, keeps its text and writes that back as HTML: escaped twice
    assert slide["group"] == html.escape(escaped)
    assert "<" not in html.unescape(slide["group"])
    assert html.unescape(html.unescape(slide["group"])) == HOSTILE
    assert_no_raw_markup(data)


def test_only_http_addresses_are_links(mini: Timeline) -> None:
    raid = event_by_id(mini, "2007-karbala-raid")
    sources = (
        Source("one", url="javascript:alert(1)"),
        Source("two", url="HTTPS://example.org/x"),
        Source("three", url="data:text/html,<b>x</b>"),
    )
    text = render(only(mini, replace(raid, sources=sources)))["events"][0]["text"]["text"]
    assert text.endswith(
        '<ul><li>one</li><li><a href="HTTPS://example.org/x">two</a></li><li>three</li></ul>'
    )


def test_bidi_controls_are_isolated_from_the_words_after_them(mini: Timeline) -> None:
    raid = event_by_id(mini, "2007-karbala-raid")
    source = Source("\u202ereport", "\u2067Wire", "https://example.org/x", parse_edtf("2007"))
    event = replace(raid, summary="\u202eone\nplain", sources=(source,))
    text = render(only(mini, event))["events"][0]["text"]["text"]
    assert text.startswith("<p><bdi>\u202eone</bdi><br>plain</p>")
    assert text.endswith(
        '<li><a href="https://example.org/x"><bdi>\u202ereport</bdi></a>'
        " — <bdi>\u2067Wire</bdi>, 2007</li></ul>"
    )


OUR_TAGS = re.compile(r'</?(?:p|ul|li|bdi)>|<br>|<a href="[^"<>]*">|</a>')
ENTITY = re.compile(r"&(?:amp|lt|gt|quot|#x27);")


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def assert_no_raw_markup(data: dict[str, Any]) -> None:
    """No '<', '>' or '&' in any string but our own tags and the entities escaping makes."""
    for text in strings(data):
        assert "&" not in ENTITY.sub("", text), text
        bare = OUR_TAGS.sub("", text)
        assert "<" not in bare and ">" not in bare, text


# --- round trip --------------------------------------------------------------------------------

SUB_YEAR_MONTHS = {
    21: (3, 5),
    22: (6, 8),
    23: (9, 11),
    24: (12, 14),
    33: (1, 3),
    34: (4, 6),
    35: (7, 9),
    36: (10, 12),
    37: (1, 4),
    38: (5, 8),
    39: (9, 12),
    40: (1, 6),
    41: (7, 12),
}


def bounds(edtf: str) -> tuple[dict[str, int], dict[str, int]]:
    """The first and last date objects of one EDTF date, read from its text alone."""
    year, *rest = (int(part) for part in edtf.rstrip("~?%").split("-"))
    if not rest:
        return {"year": year}, {"year": year}
    if len(rest) == 2:
        day = {"year": year, "month": rest[0], "day": rest[1]}
        return day, day
    if rest[0] <= 12:
        month = {"year": year, "month": rest[0]}
        return month, month
    first, last = SUB_YEAR_MONTHS[rest[0]]
    if last > 12:  # winter: February of the next year
        return {"year": year, "month": first}, {"year": year + 1, "month": last - 12}
    return {"year": year, "month": first}, {"year": year, "month": last}


def expected_dates(edtf: str) -> tuple[dict[str, int], dict[str, int] | None]:
    first, _, last = edtf.partition("/")
    last = last or first
    start = bounds(last if first == ".." else first)[0]
    end = None if last == ".." else bounds(last)[1]
    return start, (None if end == start else end)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(selection=selections())
def test_round_trip(selection: Selection) -> None:
    data = render(selection, by="actor")
    slides = data["events"]
    assert len(slides) == len(selection.events)
    assert html.unescape(data["title"]["text"]["headline"]) == selection.timeline.header.title
    for slide, event in zip(slides, selection.events, strict=True):
        assert slide["unique_id"] == f"iw-{event.id}"
        assert (slide["start_date"], slide.get("end_date")) == expected_dates(event.date.text)
        assert html.unescape(slide["text"]["headline"]) == event.title
        assert html.unescape(html.unescape(slide["display_date"])) == describe(event.date)
        assert slide["display_date"] == describe(event.date)  # our labels need no escaping
        assert html.unescape(html.unescape(slide["group"])) in {a.name for a in event.actors}
        for line in event.summary.splitlines():
            assert html.escape(line) in slide["text"]["text"]
    assert len({slide["unique_id"] for slide in slides} | {"title"}) == len(slides) + 1
    assert_no_raw_markup(data)


def test_an_empty_selection_is_still_a_timeline_file(mini: Timeline) -> None:
    data = render(everything(mini, years=[1990]))
    assert data["events"] == [] and data["eras"] == []
    assert data["title"]["text"]["text"] == "<p>0 events · year: 1990</p>"
