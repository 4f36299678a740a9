from __future__ import annotations

import json
import textwrap
from datetime import date
from pathlib import Path

import pytest
import yaml

from iwtimeline.errors import DataFileInvalid, DataFileUnreadable
from iwtimeline.load import load_timeline, parse_timeline
from iwtimeline.model import Timeline
from iwtimeline.paths import bundled_data_path
from iwtimeline.yamlnodes import SplitList, split_list

SCHEMA_PATH = Path(__file__).parents[1] / "src" / "iwtimeline" / "data" / "events.schema.json"
DATA = Path(__file__).parent / "data"

HEADER = """\
title: T
actors:
  - {id: iran, name: Iran, kind: state}
  - {id: iraq, name: Iraq, kind: state}
events:
"""

GOOD_EVENT = """\
  - id: good
    date: 2007-08-16
    title: A title
    summary: A summary.
    actors: [iran]
    status: reported
    sources:
      - {title: A source, url: "https://example.org/a"}
"""


def invalid(text: str) -> DataFileInvalid:
    with pytest.raises(DataFileInvalid) as caught:
        parse_timeline(textwrap.dedent(text), "bad.yaml")
    return caught.value


def only_problem(text: str) -> tuple[int | None, str, str]:
    problems = invalid(text).problems
    assert len(problems) == 1, problems
    problem = problems[0]
    return problem.line, problem.field, problem.message


# --- what a valid file gives -------------------------------------------------------------


def test_mini_fixture_loads_with_events_in_date_order(mini: Timeline) -> None:
    starts = [event.date.start for event in mini.events]
    assert starts == sorted(starts)
    assert mini.events[0].id == "1980-war"
    assert len(mini.events) == 10 and len(mini.actors) == 9


def test_actor_references_resolve_to_actor_objects(mini: Timeline) -> None:
    event = next(e for e in mini.events if e.id == "2007-kh-efp")
    assert [a.name for a in event.actors] == ["United States", "Kata'ib Hezbollah", "Iran"]
    assert [a.id for a in event.claimed_by] == ["united-states"]
    badr = mini.actor_by_id["badr"]
    assert badr.relations[0].actor_id == "irgc"
    assert badr.relations[0].when is not None and badr.relations[0].when.end == date(2008, 12, 31)


def test_scalars_stay_the_text_the_author_wrote() -> None:
    # YAML 1.1 would turn these into an int, a date, a bool, a float and None
    text = HEADER + textwrap.dedent("""\
      - id: "2003"
        date: 2003
        title: no
        summary: 1.0
        actors: [iran]
        places: [~x, yes, 2007-08-16]
        status: documented
        sources: [{title: on, date: 2007-08-16}]
    """)
    event = parse_timeline(text).events[0]
    assert (event.id, event.title, event.summary) == ("2003", "no", "1.0")
    assert [place.name for place in event.places] == ["~x", "yes", "2007-08-16"]
    assert event.date.start == date(2003, 1, 1) and event.date.precision == "year"
    assert event.sources[0].title == "on"


def test_optional_fields_may_be_left_empty() -> None:
    timeline = parse_timeline(HEADER + GOOD_EVENT + "    places:\n    tags: []\n")
    assert timeline.events[0].places == () and timeline.events[0].tags == ()


def test_an_empty_events_list_is_a_valid_timeline() -> None:
    assert parse_timeline(HEADER + "  []\n").events == ()


# --- one test per kind of bad input ------------------------------------------------------


def test_invalid_yaml_names_the_line() -> None:
    line, field, message = only_problem(HEADER + "  - id: [unclosed\n")
    assert (line, field) == (7, "") and message.startswith("invalid YAML")


def test_a_tab_indented_file_is_invalid_yaml_not_a_traceback() -> None:
    line, _, message = only_problem("title: T\nactors:\n\t- x\n")
    assert line == 3 and "invalid YAML" in message


def test_an_empty_file_is_reported() -> None:
    _, _, message = only_problem("")
    assert "empty" in message


def test_a_list_at_the_top_is_reported() -> None:
    line, _, message = only_problem("- a\n- b\n")
    assert line == 1 and "mapping" in message


def test_missing_required_field_names_field_and_line() -> None:
    text = HEADER + GOOD_EVENT.replace("    title: A title\n", "")
    assert only_problem(text) == (6, "events[0].title", "missing (required)")


def test_wrong_type_is_reported() -> None:
    text = HEADER + GOOD_EVENT.replace("actors: [iran]", "actors: iran")
    assert only_problem(text) == (10, "events[0].actors", "must be a list")


def test_a_mapping_where_text_belongs_is_reported() -> None:
    text = HEADER + GOOD_EVENT.replace("title: A title", "title: {a: b}")
    line, field, message = only_problem(text)
    assert (line, field) == (8, "events[0].title") and "must be text" in message


def test_unknown_actor_reference_suggests_the_closest_id() -> None:
    text = HEADER + GOOD_EVENT.replace("actors: [iran]", "actors: [irann]")
    line, field, message = only_problem(text)
    assert (line, field) == (10, "events[0].actors")
    assert "unknown actor 'irann'" in message and "did you mean 'iran'" in message


def test_unknown_actor_in_a_relation_is_reported() -> None:
    text = (
        HEADER.replace(
            "{id: iraq, name: Iraq, kind: state}",
            "{id: iraq, name: Iraq, kind: state, relations: [{type: allied_with, actor: syria}]}",
        )
        + GOOD_EVENT
    )
    line, field, message = only_problem(text)
    assert line == 4 and "unknown actor 'syria'" in message and "relations" in field


def test_duplicate_event_id_is_reported_at_the_second() -> None:
    text = HEADER + GOOD_EVENT + GOOD_EVENT
    assert only_problem(text) == (14, "events[1].id", "duplicate event id 'good'")


def test_duplicate_actor_id_is_reported() -> None:
    text = HEADER.replace("id: iraq, name: Iraq", "id: iran, name: Persia") + GOOD_EVENT
    assert only_problem(text) == (4, "actors[1].id", "duplicate actor id 'iran'")


def test_an_alias_shared_by_two_actors_is_reported() -> None:
    text = HEADER.replace("name: Iraq,", "name: Iraq, aliases: [IRAN],") + GOOD_EVENT
    line, _, message = only_problem(text)
    assert line == 4 and "also names actor 'iran'" in message


def test_impossible_date_is_reported_with_the_reason() -> None:
    text = HEADER + GOOD_EVENT.replace("2007-08-16", "2007-02-30")
    line, field, message = only_problem(text)
    assert (line, field) == (7, "events[0].date")
    assert "February 2007 has 28 days, not 30" in message


def test_month_thirteen_is_reported() -> None:
    text = HEADER + GOOD_EVENT.replace("2007-08-16", "2007-13")
    assert "neither a month" in only_problem(text)[2]


def test_unknown_status_lists_the_allowed_ones() -> None:
    text = HEADER + GOOD_EVENT.replace("status: reported", "status: rumour")
    line, field, message = only_problem(text)
    assert (line, field) == (11, "events[0].status")
    assert "documented, reported, alleged, disputed" in message


def test_an_allegation_must_say_who_makes_it() -> None:
    text = HEADER + GOOD_EVENT.replace("status: reported", "status: alleged")
    line, field, message = only_problem(text)
    assert (line, field) == (6, "events[0].claimed_by") and "who makes the claim" in message


def test_an_event_without_sources_is_reported() -> None:
    text = HEADER + GOOD_EVENT.replace(
        '    sources:\n      - {title: A source, url: "https://example.org/a"}\n',
        "    sources: []\n",
    )
    line, field, message = only_problem(text)
    assert (line, field) == (12, "events[0].sources") and "at least one source" in message


def test_a_source_url_must_be_a_web_address() -> None:
    text = HEADER + GOOD_EVENT.replace("https://example.org/a", "javascript:alert(1)")
    assert "is not an http(s) URL" in only_problem(text)[2]


def test_a_misspelt_field_is_reported_with_the_expected_ones() -> None:
    text = HEADER + GOOD_EVENT.replace("summary:", "summery:")
    problems = invalid(text).problems
    assert {p.field for p in problems} == {"events[0].summery", "events[0].summary"}
    assert any("unknown field 'summery'" in p.message for p in problems)


def test_a_key_given_twice_is_reported() -> None:
    text = HEADER + GOOD_EVENT + "    title: Again\n"
    assert only_problem(text) == (14, "events[0].title", "given twice")


def test_a_bad_id_is_reported() -> None:
    text = HEADER + GOOD_EVENT.replace("id: good", "id: Good Event")
    assert "is not an id" in only_problem(text)[2]


def test_control_characters_are_rejected_so_they_never_reach_a_terminal() -> None:
    text = HEADER + GOOD_EVENT.replace("title: A title", 'title: "A \\e[31mred\\e[0m title"')
    line, field, message = only_problem(text)
    assert (line, field) == (8, "events[0].title") and "U+001B" in message


def test_every_problem_is_reported_not_only_the_first() -> None:
    text = (
        HEADER
        + GOOD_EVENT.replace("2007-08-16", "2007-02-30").replace(
            "status: reported", "status: rumour"
        )
        + GOOD_EVENT.replace("id: good", "id: other").replace("actors: [iran]", "actors: [x]")
    )
    problems = invalid(text).problems
    assert [p.line for p in problems] == sorted(p.line or 0 for p in problems)
    assert len(problems) == 3


def test_the_error_message_names_file_line_and_field() -> None:
    text = HEADER + GOOD_EVENT.replace("2007-08-16", "2007-02-30")
    assert str(invalid(text)).startswith("bad.yaml:7: events[0].date: '2007-02-30'")


# --- files that cannot be read -----------------------------------------------------------


def test_a_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(DataFileUnreadable, match="no such file"):
        load_timeline(tmp_path / "nope.yaml")


def test_a_directory_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(DataFileUnreadable, match="is a directory"):
        load_timeline(tmp_path)


def test_a_file_that_is_not_utf8_is_unreadable_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"title: T\nactors: []\nevents: []\n# caf\xe9\n")
    with pytest.raises(DataFileUnreadable, match=r"latin1.yaml:4: not UTF-8"):
        load_timeline(path)


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + GOOD_EVENT).encode())
    assert load_timeline(path).events[0].id == "good"


def test_yaml_tags_that_build_python_objects_are_refused() -> None:
    text = HEADER + GOOD_EVENT.replace(
        "title: A title", "title: !!python/object/apply:os.system [ls]"
    )
    line, field, message = only_problem(text)
    assert (line, field) == (8, "events[0].title") and "must be text" in message


# --- the bundled file and the JSON Schema ----------------------------------------------


def test_the_bundled_file_is_found_and_valid() -> None:
    timeline = load_timeline(bundled_data_path())
    assert len(timeline.events) >= 40


def test_the_installed_copy_is_the_repository_file() -> None:
    repository_copy = Path(__file__).parents[1] / "events.yaml"
    if not repository_copy.is_file():
        pytest.skip("not run from a source checkout")
    assert bundled_data_path().read_bytes() == repository_copy.read_bytes(), (
        "the installed events.yaml is stale: reinstall the package"
    )


def test_json_schema_accepts_what_the_loader_accepts() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    for path in (bundled_data_path(), DATA / "mini.yaml", DATA / "load-involvements.yaml"):
        document = yaml.load(path.read_text(), Loader=yaml.BaseLoader)  # everything as text
        jsonschema.validate(document, schema)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("status: reported", "status: rumour"),
        ("2007-08-16", "2007-13-01"),
        ("actors: [iran]", "actors: []"),
        ("summary:", "summery:"),
        ("status: reported", "status: alleged"),
        ("https://example.org/a", "ftp://example.org/a"),
        ("id: good", "id: Good"),
        ("https://example.org/a", "https://example.org/\\u202ea"),
        ("https://example.org/a", "https://example.org/\\u200b"),
        ("https://example.org/a", "https://example.org/a b"),
        ("actors: [iran]", "actors: [iran, iran]"),
        ("actors: [iran]", "actors: [{id: iran, status: documented}]"),
        ("actors: [iran]", "actors: [iran]\n    claimed_by: [iraq]"),
    ],
)
def test_json_schema_and_loader_reject_the_same_mistakes(old: str, new: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    text = HEADER + GOOD_EVENT.replace(old, new)
    with pytest.raises(DataFileInvalid):
        parse_timeline(text)
    schema = json.loads(SCHEMA_PATH.read_text())
    document = yaml.load(text, Loader=yaml.BaseLoader)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)


# --- the places registry, actor context and relation status -----------------------------

PLACES = """\
places:
  - {name: Irbil, aliases: [Erbil, Arbil], country: Iraq}
  - {name: Basra, aliases: [Basrah]}
"""


def test_with_a_places_registry_events_use_its_spelling() -> None:
    text = PLACES + HEADER + GOOD_EVENT + "    places: [Irbil, Basra]\n"
    event = parse_timeline(text).events[0]
    assert [place.name for place in event.places] == ["Irbil", "Basra"]
    assert event.places[0].aliases == ("Erbil", "Arbil")


def test_a_variant_spelling_is_corrected_to_the_registry_name() -> None:
    text = PLACES + HEADER + GOOD_EVENT + "    places: [Erbil]\n"
    line, field, message = only_problem(text)
    assert (line, field) == (17, "events[0].places")
    assert message == "write 'Irbil', the places list's spelling of 'Erbil'"


def test_an_unknown_place_is_reported_with_a_suggestion() -> None:
    text = PLACES + HEADER + GOOD_EVENT + "    places: [Basara]\n"
    _, _, message = only_problem(text)
    assert message == "unknown place 'Basara' (not in the places list); did you mean 'Basra'?"


def test_a_spelling_that_names_two_places_is_reported() -> None:
    text = PLACES.replace("aliases: [Basrah]", "aliases: [Basrah, erbil]") + HEADER + GOOD_EVENT
    line, field, message = only_problem(text)
    assert (line, field) == (3, "places[1]") and "already names the place 'Irbil'" in message


def test_without_a_registry_places_are_free_text(mini: Timeline) -> None:
    assert not mini.places
    assert {p.name for e in mini.events for p in e.places} >= {"Herat", "Basra", "Tehran"}


def test_context_actors_and_relation_status_are_read() -> None:
    text = (
        HEADER.replace(
            "{id: iraq, name: Iraq, kind: state}",
            "{id: iraq, name: Iraq, kind: state, context: true, relations: "
            "[{type: backed_by, actor: iran, status: alleged, note: Said by X.}]}",
        )
        + GOOD_EVENT
    )
    iraq = parse_timeline(text).actor_by_id["iraq"]
    assert iraq.context is True
    relation = iraq.relations[0]
    assert (relation.status, relation.note) == ("alleged", "Said by X.")
    assert parse_timeline(HEADER + GOOD_EVENT).actor_by_id["iraq"].context is False


def test_context_must_be_true_or_false() -> None:
    text = HEADER.replace("kind: state}", "kind: state, context: maybe}", 1) + GOOD_EVENT
    assert "is not true or false" in only_problem(text)[2]


# --- every problem in one run: an entry with errors is still checked in full -----------------


def problem_list(text: str) -> list[tuple[int | None, str, str]]:
    return [(p.line, p.field, p.message) for p in invalid(text).problems]


def test_a_duplicate_event_id_is_reported_even_when_the_event_has_other_errors() -> None:
    text = HEADER + GOOD_EVENT + GOOD_EVENT.replace("2007-08-16", "2007-02-30")
    assert problem_list(text) == [
        (14, "events[1].id", "duplicate event id 'good'"),
        (15, "events[1].date", "'2007-02-30': February 2007 has 28 days, not 30"),
    ]


def test_a_duplicate_event_id_is_reported_even_when_the_first_has_errors() -> None:
    text = HEADER + GOOD_EVENT.replace("status: reported", "status: rumour") + GOOD_EVENT
    assert [(line, field) for line, field, _ in problem_list(text)] == [
        (11, "events[0].status"),
        (14, "events[1].id"),
    ]


def test_a_duplicate_actor_id_is_reported_even_when_the_actor_has_other_errors() -> None:
    text = HEADER.replace("id: iraq, name: Iraq, kind: state", "id: iran, name: P, kind: empire")
    kinds = "state, government, government-agency, armed-force, militia, political-party, "
    kinds += "person, international-body, organization"
    assert problem_list(text + GOOD_EVENT) == [
        (4, "actors[1].id", "duplicate actor id 'iran'"),
        (4, "actors[1].kind", f"'empire' is not one of: {kinds}"),
    ]


RELATION = """\
title: T
actors:
  - id: iran
    name: Iran
    kind: KIND
    relations:
      - type: TYPE
        actor: syria
events: []
"""


def test_an_unknown_relation_target_is_reported_even_when_the_relation_type_is_bad() -> None:
    text = RELATION.replace("KIND", "state").replace("TYPE", "friend_of")
    assert [(line, field) for line, field, _ in problem_list(text)] == [
        (7, "actors[0].relations[0].type"),
        (7, "actors[0].relations[0].actor"),
    ]
    assert problem_list(text)[1][2] == "unknown actor 'syria' (not in the actors list)"


def test_an_unknown_relation_target_is_reported_even_when_its_actor_has_errors() -> None:
    text = RELATION.replace("KIND", "empire").replace("TYPE", "backed_by")
    assert [(line, field) for line, field, _ in problem_list(text)] == [
        (5, "actors[0].kind"),
        (7, "actors[0].relations[0].actor"),
    ]


RELATION_TO_IRAQ = (
    "{id: iran, name: Iran, kind: state, relations: [{type: allied_with, actor: iraq}]}"
)


def test_naming_an_actor_whose_entry_has_errors_is_not_an_unknown_actor() -> None:
    # the entry's own problem is the one to fix; "not in the actors list" would be false
    text = HEADER.replace("name: Iraq, kind: state", "name: Iraq, kind: empire") + GOOD_EVENT
    text = text.replace("actors: [iran]", "actors: [iran, iraq]")
    text = text.replace("{id: iran, name: Iran, kind: state}", RELATION_TO_IRAQ)
    text = text.replace("status: reported", "status: alleged\n    claimed_by: [iraq]")
    assert [(line, field) for line, field, _ in problem_list(text)] == [(4, "actors[1].kind")]


def test_every_field_of_an_event_with_errors_is_still_checked() -> None:
    text = (
        PLACES
        + HEADER
        + GOOD_EVENT.replace("2007-08-16", "2007-13")
        + "    places: [Basara]\n    tags: [Bad Tag]\n"
    )
    assert [(line, field) for line, field, _ in problem_list(text)] == [
        (10, "events[0].date"),
        (17, "events[0].places"),
        (18, "events[0].tags[0]"),
    ]


def test_every_field_of_an_actor_with_errors_is_still_checked() -> None:
    text = HEADER.replace(
        "{id: iraq, name: Iraq, kind: state}",
        "{id: iraq, kind: empire, aliases: [''], sources: [{title: S, url: 'ftp://x'}]}",
    )
    assert [(line, field) for line, field, _ in problem_list(text + GOOD_EVENT)] == [
        (4, "actors[1].name"),
        (4, "actors[1].kind"),
        (4, "actors[1].aliases[0]"),
        (4, "actors[1].sources[0].url"),
    ]


def test_every_field_of_a_source_and_a_place_with_errors_is_still_checked() -> None:
    text = PLACES.replace("{name: Basra, aliases: [Basrah]}", "{aliases: ['']}") + HEADER
    text += GOOD_EVENT.replace('{title: A source, url: "https://example.org/a"}', "{url: x}")
    assert [(line, field) for line, field, _ in problem_list(text)] == [
        (3, "places[1].name"),
        (3, "places[1].aliases[0]"),
        (16, "events[0].sources[0].title"),
        (16, "events[0].sources[0].url"),
    ]


# --- what text and URLs may contain ------------------------------------------------------


def test_a_title_with_a_bidi_override_loads_and_keeps_it_exactly() -> None:
    # written as the character itself, and as a YAML escape: the renderers escape it on output
    for written in ("A \u202etitle", '"A \\u202etitle"'):
        text = HEADER + GOOD_EVENT.replace("title: A title", f"title: {written}")
        assert parse_timeline(text).events[0].title == "A \u202etitle"


def test_a_url_with_an_invisible_character_is_reported() -> None:
    text = HEADER + GOOD_EVENT.replace("https://example.org/a", "https://example.org/\\u202ea")
    assert only_problem(text) == (
        13,
        "events[0].sources[0].url",
        "contains the invisible character U+202E",
    )


def test_a_url_with_a_space_is_reported() -> None:
    text = HEADER + GOOD_EVENT.replace("https://example.org/a", "https://example.org/a b")
    assert only_problem(text)[2] == "contains the whitespace character U+0020"


def test_a_scalar_tagged_to_build_an_object_is_refused() -> None:
    text = HEADER + GOOD_EVENT.replace("title: A title", "title: !!python/name:os.system ls")
    assert only_problem(text) == (
        8,
        "events[0].title",
        "the YAML tag '!!python/name:os.system' is not allowed",
    )


# --- how actors took part in an event ----------------------------------------------------

PARTS = """\
title: T
actors:
  - {id: iran, name: Iran, kind: state}
  - {id: iraq, name: Iraq, kind: state}
  - {id: us, name: United States, kind: state}
  - {id: kuwait, name: Kuwait, kind: state}
events:
  - id: raid
    date: 2007-01-20
    title: A raid
    summary: A raid.
    sources: [{title: S}]
    actors:
"""
FIRST_PART = 14  # the line of the first entry of the actors list


def parts(*entries: str, status: str = "documented", claimants: str = "") -> str:
    """PARTS with these entries in its event's actors list, then its status and claimed_by."""
    text = PARTS + "".join(f"      - {entry}\n" for entry in entries)
    text += f"    status: {status}\n"
    return text + (f"    claimed_by: {claimants}\n" if claimants else "")


Part = tuple[str, str, str | None, tuple[str, ...]]


def involvements(text: str) -> list[Part]:
    (event,) = parse_timeline(text).events
    return [
        (part.actor.id, part.status, part.role, tuple(a.id for a in part.claimed_by))
        for part in event.involvements
    ]


def test_a_bare_id_takes_part_as_firmly_as_the_event() -> None:
    assert involvements(parts("iran", "iraq", status="reported")) == [
        ("iran", "reported", None, ()),
        ("iraq", "reported", None, ()),
    ]


def test_a_bare_id_in_an_allegation_shares_the_event_s_claimants() -> None:
    assert involvements(parts("iran", status="disputed", claimants="[us, iraq]")) == [
        ("iran", "disputed", None, ("us", "iraq")),
    ]


def test_an_entry_gives_role_status_and_claimants() -> None:
    text = parts(
        "{id: iraq, role: target}",
        "{id: iran, role: alleged sponsor, status: alleged, claimed_by: [us]}",
    )
    assert involvements(text) == [
        ("iraq", "documented", "target", ()),
        ("iran", "alleged", "alleged sponsor", ("us",)),
    ]
    assert [actor.id for actor in parse_timeline(text).events[0].actors] == ["iraq", "iran"]


def test_a_part_in_an_allegation_without_claimants_shares_the_event_s() -> None:
    text = parts(
        "{id: iran, status: disputed}",
        "{id: iraq, claimed_by: [iran]}",
        "{id: us, status: alleged, claimed_by: [iraq]}",
        status="alleged",
        claimants="[us]",
    )
    assert involvements(text) == [
        ("iran", "disputed", None, ("us",)),
        ("iraq", "alleged", None, ("iran",)),
        ("us", "alleged", None, ("iraq",)),
    ]


@pytest.mark.parametrize("status", ["alleged", "disputed"])
def test_an_actor_making_its_event_s_claim_takes_part_as_the_claimant(status: str) -> None:
    # the US makes the claim: its part is on record, not alleged, and no one claims it
    text = parts(
        "us",
        "{id: iraq, role: accuser}",
        "iran",
        "{id: kuwait, status: alleged}",
        status=status,
        claimants="[us, iraq]",
    )
    assert involvements(text) == [
        ("us", "reported", "claimant", ()),
        ("iraq", "reported", "accuser", ()),
        ("iran", status, None, ("us", "iraq")),
        ("kuwait", "alleged", None, ("us", "iraq")),
    ]


def test_a_claimant_with_a_status_or_claimants_of_its_own_keeps_them() -> None:
    text = parts(
        "{id: us, status: disputed}",
        "{id: iraq, claimed_by: [iran]}",
        "iran",
        status="alleged",
        claimants="[us, iraq]",
    )
    assert involvements(text) == [
        ("us", "disputed", None, ("us", "iraq")),
        ("iraq", "alleged", None, ("iran",)),
        ("iran", "alleged", None, ("us", "iraq")),
    ]


def test_the_claimant_of_a_part_in_a_firm_event_is_not_a_claimant_of_the_event() -> None:
    text = parts("us", "{id: iran, status: alleged, claimed_by: [us]}", status="documented")
    assert involvements(text) == [
        ("us", "documented", None, ()),
        ("iran", "alleged", None, ("us",)),
    ]


def test_the_involvement_fixture_loads() -> None:
    timeline = load_timeline(DATA / "load-involvements.yaml")
    raid = next(e for e in timeline.events if e.id == "documented-raid-alleged-sponsor")
    sponsor = raid.involvement(timeline.actor_by_id["iran"])
    assert sponsor is not None and sponsor.is_claim and sponsor.role == "alleged sponsor"
    assert [a.id for a in sponsor.claimed_by] == ["united-states"]


@pytest.mark.parametrize(
    ("event", "part"),
    [
        ("reported", "documented"),
        ("alleged", "documented"),
        ("alleged", "reported"),
        ("disputed", "reported"),
    ],
)
def test_a_part_can_be_no_firmer_than_the_event(event: str, part: str) -> None:
    text = parts(f"{{id: iran, status: {part}}}", status=event, claimants="[us]")
    if event in ("documented", "reported"):
        text = text.replace("    claimed_by: [us]\n", "")
    assert only_problem(text) == (
        FIRST_PART,
        "events[0].actors[0].status",
        f"{part!r} is firmer than the event's status {event!r}; "
        "an actor's part can be no firmer than the event",
    )


@pytest.mark.parametrize(("event", "part"), [("alleged", "disputed"), ("disputed", "alleged")])
def test_alleged_and_disputed_are_equally_firm(event: str, part: str) -> None:
    text = parts(f"{{id: iran, status: {part}}}", status=event, claimants="[us]")
    assert involvements(text) == [("iran", part, None, ("us",))]


@pytest.mark.parametrize("part", ["alleged", "disputed"])
def test_a_claimed_part_of_a_firm_event_must_say_who_claims_it(part: str) -> None:
    text = parts("iraq", f"{{id: iran, status: {part}}}", status="reported")
    assert only_problem(text) == (
        FIRST_PART + 1,
        "events[0].actors[1].claimed_by",
        f"required when this actor's part is {part}: who makes the claim",
    )


@pytest.mark.parametrize(
    ("entry", "status"),
    [
        ("{id: iran, claimed_by: [us]}", "documented"),
        ("{id: iran, claimed_by: [us]}", "reported"),
        ("{id: iran, status: reported, claimed_by: [us]}", "documented"),
    ],
)
def test_only_a_claimed_part_has_claimants(entry: str, status: str) -> None:
    assert only_problem(parts(entry, status=status)) == (
        FIRST_PART,
        "events[0].actors[0].claimed_by",
        "only an alleged or disputed part has claimants",
    )


def test_an_unknown_actor_in_an_entry_is_reported_with_a_suggestion() -> None:
    assert only_problem(parts("{id: irann, role: x}")) == (
        FIRST_PART,
        "events[0].actors[0].id",
        "unknown actor 'irann' (not in the actors list); did you mean 'iran'?",
    )


def test_an_unknown_claimant_of_a_part_is_reported_with_a_suggestion() -> None:
    text = parts("{id: iran, status: alleged, claimed_by: [iraq, irak]}")
    assert only_problem(text) == (
        FIRST_PART,
        "events[0].actors[0].claimed_by",
        "unknown actor 'irak' (not in the actors list); did you mean 'iraq'?",
    )


@pytest.mark.parametrize(
    ("second", "field"),
    [("iran", "events[0].actors[1]"), ("{id: iran, role: x}", "events[0].actors[1].id")],
)
def test_an_actor_named_twice_in_one_event_is_reported(second: str, field: str) -> None:
    assert only_problem(parts("iran", second)) == (
        FIRST_PART + 1,
        field,
        "actor 'iran' is listed twice in this event",
    )


def test_a_role_is_one_line_of_at_most_forty_characters() -> None:
    assert involvements(parts(f"{{id: iran, role: {'r' * 40}}}"))[0][2] == "r" * 40
    assert only_problem(parts(f"{{id: iran, role: {'r' * 41}}}")) == (
        FIRST_PART,
        "events[0].actors[0].role",
        "is 41 characters long; a role is at most 40",
    )
    assert only_problem(parts('{id: iran, role: "a\\nb"}'))[2] == "must be a single line"


@pytest.mark.parametrize(
    ("entry", "field", "message"),
    [
        ("{role: x}", "events[0].actors[0].id", "missing (required)"),
        (
            "{id: iran, as: x}",
            "events[0].actors[0].as",
            "unknown field 'as'; expected one of: id, role, status, claimed_by",
        ),
        (
            "[iran]",
            "events[0].actors[0]",
            "must be an actor id or a mapping of id, role, status, claimed_by",
        ),
        (
            "{id: iran, status: alleged, claimed_by: []}",
            "events[0].actors[0].claimed_by",
            "must name at least one actor",
        ),
        (
            "{id: iran, status: rumour, claimed_by: [us]}",
            "events[0].actors[0].status",
            "'rumour' is not one of: documented, reported, alleged, disputed",
        ),
        (
            "{id: Iran}",
            "events[0].actors[0].id",
            "'Iran' is not an id (lowercase letters, digits and single hyphens)",
        ),
    ],
)
def test_a_malformed_entry_is_reported_once(entry: str, field: str, message: str) -> None:
    assert only_problem(parts(entry)) == (FIRST_PART, field, message)


def test_a_bad_event_status_is_not_compared_with_its_parts() -> None:
    text = parts("{id: iran, status: documented}", status="rumour")
    assert only_problem(text)[:2] == (FIRST_PART + 1, "events[0].status")


def test_every_problem_of_the_parts_is_reported() -> None:
    text = parts(
        "{id: iran, status: documented}",
        "{id: iraq, status: alleged}",
        "{id: us, role: x, claimed_by: [iran]}",
        status="reported",
    )
    assert [(line, field) for line, field, _ in problem_list(text)] == [
        (FIRST_PART, "events[0].actors[0].status"),
        (FIRST_PART + 1, "events[0].actors[1].claimed_by"),
        (FIRST_PART + 2, "events[0].actors[2].claimed_by"),
    ]


# --- the schema and the loader agree about involvements ---------------------------------

AGREEMENT = [
    (parts("iran", "{id: iraq}"), True),
    (parts("{id: iran, role: sponsor, status: alleged, claimed_by: [us]}"), True),
    (parts("{id: iran, status: reported}", status="reported"), True),
    (parts("{id: iran, status: disputed}", status="alleged", claimants="[us]"), True),
    (parts("{id: iran, claimed_by: [iraq]}", status="alleged", claimants="[us]"), True),
    (parts(f"{{id: iran, role: {'r' * 40}}}"), True),
    (parts("{id: iran, status: documented}", status="reported"), False),
    (parts("{id: iran, status: reported}", status="alleged", claimants="[us]"), False),
    (parts("{id: iran, status: documented}", status="disputed", claimants="[us]"), False),
    (parts("{id: iran, status: alleged}", status="documented"), False),
    (parts("{id: iran, status: disputed}", status="reported"), False),
    (parts("{id: iran, claimed_by: [us]}", status="reported"), False),
    (parts("{id: iran, status: documented, claimed_by: [us]}"), False),
    (parts(f"{{id: iran, role: {'r' * 41}}}"), False),
    (parts('{id: iran, role: "a\\nb"}'), False),
    (parts("{id: iran, as: x}"), False),
    (parts("{role: x}"), False),
    (parts("{id: iran, status: alleged, claimed_by: []}"), False),
    (parts("{id: iran, status: rumour}"), False),
    (parts("{id: Iran}"), False),
    (parts("iran", "iran"), False),
    (parts("[iran]"), False),
]


@pytest.mark.parametrize(("text", "valid"), AGREEMENT)
def test_json_schema_and_loader_agree_on_involvements(text: str, valid: bool) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text())
    document = yaml.load(text, Loader=yaml.BaseLoader)
    try:
        parse_timeline(text)
        loader_valid = True
    except DataFileInvalid:
        loader_valid = False
    schema_valid = jsonschema.Draft202012Validator(schema).is_valid(document)
    assert (loader_valid, schema_valid) == (valid, valid)


@pytest.mark.parametrize("status", ["documented", "reported"])
def test_only_an_alleged_or_disputed_event_has_claimants(status: str) -> None:
    text = HEADER + GOOD_EVENT.replace("status: reported", f"status: {status}").replace(
        "    sources:", "    claimed_by: [iraq]\n    sources:"
    )
    assert only_problem(text) == (
        12,
        "events[0].claimed_by",
        f"only an alleged or disputed event has claimants, not a {status} one",
    )


@pytest.mark.parametrize("invisible", ["\u200b", "\u202e\u2066", " \u200b "])
def test_text_of_nothing_but_invisible_characters_counts_as_empty(invisible: str) -> None:
    text = HEADER + GOOD_EVENT.replace("title: A title", f'title: "{invisible}"')
    assert only_problem(text) == (8, "events[0].title", "must not be empty")


SOURCED = HEADER + GOOD_EVENT.replace(
    '      - {title: A source, url: "https://example.org/a"}',
    '      - {title: A source, publisher: Reuters, url: "https://example.org/a", COPY}',
)


@pytest.mark.parametrize(
    ("copy", "url_type", "host"),
    [
        ("url_type: original", "original", None),
        ("url_type: archive", "archive", None),
        ("url_type: repost, host: Iran Focus", "repost", "Iran Focus"),
        ("url_type: mirror, host: wiki.example", "mirror", "wiki.example"),
    ],
)
def test_a_source_says_whether_its_url_is_the_original_or_a_copy(
    copy: str, url_type: str, host: str | None
) -> None:
    [source] = parse_timeline(SOURCED.replace("COPY", copy)).events[0].sources
    assert (source.publisher, source.url_type, source.host) == ("Reuters", url_type, host)


@pytest.mark.parametrize(
    ("copy", "field", "message"),
    [
        (
            "url_type: repost",
            "events[0].sources[0].host",
            "a repost says who publishes it: add host",
        ),
        (
            "url_type: mirror",
            "events[0].sources[0].host",
            "a mirror says who publishes it: add host",
        ),
        (
            "url_type: archive, host: archive.org",
            "events[0].sources[0].host",
            "only a repost or a mirror has a host (url_type: repost or mirror)",
        ),
        (
            "url_type: copy",
            "events[0].sources[0].url_type",
            "'copy' is not one of: original, archive, repost, mirror",
        ),
    ],
)
def test_copies_are_described_fully(copy: str, field: str, message: str) -> None:
    line, found_field, found_message = only_problem(SOURCED.replace("COPY", copy))
    assert (line, found_field, found_message) == (13, field, message)


def test_a_url_type_needs_a_url() -> None:
    text = HEADER + GOOD_EVENT.replace(
        '      - {title: A source, url: "https://example.org/a"}',
        "      - {title: A source, url_type: original}",
    )
    assert only_problem(text) == (
        13,
        "events[0].sources[0].url_type",
        "says what a URL is: add the url",
    )


@pytest.mark.parametrize(
    "copy", ["url_type: repost", "url_type: original, host: x", "url_type: copy"]
)
def test_json_schema_and_loader_agree_on_copies(copy: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    text = SOURCED.replace("COPY", copy)
    with pytest.raises(DataFileInvalid):
        parse_timeline(text)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            yaml.load(text, Loader=yaml.BaseLoader), json.loads(SCHEMA_PATH.read_text())
        )


# --- reading the events list a batch at a time --------------------------------------------


def whole_parse(text: str, monkeypatch: pytest.MonkeyPatch) -> Timeline | DataFileInvalid:
    with monkeypatch.context() as patch:
        patch.setattr("iwtimeline.load.split_list", lambda *args: None)
        return parse_or_problems(text)


def parse_or_problems(text: str) -> Timeline | DataFileInvalid:
    try:
        return parse_timeline(text, "f.yaml")
    except DataFileInvalid as invalid:
        return invalid


def cut(text: str, batch: int) -> SplitList:
    split = split_list(text, "events", batch)
    assert split is not None
    return split


def outcome(result: Timeline | DataFileInvalid) -> object:
    if isinstance(result, DataFileInvalid):
        return [(p.line, p.field, p.message) for p in result.problems]
    return result


def test_batches_read_the_bundled_file_as_the_whole_document_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = bundled_data_path().read_text(encoding="utf-8")
    monkeypatch.setattr("iwtimeline.load.BATCH", 7)
    split = split_list(text, "events", 7)
    assert split is not None and len(split.chunks) > 20
    assert outcome(parse_or_problems(text)) == outcome(whole_parse(text, monkeypatch))


@pytest.mark.parametrize("batch", [1, 2, 3, 100])
def test_problems_in_later_batches_name_the_lines_a_whole_parse_names(
    batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = [GOOD_EVENT.replace("id: good", f"id: event-{n}") for n in range(6)]
    events[2] = events[2].replace("status: reported", "status: rumoured")
    events[4] = events[4].replace("title: ", "titel: ")
    events[5] = events[0]  # a duplicate id in another batch
    text = HEADER + "".join(events)
    monkeypatch.setattr("iwtimeline.load.BATCH", batch)
    assert len(cut(text, batch).chunks) == -(-6 // batch)
    split = outcome(parse_or_problems(text))
    assert isinstance(split, list) and len(split) >= 3
    assert split == outcome(whole_parse(text, monkeypatch))


@pytest.mark.parametrize(
    "layout",
    [
        "a key after the list",
        "a quoted string that runs onto a line that looks like an item",
        "an unindented list",
        "an alias to an anchor in an earlier batch",
    ],
)
def test_layouts_that_cannot_be_cut_are_read_whole(
    layout: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = GOOD_EVENT.replace("id: good", "id: event-1")
    second = GOOD_EVENT.replace("id: good", "id: event-2")
    if layout == "a key after the list":
        text = HEADER + first + second + "version: '2'\n"
    elif layout == "a quoted string that runs onto a line that looks like an item":
        text = HEADER + first.replace("title: ", 'title: "A title\n  - that runs on"\n    x: ', 1)
    elif layout == "an unindented list":
        text = HEADER + "".join(line[2:] + "\n" for line in (first + second).splitlines())
    else:
        text = (
            HEADER
            + first.replace("id: event-1", "id: &same event-1")
            + second.replace("title: ", "date_note: *same\n    title: ")
        )
    monkeypatch.setattr("iwtimeline.load.BATCH", 1)
    assert outcome(parse_or_problems(text)) == outcome(whole_parse(text, monkeypatch))
