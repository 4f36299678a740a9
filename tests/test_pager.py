"""The pager: which one runs, with what environment, and only on a terminal for human output."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path

import pytest

from iwtimeline.render.pager import pager_command, pager_environment, run_pager

from .conftest import MINI


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, ["less"]),
        ({"PAGER": "more"}, ["more"]),
        ({"PAGER": "less -S"}, ["less", "-S"]),
        ({"PAGER": "more", "IWTIMELINE_PAGER": "most"}, ["most"]),
        ({"IWTIMELINE_PAGER": "'my pager' --flag"}, ["my pager", "--flag"]),
        ({"PAGER": ""}, None),
        ({"PAGER": "cat"}, None),
        ({"PAGER": "less", "IWTIMELINE_PAGER": ""}, None),
        ({"PAGER": "less", "IWTIMELINE_PAGER": "cat"}, None),
        ({"IWTIMELINE_PAGER": "  "}, None),
    ],
)
def test_the_pager_is_chosen_as_git_chooses_it(
    environ: dict[str, str], expected: list[str] | None
) -> None:
    assert pager_command(environ) == expected


def test_less_gets_frx_only_when_the_user_has_not_set_less() -> None:
    assert pager_environment({"HOME": "/h"})["LESS"] == "FRX"
    assert pager_environment({"LESS": "-i"})["LESS"] == "-i"
    assert pager_environment({"LESS": ""})["LESS"] == ""
    assert pager_environment({"HOME": "/h"})["HOME"] == "/h"


def test_run_pager_writes_all_text_to_the_pager(tmp_path: Path) -> None:
    target = tmp_path / "paged.txt"
    command = [
        sys.executable,
        "-c",
        f"import sys; open({str(target)!r}, 'w').write(sys.stdin.read())",
    ]
    assert run_pager(command, "line one\nline \x1b[1mtwo\x1b[0m\n", {})
    assert target.read_text() == "line one\nline \x1b[1mtwo\x1b[0m\n"


def test_a_pager_that_quits_early_is_no_error() -> None:
    command = [sys.executable, "-c", "import sys; sys.stdin.read(5)"]
    assert run_pager(command, "x" * 1_000_000, {})


def test_a_pager_that_cannot_start_says_so_and_lets_the_caller_print(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert not run_pager(["/nonexistent/pager"], "text", {})
    assert "cannot run the pager '/nonexistent/pager'" in capsys.readouterr().err


# --- the whole program on a real terminal -----------------------------------------------


def run_on_terminal(args: list[str], env: dict[str, str], rows: int = 24) -> tuple[int, str]:
    """Run iwtimeline with stdout on a pseudo-terminal of 80 x `rows`; (exit code, screen text)."""
    import fcntl  # POSIX only, like the tests that use this
    import pty
    import struct
    import termios

    controller, terminal = pty.openpty()

    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 80, 0, 0))
    full_env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    full_env.update(env)
    process = subprocess.Popen(
        [sys.executable, "-m", "iwtimeline", *args],
        stdin=subprocess.DEVNULL,
        stdout=terminal,
        stderr=subprocess.PIPE,
        env=full_env,
    )
    os.close(terminal)
    chunks = []
    while True:
        ready, _, _ = select.select([controller], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed: the program has ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    return process.wait(timeout=30), b"".join(chunks).decode("utf-8", "replace")


def recording_pager(target: Path) -> str:
    return f"{sys.executable} -c \"import sys; open('{target}', 'w').write(sys.stdin.read())\""


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_long_output_on_a_terminal_goes_through_the_pager_with_its_colours(
    tmp_path: Path,
) -> None:
    target = tmp_path / "paged.txt"
    env = {"IWTIMELINE_PAGER": recording_pager(target), "FORCE_COLOR": "1"}
    code, screen = run_on_terminal(["--file", str(MINI), "list"], env, rows=10)
    assert code == 0
    paged = target.read_text()
    assert "Iran–Iraq War" in paged and "10 events" in paged
    assert "\x1b[" in paged  # the colours reach the pager
    assert "Iran–Iraq War" not in screen  # and nothing was printed past it


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize(
    "args",
    [
        ["--file", str(MINI), "list", "--no-pager"],
        ["--file", str(MINI), "--no-pager", "list"],
        ["--file", str(MINI), "list", "--json"],
        ["--file", str(MINI), "list", "--format", "jsonl"],
        ["--file", str(MINI), "list", "--limit", "1"],  # shorter than the screen
    ],
)
def test_no_pager_for_short_output_machine_formats_or_no_pager(
    tmp_path: Path, args: list[str]
) -> None:
    target = tmp_path / "paged.txt"
    code, screen = run_on_terminal(args, {"IWTIMELINE_PAGER": recording_pager(target)}, rows=10)
    assert code == 0 and not target.exists()
    assert "1980" in screen


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_an_empty_pager_setting_prints_directly(tmp_path: Path) -> None:
    code, screen = run_on_terminal(["--file", str(MINI), "list"], {"PAGER": "cat"}, rows=10)
    assert code == 0 and "10 events" in screen


def test_never_a_pager_when_stdout_is_not_a_terminal(tmp_path: Path) -> None:
    target = tmp_path / "paged.txt"
    env = {**os.environ, "IWTIMELINE_PAGER": recording_pager(target), "FORCE_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "iwtimeline", "--file", str(MINI), "list"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert "10 events" in done.stdout and not target.exists()
