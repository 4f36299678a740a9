"""The fuzzing harness at full size: 10,000 broken or generated data files or more.

    python bench/fuzz.py                 # 10,000 cases through the loader, 1 in 10 also the CLI
    python bench/fuzz.py --cases 50000 --cli-every 5

Each case is a real data file broken as files get broken, or a document generated from our
field names (tests/fuzzing.py says how, and what each case must satisfy). A case that raises
anything but the loader's own errors, that reads differently in batches than whole, or that
makes the CLI print a traceback or an undocumented exit code stops the run, and hypothesis
prints the smallest input it can find that does so. Time per case and the process's peak
memory are reported and bounded. tests/test_fuzz.py runs a sample of the same in the suite.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parents[1]))

from tests.fuzzing import check_cli, check_loader, documents

MAX_SECONDS_A_CASE = 5.0
MAX_PEAK_MB = 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--cli-every", type=int, default=10, help="run the CLI on 1 case in N")
    arguments = parser.parse_args()
    seen: Counter[str] = Counter()
    slowest = 0.0
    runner = CliRunner()
    folder = Path(tempfile.mkdtemp(prefix="iwtimeline-fuzz-"))

    @settings(
        max_examples=arguments.cases,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(documents)
    def case(data: bytes) -> None:
        nonlocal slowest
        started = time.perf_counter()
        seen[check_loader(data)] += 1
        if (seen["valid"] + seen["invalid"]) % arguments.cli_every == 0:
            check_cli(data, folder, runner)
            seen["through the CLI"] += 1
        elapsed = time.perf_counter() - started
        slowest = max(slowest, elapsed)
        assert elapsed <= MAX_SECONDS_A_CASE, f"a case took {elapsed:.1f} s"

    started = time.perf_counter()
    case()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    total = seen["valid"] + seen["invalid"]
    print(
        f"{total} cases in {time.perf_counter() - started:.0f} s: {seen['valid']} valid, "
        f"{seen['invalid']} invalid (each with its problems), {seen['through the CLI']} also "
        f"through the CLI; 0 tracebacks. Slowest case {slowest * 1000:.0f} ms; "
        f"peak memory {peak:.0f} MB."
    )
    assert peak <= MAX_PEAK_MB, f"peak memory {peak:.0f} MB"


if __name__ == "__main__":
    main()
