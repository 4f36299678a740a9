"""Writing output to a file (`-o FILE`): whole or not at all, and never over the data file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import OutputUnwritable, UsageError

# human output written to a file is laid out for this width, unless COLUMNS says otherwise
FILE_WIDTH = 80


def as_text(rendered: Any) -> str:
    """What a Rich renderable prints, without colour or escape sequences, for a file."""
    from .safe import without_hidden_format

    width = int(os.environ.get("COLUMNS", FILE_WIDTH) or FILE_WIDTH)
    plain = getattr(rendered, "plain", None)
    text = plain(width) if callable(plain) else None  # a form that lays itself out
    if text is not None:  # (None: too narrow for its own layout, Rich's then)
        return without_hidden_format(text)
    import io

    from rich.console import Console

    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        no_color=True,
        color_system=None,
        markup=False,
        emoji=False,
        highlight=False,
        force_terminal=False,
    )
    console.print(rendered, crop=False)
    text = without_hidden_format(out.getvalue())
    return "\n".join(line.rstrip(" ") for line in text.split("\n"))


def write_atomically(
    path: Path, text: str | bytes | Iterable[bytes], *, protect: Path | None = None
) -> None:
    """Write `text` to `path` through a temporary file and a rename: a reader (or a crash)
    never sees half a file. `protect` (the data file) is never written over."""
    if protect is not None and _same_file(path, protect):
        raise UsageError(f"{path} is the data file being read; choose another output file")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as error:
        raise OutputUnwritable(str(path), error.strerror or str(error)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            for piece in [text] if isinstance(text, (str, bytes)) else text:
                stream.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputUnwritable(str(path), error.strerror or str(error)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve() or (one.exists() and os.path.samefile(one, other))
    except OSError:
        return False
