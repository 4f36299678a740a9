"""The command line: parse options, call load → query → render, print once, map errors to codes."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from . import errors
from .load import bundled_data_path, load_timeline, read_text
from .model import STATUSES, Timeline
from .query import actor_activity, build_query, find_actors, find_event, select
from .render import FORMATS, GROUPINGS, Selection

Format = Enum("Format", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]
StatusName = Enum("StatusName", {name: name for name in STATUSES}, type=str)  # type: ignore[misc]
SCHEMAS = {"data": "events.schema.json", "output": "output.schema.json"}
SchemaName = Enum("SchemaName", {name: name for name in SCHEMAS}, type=str)  # type: ignore[misc]
GroupBy = Enum("GroupBy", {name: name for name in GROUPINGS}, type=str)  # type: ignore[misc]


class RecordFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


@dataclass(frozen=True)
class Filters:
    """The filter options as typed, shared by list, range and tree."""

    actors: list[str] | None
    places: list[str] | None
    tags: list[str] | None
    statuses: list[Any] | None
    search: str | None
    year: int | None = None
    start: str | None = None
    end: str | None = None
    limit: int | None = None
    reverse: bool = False


@dataclass
class State:
    file: Path | None = None
    no_color: bool = False
    debug: bool = False


class _ErrorBoundary(TyperGroup):
    """The one place where domain errors become a message on stderr and an exit code."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except errors.IwtimelineError as error:
            _fail(ctx, str(error), error.exit_code)
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


def _fail(ctx: typer.Context, message: str, code: int) -> NoReturn:
    from rich.text import Text

    from .render.console import literal, make_console

    console = make_console(stderr=True, no_color=_state(ctx).no_color)
    console.print(Text.assemble(("Error: ", "bold red"), literal(message)), soft_wrap=True)
    raise typer.Exit(code)


app = typer.Typer(
    cls=_ErrorBoundary,
    name="iwtimeline",
    help="A sourced timeline of Iran's involvement in the Iraq War, 1980–2008.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# --- options shared by several commands, defined once ------------------------------------

ActorOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--actor",
        "-a",
        metavar="NAME",
        help="Actor by name, id or alias (repeat for any of several).",
    ),
]
PlaceOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--place", "-p", metavar="PLACE", help="Place, any spelling (repeat for any of several)."
    ),
]
TagOpt = Annotated[
    list[str] | None, typer.Option("--tag", "-t", metavar="TAG", help="Tag (repeat for any).")
]
StatusOpt = Annotated[
    list[StatusName] | None, typer.Option("--status", help="Status (repeat for any).")
]
SearchOpt = Annotated[
    str | None,
    typer.Option(
        "--search",
        "-s",
        metavar="TEXT",
        help="Words that must all appear in title, summary, actors or places.",
    ),
]
LimitOpt = Annotated[
    int | None, typer.Option("--limit", "-n", min=0, metavar="N", help="Show at most N events.")
]
ReverseOpt = Annotated[bool, typer.Option("--reverse", "-r", help="Newest first.")]
YearOpt = Annotated[
    int | None, typer.Option("--year", "-y", min=1, max=9999, help="Events touching this year.")
]
FromOpt = Annotated[
    str | None, typer.Option("--from", metavar="DATE", help="From this date (2003, Mar 2003).")
]
ToOpt = Annotated[
    str | None, typer.Option("--to", metavar="DATE", help="To the end of this date (2007).")
]
FormatOpt = Annotated[Format, typer.Option("--format", "-F", help="Output form.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Shortcut for --format json.")]
NoColorOpt = Annotated[
    bool, typer.Option("--no-color", help="No colour (also: NO_COLOR=1; off a terminal).")
]


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
    """Explore a sourced timeline of Iran's involvement in the Iraq War (1980–2008)."""
    ctx.obj = State(file=file, no_color=no_color, debug=debug)


# --- commands ----------------------------------------------------------------------------


@app.command("list")
def list_events(
    ctx: typer.Context,
    actor: ActorOpt = None,
    place: PlaceOpt = None,
    year: YearOpt = None,
    start: FromOpt = None,
    end: ToOpt = None,
    tag: TagOpt = None,
    status: StatusOpt = None,
    search: SearchOpt = None,
    limit: LimitOpt = None,
    reverse: ReverseOpt = False,
    fmt: FormatOpt = Format.table,  # type: ignore[attr-defined]
    json_: JsonOpt = False,
    no_color: NoColorOpt = False,
) -> None:
    """List events in date order, filtered by actor, place, dates, tag, status or text."""
    filters = Filters(
        actor,
        place,
        tag,
        status,
        search,
        year=year,
        start=start,
        end=end,
        limit=limit,
        reverse=reverse,
    )
    selection = _select(ctx, filters)
    _print_selection(ctx, selection, fmt, json_, no_color)


@app.command("range")
def range_events(
    ctx: typer.Context,
    start: Annotated[str, typer.Argument(metavar="START", help="First date, e.g. 2003.")],
    end: Annotated[str, typer.Argument(metavar="END", help="Last date, inclusive, e.g. 2007.")],
    actor: ActorOpt = None,
    place: PlaceOpt = None,
    tag: TagOpt = None,
    status: StatusOpt = None,
    search: SearchOpt = None,
    limit: LimitOpt = None,
    reverse: ReverseOpt = False,
    fmt: FormatOpt = Format.table,  # type: ignore[attr-defined]
    json_: JsonOpt = False,
    no_color: NoColorOpt = False,
) -> None:
    """Events whose dates overlap START..END (END counts to the end of its year, month, ...)."""
    filters = Filters(
        actor, place, tag, status, search, start=start, end=end, limit=limit, reverse=reverse
    )
    selection = _select(ctx, filters)
    _print_selection(ctx, selection, fmt, json_, no_color)


@app.command("tree")
def tree(
    ctx: typer.Context,
    by: Annotated[
        GroupBy, typer.Option("--by", help="Group by year (then month), actor or tag.")
    ] = GroupBy.year,  # type: ignore[attr-defined]
    actor: ActorOpt = None,
    place: PlaceOpt = None,
    year: YearOpt = None,
    start: FromOpt = None,
    end: ToOpt = None,
    tag: TagOpt = None,
    status: StatusOpt = None,
    search: SearchOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """Show events as a tree: year → month → event, or grouped by actor or tag."""
    from .render.tree import events_tree

    filters = Filters(actor, place, tag, status, search, year=year, start=start, end=end)
    selection = _select(ctx, filters)
    _print(ctx, events_tree(selection, by.value), no_color)


@app.command("show")
def show(
    ctx: typer.Context,
    event_id: Annotated[str, typer.Argument(metavar="ID", help="Event id, as shown by list.")],
    json_: JsonOpt = False,
    no_color: NoColorOpt = False,
) -> None:
    """Show one event in full: date and precision, status, actors, summary and sources."""
    event = find_event(_timeline(ctx), event_id)
    if json_:
        from .render.jsonout import event_record, to_json

        typer.echo(to_json(event_record(event)), nl=False)
        return
    from .render.detail import event_detail

    _print(ctx, event_detail(event), no_color)


@app.command("actors")
def actors(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(metavar="[NAME]", help="Show this actor in full (name, id or alias)."),
    ] = None,
    fmt: Annotated[RecordFormat, typer.Option("--format", "-F")] = RecordFormat.table,
    json_: JsonOpt = False,
    no_color: NoColorOpt = False,
) -> None:
    """List the actor registry, or show one actor in full with its relations and sources."""
    from .render.actors import actor_detail, actor_record, actors_table
    from .render.jsonout import to_json, to_jsonl

    timeline = _timeline(ctx)
    activity = actor_activity(timeline)
    chosen = find_actors(timeline, name) if name else timeline.actors
    form = "json" if json_ else fmt.value
    if form != "table":
        records = [actor_record(actor, activity[actor.id]) for actor in chosen]
        typer.echo((to_json if form == "json" else to_jsonl)(records), nl=False)
    elif name:
        from rich.console import Group

        _print(ctx, Group(*(actor_detail(timeline, a, activity[a.id]) for a in chosen)), no_color)
    else:
        _print(ctx, actors_table(timeline, activity), no_color)


@app.command("validate")
def validate(
    ctx: typer.Context,
    path: Annotated[
        Path | None, typer.Argument(metavar="[PATH]", help="File to check (default: --file).")
    ] = None,
) -> None:
    """Check an events file and report every problem, each with its line; exit 0 if valid."""
    target = path or _state(ctx).file or bundled_data_path()
    try:
        timeline = load_timeline(target)
    except errors.DataFileInvalid as invalid:
        for problem in invalid.problems:
            typer.echo(problem.describe(invalid.source))
        count = len(invalid.problems)
        typer.echo(f"{invalid.source}: {count} problem{'s' if count != 1 else ''}")
        raise typer.Exit(errors.EXIT_INVALID) from None
    typer.echo(f"{target}: valid ({len(timeline.events)} events, {len(timeline.actors)} actors)")


@app.command("schema")
def schema(
    which: Annotated[
        SchemaName,
        typer.Argument(
            metavar="[data|output]",
            help="data: the events file format; output: what --json prints.",
        ),
    ] = SchemaName.data,  # type: ignore[attr-defined]
) -> None:
    """Print a JSON Schema: of the events file format (default), or of the JSON output."""
    typer.echo(read_text(Path(__file__).parent / "data" / SCHEMAS[which.value]), nl=False)


# --- glue --------------------------------------------------------------------------------


def _state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    return root.obj if isinstance(root.obj, State) else State()


def _timeline(ctx: typer.Context) -> Timeline:
    return load_timeline(_state(ctx).file)


def _select(ctx: typer.Context, filters: Filters) -> Selection:
    timeline = _timeline(ctx)
    query = build_query(
        timeline,
        actors=filters.actors or (),
        places=filters.places or (),
        year=filters.year,
        start=filters.start,
        end=filters.end,
        tags=filters.tags or (),
        statuses=tuple(choice.value for choice in filters.statuses or ()),
        text=filters.search,
        limit=filters.limit,
        reverse=filters.reverse,
    )
    return Selection(timeline, query, select(timeline, query))


def _print_selection(
    ctx: typer.Context, selection: Selection, fmt: Any, json_: bool, no_color: bool
) -> None:
    output = FORMATS["json" if json_ else fmt.value](selection)
    if isinstance(output, str):
        typer.echo(output, nl=False)
    else:
        _print(ctx, output, no_color)


def _print(ctx: typer.Context, renderable: Any, no_color: bool) -> None:
    from .render.console import make_console

    # crop=False: the few lines deliberately left unwrapped (URLs) are printed whole
    make_console(no_color=no_color or _state(ctx).no_color).print(renderable, crop=False)


def main() -> None:
    import signal

    # Behave like other Unix tools when the reader goes away (`| head`): end at once, quietly,
    # with the shell's usual status 141, rather than Python's BrokenPipeError at some later write.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    app(prog_name="iwtimeline")
