"""The views (stats, on, actors --tree), writing to files with -o, and shell completion."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iwtimeline import cli
from iwtimeline.cli import app

from .conftest import MINI

runner = CliRunner()


def run(*args: str, width: int = 80, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(
        app, ["--file", str(MINI), *args], env={"COLUMNS": str(width), **(env or {})}
    )
    return result.exit_code, result.stdout, result.stderr


def expected(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


# --- stats ------------------------------------------------------------------------------------


def test_stats_by_year_counts_bars_sparkline_and_statuses() -> None:
    code, out, err = run("stats")
    assert (code, err) == (0, "")
    # ten events: one each starting in 1980, 1982, 2001 and 2003, four in 2007, two in 2008;
    # 3 documented, 4 reported, 2 alleged, 1 disputed
    assert out == expected(
        """
        Year   Events
        ────────────────────────────────────────────────────────
        1980        1   ██████████
        1982        1   ██████████
        2001        1   ██████████
        2003        1   ██████████
        2007        4   ████████████████████████████████████████
        2008        2   ████████████████████
        10 events

        Per year  ▃ ▃                  ▃ ▃   █▅  1980–2008

        documented  3  30%  ████████████
        reported    4  40%  ████████████████
        alleged     2  20%  ████████
        disputed    1  10%  ████
        """
    )


def test_stats_json_by_status() -> None:
    code, out, _ = run("stats", "--by", "status", "--json")
    data = json.loads(out)
    assert code == 0 and data["events"] == 10 and data["by"] == "status"
    assert [(c["key"], c["events"]) for c in data["counts"]] == [
        ("reported", 4),
        ("documented", 3),
        ("alleged", 2),
        ("disputed", 1),
    ]
    assert data["statuses"][0] == {"status": "documented", "events": 3, "share": 0.3}
    assert data["per_year"][0] == {"year": 1980, "events": 1}
    assert len(data["per_year"]) == 2008 - 1980 + 1


def test_stats_by_actor_follows_the_filters() -> None:
    code, out, _ = run("stats", "--by", "actor", "--actor", "Iran", "--json")
    counts = {c["key"]: c["events"] for c in json.loads(out)["counts"]}
    assert code == 0 and counts["iran"] == 4 and counts["irgc"] == 2 and counts["quds-force"] == 1


# --- on this day ------------------------------------------------------------------------------


@pytest.fixture
def december_2026(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_today", lambda: dt.date(2026, 12, 1))


@pytest.mark.usefixtures("december_2026")
def test_on_a_day_lists_the_events_known_to_that_day() -> None:
    assert run("on", "08-16")[1] == expected(
        """
        Date           Event                                                    Status
        ────────────────────────────────────────────────────────────────────────────────
        16 Aug 2007    Iran shells PJAK positions                               reported
        19 years ago   Iran, PJAK (target)
                       2007-pjak-shelling
        1 event on August 16, known to the day
        """
    )


@pytest.mark.usefixtures("december_2026")
@pytest.mark.parametrize("typed", ["01-20", "1/20", "Jan 20", "20 January"])
def test_on_takes_the_day_as_people_write_it(typed: str) -> None:
    code, out, _ = run("on", typed, "--json")
    records = json.loads(out)
    assert code == 0 and [r["id"] for r in records] == ["2007-karbala-raid"]
    assert records[0]["years_ago"] == 19


@pytest.mark.usefixtures("december_2026")
def test_on_without_a_day_is_today_and_an_empty_day_says_so() -> None:
    assert run("on") == (
        0,
        "",
        "No event in the data is known to have happened on December 1.\n",
    )
    assert run("on", "--json")[1] == "[]\n"


def test_on_leaves_out_dates_not_known_to_the_day() -> None:
    # 1982~ (approximate year), 2001-39 (late 2001), 2008-06? (uncertain month) never match
    for day in ("01-01", "09-01", "06-01"):
        assert json.loads(run("on", day, "--json")[1]) == []


def test_on_refuses_what_is_not_a_day() -> None:
    code, _, err = run("on", "02-30")
    assert code == 2 and err == "Error: MM-DD: '02-30' is not a day of the year\n"


# --- actors as a tree -------------------------------------------------------------------------


def test_actors_tree_nests_parts_and_names_other_relations() -> None:
    assert run("actors", "--tree")[1] == expected(
        """
        9 actors
        ├── Badr Organization  badr · backed by IRGC
        ├── Hezbollah  hezbollah
        ├── Iran  iran
        │   └── Islamic Revolutionary Guard Corps  irgc  part of
        │       └── Quds Force  quds-force  part of
        ├── Kata'ib Hezbollah  kataib-hezbollah
        ├── Mahdi Army  mahdi-army
        ├── Party of Free Life of Kurdistan  pjak
        └── United States  united-states
        """
    )
    assert run("actors", "-F", "tree")[1] == run("actors", "--tree")[1]
    code, _, err = run("actors", "--tree", "--json")
    assert code == 2 and "--tree is --format tree" in err


# --- -o FILE ------------------------------------------------------------------------------------


def test_output_to_a_file_writes_exactly_what_stdout_would(tmp_path: Path) -> None:
    target = tmp_path / "events.json"
    code, out, _ = run("list", "--json", "-o", str(target))
    assert (code, out) == (0, "")
    assert target.read_text(encoding="utf-8") == run("list", "--json")[1]


def test_the_extension_chooses_the_format_unless_format_says(tmp_path: Path) -> None:
    for name, first in (("a.csv", "id,date,"), ("a.md", "# "), ("a.ics", "BEGIN:VCALENDAR")):
        target = tmp_path / name
        assert run("list", "-o", str(target))[0] == 0
        assert target.read_text(encoding="utf-8").startswith(first), name
    target = tmp_path / "a.csv"
    assert run("list", "-F", "jsonl", "-o", str(target))[0] == 0
    assert json.loads(target.read_text().splitlines()[0])["id"] == "1980-war"


def test_human_output_to_a_file_has_no_escape_sequences(tmp_path: Path) -> None:
    target = tmp_path / "table.txt"
    assert run("list", "-o", str(target), env={"FORCE_COLOR": "1"})[0] == 0
    text = target.read_text(encoding="utf-8")
    assert "\x1b" not in text and "10 events" in text and "Iran–Iraq War" in text


def test_dash_is_standard_output() -> None:
    assert run("list", "--json", "-o", "-")[1] == run("list", "--json")[1]


def test_the_data_file_is_never_written_over(tmp_path: Path) -> None:
    data = tmp_path / "events.yaml"
    data.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    before = data.read_bytes()
    result = runner.invoke(app, ["--file", str(data), "list", "--json", "-o", str(data)])
    assert result.exit_code == 2 and data.read_bytes() == before
    assert "is the data file being read" in result.stderr


def test_an_unwritable_output_is_exit_5_and_leaves_nothing_behind(tmp_path: Path) -> None:
    code, out, err = run("list", "--json", "-o", str(tmp_path / "missing" / "x.json"))
    assert (code, out) == (5, "")
    assert err.startswith(f"Error: {tmp_path / 'missing' / 'x.json'}: cannot write:")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_keeps_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def no_room(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("iwtimeline.render.files.os.replace", no_room)
    code, _, err = run("list", "--json", "-o", str(target))
    assert code == 5 and "No space left on device" in err
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_excel_is_for_csv_only() -> None:
    code, _, err = run("list", "--json", "--excel")
    assert code == 2 and err == "Error: --excel is for --format csv, not --format json\n"
    code, out, _ = run("list", "-F", "csv", "--excel")
    assert code == 0 and out.startswith("\ufeffid,date,")


def test_by_values_a_format_does_not_take_are_refused() -> None:
    code, _, err = run("list", "-F", "tree", "--by", "status")
    assert code == 2 and err == "Error: --format tree groups --by year, actor, tag\n"


# --- shell completion ----------------------------------------------------------------------------


def complete(words: str, env: dict[str, str], shell: str = "bash") -> list[str]:
    parts = words.split(" ")
    full_env = {
        **os.environ,
        **env,
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(parts) - 1),
        "_IWTIMELINE_COMPLETE": f"complete_{shell}",
    }
    done = subprocess.run(
        [sys.executable, "-m", "iwtimeline"], capture_output=True, text=True, env=full_env
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return done.stdout.splitlines()


@pytest.fixture
def cache_env(tmp_path: Path) -> dict[str, str]:
    return {"IWTIMELINE_CACHE_DIR": str(tmp_path / "cache"), "IWTIMELINE_FILE": str(MINI)}


def test_completion_offers_actor_ids_by_any_of_their_names(cache_env: dict[str, str]) -> None:
    assert complete("iwtimeline list --actor qu", cache_env) == ["quds-force"]
    assert complete("iwtimeline list --actor Qo", cache_env) == ["Qods\\ Force"]  # an alias
    assert complete("iwtimeline list --actor pasd", cache_env) == ["pasdaran"]  # as typed
    # Kata'ib Hezbollah by its alias Hezbollah Brigades, then Hezbollah by its id
    assert complete("iwtimeline list --actor hez", cache_env) == [
        "hezbollah\\ Brigades",
        "hezbollah",
    ]
    assert complete("iwtimeline list --actor US", cache_env) == ["US"]  # its short name


def test_completion_of_claimants_offers_actors(cache_env: dict[str, str]) -> None:
    assert complete("iwtimeline range 2007 --claimed-by qu", cache_env) == ["quds-force"]


def test_claimed_by_lists_the_claims_an_actor_makes_and_says_so() -> None:
    code, out, _ = run("list", "--claimed-by", "US", "--status", "alleged", width=100)
    assert code == 0
    assert re.findall(r"20\d\d-[a-z0-9-]+", out) == ["2007-kh-efp", "2008-hezbollah-training"]
    assert out.splitlines()[-1] == "2 events · status: alleged · claimed by: United States"
    code, out, _ = run("stats", "--claimed-by", "Hezbollah", "--json")
    assert code == 0 and json.loads(out)["events"] == 0
    code, _, err = run("chart", "--claimed-by", "nobody")
    assert code == 2 and 'no actor matches "nobody"' in err


def test_completion_of_tags_places_and_event_ids(cache_env: dict[str, str]) -> None:
    assert complete("iwtimeline list --tag san", cache_env) == ["sanctions"]
    assert complete("iwtimeline list --place iraqi", cache_env) == ["iraqi\\ Kurdistan"]
    assert complete("iwtimeline list --place He", cache_env) == ["Herat"]
    assert complete("iwtimeline show 2007-k", cache_env) == ["2007-karbala-raid", "2007-kh-efp"]


def test_completion_reads_the_file_given_on_the_command_line(
    cache_env: dict[str, str], tmp_path: Path
) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(MINI.read_text().replace("quds-force", "qods"), encoding="utf-8")
    words = f"iwtimeline --file {other} list --actor qo"
    assert complete(words, cache_env) == ["qods"]


def test_completion_reads_names_from_the_cache_and_survives_a_broken_one(
    cache_env: dict[str, str],
) -> None:
    assert complete("iwtimeline list --actor ba", cache_env) == ["badr"]
    folder = Path(cache_env["IWTIMELINE_CACHE_DIR"])
    [index] = folder.glob("*.index")
    whole = index.read_bytes()
    index.write_bytes(whole[: len(whole) // 2])
    assert complete("iwtimeline list --actor ba", cache_env) == ["badr"]
    assert index.read_bytes() == whole  # rebuilt


def test_completion_works_with_the_cache_off_or_unwritable(tmp_path: Path) -> None:
    assert complete(
        "iwtimeline list --actor ba", {"IWTIMELINE_FILE": str(MINI), "IWTIMELINE_CACHE_DIR": ""}
    ) == ["badr"]
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    env = {"IWTIMELINE_FILE": str(MINI), "IWTIMELINE_CACHE_DIR": str(blocker / "cache")}
    assert complete("iwtimeline list --actor ba", env) == ["badr"]


def test_a_changed_data_file_is_never_served_stale_names(
    cache_env: dict[str, str], tmp_path: Path
) -> None:
    data = tmp_path / "events.yaml"
    data.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    env = {**cache_env, "IWTIMELINE_FILE": str(data)}
    assert complete("iwtimeline list --tag rai", env) == ["raid"]
    data.write_text(data.read_text().replace("[raid]", "[raids]"), encoding="utf-8")
    assert complete("iwtimeline list --tag rai", env) == ["raids"]


def test_zsh_completion_describes_each_actor(cache_env: dict[str, str]) -> None:
    full_env = {
        **os.environ,
        **cache_env,
        "_TYPER_COMPLETE_ARGS": "iwtimeline list --actor bad",
        "_IWTIMELINE_COMPLETE": "complete_zsh",
    }
    done = subprocess.run(
        [sys.executable, "-m", "iwtimeline"], capture_output=True, text=True, env=full_env
    )
    assert '"badr":"Badr Organization"' in done.stdout


def test_show_completion_prints_a_script_for_each_shell() -> None:
    for shell in ("bash", "zsh", "fish"):
        result = runner.invoke(app, ["--show-completion", shell])
        assert result.exit_code == 0 and "_IWTIMELINE_COMPLETE" in result.stdout, shell


# --- chart ---------------------------------------------------------------------------------------


def test_chart_keeps_to_the_dates_asked_for_and_marks_what_goes_on_beyond() -> None:
    # the war (1980-1988) touches 1985, and so does nothing else: the plot is 1985 alone, in
    # months, and the war's bar runs off both edges
    code, out, _ = run("chart", "--year", "1985", width=60)
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("Iran ◀██") and lines[0].rstrip().endswith("██▶")
    assert "Jan 1985" in out


def test_chart_json_gives_the_lanes_and_their_intervals() -> None:
    code, out, _ = run("chart", "--by", "status", "--json")
    lanes = json.loads(out)
    assert code == 0 and [lane["lane"] for lane in lanes] == [
        "documented",
        "reported",
        "alleged",
        "disputed",
    ]
    war = lanes[0]["events"][0]
    assert war == {
        "id": "1980-war",
        "title": "Iran–Iraq War",
        "status": "documented",
        "date": "1980-09-22/1988-08-20",
        "date_label": "22 Sep 1980 – 20 Aug 1988",
        "precision": "interval",
        "approximate": False,
        "uncertain": False,
        "start": "1980-09-22",
        "end": "1988-08-20",
    }


def test_chart_json_by_actor_gives_each_actor_s_part_as_the_chart_draws_it() -> None:
    code, out, _ = run("chart", "--json")  # by actor
    assert code == 0
    lanes = {lane["key"]: lane for lane in json.loads(out)}
    raid = next(e for e in lanes["quds-force"]["events"] if e["id"] == "2007-karbala-raid")
    us = {"id": "united-states", "name": "United States", "kind": "state"}
    assert raid["status"] == "documented" and raid["part"] == {
        "id": "quds-force",
        "name": "Quds Force",
        "kind": "armed-force",
        "role": "sponsor",
        "status": "alleged",
        "claimed_by": [us],
    }
    efp = next(e for e in lanes["united-states"]["events"] if e["id"] == "2007-kh-efp")
    assert efp["status"] == "alleged" and (efp["part"]["role"], efp["part"]["status"]) == (
        "claimant",
        "reported",
    )
    code, out, _ = run("chart", "--by", "tag", "--json")
    assert code == 0
    assert all("part" not in event for lane in json.loads(out) for event in lane["events"])


def test_chart_top_and_sort() -> None:
    code, out, _ = run("chart", "--top", "2", "--sort", "count", "--json")
    assert code == 0 and [lane["key"] for lane in json.loads(out)] == ["iran", "united-states"]
    # nine actors have events: two lanes kept, seven left out
    assert "7 more lanes not shown (--top)" in run("chart", "--top", "2", "--sort", "count")[1]
