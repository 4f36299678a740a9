"""The browser's speed: time to the first screen, and the cost of a keystroke in the search.

    python bench/browse.py                 # the bundled data, 1k and 10k generated events
    python bench/browse.py --sizes 100000  # and 100k (loading it takes a while)

Time to first screen is whole-process: `iwtimeline browse` starts on a pseudo-terminal of 100x30
and the clock stops when its header ("N of M events") reaches the terminal. `list --json` on
the same file is timed beside it, since the goal is at most 3x its time. A keystroke's cost is
measured inside the app (Textual's test pilot): the time from a letter typed into the search
until the list holds the new selection, without the 30 ms pause the search waits for typing to
stop.

Needs iwtimeline installed in the running Python's environment.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate


def first_screen(path: Path | None, events: int) -> float:
    """Seconds from start until the header of `iwtimeline browse` reaches the terminal."""
    import fcntl
    import pty
    import struct
    import termios

    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    args = [sys.executable, "-m", "iwtimeline"]
    args += ["--file", str(path)] if path else []
    env = {**os.environ, "TERM": "xterm-256color"}
    start = time.perf_counter()
    process = subprocess.Popen(
        [*args, "browse"], stdin=terminal, stdout=terminal, stderr=terminal, env=env
    )
    os.close(terminal)
    wanted = f"of {events} events".encode()
    seen = b""
    elapsed = float("nan")
    while time.perf_counter() - start < 120:
        ready, _, _ = select.select([controller], [], [], 1)
        if ready:
            seen += os.read(controller, 1 << 16)
            if wanted in seen:
                elapsed = time.perf_counter() - start
                break
    os.write(controller, b"q")
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    os.close(controller)
    return elapsed


def list_json(path: Path | None) -> float:
    args = [sys.executable, "-m", "iwtimeline"] + (["--file", str(path)] if path else [])
    start = time.perf_counter()
    subprocess.run([*args, "list", "--json"], stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


async def keystrokes(path: Path | None) -> list[float]:
    """Seconds from each letter typed into the search until the list shows the new selection,
    less the pause the search waits for typing to stop."""
    from iwtimeline.load import load_timeline
    from iwtimeline.query import build_query
    from iwtimeline.tui.app import BrowseApp
    from iwtimeline.tui.browse_screen import SEARCH_DELAY, BrowseScreen

    timeline = load_timeline(path)
    app = BrowseApp(timeline, build_query(timeline))
    costs: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        show = screen.show
        shown: list[float] = []

        def timed(selection: object, years: object) -> None:
            show(selection, years)  # type: ignore[arg-type]
            shown.append(time.perf_counter())

        screen.show = timed  # type: ignore[method-assign]
        # the app folds every event's text in the background at start; a reader reads the
        # first screen meanwhile, so the measure starts once that is done
        await app.workers.wait_for_complete()
        for word in ("shell", "iran", "raid"):
            await pilot.press("slash")
            for letter in word:
                before = len(shown)
                pressed = time.perf_counter()
                await pilot.press(letter)
                while len(shown) == before and time.perf_counter() - pressed < 30:
                    await pilot.pause(0.002)
                costs.append(shown[-1] - pressed - SEARCH_DELAY)
            await pilot.press("escape")
            await pilot.pause(0.2)
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        cases: list[tuple[str, Path | None, int]] = [("bundled", None, 0)]
        for size in args.sizes:
            path = Path(folder) / f"{size}.yaml"
            path.write_text(generate(size), encoding="utf-8")
            cases.append((f"{size:,} events", path, size))
        for name, data, size in cases:
            if data is None:
                from iwtimeline.load import load_timeline

                size = len(load_timeline().events)
            screens = [first_screen(data, size) for _ in range(args.runs)]
            lists = [list_json(data) for _ in range(args.runs)]
            costs = asyncio.run(keystrokes(data))
            ratio = statistics.median(screens) / statistics.median(lists)
            print(
                f"{name:>16}: first screen {statistics.median(screens):.3f} s "
                f"(list --json {statistics.median(lists):.3f} s, {ratio:.1f}x); "
                f"keystroke median {statistics.median(costs) * 1000:.0f} ms, "
                f"max {max(costs) * 1000:.0f} ms"
            )


if __name__ == "__main__":
    main()
