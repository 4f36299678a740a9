"""Folding and finding names: one set of rules for actors, places, tags and event ids."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iwtimeline.errors import AmbiguousName, Candidate, UnknownName
from iwtimeline.names import find_id, find_one, fold, matching, starts_at_word

# (id, label, other names): enough to exercise exact names, prefixes and ambiguity
THINGS = [
    ("mahdi-army", "Mahdi Army", "Jaysh al-Mahdi"),
    ("mahdi-scouts", "Mahdi Scouts", ""),
    ("badr", "Badr Organization", "Badr Corps"),
    ("hezbollah", "Hezbollah", ""),
    ("kataib-hezbollah", "Kata'ib Hezbollah", "Kataib Hizballah"),
]


def names(thing: tuple[str, str, str]) -> tuple[str, ...]:
    return tuple(name for name in thing if name)


def test_fold_ignores_case_accents_apostrophes_and_punctuation() -> None:
    assert fold("Kata'ib  Hezbollah") == "kataib hezbollah"
    assert fold("KATAʾIB") == "kataib"
    assert fold("Jaish al-Mahdī") == "jaish al mahdi"
    assert fold("U.S._Army") == "u s army"


def test_starts_at_word_only_at_word_boundaries() -> None:
    assert starts_at_word("hakim", "mohammad baqir al hakim")
    assert starts_at_word("badr co", "badr corps")
    assert not starts_at_word("adr", "badr")
    assert not starts_at_word("", "badr")


def test_an_exact_name_wins_over_names_it_begins() -> None:
    assert matching(THINGS, names, "hezbollah") == [THINGS[3]]
    assert matching(THINGS, names, "HEZBOLLAH") == [THINGS[3]]


def test_a_word_prefix_finds_every_name_it_begins() -> None:
    assert matching(THINGS, names, "mahd") == [THINGS[0], THINGS[1]]
    assert matching(THINGS, names, "hizb") == [THINGS[4]]


def test_one_or_two_letters_are_not_a_prefix() -> None:
    assert matching(THINGS, names, "ba") == []


def test_find_one_returns_the_single_match() -> None:
    assert find_one("actor", THINGS, names, "Badr Corps") == THINGS[2]
    assert find_one("actor", THINGS, names, "badr") == THINGS[2]


def test_an_ambiguous_prefix_lists_every_candidate() -> None:
    with pytest.raises(AmbiguousName) as caught:
        find_one("actor", THINGS, names, "mahdi")
    assert caught.value.what == "actor" and caught.value.name == "mahdi"
    assert caught.value.candidates == (
        Candidate("mahdi-army", "Mahdi Army"),
        Candidate("mahdi-scouts", "Mahdi Scouts"),
    )
    assert caught.value.exit_code == 2


def test_an_unknown_name_suggests_close_labels() -> None:
    with pytest.raises(UnknownName) as caught:
        find_one("actor", THINGS, names, "hezbolah")
    assert caught.value.suggestions == ("Hezbollah", "Kata'ib Hezbollah")
    assert str(caught.value) == (
        'no actor matches "hezbolah"; did you mean "Hezbollah" or "Kata\'ib Hezbollah"?'
    )


def test_an_unknown_name_far_from_everything_has_no_suggestions() -> None:
    with pytest.raises(UnknownName) as caught:
        find_one("actor", THINGS, names, "zzzzzz")
    assert caught.value.suggestions == ()
    assert str(caught.value) == 'no actor matches "zzzzzz"'


IDS = {
    "2007-irbil-raid": "11 Jan 2007  Irbil raid",
    "2007-irbil-office": "Jan 2007  Irbil office",
    "2007-karbala-raid": "20 Jan 2007  Karbala raid",
}


def test_find_id_takes_any_case_and_a_unique_prefix() -> None:
    assert find_id("event", IDS, "2007-KARBALA-raid") == "2007-karbala-raid"
    assert find_id("event", IDS, "2007-karb") == "2007-karbala-raid"
    assert find_id("event", IDS, " 2007-irbil-raid ") == "2007-irbil-raid"


def test_find_id_lists_candidates_of_an_ambiguous_prefix() -> None:
    with pytest.raises(AmbiguousName) as caught:
        find_id("event", IDS, "2007-irbil", IDS.__getitem__)
    assert caught.value.candidates == (
        Candidate("2007-irbil-raid", "11 Jan 2007  Irbil raid"),
        Candidate("2007-irbil-office", "Jan 2007  Irbil office"),
    )


def test_find_id_suggests_close_ids_or_ids_containing_the_fragment() -> None:
    with pytest.raises(UnknownName) as caught:
        find_id("event", IDS, "2007-karbla-raid")
    assert caught.value.suggestions[0] == "2007-karbala-raid"
    with pytest.raises(UnknownName) as caught:
        find_id("event", IDS, "office")
    assert caught.value.suggestions == ("2007-irbil-office",)


@given(st.text())
def test_fold_is_idempotent_and_never_fails(text: str) -> None:
    assert fold(fold(text)) == fold(text)


def folded_the_long_way(text: str) -> str:
    """The rule of fold written out once more, without its shortcut for plain names."""
    import re
    import unicodedata

    vanished = "".join(ch for ch in text if ch not in "'’‘`´ʼʻʾʿ")
    decomposed = unicodedata.normalize("NFKD", vanished)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w]+|_", " ", bare.casefold()).split())


@given(st.text(alphabet=st.sampled_from("aZ09 _-.'é\tİß")) | st.text())
def test_the_shortcut_for_plain_names_folds_as_the_rule_does(text: str) -> None:
    assert fold(text) == folded_the_long_way(text)


def test_plain_and_unplain_names_fold_alike() -> None:
    assert [fold(n) for n in ("Badr Corps", "badr corps", "9th Badr", "Badr  Corps", "Badr ")] == [
        "badr corps",
        "badr corps",
        "9th badr",
        "badr corps",
        "badr",
    ]


@given(st.sampled_from(THINGS), st.sampled_from(["", " ", "  "]), st.booleans())
def test_every_name_finds_its_own_thing(
    thing: tuple[str, str, str], padding: str, upper: bool
) -> None:
    for name in names(thing):
        typed = padding + (name.upper() if upper else name) + padding
        assert find_one("actor", THINGS, names, typed) == thing
