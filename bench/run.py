"""The benchmark runner: start-up against Python and jrnl, and cost against size, in one run.

    python bench/run.py                      # everything (about ten minutes)
    python bench/run.py --skip-scale         # start-up only (a minute)
    python bench/run.py --sizes 1000 10000   # smaller files only

Run it with the Python of an environment where iwtimeline is installed (`pip install .`): the
`iwtimeline` script next to that Python is what is timed, as a user would run it. jrnl, a
popular Python command-line journal, is the reference for "a Python CLI that starts fast":
give its path with `--jrnl`, or have it on PATH (`pipx install jrnl`); without it the jrnl
ratios are left out.

Start-up: each command is run whole, its output to /dev/null, in turn (A B C A B C ...) so that
a machine growing slower or faster affects all alike; the cache is warmed first. Ratios are the
medians of the per-round ratios. Scale: for each size a deterministic file (bench/generate.py)
is parsed by bare PyYAML (`yaml.load` with the C loader: the least any YAML tool can do), read
by iwtimeline with an empty cache (first run), and read again (second run); wall time and the
peak resident memory of each process, from the operating system's accounting (wait4).

Goals (issue 9) are printed beside each figure; they live here, not in the tests.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
BARE_PARSE = "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"


@dataclass
class Timing:
    seconds: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)  # KiB

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak(self) -> int:
        return max(self.peaks)


def run_once(command: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall time and peak resident memory (KiB) of one whole process, output discarded."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env or os.environ.copy()
    )
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({process.returncode}): {errors.decode()[-500:]}")
    return elapsed, usage.ru_maxrss  # KiB on Linux


def interleaved(
    commands: dict[str, Sequence[str]], runs: int, env: dict[str, str]
) -> dict[str, Timing]:
    timings = {name: Timing() for name in commands}
    for command in commands.values():  # one warm-up each: caches, page cache
        run_once(command, env)
    for _ in range(runs):
        for name, command in commands.items():
            seconds, peak = run_once(command, env)
            timings[name].seconds.append(seconds)
            timings[name].peaks.append(peak)
    return timings


def ratio(timings: dict[str, Timing], one: str, other: str) -> float:
    pairs = zip(timings[one].seconds, timings[other].seconds, strict=True)
    return statistics.median(a / b for a, b in pairs)


def verdict(value: float, goal: float, at_most: bool = True) -> str:
    held = value <= goal if at_most else value >= goal
    sign = "<=" if at_most else ">="
    return f"goal {sign} {goal:g}: {'held' if held else 'MISSED'}"


# --- start-up ------------------------------------------------------------------------------------

STARTUP_GOALS = {  # command: (at most this times `python -c pass`, at most this times jrnl)
    "list --actor Badr --json": (7, 0.6),
    "range 2003 2007": (10, 0.8),
    "--version": (3, None),
}


def startup(runs: int, jrnl: str | None) -> None:
    python = sys.executable
    script = str(Path(python).with_name("iwtimeline"))
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    env.pop("IWTIMELINE_CACHE_DIR", None)  # the user's cache, as a user would have it
    commands: dict[str, Sequence[str]] = {"python -c pass": [python, "-c", "pass"]}
    if jrnl:
        commands["jrnl --version"] = [jrnl, "--version"]
    for words in STARTUP_GOALS:
        commands[words] = [script, *words.split()]
    timings = interleaved(commands, runs, env)
    print(f"## Start-up ({runs} interleaved runs, bundled data, cache warm, NO_COLOR, 120 columns)")
    print()
    print("| command | median | x `python -c pass` | x `jrnl --version` |")
    print("| --- | --- | --- | --- |")
    for name, timing in timings.items():
        cells = [f"`{name}`", f"{timing.median * 1000:.1f} ms"]
        if name in STARTUP_GOALS:
            vs_python, vs_jrnl = STARTUP_GOALS[name]
            value = ratio(timings, name, "python -c pass")
            cells.append(f"{value:.1f} ({verdict(value, vs_python)})")
            if jrnl and vs_jrnl is not None:
                value = ratio(timings, name, "jrnl --version")
                cells.append(f"{value:.2f} ({verdict(value, vs_jrnl)})")
            else:
                cells.append("")
        else:
            cells += ["", ""]
        print("| " + " | ".join(cells) + " |")
    print()


# --- cost against size ---------------------------------------------------------------------------


def scale(sizes: Sequence[int], runs: int) -> None:
    python = sys.executable
    script = str(Path(python).with_name("iwtimeline"))
    print(f"## Cost against size ({runs} interleaved runs each; `list --json` to /dev/null)")
    print()
    print("| events | file | bare parse | first run | second run | first / bare | second faster |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory(prefix="iwtimeline-bench-") as folder:
        for size in sizes:
            data = Path(folder) / f"{size}.yaml"
            with data.open("w", encoding="utf-8") as out:
                subprocess.run(
                    [python, str(HERE / "generate.py"), str(size)], stdout=out, check=True
                )
            timings = _scale_runs(python, script, data, Path(folder) / "cache", runs)
            bare, first, second = timings["bare"], timings["first"], timings["second"]
            megabytes = data.stat().st_size / 1e6
            print(
                f"| {size:,} | {megabytes:.0f} MB | {_cell(bare)} | {_cell(first)} "
                f"| {_cell(second)} | {first.median / bare.median:.2f} time, "
                f"{first.peak / bare.peak:.2f} memory | {first.median / second.median:.0f}x |"
            )
            if size >= 100_000:
                goals = [
                    ("first run / bare parse, time", first.median / bare.median, 1.1, True),
                    ("first run / bare parse, peak memory", first.peak / bare.peak, 0.5, True),
                    ("second run faster than the first", first.median / second.median, 20, False),
                    ("second run peak memory, MB", second.peak / 1024, 400, True),
                ]
                for what, value, goal, at_most in goals:
                    print(f"|  | {what}: {value:.2f} ({verdict(value, goal, at_most)}) |||||")
            data.unlink()
    print()


def _scale_runs(python: str, script: str, data: Path, cache: Path, runs: int) -> dict[str, Timing]:
    timings = {"bare": Timing(), "first": Timing(), "second": Timing()}
    env = {**os.environ, "IWTIMELINE_CACHE_DIR": str(cache)}
    listing = [script, "--file", str(data), "list", "--json"]
    for _ in range(runs):
        seconds, peak = run_once([python, "-c", BARE_PARSE, str(data)])
        timings["bare"].seconds.append(seconds)
        timings["bare"].peaks.append(peak)
        shutil.rmtree(cache, ignore_errors=True)
        for which in ("first", "second"):
            seconds, peak = run_once(listing, env)
            timings[which].seconds.append(seconds)
            timings[which].peaks.append(peak)
    return timings


def _cell(timing: Timing) -> str:
    return f"{timing.median:.2f} s, {timing.peak / 1024:.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="start-up runs of each command")
    parser.add_argument("--scale-runs", type=int, default=2, help="runs at each size")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--jrnl", help="path of jrnl (default: on PATH)")
    parser.add_argument("--skip-startup", action="store_true")
    parser.add_argument("--skip-scale", action="store_true")
    arguments = parser.parse_args()
    print(f"Python {sys.version.split()[0]} on {os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d')}")
    print()
    if not arguments.skip_startup:
        startup(arguments.runs, arguments.jrnl or shutil.which("jrnl"))
    if not arguments.skip_scale:
        scale(arguments.sizes, arguments.scale_runs)


if __name__ == "__main__":
    main()
