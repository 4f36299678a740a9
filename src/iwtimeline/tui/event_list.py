"""The event list: one event a line, drawn only where the screen shows it.

Textual's DataTable measures every row, which takes seconds at 100,000 events; this widget uses
the Line API instead (as toolong's log view does), so its cost follows the screen, not the file.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..dates import describe
from ..model import Event
from ..render.safe import visible
from ..render.spans import STATUS_STYLES

# the widest a date label gets before it is cut: '22 Sep 1980 – 20 Aug 1988'
MAX_DATE = 25
STATUS_WIDTH = len("documented")
MARK = "● "
POINTER = "›"
EMPTY = " No events match these filters. c clears them; / searches again."
NO_MARK = "  "


class EventList(ScrollView, can_focus=True, inherit_bindings=False):
    """Events, the cursor on one; in pick mode, events marked with space."""

    BINDINGS = [
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
    ]

    DEFAULT_CSS = """
    EventList {
        scrollbar-gutter: stable;
        overflow-y: scroll;
        overflow-x: hidden;
    }
    """
    COMPONENT_CLASSES = {"event-list--cursor", "event-list--date", "event-list--mark"}

    cursor: reactive[int] = reactive(0, repaint=False, init=False)

    class Highlighted(Message):
        """The cursor moved to another event (None when the list is empty)."""

        def __init__(self, event: Event | None) -> None:
            self.event = event
            super().__init__()

    class Chosen(Message):
        """The user pressed Enter or clicked twice on an event."""

        def __init__(self, event: Event) -> None:
            self.event = event
            super().__init__()

    def __init__(self, *, pick: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.events: Sequence[Event] = ()
        self.pick = pick
        self.marked: set[str] = set()
        self._labels: dict[str, str] = {}
        self._date_width = 0

    # --- what it shows --------------------------------------------------------------------

    def show_events(self, events: Sequence[Event], position: int = 0) -> None:
        """Show these events (each is read only when drawn), the cursor at `position`."""
        self.events = events
        self._date_width = min(
            max((cell_len(self._label(e)) for e in events[:2000]), default=4), MAX_DATE
        )
        self.virtual_size = Size(self.size.width, len(events))
        self.set_reactive(EventList.cursor, position if 0 <= position < len(events) else 0)
        self._keep_cursor_visible()
        self.refresh()
        self.post_message(self.Highlighted(self.current))

    @property
    def current(self) -> Event | None:
        return self.events[self.cursor] if self.events else None

    def toggle_mark(self) -> None:
        event = self.current
        if event is not None:
            self.marked.symmetric_difference_update({event.id})
            self.refresh_line(self.cursor)

    def go_to(self, index: int) -> None:
        if self.events:
            self.cursor = max(0, min(index, len(self.events) - 1))

    # --- moving -----------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)
        self.refresh_line(new)
        self._keep_cursor_visible()
        self.post_message(self.Highlighted(self.current))

    def _keep_cursor_visible(self) -> None:
        height = max(self.scrollable_content_region.height, 1)
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def action_move(self, step: int) -> None:
        self.go_to(self.cursor + step)

    def action_page(self, direction: int) -> None:
        self.go_to(self.cursor + direction * max(self.scrollable_content_region.height - 1, 1))

    def action_first(self) -> None:
        self.go_to(0)

    def action_last(self) -> None:
        self.go_to(len(self.events) - 1)

    def on_click(self, event: events.Click) -> None:
        index = self.scroll_offset.y + event.y
        if 0 <= index < len(self.events):
            if index == self.cursor and event.chain > 1:
                self.post_message(self.Chosen(self.events[index]))
            self.go_to(index)

    # --- drawing ----------------------------------------------------------------------------

    def _label(self, event: Event) -> str:
        label = self._labels.get(event.id)
        if label is None:
            label = self._labels[event.id] = describe(event.date)
        return label

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if not self.events and y == 0:
            return Strip([Segment(EMPTY, self.rich_style + Style(dim=True))]).crop_extend(
                0, width, self.rich_style
            )
        if not 0 <= index < len(self.events):
            return Strip.blank(width, self.rich_style)
        event = self.events[index]
        base = self.rich_style
        if index == self.cursor:
            base = base + self._cursor_style()
        segments = self._segments(event, width, base, index == self.cursor)
        return Strip(segments, width).crop_extend(0, width, base)

    def _cursor_style(self) -> Style:
        # without colour (NO_COLOR) the cursor row is reversed, so that it still shows
        if getattr(self.app, "no_color", False):
            return Style(reverse=True, bold=True)
        return self.get_component_rich_style("event-list--cursor")

    def _segments(self, event: Event, width: int, base: Style, here: bool) -> list[Segment]:
        # a pointer as well as the highlight, so the cursor shows in any terminal or capture
        parts: list[Segment] = [Segment(POINTER if here else " ", base)]
        if self.pick:
            marked = event.id in self.marked
            mark_style = base + _foreground(self.get_component_rich_style("event-list--mark"))
            parts.append(Segment(MARK if marked else NO_MARK, mark_style))
        label = _fit(self._label(event), self._date_width)
        date_style = base + _foreground(self.get_component_rich_style("event-list--date"))
        parts.append(Segment(label + "  ", date_style))
        status = event.status.ljust(STATUS_WIDTH)
        used = sum(cell_len(s.text) for s in parts) + STATUS_WIDTH + 2
        title = _fit(visible(event.title), max(width - used, 1))
        parts.append(Segment(title + "  ", base))
        parts.append(Segment(status, base + Style.parse(STATUS_STYLES.get(event.status, ""))))
        return parts


def _foreground(style: Style) -> Style:
    """A component's colour and weight without its background, which would hide the cursor's."""
    return Style(color=style.color, bold=style.bold, dim=style.dim, italic=style.italic)


def _fit(text: str, width: int) -> str:
    """`text` padded or cut (with an ellipsis) to exactly `width` cells."""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"
