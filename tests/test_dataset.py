"""The bundled dataset keeps the rules DATA.md promises, entry by entry."""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from datetime import date
from itertools import combinations
from pathlib import Path

import pytest
import yaml

from iwtimeline.load import load_timeline
from iwtimeline.model import Event, Source, Timeline
from iwtimeline.names import fold
from iwtimeline.paths import bundled_data_path
from iwtimeline.query import find_actor, find_place

SCHEMA = Path(__file__).parents[1] / "src" / "iwtimeline" / "data" / "events.schema.json"
SCOPE = (date(1980, 1, 1), date(2008, 12, 31))
SEED = "https://en.wikipedia.org/wiki/Iranian_involvement_in_the_Iraq_War"


@pytest.fixture(scope="module")
def data() -> Timeline:
    return load_timeline(bundled_data_path())


def by_id(data: Timeline) -> dict[str, Event]:
    return {event.id: event for event in data.events}


def test_the_file_is_valid_against_the_json_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    document = yaml.load(bundled_data_path().read_text(), Loader=yaml.BaseLoader)
    jsonschema.validate(document, json.loads(SCHEMA.read_text()))


def test_the_first_line_points_editors_at_the_schema() -> None:
    first = bundled_data_path().read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=src/iwtimeline/data/events.schema.json"


def test_size(data: Timeline) -> None:
    assert len(data.events) >= 120
    assert len(data.actors) >= 35


def test_ids_are_unique(data: Timeline) -> None:
    # the loader refuses duplicates; this guards the rule should that ever change
    assert len({e.id for e in data.events}) == len(data.events)
    assert len({a.id for a in data.actors}) == len(data.actors)


def test_every_date_lies_within_1980_to_2008(data: Timeline) -> None:
    outside = [e.id for e in data.events if e.date.start < SCOPE[0] or e.date.end > SCOPE[1]]
    assert outside == []


def test_every_year_of_the_period_has_an_event_of_its_own(data: Timeline) -> None:
    # a long span (the eight-year war) touches many years without being an event of any of them
    own = {e.date.start.year for e in data.events if (e.date.end - e.date.start).days < 366}
    assert set(range(1980, 2009)) - own == set()


def test_every_event_cites_a_titled_source_with_a_url(data: Timeline) -> None:
    for event in data.events:
        assert event.sources, event.id
        assert all(source.title for source in event.sources), event.id
        assert any(source.url for source in event.sources), event.id


# Events for which no original or archived non-Wikipedia source could be found (DATA.md).
WITHOUT_AN_ORIGINAL = {
    "1982-unsc-resolution-522",
    "1988-mek-operation-aftab",
    "1988-unsc-resolution-612",
    "1989-un-joint-meeting-iran-iraq-ministers",
    "2004-abtahi-says-iran-helped-us-topple-kabul-baghdad",
}


def is_wikipedia(source: Source) -> bool:
    return "wikipedia" in f"{source.publisher} {source.url}".lower()


def has_an_original(event: Event) -> bool:
    return any(s.url_type in ("original", "archive") and not is_wikipedia(s) for s in event.sources)


def test_every_url_says_whether_it_is_the_original_or_a_copy(data: Timeline) -> None:
    for event in data.events:
        for source in event.sources:
            if source.url:
                assert source.url_type, (event.id, source.title)
            if source.url_type in ("repost", "mirror"):
                assert source.host, (event.id, source.title)


def test_events_without_an_original_source_are_the_known_few(data: Timeline) -> None:
    without = {event.id for event in data.events if not has_an_original(event)}
    assert without == WITHOUT_AN_ORIGINAL
    assert len(without) / len(data.events) <= 0.02


def test_no_contested_claim_rests_on_the_seed_article_alone(data: Timeline) -> None:
    for event in data.events:
        if event.status in ("alleged", "disputed"):
            assert any(source.url != SEED for source in event.sources), event.id


def test_allegations_say_who_makes_them(data: Timeline) -> None:
    for event in data.events:
        if event.status in ("alleged", "disputed"):
            assert event.claimed_by, event.id


def test_no_two_events_share_a_date_and_a_near_identical_title(data: Timeline) -> None:
    same_date: dict[tuple[date, date], list[Event]] = {}
    for event in data.events:
        same_date.setdefault((event.date.start, event.date.end), []).append(event)
    for events in same_date.values():
        for a, b in combinations(events, 2):
            similarity = difflib.SequenceMatcher(None, fold(a.title), fold(b.title)).ratio()
            assert similarity < 0.8, (a.id, b.id)


def test_every_actor_is_used_or_kept_as_context(data: Timeline) -> None:
    used = {actor.id for event in data.events for actor in (*event.actors, *event.claimed_by)}
    # an actor may appear only as the one who makes a claim about another's part
    used |= {c.id for event in data.events for i in event.involvements for c in i.claimed_by}
    for actor in data.actors:
        assert (actor.id in used) != actor.context, (
            f"{actor.id}: {'unused and not' if actor.id not in used else 'used but'} "
            "marked as context"
        )


def test_a_claimed_part_in_a_firm_event_names_who_claims_it(data: Timeline) -> None:
    # the loader enforces this; the test keeps the rule visible beside DATA.md's other promises
    for event in data.events:
        for involvement in event.involvements:
            if involvement.status in ("alleged", "disputed"):
                assert involvement.claimed_by, (event.id, involvement.actor.id)


def test_the_parts_only_alleged_in_documented_events_are_marked(data: Timeline) -> None:
    # the involvement review of issue 6: a documented raid with an alleged sponsor, and others
    expected = {
        "2007-karbala-pjcc-raid": {"asaib-ahl-al-haq": "alleged", "quds-force": "alleged"},
        "2007-irbil-liaison-office-raid": {"quds-force": "alleged"},
        "2006-samarra-askari-shrine-bombing": {"al-qaeda-in-iraq": "alleged"},
        "2007-britons-kidnapped-finance-ministry": {"quds-force": "disputed", "iran": "disputed"},
    }
    events = by_id(data)
    for event_id, parts in expected.items():
        event = events[event_id]
        assert event.status == "documented"
        for actor_id, status in parts.items():
            involvement = event.involvement(data.actor_by_id[actor_id])
            assert involvement is not None and involvement.status == status, (event_id, actor_id)


# people whose affiliation has no entry of its own in the registry (a king, a Swiss envoy, ...)
UNAFFILIATED = {
    "abdullah-ii-of-jordan",
    "ali-al-sistani",
    "amir-hussein-zamani",
    "kazem-al-haeri",
    "tim-guldimann",
}


def test_every_person_belongs_to_something_in_the_registry(data: Timeline) -> None:
    alone = {a.id for a in data.actors if a.kind == "person" and not a.relations}
    assert alone == UNAFFILIATED


def test_every_relation_points_at_a_registered_actor(data: Timeline) -> None:
    for actor in data.actors:
        for relation in actor.relations:
            assert relation.actor_id in data.actor_by_id, (actor.id, relation.actor_id)


# --- text --------------------------------------------------------------------------------

_ABBREVIATION = re.compile(
    r"\b(?:Lt|Gen|Maj|Col|Capt|Brig|Adm|Sgt|Mr|Mrs|Dr|St|No|Jr|Sr|U\.S|U\.N|U\.K|e\.g|i\.e|vs"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z])\."
)


def sentences(text: str) -> list[str]:
    masked = _ABBREVIATION.sub(lambda m: m.group().replace(".", "§"), text)
    return [s for s in re.split(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z\"“(0-9])", masked) if s.strip()]


def test_the_sentence_counter_knows_abbreviations() -> None:
    assert len(sentences("Lt. Gen. James Dubik said so. Iran agreed. U.S. troops left.")) == 3


def test_summaries_are_one_to_three_sentences(data: Timeline) -> None:
    long = [e.id for e in data.events if not 1 <= len(sentences(e.summary)) <= 3]
    assert long == []


def test_ids_fit_a_table_at_70_columns(data: Timeline) -> None:
    # the table never breaks an id; at 70 columns the id column holds 53 characters
    assert [e.id for e in data.events if len(e.id) > 53] == []


def test_titles_are_short(data: Timeline) -> None:
    assert [e.id for e in data.events if len(e.title) > 80] == []


def test_no_placeholder_text(data: Timeline) -> None:
    for event in data.events:
        for text in (event.title, event.summary, *(s.title for s in event.sources)):
            assert not re.search(r"\[(?:headline|title)[^\]]*\]|TODO|TBD|XXX", text), event.id


# --- names readers will type ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "actor_id"),
    [
        ("Badr Corps", "badr"),
        ("Badr Brigade", "badr"),
        ("Badr Organization", "badr"),
        ("Kata'ib Hezbollah", "kataib-hezbollah"),
        ("Hezbollah Brigades", "kataib-hezbollah"),
        ("Asa'ib Ahl al-Haq", "asaib-ahl-al-haq"),
        ("League of the Righteous", "asaib-ahl-al-haq"),
        ("Khazali Network", "asaib-ahl-al-haq"),
        ("Mahdi Army", "mahdi-army"),
        ("Jaysh al-Mahdi", "mahdi-army"),
        ("IRGC", "irgc"),
        ("Pasdaran", "irgc"),
        ("Quds Force", "quds-force"),
        ("Qods Force", "quds-force"),
        ("PJAK", "pjak"),
        ("Party of Free Life of Kurdistan", "pjak"),
        ("PEJAK", "pjak"),
        ("SCIRI", "sciri"),
        ("SIIC", "sciri"),
        ("Promised Day Brigade", "promised-day-brigade"),
        ("Hezbollah", "hezbollah"),
        ("MEK", "mek"),
    ],
)
def test_sources_names_for_actors_find_them(data: Timeline, typed: str, actor_id: str) -> None:
    assert find_actor(data, typed).id == actor_id


@pytest.mark.parametrize(
    ("typed", "place"), [("Erbil", "Irbil"), ("Arbil", "Irbil"), ("Basrah", "Basra")]
)
def test_place_variants_find_the_one_spelling(data: Timeline, typed: str, place: str) -> None:
    assert find_place(data, typed).name == place


def test_places_are_spelt_one_way(data: Timeline) -> None:
    spellings = Counter(fold(name) for p in data.places for name in (p.name, *p.aliases))
    assert [name for name, count in spellings.items() if count > 1] == []


# the article the dataset was started from (tests/data/SEED.md)
SEED_ARTICLE = Path(__file__).parent / "data" / "seed-article.txt"
RUN = 10  # words in a row that would make a sentence a copy


def words_of(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:['’][a-z]+)?", text.lower())


def test_no_title_summary_or_date_note_copies_the_seed_article(data: Timeline) -> None:
    seed = words_of(SEED_ARTICLE.read_text(encoding="utf-8"))
    runs = {tuple(seed[i : i + RUN]) for i in range(len(seed) - RUN + 1)}
    copied = []
    for event in data.events:
        for field in ("title", "summary", "date_note"):
            found = words_of(getattr(event, field) or "")
            if any(tuple(found[i : i + RUN]) in runs for i in range(len(found) - RUN + 1)):
                copied.append((event.id, field))
    assert copied == []


# --- the seed article's dated facts are all there -----------------------------------------

SEED_FACTS = {
    "Iraq invades Iran, September 1980": "1980-iraq-invades-iran",
    "the war ends in 1988": "1988-ceasefire-ends-iran-iraq-war",
    "Iraqi chemical attacks on troops": "1983-iraqi-chemical-warfare-against-iranian-forces",
    "US intelligence to Iraq, 1987-88": "1987-us-intelligence-aided-iraqi-chemical-offensives",
    "foreign firms and Iraq's chemical weapons": "1980-foreign-firms-supply-iraqi-chemical-weapons",
    "declassified 1991 CIA estimate": "1991-cia-estimate-iranian-chemical-casualties",
    "US sponsors Iraqi exiles after the Gulf War": "1992-us-backed-iraqi-national-congress-formed",
    "Iran condemns 9/11": "2001-iran-condemns-september-11-attacks",
    "cooperation against the Taliban, late 2001": "2001-iran-us-cooperation-against-taliban",
    "Herat": "2001-herat-falls-iran-backed-ismail-khan",
    "axis of evil": "2002-axis-of-evil-speech",
    "Iranian leaders condemn the remark": "2002-iranian-leaders-condemn-axis-of-evil",
    "Zamani delegation, January 2002": "2002-zamani-delegation-baghdad-pow-talks",
    "back-channel assurances before the invasion": "2003-khalilzad-zarif-geneva-talks",
    "Badr and IRGC cross into Iraq, 2003": "2003-badr-and-irgc-cross-into-iraq",
    "Hadi al-Amiri as intermediary": "2003-hadi-al-amiri-intermediary",
    "Fallujah": "2004-sciri-militiamen-fight-at-fallujah",
    "SCIRI and Dawa take senior posts": "2003-iraqi-governing-council-formed",
    "Wolf Brigade in Mosul": "2004-wolf-brigade-fights-in-mosul",
    "the Special Groups": "2006-special-groups-emerge",
    "Hezbollah's Unit 3800": "2005-hezbollah-unit-3800-formed",
    "detention of five Iranian officials in Irbil": "2007-irbil-liaison-office-raid",
    "Karbala provincial headquarters raid": "2007-karbala-pjcc-raid",
    "Pentagon examines Iranian support for the raid": "2007-pentagon-probes-iran-karbala-link",
    "al-Maliki says Iran supports attacks": "2007-maliki-says-iran-behind-attacks",
    "kill or capture": "2007-kill-or-capture-policy-reported",
    "catch and release; 150 intelligence officers": "2007-catch-and-release-iranian-agents",
    "coalition targets Quds Force operatives": "2007-coalition-targets-quds-operatives",
    "US accusations about EFPs": "2007-us-efp-briefing-baghdad",
    "shelling of PJAK from 16 August 2007": "2007-iran-shells-pjak-iraqi-kurdistan",
    "incursion of 23 August 2007": "2007-iranian-border-incursion-kurdistan",
    "autumn 2007 sanctions": "2007-us-sanctions-irgc-quds-force",
    "Dubik praises Iran, 21 November 2007": "2007-dubik-credits-iran",
    "2008 Combating Terrorism Center report": "2008-ctc-iranian-strategy-report",
}


@pytest.mark.parametrize(("fact", "event_id"), SEED_FACTS.items())
def test_the_seed_articles_dated_facts_are_in_the_timeline(
    data: Timeline, fact: str, event_id: str
) -> None:
    assert event_id in by_id(data), fact


def test_seed_dates_as_the_sources_give_them(data: Timeline) -> None:
    events = by_id(data)
    assert events["1980-iraq-invades-iran"].date.text == "1980-09-22"
    assert events["2007-iran-shells-pjak-iraqi-kurdistan"].date.text == "2007-08-16"
    assert events["2007-iranian-border-incursion-kurdistan"].date.text == "2007-08-23"
    assert events["2007-dubik-credits-iran"].date.text == "2007-11-21"
    assert events["2007-us-sanctions-irgc-quds-force"].date.overlaps(
        date(2007, 9, 1), date(2007, 11, 30)
    )  # the seed's "autumn of 2007"
    assert events["2007-iranian-border-incursion-kurdistan"].status == "alleged"
