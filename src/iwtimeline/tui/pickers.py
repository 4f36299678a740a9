"""Small screens over the browser that ask for one thing: an actor, a tag, a year, a source."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from ..names import fold, starts_at_word
from ..render.safe import visible


@dataclass(frozen=True)
class Choice:
    """One thing to pick: its key (returned), what to show, and every name it answers to."""

    key: str
    label: Text
    names: tuple[str, ...]


def rank(choice: Choice, typed: str) -> int | None:
    """How well `typed` names `choice` (lower is better), or None when it does not.

    The same order as `--actor`: an exact name, then the start of a word, then anywhere in a
    name, then the letters in order (fuzzy: 'kh' finds Kata'ib Hezbollah).
    """
    wanted = fold(typed)
    if not wanted:
        return 3
    names = [fold(name) for name in choice.names]
    if wanted in names:
        return 0
    if any(starts_at_word(wanted, name) for name in names):
        return 1
    if any(wanted in name for name in names):
        return 2
    if any(_in_order(wanted.replace(" ", ""), name) for name in names):
        return 3
    return None


def _in_order(letters: str, name: str) -> bool:
    remaining = iter(name)
    return all(letter in remaining for letter in letters)


class PickerScreen(ModalScreen[str | None]):
    """Type to narrow a list, Enter to choose, Esc to leave it as it was."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("up", "cursor(-1)", "Up", show=False),
    ]

    def __init__(self, title: str, choices: Sequence[Choice]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = list(choices)
        self.shown: list[Choice] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Label(Text(self.title_text, style="bold"))
            yield Input(placeholder="type to narrow", id="picker-input")
            yield OptionList(id="picker-options", markup=False)

    def on_mount(self) -> None:
        self._narrow("")
        self.query_one("#picker-input", Input).focus()

    @on(Input.Changed, "#picker-input")
    def _typed(self, message: Input.Changed) -> None:
        self._narrow(message.value)

    def _narrow(self, typed: str) -> None:
        ranked = [
            (r, i, c) for i, c in enumerate(self.choices) if (r := rank(c, typed)) is not None
        ]
        self.shown = [choice for _, _, choice in sorted(ranked, key=lambda item: item[:2])]
        options = self.query_one("#picker-options", OptionList)
        options.set_options(Option(choice.label) for choice in self.shown)
        if self.shown:
            options.highlighted = 0

    def action_cursor(self, step: int) -> None:
        options = self.query_one("#picker-options", OptionList)
        if self.shown:
            current = options.highlighted or 0
            options.highlighted = max(0, min(current + step, len(self.shown) - 1))

    @on(Input.Submitted, "#picker-input")
    def _submitted(self) -> None:
        index = self.query_one("#picker-options", OptionList).highlighted
        self.dismiss(self.shown[index].key if self.shown and index is not None else None)

    @on(OptionList.OptionSelected, "#picker-options")
    def _selected(self, message: OptionList.OptionSelected) -> None:
        self.dismiss(self.shown[message.option_index].key)


class YearScreen(ModalScreen[int | None]):
    """Ask for a year to jump to."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, first: int, last: int) -> None:
        super().__init__()
        self.first, self.last = first, last

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Label(Text(f"Jump to the first event of a year ({self.first}–{self.last})"))
            yield Input(placeholder="year", id="year-input", type="integer", max_length=4)

    def on_mount(self) -> None:
        self.query_one("#year-input", Input).focus()

    @on(Input.Submitted, "#year-input")
    def _submitted(self, message: Input.Submitted) -> None:
        value = message.value.strip()
        self.dismiss(int(value) if value.isdigit() else None)


def source_choices(sources: Sequence[tuple[str, str]]) -> list[Choice]:
    """(title, url) pairs as numbered choices whose key is the URL."""
    return [
        Choice(
            url,
            Text.assemble(f"{number}. ", visible(title), "\n   ", (visible(url), "dim")),
            (title, url),
        )
        for number, (title, url) in enumerate(sources, 1)
    ]
