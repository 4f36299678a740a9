"""Every command and option through typer's CliRunner: output, exit codes, errors on stderr."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from iwtimeline.cli import app

from .conftest import MINI

ESC = "\x1b["
SGR = re.compile(r"\x1b\[([\d;]*)m")
runner = CliRunner()


def has_colour(text: str) -> bool:
    """True if any SGR sequence sets a colour (bold and dim are styles, allowed by NO_COLOR)."""
    for match in SGR.finditer(text):
        codes = [int(code) for code in match.group(1).split(";") if code]
        if any(30 <= c <= 49 or 90 <= c <= 107 for c in codes):
            return True
    return False


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--file", str(MINI), *args], env=env)
    return result.exit_code, result.stdout, result.stderr


def json_ids(*args: str) -> list[str]:
    code, out, err = run(*args, "--json")
    assert code == 0, err
    return [record["id"] for record in json.loads(out)]


# --- list and its filters ---------------------------------------------------------------


def test_list_shows_a_table_of_all_events() -> None:
    code, out, err = run("list")
    assert code == 0 and err == ""
    assert "Iran–Iraq War" in out and "Mahdi Army" in out and "10 events" in out


@pytest.mark.parametrize("name", ["Badr", "badr corps", "BADR"])
def test_list_by_actor(name: str) -> None:
    assert json_ids("list", "--actor", name) == ["1982-badr-formed", "2003-badr-crosses"]


def test_list_by_several_actors_is_any_of_them() -> None:
    assert json_ids("list", "-a", "pjak", "-a", "Hezbollah") == [
        "2007-pjak-shelling",
        "2008-hezbollah-training",
    ]


def test_list_by_year_from_and_to() -> None:
    assert json_ids("list", "--year", "2007") == [
        "2007-karbala-raid",
        "2007-kh-efp",
        "2007-pjak-shelling",
        "2007-sanctions",
    ]
    assert json_ids("list", "--from", "March 2003", "--to", "20 Feb 2007") == [
        "2003-badr-crosses",
        "2007-karbala-raid",
        "2007-kh-efp",
    ]
    assert json_ids("list", "--to", "2001") == [
        "1980-war",
        "1982-badr-formed",
        "2001-late-cooperation",
    ]


def test_list_by_tag_status_and_search() -> None:
    assert json_ids("list", "--tag", "efp") == ["2007-kh-efp"]
    assert json_ids("list", "--status", "disputed") == ["2008-mahdi-army-disputed"]
    assert json_ids("list", "--search", "herat") == ["2001-late-cooperation"]


def test_list_limit_and_reverse() -> None:
    assert json_ids("list", "--limit", "2", "--reverse") == [
        "2008-mahdi-army-disputed",
        "2008-hezbollah-training",
    ]


def test_an_actor_with_no_events_in_range_is_an_empty_result_not_an_error() -> None:
    code, out, err = run("list", "--actor", "PJAK", "--year", "1990", "--json")
    assert (code, out, err) == (0, "[]\n", "")
    code, out, err = run("list", "--actor", "PJAK", "--year", "1990")
    assert (code, out) == (0, "")
    assert err == "No events match (actor: Party of Free Life of Kurdistan · year: 1990).\n"


def test_an_unknown_actor_is_an_error_with_did_you_mean() -> None:
    code, out, err = run("list", "--actor", "Badrr")
    assert code == 2 and out == ""
    assert err.startswith('Error: no actor matches "Badrr"; did you mean "Badr Organization"?')


def test_a_bad_date_is_a_usage_error() -> None:
    code, out, err = run("list", "--from", "someday")
    assert code == 2 and out == "" and "cannot read 'someday' as a date" in err


def test_an_unknown_status_is_refused_by_the_option() -> None:
    code, _, err = run("list", "--status", "rumour")
    assert code == 2 and "rumour" in err


# --- range -----------------------------------------------------------------------------


def test_range_includes_everything_that_touches_the_years() -> None:
    assert json_ids("range", "2003", "2007") == [
        "2003-badr-crosses",
        "2007-karbala-raid",
        "2007-kh-efp",
        "2007-pjak-shelling",
        "2007-sanctions",
    ]


def test_range_end_at_month_precision_covers_the_month() -> None:
    assert json_ids("range", "2007-08", "Aug 2007") == ["2007-pjak-shelling"]


def test_range_includes_a_long_span_that_began_before_it() -> None:
    assert json_ids("range", "1985", "1986") == ["1980-war"]


def test_range_takes_filters() -> None:
    assert json_ids("range", "2003", "2008", "--actor", "irgc", "--exact-actor") == [
        "2007-sanctions"
    ]


def test_range_backwards_is_an_error() -> None:
    code, _, err = run("range", "2008", "2003")
    assert code == 2 and "after the end" in err


# --- formats ---------------------------------------------------------------------------


def test_format_json_equals_the_json_shortcut() -> None:
    assert run("list", "--format", "json")[1] == run("list", "--json")[1]


def test_jsonl_gives_one_object_per_line() -> None:
    code, out, _ = run("list", "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) == 10
    assert json.loads(out.splitlines()[0])["id"] == "1980-war"


def test_format_tree_from_list() -> None:
    code, out, _ = run("list", "--format", "tree", "--year", "2003")
    assert code == 0 and "2003" in out and "March" in out and "Badr crosses into Iraq" in out


def test_tree_command_by_actor() -> None:
    code, out, _ = run("tree", "--by", "actor", "--actor", "badr")
    assert code == 0 and "Badr Organization" in out and "2003-badr-crosses" in out


# --- colour ----------------------------------------------------------------------------


def test_no_colour_when_not_a_terminal() -> None:
    assert ESC not in run("list")[1]


def test_force_color_forces_it() -> None:
    assert has_colour(run("list", env={"FORCE_COLOR": "1"})[1])


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("list", "--no-color"), {"FORCE_COLOR": "1"}),
        (("--no-color", "list"), {"FORCE_COLOR": "1"}),
        (("list",), {"FORCE_COLOR": "1", "NO_COLOR": "1"}),
    ],
)
def test_no_color_wins(args: tuple[str, ...], env: dict[str, str]) -> None:
    result = runner.invoke(app, ["--file", str(MINI), *args], env=env)
    assert result.exit_code == 0 and not has_colour(result.stdout)
    assert "Kata'ib Hezbollah" in result.stdout


def test_json_never_has_colour() -> None:
    out = run("list", "--json", env={"FORCE_COLOR": "1"})[1]
    assert ESC not in out and json.loads(out)


# --- show, actors, validate, schema, version --------------------------------------------


def test_show_prints_an_event_in_full() -> None:
    code, out, _ = run("show", "2007-kh-efp")
    assert code == 0
    for expected in (
        "US says Kata'ib Hezbollah used Iranian EFPs",
        "exact day",
        "alleged by United States",
        "https://example.org/briefing",
    ):
        assert expected in out


def test_show_json_is_one_object() -> None:
    code, out, _ = run("show", "2007-kh-efp", "--json")
    record = json.loads(out)
    assert code == 0 and record["id"] == "2007-kh-efp" and record["status"] == "alleged"


def test_show_unknown_id_suggests() -> None:
    code, _, err = run("show", "2007-pjak-shellling")
    assert code == 2 and 'did you mean "2007-pjak-shelling"' in err


def test_actors_lists_the_registry_with_counts() -> None:
    code, out, _ = run("actors")
    assert code == 0 and "Badr Organization" in out and "9 actors" in out


def test_actors_json() -> None:
    code, out, _ = run("actors", "--json")
    records = {r["id"]: r for r in json.loads(out)}
    assert code == 0 and records["badr"]["events"] == 2
    assert records["badr"]["relations"] == [
        {"type": "backed_by", "actor": "irgc", "when": "1982/2008", "status": None, "note": None}
    ]
    assert records["badr"]["context"] is False


def test_validate_a_good_file() -> None:
    result = runner.invoke(app, ["validate", str(MINI)])
    assert result.exit_code == 0 and "valid (10 events, 9 actors)" in result.stdout


def test_validate_reports_every_problem_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        MINI.read_text()
        .replace("date: 2007-08-16", "date: 2007-02-30")
        .replace("status: documented", "status: maybe", 1)
    )
    result = runner.invoke(app, ["validate", str(bad)])
    lines = result.stdout.splitlines()
    assert result.exit_code == 4
    assert re.match(rf"{re.escape(str(bad))}:\d+: events\[0\]\.status: 'maybe'", lines[0])
    assert re.match(rf"{re.escape(str(bad))}:\d+: events\[6\]\.date: '2007-02-30'", lines[1])
    assert lines[-1] == f"{bad}: 2 problems"


def test_other_commands_report_the_first_problem_on_stderr(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINI.read_text().replace("date: 2007-08-16", "date: 2007-02-30"))
    result = runner.invoke(app, ["--file", str(bad), "list"])
    assert result.exit_code == 4 and result.stdout == ""
    assert result.stderr.startswith(f"Error: {bad}:")
    assert "events[6].date: '2007-02-30': February 2007 has 28 days" in result.stderr
    assert "Traceback" not in result.output


def test_a_missing_file_exits_3(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--file", str(tmp_path / "none.yaml"), "list"])
    assert result.exit_code == 3 and "no such file" in result.stderr


def test_the_environment_variable_selects_the_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["list", "--json"], env={"IWTIMELINE_FILE": str(MINI)})
    assert len(json.loads(result.stdout)) == 10


def test_the_option_wins_over_the_environment_variable(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["--file", str(MINI), "list", "--json"],
        env={"IWTIMELINE_FILE": str(tmp_path / "missing.yaml")},
    )
    assert result.exit_code == 0


def test_error_text_from_the_user_is_shown_literally() -> None:
    code, _, err = run("list", "--actor", "[bold]x\x1b[31m")
    assert code == 2 and '"[bold]x<U+001B>[31m"' in err and ESC not in err


def test_schema_prints_the_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    assert result.exit_code == 0 and schema["title"] == "iwtimeline events file"


def test_the_json_output_follows_its_published_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(runner.invoke(app, ["schema", "output"]).stdout)
    assert schema["title"] == "iwtimeline JSON output"
    for args in (["list", "--json"], ["--file", str(MINI), "list", "--json"]):
        jsonschema.validate(json.loads(runner.invoke(app, args).stdout), schema)
    one = json.loads(runner.invoke(app, ["show", "2007-dubik-credits-iran", "--json"]).stdout)
    jsonschema.validate([one], schema)


# every command that prints JSON, with arguments that give it something to print
JSON_COMMANDS = {
    "list": ["list", "--json"],
    "range": ["range", "2003", "2007", "--json"],
    "tree": ["tree", "--year", "2007", "--json"],
    "show": ["show", "2007-dubik-credits-iran", "2007-us-efp-briefing-baghdad", "--json"],
    "actors": ["actors", "--json"],
    "actors NAME": ["actors", "Badr", "--json"],
    "tags": ["tags", "--json"],
    "places": ["places", "--json"],
    "chart": ["chart", "--json"],
    "stats": ["stats", "--by", "status", "--json"],
    "on": ["on", "01-20", "--json"],
}


@pytest.mark.parametrize("data", [None, MINI], ids=["bundled", "mini"])
@pytest.mark.parametrize("command", sorted(JSON_COMMANDS))
def test_every_command_s_json_follows_the_part_of_the_schema_it_names(
    command: str, data: Path | None
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(runner.invoke(app, ["schema", "output"]).stdout)
    where = schema["x-commands"][command]
    part = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": where}
    if where == "#":
        part = schema
    args = JSON_COMMANDS[command]
    if data is not None:
        args = ["--file", str(data), *args]
    if data is not None and command == "show":
        args = ["--file", str(data), "show", "2007-kh-efp", "2007-karbala-raid", "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed, command  # something to check
    jsonschema.validate(printed, part)
    for wrong in ({"surprise": True}, [{"id": 1}]):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(wrong, part)


def test_the_schema_names_every_command_that_prints_json() -> None:
    schema = json.loads(runner.invoke(app, ["schema", "output"]).stdout)
    assert set(schema["x-commands"]) == set(JSON_COMMANDS)
    assert all(
        where == "#" or where.removeprefix("#/$defs/") in schema["$defs"]
        for where in schema["x-commands"].values()
    )


def test_version_comes_from_package_metadata() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout == f"iwtimeline {version('iwtimeline')}\n"


def test_an_internal_error_is_a_message_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("iwtimeline.cli.select", broken)
    result = runner.invoke(app, ["--file", str(MINI), "list"])
    assert result.exit_code == 1
    assert "internal error: RuntimeError: boom" in result.stderr
    assert "Traceback" not in result.output


def test_ctrl_c_exits_130_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("iwtimeline.cli.select", interrupted)
    result = runner.invoke(app, ["--file", str(MINI), "list"])
    assert result.exit_code == 130 and "Traceback" not in result.output


@pytest.mark.skipif(not hasattr(signal, "SIGPIPE"), reason="no SIGPIPE on this platform")
def test_a_reader_that_goes_away_ends_the_program_quietly() -> None:
    # a real process and a real pipe: `iwtimeline list --json | head -c 10`
    process = subprocess.Popen(
        [sys.executable, "-m", "iwtimeline", "list", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(10) == b'[{"id":"19'
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=30) == -signal.SIGPIPE
    assert stderr == b""


def test_list_by_place_in_any_spelling() -> None:
    assert json_ids("list", "--place", "herat") == ["2001-late-cooperation"]
    result = runner.invoke(app, ["list", "--place", "Erbil", "--json"])  # the bundled registry
    records = json.loads(result.stdout)
    assert records and all("Irbil" in record["places"] for record in records)


def test_an_unknown_place_is_an_error_with_suggestions() -> None:
    code, _, err = run("list", "--place", "Basara")
    assert code == 2 and 'no place matches "Basara"; did you mean "Basra"?' in err


def test_actors_name_shows_one_actor_with_relations_both_ways() -> None:
    code, out, _ = run("actors", "Badr Corps")
    assert code == 0
    assert "Badr Organization" in out and "Badr Corps, Badr Brigade" in out
    assert re.search(r"backed by\s+Islamic Revolutionary Guard Corps\s+1982 – 2008", out)
    code, out, _ = run("actors", "irgc")
    assert re.search(r"backs\s+Badr Organization", out)  # the same relation from the other end
    assert re.search(r"part of\s+Iran", out)


def test_actors_name_json_and_unknown_name() -> None:
    code, out, _ = run("actors", "pasdaran", "--json")
    assert code == 0 and json.loads(out)["id"] == "irgc"  # one object, as `show ID --json`
    code, _, err = run("actors", "Badrr")
    assert code == 2 and 'did you mean "Badr Organization"' in err


def test_tree_by_year_is_the_default() -> None:
    assert run("tree", "--by", "year")[1] == run("tree")[1]
    code, _, err = run("tree", "--by", "date")
    assert code == 2 and "date" in err


def test_json_output_never_imports_rich() -> None:
    # the JSON path is the one scripts run many times; Rich costs start-up time it does not need
    script = (
        "import sys\n"
        "from iwtimeline.cli import app\n"
        "try:\n"
        f"    app(['--file', {str(MINI)!r}, 'list', '--json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) and done.stderr.strip() == "[]"


def test_the_lazily_built_commands_are_the_ones_typer_would_build() -> None:
    # the console script builds each command on first use (cli._lazy_command); tests use typer's
    # eager build: both must offer the same commands with the same parameters and help
    from typer.main import get_command

    from iwtimeline.cli import _lazy_command

    eager, lazy = get_command(app), _lazy_command()
    context = typer.Context(eager)
    names = eager.list_commands(context)  # type: ignore[attr-defined]
    assert names and lazy.list_commands(context) == names
    for name in names:
        want, got = eager.get_command(context, name), lazy.get_command(context, name)  # type: ignore[attr-defined]
        assert [p.name for p in got.params] == [p.name for p in want.params], name
        assert got.help == want.help and got.hidden == want.hidden, name
    assert lazy.get_command(context, "no-such-command") is None
    assert [p.name for p in lazy.params] == [p.name for p in eager.params]


def test_the_installed_entry_point_answers_version_without_the_app() -> None:
    process = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "iwtimeline", "--version"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert process.returncode == 0 and process.stdout == f"iwtimeline {version('iwtimeline')}\n"
    assert "iwtimeline.cli" not in process.stderr and "typer" not in process.stderr


@pytest.mark.skipif(not hasattr(signal, "SIGINT"), reason="no SIGINT on this platform")
@pytest.mark.parametrize("after", [0.02, 0.035, 0.05, 0.08, 0.12, 0.2])
def test_ctrl_c_at_any_moment_exits_130_without_a_traceback(after: float, tmp_path: Path) -> None:
    # a real process interrupted while importing, reading, rendering or writing its cache
    env = {**os.environ, "IWTIMELINE_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "iwtimeline", "list"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    time.sleep(after)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode in (0, 130), stderr
    assert b"Traceback" not in stderr and b"KeyboardInterrupt" not in stderr


IMPORTS_SEEN = """
import sys
from iwtimeline.cli import run
try:
    run()
except SystemExit:
    pass
heavy = {"yaml", "rich", "textual", "dataclasses"}  # dataclasses: 0.5 ms, and 0.45 a class
heavy = sorted({name.split(".")[0] for name in sys.modules} & heavy)
sys.stderr.write("IMPORTED " + " ".join(heavy) + "\\n")
"""


def imported_by(args: list[str], env: dict[str, str]) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", IMPORTS_SEEN, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    line = next(line for line in done.stderr.splitlines() if line.startswith("IMPORTED"))
    return set(line.split()[1:])


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (["list", "--actor", "Badr", "--json"], set()),
        (["list", "--format", "jsonl"], set()),
        (["range", "2003", "2007"], set()),  # a table off a terminal is laid out without Rich
        (["tree", "--year", "2007"], set()),  # and so is a tree
        (["show", "2007-kh-efp"], {"rich", "dataclasses"}),  # Rich uses dataclasses
        (["validate"], set()),
    ],
)
def test_a_cheap_command_imports_nothing_it_does_not_need(
    args: list[str], allowed: set[str], tmp_path: Path
) -> None:
    env = {**os.environ, "IWTIMELINE_CACHE_DIR": str(tmp_path), "NO_COLOR": "1"}
    env["IWTIMELINE_FILE"] = str(MINI) if "2007-kh-efp" in args else env.get("IWTIMELINE_FILE", "")
    if not env["IWTIMELINE_FILE"]:
        del env["IWTIMELINE_FILE"]
    imported_by(args, env)  # the first run parses the file (and may import YAML)
    assert imported_by(args, env) == allowed  # a warm run: no YAML, Rich only for people
