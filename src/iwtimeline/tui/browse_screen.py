"""The browser's main screen: header, search line, event list, detail pane, year ribbon.

It keeps one Query. The filters given on the command line start it; the search line, the actor
and tag pickers, the status key and `c` change it; every change runs the same `select` the CLI
runs, and the list, header, ribbon and detail show the new Selection.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from ..model import STATUSES, Actor, Event, Timeline
from ..names import fold
from ..query import (
    Query,
    SearchIndex,
    Selection,
    actor_filter,
    actor_names,
    all_tags,
    coverage,
    related_events,
    select,
)
from ..render.caption import filter_words
from ..render.safe import visible
from ..render.spans import KIND_STYLES
from ..render.style import counted
from ..summaries import actor_activity
from .detail import DetailPane, DetailScreen, choose_source, open_source
from .event_list import EventList
from .pickers import Choice, PickerScreen, YearScreen
from .ribbon import YearRibbon, start_years, starts_by_year

# at least this wide, the detail sits beside the list; narrower, Enter opens it on its own screen
WIDE = 120
# how long the cursor rests before the detail pane (and its related events) is redrawn
DETAIL_DELAY = 0.08
# how long typing pauses before the list is filtered again
SEARCH_DELAY = 0.03


class SearchInput(Input):
    """The search line. Enter goes back to the list at once, so that the next key is the
    list's; Esc clears the search and goes back too."""

    BINDINGS = [
        Binding("enter", "to_list", "Back to the list", show=False),
        Binding("escape", "clear_search", "Clear the search", show=False),
    ]

    def action_to_list(self) -> None:
        self.screen.query_one(EventList).focus()

    def action_clear_search(self) -> None:
        self.value = ""
        self.screen.query_one(EventList).focus()


class BrowseScreen(Screen[None]):
    """Browse a timeline; in pick mode, mark events and choose them."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]

    BINDINGS = [
        Binding("slash", "search", "Search"),
        # Enter, space and Esc differ in pick mode; check_action keeps the one of each that
        # applies, and the footer shows it
        Binding("enter", "read", "Read"),
        Binding("enter", "choose", "Choose"),
        Binding("space", "mark", "Mark"),
        Binding("escape", "cancel", "Cancel"),
        Binding("escape", "back", "Back", show=False),
        Binding("a", "pick_actor", "Actor"),
        Binding("t", "pick_tag", "Tag"),
        Binding("s", "cycle_status", "Status"),
        Binding("c", "clear", "Clear"),
        Binding("y", "jump_year", "Year"),
        Binding("left_square_bracket", "step_year(-1)", "[ Year", show=False),
        Binding("right_square_bracket", "step_year(1)", "] Year", show=False),
        Binding("o", "open_source", "Source"),
        Binding("O", "choose_source", "Sources", show=False),
    ]

    def __init__(self, timeline: Timeline, query: Query, *, pick: bool = False) -> None:
        super().__init__()
        self.timeline = timeline
        self.query_now = query
        self.pick = pick
        self.index = SearchIndex()
        self.selection = Selection(timeline, query, (), 0)
        self.years_shown: Counter[int] = Counter()  # the selection's events by start year
        self.start_years = start_years(timeline)  # each event's, by position (for the ribbon)
        self.years = coverage(timeline) or (1980, 2008)
        self._searching: Query | None = None  # the latest search asked for, until it is shown
        self._cli_texts = query.texts  # the search terms given on the command line
        self._detail_timer: Timer | None = None
        self._search_timer: Timer | None = None

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="header")
        yield SearchInput(
            placeholder="/ to search: title, summary, actors, places, tags", id="search"
        )
        with Horizontal(id="body"):
            yield EventList(pick=self.pick, id="events")
            yield DetailPane(id="detail")
        yield YearRibbon(*self.years, id="ribbon")
        yield Footer()

    def on_mount(self) -> None:
        self.apply(self.query_now)
        self.query_one(EventList).focus()
        self.prepare_search()

    # each worker is given its description: by default Textual writes one with repr() of the
    # arguments, which for thousands of events costs more than the work itself
    @work(thread=True, exclusive=True, group="index", description="fold texts")
    def prepare_search(self) -> None:
        # fold every event's text while the user reads the first screen
        self.index.prepare(self.timeline)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("choose", "mark", "cancel"):
            return self.pick
        if action in ("read", "back"):
            return not self.pick
        return True

    @property
    def wide(self) -> bool:
        return self.has_class("-wide")

    # --- the one query and what shows it -------------------------------------------------

    def apply(self, query: Query, *, among: Sequence[int] | None = None) -> None:
        """Select with `query` and show the result, the cursor kept on its event if it can be."""
        self._searching = None  # this choice is newer than any search still on its way
        selection = select(self.timeline, query, among=among, index=self.index)
        self.show(selection, starts_by_year(selection, self.start_years))

    def show(self, selection: Selection, years: Counter[int]) -> None:
        events_list = self.query_one(EventList)
        position = self._position_of_cursor_in(selection)
        self.query_now = selection.query
        self.selection = selection
        self.years_shown = years
        events_list.show_events(selection.each_event, position)
        self.query_one(YearRibbon).show_counts(years)
        self._show_header()

    def _position_of_cursor_in(self, selection: Selection) -> int:
        """Where the event under the cursor is in the new selection (0 when it is not)."""
        before, cursor = self.selection.indices, self.query_one(EventList).cursor
        if not 0 <= cursor < len(before):
            return 0
        try:
            return selection.indices.index(before[cursor])
        except ValueError:
            return 0

    def _show_header(self) -> None:
        # what the selection is comes first; the file's title last, cut if the line is full
        shown, total = len(self.selection.indices), len(self.timeline.events)
        parts = [f"{shown} of {total} events", *filter_words(self.query_now)]
        if self.pick:
            parts.append(f"{len(self.query_one(EventList).marked)} marked")
        line = Text(" · ".join(parts), no_wrap=True, overflow="ellipsis")
        line.append(f"   {visible(self.timeline.header.title)}", style="dim")
        self.query_one("#header", Static).update(line)

    @on(EventList.Highlighted)
    def _highlighted(self, message: EventList.Highlighted) -> None:
        event = message.event
        self.query_one(YearRibbon).year = None if event is None else event.date.start.year
        if self.wide:
            self._schedule_detail()

    def _schedule_detail(self) -> None:
        if self._detail_timer is not None:
            self._detail_timer.stop()
        self._detail_timer = self.set_timer(DETAIL_DELAY, self._show_detail)

    def _show_detail(self) -> None:
        event = self.query_one(EventList).current
        if event is None:
            self.query_one(DetailPane).show_event(None)
        else:
            self._find_related(event)

    @work(thread=True, exclusive=True, group="detail", description="related events")
    def _find_related(self, event: Event) -> None:
        # related events look at every event: off the screen's thread, for big files
        related = related_events(self.timeline, event)
        self.app.call_from_thread(self._show_related, event, related)

    def _show_related(self, event: Event, related: tuple[Event, ...]) -> None:
        try:
            events_list, pane = self.query_one(EventList), self.query_one(DetailPane)
        except NoMatches:  # the app is closing while the worker finished: nothing to update
            return
        if events_list.current is event:  # the cursor may have moved on
            pane.show_event(event, related)

    def on_resize(self) -> None:
        if self.wide:
            self._schedule_detail()

    # --- the search line -----------------------------------------------------------------

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, message: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, lambda: self._search(message.value))

    def _search(self, typed: str) -> None:
        now = fold(typed)
        query = self.query_now._replace(texts=self._cli_texts + ((now,) if now else ()))
        # typing on narrows what the search now shown found: look only there (the shown one,
        # not the last one asked for, whose result may not have come back yet)
        shown = self._shown_search_term()
        narrowing = bool(shown) and now.startswith(shown) and query.limit is None
        self._searching = query
        self._select_in_background(query, self._chronological() if narrowing else None)

    def _shown_search_term(self) -> str:
        """The term typed into the search that the selection on screen was found with."""
        texts = self.selection.query.texts
        return texts[-1] if len(texts) > len(self._cli_texts) else ""

    @work(thread=True, exclusive=True, group="search", description="search")
    def _select_in_background(self, query: Query, among: Sequence[int] | None) -> None:
        # off the screen's thread, so that typing never waits for a big file to be searched
        selection = select(self.timeline, query, among=among, index=self.index)
        years = starts_by_year(selection, self.start_years)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_found, selection, years)

    def _show_found(self, selection: Selection, years: Counter[int]) -> None:
        # a search overtaken by a newer one while its result was on its way is not shown
        if selection.query is self._searching:
            self._searching = None
            try:
                self.show(selection, years)
            except NoMatches:  # the app is closing while the search finished
                return

    def _chronological(self) -> list[int]:
        # the positions the last search found, in the timeline's (date) order
        return sorted(self.selection.indices)

    # --- moving about -----------------------------------------------------------------------

    def action_read(self) -> None:
        events_list = self.query_one(EventList)
        if self.focused is events_list and events_list.current is not None:
            self._open(events_list.current)

    @on(EventList.Chosen)
    def _chosen(self, message: EventList.Chosen) -> None:
        if not self.pick:
            self._open(message.event)

    def _open(self, event: Event) -> None:
        if self.wide:
            self.query_one(DetailPane).focus()
        else:
            self.app.push_screen(DetailScreen(event, related_events(self.timeline, event)))

    def action_back(self) -> None:
        self.query_one(EventList).focus()

    def action_cancel(self) -> None:
        """Esc in pick mode: choose nothing (exit 1), as fzf does."""
        self.app.exit(None, return_code=1)

    def action_jump_year(self) -> None:
        def jump(year: int | None) -> None:
            if year is not None:
                self._go_to_year(year)

        self.app.push_screen(YearScreen(*self.years), jump)

    def action_step_year(self, step: int) -> None:
        current = self.query_one(EventList).current
        if current is None:
            return
        years = sorted(self.years_shown)
        here = current.date.start.year
        later = [y for y in years if (y > here if step > 0 else y < here)]
        if later:
            self._go_to_year(later[0] if step > 0 else later[-1])

    def _go_to_year(self, year: int) -> None:
        for position, index in enumerate(self.selection.indices):
            if self.start_years[index] == year:
                self.query_one(EventList).go_to(position)
                return
        self.app.notify(f"No event selected starts in {year}.", markup=False, severity="warning")

    # --- filters ----------------------------------------------------------------------------

    def action_pick_actor(self) -> None:
        activity = actor_activity(self.timeline)

        def label(actor: Actor) -> Text:
            count = counted(activity[actor.id].events, "event")
            return Text.assemble(
                (visible(actor.name), KIND_STYLES.get(actor.kind, "")),
                (f"  {actor.id} · {actor.kind} · {count}", "dim"),
            )

        by_use = sorted(self.timeline.actors, key=lambda a: -activity[a.id].events)
        choices = [Choice(actor.id, label(actor), actor_names(actor)) for actor in by_use]

        def chosen(actor_id: str | None) -> None:
            if actor_id is not None:
                wanted = actor_filter(self.timeline, actor_id)
                self.apply(self.query_now._replace(actors=(wanted,), match_all=False))

        self.app.push_screen(PickerScreen("Actor (with the actors part of it)", choices), chosen)

    def action_pick_tag(self) -> None:
        choices = [Choice(tag, Text(tag), (tag,)) for tag in all_tags(self.timeline)]

        def chosen(tag: str | None) -> None:
            if tag is not None:
                self.apply(self.query_now._replace(tags=(tag,), match_all=False))

        self.app.push_screen(PickerScreen("Tag", choices), chosen)

    def action_cycle_status(self) -> None:
        order: list[str | None] = [*STATUSES, None]
        now = sorted(self.query_now.statuses)
        current = now[0] if len(now) == 1 else None
        following = order[(order.index(current) + 1) % len(order)]
        statuses = frozenset() if following is None else frozenset({following})
        self.apply(self.query_now._replace(statuses=statuses))

    def action_clear(self) -> None:
        self._cli_texts = ()
        search = self.query_one("#search", Input)
        with search.prevent(Input.Changed):
            search.value = ""
        self.apply(Query())

    # --- sources --------------------------------------------------------------------------

    def action_open_source(self) -> None:
        open_source(self.app, self.query_one(EventList).current)

    def action_choose_source(self) -> None:
        choose_source(self.app, self.query_one(EventList).current)

    # --- pick mode --------------------------------------------------------------------------

    def action_mark(self) -> None:
        self.query_one(EventList).toggle_mark()
        self._show_header()

    def action_choose(self) -> None:
        events_list = self.query_one(EventList)
        ids = (self.timeline.facts[index].id for index in self.selection.indices)
        chosen = [event_id for event_id in ids if event_id in events_list.marked]
        if not chosen and events_list.current is not None:
            chosen = [events_list.current.id]  # as fzf does: Enter alone takes the current one
        self.app.exit(chosen)
