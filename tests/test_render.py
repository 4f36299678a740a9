"""Renderers on their own: exact text at a pinned width, no colour, data shown literally."""

from __future__ import annotations

import io
import json
from dataclasses import replace

from rich.console import Console

from iwtimeline.model import Timeline
from iwtimeline.query import Query, actor_activity, build_query, select
from iwtimeline.render import FORMATS, Selection
from iwtimeline.render.actors import actors_table
from iwtimeline.render.detail import event_detail
from iwtimeline.render.tree import events_tree


def text_of(renderable: object, width: int = 80) -> str:
    out = io.StringIO()
    Console(file=out, width=width, no_color=True, color_system=None, markup=False).print(renderable)
    return out.getvalue()


def selection(timeline: Timeline, **filters: object) -> Selection:
    query = build_query(timeline, **filters)  # type: ignore[arg-type]
    return Selection(timeline, query, select(timeline, query))


def test_table_rows_are_chronological_with_human_dates(mini: Timeline) -> None:
    text = text_of(FORMATS["table"](selection(mini)))
    order = [
        text.index(label)
        for label in (
            "22 Sep 1980 –",
            "c. 1982",
            "late 2001",
            "Mar 2003",
            "11 Feb 2007",
            "16 Aug 2007",
            "autumn 2007",
            "2008",
            "Jun 2008?",
        )
    ]
    assert order == sorted(order)
    assert "9 events" in text


def test_table_fits_80_columns_and_shows_ids_for_show(mini: Timeline) -> None:
    text = text_of(FORMATS["table"](selection(mini)), width=80)
    assert max(len(line) for line in text.splitlines()) <= 80
    for event in mini.events:
        assert event.id in text


def test_table_caption_names_the_filters(mini: Timeline) -> None:
    text = text_of(FORMATS["table"](selection(mini, actors=["badr"], start="2003", end="2007")))
    assert "1 event · actor: Badr Organization · 2003-01-01 to 2007-12-31" in text


def test_data_is_shown_literally_not_as_markup(mini: Timeline) -> None:
    event = replace(mini.events[0], title="[bold red]Not markup[/] :smile:")
    timeline = replace(mini, events=(event,))
    shown = text_of(FORMATS["table"](Selection(timeline, Query(), (event,))), width=120)
    assert "[bold red]Not markup[/] :smile:" in shown
    assert "[bold red]Not markup[/]" in text_of(event_detail(event), width=120)


def test_tree_nests_year_month_event(mini: Timeline) -> None:
    text = text_of(events_tree(selection(mini, year=2007)), width=120)
    lines = text.splitlines()
    year = next(i for i, line in enumerate(lines) if line.endswith("2007"))
    august = next(i for i, line in enumerate(lines) if "August" in line)
    shelling = next(i for i, line in enumerate(lines) if "Iran shells PJAK positions" in line)
    assert year < august < shelling
    # autumn 2007 is not a month: it hangs from the year itself, not from a month
    autumn = next(line for line in lines if "autumn 2007" in line)
    assert autumn.index("autumn") < lines[shelling].index("16 Aug")


def test_tree_by_actor_groups_under_the_asked_actors_only(mini: Timeline) -> None:
    text = text_of(events_tree(selection(mini, actors=["irgc"]), by="actor"), width=120)
    groups = [line for line in text.splitlines() if line.startswith(("├── ", "└── "))]
    assert [g[4:].strip() for g in groups] == ["Islamic Revolutionary Guard Corps"]


def test_tree_by_tag(mini: Timeline) -> None:
    text = text_of(events_tree(selection(mini, actors=["pjak"]), by="tag"), width=120)
    assert "border" in text and "pjak" in text


def test_detail_shows_everything_about_an_event(mini: Timeline) -> None:
    event = next(e for e in mini.events if e.id == "2007-kh-efp")
    text = text_of(event_detail(event), width=100)
    for expected in (
        "11 Feb 2007",
        "exact day",
        "alleged",
        "Claimed by",
        "United States (state)",
        "Kata'ib Hezbollah (militia)",
        "Iran denied it",
        "https://example.org/briefing",
        "2007-kh-efp",
    ):
        assert expected in text


def test_actors_table_counts_events_and_years(mini: Timeline) -> None:
    text = text_of(actors_table(mini, actor_activity(mini)), width=120)
    badr = next(line for line in text.splitlines() if line.startswith("Badr Organization"))
    assert badr.split() == [
        "Badr",
        "Organization",
        "militia",
        "2",
        "1982–2003",
        "Badr",
        "Corps,",
        "Badr",
        "Brigade",
    ]
    pjak = next(line for line in text.splitlines() if line.startswith("Party of Free Life"))
    assert pjak.rstrip().endswith("1   2007        PEJAK, Kurdistan Free Life Party")


# --- JSON: the published contract --------------------------------------------------------

EVENT_KEYS = [
    "id",
    "date",
    "start",
    "end",
    "precision",
    "approximate",
    "uncertain",
    "date_label",
    "date_note",
    "title",
    "summary",
    "actors",
    "places",
    "tags",
    "status",
    "claimed_by",
    "sources",
]


def test_json_is_an_array_of_events_with_a_stable_key_order(mini: Timeline) -> None:
    records = json.loads(FORMATS["json"](selection(mini)))
    assert [list(record) for record in records] == [EVENT_KEYS] * len(mini.events)


def test_json_dates_are_iso_intervals_and_the_text_as_written(mini: Timeline) -> None:
    records = {r["id"]: r for r in json.loads(FORMATS["json"](selection(mini)))}
    war = records["1980-war"]
    assert (war["date"], war["start"], war["end"], war["precision"]) == (
        "1980-09-22/1988-08-20",
        "1980-09-22",
        "1988-08-20",
        "interval",
    )
    autumn = records["2007-sanctions"]
    assert (autumn["start"], autumn["end"], autumn["precision"]) == (
        "2007-09-01",
        "2007-11-30",
        "season",
    )
    badr = records["1982-badr-formed"]
    assert (badr["approximate"], badr["uncertain"], badr["date_label"]) == (True, False, "c. 1982")


def test_json_actors_and_sources_are_objects(mini: Timeline) -> None:
    record = next(
        r for r in json.loads(FORMATS["json"](selection(mini))) if r["id"] == "2007-kh-efp"
    )
    assert record["actors"][1] == {
        "id": "kataib-hezbollah",
        "name": "Kata'ib Hezbollah",
        "kind": "militia",
    }
    assert record["claimed_by"] == [
        {"id": "united-states", "name": "United States", "kind": "state"}
    ]
    assert record["sources"] == [
        {
            "title": "Briefing",
            "publisher": None,
            "url": "https://example.org/briefing",
            "date": None,
        }
    ]


def test_empty_selection_is_an_empty_array(mini: Timeline) -> None:
    assert FORMATS["json"](Selection(mini, Query(), ())) == "[]\n"
    assert FORMATS["jsonl"](Selection(mini, Query(), ())) == ""


def test_jsonl_is_one_object_per_line_matching_json(mini: Timeline) -> None:
    chosen = selection(mini)
    lines = FORMATS["jsonl"](chosen).splitlines()
    assert [json.loads(line) for line in lines] == json.loads(FORMATS["json"](chosen))


def test_json_keeps_non_ascii_readable(mini: Timeline) -> None:
    assert "Iran–Iraq War" in FORMATS["json"](selection(mini, year=1980))
