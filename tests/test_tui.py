"""The browser, driven as a person would with Textual's pilot, at 80x24 and 140x40."""

from __future__ import annotations

import html
import importlib.util
import os
import re
import select
import subprocess
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from iwtimeline.load import load_timeline
from iwtimeline.model import Timeline
from iwtimeline.query import build_query
from iwtimeline.query import select as select_events
from iwtimeline.tui.app import BrowseApp
from iwtimeline.tui.browse_screen import BrowseScreen
from iwtimeline.tui.detail import DetailPane, DetailScreen
from iwtimeline.tui.event_list import EventList
from iwtimeline.tui.pickers import PickerScreen, YearScreen
from iwtimeline.tui.ribbon import YearRibbon

from .conftest import DATA, MINI

NARROW, WIDE = (80, 24), (140, 40)


@asynccontextmanager
async def browsing(
    timeline: Timeline,
    size: tuple[int, int] = NARROW,
    *,
    pick: bool = False,
    **filters: object,
) -> AsyncIterator[tuple[BrowseApp, Pilot[list[str]], BrowseScreen]]:
    app = BrowseApp(timeline, build_query(timeline, **filters), pick=pick)  # type: ignore[arg-type]
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        await settle(pilot, lambda: screen.query_one(EventList).has_focus)  # (focus comes later)
        yield app, pilot, screen


async def settle(pilot: Pilot[list[str]], done: Callable[[], bool], timeout: float = 5.0) -> None:
    """Wait (a bounded while) until `done()` holds: a timer-driven change (the search waits for
    typing to pause) takes longer on a loaded machine than any fixed pause allows."""
    deadline = time.monotonic() + timeout
    while not done() and time.monotonic() < deadline:
        await pilot.pause(0.05)


def current_id(events_list: EventList) -> str | None:
    return None if events_list.current is None else events_list.current.id


def ids(screen: BrowseScreen) -> list[str]:
    return [event.id for event in screen.query_one(EventList).events]


def header(screen: BrowseScreen) -> str:
    return str(screen.query_one("#header").render())


def shown_lines(screen: BrowseScreen) -> list[str]:
    events_list = screen.query_one(EventList)
    return [events_list.render_line(y).text for y in range(len(events_list.events))]


# --- start and layout ------------------------------------------------------------------------


@pytest.mark.parametrize("size", [NARROW, WIDE])
async def test_it_opens_on_every_event_with_a_header_and_the_cursor_on_the_first(
    mini: Timeline, size: tuple[int, int]
) -> None:
    async with browsing(mini, size) as (app, _, screen):
        assert ids(screen) == [event.id for event in mini.events]
        assert header(screen).startswith("10 of 10 events")
        assert "Test timeline" in header(screen)
        events_list = screen.query_one(EventList)
        assert app.focused is events_list and events_list.cursor == 0
        first, second = shown_lines(screen)[:2]
        assert first.startswith("›22 Sep 1980 – 20 Aug 1988  Iran–Iraq War")  # the cursor's
        assert first.rstrip().endswith("documented")
        assert second.startswith(" c. 1982 ")


async def test_the_filters_of_the_command_line_start_the_selection(mini: Timeline) -> None:
    async with browsing(mini, actors=["Badr"]) as (_, _, screen):
        assert ids(screen) == ["1982-badr-formed", "2003-badr-crosses"]
        assert header(screen).startswith("2 of 10 events · actor: Badr Organization")


async def test_the_detail_sits_beside_the_list_when_wide_and_follows_the_cursor(
    mini: Timeline,
) -> None:
    async with browsing(mini, WIDE) as (_, pilot, screen):
        pane = screen.query_one(DetailPane)
        assert pane.display
        await pilot.press("j", "j", "j", "j")
        await settle(pilot, lambda: pane.event is not None and pane.event.id == "2007-karbala-raid")
        assert pane.event is not None and pane.event.id == "2007-karbala-raid"


async def test_the_detail_is_hidden_when_narrow(mini: Timeline) -> None:
    async with browsing(mini, NARROW) as (_, _, screen):
        assert not screen.query_one(DetailPane).display


async def test_the_ribbon_counts_the_selection_and_marks_the_cursors_year(mini: Timeline) -> None:
    async with browsing(mini) as (_, pilot, screen):
        ribbon = screen.query_one(YearRibbon)
        assert (ribbon.first, ribbon.last) == (1980, 2008)
        assert ribbon.counts[2007] == 4 and ribbon.year == 1980
        await pilot.press("G")
        assert ribbon.year == 2008
        assert "2008" in str(ribbon.render())


# --- keys --------------------------------------------------------------------------------------


async def test_moving_with_every_key(mini: Timeline) -> None:
    async with browsing(mini) as (_, pilot, screen):
        events_list = screen.query_one(EventList)
        await pilot.press("j", "down")
        assert events_list.cursor == 2
        await pilot.press("k")
        assert events_list.cursor == 1
        await pilot.press("G")
        assert events_list.cursor == 9
        await pilot.press("g")
        assert events_list.cursor == 0
        await pilot.press("end")
        assert events_list.cursor == 9
        await pilot.press("home", "pagedown")
        assert events_list.cursor > 1
        await pilot.press("pageup")
        assert events_list.cursor == 0


@pytest.mark.parametrize("size", [NARROW, WIDE])
async def test_search_filters_as_you_type_with_the_same_matching_as_the_cli(
    mini: Timeline, size: tuple[int, int]
) -> None:
    async with browsing(mini, size) as (app, pilot, screen):
        await pilot.press("slash")
        # (Textual moves the focus on its next turn: wait for it, as for everything after a key)
        await settle(pilot, lambda: screen.query_one("#search").has_focus)
        assert app.focused is screen.query_one("#search")
        await pilot.press("b", "a", "d", "r")
        expected = select_events(mini, build_query(mini, texts=["badr"])).events
        wanted = [event.id for event in expected]
        await settle(pilot, lambda: 'search: "badr"' in header(screen) and ids(screen) == wanted)
        assert (
            ids(screen)
            == [event.id for event in expected]
            == [
                "1982-badr-formed",
                "2003-badr-crosses",
            ]
        )
        assert 'search: "badr"' in header(screen)
        await pilot.press("enter")
        await settle(pilot, lambda: screen.query_one(EventList).has_focus)
        assert app.focused is screen.query_one(EventList)
        await pilot.press("j")  # the next key belongs to the list, not the search
        await settle(pilot, lambda: screen.query_one(EventList).cursor == 1)
        assert screen.query_one(EventList).cursor == 1


async def test_a_search_overtaken_by_a_newer_one_is_not_shown(mini: Timeline) -> None:
    # results come back from a thread: one still on its way when the next search starts (or
    # another filter is chosen) must not replace what is newer
    async with browsing(mini) as (_, pilot, screen):
        older = build_query(mini, texts=["badr"])
        newer = build_query(mini, texts=["sanctions"])
        screen._searching = newer
        screen._show_found(select_events(mini, older), Counter())
        await pilot.pause()
        assert len(ids(screen)) == 10
        screen._show_found(select_events(mini, newer), Counter())
        await pilot.pause()
        assert ids(screen) == ["2007-sanctions"]
        screen._searching = older
        await pilot.press("s")  # a status chosen since: that search's result is stale
        screen._show_found(select_events(mini, older), Counter())
        await pilot.pause()
        assert "status: documented" in header(screen) and "badr" not in header(screen)
        assert ids(screen) == ["2007-sanctions"]


async def test_typing_on_narrows_only_the_search_on_screen(mini: Timeline) -> None:
    # "bax" finds nothing and is shown; "ba" is asked for but not back yet when "bad" is: "bad"
    # must not be looked for among "bax"'s (empty) results
    async with browsing(mini) as (_, pilot, screen):
        screen._search("bax")
        await settle(pilot, lambda: 'search: "bax"' in header(screen))
        assert ids(screen) == []
        screen._search("ba")
        screen._search("bad")
        wanted = [e.id for e in select_events(mini, build_query(mini, texts=["bad"])).events]
        await settle(pilot, lambda: 'search: "bad"' in header(screen))
        assert ids(screen) == wanted and len(wanted) == 2


async def test_a_late_result_while_the_app_closes_is_not_an_error(mini: Timeline) -> None:
    # the related events and the search come back from threads: one that lands while the
    # widgets are being taken down must be dropped, not raise (a traceback on quitting)
    async with browsing(mini, WIDE) as (_, pilot, screen):
        pane = screen.query_one(DetailPane)
        await pane.query_one("#detail-body").remove()
        pane.show_event(mini.events[0])  # no body to show it in: nothing happens
        await screen.query_one(EventList).remove()
        screen._show_related(mini.events[0], ())
        query = build_query(mini, texts=["badr"])
        screen._searching = query
        screen._show_found(select_events(mini, query), Counter())
        await pilot.pause()


async def test_escape_in_the_search_clears_it(mini: Timeline) -> None:
    async with browsing(mini) as (_, pilot, screen):
        await pilot.press("slash", "h", "e", "r", "a", "t")
        await settle(pilot, lambda: ids(screen) == ["2001-late-cooperation"])
        assert ids(screen) == ["2001-late-cooperation"]
        await pilot.press("escape")
        await settle(pilot, lambda: len(ids(screen)) == 10)
        assert len(ids(screen)) == 10


async def test_enter_opens_the_detail_full_screen_when_narrow_and_escape_closes_it(
    mini: Timeline,
) -> None:
    async with browsing(mini, NARROW) as (app, pilot, _):
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.event.id == "1982-badr-formed"
        await pilot.press("escape")
        assert isinstance(app.screen, BrowseScreen)


async def test_enter_focuses_the_detail_pane_when_wide_and_escape_returns(
    mini: Timeline,
) -> None:
    async with browsing(mini, WIDE) as (app, pilot, screen):
        await pilot.press("enter")
        await settle(pilot, lambda: screen.query_one(DetailPane).has_focus)
        assert app.focused is screen.query_one(DetailPane)
        await pilot.press("escape")
        await settle(pilot, lambda: screen.query_one(EventList).has_focus)
        assert screen.query_one(EventList).has_focus


@pytest.mark.parametrize("size", [NARROW, WIDE])
async def test_the_actor_picker_finds_by_name_id_alias_or_letters(
    mini: Timeline, size: tuple[int, int]
) -> None:
    async with browsing(mini, size) as (app, pilot, screen):
        await pilot.press("a")
        assert isinstance(app.screen, PickerScreen)
        await pilot.press(*"pasdaran")
        assert [choice.key for choice in app.screen.shown] == ["irgc"]
        await pilot.press("enter")
        await pilot.pause()
        # the IRGC with the Quds Force, a part of it, as --actor does
        assert ids(screen) == ["1982-badr-formed", "2007-karbala-raid", "2007-sanctions"]
        assert "actor: Islamic Revolutionary Guard Corps (with Quds Force)" in header(screen)


async def test_the_actor_picker_ranks_whole_words_before_scattered_letters(
    mini: Timeline,
) -> None:
    async with browsing(mini) as (app, pilot, _):
        await pilot.press("a", "h", "e", "z")
        assert isinstance(app.screen, PickerScreen)
        keys = [choice.key for choice in app.screen.shown]
        assert keys[:2] == ["kataib-hezbollah", "hezbollah"] or keys[:2] == [
            "hezbollah",
            "kataib-hezbollah",
        ]
        await pilot.press("escape")
        assert isinstance(app.screen, BrowseScreen)


async def test_the_tag_picker(mini: Timeline) -> None:
    async with browsing(mini) as (_, pilot, screen):
        await pilot.press("t", *"sanct", "enter")
        await pilot.pause()
        assert ids(screen) == ["2007-sanctions"]


@pytest.mark.parametrize("size", [NARROW, WIDE])
async def test_s_cycles_the_status_and_c_clears_every_filter(
    mini: Timeline, size: tuple[int, int]
) -> None:
    async with browsing(mini, size, actors=["Quds Force"]) as (_, pilot, screen):
        await pilot.press("s")  # documented: the Quds Force's part in the raid is alleged
        assert ids(screen) == [] and "their part: documented" in header(screen)
        await pilot.press("s", "s")  # reported, then alleged
        assert ids(screen) == ["2007-karbala-raid"]
        await pilot.press("s", "s")  # disputed, then any
        assert ids(screen) == ["2007-karbala-raid"]
        await pilot.press("slash", "z", "enter", "c")
        await settle(pilot, lambda: len(ids(screen)) == 10)
        assert len(ids(screen)) == 10 and header(screen).startswith("10 of 10 events   ")
        assert screen.query_one("#search", Input).value == ""


@pytest.mark.parametrize("size", [NARROW, WIDE])
async def test_y_jumps_to_a_year_and_brackets_step_between_years(
    mini: Timeline, size: tuple[int, int]
) -> None:
    async with browsing(mini, size) as (app, pilot, screen):
        events_list = screen.query_one(EventList)
        await pilot.press("y")
        assert isinstance(app.screen, YearScreen)
        for keys, wanted in [
            (("2", "0", "0", "3", "enter"), "2003-badr-crosses"),
            (("right_square_bracket",), "2007-karbala-raid"),
            (("right_square_bracket",), "2008-hezbollah-training"),
            (("left_square_bracket", "left_square_bracket"), "2003-badr-crosses"),
        ]:
            await pilot.press(*keys)
            await settle(pilot, lambda w=wanted: current_id(events_list) == w)  # type: ignore[misc]
            assert current_id(events_list) == wanted


async def test_o_opens_the_first_source_and_capital_o_lets_you_choose(
    mini: Timeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "get", lambda: webbrowser.BackgroundBrowser("true"))
    async with browsing(mini) as (app, pilot, _):
        monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
        await pilot.press("o")
        assert opened == ["https://en.wikipedia.org/wiki/Iran%E2%80%93Iraq_War"]
        await pilot.press("G", "k", "k", "k", "k", "k")  # the Karbala raid
        await pilot.press("O")
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("enter")
        assert opened[-1] == "https://example.org/karbala"


async def test_without_a_browser_o_shows_the_address(
    mini: Timeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    def no_browser() -> webbrowser.BaseBrowser:
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "get", no_browser)
    said: list[str] = []
    async with browsing(mini) as (app, pilot, _):
        monkeypatch.setattr(app, "notify", lambda message, **_: said.append(message))
        await pilot.press("o")
    assert said == [
        "No web browser found. The address: https://en.wikipedia.org/wiki/Iran%E2%80%93Iraq_War"
    ]


async def test_a_browser_in_the_terminal_gets_the_terminal_while_it_runs(
    mini: Timeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    ran: list[str] = []

    class Lynx(webbrowser.GenericBrowser):
        def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
            ran.append(url)
            return True

    lynx = Lynx("lynx")
    monkeypatch.setattr(webbrowser, "get", lambda: lynx)
    monkeypatch.setattr(webbrowser, "GenericBrowser", Lynx)  # so it counts as a console one
    async with browsing(mini) as (app, pilot, _):
        suspended: list[bool] = []
        from contextlib import contextmanager

        @contextmanager
        def suspend():  # type: ignore[no-untyped-def]
            suspended.append(True)
            yield

        monkeypatch.setattr(app, "suspend", suspend)
        await pilot.press("o")
    assert ran == ["https://en.wikipedia.org/wiki/Iran%E2%80%93Iraq_War"] and suspended == [True]


async def test_help_lists_the_keys(mini: Timeline) -> None:
    async with browsing(mini) as (app, pilot, _):
        await pilot.press("question_mark")
        from iwtimeline.tui.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize("size", [NARROW, WIDE])
@pytest.mark.parametrize("key", ["q", "ctrl+c"])
async def test_q_and_ctrl_c_quit_with_exit_code_0(
    mini: Timeline, key: str, size: tuple[int, int]
) -> None:
    async with browsing(mini, size) as (app, pilot, _):
        await pilot.press(key)
    assert app.return_code == 0 and app.return_value is None


# --- pick mode -----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [NARROW, WIDE])
async def test_pick_mode_returns_the_marked_ids_in_date_order(
    mini: Timeline, size: tuple[int, int]
) -> None:
    async with browsing(mini, size, pick=True) as (app, pilot, screen):
        await pilot.press("j", "j", "space", "k", "k", "space")
        assert "2 marked" in header(screen)
        lines = shown_lines(screen)
        assert lines[0].startswith("›● 22 Sep 1980")  # the cursor's, marked
        assert lines[1].startswith("   c. 1982") and lines[2].startswith(" ● late 2001")
        await pilot.press("enter")
    assert app.return_code == 0
    assert app.return_value == ["1980-war", "2001-late-cooperation"]


async def test_the_footer_says_what_enter_and_escape_do_in_pick_mode(mini: Timeline) -> None:
    from textual.widgets import Footer

    async with browsing(mini, pick=True) as (_, pilot, screen):
        await pilot.pause()
        shown = {b.description for _, b, enabled, _ in screen.active_bindings.values() if enabled}
        assert {"Choose", "Mark", "Cancel"} <= shown and "Read" not in shown
        assert screen.query_one(Footer) is not None
    async with browsing(mini) as (_, _, screen):
        shown = {b.description for _, b, enabled, _ in screen.active_bindings.values() if enabled}
        assert "Read" in shown and not {"Choose", "Mark", "Cancel"} & shown


async def test_pick_mode_enter_alone_takes_the_current_event(mini: Timeline) -> None:
    async with browsing(mini, pick=True) as (app, pilot, _):
        await pilot.press("j", "enter")
    assert app.return_value == ["1982-badr-formed"]


@pytest.mark.parametrize("key", ["escape", "q"])
async def test_pick_mode_escape_or_q_chooses_nothing_and_exits_1(mini: Timeline, key: str) -> None:
    async with browsing(mini, pick=True) as (app, pilot, _):
        await pilot.press("space", key)
    assert app.return_code == 1 and app.return_value is None


# --- hostile text, empty selections, big files ---------------------------------------------


async def test_markup_and_bidi_characters_are_shown_literally_and_escaped(tmp_path: Path) -> None:
    hostile = (DATA / "hostile.yaml").read_text(encoding="utf-8")
    marked = hostile.replace('title: "Title \u202ereversed"', 'title: "[bold red]Title[/] \u202e"')
    path = tmp_path / "marked.yaml"
    path.write_text(marked, encoding="utf-8")
    timeline = load_timeline(path)
    async with browsing(timeline, WIDE) as (app, pilot, screen):
        await settle(pilot, lambda: screen.query_one(DetailPane).event is not None)
        line = shown_lines(screen)[0]
        assert "[bold red]Title[/] <U+202E>" in line
        # the whole screen (list, header, detail pane) as the terminal would show it
        svg = app.export_screenshot()
        text = html.unescape("".join(re.findall(r">([^<]*)</text>", svg))).replace("\xa0", " ")
        assert "\u202e" not in text and "\u2066" not in text and "\u200b" not in text
        assert "[bold red]Title[/] <U+202E>" in text  # list and detail
        assert "Summary <U+2066>isolated<U+2069> and <U+200B>spaced." in text  # the detail pane


async def test_an_empty_selection_says_so(mini: Timeline) -> None:
    async with browsing(mini, WIDE, years=[1990]) as (_, pilot, screen):
        await pilot.pause(0.3)
        assert ids(screen) == [] and header(screen).startswith("0 of 10 events · year: 1990")
        assert screen.query_one(DetailPane).event is None
        assert screen.query_one(EventList).render_line(0).text.startswith(" No events match")
        await pilot.press("j", "enter", "G", "right_square_bracket", "o")  # nothing breaks
        await pilot.press("c")
        assert len(ids(screen)) == 10


def generated(count: int, folder: Path) -> Path:
    spec = importlib.util.spec_from_file_location(
        "generate", Path(__file__).parents[1] / "bench" / "generate.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = folder / f"{count}.yaml"
    path.write_text(module.generate(count), encoding="utf-8")
    return path


async def test_the_browser_builds_only_the_events_it_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from iwtimeline.cache import open_timeline
    from iwtimeline.model import LazyEvents

    monkeypatch.setenv("IWTIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    path = generated(5_000, tmp_path)
    open_timeline(path)
    timeline = open_timeline(path)  # from the cache: no event built yet
    events = timeline.events
    assert isinstance(events, LazyEvents)
    async with browsing(timeline, NARROW) as (_, pilot, screen):
        assert header(screen).startswith("5000 of 5000 events")
        # the first 2,000 (whose dates set the date column's width), not all 5,000
        assert events._events is None and len(events._some) <= 2_000
        await pilot.press("G")  # the last event: built when it is shown
        assert screen.query_one(EventList).cursor == 4_999 and 4_999 in events._some
        assert events._events is None


async def test_a_10k_event_file_opens_searches_and_moves(tmp_path: Path) -> None:
    timeline = load_timeline(generated(10_000, tmp_path))
    async with browsing(timeline, WIDE) as (_, pilot, screen):
        assert header(screen).startswith("10000 of 10000 events")
        await pilot.press("G")
        assert screen.query_one(EventList).cursor == 9999
        await pilot.press("slash", "r", "a", "i", "d")
        expected = select_events(timeline, build_query(timeline, texts=["raid"])).events
        await settle(pilot, lambda: ids(screen) == [event.id for event in expected])
        assert ids(screen) == [event.id for event in expected] and 0 < len(expected) < 10_000


# --- the command, on a real terminal -----------------------------------------------------------


def run_on_terminal(args: list[str], keys: bytes, env: dict[str, str]) -> tuple[int, bytes, str]:
    """Start iwtimeline on an 80x24 pseudo-terminal, type `keys` once it has drawn its header."""
    import fcntl
    import pty
    import struct
    import termios

    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    full_env = {**os.environ, "TERM": "xterm-256color", **env}
    full_env.pop("COLUMNS", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "iwtimeline", "--file", str(MINI), *args],
        stdin=terminal,
        stdout=subprocess.PIPE,
        stderr=terminal,
        env=full_env,
    )
    os.close(terminal)
    screen = b""
    deadline = time.monotonic() + 30
    while b"of 10 events" not in screen and time.monotonic() < deadline:
        if select.select([controller], [], [], 1)[0]:
            screen += os.read(controller, 1 << 16)
    os.write(controller, keys)
    while time.monotonic() < deadline:
        if not select.select([controller], [], [], 0.5)[0]:
            if process.poll() is not None:
                break
            continue
        try:
            screen += os.read(controller, 1 << 16)
        except OSError:
            break
    assert process.stdout is not None
    out = process.stdout.read().decode()
    code = process.wait(timeout=10)
    os.close(controller)
    return code, screen, out


COLOUR = re.compile(rb"\x1b\[([\d;]*)m")


def colour_codes(stream: bytes) -> set[int]:
    found = set()
    for match in COLOUR.finditer(stream):
        for code in (int(c) for c in match.group(1).split(b";") if c):
            if 30 <= code <= 38 or 40 <= code <= 48 or 90 <= code <= 107:
                found.add(code)
    return found


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_pick_mode_prints_the_chosen_ids_on_stdout_for_command_substitution() -> None:
    code, _, out = run_on_terminal(["browse", "--pick", "--actor", "Badr"], b" j \r", {})
    assert code == 0 and out == "1982-badr-formed\n2003-badr-crosses\n"


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_quitting_exits_0_and_restores_the_terminal() -> None:
    code, screen, out = run_on_terminal(["browse"], b"q", {})
    assert (code, out) == (0, "")
    assert b"\x1b[?1049l" in screen  # back from the alternate screen


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_under_no_color_no_colour_code_reaches_the_terminal() -> None:
    _, screen, _ = run_on_terminal(["browse"], b"jjq", {"NO_COLOR": "1"})
    assert b"of 10 events" in screen and colour_codes(screen) == set()
    _, coloured, _ = run_on_terminal(["browse"], b"jjq", {})
    assert colour_codes(coloured)  # the check can fail: with colour, codes are there


# --- the command's checks before the app starts --------------------------------------------------


def test_without_a_terminal_browse_is_a_clear_usage_error() -> None:
    from typer.testing import CliRunner

    from iwtimeline.cli import app

    result = CliRunner().invoke(app, ["--file", str(MINI), "browse"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "Error: browse needs a terminal: run it in one, not in a pipe\n"


def test_a_terminal_under_60x16_is_a_clear_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from iwtimeline import cli

    monkeypatch.setattr(cli, "_terminal_size", lambda: os.terminal_size((59, 30)))
    result = CliRunner().invoke(cli.app, ["--file", str(MINI), "browse"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: browse needs a terminal of at least 60x16; this one is 59x30\n"
    )


@pytest.mark.parametrize(
    "args", [["list", "--json"], ["list"], ["show", "1980-war"], ["actors"], ["tree"]]
)
def test_no_other_command_imports_textual(args: list[str]) -> None:
    script = (
        "import sys\n"
        "from iwtimeline.cli import app\n"
        "try:\n"
        f"    app(['--file', {str(MINI)!r}, *{args!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout and done.stderr.strip() == "[]"
