"""The one family of errors the domain raises; only the CLI turns them into exit codes."""

from __future__ import annotations

from dataclasses import dataclass

# Exit codes are part of the public interface (documented in README.md).
EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_UNREADABLE = 3
EXIT_INVALID = 4
EXIT_BROKEN_PIPE = 141
EXIT_INTERRUPTED = 130


class IwtimelineError(Exception):
    """Base of every error meant for the user: a message and an exit code, never a traceback."""

    exit_code = EXIT_INTERNAL


class UsageError(IwtimelineError):
    """The user asked for something that does not exist or cannot be parsed."""

    exit_code = EXIT_USAGE


class UnknownNameError(UsageError):
    """A name (actor, tag, event id) that matches nothing; carries 'did you mean' suggestions."""

    def __init__(
        self, what: str, name: str, suggestions: tuple[str, ...] = (), hint: str = ""
    ) -> None:
        self.what = what
        self.name = name
        self.suggestions = suggestions
        message = f'no {what} matches "{name}"'
        if suggestions:
            message += "; did you mean " + " or ".join(f'"{s}"' for s in suggestions) + "?"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


class DataFileUnreadable(IwtimelineError):
    """The data file is missing, a directory, not permitted or not UTF-8 text."""

    exit_code = EXIT_UNREADABLE


@dataclass(frozen=True)
class Problem:
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
        first = problems[0].describe(source)
        more = len(problems) - 1
        if more:
            plural = "s" if more > 1 else ""
            first += f" (and {more} more problem{plural}; 'iwtimeline validate {source}' lists all)"
        super().__init__(first)
