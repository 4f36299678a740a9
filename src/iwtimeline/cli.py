"""The command line: parse options, call load → query → render, print once, map errors to codes.

Everything that names a command or an option in words lives here (see `explain`); the layers
below raise errors that carry data.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NamedTuple, NoReturn

import typer
from typer.core import TyperGroup

from . import errors
from .model import STATUSES, Timeline
from .paths import PACKAGE, bundled_data_path
from .query import Selection, build_query, coverage, outside_coverage, select
from .render import (
    GROUPINGS,
    Chunks,
    Format,
    RenderOptions,
    Subject,
    default_format,
    find_format,
    format_for_file,
    formats_for,
)

StatusName = Enum("StatusName", {name: name for name in STATUSES}, type=str)  # type: ignore[misc]
GroupBy = Enum("GroupBy", {name: name for name in GROUPINGS}, type=str)  # type: ignore[misc]
SCHEMAS = {"data": "events.schema.json", "output": "output.schema.json"}
SchemaName = Enum("SchemaName", {name: name for name in SCHEMAS}, type=str)  # type: ignore[misc]


class Match(str, Enum):
    any = "any"
    all = "all"


class State:
    """Options that may come before or after the command; the last one given wins."""

    __slots__ = ("debug", "file", "no_color", "no_pager")

    def __init__(self) -> None:
        self.file: Path | None = None
        self.no_color = False
        self.no_pager = False
        self.debug = False


class _ErrorBoundary(TyperGroup):
    """The one place where domain errors become a message on stderr and an exit code."""

    def list_commands(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        return list(self.commands)  # the names, in order, without building every command

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except errors.IwtimelineError as error:
            _fail(ctx, explain(error, _command_name(ctx)), error.exit_code)
        except BrokenPipeError:
            # the reader went away (`| head`): stop quietly, as other Unix tools do
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(errors.EXIT_BROKEN_PIPE) from None
        except KeyboardInterrupt:
            raise typer.Exit(errors.EXIT_INTERRUPTED) from None
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise  # typer's own usage errors and exits: it reports them itself (exit 2 for usage)
        except Exception as error:
            if _state(ctx).debug:
                raise
            message = f"internal error: {type(error).__name__}: {error} (--debug shows a traceback)"
            _fail(ctx, message, errors.EXIT_INTERNAL)


def _command_name(ctx: typer.Context) -> str:
    return ctx.invoked_subcommand or ""


def _fail(ctx: typer.Context, message: str, code: int) -> NoReturn:
    from rich.text import Text

    from .render.console import literal, make_console

    console = make_console(stderr=True, no_color=_state(ctx).no_color)
    console.print(Text.assemble(("Error: ", "bold red"), literal(message)), soft_wrap=True)
    raise typer.Exit(code)


# --- the wording of errors: the only place that names commands and options ----------------

LISTED_BY = {
    "actor": "'iwtimeline actors' lists them all",
    "place": "'iwtimeline places' lists them all",
    "tag": "'iwtimeline tags' lists them all",
    "event": "'iwtimeline list' shows the ids",
}
DATE_INPUTS = {"start": "--from", "end": "--to", "day": "MM-DD"}
RANGE_DATE_INPUTS = {"start": "START", "end": "END"}


def explain(error: errors.IwtimelineError, command: str = "") -> str:
    """The message for an error, in the words of the command line."""
    if isinstance(error, errors.UnknownName):
        hint = LISTED_BY.get(error.what)
        return f"{error} ({hint})" if hint else str(error)
    if isinstance(error, errors.AmbiguousName):
        width = max(len(c.id) for c in error.candidates)
        lines = [f'{error.what} "{error.name}" is ambiguous; it could be:']
        lines += [f"  {c.id:<{width}}  {c.label}" for c in error.candidates]
        lines.append(f"Give more of the name, or the {error.what}'s id.")
        return "\n".join(lines)
    if isinstance(error, errors.BadDate):
        inputs = RANGE_DATE_INPUTS if command == "range" else DATE_INPUTS
        return f"{inputs.get(error.which, error.which)}: {error.reason}"
    if isinstance(error, errors.DataFileInvalid):
        more = len(error.problems) - 1
        if more:
            plural = "s" if more > 1 else ""
            lists = f"'iwtimeline validate {error.source}' lists all"
            return f"{error} (and {more} more problem{plural}; {lists})"
    return str(error)


app = typer.Typer(
    cls=_ErrorBoundary,
    name="iwtimeline",
    help="A sourced timeline of Iran's involvement in the Iraq War, 1980–2008.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def examples(*lines: str) -> str:
    """A help epilog of examples, kept as written (\\b stops the help formatter rewrapping)."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


# --- options that may come before or after the command -----------------------------------


def _state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


def _remember(field: str) -> Any:
    def callback(ctx: typer.Context, value: Any) -> None:
        if value not in (None, False):  # not given here: keep what was given elsewhere
            setattr(_state(ctx), field, value)

    return callback


FileOpt = Annotated[
    Path | None,
    typer.Option(
        "--file",
        "-f",
        metavar="PATH",
        help="Events file to read instead of the bundled one (also IWTIMELINE_FILE).",
        callback=_remember("file"),
        expose_value=False,
    ),
]
NoColorOpt = Annotated[
    bool,
    typer.Option(
        "--no-color",
        help="No colour (also NO_COLOR=1; none off a terminal).",
        callback=_remember("no_color"),
        expose_value=False,
    ),
]
NoPagerOpt = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help="Print long output directly instead of through a pager.",
        callback=_remember("no_pager"),
        expose_value=False,
    ),
]

# --- shell completion: names from the data file, read from the cache -----------------------


def _completer(kind: str) -> Any:
    """Complete actors, tags, places or event ids from the data file the command would read.

    The names come from the cache (a Tab must answer before the YAML could be parsed). Shells
    keep only completions that begin with what was typed, so each thing is offered by the first
    of its spellings (id first) that begins so, ignoring case, with the typed part kept as typed.
    """

    def complete(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        from .cache import names

        root = ctx.find_root()
        chosen = _state(ctx).file or root.params.get("file") or bundled_data_path()
        try:
            found = names(Path(chosen))
        except Exception:  # a completion must never print a traceback into the shell
            return []
        if kind == "actor":
            offers = [((i, n, *other), n) for i, n, other in found.actors]
        elif kind == "tag":
            offers = [((t,), "tag") for t in found.tags]
        elif kind == "place":
            offers = [((n, *other), "place") for n, other in found.places]
        else:
            offers = [((i,), label) for i, label in found.events]
        return [
            (_shell_word(incomplete + spelling[len(incomplete) :]), help_text)
            for spellings, help_text in offers
            if (spelling := _beginning(spellings, incomplete)) is not None
        ]

    return complete


def _beginning(spellings: tuple[str, ...], typed: str) -> str | None:
    """The first spelling that begins with `typed`, ignoring case."""
    wanted = typed.casefold()
    return next((s for s in spellings if s.casefold().startswith(wanted)), None)


def _shell_word(value: str) -> str:
    # bash inserts a completion as it is, so a space must come escaped; zsh and fish quote
    if os.environ.get("_IWTIMELINE_COMPLETE") == "complete_bash":
        return value.replace("\\", "\\\\").replace(" ", "\\ ").replace("'", "\\'")
    return value


# --- filter options, shared by list, range and tree ----------------------------------------

ActorOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--actor",
        "-a",
        metavar="NAME",
        autocompletion=_completer("actor"),
        help="Actor by name, id or alias, with the actors that are part of it. "
        "Repeat for any of several (--match all: every one).",
    ),
]
ClaimedByOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--claimed-by",
        metavar="NAME",
        autocompletion=_completer("actor"),
        help="Events in which this actor (or an actor part of it) makes the claim, for the "
        "event or for an actor's part (repeat for any).",
    ),
]
ExactActorOpt = Annotated[
    bool, typer.Option("--exact-actor", help="Only the actor named, not the actors part of it.")
]
PlaceOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--place",
        "-p",
        metavar="PLACE",
        help="Place, any spelling (repeat for any).",
        autocompletion=_completer("place"),
    ),
]
TagOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        "-t",
        metavar="TAG",
        help="Tag (repeat for any).",
        autocompletion=_completer("tag"),
    ),
]
MatchOpt = Annotated[
    Match,
    typer.Option(
        "--match",
        case_sensitive=False,
        help="Repeated --actor, --place, --tag: events with any of them, or with all.",
    ),
]
StatusOpt = Annotated[
    list[StatusName] | None,
    typer.Option(
        "--status",
        case_sensitive=False,
        metavar="STATUS",
        help="documented, reported, alleged or disputed (repeat for any). With --actor, how "
        "firm that actor's part is; alone, the event's.",
    ),
]
SearchOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--search",
        "-s",
        metavar="TEXT",
        help="Words that must each begin a word of the title, summary, actors, places or "
        "tags (repeat: every term must match).",
    ),
]
YearOpt = Annotated[
    list[int] | None,
    typer.Option(
        "--year",
        "-y",
        min=1,
        max=9999,
        metavar="YEAR",
        help="Events touching this year (repeat for any).",
    ),
]
FromOpt = Annotated[
    str | None,
    typer.Option("--from", metavar="DATE", help="From this date (2003, Mar 2003, Q3 2007)."),
]
ToOpt = Annotated[
    str | None,
    typer.Option("--to", metavar="DATE", help="To the end of this date (2007, autumn 2007)."),
]
LimitOpt = Annotated[
    int | None, typer.Option("--limit", "-n", min=0, metavar="N", help="Show at most N events.")
]
ReverseOpt = Annotated[bool, typer.Option("--reverse", "-r", help="Newest first.")]

# --- output options ------------------------------------------------------------------------


def _format_option(subject: Subject, *more: Subject) -> Any:
    """--format for a command whose output is `subject` (or one of `more`)."""
    names = list(dict.fromkeys(f.name for s in (subject, *more) for f in formats_for(s)))

    def parse(value: str) -> Format:
        form = find_format(value)
        if form is None or form.name not in names:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(names)}.")
        return form

    return typer.Option(
        "--format", "-F", parser=parse, metavar="[" + "|".join(names) + "]", help="Output form."
    )


JsonOpt = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
OutputOpt = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE (whole, or not at all) instead of standard output; - is standard "
        "output. Without --format, the file's extension chooses it (.csv, .md, .ics, .json).",
    ),
]
ExcelOpt = Annotated[
    bool,
    typer.Option(
        "--excel",
        help="CSV for Excel: a byte order mark, and cells that could run as formulas neutralised.",
    ),
]
ByOpt = Annotated[
    GroupBy | None,
    typer.Option(
        "--by", case_sensitive=False, help="Group the tree by year (then month), actor or tag."
    ),
]
EventsFormatOpt = Annotated[Format | None, _format_option("events")]


class Filters(NamedTuple):
    """The filter options as typed, shared by list, range and tree."""

    actors: list[str] | None
    places: list[str] | None
    tags: list[str] | None
    statuses: list[Any] | None
    search: list[str] | None
    match: Match = Match.any
    exact_actor: bool = False
    years: list[int] | None = None
    start: str | None = None
    end: str | None = None
    limit: int | None = None
    reverse: bool = False
    claimed_by: list[str] | None = None


class Output(NamedTuple):
    """The output options as typed."""

    form: Format | None = None
    json: bool = False
    by: Any = None
    path: str | None = None  # -o FILE; "-" is standard output
    excel: bool = False


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"iwtimeline {version('iwtimeline')}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            "-f",
            envvar="IWTIMELINE_FILE",
            metavar="PATH",
            help="Events file to read instead of the bundled one.",
            show_envvar=True,
        ),
    ] = None,
    no_color: NoColorOpt = False,
    no_pager: NoPagerOpt = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")] = (
        False
    ),
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            is_eager=True,
            expose_value=False,
            callback=_print_version,
            help="Show the version and exit.",
        ),
    ] = False,
) -> None:
    """Explore a sourced timeline of Iran's involvement in the Iraq War (1980–2008).

    --file, --no-color and --no-pager may also be given after the command.
    """
    state = _state(ctx)
    state.debug = debug
    if file is not None:
        state.file = file


# --- commands ----------------------------------------------------------------------------


@app.command(
    "list",
    epilog=examples(
        "iwtimeline list --actor Badr",
        "iwtimeline list -a Badr -a Iran --match all --status alleged",
        "iwtimeline list --year 2007 --search karbala --json | jq '.[].title'",
    ),
)
def list_events(
    ctx: typer.Context,
    actor: ActorOpt = None,
    claimed_by: ClaimedByOpt = None,
    place: PlaceOpt = None,
    year: YearOpt = None,
    start: FromOpt = None,
    end: ToOpt = None,
    tag: TagOpt = None,
    status: StatusOpt = None,
    search: SearchOpt = None,
    match: MatchOpt = Match.any,
    exact_actor: ExactActorOpt = False,
    limit: LimitOpt = None,
    reverse: ReverseOpt = False,
    form: EventsFormatOpt = None,
    json_: JsonOpt = False,
    by: ByOpt = None,
    output: OutputOpt = None,
    excel: ExcelOpt = False,
    file: FileOpt = None,
    no_color: NoColorOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """List events in date order.

    Filter by actor, place, date, tag, status or text; different filters combine with AND.
    """
    filters = Filters(
        actor,
        place,
        tag,
        status,
        search,
        match,
        exact_actor,
        year,
        start,
        end,
        limit,
        reverse,
        claimed_by=claimed_by,
    )
    _show_events(ctx, filters, Output(form, json_, by, output, excel), default="table")


@app.command(
    "range",
    epilog=examples(
        "iwtimeline range 2003 2007",
        "iwtimeline range 2003             # the whole of 2003",
        "iwtimeline range 'Aug 2007' 'autumn 2007' --actor PJAK",
    ),
)
def range_events(
    ctx: typer.Context,
    start: Annotated[str, typer.Argument(metavar="START", help="First date: 2003, Mar 2003.")],
    end: Annotated[
        str | None,
        typer.Argument(metavar="[END]", help="Last date, to its end (default: START)."),
    ] = None,
    actor: ActorOpt = None,
    claimed_by: ClaimedByOpt = None,
    place: PlaceOpt = None,
    tag: TagOpt = None,
    status: StatusOpt = None,
    search: SearchOpt = None,
    match: MatchOpt = Match.any,
    exact_actor: ExactActorOpt = False,
    limit: LimitOpt = None,
    reverse: ReverseOpt = False,
    form: EventsFormatOpt = None,
    json_: JsonOpt = False,
    by: ByOpt = None,
    output: OutputOpt = None,
    excel: ExcelOpt = False,
    file: FileOpt = None,
    no_color: NoColorOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """List the events whose dates overlap START..END.

    END counts to the end of what it names: 2007 runs to 31 December 2007, Aug 2007 to 31
    August. With START alone, the range is START itself: the whole of 2003, or of March 2003.
    """
    filters = Filters(
        actor,
        place,
        tag,
        status,
        search,
        match,
        exact_actor,
        None,
        start,
        end or start,
        limit,
        reverse,
        claimed_by,
    )
    _show_events(ctx, filters, Output(form, json_, by, output, excel), default="table")


@app.command(
    "tree",
    epilog=examples(
        "iwtimeline tree --year 2007",
        "iwtimeline tree --by actor --actor 'Quds Force'",
        "iwtimeline tree --by tag --from 2003 --to 2004",
    ),
)
def tree(
    ctx: typer.Context,
    by: ByOpt = None,
    actor: ActorOpt = None,
    claimed_by: ClaimedByOpt = None,
    place: PlaceOpt = None,
    year: YearOpt = None,
    start: FromOpt = None,
    end: ToOpt = None,
    tag: TagOpt = None,
    status: StatusOpt = None,
    search: SearchOpt = None,
    match: MatchOpt = Match.any,
    exact_actor: ExactActorOpt = False,
    limit: LimitOpt = None,
    reverse: ReverseOpt = False,
    json_: JsonOpt = False,
    output: OutputOpt = None,
    file: FileOpt = None,
    no_color: NoColorOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """Events as a tree: year, month, event; or by actor or tag."""
    filters = Filters(
        actor,
        place,
        tag,
        status,
        search,
        match,
        exact_actor,
        year,
        start,
        end,
        limit,
        reverse,
        claimed_by=claimed_by,
    )
    _show_events(ctx, filters, Output(None, json_, by, output), default="tree")


class LaneBy(str, Enum):
    actor = "actor"
    tag = "tag"
    status = "status"
    place = "place"


class StatsBy(str, Enum):
    year = "year"
    actor = "actor"
    tag = "tag"
    status = "status"
    place = "place"


class LaneOrder(str, Enum):
    first = "first"
    by_count = "count"  # not `count`, which str already has


@app.command(
    "chart",
    epilog=examples(
        "iwtimeline chart --from 2006 --to 2008",
        "iwtimeline chart --by tag --top 8 --sort count",
        "iwtimeline chart --actor 'Quds Force' --json | jq '.[].lane'",
    ),
)
def chart(
    ctx: typer.Context,
    by: Annotated[
        LaneBy, typer.Option("--by", case_sensitive=False, help="A lane per actor, tag, …")
    ] = LaneBy.actor,
    top: Annotated[
        int | None, typer.Option("--top", min=1, metavar="N", help="Keep the N busiest lanes.")
    ] = None,
    sort: Annotated[
        LaneOrder,
        typer.Option(
            "--sort", case_sensitive=False, help="Lanes by their first event, or busiest first."
        ),
    ] = LaneOrder.first,
    actor: ActorOpt = None,
    claimed_by: ClaimedByOpt = None,
    place: PlaceOpt = None,
    year: YearOpt = None,
    start: FromOpt = None,
    end: ToOpt = None,
    tag: TagOpt = None,
    status: StatusOpt = None,
    search: SearchOpt = None,
    match: MatchOpt = Match.any,
    exact_actor: ExactActorOpt = False,
    form: Annotated[Format | None, _format_option("lanes")] = None,
    json_: JsonOpt = False,
    output: OutputOpt = None,
    file: FileOpt = None,
    no_color: NoColorOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """Draw the events as a timeline, a lane per actor, tag or place.

    Lanes may also be statuses. Time runs across (years, or months for under three years);
    the glyphs tell day, month, year and season dates, approximate and uncertain ones, and
    the status apart, with or without colour; spans are bars.
    """
    filters = Filters(
        actor,
        place,
        tag,
        status,
        search,
        match,
        exact_actor,
        year,
        start,
        end,
        claimed_by=claimed_by,
    )
    selection = _select(ctx, filters)
    from .summaries import lanes  # only this command needs it

    drawn = lanes(selection, by.value, by_count=sort is LaneOrder.by_count, top=top)
    _emit_selected(ctx, selection, "lanes", drawn, Output(form, json_, path=output))


@app.command(
    "stats",
    epilog=examples(
        "iwtimeline stats",
        "iwtimeline stats --by actor --from 2003",
        "iwtimeline stats --by status --actor 'Quds Force' --json",
    ),
)
def stats_command(
    ctx: typer.Context,
    by: Annotated[
        StatsBy, typer.Option("--by", case_sensitive=False, help="Count by year, actor, …")
    ] = StatsBy.year,
    actor: ActorOpt = None,
    claimed_by: ClaimedByOpt = None,
    place: PlaceOpt = None,
    year: YearOpt = None,
    start: FromOpt = None,
    end: ToOpt = None,
    tag: TagOpt = None,
    status: StatusOpt = None,
    search: SearchOpt = None,
    match: MatchOpt = Match.any,
    exact_actor: ExactActorOpt = False,
    form: Annotated[Format | None, _format_option("stats")] = None,
    json_: JsonOpt = False,
    output: OutputOpt = None,
    file: FileOpt = None,
    no_color: NoColorOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """Count the events by year, actor, tag, status or place.

    With a bar for each count, a sparkline of events per year, and how many are documented,
    reported, alleged and disputed.
    """
    filters = Filters(
        actor,
        place,
        tag,
        status,
        search,
        match,
        exact_actor,
        year,
        start,
        end,
        claimed_by=claimed_by,
    )
    selection = _select(ctx, filters)
    from .summaries import stats  # only this command needs it

    counted_ = stats(selection, by.value)
    _emit_selected(ctx, selection, "stats", counted_, Output(form, json_, path=output))


@app.command(
    "on",
    epilog=examples("iwtimeline on", "iwtimeline on 08-16", "iwtimeline on 'Jan 20' --json"),
)
def on_this_day(
    ctx: typer.Context,
    day: Annotated[
        str | None,
        typer.Argument(metavar="[MM-DD]", help="The day of the year: 08-16, Aug 16 (today)."),
    ] = None,
    form: Annotated[Format | None, _format_option("day")] = None,
    json_: JsonOpt = False,
    output: OutputOpt = None,
    file: FileOpt = None,
    no_color: NoColorOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """List the events of a calendar day, today by default.

    Only events known to the day count, in every year of the data, each with how many years
    ago it was.
    """
    import datetime as dt

    today = _today()
    month, day_of_month = _day_of_year(day) if day else (today.month, today.day)
    from .summaries import anniversaries  # only this command needs it

    found = anniversaries(_timeline(ctx), month, day_of_month, today)
    form_chosen = _choose_format("day", Output(form, json_, path=output))
    if not found.events and form_chosen.audience == "people":
        when = dt.date(2000, month, day_of_month).strftime("%B %-d")
        typer.echo(f"No event in the data is known to have happened on {when}.", err=True)
        return
    _write(ctx, form_chosen, "day", found, Output(form, json_, path=output))


def _today() -> dt.date:
    import datetime

    return datetime.date.today()


def _day_of_year(text: str) -> tuple[int, int]:
    """08-16, 8/16, 'Aug 16', '16 August' → (8, 16); a usage error otherwise."""
    import datetime as dt
    import re

    cleaned = text.strip()
    numeric = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})", cleaned)
    if numeric:
        month, day = int(numeric[1]), int(numeric[2])
    else:
        try:
            from dateutil import parser

            parsed = parser.parse(cleaned, default=dt.datetime(2000, 1, 1))
        except (ValueError, OverflowError):
            raise errors.BadDate("day", text, f"cannot read {text!r} as a day: try 08-16") from None
        month, day = parsed.month, parsed.day
    try:
        dt.date(2000, month, day)  # a leap year: 02-29 is a day too
    except ValueError:
        raise errors.BadDate("day", text, f"{text!r} is not a day of the year") from None
    return month, day


@app.command(
    "browse",
    epilog=examples(
        "iwtimeline browse",
        "iwtimeline browse --actor Badr --from 2003",
        "iwtimeline show $(iwtimeline browse --pick --actor PJAK)",
    ),
)
def browse(
    ctx: typer.Context,
    actor: ActorOpt = None,
    claimed_by: ClaimedByOpt = None,
    place: PlaceOpt = None,
    year: YearOpt = None,
    start: FromOpt = None,
    end: ToOpt = None,
    tag: TagOpt = None,
    status: StatusOpt = None,
    search: SearchOpt = None,
    match: MatchOpt = Match.any,
    exact_actor: ExactActorOpt = False,
    limit: LimitOpt = None,
    reverse: ReverseOpt = False,
    pick: Annotated[
        bool,
        typer.Option(
            "--pick", help="Mark events with space, Enter prints their ids (Esc: none, exit 1)."
        ),
    ] = False,
    file: FileOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """Browse the timeline in a full-screen app; keys: ? in the app.

    The filters start the selection; in the app, / searches, a and t pick an actor or a tag,
    s cycles the status, y and [ ] move by year, Enter reads an event, q quits.
    """
    _check_terminal()
    filters = Filters(
        actor,
        place,
        tag,
        status,
        search,
        match,
        exact_actor,
        year,
        start,
        end,
        limit,
        reverse,
        claimed_by=claimed_by,
    )
    selection = _select(ctx, filters)
    if _state(ctx).no_color:
        os.environ["NO_COLOR"] = "1"  # Textual reads it when the app starts
    from .tui.app import run

    chosen, code = run(selection.timeline, selection.query, pick=pick)
    for event_id in chosen or ():
        typer.echo(event_id)
    raise typer.Exit(code)


@app.command(
    "show",
    epilog=examples(
        "iwtimeline show 2007-irbil-liaison-office-raid",
        "iwtimeline show 2007-irbil          # a unique start of an id is enough",
        "iwtimeline show 2007-irbil-liaison-office-raid --json | jq .sources",
    ),
)
def show(
    ctx: typer.Context,
    event_ids: Annotated[
        list[str],
        typer.Argument(
            metavar="ID...",
            help="Event ids (any case, or a unique start).",
            autocompletion=_completer("event"),
        ),
    ],
    form: Annotated[Format | None, _format_option("event")] = None,
    json_: JsonOpt = False,
    output: OutputOpt = None,
    file: FileOpt = None,
    no_color: NoColorOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """Show events in full, with their sources.

    Date and precision, status and who makes the claim, each actor's part, places, tags,
    summary, numbered sources with URLs, and related events to read next.
    """
    from .summaries import event_sheet  # only this command needs it

    sheet = event_sheet(_timeline(ctx), event_ids)
    _emit(ctx, "event", sheet, Output(form, json_, path=output))


@app.command(
    "actors",
    epilog=examples(
        "iwtimeline actors",
        "iwtimeline actors 'Badr Corps'",
        "iwtimeline actors --json | jq -r '.[] | select(.kind == \"militia\") | .name'",
    ),
)
def actors(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[NAME]",
            help="Show this actor in full (name, id or alias).",
            autocompletion=_completer("actor"),
        ),
    ] = None,
    form: Annotated[Format | None, _format_option("actors", "actor")] = None,
    json_: JsonOpt = False,
    tree_: Annotated[
        bool, typer.Option("--tree", help="The actors as a tree of their relations.")
    ] = False,
    output: OutputOpt = None,
    file: FileOpt = None,
    no_color: NoColorOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """List the actors, or show one in full with its relations."""
    from .summaries import actor_report  # only this command needs it

    report = actor_report(_timeline(ctx), name)
    if tree_:
        if (form is not None and form.name != "tree") or json_:
            raise errors.UsageError("--tree is --format tree; give one of them")
        form = find_format("tree")
    one = name is not None or (form is not None and form.name == "detail")
    _emit(ctx, "actor" if one else "actors", report, Output(form, json_, path=output))


@app.command(
    "tags",
    epilog=examples("iwtimeline tags", "iwtimeline tags --json | jq -r '.[].name'"),
)
def tags(
    ctx: typer.Context,
    form: Annotated[Format | None, _format_option("tags")] = None,
    json_: JsonOpt = False,
    output: OutputOpt = None,
    file: FileOpt = None,
    no_color: NoColorOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """List the tags, with how many events use each."""
    from .summaries import tag_tally  # only this command needs it

    _emit(ctx, "tags", tag_tally(_timeline(ctx)), Output(form, json_, path=output))


@app.command(
    "places",
    epilog=examples("iwtimeline places", "iwtimeline places --json | jq -r '.[].name'"),
)
def places(
    ctx: typer.Context,
    form: Annotated[Format | None, _format_option("places")] = None,
    json_: JsonOpt = False,
    output: OutputOpt = None,
    file: FileOpt = None,
    no_color: NoColorOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """List the places, their other spellings and their use."""
    from .summaries import place_tally  # only this command needs it

    _emit(ctx, "places", place_tally(_timeline(ctx)), Output(form, json_, path=output))


@app.command(
    "validate",
    epilog=examples("iwtimeline validate my-events.yaml", "iwtimeline --file my.yaml validate"),
)
def validate(
    ctx: typer.Context,
    path: Annotated[
        Path | None, typer.Argument(metavar="[PATH]", help="File to check (default: --file).")
    ] = None,
    file: FileOpt = None,
) -> None:
    """Check an events file and report every problem.

    Each problem is given with its file, line and field; the exit code is 0 only when the file
    is valid.
    """
    from .cache import open_timeline
    from .render.safe import visible

    target = path or _state(ctx).file or bundled_data_path()
    try:
        timeline = open_timeline(target)  # a file found in the cache passed this same check
    except errors.DataFileInvalid as invalid:
        for problem in invalid.problems:
            typer.echo(visible(problem.describe(invalid.source)))
        count = len(invalid.problems)
        typer.echo(visible(f"{invalid.source}: {count} problem{'s' if count != 1 else ''}"))
        raise typer.Exit(errors.EXIT_INVALID) from None
    counts = f"{len(timeline.events)} events, {len(timeline.actors)} actors"
    typer.echo(visible(f"{target}: valid ({counts})"))


@app.command(
    "schema",
    epilog=examples("iwtimeline schema > events.schema.json", "iwtimeline schema output"),
)
def schema(
    which: Annotated[
        SchemaName,
        typer.Argument(
            metavar="[data|output]",
            case_sensitive=False,
            help="data: the events file format; output: what --json prints.",
        ),
    ] = SchemaName.data,  # type: ignore[attr-defined]
) -> None:
    """Print a JSON Schema of the data file or of the JSON output."""
    from .load import read_text

    typer.echo(read_text(PACKAGE / "data" / SCHEMAS[which.value]), nl=False)


# --- glue --------------------------------------------------------------------------------


def _terminal_size() -> os.terminal_size | None:
    """The size of the terminal the browser would draw on; None when there is none."""
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        return None
    return os.get_terminal_size(sys.stderr.fileno())


# the smallest terminal the browser is laid out for
MIN_COLUMNS, MIN_LINES = 60, 16


def _check_terminal() -> None:
    """The browser draws on the terminal (stderr) and reads keys (stdin): both must be one.

    Standard output may be a pipe, so that `$(iwtimeline browse --pick)` receives the ids.
    """
    size = _terminal_size()
    if size is None:
        raise errors.UsageError("browse needs a terminal: run it in one, not in a pipe")
    if size.columns < MIN_COLUMNS or size.lines < MIN_LINES:
        raise errors.UsageError(
            f"browse needs a terminal of at least {MIN_COLUMNS}x{MIN_LINES}; "
            f"this one is {size.columns}x{size.lines}"
        )


def _timeline(ctx: typer.Context) -> Timeline:
    from .cache import open_timeline  # YAML is imported only when the cache does not know the file

    return open_timeline(_state(ctx).file or bundled_data_path())


def _select(ctx: typer.Context, filters: Filters) -> Selection:
    timeline = _timeline(ctx)
    query = build_query(
        timeline,
        actors=filters.actors or (),
        claimants=filters.claimed_by or (),
        places=filters.places or (),
        years=filters.years or (),
        start=filters.start,
        end=filters.end,
        tags=filters.tags or (),
        statuses=tuple(choice.value for choice in filters.statuses or ()),
        texts=filters.search or (),
        match_all=filters.match is Match.all,
        exact_actors=filters.exact_actor,
        limit=filters.limit,
        reverse=filters.reverse,
    )
    return select(timeline, query)


def _show_events(
    ctx: typer.Context, filters: Filters, output: Output, default: str | None = None
) -> None:
    selection = _select(ctx, filters)
    _emit_selected(ctx, selection, "events", selection, output, default)


def _emit_selected(
    ctx: typer.Context,
    selection: Selection,
    subject: Subject,
    value: Any,
    output: Output,
    default: str | None = None,
) -> None:
    """Emit what a selection gives; an empty one is a sentence on stderr for people."""
    form = _choose_format(subject, output, default)
    if not selection.indices and form.audience == "people":
        # an empty table says less than a sentence; JSON stays `[]` for programs
        typer.echo(_nothing_shown(selection), err=True)
        return
    _write(ctx, form, subject, value, output)


def _nothing_shown(selection: Selection) -> str:
    from .render.caption import count_words, filter_words
    from .render.safe import visible

    if selection.total:  # --limit 0
        return f"{count_words(selection)} shown (--limit {selection.query.limit})."
    words = filter_words(selection.query)
    message = "No events match" + (f" ({' · '.join(words)})" if words else "") + "."
    covered = coverage(selection.timeline)
    if covered and outside_coverage(selection):
        message += f" The data covers {covered[0]}–{covered[1]}."
    return visible(message)


def _choose_format(subject: Subject, output: Output, default: str | None = None) -> Format:
    form = output.form
    if output.json:
        if form is not None and form.name != "json":
            raise errors.UsageError(f"--json means --format json, not --format {form.name}")
        form = find_format("json")
    if form is None and output.path not in (None, "-"):
        by_extension = format_for_file(str(output.path))
        if by_extension is not None and by_extension.can_render(subject):
            form = by_extension
    if form is None:
        form = find_format(default) if default else default_format(subject)
    assert form is not None and form.can_render(subject)
    _check_options(form, output)
    return form


def _check_options(form: Format, output: Output) -> None:
    """--by and --excel belong to the formats that take them (the registry says which)."""
    if output.by is not None:
        allowed = form.options.get("by")
        if allowed is None:
            raise errors.UsageError(f"--by groups a tree; --format {form.name} has no groups")
        if output.by.value not in allowed:
            choices = ", ".join(allowed)
            raise errors.UsageError(f"--format {form.name} groups --by {choices}")
    if output.excel and "excel" not in form.options:
        raise errors.UsageError(f"--excel is for --format csv, not --format {form.name}")


def _emit(ctx: typer.Context, subject: Subject, value: Any, output: Output) -> None:
    _write(ctx, _choose_format(subject, output), subject, value, output)


def _write(ctx: typer.Context, form: Format, subject: Subject, value: Any, output: Output) -> None:
    """Render once with the chosen format and write it: to -o FILE whole, else to the screen
    (text as is, Rich through the console, a pager for long human output)."""
    by = output.by.value if output.by is not None else None
    to_file = output.path not in (None, "-")
    # JSON is indented for a person at a terminal, compact for a program (gh's convention)
    pretty = not to_file and sys.stdout.isatty()
    rendered = form.render(subject, value, RenderOptions(by=by, excel=output.excel, pretty=pretty))
    state = _state(ctx)
    if to_file:
        from .render.files import as_text, write_atomically

        machine = isinstance(rendered, (str, bytes, Chunks))
        text = rendered if machine else as_text(rendered)
        data_file = state.file or bundled_data_path()
        write_atomically(Path(str(output.path)), text, protect=data_file)
        return
    if isinstance(rendered, (str, bytes, Chunks)):
        _write_text(rendered)
        return
    from .render.console import emit

    emit(rendered, no_color=state.no_color, pageable=form.pageable and not state.no_pager)


def _write_text(text: str | bytes | Chunks) -> None:
    """Text for programs, byte for byte and in UTF-8, whatever the console's encoding: CSV and
    iCalendar carry their own CRLF line ends, which a text stream on Windows would turn into
    CR CR LF, and JSON, CSV and the rest are UTF-8 by their definitions. (Events' JSON comes
    already encoded, in pieces.)"""
    pieces = [text] if isinstance(text, (str, bytes)) else text
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        sys.stdout.flush()
    for piece in pieces:
        if buffer is None:
            sys.stdout.write(piece if isinstance(piece, str) else piece.decode("utf-8"))
        else:
            buffer.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
    sys.stdout.flush()


def run() -> None:
    """Run the command line (launch.main calls this once it has set up the process)."""
    _lazy_command()(prog_name="iwtimeline")


def main() -> None:
    """The entry point (kept for those who call it): see launch.main."""
    from .launch import main as launch

    launch()


def _lazy_command() -> Any:
    """The click group of the app, each command built only when it is asked for.

    typer builds every command's parameters at start (about 1.2 ms a command, most of the
    start-up left once the data is cached); one invocation needs one command. The group is
    built by typer from the app with its commands set aside, and given a mapping that builds a
    command from its registered info on first use. Tests use typer's eager `get_command`, and
    a test checks both give the same commands.
    """
    from typer.main import get_command, get_command_from_info

    infos = {info.name: info for info in app.registered_commands if info.name}
    registered, app.registered_commands = app.registered_commands, []
    try:
        group = get_command(app)
    finally:
        app.registered_commands = registered

    def build(name: str) -> Any:
        return get_command_from_info(
            infos[name],
            pretty_exceptions_short=app.pretty_exceptions_short,
            rich_markup_mode=app.rich_markup_mode,
        )

    group.commands = _LazyCommands(list(infos), build)  # type: ignore[attr-defined]
    return group


class _LazyCommands(dict[str, Any]):
    """Command name -> click command, each built the first time it is looked up."""

    def __init__(self, names: list[str], build: Any) -> None:
        super().__init__()
        self._names = names
        self._build = build

    def _built(self, name: str) -> Any:
        if not dict.__contains__(self, name):
            dict.__setitem__(self, name, self._build(name))
        return dict.__getitem__(self, name)

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __getitem__(self, name: str) -> Any:
        if name not in self._names:
            raise KeyError(name)
        return self._built(name)

    def get(self, name: str, default: Any = None) -> Any:
        return self._built(name) if name in self._names else default

    def __iter__(self) -> Any:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def keys(self) -> Any:
        return list(self._names)

    def items(self) -> Any:
        return [(name, self._built(name)) for name in self._names]

    def values(self) -> Any:
        return [self._built(name) for name in self._names]
