"""Filters over the mini fixture: how they combine, what actors stand for, and properties."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iwtimeline.errors import AmbiguousName, BadDate, EmptyWindow, UnknownName
from iwtimeline.model import STATUSES, Event, Timeline
from iwtimeline.query import (
    ActorFilter,
    Query,
    actor_filter,
    build_query,
    coverage,
    find_actor,
    find_events,
    find_place,
    find_tag,
    matches,
    outside_coverage,
    parts_of,
    related_events,
    select,
)
from iwtimeline.summaries import actor_activity, event_sheet, place_tally, tag_tally


def ids(events: tuple[Event, ...]) -> list[str]:
    return [event.id for event in events]


def chosen(timeline: Timeline, **typed: object) -> list[str]:
    return ids(select(timeline, build_query(timeline, **typed)).events)  # type: ignore[arg-type]


# --- names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["Badr", "badr", "BADR", "Badr Corps", "badr brigade", "Badr Organization"]
)
def test_badr_is_found_by_name_alias_or_id_in_any_case(mini: Timeline, typed: str) -> None:
    assert find_actor(mini, typed).id == "badr"


@pytest.mark.parametrize(
    ("typed", "actor_id"),
    [
        ("US", "united-states"),
        ("USA", "united-states"),
        ("Pasdaran", "irgc"),
        ("Kataib", "kataib-hezbollah"),
        ("KATA'IB HEZBOLLAH", "kataib-hezbollah"),
        ("Jaish al-Mahdi", "mahdi-army"),
        ("pjak", "pjak"),
        ("qods", "quds-force"),
    ],
)
def test_actor_by_id_short_name_alias_or_word_prefix(
    mini: Timeline, typed: str, actor_id: str
) -> None:
    assert find_actor(mini, typed).id == actor_id


def test_an_exact_name_wins_over_names_it_begins(mini: Timeline) -> None:
    assert find_actor(mini, "Hezbollah").id == "hezbollah"


def test_a_prefix_of_several_names_is_ambiguous(mini: Timeline) -> None:
    with pytest.raises(AmbiguousName) as caught:
        find_actor(mini, "hezb")
    assert [c.id for c in caught.value.candidates] == ["kataib-hezbollah", "hezbollah"]


def test_a_typo_gets_did_you_mean(mini: Timeline) -> None:
    with pytest.raises(UnknownName) as caught:
        find_actor(mini, "Badrr")
    assert caught.value.suggestions == ("Badr Organization",)


def test_places_and_tags_by_any_spelling(mini: Timeline) -> None:
    assert find_place(mini, "herat").name == "Herat"
    assert find_tag(mini, "Invasion 2003") == "invasion-2003"
    with pytest.raises(UnknownName) as caught:
        find_tag(mini, "sanction")
    assert caught.value.suggestions == ("sanctions",)


def test_events_by_id_in_any_case_or_a_unique_prefix(mini: Timeline) -> None:
    assert ids(find_events(mini, ["2007-KH-EFP", "2008-hez"])) == [
        "2007-kh-efp",
        "2008-hezbollah-training",
    ]
    with pytest.raises(AmbiguousName) as caught:
        find_events(mini, ["2007-k"])
    assert [(c.id, c.label) for c in caught.value.candidates] == [
        ("2007-karbala-raid", "20 Jan 2007  Gunmen raid the Karbala headquarters"),
        ("2007-kh-efp", "11 Feb 2007  US says Kata'ib Hezbollah used Iranian EFPs"),
    ]


# --- actors stand for their parts ----------------------------------------------------------


def test_an_actor_includes_what_is_part_of_it_transitively(mini: Timeline) -> None:
    assert [a.id for a in parts_of(mini, mini.actor_by_id["iran"])] == ["irgc", "quds-force"]
    assert [a.id for a in parts_of(mini, mini.actor_by_id["irgc"])] == ["quds-force"]
    assert parts_of(mini, mini.actor_by_id["badr"]) == ()


def test_iran_finds_the_events_of_the_irgc_and_quds_force(mini: Timeline) -> None:
    assert chosen(mini, actors=["Iran"]) == [
        "1980-war",
        "1982-badr-formed",
        "2001-late-cooperation",
        "2007-karbala-raid",
        "2007-kh-efp",
        "2007-pjak-shelling",
        "2007-sanctions",
    ]


def test_exact_actor_leaves_out_the_parts(mini: Timeline) -> None:
    assert chosen(mini, actors=["Iran"], exact_actors=True) == [
        "1980-war",
        "2001-late-cooperation",
        "2007-kh-efp",
        "2007-pjak-shelling",
    ]


def test_claimed_by_finds_the_claims_an_actor_makes_for_events_and_for_parts(
    mini: Timeline,
) -> None:
    # the US alleges two events and disputes one, and alleges the Quds Force's part in a raid
    assert chosen(mini, claimants=["US"]) == [
        "2007-karbala-raid",
        "2007-kh-efp",
        "2008-hezbollah-training",
        "2008-mahdi-army-disputed",
    ]
    assert chosen(mini, claimants=["Iran"]) == []
    assert chosen(mini, claimants=["US"], actors=["Quds Force"]) == ["2007-karbala-raid"]
    assert chosen(mini, claimants=["US"], statuses=["disputed"]) == ["2008-mahdi-army-disputed"]


def test_a_claimant_stands_for_its_parts_unless_exact(mini: Timeline) -> None:
    from iwtimeline.records import replace

    event = next(e for e in mini.events if e.id == "2007-kh-efp")
    by_quds = replace(event, claimed_by=(mini.actor_by_id["quds-force"],))
    timeline = replace(mini, events=(by_quds,))
    assert chosen(timeline, claimants=["Iran"]) == ["2007-kh-efp"]  # the Quds Force is part of it
    assert chosen(timeline, claimants=["Iran"], exact_actors=True) == []


def test_an_alleged_part_of_relation_brings_in_nothing(mini: Timeline) -> None:
    from iwtimeline.model import Relation
    from iwtimeline.records import replace

    alleged = Relation("part_of", "iran", status="alleged")
    badr = replace(mini.actor_by_id["badr"], relations=(alleged,))
    timeline = replace(mini, actors=tuple(badr if a.id == "badr" else a for a in mini.actors))
    assert [a.id for a in parts_of(timeline, timeline.actor_by_id["iran"])] == [
        "irgc",
        "quds-force",
    ]


# --- how filters combine ------------------------------------------------------------------


def test_repeated_actors_match_any_and_with_match_all_every_one(mini: Timeline) -> None:
    assert chosen(mini, actors=["pjak", "Hezbollah"]) == [
        "2007-pjak-shelling",
        "2008-hezbollah-training",
    ]
    assert chosen(mini, actors=["Badr", "IRGC"], match_all=True) == ["1982-badr-formed"]
    assert chosen(mini, actors=["US", "Iran"], match_all=True) == [
        "2001-late-cooperation",
        "2007-karbala-raid",  # Iran through the Quds Force, a part of it
        "2007-kh-efp",
        "2007-sanctions",  # Iran through the IRGC
    ]


def test_repeated_tags_and_places_match_any_or_all(mini: Timeline) -> None:
    assert chosen(mini, tags=["pjak", "efp"]) == ["2007-kh-efp", "2007-pjak-shelling"]
    assert chosen(mini, tags=["pjak", "border"], match_all=True) == ["2007-pjak-shelling"]
    assert chosen(mini, tags=["pjak", "efp"], match_all=True) == []
    assert chosen(mini, places=["Herat", "Basra"]) == ["2001-late-cooperation", "2003-badr-crosses"]
    assert chosen(mini, places=["Herat", "Basra"], match_all=True) == []


def test_repeated_years_match_any(mini: Timeline) -> None:
    assert chosen(mini, years=[2001, 2003]) == ["2001-late-cooperation", "2003-badr-crosses"]
    # the war, 1980-1988, touches 1985
    assert chosen(mini, years=[1985, 2008]) == [
        "1980-war",
        "2008-hezbollah-training",
        "2008-mahdi-army-disputed",
    ]


def test_years_and_a_date_window_combine_with_and(mini: Timeline) -> None:
    assert chosen(mini, years=[2007, 2008], start="Aug 2007", end="2007") == [
        "2007-pjak-shelling",
        "2007-sanctions",
    ]


def test_repeated_search_terms_must_all_match(mini: Timeline) -> None:
    assert chosen(mini, texts=["badr"]) == ["1982-badr-formed", "2003-badr-crosses"]
    assert chosen(mini, texts=["badr", "crosses"]) == ["2003-badr-crosses"]
    assert chosen(mini, texts=["badr crosses"]) == ["2003-badr-crosses"]
    assert chosen(mini, texts=["badr", "herat"]) == []


def test_search_matches_words_from_their_start_in_every_field(mini: Timeline) -> None:
    assert chosen(mini, texts=["herat"]) == ["2001-late-cooperation"]  # a place
    assert chosen(mini, texts=["pasdaran"]) == ["1982-badr-formed", "2007-sanctions"]  # alias
    assert chosen(mini, texts=["sanction"]) == ["2007-sanctions"]  # the start of a word
    assert chosen(mini, texts=["anctions"]) == []  # not the middle of one


def test_status_alone_tests_the_event(mini: Timeline) -> None:
    assert chosen(mini, statuses=["alleged"]) == ["2007-kh-efp", "2008-hezbollah-training"]
    assert "2007-karbala-raid" in chosen(mini, statuses=["documented"])


def test_status_with_an_actor_tests_that_actors_part(mini: Timeline) -> None:
    # the raid is documented; the Quds Force's part in it only alleged
    assert chosen(mini, actors=["Quds Force"], statuses=["documented"]) == []
    assert chosen(mini, actors=["Quds Force"], statuses=["alleged"]) == ["2007-karbala-raid"]
    assert chosen(mini, actors=["US"], statuses=["documented"]) == [
        "2007-karbala-raid",
        "2007-sanctions",
    ]
    # through its parts, Iran's alleged part in the raid is found too
    assert chosen(mini, actors=["Iran"], statuses=["alleged"]) == [
        "2007-karbala-raid",
        "2007-kh-efp",
    ]


def test_limit_keeps_the_total(mini: Timeline) -> None:
    selection = select(mini, build_query(mini, limit=2, reverse=True))
    assert ids(selection.events) == ["2008-mahdi-army-disputed", "2008-hezbollah-training"]
    assert (selection.total, selection.cut) == (10, True)
    whole = select(mini, build_query(mini))
    assert (whole.total, whole.cut) == (10, False)


def test_bounds_cover_their_whole_precision(mini: Timeline) -> None:
    assert chosen(mini, start="2007-08", end="Aug 2007") == ["2007-pjak-shelling"]
    assert chosen(mini, end="2001") == ["1980-war", "1982-badr-formed", "2001-late-cooperation"]
    assert chosen(mini, start="autumn 2007", end="autumn 2007") == ["2007-sanctions"]


def test_bad_dates_and_empty_windows_carry_what_was_typed(mini: Timeline) -> None:
    with pytest.raises(BadDate) as caught:
        build_query(mini, start="someday")
    assert (caught.value.which, caught.value.text) == ("start", "someday")
    with pytest.raises(EmptyWindow):
        build_query(mini, start="2008", end="2003")


# --- around an event, and tallies ----------------------------------------------------------


def test_related_events_share_actors_and_lie_close(mini: Timeline) -> None:
    sanctions = {e.id: e for e in mini.events}["2007-sanctions"]
    # the sanctions share the US and the IRGC; 1982 shares the IRGC but is too long before
    assert ids(related_events(mini, sanctions)) == [
        "2007-karbala-raid",
        "2007-kh-efp",
    ]


def related_the_long_way(timeline: Timeline, event: Event, limit: int = 5) -> list[str]:
    """The rule of related_events written over the events themselves, not their facts."""
    import math
    from collections import Counter

    counts = Counter(actor.id for other in timeline.events for actor in other.actors)
    mine = {actor.id for actor in event.actors}
    scored = []
    for other in timeline.events:
        shared = mine & {actor.id for actor in other.actors}
        if other.date.overlaps(event.date.start, event.date.end):
            distance = 0
        elif event.date.end < other.date.start:
            distance = (other.date.start - event.date.end).days
        else:
            distance = (event.date.start - other.date.end).days
        if other.id == event.id or not shared or distance > 2 * 366:
            continue
        weight = sum(1 / math.log2(1 + counts[actor_id]) for actor_id in sorted(shared))
        scored.append((-weight, distance, other.sort_key, other))
    best = [item[-1] for item in sorted(scored, key=lambda item: item[:3])[:limit]]
    return [e.id for e in sorted(best, key=lambda e: e.sort_key)]


def test_related_events_read_from_the_facts_are_those_the_events_give() -> None:
    from iwtimeline.load import load_timeline
    from iwtimeline.paths import bundled_data_path

    bundled = load_timeline(bundled_data_path())
    for event in bundled.events:
        assert ids(related_events(bundled, event)) == related_the_long_way(bundled, event), event.id


def test_an_event_sheet_holds_the_events_asked_for_and_their_relations(mini: Timeline) -> None:
    sheet = event_sheet(mini, ["2007-sanctions", "1980-war"])
    assert ids(sheet.events) == ["2007-sanctions", "1980-war"]
    assert sheet.related["1980-war"] == ()


def test_coverage_and_filters_outside_it(mini: Timeline) -> None:
    assert coverage(mini) == (1980, 2008)
    assert outside_coverage(select(mini, build_query(mini, years=[2020])))
    assert outside_coverage(select(mini, build_query(mini, start="1950", end="1979")))
    assert not outside_coverage(select(mini, build_query(mini, years=[2005])))
    assert not outside_coverage(select(mini, build_query(mini, texts=["nothing"])))


def test_activity_counts_events_and_years(mini: Timeline) -> None:
    activity = actor_activity(mini)
    assert (activity["iran"].events, activity["iran"].first, activity["iran"].last) == (
        4,
        1980,
        2007,
    )
    assert activity["quds-force"].events == 1


def test_tags_and_places_are_tallied(mini: Timeline) -> None:
    tags = {row.name: row.activity for row in tag_tally(mini).rows}
    assert (tags["militias"].events, tags["militias"].first, tags["militias"].last) == (
        2,
        1982,
        2003,
    )
    places = [(row.name, row.activity.events) for row in place_tally(mini).rows]
    assert places == [
        ("Basra", 1),
        ("Herat", 1),
        ("Iraqi Kurdistan", 1),
        ("Karbala", 1),
        ("Tehran", 1),
    ]


# --- properties --------------------------------------------------------------------------

MINI_ACTORS = [
    "iran",
    "united-states",
    "irgc",
    "quds-force",
    "badr",
    "kataib-hezbollah",
    "hezbollah",
    "pjak",
    "mahdi-army",
]
MINI_TAGS = ["iran-iraq-war", "militias", "us-iran", "efp", "pjak", "border", "sanctions", "raid"]
bounds = st.dates(min_value=date(1975, 1, 1), max_value=date(2012, 12, 31))


@st.composite
def queries(draw: st.DrawFn, timeline: Timeline) -> Query:
    low, high = sorted((draw(bounds), draw(bounds)))
    actor_ids = draw(st.lists(st.sampled_from(MINI_ACTORS), max_size=2, unique=True))
    exact = draw(st.booleans())
    return Query(
        actors=tuple(
            actor_filter(timeline, timeline.actor_by_id[i].name, exact=exact) for i in actor_ids
        ),
        start=draw(st.none() | st.just(low)),
        end=draw(st.none() | st.just(high)),
        tags=tuple(draw(st.lists(st.sampled_from(MINI_TAGS), max_size=2, unique=True))),
        statuses=frozenset(draw(st.lists(st.sampled_from(STATUSES), max_size=2))),
        texts=tuple(draw(st.lists(st.sampled_from(["iran", "shell", "badr corps"]), max_size=2))),
        match_all=draw(st.booleans()),
    )


def involves(event: Event, wanted: ActorFilter, statuses: frozenset[str]) -> bool:
    return any(
        i.actor.id in wanted.members and (not statuses or i.status in statuses)
        for i in event.involvements
    )


@settings(max_examples=300)
@given(data=st.data())
def test_every_selected_event_satisfies_the_query_and_none_is_missed(
    mini: Timeline, data: st.DataObject
) -> None:
    query = data.draw(queries(mini))
    selection = select(mini, query)
    assert set(selection.events) == {event for event in mini.events if matches(event, query)}
    combine = all if query.match_all else any
    for event in selection.events:
        if query.start:
            assert event.date.end >= query.start
        if query.end:
            assert event.date.start <= query.end
        if query.actors:
            assert combine(involves(event, f, query.statuses) for f in query.actors)
        elif query.statuses:
            assert event.status in query.statuses
        if query.tags:
            assert combine(tag in event.tags for tag in query.tags)


@settings(max_examples=200)
@given(data=st.data())
def test_results_stay_in_date_order(mini: Timeline, data: st.DataObject) -> None:
    keys = [event.sort_key for event in select(mini, data.draw(queries(mini))).events]
    assert keys == sorted(keys)


@settings(max_examples=200)
@given(data=st.data(), low=bounds, high=bounds, inner_low=bounds, inner_high=bounds)
def test_a_narrower_range_never_adds_events(
    mini: Timeline, data: st.DataObject, low: date, high: date, inner_low: date, inner_high: date
) -> None:
    low, high = sorted((low, high))
    inner = sorted((min(max(inner_low, low), high), min(max(inner_high, low), high)))
    base = data.draw(queries(mini))
    wide = select(mini, Query(actors=base.actors, tags=base.tags, start=low, end=high))
    narrow = select(mini, Query(actors=base.actors, tags=base.tags, start=inner[0], end=inner[1]))
    assert set(narrow.events) <= set(wide.events)


@settings(max_examples=200)
@given(data=st.data())
def test_match_all_never_selects_more_than_match_any(mini: Timeline, data: st.DataObject) -> None:
    query = data.draw(queries(mini))
    every = select(mini, query._replace(match_all=True))
    some = select(mini, query._replace(match_all=False))
    assert set(every.events) <= set(some.events)


@settings(max_examples=200)
@given(data=st.data())
def test_an_actor_with_its_parts_selects_at_least_the_exact_actor(
    mini: Timeline, data: st.DataObject
) -> None:
    actor_id = data.draw(st.sampled_from(MINI_ACTORS))
    name = mini.actor_by_id[actor_id].name
    exact = select(mini, build_query(mini, actors=[name], exact_actors=True))
    wide = select(mini, build_query(mini, actors=[name]))
    assert set(exact.events) <= set(wide.events)


@settings(max_examples=100)
@given(data=st.data(), limit=st.integers(min_value=0, max_value=12))
def test_limit_and_reverse_only_cut_and_flip(
    mini: Timeline, data: st.DataObject, limit: int
) -> None:
    query = data.draw(queries(mini))
    full = select(mini, query).events
    flipped = select(mini, query._replace(reverse=True))
    cut = select(mini, query._replace(limit=limit))
    assert flipped.events == full[::-1]
    assert cut.events == full[:limit] and cut.total == len(full)
