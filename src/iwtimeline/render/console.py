"""The consoles, in one place. Rich itself honours NO_COLOR, FORCE_COLOR and non-terminals."""

from __future__ import annotations

import re

from rich.console import Console
from rich.text import Text

# control characters (ESC above all) in text we echo back could drive the terminal
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def make_console(*, no_color: bool = False, stderr: bool = False) -> Console:
    return Console(
        stderr=stderr,
        no_color=no_color or None,
        markup=False,  # nothing we print is markup: data is always shown literally
        emoji=False,
        highlight=False,
    )


def literal(text: str) -> Text:
    """Text safe to show whatever it contains: control characters become visible escapes."""
    return Text(_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text))
