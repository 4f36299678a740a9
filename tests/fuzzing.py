"""What the fuzzing harness feeds the loader and the CLI, and what it requires of them.

Inputs are real documents broken in the ways files get broken (lines deleted, duplicated,
swapped, re-indented or given a value of another type; bytes flipped, inserted or cut off) and
documents generated from scratch with our field names. Whatever comes in, the loader either
returns a Timeline or raises DataFileInvalid / DataFileUnreadable with problems that can be
printed; reading the events list in batches gives exactly what reading the whole document
gives; and the CLI answers with a documented exit code and never a traceback.

tests/test_fuzz.py runs a few hundred cases in the normal suite; bench/fuzz.py runs 10,000 or
more and reports what it saw.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st
from typer.testing import CliRunner

from iwtimeline import load
from iwtimeline.cli import app
from iwtimeline.errors import DataFileInvalid, DataFileUnreadable
from iwtimeline.load import parse_bytes
from iwtimeline.model import Timeline
from iwtimeline.paths import bundled_data_path

ROOT = Path(__file__).parents[1]
MINI = Path(__file__).parent / "data" / "mini.yaml"
# the documented exit codes a data file can lead to: fine, unreadable, invalid
DATA_EXIT_CODES = {0, 3, 4}


def _first_events(text: str, count: int) -> str:
    """The bundled file with only its first `count` events: all of its registries, small."""
    starts = [m.start() for m in re.finditer(r"^  - id: ", text[text.index("\nevents:") :], re.M)]
    cut = text.index("\nevents:") + starts[count] if len(starts) > count else len(text)
    return text[:cut]


BASES = (
    MINI.read_text(encoding="utf-8"),
    _first_events(bundled_data_path().read_text(encoding="utf-8"), 12),
)

# values of other types (and hostile ones) to put where a field's value was
VALUES = (
    "[]",
    "{}",
    "[a, b]",
    "{id: x, name: y}",
    "123",
    "-1.5e9",
    "2007-01-01",
    "yes",
    "~",
    "''",
    "!!python/object/apply:os.system ['true']",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "&anchor value",
    "*anchor",
    "*undefined",
    '"\\u202e reversed"',
    '"\\x07 bell"',
    "|",
    ">-",
    "'unterminated",
    '"unterminated',
    "[unclosed",
    "x" * 300,
    "2007-02-30",
    "2007-13",
    "1984/1983",
    "..",
    "? complex key",
    "- a list item",
    "%TAG ! tag:example.com,2000:",
    "---",
    "...",
)


LINE_BREAKAGES = ("delete", "duplicate", "swap", "retype", "indent", "insert", "shuffle")


@st.composite
def broken_lines(draw: st.DrawFn) -> bytes:
    lines = draw(st.sampled_from(BASES)).split("\n")
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        where = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(LINE_BREAKAGES))
        if how == "delete":
            del lines[where]
        elif how == "duplicate":
            lines.insert(where, lines[where])
        elif how == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[where], lines[other] = lines[other], lines[where]
        elif how == "retype":
            key, colon, _ = lines[where].partition(": ")
            value = draw(st.sampled_from(VALUES))
            lines[where] = f"{key}: {value}" if colon else f"{lines[where]} {value}"
        elif how == "indent":
            shift = draw(st.integers(-4, 4))
            line = lines[where]
            lines[where] = " " * shift + line if shift >= 0 else line[min(-shift, len(line)) :]
        elif how == "insert":
            lines.insert(where, draw(st.text(max_size=40)))
        else:
            span = lines[where : where + draw(st.integers(2, 12))]
            lines[where : where + len(span)] = draw(st.permutations(span))
    return "\n".join(lines).encode("utf-8", "surrogatepass")


@st.composite
def broken_bytes(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(BASES)).encode("utf-8"))
    for _ in range(draw(st.integers(1, 3))):
        if not data:
            break
        where = draw(st.integers(0, len(data) - 1))
        how = draw(st.sampled_from(["flip", "insert", "truncate", "delete"]))
        if how == "flip":
            data[where] ^= 1 << draw(st.integers(0, 7))
        elif how == "insert":
            data[where:where] = draw(st.binary(min_size=1, max_size=8))
        elif how == "truncate":
            del data[where:]
        else:
            del data[where : where + draw(st.integers(1, 64))]
    return bytes(data)


FIELD_NAMES = (
    "title",
    "actors",
    "events",
    "places",
    "id",
    "name",
    "kind",
    "date",
    "summary",
    "status",
    "sources",
    "claimed_by",
    "url",
    "url_type",
    "host",
    "relations",
    "type",
    "actor",
    "role",
    "tags",
    "aliases",
    "date_note",
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=20),
    st.sampled_from(["iran", "iraq", "2007", "2007-08", "alleged", "state", "https://x.org/a"]),
)
VALUES_TREE = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=30,
)


@st.composite
def generated(draw: st.DrawFn) -> bytes:
    top = draw(st.dictionaries(st.sampled_from(FIELD_NAMES), VALUES_TREE, max_size=6))
    if draw(st.booleans()):  # most of a real file's shape, with random insides
        top.setdefault("title", "T")
        top.setdefault("actors", [{"id": "iran", "name": "Iran", "kind": "state"}])
    text = yaml.safe_dump(top, allow_unicode=draw(st.booleans()), sort_keys=False)
    return text.encode("utf-8", "surrogatepass")


documents = st.one_of(broken_lines(), broken_bytes(), generated())


def outcome(data: bytes, *, whole: bool = False) -> Timeline | list[tuple[Any, ...]]:
    """The timeline a file gives, or its problems: what the loader must always return."""
    # the loader's own name for the splitter (a whole parse when it gives None)
    names = vars(load)
    saved = names["split_list"]
    if whole:
        names["split_list"] = lambda *args: None
    try:
        return parse_bytes(data, "fuzz.yaml")
    except DataFileInvalid as invalid:
        assert invalid.problems, "an invalid file names at least one problem"
        return [(p.line, p.field, p.message, p.describe("fuzz.yaml")) for p in invalid.problems]
    except DataFileUnreadable as unreadable:
        return [("unreadable", str(unreadable))]
    finally:
        names["split_list"] = saved


def check_loader(data: bytes) -> str:
    """Parse a document both ways; they must agree. Returns 'valid' or 'invalid'."""
    batched = outcome(data)
    assert batched == outcome(data, whole=True), "batched and whole reading disagree"
    return "valid" if isinstance(batched, Timeline) else "invalid"


def check_cli(data: bytes, folder: Path, runner: CliRunner) -> None:
    """validate, list --json (twice: the second from the cache) and a table: documented exit
    codes, no traceback, and the same JSON from the cache as from the first run."""
    path = folder / "fuzz.yaml"
    path.write_bytes(data)
    env = {"IWTIMELINE_CACHE_DIR": str(folder / "cache"), "COLUMNS": "80", "NO_COLOR": "1"}
    printed = []
    for args in (["validate"], ["list", "--json"], ["list", "--json"], ["list"]):
        result = runner.invoke(app, ["--file", str(path), *args], env=env)
        assert result.exit_code in DATA_EXIT_CODES, (args, result.exit_code, result.output)
        assert "Traceback" not in result.output and "internal error" not in result.output
        if args == ["list", "--json"] and result.exit_code == 0:
            json.loads(result.stdout)
            printed.append(result.stdout_bytes)
    assert len(set(printed)) <= 1, "the cache changed the output"
