"""The consoles, in one place, and the one way human output reaches the screen.

Rich itself honours NO_COLOR, FORCE_COLOR and non-terminals; `show` adds the pager and a last
guard against hidden characters.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .safe import visible, without_hidden_format

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


def make_console(*, no_color: bool = False, stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(
        stderr=stderr,
        no_color=no_color or None,
        markup=False,  # nothing we print is markup: data is always shown literally
        emoji=False,
        highlight=False,
    )


def literal(text: str) -> Text:
    """Text safe to show whatever it contains: hidden characters become visible escapes."""
    from rich.text import Text

    return Text(visible(text))


def emit(
    renderable: Any,
    *,
    no_color: bool = False,
    pageable: bool = False,
    environ: Mapping[str, str] | None = None,
) -> None:
    """Print a renderable once: through a pager when it is taller than the terminal, else as is.

    The output is rendered first, so that its height is known and the pager gets the colours a
    terminal would.
    """
    plain = getattr(renderable, "plain", None)
    text = plain(_width()) if callable(plain) and not _styled_output() else None
    if text is not None:
        # nothing for Rich to do: a form that lays itself out is written as it is (a form too
        # narrow for its own layout says None, and Rich lays it out)
        _write(without_hidden_format(text))
        return
    from .pager import pager_command, run_pager

    console = make_console(no_color=no_color)
    with console.capture() as captured:
        # crop=False: the few lines deliberately left unwrapped (URLs) are printed whole
        console.print(renderable, crop=False)
    text = without_hidden_format(captured.get())  # a last guard, should a renderer miss a field
    # Rich pads every line to the full width; the padding is noise in a file or a diff
    text = "\n".join(line.rstrip(" ") for line in text.split("\n"))
    # stdout itself, not Rich's idea of a terminal: FORCE_COLOR must not page into a pipe
    command = pager_command(environ) if pageable and sys.stdout.isatty() else None
    if command and text.count("\n") > console.height and run_pager(command, text, environ):
        return
    _write(text)


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _styled_output() -> bool:
    """Whether Rich would write any escape sequence: only to a terminal, or when told to."""
    forced = os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1"
    return bool(forced) or sys.stdout.isatty()


def _width() -> int:
    """The width Rich would lay output out for: COLUMNS, else a terminal's, else 80."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit():
        return int(columns)
    for stream in (0, 1, 2):
        try:
            return os.get_terminal_size(stream).columns or 80
        except (OSError, ValueError):
            continue
    return 80
