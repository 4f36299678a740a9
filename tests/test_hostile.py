"""Hidden characters in data or input never reach the terminal raw; JSON keeps them exactly.

tests/data/hostile.yaml puts a bidi override, an isolate or a zero-width space in every text
field a human format shows.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from iwtimeline.cli import app
from iwtimeline.render.safe import visible, without_hidden_format

from .conftest import DATA

HOSTILE = DATA / "hostile.yaml"
runner = CliRunner()

HUMAN_COMMANDS = [
    ["list"],
    ["list", "--format", "tree"],
    ["tree", "--by", "actor"],
    ["tree", "--by", "tag"],
    ["range", "2007"],
    ["show", "2007-hostile"],
    ["actors"],
    ["actors", "iran"],
    ["places"],
]


def hidden_characters(text: str) -> list[str]:
    return [
        f"U+{ord(c):04X}"
        for c in text
        if c not in "\n\t" and unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")
    ]


@pytest.mark.parametrize("args", HUMAN_COMMANDS, ids=" ".join)
@pytest.mark.parametrize("width", ["60", "200"])
def test_human_output_shows_hidden_characters_escaped(args: list[str], width: str) -> None:
    result = runner.invoke(app, ["--file", str(HOSTILE), *args], env={"COLUMNS": width})
    assert result.exit_code == 0, result.output
    assert hidden_characters(result.stdout) == []
    assert "<U+202E>" in result.stdout or "<U+200B>" in result.stdout


def test_show_escapes_every_field() -> None:
    out = runner.invoke(app, ["--file", str(HOSTILE), "show", "2007-hostile"]).stdout
    for shown in (
        "Title <U+202E>reversed",
        "Summary <U+2066>isolated<U+2069> and <U+200B>spaced.",
        "Note <U+202E>here",
        "Ir<U+202E>an",
        "Bas<U+202E>ra",
        "Source <U+202E>title",
        "Pub<U+202E>lisher",
    ):
        assert shown in out, shown


def test_actor_in_full_escapes_every_field() -> None:
    out = runner.invoke(app, ["--file", str(HOSTILE), "actors", "iran"]).stdout
    for shown in ("Ir<U+202E>an", "Per<U+2066>sia<U+2069>", "A <U+202E>state", "a <U+202E>note"):
        assert shown in out, shown


def test_json_keeps_every_string_exactly() -> None:
    out = runner.invoke(app, ["--file", str(HOSTILE), "list", "--json"]).stdout
    event = json.loads(out)[0]
    assert event["title"] == "Title \u202ereversed"
    assert event["summary"] == "Summary \u2066isolated\u2069 and \u200bspaced."
    assert event["actors"][0]["name"] == "Ir\u202ean"
    places = runner.invoke(app, ["--file", str(HOSTILE), "places", "--json"]).stdout
    assert json.loads(places)[0]["aliases"] == ["Ba\u2066srah\u2069"]


def test_error_messages_escape_what_the_user_typed() -> None:
    result = runner.invoke(app, ["--file", str(HOSTILE), "list", "--actor", "Ir\u202ean\x1b[31m"])
    assert result.exit_code == 2
    assert hidden_characters(result.stderr) == []
    assert '"Ir<U+202E>an<U+001B>[31m"' in result.stderr


def test_error_messages_escape_what_the_data_file_holds(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        HOSTILE.read_text().replace("status: alleged", "status: alle\u202eged"), encoding="utf-8"
    )
    for args in (["--file", str(bad), "list"], ["validate", str(bad)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 4
        assert hidden_characters(result.output) == []
        # the loader quotes values with repr(), which escapes them its own way: either is visible
        assert re.search(r"alle(<U\+202E>|\\u202e)ged", result.output), result.output


@given(st.text())
def test_visible_leaves_nothing_hidden_and_keeps_everything_else(text: str) -> None:
    shown = visible(text)
    assert hidden_characters(shown) == []
    if not hidden_characters(text):
        assert shown == text


def test_the_last_guard_keeps_terminal_escapes_and_escapes_format_characters() -> None:
    rendered = "\x1b[1mbold\x1b[0m \u202eright-to-left\n"
    assert without_hidden_format(rendered) == "\x1b[1mbold\x1b[0m <U+202E>right-to-left\n"
