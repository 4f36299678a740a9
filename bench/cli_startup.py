"""Wall time of everyday iwtimeline commands on the bundled data, run as a user would.

    python bench/cli_startup.py --runs 20

Needs iwtimeline installed in the running Python's environment.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

COMMANDS = [
    ["--version"],
    ["list", "--json"],
    ["list", "--actor", "Badr", "--json"],
    ["list"],
    ["range", "2003", "2007"],
    ["tree"],
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    for command in COMMANDS:
        argv = [sys.executable, "-m", "iwtimeline", *command]
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)  # warm caches
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
        print(
            f"iwtimeline {' '.join(command):<36} best {min(times):.3f} s, "
            f"median {statistics.median(times):.3f} s"
        )


if __name__ == "__main__":
    main()
