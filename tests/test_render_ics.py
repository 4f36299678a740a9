"""The iCalendar export (RFC 5545): exact output, and what calendar software reads back."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from importlib.metadata import PackageNotFoundError, version
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from iwtimeline.dates import parse_edtf
from iwtimeline.model import Event, Timeline
from iwtimeline.query import Selection, build_query, select
from iwtimeline.records import replace
from iwtimeline.render import RenderOptions, find_format
from iwtimeline.render.ics import LINE_OCTETS, escape_text, events_ics, fold
from tests.strategies import selections

try:
    VERSION = version("iwtimeline")
except PackageNotFoundError:  # a source tree never installed: the renderer says so too
    VERSION = "dev"
NOW = datetime(2024, 5, 6, 7, 8, 9)  # naive: taken as UTC
AT_NOW = RenderOptions(now=NOW)

# Written for tests/data/mini.yaml and checked line by line against it: DTEND is the day after
# the last day (1988-08-20 -> 19880821, late 2001 -> 20020101, autumn 2007 -> 20071201), the
# status is a CATEGORY and never STATUS, TEXT has ; , \ and line breaks escaped, and every line
# is folded at 75 octets with CRLF and a space (the em dash, three octets, counts as three).
MINI_ICS = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    f"PRODID:-//iwtimeline//iwtimeline {VERSION}//EN",
    "CALSCALE:GREGORIAN",
    "X-WR-CALNAME:Test timeline",
    "BEGIN:VEVENT",
    "UID:1980-war@iwtimeline",
    "DTSTAMP:20240506T070809Z",
    "DTSTART;VALUE=DATE:19800922",
    "DTEND;VALUE=DATE:19880821",
    "SUMMARY:Iran–Iraq War",
    "DESCRIPTION:Date: 22 Sep 1980 – 20 Aug 1988 (a span of time\\; the calenda",
    " r entry spans all of it\\, 22 Sep 1980 to 20 Aug 1988)\\nStatus: documented",
    " \\nActors: Iran\\nTags: iran-iraq-war\\nID: 1980-war\\n\\nThe war between Iran ",
    " and Iraq.\\n\\nSources:\\n1. Iran–Iraq War — Wikipedia\\n   https://en.wik",
    " ipedia.org/wiki/Iran%E2%80%93Iraq_War",
    "URL:https://en.wikipedia.org/wiki/Iran%E2%80%93Iraq_War",
    "CATEGORIES:documented,iran-iraq-war",
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:1982-badr-formed@iwtimeline",
    "DTSTAMP:20240506T070809Z",
    "DTSTART;VALUE=DATE:19820101",
    "DTEND;VALUE=DATE:19830101",
    "SUMMARY:Badr formed in Iran",
    "DESCRIPTION:Date: c. 1982 (year only\\, approximate\\; the calendar entry spa",
    " ns the whole year\\, 1 Jan 1982 to 31 Dec 1982)\\nStatus: reported\\nActors: ",
    " Badr Organization\\, Islamic Revolutionary Guard Corps\\nPlaces: Tehran\\nTag",
    " s: militias\\nID: 1982-badr-formed\\n\\nThe Badr Brigade was formed in Iran.",
    " \\n\\nSources:\\n1. Badr Organization — Wikipedia\\, 2008\\n   https://en.wik",
    " ipedia.org/wiki/Badr_Organization",
    "LOCATION:Tehran",
    "URL:https://en.wikipedia.org/wiki/Badr_Organization",
    "CATEGORIES:reported,militias",
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:2001-late-cooperation@iwtimeline",
    "DTSTAMP:20240506T070809Z",
    "DTSTART;VALUE=DATE:20010901",
    "DTEND;VALUE=DATE:20020101",
    "SUMMARY:Cooperation against the Taliban",
    "DESCRIPTION:Date: late 2001 (part of a year only\\; the calendar entry spans",
    "  that whole part of the year\\, 1 Sep 2001 to 31 Dec 2001)\\nStatus: reporte",
    " d\\nActors: Iran\\, United States\\nPlaces: Herat\\nTags: us-iran\\, afghanista",
    " n\\nID: 2001-late-cooperation\\n\\nIran cooperated with the United States in ",
    " Herat.\\n\\nSources:\\n1. Seed",
    "LOCATION:Herat",
    "CATEGORIES:reported,us-iran,afghanistan",
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:2003-badr-crosses@iwtimeline",
    "DTSTAMP:20240506T070809Z",
    "DTSTART;VALUE=DATE:20030301",
    "DTEND;VALUE=DATE:20030401",
    "SUMMARY:Badr crosses into Iraq",
    "DESCRIPTION:Date: Mar 2003 (month only\\; the calendar entry spans the whole",
    "  month\\, 1 Mar 2003 to 31 Mar 2003)\\nStatus: reported\\nActors: Badr Organi",
    " zation\\nPlaces: Basra\\nTags: invasion-2003\\, militias\\nID: 2003-badr-cross",
    " es\\n\\nBadr fighters entered Iraq from Iran.\\n\\nSources:\\n1. Seed",
    "LOCATION:Basra",
    "CATEGORIES:reported,invasion-2003,militias",
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:2007-karbala-raid@iwtimeline",
    "DTSTAMP:20240506T070809Z",
    "DTSTART;VALUE=DATE:20070120",
    "DTEND;VALUE=DATE:20070121",
    "SUMMARY:Gunmen raid the Karbala headquarters",
    "DESCRIPTION:Date: 20 Jan 2007 (exact day)\\nStatus: documented\\nActors: Unit",
    " ed States (target)\\, Quds Force (sponsor) [alleged by United States]\\nPlac",
    " es: Karbala\\nTags: raid\\nID: 2007-karbala-raid\\n\\nGunmen killed five US so",
    " ldiers in Karbala. US officials later said the Quds Force had helped plan ",
    " the raid\\; Iran denied it.\\n\\nSources:\\n1. Raid report — Wire service\\, ",
    " 21 Jan 2007\\n   https://example.org/karbala",
    "LOCATION:Karbala",
    "URL:https://example.org/karbala",
    "CATEGORIES:documented,raid",
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:2007-kh-efp@iwtimeline",
    "DTSTAMP:20240506T070809Z",
    "DTSTART;VALUE=DATE:20070211",
    "DTEND;VALUE=DATE:20070212",
    "SUMMARY:US says Kata'ib Hezbollah used Iranian EFPs",
    "DESCRIPTION:Date: 11 Feb 2007 (exact day)\\nStatus: alleged by United States",
    " \\nActors: United States (claimant)\\, Kata'ib Hezbollah\\, Iran\\nTags: efp\\n",
    " ID: 2007-kh-efp\\n\\nUS officials alleged that Iran supplied explosively for",
    " med penetrators. Iran denied it.\\n\\nSources:\\n1. Briefing\\n   https://exam",
    " ple.org/briefing",
    "URL:https://example.org/briefing",
    "CATEGORIES:alleged,efp",
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:2007-pjak-shelling@iwtimeline",
    "DTSTAMP:20240506T070809Z",
    "DTSTART;VALUE=DATE:20070816",
    "DTEND;VALUE=DATE:20070817",
    "SUMMARY:Iran shells PJAK positions",
    "DESCRIPTION:Date: 16 Aug 2007 (exact day)\\nStatus: reported\\nActors: Iran\\,",
    "  Party of Free Life of Kurdistan (target)\\nPlaces: Iraqi Kurdistan\\nTags: ",
    " pjak\\, border\\nID: 2007-pjak-shelling\\n\\nKurdish officials reported shelli",
    " ng.\\n\\nSources:\\n1. Report",
    "LOCATION:Iraqi Kurdistan",
    "CATEGORIES:reported,pjak,border",
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:2007-sanctions@iwtimeline",
    "DTSTAMP:20240506T070809Z",
    "DTSTART;VALUE=DATE:20070901",
    "DTEND;VALUE=DATE:20071201",
    "SUMMARY:Sanctions announced",
    "DESCRIPTION:Date: autumn 2007 (season only\\; the calendar entry spans the w",
    " hole season\\, 1 Sep 2007 to 30 Nov 2007)\\nStatus: documented\\nActors: Unit",
    " ed States\\, Islamic Revolutionary Guard Corps\\nTags: sanctions\\nID: 2007-s",
    " anctions\\n\\nThe United States announced sanctions in the autumn.\\n\\nSource",
    " s:\\n1. Treasury",
    "CATEGORIES:documented,sanctions",
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:2008-hezbollah-training@iwtimeline",
    "DTSTAMP:20240506T070809Z",
    "DTSTART;VALUE=DATE:20080101",
    "DTEND;VALUE=DATE:20090101",
    "SUMMARY:Hezbollah trains militias",
    "DESCRIPTION:Date: 2008 (year only\\; the calendar entry spans the whole year",
    " \\, 1 Jan 2008 to 31 Dec 2008)\\nStatus: alleged by United States\\nActors: H",
    " ezbollah\\nTags: training\\nID: 2008-hezbollah-training\\n\\nLebanese Hezbolla",
    " h trained Iraqi fighters.\\n\\nSources:\\n1. Report",
    "CATEGORIES:alleged,training",
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:2008-mahdi-army-disputed@iwtimeline",
    "DTSTAMP:20240506T070809Z",
    "DTSTART;VALUE=DATE:20080601",
    "DTEND;VALUE=DATE:20080701",
    "SUMMARY:Mahdi Army transformation",
    "DESCRIPTION:Date: Jun 2008? (month only\\, uncertain\\; the calendar entry sp",
    " ans the whole month\\, 1 Jun 2008 to 30 Jun 2008)\\nStatus: disputed\\, claim",
    " ed by United States\\nActors: Mahdi Army\\nID: 2008-mahdi-army-disputed\\n\\nR",
    " eports differ on when the Mahdi Army was reorganised.\\n\\nSources:\\n1. Repo",
    " rt",
    "CATEGORIES:disputed",
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
    "END:VCALENDAR",
]


@pytest.fixture(scope="module")
def icalendar() -> ModuleType:
    # a test dependency only: where it is missing, the tests that need it are skipped
    module: ModuleType = pytest.importorskip("icalendar")
    return module


def whole(timeline: Timeline) -> Selection:
    return select(timeline, build_query(timeline))


def only(timeline: Timeline, event: Event) -> Selection:
    return Selection.of(timeline, (event,))


def physical_lines(output: str) -> list[bytes]:
    """The output's lines as octets, CRLF taken off; the last CRLF leaves an empty tail."""
    lines = output.encode("utf-8").split(b"\r\n")
    assert lines[-1] == b"", "the output ends with CRLF"
    return lines[:-1]


def unescape_text(raw: str) -> str:
    """RFC 5545 §3.3.11 read backwards.

    icalendar leaves X- properties as it found them, though the RFC (§3.8.8.2) makes TEXT
    their default value type, so X-WR-CALNAME is unescaped here.
    """
    return re.sub(r"\\(.)", lambda match: "\n" if match[1] in "nN" else match[1], raw)


def vevents(calendar: Any) -> list[Any]:
    return list(calendar.walk("VEVENT"))


def categories(component: Any) -> list[str]:
    return [str(value) for value in component["CATEGORIES"].cats]


# --- the exact output ---------------------------------------------------------------------


def test_mini_exact_output(mini: Timeline) -> None:
    assert all(len(line.encode("utf-8")) <= LINE_OCTETS for line in MINI_ICS)
    assert events_ics(whole(mini), AT_NOW) == "\r\n".join(MINI_ICS) + "\r\n"


def test_a_query_exports_only_what_it_selects(mini: Timeline) -> None:
    selection = select(mini, build_query(mini, actors=["Quds Force"]))
    output = events_ics(selection, AT_NOW)
    assert output.count("BEGIN:VEVENT") == 1
    assert "UID:2007-karbala-raid@iwtimeline\r\n" in output


def test_the_registry_names_this_renderer() -> None:
    form = find_format("ical")
    assert form is not None and form.name == "ics" and form.extension == "ics"
    assert form.renderers["events"] == "ics:events_ics"


# --- parsed back by icalendar --------------------------------------------------------------


def test_mini_parses_back(mini: Timeline, icalendar: ModuleType) -> None:
    calendar = icalendar.Calendar.from_ical(events_ics(whole(mini), AT_NOW))
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Test timeline"
    parsed = vevents(calendar)
    assert [str(c["UID"]) for c in parsed] == [f"{e.id}@iwtimeline" for e in mini.events]
    for component, event in zip(parsed, mini.events, strict=True):
        assert str(component["SUMMARY"]) == event.title
        start, end = component["DTSTART"].dt, component["DTEND"].dt
        # dates, not datetimes: all-day entries, the end exclusive
        assert type(start) is date and type(end) is date
        assert (start, end) == (event.date.start, event.date.end + timedelta(days=1))
        assert event.status in categories(component)
        assert "STATUS" not in component  # iCalendar's STATUS means tentative/confirmed
        assert component["DTSTAMP"].dt == NOW.replace(tzinfo=timezone.utc)


def test_description_says_how_coarse_the_date_is(mini: Timeline, icalendar: ModuleType) -> None:
    calendar = icalendar.Calendar.from_ical(events_ics(whole(mini), AT_NOW))
    described = {str(c["UID"]): str(c["DESCRIPTION"]) for c in vevents(calendar)}
    assert described["2007-sanctions@iwtimeline"].startswith(
        "Date: autumn 2007 (season only; the calendar entry spans the whole season, "
        "1 Sep 2007 to 30 Nov 2007)\n"
    )
    karbala = described["2007-karbala-raid@iwtimeline"]
    assert "Quds Force (sponsor) [alleged by United States]" in karbala
    assert "United States (target)," in karbala  # as firm as the event: not marked
    assert "1. Raid report — Wire service, 21 Jan 2007\n   https://example.org/karbala" in karbala
    assert (
        "Status: disputed, claimed by United States"
        in described["2008-mahdi-army-disputed@iwtimeline"]
    )


def test_an_empty_selection_is_a_calendar_without_events(
    mini: Timeline, icalendar: ModuleType
) -> None:
    output = events_ics(Selection.of(mini, ()), AT_NOW)
    assert "VEVENT" not in output
    assert vevents(icalendar.Calendar.from_ical(output)) == []


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end", "words"),
    [
        (
            "2007-05-01/..",
            "20070501",
            "20070502",
            "Date: since 1 May 2007 (a span of time, open at its end; the calendar entry marks "
            "only its known start, 1 May 2007)",
        ),
        (
            "../2003",
            "20031231",
            "20040101",
            "Date: until 2003 (a span of time, open at its start; the calendar entry marks only "
            "its known end, 31 Dec 2003)",
        ),
        (
            "2006-12/2007",
            "20061201",
            "20080101",
            "Date: Dec 2006 – 2007 (a span of time; the calendar entry spans all of it, "
            "1 Dec 2006 to 31 Dec 2007)",
        ),
        (
            "2007-24",  # winter runs into the next year's February
            "20071201",
            "20080301",
            "Date: winter 2007 (season only; the calendar entry spans the whole season, "
            "1 Dec 2007 to 29 Feb 2008)",
        ),
        ("2007-01-20~", "20070120", "20070121", "Date: c. 20 Jan 2007 (exact day, approximate)"),
    ],
)
def test_dates_become_all_day_entries(
    mini: Timeline, text: str, start: str, end: str, words: str
) -> None:
    event = replace(mini.events[0], date=parse_edtf(text))
    output = events_ics(only(mini, event), AT_NOW)
    unfolded = output.replace("\r\n ", "")
    assert f"\r\nDTSTART;VALUE=DATE:{start}\r\nDTEND;VALUE=DATE:{end}\r\n" in unfolded
    assert f"DESCRIPTION:{escape_text(words)}\\n" in unfolded
    # an open end is never written as year 1 or 9999
    assert "00010101" not in output and "9999" not in output


def test_dtstamp_is_utc(mini: Timeline) -> None:
    tehran = timezone(timedelta(hours=3, minutes=30))
    aware = RenderOptions(now=datetime(2024, 1, 1, 2, 0, 0, tzinfo=tehran))
    assert "\r\nDTSTAMP:20231231T223000Z\r\n" in events_ics(whole(mini), aware)


def test_dtstamp_defaults_to_now(mini: Timeline) -> None:
    before = datetime.now(timezone.utc).replace(microsecond=0)
    output = events_ics(whole(mini), RenderOptions())
    after = datetime.now(timezone.utc)
    stamp = output.split("DTSTAMP:", 1)[1][:16]
    written = datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    assert before <= written <= after


# --- text: escaping, folding, URLs ---------------------------------------------------------


def test_escape_text() -> None:
    assert escape_text('a\\b;c,d\ne\r\nf:g"h') == 'a\\\\b\\;c\\,d\\ne\\nf:g"h'
    # a tab is allowed in TEXT; other controls cannot be written at all (the loader refuses them)
    assert escape_text("a\tb\x00c\x1bd") == "a\tb\ufffdc\ufffdd"


def test_a_line_of_75_octets_is_not_folded() -> None:
    assert fold("X" * 75) == "X" * 75
    assert fold("X" * 76) == "X" * 75 + "\r\n X"
    # 74 octets a continuation line, after its space
    assert fold("X" * 150) == "X" * 75 + "\r\n " + "X" * 74 + "\r\n X"


def test_folding_never_splits_a_character() -> None:
    # 73 ASCII octets then a four-octet emoji: it does not fit, so it moves to the next line
    assert fold("X" * 73 + "😀Y") == "X" * 73 + "\r\n 😀Y"
    # three-octet characters: 25 fill a line exactly
    assert fold("中" * 26) == "中" * 25 + "\r\n 中"
    # two-octet ones: 37 make 74 octets, and the 38th would need 76
    assert fold("م" * 38) == "م" * 37 + "\r\n م"


def test_folding_never_splits_an_escape() -> None:
    assert fold("X" * 74 + "\\,Y") == "X" * 74 + "\r\n \\,Y"
    # an escaped backslash ends the line whole; the comma's escape starts the next
    assert fold("X" * 73 + "\\\\\\,Y") == "X" * 73 + "\\\\\r\n \\,Y"


def test_url_property_is_an_ascii_uri(mini: Timeline, icalendar: ModuleType) -> None:
    event = mini.events[0]
    source = replace(event.sources[0], url="https://fa.wikipedia.org/wiki/شیعه?a=1,2;b")
    output = events_ics(only(mini, replace(event, sources=(source,))), AT_NOW)
    expected = "https://fa.wikipedia.org/wiki/%D8%B4%DB%8C%D8%B9%D9%87?a=1,2;b"
    assert f"\r\nURL:{expected}\r\n" in output
    (component,) = vevents(icalendar.Calendar.from_ical(output))
    assert str(component["URL"]) == expected
    # the description keeps the address as written
    assert "https://fa.wikipedia.org/wiki/شیعه?a=1,2;b" in str(component["DESCRIPTION"])


def test_location_joins_places(mini: Timeline, icalendar: ModuleType) -> None:
    event = replace(mini.events[0], places=(*mini.events[1].places, *mini.events[2].places))
    output = events_ics(only(mini, event), AT_NOW)
    assert "\r\nLOCATION:Tehran\\, Herat\r\n" in output
    (component,) = vevents(icalendar.Calendar.from_ical(output))
    assert str(component["LOCATION"]) == "Tehran, Herat"


# --- hostile text, round trip ---------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(selection=selections())
def test_round_trip_through_icalendar(selection: Selection) -> None:
    icalendar = pytest.importorskip("icalendar")
    output = events_ics(selection, AT_NOW)
    for line in physical_lines(output):
        assert len(line) <= LINE_OCTETS, line
        line.decode("utf-8")  # no character split by a fold
        assert b"\n" not in line and b"\r" not in line  # every break is CRLF
    calendar = icalendar.Calendar.from_ical(output)
    assert unescape_text(str(calendar["X-WR-CALNAME"])) == selection.timeline.header.title
    parsed = vevents(calendar)
    assert [str(c["UID"]) for c in parsed] == [f"{e.id}@iwtimeline" for e in selection.events]
    for component, event in zip(parsed, selection.events, strict=True):
        assert str(component["SUMMARY"]) == event.title
        first, last = component["DTSTART"].dt, component["DTEND"].dt - timedelta(days=1)
        if event.date.start == date.min:
            assert first == last == event.date.end
        elif event.date.end == date.max:
            assert first == last == event.date.start
        else:
            assert (first, last) == (event.date.start, event.date.end)
        assert categories(component) == [event.status, *event.tags]
        description = str(component["DESCRIPTION"])
        assert event.summary in description
        assert all(source.title in description for source in event.sources)
        if event.places:
            assert str(component["LOCATION"]) == ", ".join(p.name for p in event.places)
        else:
            assert "LOCATION" not in component
