"""The cache: a second run reads what the first stored, and never trusts a file it cannot check."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iwtimeline import cache
from iwtimeline.cache import KINDS, Entry, content_key, open_timeline
from iwtimeline.cli import app
from iwtimeline.errors import DataFileUnreadable
from iwtimeline.load import load_timeline
from iwtimeline.model import LazyEvents
from iwtimeline.paths import bundled_data_path

from .conftest import MINI

runner = CliRunner()

COMMANDS = [
    ["list", "--json"],
    ["list", "--format", "jsonl"],
    ["list", "--actor", "Badr", "--json"],
    ["list", "--search", "badr", "--json"],
    ["range", "2003", "2007"],
    ["show", "2007-kh-efp", "--json"],
    ["tree", "--by", "actor"],
    ["actors", "--json"],
]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("IWTIMELINE_CACHE_DIR", str(where))
    return where


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "events.yaml"
    copy.write_bytes(MINI.read_bytes())
    return copy


def out(data: Path, *args: str) -> bytes:
    result = runner.invoke(app, ["--file", str(data), *args])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def uncached(data: Path, *args: str, monkeypatch: pytest.MonkeyPatch) -> bytes:
    with monkeypatch.context() as patch:
        patch.setenv("IWTIMELINE_CACHE_DIR", "")
        return out(data, *args)


def files(folder: Path) -> dict[str, Path]:
    found = {
        path.suffix[1:]: path
        for path in folder.iterdir()
        if not path.name.startswith(".") and path.suffix != ".stat"  # (notes of file digests)
    }
    assert set(found) == set(KINDS)
    return found


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_first_second_and_uncached_runs_print_the_same_bytes(
    args: list[str], folder: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = uncached(data, *args, monkeypatch=monkeypatch)
    assert not folder.exists()  # the cache off writes nothing
    assert out(data, *args) == expected  # first run: parses, stores
    files(folder)
    assert out(data, *args) == expected  # second run: from the cache


def test_a_second_run_reads_the_cache_not_the_yaml(
    folder: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out(data, "list")

    def no_parsing(*args: object) -> None:
        raise AssertionError("the data file was parsed again")

    monkeypatch.setattr("iwtimeline.load.parse_timeline", no_parsing)
    for args in COMMANDS:
        out(data, *args)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("damage", ["truncated", "a flipped byte", "foreign", "empty", "missing"])
def test_a_damaged_cache_file_is_ignored_and_rebuilt(
    kind: str, damage: str, folder: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = {tuple(a): uncached(data, *a, monkeypatch=monkeypatch) for a in COMMANDS}
    out(data, "list")
    path = files(folder)[kind]
    whole = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(whole[: len(whole) - 7])
    elif damage == "a flipped byte":
        middle = len(whole) // 2 + 20
        path.write_bytes(whole[:middle] + bytes([whole[middle] ^ 0x20]) + whole[middle + 1 :])
    elif damage == "foreign":
        path.write_bytes(os.urandom(len(whole)))
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        path.unlink()
    for args, printed in expected.items():
        assert out(data, *args) == printed, args
    if kind == "index":  # a missing or damaged index: the file is parsed and stored again
        assert path.read_bytes() == whole


def test_a_cache_of_another_version_is_not_read(
    folder: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out(data, "list")
    before = {path.name for path in folder.iterdir() if path.suffix != ".stat"}
    monkeypatch.setattr(cache, "CACHE_FORMAT", cache.CACHE_FORMAT + 1)
    assert out(data, "list", "--json") == uncached(data, "list", "--json", monkeypatch=monkeypatch)
    after = {path.name for path in folder.iterdir() if path.suffix != ".stat"}
    assert len(after) == 2 * len(before)  # stored anew under the new key, the old left to prune


def test_a_file_renamed_to_another_key_is_refused(folder: Path, data: Path) -> None:
    out(data, "list")
    index = files(folder)["index"]
    other = Entry(folder, content_key(b"something else"))
    other.path("index").write_bytes(index.read_bytes())
    assert other.read("index") is None
    assert Entry(folder, content_key(data.read_bytes())).read("index") is not None


def test_an_edited_data_file_is_never_served_stale(folder: Path, data: Path) -> None:
    assert b"Badr Organization" in out(data, "actors", "--json")
    data.write_text(data.read_text().replace("Badr Organization", "Badr Organisation"))
    printed = out(data, "actors", "--json")
    assert b"Badr Organisation" in printed and b"Badr Organization" not in printed


def test_a_file_edited_while_it_is_being_read_is_an_error_not_stale_events(
    folder: Path, data: Path
) -> None:
    out(data, "list")
    files(folder)["events"].unlink()
    timeline = open_timeline(data)  # the index is read ...
    data.write_text(data.read_text().replace("Badr Organization", "Badr Organisation"))
    result = runner.invoke(app, ["--file", str(data), "list"])  # (a separate, consistent run)
    assert result.exit_code == 0
    with pytest.raises(DataFileUnreadable, match="changed while it was being read"):
        list(timeline.events)  # ... and the events, needed later, no longer match it


def test_an_unwritable_cache_only_costs_speed(tmp_path: Path, data: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    env = {"IWTIMELINE_CACHE_DIR": str(blocked / "cache")}
    result = runner.invoke(app, ["--file", str(data), "list", "--json"], env=env)
    assert result.exit_code == 0 and result.stdout.startswith('[{"id":')
    assert result.stderr == ""


def test_two_processes_writing_at_once_leave_a_whole_cache(folder: Path, data: Path) -> None:
    command = [sys.executable, "-m", "iwtimeline", "--file", str(data), "list", "--json"]
    env = {**os.environ, "IWTIMELINE_CACHE_DIR": str(folder)}
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, env=env) for _ in range(4)]
    printed = {run.communicate(timeout=60)[0] for run in runs}
    assert [run.returncode for run in runs] == [0, 0, 0, 0] and len(printed) == 1
    entry = Entry(folder, content_key(data.read_bytes()))
    assert all(entry.read(kind) is not None for kind in KINDS)
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no temporary left


def test_threads_storing_the_same_timeline_at_once(folder: Path, data: Path) -> None:
    timeline = load_timeline(data)
    entry = Entry(folder, content_key(data.read_bytes()))
    threads = [threading.Thread(target=cache.keep, args=(timeline, entry)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [e.id for e in open_timeline(data).events] == [e.id for e in timeline.events]


def test_old_entries_are_pruned(folder: Path, data: Path) -> None:
    for number in range(cache.KEEP + 3):
        data.write_text(MINI.read_text().replace("title: ", f"title: v{number} ", 1))
        out(data, "list")
    assert len(list(folder.glob("*.index"))) == cache.KEEP
    assert len([p for p in folder.iterdir() if p.suffix != ".stat"]) == cache.KEEP * len(KINDS)


def test_the_bundled_file_round_trips_through_the_cache(folder: Path) -> None:
    parsed = load_timeline(bundled_data_path())
    first = open_timeline(bundled_data_path())  # stores
    second = open_timeline(bundled_data_path())  # reads
    assert second.store is not None and not isinstance(second.store, cache.MemoryStore)
    assert tuple(second.events) == tuple(parsed.events) == tuple(first.events)
    assert second.actors == parsed.actors and second.places == parsed.places
    assert second.header == parsed.header and list(second.facts) == list(parsed.facts)


def test_events_read_one_by_one_are_the_same_objects_when_all_are_read(
    folder: Path, data: Path
) -> None:
    open_timeline(data)
    events = open_timeline(data).events
    one = events[2]
    assert events[2] is one and events[-1] is events[len(events) - 1]
    assert list(events)[2] is one  # reading them all keeps the one already built


def counting_digests(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    hashed: list[Path] = []
    digest = cache._file_digest

    def counted(path: Path) -> bytes:
        hashed.append(path)
        return digest(path)

    monkeypatch.setattr(cache, "_file_digest", counted)
    return hashed


def test_an_unchanged_file_is_not_hashed_again(
    folder: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "RACY_NS", 0)  # the file was written just now, by the test
    hashed = counting_digests(monkeypatch)
    first = out(data, "list", "--json")
    assert out(data, "list", "--json") == first
    assert hashed == [data]  # the second run trusted the note of the first


def test_a_rewritten_file_of_the_same_size_and_time_is_hashed_again(
    folder: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "RACY_NS", 0)
    assert b"Badr Organization" in out(data, "actors", "--json")
    before = os.stat(data)
    data.write_text(data.read_text().replace("Badr Organization", "Badr Organizatiom"))
    os.utime(data, ns=(before.st_atime_ns, before.st_mtime_ns))  # the same size and time
    assert os.stat(data).st_size == before.st_size
    assert b"Badr Organizatiom" in out(data, "actors", "--json")  # the change time told


def test_a_note_made_just_after_the_file_changed_is_not_trusted(
    folder: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hashed = counting_digests(monkeypatch)
    out(data, "list")
    out(data, "list")
    assert hashed == [data, data]  # within RACY_NS of a change: hashed every time


def test_a_few_events_are_built_alone_and_most_of_them_all_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IWTIMELINE_CACHE_DIR", str(tmp_path))
    open_timeline(MINI)
    events = open_timeline(MINI).events
    assert isinstance(events, LazyEvents)
    first = events.at([0, 3])
    assert [e.id for e in first] == [events[0].id, events[3].id]
    assert events._events is None  # two of ten: built alone
    every = events.at(range(len(events)))
    assert events._events is not None  # all of them: built at once
    assert every[0] is first[0] and every[3] is first[1]  # the events handed out stay the same


def test_a_screenful_of_a_large_selection_builds_only_what_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from iwtimeline.query import build_query, select

    monkeypatch.setenv("IWTIMELINE_CACHE_DIR", str(tmp_path))
    open_timeline(MINI)
    timeline = open_timeline(MINI)
    events = timeline.events
    assert isinstance(events, LazyEvents)
    shown = select(timeline, build_query(timeline)).each_event
    assert len(shown) == 10 and events._events is None and not events._some
    assert shown[2].id == timeline.facts[2].id
    assert [e.id for e in shown[1:3]] == [f.id for f in timeline.facts[1:3]]
    assert events._events is None and sorted(events._some) == [1, 2]  # only those read
    assert [e.id for e in shown] == [f.id for f in timeline.facts]  # all, when iterated
