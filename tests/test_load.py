from __future__ import annotations

import json
import textwrap
from datetime import date
from pathlib import Path

import pytest
import yaml

from iwtimeline.errors import DataFileInvalid, DataFileUnreadable
from iwtimeline.load import bundled_data_path, load_timeline, parse_timeline
from iwtimeline.model import Timeline

SCHEMA_PATH = Path(__file__).parents[1] / "src" / "iwtimeline" / "data" / "events.schema.json"

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
    assert len(mini.events) == 9 and len(mini.actors) == 8


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
    for path in (bundled_data_path(), Path(__file__).parent / "data" / "mini.yaml"):
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
