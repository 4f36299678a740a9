"""The Mermaid timeline export: exact output, and data text that cannot make statements.

With node and the npm packages `mermaid` and `jsdom` (resolvable from a scratch directory, or
from the directory named by IWTIMELINE_MERMAID_DIR), one test parses the output with Mermaid's
own parser; without them it is skipped. Nothing is installed and nothing needs the network.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iwtimeline.dates import describe, parse_edtf
from iwtimeline.model import Event, Timeline
from iwtimeline.query import Selection, build_query, select
from iwtimeline.records import replace
from iwtimeline.render import RenderOptions, find_format
from iwtimeline.render.mermaid import encode, events_mermaid, section_of
from tests.strategies import selections

MINI_MERMAID = """\
timeline
    title Test timeline
    accDescr: 10 events
    section Iran–Iraq War (1980–1988)
        22 Sep 1980 – 20 Aug 1988 : Iran–Iraq War
        c. 1982 : Badr formed in Iran
    section Between the wars (1988–2003)
        late 2001 : Cooperation against the Taliban
        Mar 2003 : Badr crosses into Iraq
    section Invasion and occupation (2003–2008)
        20 Jan 2007 : Gunmen raid the Karbala headquarters
        11 Feb 2007 : US says Kata'ib Hezbollah used Iranian EFPs
        16 Aug 2007 : Iran shells PJAK positions
        autumn 2007 : Sanctions announced
        2008 : Hezbollah trains militias
        Jun 2008? : Mahdi Army transformation
"""

# every kind of line we write; data text is in the groups, encoded
LINE = re.compile(
    r"(?P<timeline>timeline)"
    r"|    title (?P<title>[^:\n]+)"
    r"|    accDescr: (?P<caption>[^:\n]+)"
    r"|    section (?P<section>[^:\n]+)"
    r"|        (?P<label>[^:#\n]+?)(?P<titles>(?: : [^:\n]+)+)"
)
ENTITY = re.compile(r"#(\d+);")


def decode(text: str) -> str:
    return ENTITY.sub(lambda match: chr(int(match[1])), text)


def render(selection: Selection) -> str:
    return events_mermaid(selection, RenderOptions())


def everything(timeline: Timeline, **filters: Any) -> Selection:
    return select(timeline, build_query(timeline, **filters))


def with_events(timeline: Timeline, events: list[Event], title: str | None = None) -> Selection:
    header = timeline.header if title is None else replace(timeline.header, title=title)
    return Selection.of(replace(timeline, header=header), events)


def parse(output: str) -> dict[str, Any]:
    """What our own reading of the output finds: title, caption, sections, (label, titles)."""
    assert output.endswith("\n")
    found: dict[str, Any] = {"sections": [], "lines": []}
    lines = output[:-1].split("\n")
    assert lines[0] == "timeline"
    for line in lines[1:]:
        match = LINE.fullmatch(line)
        assert match is not None, line
        if match["title"] is not None:
            found["title"] = decode(match["title"])
        elif match["caption"] is not None:
            found["caption"] = decode(match["caption"])
        elif match["section"] is not None:
            found["sections"].append(decode(match["section"]))
        else:
            titles = [decode(title) for title in match["titles"].split(" : ")[1:]]
            found["lines"].append((decode(match["label"]), titles))
    return found


def test_the_registry_names_the_renderer() -> None:
    form = find_format("mermaid")
    assert form is not None and form.extension == "mmd"
    assert form.renderers["events"] == "mermaid:events_mermaid"


def test_mini(mini: Timeline) -> None:
    assert render(everything(mini)) == MINI_MERMAID


def test_mini_filtered(mini: Timeline) -> None:
    assert render(everything(mini, actors=["Quds Force"])) == (
        "timeline\n"
        "    title Test timeline\n"
        "    accDescr: 1 event · actor#58; Quds Force\n"
        "    section Invasion and occupation (2003–2008)\n"
        "        20 Jan 2007 : Gunmen raid the Karbala headquarters\n"
    )


def test_an_empty_selection_has_no_sections(mini: Timeline) -> None:
    assert render(everything(mini, years=[1990])) == (
        "timeline\n    title Test timeline\n    accDescr: 0 events · year#58; 1990\n"
    )


def test_events_with_the_same_label_share_a_line(mini: Timeline) -> None:
    raid = mini.events[4]
    events = [raid, replace(raid, id="b", title="Second"), replace(raid, id="c", title="Third")]
    assert render(with_events(mini, events)).splitlines()[-1] == (
        "        20 Jan 2007 : Gunmen raid the Karbala headquarters : Second : Third"
    )


@pytest.mark.parametrize(
    ("date", "section"),
    [
        ("1980-04", "Before the Iran–Iraq War"),
        ("1980-09-21", "Before the Iran–Iraq War"),
        ("1980-09-22", "Iran–Iraq War (1980–1988)"),
        ("1988-08-21", "Between the wars (1988–2003)"),
        ("2003-03-19", "Between the wars (1988–2003)"),
        ("2003-03-20", "Invasion and occupation (2003–2008)"),
        ("2003-03", "Between the wars (1988–2003)"),  # a date goes where it starts
        ("2008-24", "Invasion and occupation (2003–2008)"),  # winter 2008 runs into 2009
        ("2009", "After 2008"),
        ("../2003", "Invasion and occupation (2003–2008)"),  # no start: where it ends
        ("1995/..", "Between the wars (1988–2003)"),
    ],
)
def test_sections(mini: Timeline, date: str, section: str) -> None:
    assert section_of(replace(mini.events[0], date=parse_edtf(date))) == section


# --- encoding --------------------------------------------------------------------------------

HOSTILE = [
    "a : b",
    "a: b :c",
    ":",
    ": leading",
    "trailing :",
    "#heading",
    "x #35; y",
    "#58;",
    "semi; colon;",
    "%% a comment",
    "50% %%",
    "%%{init: {'theme': 'forest'}}%%",
    "line\nbreak",
    "two\n\nbreaks\r\nand CR",
    "para\u2028graph\u2029sep",
    "section Evil",
    "title Evil",
    "timeline",
    "accTitle: t",
    "accDescr { multi",
    "}",
    "<br>tag & amp; &lt;",
    "\ufb02\u00b0\u00b058\u00b6\u00df",
    "style x:#f00;",
]


def test_encode() -> None:
    assert encode("a: b") == "a#58; b"
    assert encode("#;%<>&") == "#35;#59;#37;#60;#62;#38;"
    assert encode("x\ny\u2028z") == "x#10;y#8232;z"
    assert encode("\ufb02\u00b6") == "#64258;#182;"
    assert encode("Kata'ib “quoted” (x) – é 😀") == "Kata'ib “quoted” (x) – é 😀"


@given(st.text())
def test_encoding_reads_back_and_hides_every_special_character(text: str) -> None:
    encoded = encode(text)
    assert decode(encoded) == text
    assert not re.search(r"[:%;<>&\n\r\ufb02\u00b6]", ENTITY.sub("", encoded))
    assert "#" not in ENTITY.sub("", encoded)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_titles_make_no_statements(mini: Timeline, hostile: str) -> None:
    events = [replace(event, title=f"{hostile} {event.id}") for event in mini.events]
    output = render(with_events(mini, events, title=hostile))
    assert len(output.splitlines()) == len(MINI_MERMAID.splitlines())
    found = parse(output)
    assert found["title"] == hostile
    assert found["sections"] == parse(MINI_MERMAID)["sections"]
    expected = [(describe(event.date), [event.title]) for event in events]
    assert found["lines"] == expected


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(selection=selections())
def test_round_trip(selection: Selection) -> None:
    found = parse(render(selection))
    assert found["title"] == selection.timeline.header.title
    flat = [(label, title) for label, titles in found["lines"] for title in titles]
    assert flat == [(describe(event.date), event.title) for event in selection.events]
    sections = [section_of(event) for event in selection.events]
    assert found["sections"] == [
        s for i, s in enumerate(sections) if i == 0 or sections[i - 1] != s
    ]


# --- Mermaid's own parser, when it is here ---------------------------------------------------

PARSER = """\
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const base = process.env.IWTIMELINE_MERMAID_DIR || process.cwd();
const require = createRequire(join(base, "resolve.js"));
const mermaidPath = require.resolve("mermaid");
const { JSDOM } = require("jsdom");
const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import(pathToFileURL(mermaidPath).href);
mermaid.initialize({ startOnLoad: false });
// one line of JSON for each diagram named on the command line
for (const file of process.argv.slice(2)) {
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(readFileSync(file, "utf8"));
  const db = diagram.db;
  const common = db.getCommonDb();
  console.log(JSON.stringify({
    type: diagram.type,
    title: common.getDiagramTitle(),
    caption: common.getAccDescription(),
    sections: db.getSections(),
    tasks: db.getTasks().map((task) => ({
      section: task.section, period: task.task, events: task.events,
    })),
  }));
}
"""
# Mermaid's own placeholder for an entity code while it parses: `#58;` is `ﬂ°°58¶ß` in its
# database (and `&#58;` in the SVG it draws)
PLACEHOLDER = re.compile("\ufb02\u00b0\u00b0(\\d+)\u00b6\u00df")


def real_decode(text: str) -> str:
    return PLACEHOLDER.sub(lambda match: chr(int(match[1])), text)


@pytest.fixture(scope="module")
def mermaid_parser(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The command that parses diagrams with Mermaid itself; the test is skipped without it."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    scratch = tmp_path_factory.mktemp("mermaid")
    script = scratch / "parse.mjs"
    script.write_text(PARSER, encoding="utf-8")
    # with no diagram to parse, the script only resolves mermaid and jsdom
    found = subprocess.run([node, str(script)], cwd=scratch, capture_output=True, timeout=120)
    if found.returncode != 0:
        pytest.skip("npm packages mermaid and jsdom not found (see IWTIMELINE_MERMAID_DIR)")
    return [node, str(script)]


def mermaid_reads(command: list[str], outputs: list[str], scratch: Path) -> list[dict[str, Any]]:
    files = []
    for number, output in enumerate(outputs):
        files.append(scratch / f"diagram-{number}.mmd")
        files[-1].write_text(output, encoding="utf-8")
    done = subprocess.run(
        [*command, *map(str, files)],
        cwd=scratch,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NODE_NO_WARNINGS": "1"},
    )
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == len(outputs), done.stdout
    return [json.loads(line) for line in lines]


def test_mermaid_parses_it_as_we_mean_it(
    mermaid_parser: list[str], mini: Timeline, tmp_path: Path
) -> None:
    chosen = []
    for hostile in ["", *HOSTILE]:
        events = [replace(event, title=f"{hostile} {event.id}".strip()) for event in mini.events]
        chosen.append(with_events(mini, events, title=hostile or mini.header.title))
    reads = mermaid_reads(mermaid_parser, [render(s) for s in chosen], tmp_path)
    for selection, read in zip(chosen, reads, strict=True):
        shown = selection.events
        assert read["type"] == "timeline"
        assert real_decode(read["title"]) == selection.timeline.header.title
        assert real_decode(read["caption"]) == "10 events"
        assert read["sections"] == parse(MINI_MERMAID)["sections"]
        periods = [(real_decode(task["period"]).strip(), task["section"]) for task in read["tasks"]]
        assert periods == [(describe(event.date), section_of(event)) for event in shown]
        titles = [[real_decode(text) for text in task["events"]] for task in read["tasks"]]
        assert titles == [[event.title] for event in shown]


def test_mermaid_reads_shared_lines_and_empty_diagrams(
    mermaid_parser: list[str], mini: Timeline, tmp_path: Path
) -> None:
    raid = mini.events[4]
    shared = [raid, replace(raid, id="b", title="b: c"), replace(raid, id="c", title="#c;")]
    outputs = [render(with_events(mini, shared)), render(everything(mini, years=[1990]))]
    one_line, empty = mermaid_reads(mermaid_parser, outputs, tmp_path)
    # Mermaid keeps the space before each ` : ` with the title before it
    assert [[real_decode(e) for e in task["events"]] for task in one_line["tasks"]] == [
        [f"{raid.title} ", "b: c ", "#c;"]
    ]
    assert empty["tasks"] == [] and empty["sections"] == []
