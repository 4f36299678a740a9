"""Exact output of every format of every command, on the mini fixture, without colour.

Each expected text below was read against tests/data/mini.yaml by hand: the dates, the order,
which actors are marked, who claims what. A change of layout should be a change here too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iwtimeline.cli import app

from .conftest import MINI

runner = CliRunner()


def output(*args: str, width: int = 80) -> str:
    result = runner.invoke(app, ["--file", str(MINI), *args], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout


def expected(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def test_table_wide_layout() -> None:
    assert output("list", "--actor", "Iran", "--limit", "4", width=100) == expected(
        """
        Date                        Event                                Actors                   Status
        ────────────────────────────────────────────────────────────────────────────────────────────────────
        22 Sep 1980 – 20 Aug 1988   Iran–Iraq War                        Iran                     documented
                                    1980-war
        c. 1982                     Badr formed in Iran                  Badr Organization,       reported
                                    1982-badr-formed                     IRGC
        late 2001                   Cooperation against the Taliban      Iran, US                 reported
                                    2001-late-cooperation
        20 Jan 2007                 Gunmen raid the Karbala              US (target), Quds        documented
                                    headquarters                         Force (sponsor)
                                    2007-karbala-raid                    [alleged]
        4 of 7 events · actor: Iran (with IRGC, Quds Force)
        """
    )


def test_table_narrow_layout_puts_status_under_the_date_and_actors_under_the_title() -> None:
    assert output("list", "--year", "2007", width=60) == expected(
        """
        Date            Event
        ────────────────────────────────────────────────────────────
        20 Jan 2007     Gunmen raid the Karbala headquarters
        documented      US (target), Quds Force (sponsor) [alleged]
                        2007-karbala-raid

        11 Feb 2007     US says Kata'ib Hezbollah used Iranian EFPs
        alleged by US   US (claimant), Kata'ib Hezbollah, Iran
                        2007-kh-efp

        16 Aug 2007     Iran shells PJAK positions
        reported        Iran, PJAK (target)
                        2007-pjak-shelling

        autumn 2007     Sanctions announced
        documented      US, IRGC
                        2007-sanctions
        4 events · year: 2007
        """
    )


def test_tree_by_year_then_month() -> None:
    assert output("tree", "--from", "2007", width=100) == expected(
        """
        6 events · 2007-01-01 to …
        ├── 2007
        │   ├── January
        │   │   └── 20 Jan 2007  Gunmen raid the Karbala headquarters  documented
        │   │       US (target), Quds Force (sponsor) [alleged]  2007-karbala-raid
        │   ├── February
        │   │   └── 11 Feb 2007  US says Kata'ib Hezbollah used Iranian EFPs  alleged by US
        │   │       US (claimant), Kata'ib Hezbollah, Iran  2007-kh-efp
        │   ├── August
        │   │   └── 16 Aug 2007  Iran shells PJAK positions  reported
        │   │       Iran, PJAK (target)  2007-pjak-shelling
        │   └── autumn 2007  Sanctions announced  documented
        │       US, IRGC  2007-sanctions
        └── 2008
            ├── 2008  Hezbollah trains militias  alleged by US
            │   Hezbollah  2008-hezbollah-training
            └── June
                └── Jun 2008?  Mahdi Army transformation  disputed, claimed by US
                    Mahdi Army  2008-mahdi-army-disputed
        """
    )


def test_tree_by_actor_gives_the_asked_actor_and_its_parts_a_branch_each() -> None:
    assert output("tree", "--by", "actor", "--actor", "irgc") == expected(
        """
        3 events · actor: Islamic Revolutionary Guard Corps (with Quds Force)
        ├── Islamic Revolutionary Guard Corps
        │   ├── c. 1982  Badr formed in Iran  reported
        │   │   Badr Organization, IRGC  1982-badr-formed
        │   └── autumn 2007  Sanctions announced  documented
        │       US, IRGC  2007-sanctions
        └── Quds Force
            └── 20 Jan 2007  Gunmen raid the Karbala headquarters  documented
                US (target), Quds Force (sponsor) [alleged]  2007-karbala-raid
        """
    )


def test_tree_by_tag() -> None:
    assert output("list", "-F", "tree", "--by", "tag", "--tag", "pjak", "--tag", "efp") == expected(
        """
        2 events · tag: pjak or efp
        ├── border
        │   └── 16 Aug 2007  Iran shells PJAK positions  reported
        │       Iran, PJAK (target)  2007-pjak-shelling
        ├── efp
        │   └── 11 Feb 2007  US says Kata'ib Hezbollah used Iranian EFPs  alleged by US
        │       US (claimant), Kata'ib Hezbollah, Iran  2007-kh-efp
        └── pjak
            └── 16 Aug 2007  Iran shells PJAK positions  reported
                Iran, PJAK (target)  2007-pjak-shelling
        """
    )


def test_show_in_full_with_an_alleged_participant_and_related_events() -> None:
    assert output("show", "2007-karbala-raid") == expected(
        """
        ╭──────────────────────────────────────────────────────────────────────────────╮
        │ Gunmen raid the Karbala headquarters                                         │
        │                                                                              │
        │ Date    20 Jan 2007  (exact day; 2007-01-20)                                 │
        │ Status  documented                                                           │
        │ Actors  United States (state) · target                                       │
        │         Quds Force (armed-force) · sponsor · alleged by United States        │
        │ Places  Karbala                                                              │
        │ Tags    raid                                                                 │
        │ ID      2007-karbala-raid                                                    │
        │                                                                              │
        │ Gunmen killed five US soldiers in Karbala. US officials later said the Quds  │
        │ Force had helped plan the raid; Iran denied it.                              │
        ╰──────────────────────────────────────────────────────────────────────────────╯
        Sources
        1. Raid report — Wire service, 2007-01-21
           https://example.org/karbala
        Related (shared actors, nearby in time)
        • 11 Feb 2007  US says Kata'ib Hezbollah used Iranian EFPs
          2007-kh-efp
        • autumn 2007  Sanctions announced
          2007-sanctions
        """
    )


def test_show_never_cuts_a_long_title_and_hangs_wrapped_source_lines() -> None:
    out = output("show", "1980-war", width=40)
    assert out.startswith(
        expected(
            """
            ╭──────────────────────────────────────╮
            │ Iran–Iraq War                        │
            │                                      │
            │ Date    22 Sep 1980 – 20 Aug 1988    │
            │         (a span of time;             │
            │         1980-09-22/1988-08-20)       │
            │ Status  documented                   │
            """
        )
    )
    assert out.endswith(
        expected(
            """
            Sources
            1. Iran–Iraq War — Wikipedia
               https://en.wikipedia.org/wiki/Iran%E2%80%93Iraq_War
            """
        )
    )


def test_actors_table() -> None:
    assert output("actors", width=100).startswith(
        expected(
            """
            Actor                              Kind          Events   Years       Also known as
            ────────────────────────────────────────────────────────────────────────────────────────────────────
            Badr Organization                  militia            2   1982–2003   Badr Corps, Badr Brigade
            badr

            Hezbollah                          militia            1   2008
            hezbollah

            Iran                               state              4   1980–2007
            iran

            Islamic Revolutionary Guard        armed-force        2   1982–2007   Pasdaran, Sepah
            Corps
            irgc
            """
        )
    )


def test_actor_in_full_reads_relations_from_both_ends() -> None:
    assert output("actors", "IRGC") == expected(
        """
        ╭──────────────────────────────────────────────────────────────────────────────╮
        │ Islamic Revolutionary Guard Corps                                            │
        │                                                                              │
        │ Kind           armed-force                                                   │
        │ Short name     IRGC                                                          │
        │ Also known as  Pasdaran, Sepah                                               │
        │ Events         2 (1982–2007)                                                 │
        │ ID             irgc                                                          │
        │                                                                              │
        │ Relations                                                                    │
        │ part of      Iran                                                            │
        │ has as part  Quds Force                                                      │
        │ backs        Badr Organization  1982 – 2008                                  │
        ╰──────────────────────────────────────────────────────────────────────────────╯
        """
    )


def test_tags_table() -> None:
    assert output("tags") == expected(
        """
        Tag             Events   Years
        ──────────────────────────────────
        afghanistan          1   2001
        border               1   2007
        efp                  1   2007
        invasion-2003        1   2003
        iran-iraq-war        1   1980–1988
        militias             2   1982–2003
        pjak                 1   2007
        raid                 1   2007
        sanctions            1   2007
        training             1   2008
        us-iran              1   2001
        11 tags
        """
    )


def test_places_table() -> None:
    assert output("places") == expected(
        """
        Place             Events   Years
        ────────────────────────────────
        Basra                  1   2003
        Herat                  1   2001
        Iraqi Kurdistan        1   2007
        Karbala                1   2007
        Tehran                 1   1982
        5 places
        """
    )


def test_json_of_an_event_with_an_alleged_participant() -> None:
    [record] = json.loads(output("list", "--actor", "quds", "--json"))
    assert record["status"] == "documented" and record["claimed_by"] == []
    us = {"id": "united-states", "name": "United States", "kind": "state"}
    assert record["actors"] == [
        {**us, "role": "target", "status": "documented", "claimed_by": []},
        {
            "id": "quds-force",
            "name": "Quds Force",
            "kind": "armed-force",
            "role": "sponsor",
            "status": "alleged",
            "claimed_by": [us],
        },
    ]
    assert list(record) == [
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


def test_json_in_an_alleged_event_the_claimant_makes_the_claim_and_the_others_share_it() -> None:
    # the US, which makes the claim, is not alleged to take part: its part is on record
    record = json.loads(output("show", "2007-kh-efp", "--json"))
    us = {"id": "united-states", "name": "United States", "kind": "state"}
    assert [(a["id"], a["role"], a["status"], a["claimed_by"]) for a in record["actors"]] == [
        ("united-states", "claimant", "reported", []),
        ("kataib-hezbollah", None, "alleged", [us]),
        ("iran", None, "alleged", [us]),
    ]


def test_jsonl_of_tags_and_json_of_places() -> None:
    assert output("tags", "-F", "jsonl").splitlines()[:2] == [
        '{"name":"afghanistan","events":1,"first_year":2001,"last_year":2001}',
        '{"name":"border","events":1,"first_year":2007,"last_year":2007}',
    ]
    assert json.loads(output("places", "--json"))[0] == {
        "name": "Basra",
        "aliases": [],
        "kind": None,
        "country": None,
        "events": 1,
        "first_year": 2003,
        "last_year": 2003,
    }


def test_show_jsonl_and_several_ids() -> None:
    lines = output("show", "2007-kh-efp", "1980-war", "-F", "jsonl").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["2007-kh-efp", "1980-war"]
    records = json.loads(output("show", "2007-kh-efp", "1980-war", "--json"))
    assert [record["id"] for record in records] == ["2007-kh-efp", "1980-war"]


def test_actors_as_json_lines_and_one_actor_as_one_object() -> None:
    lines = output("actors", "--format", "jsonl").splitlines()
    assert len(lines) == 9 and json.loads(lines[0])["id"] == "iran"
    assert json.loads(output("actors", "badr", "--json"))["name"] == "Badr Organization"


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_json_is_indented_on_a_terminal_and_compact_in_a_pipe(tmp_path: Path) -> None:
    import pty

    command = [sys.executable, "-m", "iwtimeline", "--file", str(MINI), "list", "--json"]
    env = {**os.environ, "IWTIMELINE_CACHE_DIR": str(tmp_path), "COLUMNS": "100"}
    piped = subprocess.run(command, capture_output=True, env=env, check=True).stdout
    leader, follower = pty.openpty()
    process = subprocess.Popen(command, stdout=follower, stderr=subprocess.DEVNULL, env=env)
    os.close(follower)
    shown = b""
    while chunk := _read_some(leader):
        shown += chunk
    process.wait(timeout=30)
    os.close(leader)
    assert piped.startswith(b'[{"id":') and piped.count(b"\n") == 1
    on_screen = shown.replace(b"\r\n", b"\n")
    assert on_screen.startswith(b'[\n  {\n    "id": ')
    assert json.loads(on_screen) == json.loads(piped)


def _read_some(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError:  # the terminal closed: the program is done
        return b""
