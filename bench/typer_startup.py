"""Start-up time of a one-command typer app on typer 0.28 and 0.29 (why pyproject pins <0.29).

Creates a throw-away virtual environment per typer version (needs the package index), then runs
the same tiny app N times in each and reports the best and median wall time.

    python bench/typer_startup.py            # default: 0.28.0 vs 0.29.1, 15 runs each
    python bench/typer_startup.py 0.28.0 0.29.2 --runs 30
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

APP = """\
import typer
app = typer.Typer()
@app.command()
def hello(name: str = "x") -> None:
    print(name)
app()
"""


def time_runs(python: Path, script: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([python, script], check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("versions", nargs="*", default=["0.28.0", "0.29.1"])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "app.py"
        script.write_text(APP)
        for version in args.versions:
            env_dir = Path(tmp) / f"typer-{version}"
            venv.create(env_dir, with_pip=True)
            python = env_dir / "bin" / "python"
            subprocess.run([python, "-m", "pip", "install", "-q", f"typer=={version}"], check=True)
            time_runs(python, script, 2)  # warm the bytecode cache
            times = time_runs(python, script, args.runs)
            print(
                f"typer {version}: best {min(times):.3f} s, median "
                f"{statistics.median(times):.3f} s over {args.runs} runs "
                f"(Python {sys.version.split()[0]})"
            )


if __name__ == "__main__":
    main()
