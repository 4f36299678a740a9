from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iwtimeline.errors import UnknownNameError, UsageError
from iwtimeline.model import STATUSES, Timeline
from iwtimeline.names import fold
from iwtimeline.query import (
    Query,
    actor_activity,
    build_query,
    find_actors,
    find_event,
    matches,
    select,
)


def ids(events: tuple) -> list[str]:  # type: ignore[type-arg]
    return [event.id for event in events]


# --- names -------------------------------------------------------------------------------


def test_fold_ignores_case_accents_and_apostrophes() -> None:
    assert fold("Kata'ib Hezbollah") == fold("KATAIB HEZBOLLAH") == "kataib hezbollah"
    assert fold("Jaish al-Mahdī") == "jaish al mahdi"
    assert fold("Kataʾib  Hezbollah") == "kataib hezbollah"


@pytest.mark.parametrize("typed", ["Badr", "badr", "BADR", "badr corps", "Badr Brigade", "bádr"])
def test_badr_is_found_by_name_alias_any_case_or_accent(mini: Timeline, typed: str) -> None:
    assert [a.id for a in find_actors(mini, typed)] == ["badr"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("kataib hezbollah", ["kataib-hezbollah"]),
        ("Kata'ib", ["kataib-hezbollah"]),
        ("hezbollah brigades", ["kataib-hezbollah"]),
        ("irgc", ["irgc"]),
        ("pasdaran", ["irgc"]),
        ("Revolutionary Guard", ["irgc"]),
        ("pejak", ["pjak"]),
        ("jaysh al-mahdi", ["mahdi-army"]),
        ("Mahdi", ["mahdi-army"]),
        ("united-states", ["united-states"]),
        ("us", ["united-states"]),
    ],
)
def test_actor_lookup_by_id_short_name_alias_or_word_prefix(
    mini: Timeline, typed: str, expected: list[str]
) -> None:
    assert [a.id for a in find_actors(mini, typed)] == expected


def test_an_exact_name_wins_over_prefix_matches(mini: Timeline) -> None:
    # 'Hezbollah' is Lebanese Hezbollah, not every actor with Hezbollah in its name
    assert [a.id for a in find_actors(mini, "Hezbollah")] == ["hezbollah"]


def test_a_prefix_shared_by_several_actors_finds_them_all(mini: Timeline) -> None:
    assert {a.id for a in find_actors(mini, "hezb")} == {"hezbollah", "kataib-hezbollah"}


def test_a_typo_gets_did_you_mean(mini: Timeline) -> None:
    with pytest.raises(UnknownNameError) as caught:
        find_actors(mini, "Badrr")
    assert caught.value.suggestions == ("Badr Organization",)
    assert 'did you mean "Badr Organization"?' in str(caught.value)


def test_too_short_a_fragment_is_not_a_prefix_match(mini: Timeline) -> None:
    with pytest.raises(UnknownNameError):
        find_actors(mini, "ba")


def test_a_name_that_matches_nothing_has_no_wild_suggestions(mini: Timeline) -> None:
    with pytest.raises(UnknownNameError) as caught:
        find_actors(mini, "zzzzzz")
    assert caught.value.suggestions == ()


def test_find_event_suggests_ids(mini: Timeline) -> None:
    assert find_event(mini, "2007-pjak-shelling").title == "Iran shells PJAK positions"
    with pytest.raises(UnknownNameError) as caught:
        find_event(mini, "pjak")
    assert caught.value.suggestions == ("2007-pjak-shelling",)


# --- filters -----------------------------------------------------------------------------


def test_actor_filter_selects_events_naming_any_of_the_actors(mini: Timeline) -> None:
    query = build_query(mini, actors=["Badr", "PJAK"])
    assert ids(select(mini, query)) == [
        "1982-badr-formed",
        "2003-badr-crosses",
        "2007-pjak-shelling",
    ]


def test_year_filter_keeps_events_whose_interval_touches_the_year(mini: Timeline) -> None:
    # the 1980-1988 war touches 1985; the approximate 1982 date does not
    assert ids(select(mini, build_query(mini, year=1985))) == ["1980-war"]
    assert ids(select(mini, build_query(mini, year=1982))) == ["1980-war", "1982-badr-formed"]


def test_to_bound_includes_its_whole_precision(mini: Timeline) -> None:
    assert "2007-pjak-shelling" in ids(
        select(mini, build_query(mini, start="2007", end="Aug 2007"))
    )
    assert "2007-pjak-shelling" not in ids(
        select(mini, build_query(mini, start="2007", end="15 Aug 2007"))
    )


def test_range_touching_a_season_includes_it(mini: Timeline) -> None:
    # autumn 2007 is Sep-Nov: a window ending in September touches it
    assert "2007-sanctions" in ids(
        select(mini, build_query(mini, start="2007-09-30", end="2007-09-30"))
    )
    assert "2007-sanctions" not in ids(select(mini, build_query(mini, start="2007-12", end="2008")))


def test_filters_combine_with_and(mini: Timeline) -> None:
    query = build_query(mini, actors=["United States"], tags=["sanctions"], year=2007)
    assert ids(select(mini, query)) == ["2007-sanctions"]
    query = build_query(mini, actors=["United States"], statuses=["alleged"])
    assert ids(select(mini, query)) == ["2007-kh-efp"]


def test_tags_and_statuses_combine_with_or_among_themselves(mini: Timeline) -> None:
    assert ids(select(mini, build_query(mini, tags=["pjak", "sanctions"]))) == [
        "2007-pjak-shelling",
        "2007-sanctions",
    ]
    assert ids(select(mini, build_query(mini, statuses=["alleged", "disputed"]))) == [
        "2007-kh-efp",
        "2008-hezbollah-training",
        "2008-mahdi-army-disputed",
    ]


def test_an_unknown_tag_is_an_error_with_suggestions(mini: Timeline) -> None:
    with pytest.raises(UnknownNameError, match='did you mean "sanctions"'):
        build_query(mini, tags=["sanction"])


def test_search_matches_all_words_in_title_summary_actors_and_places(mini: Timeline) -> None:
    assert ids(select(mini, build_query(mini, text="herat"))) == ["2001-late-cooperation"]
    assert ids(select(mini, build_query(mini, text="Pasdaran sanctions"))) == ["2007-sanctions"]
    assert ids(select(mini, build_query(mini, text="kataib IRAN denied"))) == ["2007-kh-efp"]
    assert ids(select(mini, build_query(mini, text="herat sanctions"))) == []


def test_limit_and_reverse(mini: Timeline) -> None:
    assert ids(select(mini, build_query(mini, limit=2))) == ["1980-war", "1982-badr-formed"]
    assert ids(select(mini, build_query(mini, limit=1, reverse=True))) == [
        "2008-mahdi-army-disputed"
    ]


def test_an_empty_window_is_a_usage_error(mini: Timeline) -> None:
    with pytest.raises(UsageError, match="after the end"):
        build_query(mini, start="2008", end="2007")


def test_actor_activity_counts_and_years(mini: Timeline) -> None:
    activity = actor_activity(mini)
    assert (activity["iran"].events, activity["iran"].first, activity["iran"].last) == (
        4,
        1980,
        2007,
    )
    assert activity["badr"].events == 2


# --- properties --------------------------------------------------------------------------

MINI_ACTORS = [
    "iran",
    "united-states",
    "irgc",
    "badr",
    "kataib-hezbollah",
    "hezbollah",
    "pjak",
    "mahdi-army",
]
MINI_TAGS = [
    "iran-iraq-war",
    "militias",
    "us-iran",
    "afghanistan",
    "invasion-2003",
    "efp",
    "pjak",
    "border",
    "sanctions",
    "training",
]
bounds = st.dates(min_value=date(1975, 1, 1), max_value=date(2012, 12, 31))


@st.composite
def queries(draw: st.DrawFn, timeline: Timeline) -> Query:
    low, high = sorted((draw(bounds), draw(bounds)))
    actor_ids = draw(st.lists(st.sampled_from(MINI_ACTORS), max_size=2, unique=True))
    return Query(
        actors=tuple(timeline.actor_by_id[i] for i in actor_ids),
        start=draw(st.none() | st.just(low)),
        end=draw(st.none() | st.just(high)),
        tags=frozenset(draw(st.lists(st.sampled_from(MINI_TAGS), max_size=2))),
        statuses=frozenset(draw(st.lists(st.sampled_from(STATUSES), max_size=2))),
        text=draw(st.sampled_from(["", "iran", "shell", "badr corps"])),
    )


@settings(max_examples=200)
@given(data=st.data())
def test_every_selected_event_satisfies_the_query_and_none_is_missed(
    mini: Timeline, data: st.DataObject
) -> None:
    query = data.draw(queries(mini))
    chosen = select(mini, query)
    assert set(chosen) == {event for event in mini.events if matches(event, query)}
    for event in chosen:
        if query.start:
            assert event.date.end >= query.start
        if query.end:
            assert event.date.start <= query.end
        if query.actors:
            assert set(query.actors) & set(event.actors)


@settings(max_examples=200)
@given(data=st.data())
def test_results_stay_in_date_order(mini: Timeline, data: st.DataObject) -> None:
    chosen = select(mini, data.draw(queries(mini)))
    keys = [event.sort_key for event in chosen]
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
    assert set(narrow) <= set(wide)


@settings(max_examples=100)
@given(data=st.data(), limit=st.integers(min_value=0, max_value=12))
def test_limit_and_reverse_only_cut_and_flip(
    mini: Timeline, data: st.DataObject, limit: int
) -> None:
    query = data.draw(queries(mini))
    full = select(mini, query)
    flipped = select(mini, Query(**{**query.__dict__, "reverse": True}))
    cut = select(mini, Query(**{**query.__dict__, "limit": limit}))
    assert flipped == full[::-1]
    assert cut == full[:limit]
