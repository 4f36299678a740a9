"""Options mean the same everywhere: repeats, choices, formats, position, help and errors."""

from __future__ import annotations

import json
import re

import pytest
import typer
from typer.testing import CliRunner

from iwtimeline.cli import app

from .conftest import MINI

runner = CliRunner()


def run(*args: str, width: int = 80) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--file", str(MINI), *args], env={"COLUMNS": str(width)})
    return result.exit_code, result.stdout, result.stderr


def ids(*args: str) -> list[str]:
    code, out, err = run(*args, "--json")
    assert code == 0, err
    return [record["id"] for record in json.loads(out)]


# --- repeated filters ------------------------------------------------------------------------


def test_repeated_search_terms_must_all_match() -> None:
    assert ids("list", "-s", "badr") == ["1982-badr-formed", "2003-badr-crosses"]
    assert ids("list", "-s", "badr", "-s", "crosses") == ["2003-badr-crosses"]


def test_repeated_actors_tags_places_and_years_match_any() -> None:
    assert ids("list", "-a", "pjak", "-a", "Hezbollah") == [
        "2007-pjak-shelling",
        "2008-hezbollah-training",
    ]
    assert ids("list", "-t", "pjak", "-t", "efp") == ["2007-kh-efp", "2007-pjak-shelling"]
    assert ids("list", "-p", "Herat", "-p", "Basra") == [
        "2001-late-cooperation",
        "2003-badr-crosses",
    ]
    assert ids("list", "-y", "2001", "-y", "2003") == ["2001-late-cooperation", "2003-badr-crosses"]
    assert ids("list", "--status", "alleged", "--status", "disputed") == [
        "2007-kh-efp",
        "2008-hezbollah-training",
        "2008-mahdi-army-disputed",
    ]


def test_match_all_requires_every_actor_tag_or_place() -> None:
    assert ids("list", "-a", "Badr", "-a", "IRGC", "--match", "all") == ["1982-badr-formed"]
    assert ids("list", "-t", "pjak", "-t", "border", "--match", "ALL") == ["2007-pjak-shelling"]
    code, _, err = run("list", "--match", "most")
    assert code == 2 and "most" in err


def test_an_actor_includes_its_parts_and_the_caption_says_so() -> None:
    assert ids("list", "-a", "IRGC") == ["1982-badr-formed", "2007-karbala-raid", "2007-sanctions"]
    assert ids("list", "-a", "IRGC", "--exact-actor") == ["1982-badr-formed", "2007-sanctions"]
    _, out, _ = run("list", "-a", "IRGC")
    assert "3 events · actor: Islamic Revolutionary Guard Corps (with Quds Force)" in out


def test_status_with_an_actor_tests_the_actors_part() -> None:
    assert ids("list", "-a", "Quds Force", "--status", "documented") == []
    assert ids("list", "-a", "Quds Force", "--status", "alleged") == ["2007-karbala-raid"]
    assert "2007-karbala-raid" in ids("list", "--status", "documented")
    _, out, _ = run("list", "-a", "Quds Force", "--status", "alleged")
    assert "their part: alleged" in out


# --- names that are ambiguous or unknown -------------------------------------------------------


def test_an_ambiguous_actor_is_a_usage_error_listing_the_candidates() -> None:
    code, out, err = run("list", "--actor", "hezb")
    assert (code, out) == (2, "")
    assert err == (
        'Error: actor "hezb" is ambiguous; it could be:\n'
        "  kataib-hezbollah  Kata'ib Hezbollah\n"
        "  hezbollah         Hezbollah\n"
        "Give more of the name, or the actor's id.\n"
    )


def test_an_ambiguous_id_prefix_lists_the_events() -> None:
    code, _, err = run("show", "2007-k")
    assert code == 2
    assert err == (
        'Error: event "2007-k" is ambiguous; it could be:\n'
        "  2007-karbala-raid  20 Jan 2007  Gunmen raid the Karbala headquarters\n"
        "  2007-kh-efp        11 Feb 2007  US says Kata'ib Hezbollah used Iranian EFPs\n"
        "Give more of the name, or the event's id.\n"
    )


def test_show_takes_any_case_and_a_unique_prefix() -> None:
    assert json.loads(run("show", "2007-KH", "--json")[1])["id"] == "2007-kh-efp"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["list", "--actor", "Badrr"],
            'Error: no actor matches "Badrr"; did you mean "Badr Organization"? '
            "('iwtimeline actors' lists them all)\n",
        ),
        (
            ["list", "--place", "Basara"],
            'Error: no place matches "Basara"; did you mean "Basra"? (\'iwtimeline places\' '
            "lists them all)\n",
        ),
        (
            ["list", "--tag", "sanction"],
            'Error: no tag matches "sanction"; did you mean "sanctions"? (\'iwtimeline tags\' '
            "lists them all)\n",
        ),
        (
            ["show", "2007-karbala-raids"],
            'Error: no event matches "2007-karbala-raids"; did you mean "2007-karbala-raid"? '
            "('iwtimeline list' shows the ids)\n",
        ),
    ],
)
def test_unknown_names_point_to_the_command_that_lists_them(args: list[str], message: str) -> None:
    code, _, err = run(*args)
    assert (code, err) == (2, message)


def test_bad_dates_name_the_option_or_argument_they_came_from() -> None:
    assert run("list", "--from", "someday")[2].startswith("Error: --from: cannot read 'someday'")
    assert run("list", "--to", "2007-13")[2].startswith("Error: --to: ")
    assert run("range", "someday")[2].startswith("Error: START: cannot read 'someday'")
    assert run("range", "2003", "later")[2].startswith("Error: END: cannot read 'later'")


# --- choices, formats and where options go --------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--status", "Alleged"],
        ["list", "-F", "JSON"],
        ["list", "-F", "Tree", "--by", "Actor"],
        ["tree", "--by", "TAG"],
        ["list", "--match", "All"],
    ],
)
def test_choices_are_case_insensitive(args: list[str]) -> None:
    code, _, err = run(*args)
    assert code == 0, err


def test_json_is_format_json_and_a_different_format_with_it_is_an_error() -> None:
    assert run("list", "--json")[1] == run("list", "--format", "json")[1]
    assert run("list", "--json", "--format", "json")[0] == 0
    code, out, err = run("list", "--json", "--format", "table")
    assert (code, out) == (2, "")
    assert err == "Error: --json means --format json, not --format table\n"


def test_ndjson_is_another_name_for_json_lines() -> None:
    assert run("list", "-F", "ndjson")[1] == run("list", "-F", "jsonl")[1]


def test_a_format_a_command_cannot_give_is_refused() -> None:
    code, _, err = run("show", "1980-war", "--format", "tree")
    assert code == 2 and "'tree' is not one of detail, json, jsonl" in err


def test_by_works_wherever_the_tree_is_chosen_and_only_there() -> None:
    by_actor = run("list", "--format", "tree", "--by", "actor")[1]
    assert by_actor == run("tree", "--by", "actor")[1]
    code, _, err = run("list", "--by", "actor")
    assert code == 2 and err == "Error: --by groups a tree; --format table has no groups\n"


def test_tree_takes_limit_reverse_and_json_as_list_does() -> None:
    assert ids("tree", "-n", "2", "-r") == ids("list", "-n", "2", "-r")
    _, out, _ = run("tree", "-n", "2")
    assert out.startswith("2 of 10 events\n")


def test_file_and_no_color_work_before_or_after_the_command() -> None:
    before = runner.invoke(app, ["--file", str(MINI), "--no-color", "list", "--json"])
    after = runner.invoke(app, ["list", "--json", "--file", str(MINI), "--no-color"])
    short = runner.invoke(app, ["list", "-f", str(MINI), "--json"])
    assert before.stdout == after.stdout == short.stdout
    assert len(json.loads(after.stdout)) == 10
    coloured = runner.invoke(app, ["list", "-f", str(MINI), "--no-color"], env={"FORCE_COLOR": "1"})
    assert "\x1b[3" not in coloured.stdout and "10 events" in coloured.stdout


def test_range_with_one_argument_is_that_whole_period() -> None:
    assert ids("range", "2003") == ["2003-badr-crosses"]
    assert ids("range", "2007-08") == ["2007-pjak-shelling"]
    assert ids("range", "2007") == ids("range", "2007", "2007")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Q3 2007", ["2007-pjak-shelling", "2007-sanctions"]),
        ("autumn 2007", ["2007-sanctions"]),
        ("late 2001", ["2001-late-cooperation"]),
        ("first half of 2003", ["2003-badr-crosses"]),
        ("c. 1982", ["1980-war", "1982-badr-formed"]),
        ("Jun 2008?", ["2008-hezbollah-training", "2008-mahdi-army-disputed"]),
    ],
)
def test_printed_date_labels_are_accepted_back(typed: str, expected: list[str]) -> None:
    assert ids("range", typed) == expected


# --- empty results and captions ---------------------------------------------------------------


def test_an_empty_result_is_a_line_on_stderr_and_json_stays_an_array() -> None:
    assert run("list", "--year", "2020", "--json")[:2] == (0, "[]\n")
    assert run("list", "--year", "2020") == (
        0,
        "",
        "No events match (year: 2020). The data covers 1980–2008.\n",
    )
    assert run("list", "-s", "zebra") == (0, "", 'No events match (search: "zebra").\n')
    assert run("tree", "--from", "2010") == (
        0,
        "",
        "No events match (2010-01-01 to …). The data covers 1980–2008.\n",
    )


def test_a_caption_counts_what_limit_left_out() -> None:
    _, out, _ = run("list", "--limit", "2")
    assert out.splitlines()[-1] == "2 of 10 events"
    assert run("list", "--limit", "0") == (0, "", "0 of 10 events shown (--limit 0).\n")


# --- help ------------------------------------------------------------------------------------


def command_names() -> list[str]:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return sorted(group.commands)


def test_the_commands_are_the_ones_the_app_defines() -> None:
    assert command_names() == [
        "actors",
        "browse",
        "chart",
        "list",
        "on",
        "places",
        "range",
        "schema",
        "show",
        "stats",
        "tags",
        "tree",
        "validate",
    ]


@pytest.mark.parametrize("command", command_names())
def test_every_command_has_help_ending_in_examples_and_a_readme_entry(command: str) -> None:
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0 and result.stdout.startswith(f"Usage: iwtimeline {command}")
    examples = result.stdout.rstrip().split("Examples:\n")[-1].splitlines()
    assert 2 <= len(examples) <= 3
    assert all(line.startswith("    iwtimeline ") for line in examples)
    assert (
        "<int" not in result.stdout
        and "INTEGER" not in result.stdout
        and "TEXT]" not in result.stdout
    )
    readme = (MINI.parents[2] / "README.md").read_text()
    assert f"iwtimeline {command}" in readme


def test_the_command_list_is_not_cut_at_80_columns() -> None:
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "80"})
    commands = result.stdout.split("Commands:\n")[1].splitlines()
    assert len(commands) == len(command_names())
    assert not any(line.endswith("...") for line in commands)
    assert all(re.match(r"  \w+ +\S", line) for line in commands)
