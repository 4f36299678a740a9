"""The Markdown chronology: exact output on the fixture, footnotes, and text that stays text.

Output is checked with a real CommonMark parser (markdown-it-py, with GitHub's tables and
strikethrough and the footnote plugin): whatever a title or summary holds, it must come back as
the same plain text, in the list item of its event.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from iwtimeline.dates import parse_edtf
from iwtimeline.model import Event, Header, Involvement, Place, Source, Timeline
from iwtimeline.query import Selection, build_query, select
from iwtimeline.render import RenderOptions, find_format
from iwtimeline.render.markdown import escape, events_markdown

from .conftest import MINI as MINI_FILE
from .strategies import ACTORS, AWKWARD, selections

# markdown-it-py comes with Rich, its plugins with Textual: both are installed with the app
PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(footnote_plugin)
OPTIONS = RenderOptions()

# Written from tests/data/mini.yaml, event by event; footnotes in the order sources are first cited.
MINI = """\
# Test timeline

10 events.

## 1980

- **22 Sep 1980 – 20 Aug 1988** — Iran–Iraq War (documented; actor: Iran)[^1] `1980-war`\\
  The war between Iran and Iraq.

## 1982

- **c. 1982** — Badr formed in Iran (reported; actors: Badr Organization, Islamic Revolutionary \
Guard Corps; place: Tehran)[^2] `1982-badr-formed`\\
  The Badr Brigade was formed in Iran.

## 2001

- **late 2001** — Cooperation against the Taliban (reported; actors: Iran, United States; \
place: Herat)[^3] `2001-late-cooperation`\\
  Iran cooperated with the United States in Herat.

## 2003

- **Mar 2003** — Badr crosses into Iraq (reported; actor: Badr Organization; place: Basra)[^3] \
`2003-badr-crosses`\\
  Badr fighters entered Iraq from Iran.

## 2007

- **20 Jan 2007** — Gunmen raid the Karbala headquarters (documented; actors: United States \
(target), Quds Force (sponsor, alleged by United States); place: Karbala)[^4] \
`2007-karbala-raid`\\
  Gunmen killed five US soldiers in Karbala. US officials later said the Quds Force had helped \
plan the raid; Iran denied it.
- **11 Feb 2007** — US says Kata'ib Hezbollah used Iranian EFPs (alleged by United States; \
actors: United States (claimant), Kata'ib Hezbollah, Iran)[^5] `2007-kh-efp`\\
  US officials alleged that Iran supplied explosively formed penetrators. Iran denied it.
- **16 Aug 2007** — Iran shells PJAK positions (reported; actors: Iran, Party of Free Life of \
Kurdistan (target); place: Iraqi Kurdistan)[^6] `2007-pjak-shelling`\\
  Kurdish officials reported shelling.
- **autumn 2007** — Sanctions announced (documented; actors: United States, Islamic \
Revolutionary Guard Corps)[^7] `2007-sanctions`\\
  The United States announced sanctions in the autumn.

## 2008

- **2008** — Hezbollah trains militias (alleged by United States; actor: Hezbollah)[^6] \
`2008-hezbollah-training`\\
  Lebanese Hezbollah trained Iraqi fighters.
- **Jun 2008?** — Mahdi Army transformation (disputed, claimed by United States; actor: Mahdi \
Army)[^6] `2008-mahdi-army-disputed`\\
  Reports differ on when the Mahdi Army was reorganised.

[^1]: Iran–Iraq War — Wikipedia. <https://en.wikipedia.org/wiki/Iran%E2%80%93Iraq_War>
[^2]: Badr Organization — Wikipedia, 2008. <https://en.wikipedia.org/wiki/Badr_Organization>
[^3]: Seed.
[^4]: Raid report — Wire service, 21 Jan 2007. <https://example.org/karbala>
[^5]: Briefing. <https://example.org/briefing>
[^6]: Report.
[^7]: Treasury.
"""


def selection_of(*events: Event, title: str = "Hostile") -> Selection:
    timeline = Timeline(Header(title), ACTORS, tuple(events))
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


def folded(text: str) -> str:
    """Data text as the page shows it: line breaks, with the spaces around them, are one space."""
    return re.sub(r"[ \t]*\n[ \t]*", " ", text).strip(" \t")


# --- the fixture, exactly -------------------------------------------------------------------


def test_the_fixture_exactly(mini: Timeline) -> None:
    assert events_markdown(select(mini, build_query(mini)), OPTIONS) == MINI


def test_filters_are_said_and_footnotes_are_numbered_within_the_page(mini: Timeline) -> None:
    selection = select(mini, build_query(mini, actors=["Quds Force"], tags=["raid"]))
    assert events_markdown(selection, OPTIONS) == (
        "# Test timeline\n"
        "\n"
        "1 event · actor: Quds Force · tag: raid.\n"
        "\n"
        "## 2007\n"
        "\n"
        "- **20 Jan 2007** — Gunmen raid the Karbala headquarters (documented; actors: United "
        "States (target), Quds Force (sponsor, alleged by United States); place: Karbala)[^1] "
        "`2007-karbala-raid`\\\n"
        "  Gunmen killed five US soldiers in Karbala. US officials later said the Quds Force had "
        "helped plan the raid; Iran denied it.\n"
        "\n"
        "[^1]: Raid report — Wire service, 21 Jan 2007. <https://example.org/karbala>\n"
    )


def test_a_cut_list_says_so_and_the_filter_words_are_escaped(mini: Timeline) -> None:
    selection = select(mini, build_query(mini, actors=["irgc"], limit=1))
    first_lines = events_markdown(selection, OPTIONS).splitlines()[:3]
    assert first_lines == [
        "# Test timeline",
        "",
        "1 of 3 events · actor: Islamic Revolutionary Guard Corps \\(with Quds Force\\).",
    ]


def test_an_empty_selection_is_a_title_and_a_count(mini: Timeline) -> None:
    selection = select(mini, build_query(mini, years=[1990]))
    assert events_markdown(selection, OPTIONS) == "# Test timeline\n\n0 events · year: 1990.\n"


def test_the_registry_renders_markdown(mini: Timeline) -> None:
    form = find_format("md")
    assert form is not None and form.name == "markdown" and form.extension == "md"
    selection = select(mini, build_query(mini))
    assert form.render("events", selection) == MINI


def test_rendering_never_imports_rich() -> None:
    # a format for programs: Rich would only cost start-up time
    script = (
        "import sys\n"
        "from iwtimeline.load import load_timeline\n"
        "from iwtimeline.query import build_query, select\n"
        "from iwtimeline.render import RenderOptions\n"
        "from iwtimeline.render.markdown import events_markdown\n"
        f"timeline = load_timeline(__import__('pathlib').Path({str(MINI_FILE)!r}))\n"
        "events_markdown(select(timeline, build_query(timeline)), RenderOptions())\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


# --- headings and footnotes -----------------------------------------------------------------


def test_spans_open_at_the_start_are_listed_under_the_year_they_end() -> None:
    selection = selection_of(
        event(1, date=parse_edtf("../2003")),
        event(2, date=parse_edtf("2003-05/..")),
        event(3, date=parse_edtf("2005")),
    )
    headings = [line for line in events_markdown(selection, OPTIONS).splitlines() if "#" in line]
    assert headings == ["# Hostile", "## Until 2003", "## 2003", "## 2005"]
    assert "- **until 2003** — Title" in events_markdown(selection, OPTIONS)
    assert "- **since May 2003** — Title" in events_markdown(selection, OPTIONS)


def test_a_source_cited_twice_is_one_footnote() -> None:
    dated = Source("Same", "Publisher", "https://example.org/a", parse_edtf("2007-02"))
    twin = Source("Same", "Publisher", "https://example.org/a", parse_edtf("2007-02"))
    other_date = Source("Same", "Publisher", "https://example.org/a", parse_edtf("2007-03"))
    selection = selection_of(
        event(1, sources=(dated, Source("Second"))),
        event(2, sources=(Source("Second"), twin, other_date)),
    )
    output = events_markdown(selection, OPTIONS)
    assert ")[^1][^2] `event-1`" in output
    assert ")[^2][^1][^3] `event-2`" in output
    assert output.endswith(
        "[^1]: Same — Publisher, Feb 2007. <https://example.org/a>\n"
        "[^2]: Second.\n"
        "[^3]: Same — Publisher, Mar 2007. <https://example.org/a>\n"
    )


def test_parts_that_stand_apart_are_said() -> None:
    iran, us, quds, badr = ACTORS
    chosen = event(
        status="alleged",
        claimed_by=(us,),
        involvements=(
            Involvement(iran, "alleged", None, (us,)),
            Involvement(quds, "alleged", "sponsor", (iran,)),
            Involvement(badr, "disputed", None, (us, iran)),
        ),
    )
    output = events_markdown(selection_of(chosen), OPTIONS)
    assert (
        "(alleged by United States; actors: Iran, Quds Force (sponsor, alleged by Iran), "
        "Badr Organization (disputed, claimed by United States, Iran))[^1]"
    ) in output


# --- hostile text ---------------------------------------------------------------------------

HOSTILE_TITLES = [
    "<script>alert(1)</script>",
    "# not a heading",
    "*not emphasis* and _not either_ and **nor this**",
    "[not a link](https://evil.example) ![nor an image](x.png)",
    "`not code`",
    "| not | a | table |",
    "~~not struck~~",
    "&amp; &lt;b&gt; stays as written",
    "$x^2$ is no formula",
    "[^1] is no footnote",
    "a\\*b ends with a backslash\\",
    "=SUM(A1) +1 -2 @x",
    "first line\n- second line\n# third",
    "<https://autolink.example>",
    "{curly} (round) [square]",
]


def test_escaping_exactly() -> None:
    assert escape("*a* _b_ `c` [d](e) <f> &g; #h |i| ~j~ $k$ !l {m} \\n") == (
        "\\*a\\* \\_b\\_ \\`c\\` \\[d\\]\\(e\\) \\<f\\> \\&g; \\#h \\|i\\| \\~j\\~ "
        "\\$k\\$ \\!l \\{m\\} \\\\n"
    )
    assert escape("1. not a list", line_start=True) == "1\\. not a list"
    assert escape("2007. A year", line_start=True) == "2007\\. A year"
    assert escape("12-13 May", line_start=True) == "12-13 May"
    assert escape("- not an item", line_start=True) == "\\- not an item"
    assert escape("- mid-line", line_start=False) == "- mid-line"
    assert escape("=== no underline", line_start=True) == "\\=== no underline"
    assert escape(":-- no table", line_start=True) == "\\:-- no table"
    assert escape("one\n  two \r\nthree") == "one two three"
    assert escape("Kata'ib, “quoted”: 10.5%") == "Kata'ib, “quoted”: 10.5%"


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_a_hostile_title_is_plain_text(title: str) -> None:
    chosen = event(title=title, summary=title, places=(Place(title),))
    output = events_markdown(selection_of(chosen, title=title), OPTIONS)
    assert_plain_page(output, selection_of(chosen, title=title))


def test_a_hostile_source_is_plain_text_in_its_footnote() -> None:
    sources = tuple(Source(title, title, None) for title in HOSTILE_TITLES)
    selection = selection_of(event(sources=sources))
    assert_plain_page(events_markdown(selection, OPTIONS), selection)


@pytest.mark.parametrize(
    "summary",
    [
        "first\n---",
        "first\n===",
        "first\n:--",
        "| a | b |\n| --- | --- |\n| c | d |",
        "```\ncode\n```",
        "> quoted\n>> more",
        "    indented code",
        "1. one\n2) two\n+ three\n* four",
        "<div>\nblock\n</div>",
        "[ref]: https://evil.example\n[ref]",
        "[^9]: not a footnote",
    ],
)
def test_a_summary_cannot_start_a_block(summary: str) -> None:
    selection = selection_of(event(summary=summary, title=summary))
    assert_plain_page(events_markdown(selection, OPTIONS), selection)


# --- any text -------------------------------------------------------------------------------

# Text a data file may hold: no control characters but line breaks and tabs; stripped, as the
# loader strips it.
any_text = (
    st.text(st.characters(blacklist_categories=("Cc", "Cs")) | st.sampled_from("\n\t"))
    .map(str.strip)
    .filter(lambda text: folded(text) != "")
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(any_text, st.sampled_from(AWKWARD + HOSTILE_TITLES)), st.booleans())
def test_escaped_text_parses_back_to_itself(text: str, line_start: bool) -> None:
    # alone, at the start of a line, or after other text
    source = escape(text, line_start=True) if line_start else f"x {escape(text)}"
    tokens = PARSER.parse(source)
    assert [token.type for token in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert plain(tokens[1].children or []) == (folded(text) if line_start else f"x {folded(text)}")


@settings(max_examples=150, deadline=None)
@given(selections())
def test_no_data_text_makes_markdown_structure(selection: Selection) -> None:
    assert_plain_page(events_markdown(selection, OPTIONS), selection)


# --- what a page must be ----------------------------------------------------------------------

# what our own markup makes in an entry; anything else would have come from data
ENTRY_TOKENS = {"text", "strong_open", "strong_close", "footnote_ref", "code_inline", "hardbreak"}
# blocks a page is made of; no tables, quotes, code, HTML, rules or nested lists
PAGE_BLOCKS = {
    "heading_open",
    "heading_close",
    "paragraph_open",
    "paragraph_close",
    "inline",
    "bullet_list_open",
    "bullet_list_close",
    "list_item_open",
    "list_item_close",
    "footnote_block_open",
    "footnote_block_close",
    "footnote_open",
    "footnote_close",
    "footnote_anchor",
}


def assert_plain_page(output: str, selection: Selection) -> None:
    tokens = PARSER.parse(output)
    assert {token.type for token in tokens} <= PAGE_BLOCKS
    assert _heading(tokens, "h1") == [folded(selection.timeline.header.title)]
    assert all(re.fullmatch(r"(Until )?\d{4}", year) for year in _heading(tokens, "h2"))
    items = list(_list_items(tokens))
    assert len(items) == len(selection.events)
    for event, children in zip(selection.events, items, strict=True):
        _assert_entry(event, children)
    _assert_footnotes(output, tokens, selection)


def _assert_entry(event: Event, children: Sequence[Token]) -> None:
    types = [child.type for child in children]
    assert set(types) <= ENTRY_TOKENS, types
    assert (types.count("strong_open"), types.count("hardbreak")) == (1, 1)
    assert [c.content for c in children if c.type == "code_inline"] == [event.id]
    assert types.count("footnote_ref") == len(event.sources)  # each one defined
    strong, first_ref = types.index("strong_close"), types.index("footnote_ref")
    after_date = plain(children[strong + 1 : first_ref])
    assert after_date.startswith(f" — {folded(event.title)} ({event.status}")
    assert plain(children[types.index("hardbreak") + 1 :]) == folded(event.summary)


def _assert_footnotes(output: str, tokens: Sequence[Token], selection: Selection) -> None:
    """One definition per distinct source, numbered by first use, each with its own text."""
    cited = (source for event in selection.events for source in event.sources)
    distinct = list(dict.fromkeys(_key(source) for source in cited))
    definitions = re.findall(r"^\[\^(\d+)\]: ", output, flags=re.MULTILINE)
    assert definitions == [str(number) for number in range(1, len(distinct) + 1)]
    references = re.findall(r"\[\^(\d+)\](?!:)", output)
    assert list(dict.fromkeys(references)) == definitions
    texts = list(_footnote_texts(tokens))
    assert len(texts) == len(distinct)
    for (title, publisher, url, _), text in zip(distinct, texts, strict=True):
        assert text.startswith(folded(title))
        if publisher:
            assert f" — {folded(publisher)}" in text
        if url:
            assert text.endswith(f" {PARSER.normalizeLinkText(url)}")


def _key(source: Source) -> tuple[str, str | None, str | None, str | None]:
    when = None if source.date is None else source.date.text
    return (source.title, source.publisher, source.url, when)


def plain(children: Sequence[Token]) -> str:
    return "".join(child.content for child in children if child.type in ("text", "code_inline"))


def _heading(tokens: Sequence[Token], tag: str) -> list[str]:
    return [
        plain(tokens[i + 1].children or [])
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == tag
    ]


def _list_items(tokens: Sequence[Token]) -> Iterator[Sequence[Token]]:
    """The inline children of each list item's paragraph (an item holds one paragraph)."""
    for at, token in enumerate(tokens):
        if token.type == "list_item_open":
            assert tokens[at + 1].type == "paragraph_open"
            assert tokens[at + 3].type == "paragraph_close"
            assert tokens[at + 4].type == "list_item_close"
            yield tokens[at + 2].children or []


def _footnote_texts(tokens: Sequence[Token]) -> Iterator[str]:
    """Each footnote's text, with autolinks as their text; only autolinks may be links."""
    for at, token in enumerate(tokens):
        if token.type == "footnote_open":
            children = tokens[at + 2].children or []
            links = [child for child in children if child.type.startswith("link_")]
            assert all(link.markup == "autolink" for link in links)
            others = {child.type for child in children} - {"text", "link_open", "link_close"}
            assert not others, others
            yield plain(children)
