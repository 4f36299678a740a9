"""The cycle collector's policy, in one place: how often it runs, and where it is paused.

iwtimeline builds large numbers of small objects that form no cycles (YAML nodes, events,
records); each pass of the collector rescans every container still alive, so collecting
often costs far more than it frees.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# The first generation runs every YOUNG new containers (Python's default is 700). A run
# allocates tens of thousands while importing and reading the cache, almost none in cycles:
# at 700 the passes cost 3 ms of a 54 ms `list --json`. Collecting less often still collects
# (the browser runs for hours).
YOUNG = 100_000


def collect_less_often() -> None:
    """Set for the whole process, first thing (launch)."""
    gc.set_threshold(YOUNG, *gc.get_threshold()[1:])


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the collector while many acyclic objects are built.

    Composing a YAML file, or building 100,000 events from the cache, creates objects the
    collector would keep re-scanning, which makes the work grow faster than the file
    (bench/load_scale.py).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# how many objects built at once make it worth setting them aside
SET_ASIDE_FROM = 10_000


def set_aside(count: int) -> None:
    """Move what is alive out of the collector's sight (gc.freeze) when `count` objects were
    just built that stay for the rest of the run (the events a browser shows): otherwise the
    collector scans them all once it resumes (reading and building 100,000 events: 1.25 s set
    aside, 1.65 s scanned after). Frozen objects are still freed when nothing refers to them;
    only cycles among them would never be collected, which is why small loads (the tests', a
    CLI run's) are left alone.
    """
    if count >= SET_ASIDE_FROM:
        gc.freeze()
