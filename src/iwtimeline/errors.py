"""The one family of errors the domain raises. Each carries data; only the CLI words it.

`str(error)` is a plain description that names no command or option; the CLI (cli.py, `explain`)
adds the hints that do ("'iwtimeline actors' lists them all", "--year") and maps each error to
its exit code.
"""

from __future__ import annotations

from typing import NamedTuple

# Exit codes are part of the public interface (documented in README.md).
EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_UNREADABLE = 3
EXIT_INVALID = 4
EXIT_UNWRITABLE = 5
EXIT_BROKEN_PIPE = 141
EXIT_INTERRUPTED = 130


class IwtimelineError(Exception):
    """Base of every error meant for the user: a message and an exit code, never a traceback."""

    exit_code = EXIT_INTERNAL


class UsageError(IwtimelineError):
    """The user asked for something that does not exist or cannot be parsed."""

    exit_code = EXIT_USAGE


class UnknownName(UsageError):
    """A name (actor, place, tag, event id) that matches nothing, with close names."""

    def __init__(self, what: str, name: str, suggestions: tuple[str, ...] = ()) -> None:
        self.what = what
        self.name = name
        self.suggestions = suggestions
        message = f'no {what} matches "{name}"'
        if suggestions:
            message += "; did you mean " + " or ".join(f'"{s}"' for s in suggestions) + "?"
        super().__init__(message)


class Candidate(NamedTuple):
    """One of the things an ambiguous name could mean: its id and what to call it."""

    id: str
    label: str


class AmbiguousName(UsageError):
    """A name that is the start of several actors', places' or ids' names and exactly none."""

    def __init__(self, what: str, name: str, candidates: tuple[Candidate, ...]) -> None:
        self.what = what
        self.name = name
        self.candidates = candidates
        super().__init__(f'{what} "{name}" is ambiguous: it could be {len(candidates)} {what}s')


class BadDate(UsageError):
    """A date typed by the user that cannot be read; `which` says which input it was."""

    def __init__(self, which: str, text: str, reason: str) -> None:
        self.which = which
        self.text = text
        self.reason = reason
        super().__init__(f"{which}: {reason}")


class EmptyWindow(UsageError):
    """Date bounds that leave no day at all (the start after the end)."""

    def __init__(self, start: object, end: object) -> None:
        self.start = start
        self.end = end
        super().__init__(f"no dates fit: the start ({start}) is after the end ({end})")


class DataFileUnreadable(IwtimelineError):
    """The data file is missing, a directory, not permitted or not UTF-8 text."""

    exit_code = EXIT_UNREADABLE

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {reason}")


class OutputUnwritable(IwtimelineError):
    """The file asked for with -o cannot be written (no such folder, no permission, disk full)."""

    exit_code = EXIT_UNWRITABLE

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: cannot write: {reason}")


class Problem(NamedTuple):
    """One thing wrong with a data file, located by line and field path."""

    line: int | None
    field: str
    message: str

    def describe(self, source: str) -> str:
        where = f"{source}:{self.line}" if self.line else source
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class DataFileInvalid(IwtimelineError):
    """The data file is not valid YAML or breaks the data format; lists every problem found."""

    exit_code = EXIT_INVALID

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        super().__init__(problems[0].describe(source))
