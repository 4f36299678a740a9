"""An event in full, in a pane beside the list or on a screen of its own (narrow terminals).

It shows what `iwtimeline show` prints: the same renderer, so the same fields, escaping and
links (clickable where the terminal supports them).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..model import Event
from ..render.detail import event_detail


class DetailPane(VerticalScroll, can_focus=True):
    """The event under the cursor, scrollable."""

    BINDINGS = [
        Binding("up,k", "scroll_up", "Up", show=False),
        Binding("down,j", "scroll_down", "Down", show=False),
        Binding("home,g", "scroll_home", "Top", show=False),
        Binding("end,G", "scroll_end", "Bottom", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.event: Event | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("No event selected.", style="dim"), id="detail-body")

    def show_event(self, event: Event | None, related: tuple[Event, ...] = ()) -> None:
        self.event = event
        try:
            body = self.query_one("#detail-body", Static)
        except NoMatches:  # the app is closing (a late result from a worker): nowhere to show it
            return
        if event is None:
            body.update(Text("No events match.", style="dim"))
        else:
            body.update(event_detail(event, related, fold_urls=True))
        self.scroll_home(animate=False)


class DetailScreen(Screen[None]):
    """The detail on the whole screen, for terminals too narrow for a pane beside the list."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("o", "open_source", "Source"),
        Binding("O", "choose_source", "Sources"),
    ]

    def __init__(self, event: Event, related: tuple[Event, ...]) -> None:
        super().__init__()
        self.event = event
        self.related = related

    def compose(self) -> ComposeResult:
        pane = DetailPane(id="detail-screen-pane")
        yield pane
        yield Footer()

    def on_mount(self) -> None:
        pane = self.query_one(DetailPane)
        pane.show_event(self.event, self.related)
        pane.focus()

    def action_open_source(self) -> None:
        open_source(self.app, self.event)

    def action_choose_source(self) -> None:
        choose_source(self.app, self.event)


def _web_sources(app: App[object], event: Event | None) -> list[tuple[str, str]]:
    if event is None:
        app.notify("No event is selected.", markup=False)
        return []
    pairs = [(s.title, s.url) for s in event.sources if s.url]
    if not pairs:
        app.notify("This event's sources have no web address.", markup=False)
    return pairs


def open_source(app: App[object], event: Event | None) -> None:
    """`o`: the event's first source with a web address, in the browser."""
    pairs = _web_sources(app, event)
    if pairs:
        open_in_browser(app, pairs[0][1])


def open_in_browser(app: App[object], url: str) -> None:
    """Open `url` in the user's web browser; a browser that runs in the terminal (lynx, w3m)
    gets the terminal while it runs, and without any browser the address is shown."""
    import webbrowser

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        app.notify(f"No web browser found. The address: {url}", markup=False, timeout=15)
        return
    # lynx, w3m, links and elinks run in this terminal and wait (GenericBrowser exactly, and
    # Elinks); a graphical browser is started beside it
    if type(browser) is webbrowser.GenericBrowser or isinstance(browser, webbrowser.Elinks):
        with app.suspend():
            browser.open(url)
    else:
        app.open_url(url)


def choose_source(app: App[object], event: Event | None) -> None:
    """`O`: choose which of the event's sources to open."""
    from .pickers import PickerScreen, source_choices

    pairs = _web_sources(app, event)
    if not pairs:
        return

    def chosen(url: str | None) -> None:
        if url:
            open_in_browser(app, url)

    app.push_screen(PickerScreen("Open a source", source_choices(pairs)), chosen)
