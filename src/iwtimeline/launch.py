"""The entry point: the first code that runs, so it imports next to nothing itself.

It answers `--version` without loading the app, lets Ctrl-C end the program quietly even while
the app's modules are being imported, and restores the default SIGPIPE behaviour before any
output (`| head` ends the program at once, with the shell's usual status 141).
"""

from __future__ import annotations

import contextlib
import os
import sys

EXIT_INTERRUPTED = 130  # the same code errors.EXIT_INTERRUPTED documents


def main() -> None:
    try:
        _main()
    except KeyboardInterrupt:
        # Ctrl-C before the CLI's own error boundary exists (during imports): no traceback
        _quiet_exit(EXIT_INTERRUPTED)


def _main() -> None:
    import signal

    from .collector import collect_less_often

    collect_less_often()
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    if sys.argv[1:] in (["--version"], ["-V"]):
        sys.stdout.write(f"iwtimeline {_version()}\n")
        return
    from .cli import run

    try:
        run()
    except SystemExit as done:
        _finish(done.code)
    _finish(0)


def _finish(code: int | str | None) -> None:
    """Exit as soon as the output is out: everything is written (the cache by atomic renames,
    output flushed here), so tearing down every module and object would only cost time
    (about 9 ms, an eighth of a warm `list --json`)."""
    if isinstance(code, str):  # sys.exit("message"), as Python would report it
        sys.stderr.write(f"{code}\n")
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away: SIGPIPE's usual status
        os._exit(141)
    os._exit(code or 0)


def _version() -> str:
    """The package's version: written into `_version.py` at build time from the project's
    metadata (reading the installed metadata itself costs 30 ms); read from the metadata when a
    source tree was never built."""
    try:
        from ._version import __version__
    except ImportError:  # pragma: no cover - a source tree that was never installed
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("iwtimeline")
        except PackageNotFoundError:
            return "unknown"
    return str(__version__)


def _quiet_exit(code: int) -> None:
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
    os._exit(code)  # no interpreter shutdown: it could be interrupted again, with a traceback
