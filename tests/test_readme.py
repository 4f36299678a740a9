"""The README's `console` examples print what the README says they print.

Each ```console block holds `$ iwtimeline ...` lines, each followed by its expected output. They
run against the bundled data at 80 columns without colour, from the repository root.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iwtimeline.cli import app

ROOT = Path(__file__).parents[1]
README = ROOT / "README.md"


def console_examples() -> list[tuple[str, str]]:
    examples = []
    for block in re.findall(r"```console\n(.*?)```", README.read_text(), flags=re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            examples.append((command, output))
    return examples


def normalise(text: str) -> list[str]:
    return [line.rstrip() for line in text.rstrip("\n").splitlines()]


def test_the_readme_has_console_examples() -> None:
    assert len(console_examples()) >= 4


@pytest.mark.parametrize(("command", "expected"), console_examples())
def test_readme_example_prints_what_the_readme_says(
    command: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    words = shlex.split(command)
    assert words[0] == "iwtimeline" and "|" not in words, "console examples run iwtimeline alone"
    result = CliRunner().invoke(app, words[1:], env={"COLUMNS": "80"})
    assert normalise(result.output) == normalise(expected)
