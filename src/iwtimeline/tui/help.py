"""`?`: every key of the browser, in one place (the README's key table says the same)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: tuple[tuple[str, str], ...] = (
    ("↑ ↓  j k", "move up and down"),
    ("PgUp PgDn", "move a page"),
    ("Home End  g G", "first and last event"),
    ("Enter", "read the event in full (Esc: back to the list)"),
    ("/", "search as you type (Enter: back to the list; Esc: clear the search)"),
    ("a", "choose an actor (with the actors that are part of it)"),
    ("t", "choose a tag"),
    ("s", "cycle the status: documented, reported, alleged, disputed, any"),
    ("c", "clear every filter"),
    ("y", "jump to the first event of a year"),
    ("[  ]", "previous and next year that has events"),
    ("o", "open the event's first source in the browser"),
    ("O", "choose one of the event's sources to open"),
    ("space", "pick mode: mark or unmark an event (Enter: print the ids, Esc: nothing)"),
    ("?", "this help"),
    ("q  Ctrl+C", "quit"),
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss(None)", "Close")]

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for keys, meaning in KEYS:
            table.add_row(keys, meaning)
        with VerticalScroll(id="help"):
            yield Static(Text("Keys", style="bold"))
            yield Static(table)
            yield Static(
                Text("\nThe mouse works too: click an event, scroll the list.", style="dim")
            )
