"""The cycle collector's policy: run less often for the whole process, paused while building."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from iwtimeline import collector
from iwtimeline.cache import open_timeline
from iwtimeline.collector import collect_less_often, gc_paused
from iwtimeline.errors import DataFileInvalid
from iwtimeline.model import Event, LazyEvents
from iwtimeline.store import EventMaker
from iwtimeline.yamlnodes import compose

from .conftest import MINI


@pytest.fixture
def gc_enabled() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


@pytest.mark.usefixtures("gc_enabled")
def test_the_collector_is_paused_while_composing_and_resumed_after() -> None:
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():  # nested: the inner pause must not resume it early
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(DataFileInvalid):
        compose("[")
    assert gc.isenabled()


def test_a_pause_leaves_a_disabled_collector_disabled() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


def test_the_process_collects_its_young_generation_less_often() -> None:
    saved = gc.get_threshold()
    try:
        gc.set_threshold(700, 7, 9)
        collect_less_often()
        assert gc.get_threshold() == (collector.YOUNG, 7, 9)
    finally:
        gc.set_threshold(*saved)


@pytest.mark.usefixtures("gc_enabled")
def test_events_are_built_from_the_cache_with_the_collector_paused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IWTIMELINE_CACHE_DIR", str(tmp_path))
    open_timeline(MINI)  # parsed, and kept
    events = open_timeline(MINI).events  # from the cache: not built yet
    assert isinstance(events, LazyEvents)
    seen: list[bool] = []
    make = EventMaker.__call__

    def watched(maker: EventMaker, plain: Any) -> Event:
        seen.append(gc.isenabled())
        return make(maker, plain)

    monkeypatch.setattr(EventMaker, "__call__", watched)
    assert len(events.loaded) == 10
    assert len(seen) == 10 and not any(seen)  # paused while each event was made
    assert gc.isenabled()  # and running again after


def test_only_a_large_build_is_set_aside(monkeypatch: pytest.MonkeyPatch) -> None:
    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    collector.set_aside(collector.SET_ASIDE_FROM - 1)
    assert frozen == []  # a small build: the collector may still free its cycles
    collector.set_aside(collector.SET_ASIDE_FROM)
    assert frozen == [True]
