"""`iwtimeline browse`: the timeline as a full-screen app, on the CLI's load, query and render code.

The app itself only starts the browse screen and owns what works everywhere: help and quitting.
Textual draws on standard error, so standard output stays free for the ids pick mode prints.
"""

from __future__ import annotations

import os

from textual.app import App
from textual.binding import Binding

from ..model import Timeline
from ..query import Query
from .browse_screen import BrowseScreen
from .help import HelpScreen


class BrowseApp(App[list[str]]):
    """Browse a timeline; in pick mode, return the ids of the events the user chose."""

    CSS_PATH = "app.tcss"
    TITLE = "iwtimeline"
    ENABLE_COMMAND_PALETTE = False

    BINDINGS = [
        Binding("q", "leave", "Quit"),
        Binding("ctrl+c", "leave", "Quit", show=False, priority=True),
        Binding("question_mark", "help", "Help"),
    ]

    def __init__(self, timeline: Timeline, query: Query, *, pick: bool = False) -> None:
        # NO_COLOR: Textual's monochrome filter would still paint greys; ANSI colours let its
        # no-colour filter take every colour out
        super().__init__(ansi_color=True if "NO_COLOR" in os.environ else None)
        self.timeline = timeline
        self.start_query = query
        self.pick = pick

    def get_default_screen(self) -> BrowseScreen:
        return BrowseScreen(self.timeline, self.start_query, pick=self.pick)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_leave(self) -> None:
        """q and Ctrl+C: quit (exit 0); in pick mode, quit choosing nothing (exit 1)."""
        self.exit(None, return_code=1 if self.pick else 0)


def run(timeline: Timeline, query: Query, *, pick: bool = False) -> tuple[list[str] | None, int]:
    """Run the browser; the chosen ids (pick mode) and the exit code."""
    app = BrowseApp(timeline, query, pick=pick)
    chosen = app.run()
    return chosen, app.return_code or 0
