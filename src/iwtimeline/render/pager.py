"""Long human output through a pager, as git and gh do.

The pager is IWTIMELINE_PAGER, else PAGER, else `less`; an empty value or `cat` means none.
`less` gets LESS=FRX unless the user has set LESS: quit when the text fits one screen (F),
keep the colours (R), and leave the text on the screen when it quits (X).
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

DEFAULT_PAGER = "less"
DEFAULT_LESS = "FRX"


def pager_command(environ: Mapping[str, str] | None = None) -> list[str] | None:
    """The pager to run, as an argument list; None when the user turned paging off."""
    env = os.environ if environ is None else environ
    chosen = env.get("IWTIMELINE_PAGER")
    if chosen is None:
        chosen = env.get("PAGER", DEFAULT_PAGER)
    try:
        words = shlex.split(chosen)
    except ValueError:  # an unbalanced quote: run it as one word and let that fail visibly
        words = [chosen]
    if not words or words == ["cat"]:
        return None
    return words


def pager_environment(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ if environ is None else environ)
    env.setdefault("LESS", DEFAULT_LESS)
    env.setdefault("LV", "-c")  # the same for lv, as git does: keep the colours
    return env


def run_pager(command: list[str], text: str, environ: Mapping[str, str] | None = None) -> bool:
    """Show `text` through the pager; False when the pager cannot be started at all.

    Quitting the pager early is normal (the rest of the text is simply not wanted), and Ctrl-C
    belongs to the pager while it runs.
    """
    try:
        process = subprocess.Popen(
            command, stdin=subprocess.PIPE, env=pager_environment(environ), text=False
        )
    except OSError as error:
        name = command[0]
        sys.stderr.write(f"Warning: cannot run the pager {name!r} ({error.strerror}); ")
        sys.stderr.write("printing directly. Set IWTIMELINE_PAGER or PAGER, or use --no-pager.\n")
        return False
    assert process.stdin is not None
    with _pipe_errors_as_exceptions():
        try:
            process.stdin.write(text.encode(sys.stdout.encoding or "utf-8", "replace"))
            process.stdin.close()
        except BrokenPipeError:  # the reader quit before reading everything: that is fine
            pass
    _wait(process)
    return True


@contextmanager
def _pipe_errors_as_exceptions() -> Iterator[None]:
    # The CLI lets SIGPIPE end the process (right for `| head`); a pager quit early is a normal
    # end, not an error, so here a closed pipe is an exception we ignore and the exit status is 0.
    if not hasattr(signal, "SIGPIPE"):
        yield
        return
    previous = signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGPIPE, previous)


def _wait(process: subprocess.Popen[bytes]) -> None:
    while True:
        try:
            process.wait()
            return
        except KeyboardInterrupt:  # less handles Ctrl-C itself; wait until it quits
            continue
