"""Loading cost against file size: it should grow linearly with the number of events.

python bench/load_scale.py            # 500, 2,000, 8,000 and 32,000 synthetic events
"""

from __future__ import annotations

import time

from iwtimeline.load import parse_timeline

HEADER = """\
title: Synthetic
actors:
  - {id: iran, name: Iran, kind: state, aliases: [Persia]}
  - {id: badr, name: Badr Organization, kind: militia, aliases: [Badr Corps]}
events:
"""

EVENT = """\
  - id: event-{n}
    date: {year}-{month:02d}-{day:02d}
    title: Synthetic event number {n}
    summary: >-
      A synthetic event used to measure how loading time grows with the size of the file.
    actors: [iran, badr]
    places: [Baghdad]
    tags: [synthetic]
    status: reported
    sources:
      - {{title: A source, publisher: Somewhere, url: "https://example.org/{n}", date: 2007}}
"""


def synthetic(count: int) -> str:
    events = (
        EVENT.format(n=n, year=1980 + n % 29, month=n % 12 + 1, day=n % 28 + 1)
        for n in range(count)
    )
    return HEADER + "".join(events)


def main() -> None:
    for count in (500, 2_000, 8_000, 32_000):
        text = synthetic(count)
        start = time.perf_counter()
        timeline = parse_timeline(text)
        elapsed = time.perf_counter() - start
        assert len(timeline.events) == count
        print(f"{count:>6} events: {elapsed:.3f} s ({elapsed / count * 1e6:.0f} µs per event)")


if __name__ == "__main__":
    main()
