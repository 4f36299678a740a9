"""The CSV export: exact output on the fixture, round trips of any text, --excel's protections."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest
from hypothesis import given, settings

from iwtimeline.dates import parse_edtf
from iwtimeline.model import Event, Header, Involvement, Place, Source, Timeline
from iwtimeline.query import Selection, build_query, select
from iwtimeline.render import RenderOptions, find_format
from iwtimeline.render.csvout import COLUMNS, events_csv

from .conftest import MINI as MINI_FILE
from .strategies import ACTORS, selections

PLAIN = RenderOptions()
EXCEL = RenderOptions(excel=True)
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")

HEADER = (
    "id,date,date_label,start,end,precision,approximate,uncertain,title,summary,status,"
    "claimed_by,actors,places,tags,date_note,sources"
)
# Written from tests/data/mini.yaml, event by event, in chronological order.
MINI_ROWS = (
    "1980-war,1980-09-22/1988-08-20,22 Sep 1980 – 20 Aug 1988,1980-09-22,1988-08-20,interval,"
    "false,false,Iran–Iraq War,The war between Iran and Iraq.,documented,,Iran,,iran-iraq-war,,"
    "https://en.wikipedia.org/wiki/Iran%E2%80%93Iraq_War",
    "1982-badr-formed,1982~,c. 1982,1982-01-01,1982-12-31,year,true,false,Badr formed in Iran,"
    "The Badr Brigade was formed in Iran.,reported,,"
    "Badr Organization; Islamic Revolutionary Guard Corps,Tehran,militias,,"
    "https://en.wikipedia.org/wiki/Badr_Organization",
    "2001-late-cooperation,2001-39,late 2001,2001-09-01,2001-12-31,part-of-year,false,false,"
    "Cooperation against the Taliban,Iran cooperated with the United States in Herat.,reported,,"
    "Iran; United States,Herat,us-iran; afghanistan,,Seed",
    "2003-badr-crosses,2003-03,Mar 2003,2003-03-01,2003-03-31,month,false,false,"
    "Badr crosses into Iraq,Badr fighters entered Iraq from Iran.,reported,,Badr Organization,"
    "Basra,invasion-2003; militias,,Seed",
    "2007-karbala-raid,2007-01-20,20 Jan 2007,2007-01-20,2007-01-20,day,false,false,"
    "Gunmen raid the Karbala headquarters,Gunmen killed five US soldiers in Karbala. US officials "
    "later said the Quds Force had helped plan the raid; Iran denied it.,documented,,"
    '"United States (target); Quds Force (sponsor, alleged)",Karbala,raid,,'
    "https://example.org/karbala",
    "2007-kh-efp,2007-02-11,11 Feb 2007,2007-02-11,2007-02-11,day,false,false,"
    "US says Kata'ib Hezbollah used Iranian EFPs,US officials alleged that Iran supplied "
    "explosively formed penetrators. Iran denied it.,alleged,United States,"
    "United States (claimant); Kata'ib Hezbollah; Iran,,efp,,https://example.org/briefing",
    "2007-pjak-shelling,2007-08-16,16 Aug 2007,2007-08-16,2007-08-16,day,false,false,"
    "Iran shells PJAK positions,Kurdish officials reported shelling.,reported,,"
    "Iran; Party of Free Life of Kurdistan (target),Iraqi Kurdistan,pjak; border,,Report",
    "2007-sanctions,2007-23,autumn 2007,2007-09-01,2007-11-30,season,false,false,"
    "Sanctions announced,The United States announced sanctions in the autumn.,documented,,"
    "United States; Islamic Revolutionary Guard Corps,,sanctions,,Treasury",
    "2008-hezbollah-training,2008,2008,2008-01-01,2008-12-31,year,false,false,"
    "Hezbollah trains militias,Lebanese Hezbollah trained Iraqi fighters.,alleged,United States,"
    "Hezbollah,,training,,Report",
    "2008-mahdi-army-disputed,2008-06?,Jun 2008?,2008-06-01,2008-06-30,month,false,true,"
    "Mahdi Army transformation,Reports differ on when the Mahdi Army was reorganised.,disputed,"
    "United States,Mahdi Army,,,,Report",
)


def rows(output: str) -> list[dict[str, str]]:
    """The records of CSV text, read as a spreadsheet or a data tool would."""
    return list(csv.DictReader(io.StringIO(output.removeprefix("\ufeff"), newline="")))


def selection_of(*events: Event) -> Selection:
    timeline = Timeline(Header("Hostile"), ACTORS, tuple(events))
    return Selection.of(timeline, timeline.events)


def event(number: int = 1, **changes: object) -> Event:
    """A plain event; keyword arguments replace its fields."""
    fields: dict[str, object] = {
        "id": f"event-{number}",
        "date": parse_edtf("2007-01-20"),
        "title": "Title",
        "summary": "Summary.",
        "involvements": (Involvement(ACTORS[0], "documented"),),
        "status": "documented",
        "sources": (Source("Source"),),
    }
    return Event(**(fields | changes))  # type: ignore[arg-type]


# --- the fixture, exactly -------------------------------------------------------------------


def test_the_fixture_exactly(mini: Timeline) -> None:
    output = events_csv(select(mini, build_query(mini)), PLAIN)
    assert output == "\r\n".join((HEADER, *MINI_ROWS)) + "\r\n"


def test_excel_adds_a_byte_order_mark_and_nothing_else_on_harmless_data(mini: Timeline) -> None:
    selection = select(mini, build_query(mini))
    assert events_csv(selection, EXCEL) == "\ufeff" + events_csv(selection, PLAIN)


def test_the_columns_are_the_published_ones_in_order(mini: Timeline) -> None:
    assert tuple(HEADER.split(",")) == COLUMNS
    assert list(rows(events_csv(select(mini, build_query(mini)), PLAIN))[0]) == list(COLUMNS)


def test_a_selection_keeps_its_order(mini: Timeline) -> None:
    selection = select(mini, build_query(mini, tags=["efp", "raid"], reverse=True))
    assert [row["id"] for row in rows(events_csv(selection, PLAIN))] == [
        "2007-kh-efp",
        "2007-karbala-raid",
    ]


def test_an_empty_selection_is_the_header_alone(mini: Timeline) -> None:
    selection = select(mini, build_query(mini, years=[1990]))
    assert events_csv(selection, PLAIN) == HEADER + "\r\n"


def test_the_registry_renders_csv(mini: Timeline) -> None:
    form = find_format("csv")
    assert form is not None and form.extension == "csv"
    selection = select(mini, build_query(mini))
    assert form.render("events", selection, EXCEL) == events_csv(selection, EXCEL)


def test_rendering_never_imports_rich() -> None:
    # a format for programs: Rich would only cost start-up time
    script = (
        "import sys\n"
        "from iwtimeline.load import load_timeline\n"
        "from iwtimeline.query import build_query, select\n"
        "from iwtimeline.render import RenderOptions\n"
        "from iwtimeline.render.csvout import events_csv\n"
        f"timeline = load_timeline(__import__('pathlib').Path({str(MINI_FILE)!r}))\n"
        "events_csv(select(timeline, build_query(timeline)), RenderOptions())\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


# --- cells ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2007-05/..", "2007-05-01", "", "since May 2007"),
        ("../2003", "", "2003-12-31", "until 2003"),
    ],
)
def test_an_open_end_is_an_empty_cell(text: str, start: str, end: str, label: str) -> None:
    (row,) = rows(events_csv(selection_of(event(date=parse_edtf(text))), PLAIN))
    assert (row["date"], row["start"], row["end"], row["date_label"]) == (text, start, end, label)
    assert row["precision"] == "interval"


def test_parts_weaker_than_the_event_and_roles_are_marked() -> None:
    iran, us, quds, badr = ACTORS
    chosen = event(
        status="reported",
        involvements=(
            Involvement(iran, "reported"),
            Involvement(us, "reported", "target"),
            Involvement(quds, "alleged", "sponsor", (us,)),
            Involvement(badr, "disputed", None, (us,)),
        ),
    )
    (row,) = rows(events_csv(selection_of(chosen), PLAIN))
    assert row["actors"] == (
        "Iran; United States (target); Quds Force (sponsor, alleged); Badr Organization (disputed)"
    )
    assert row["claimed_by"] == ""


def test_sources_are_urls_or_titles_and_lists_are_joined() -> None:
    chosen = event(
        sources=(Source("A", "P", "https://example.org/a?b=1&c=2"), Source("Only a title")),
        places=(Place("Basra"), Place("Karbala")),
        tags=("raid", "border"),
        date_note="Why.",
        status="alleged",
        claimed_by=(ACTORS[1], ACTORS[0]),
        involvements=(Involvement(ACTORS[2], "alleged", None, (ACTORS[1], ACTORS[0])),),
    )
    (row,) = rows(events_csv(selection_of(chosen), PLAIN))
    assert row["sources"] == "https://example.org/a?b=1&c=2; Only a title"
    assert (row["places"], row["tags"], row["date_note"]) == (
        "Basra; Karbala",
        "raid; border",
        "Why.",
    )
    assert (row["claimed_by"], row["actors"]) == ("United States; Iran", "Quds Force")


def test_flags_are_true_and_false() -> None:
    (row,) = rows(events_csv(selection_of(event(date=parse_edtf("2004%"))), PLAIN))
    assert (row["approximate"], row["uncertain"], row["date_label"]) == ("true", "true", "c. 2004?")


# --- hostile text ---------------------------------------------------------------------------

HOSTILE = event(
    title='=HYPERLINK("https://evil.example","click")',
    summary='First line, with "quotes"\n+second line; @third\n-fourth',
    places=(Place("-2"), Place("@x")),
    tags=("+1",),
    date_note="=1+1",
    sources=(Source("@source"),),
)


def test_hostile_text_is_written_exactly_without_excel() -> None:
    output = events_csv(selection_of(HOSTILE), PLAIN)
    # the quotes doubled, the cell quoted, the line break kept inside it
    assert '"=HYPERLINK(""https://evil.example"",""click"")"' in output
    assert '"First line, with ""quotes""\n+second line; @third\n-fourth"' in output
    (row,) = rows(output)
    assert row["title"] == HOSTILE.title
    assert row["summary"] == HOSTILE.summary
    assert (row["places"], row["tags"], row["date_note"], row["sources"]) == (
        "-2; @x",
        "+1",
        "=1+1",
        "@source",
    )


def test_excel_neutralises_every_formula() -> None:
    output = events_csv(selection_of(HOSTILE), EXCEL)
    assert output.startswith("\ufeffid,date,")
    (row,) = rows(output)
    assert row["title"] == "'" + HOSTILE.title
    assert row["summary"] == HOSTILE.summary  # starts with a letter: a formula only at the start
    assert (row["places"], row["tags"], row["date_note"], row["sources"]) == (
        "'-2; @x",
        "'+1",
        "'=1+1",
        "'@source",
    )


@pytest.mark.parametrize("start", DANGEROUS)
def test_excel_neutralises_each_dangerous_start(start: str) -> None:
    chosen = event(title=f"{start}cmd|' /C calc'!A0")
    (row,) = rows(events_csv(selection_of(chosen), EXCEL))
    assert row["title"] == f"'{chosen.title}"


# --- any text -------------------------------------------------------------------------------


def _expected(selection: Selection) -> list[tuple[str, ...]]:
    """The cells KEYS names, from the events themselves; an open end of a span is empty."""
    return [
        (
            e.id,
            e.date.text,
            "" if e.date.text.startswith("../") else e.date.start.isoformat(),
            "" if e.date.text.endswith("/..") else e.date.end.isoformat(),
            e.title,
            e.summary,
            e.status,
        )
        for e in selection.events
    ]


KEYS = ("id", "date", "start", "end", "title", "summary", "status")


@settings(max_examples=150, deadline=None)
@given(selections())
def test_any_selection_comes_back_from_the_csv(selection: Selection) -> None:
    back = rows(events_csv(selection, PLAIN))
    assert [tuple(row[key] for key in KEYS) for row in back] == _expected(selection)
    assert all(list(row) == list(COLUMNS) for row in back)


def _neutralised(cell: str) -> str:
    return "'" + cell if cell.startswith(DANGEROUS) else cell


@settings(max_examples=150, deadline=None)
@given(selections())
def test_excel_output_has_no_formula_and_loses_nothing(selection: Selection) -> None:
    output = events_csv(selection, EXCEL)
    assert output.startswith("\ufeff")
    back = rows(output)
    for row in back:
        assert not any(cell.startswith(DANGEROUS) for cell in row.values()), row
    # a neutralised cell is the original with a ' before it: strip it and nothing is lost
    expected = [tuple(map(_neutralised, cells)) for cells in _expected(selection)]
    assert [tuple(row[key] for key in KEYS) for row in back] == expected
    for excel_row, plain_row in zip(back, rows(events_csv(selection, PLAIN)), strict=True):
        assert excel_row == {key: _neutralised(cell) for key, cell in plain_row.items()}
