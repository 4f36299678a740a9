"""A deterministic events file of any size, in the real format, for benchmarks and scale tests.

    python bench/generate.py 10000 > /tmp/10k.yaml

The same N and seed always give the same bytes. Events mix every date form the format has
(days, months, years, seasons, parts of a year, approximate and uncertain dates, spans and open
spans), every status (alleged and disputed ones say who claims them, and some actors' parts are
alleged within documented events), summaries of realistic length and one to three sources.
"""

from __future__ import annotations

import argparse
import random
import sys

ACTORS = [
    ("iran", "Iran", "state", ["Islamic Republic of Iran"]),
    ("iraq", "Iraq", "state", ["Republic of Iraq"]),
    ("united-states", "United States", "state", ["USA", "US"]),
    ("irgc", "Islamic Revolutionary Guard Corps", "armed-force", ["IRGC", "Pasdaran"]),
    ("quds-force", "Quds Force", "armed-force", ["Qods Force"]),
    ("badr", "Badr Organization", "militia", ["Badr Corps", "Badr Brigade"]),
    ("mahdi-army", "Mahdi Army", "militia", ["Jaysh al-Mahdi"]),
    ("kataib-hezbollah", "Kata'ib Hezbollah", "militia", ["Hezbollah Brigades"]),
    ("asaib-ahl-al-haq", "Asa'ib Ahl al-Haq", "militia", ["League of the Righteous"]),
    ("pjak", "Party of Free Life of Kurdistan", "militia", ["PJAK"]),
    ("krg", "Kurdistan Regional Government", "government", ["KRG"]),
    ("us-military", "United States Armed Forces", "armed-force", ["US military"]),
]
PARTS = {"irgc": "iran", "quds-force": "irgc", "us-military": "united-states"}
PLACES = ["Baghdad", "Basra", "Karbala", "Najaf", "Irbil", "Tehran", "Sadr City", "Qom"]
TAGS = ["militias", "border", "diplomacy", "weapons", "detentions", "sanctions", "insurgency"]
STATUSES = ["documented", "documented", "reported", "reported", "alleged", "disputed"]
WORDS = [
    "officials",
    "said",
    "the",
    "group",
    "had",
    "crossed",
    "the",
    "border",
    "while",
    "talks",
    "continued",
    "in",
    "the",
    "capital",
    "and",
    "reports",
    "described",
    "shelling",
    "of",
    "villages",
    "raids",
    "on",
    "offices",
    "the",
    "release",
    "of",
    "detainees",
    "new",
    "sanctions",
    "and",
    "statements",
    "by",
    "ministers",
    "about",
    "weapons",
    "training",
    "and",
    "funding",
    "which",
    "were",
    "denied",
]


def date_text(rng: random.Random) -> str:
    year = rng.randint(1980, 2008)
    form = rng.random()
    if form < 0.45:
        text = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    elif form < 0.65:
        text = f"{year}-{rng.randint(1, 12):02d}"
    elif form < 0.75:
        text = str(year)
    elif form < 0.82:
        text = f"{year}-{rng.choice([21, 22, 23, 24, 37, 38, 39, 33, 40, 41])}"
    elif form < 0.97:
        end = min(year + rng.randint(0, 3), 2008)
        return f"{year}-{rng.randint(1, 6):02d}/{end}-{rng.randint(7, 12):02d}"
    else:
        return f"{year}-{rng.randint(1, 12):02d}-01/.."
    return text + rng.choice(["", "", "", "", "~", "?"])


def summary(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(2, 3)):
        words = [rng.choice(WORDS) for _ in range(rng.randint(18, 28))]
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences)


def event(rng: random.Random, number: int) -> str:
    when = date_text(rng)
    status = rng.choice(STATUSES)
    actors = rng.sample([a[0] for a in ACTORS], rng.randint(1, 4))
    entries = list(actors)
    if status in ("documented", "reported") and len(actors) > 1 and rng.random() < 0.2:
        entries[-1] = f"{{id: {actors[-1]}, status: alleged, claimed_by: [{actors[0]}]}}"
    lines = [
        f"  - id: event-{number}",
        f"    date: '{when}'",
        f"    title: Generated event {number}, {' '.join(rng.sample(WORDS, 6))}",
        "    summary: >-",
        f"      {summary(rng)}",
        f"    actors: [{', '.join(entries)}]",
        f"    places: [{', '.join(rng.sample(PLACES, rng.randint(0, 2)))}]",
        f"    tags: [{', '.join(rng.sample(TAGS, rng.randint(1, 3)))}]",
        f"    status: {status}",
    ]
    if status in ("alleged", "disputed"):
        lines.append(f"    claimed_by: [{rng.choice(['united-states', 'iran', 'iraq'])}]")
    lines.append("    sources:")
    for source in range(rng.randint(1, 3)):
        lines.append(
            f"      - {{title: Report {number}.{source}, publisher: Wire, "
            f'url: "https://example.org/{number}/{source}", date: {when[:4]}}}'
        )
    return "\n".join(lines) + "\n"


def generate(count: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    head = ["title: Generated timeline", "places:"]
    head += [f"  - {{name: {place}}}" for place in PLACES]
    head.append("actors:")
    for actor_id, name, kind, aliases in ACTORS:
        relation = (
            f", relations: [{{type: part_of, actor: {PARTS[actor_id]}}}]"
            if actor_id in PARTS
            else ""
        )
        quoted = ", ".join(f'"{alias}"' for alias in aliases)
        head.append(
            f'  - {{id: {actor_id}, name: "{name}", kind: {kind}, aliases: [{quoted}]{relation}}}'
        )
    head.append("events:")
    return "\n".join(head) + "\n" + "".join(event(rng, n) for n in range(count))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    sys.stdout.write(generate(args.count, args.seed))


if __name__ == "__main__":
    main()
