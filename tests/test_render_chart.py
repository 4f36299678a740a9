"""The swimlane chart: exact output on the mini fixture, layout, glyphs that need no colour."""

from __future__ import annotations

import io
import math
import re
from datetime import date
from fractions import Fraction
from typing import Any

import pytest
from rich.console import Console, RenderableType

from iwtimeline.load import parse_timeline
from iwtimeline.model import Timeline
from iwtimeline.query import build_query, select
from iwtimeline.render import RenderOptions, find_format
from iwtimeline.render.chart import ASCII, UNICODE, Glyphs, LanesChart, lanes_chart
from iwtimeline.render.spans import STATUS_STYLES
from iwtimeline.summaries import LaneBy, Lanes, lanes

# --- helpers ----------------------------------------------------------------------------------


def render(renderable: RenderableType, width: int, *, ascii_: bool = False) -> str:
    """The text a terminal without colour shows; ASCII glyphs when `ascii_` (by NO_COLOR)."""
    out = io.StringIO()
    console = Console(
        file=out, width=width, no_color=ascii_ or None, color_system=None, markup=False
    )
    console.print(renderable)
    return "\n".join(line.rstrip() for line in out.getvalue().splitlines())


def chart_of(
    timeline: Timeline, by: LaneBy = "actor", top: int | None = None, **query: Any
) -> Lanes:
    return lanes(select(timeline, build_query(timeline, **query)), by, top=top)


def rows(text: str) -> list[str]:
    """The lane rows: the lines before the axis."""
    lines = text.splitlines()
    axis = next(i for i, line in enumerate(lines) if re.search(r"[└+][┬─+-]", line.strip()[:2]))
    return lines[:axis]


def axis_lines(text: str) -> tuple[str, str]:
    lines = text.splitlines()
    axis = len(rows(text))
    return lines[axis], lines[axis + 1]


def plot_start(text: str) -> int:
    """The column of the plot's first cell (just after the left edge, the axis's corner)."""
    axis = axis_lines(text)[0]
    return len(axis) - len(axis.lstrip()) + 1


def plot_end(text: str) -> int:
    """The column just after the plot's last cell, where a marker of an open end goes."""
    return len(axis_lines(text)[0])


def row_of(text: str, label: str) -> str:
    return next(line for line in rows(text) if line.startswith(label))


def ticks(text: str) -> dict[str, int]:
    """Each tick label with the plot column of its tick."""
    axis, labels = axis_lines(text)
    start = plot_start(text)
    marks = [i - start for i, ch in enumerate(axis) if i >= start and ch in "┬+"]
    found = {}
    for match in re.finditer(r"[A-Z][a-z]{2} \d{4}|\S+", labels):
        column = match.start() - start
        if column in marks:
            found[match.group()] = column
    return found


OPEN_YAML = """
title: Open spans
actors:
  - {id: iran, name: Iran, kind: state}
  - {id: badr, name: "Badr \\u202eOrganization and a name too long for its column", kind: militia}
events:
  - {id: a, date: "2003/..", title: A, summary: s, actors: [iran], status: reported,
     sources: [{title: s}]}
  - {id: b, date: "../2004-06", title: B, summary: s, actors: [badr], status: documented,
     sources: [{title: s}]}
  - {id: c, date: "2005-07-01%", title: C, summary: s, actors: [badr], status: disputed,
     claimed_by: [iran], sources: [{title: s}]}
  - {id: d, date: "2001~/2002-06?", title: D, summary: s, actors: [iran], status: alleged,
     claimed_by: [badr], sources: [{title: s}]}
"""


@pytest.fixture(scope="module")
def opens() -> Timeline:
    return parse_timeline(OPEN_YAML)


# --- exact output, checked by hand against tests/data/mini.yaml -------------------------------
# At 80 columns the plot is 60 cells for the 29 years 1980-2008 (5.8 months a cell): the war
# (22 Sep 1980 - 20 Aug 1988) covers cells 1-17; 1982~ (Badr, IRGC) cells 4-6 and its ~ cell 7;
# March 2003 cell 47; 20 Jan 2007 cell 55, 11 Feb 2007 cell 56, 16 Aug and autumn 2007 cell 57;
# 2008 cells 57-59 (it shares 57 with late 2007), June 2008? cell 58 and its ? 59. In an actor's
# lane the actor's part decides: Quds Force's part in the documented Karbala raid is alleged, and
# the US's in the alleged EFP briefing (11 Feb 2007) is reported, as the claimant's.

MINI_80 = """\
Iran              │ █████████████████                          ══          ○◆
Badr Organization │    ═══~                                       ◆
IRGC              │    ═══~                                                 ━
US                │                                            ══         ●◆━
Quds Force        │                                                       ○
Kata'ib Hezbollah │                                                        ○
PJAK              │                                                         ◆
Hezbollah         │                                                         ┈┈┈
Mahdi Army        │                                                          ◇?
                  └┬─────────┬─────────┬──────────┬─────────┬─────────┬────────
                   1980      1985      1990       1995      2000      2005
documented   ● day/month   ━ year/season   █ span
reported     ◆ day/month   ═ year/season
alleged      ○ day/month   ┈ year/season
disputed     ◇ day/month
             ~ approximate   ? uncertain
10 events · 9 lanes by actor"""

MINI_80_ASCII = """\
Iran              | #################                          --          o+
Badr Organization |    ---~                                       +
IRGC              |    ---~                                                 =
US                |                                            --         *+=
Quds Force        |                                                       o
Kata'ib Hezbollah |                                                        o
PJAK              |                                                         +
Hezbollah         |                                                         ...
Mahdi Army        |                                                          x?
                  ++---------+---------+----------+---------+---------+--------
                   1980      1985      1990       1995      2000      2005
documented   * day/month   = year/season   # span
reported     + day/month   - year/season
alleged      o day/month   . year/season
disputed     x day/month
             ~ approximate   ? uncertain
10 events | 9 lanes by actor"""

# At 120 columns, 100 cells (3.48 months a cell), ticks every 2 years: the war covers cells
# 2-29; 20 Jan and 11 Feb 2007 share cell 93 (US: the documented raid wins over the alleged
# claim), autumn 2007 covers 95-96, 16 Aug 2007 is cell 95, 2008 covers 96-99.
MINI_120 = """\
Iran              │  ████████████████████████████                                            ══                 ○ ◆
Badr Organization │      ═════~                                                                   ◆
IRGC              │      ═════~                                                                                   ━━
US                │                                                                          ══                 ● ━━
Quds Force        │                                                                                             ○
Kata'ib Hezbollah │                                                                                             ○
PJAK              │                                                                                               ◆
Hezbollah         │                                                                                                ┈┈┈┈
Mahdi Army        │                                                                                                 ◇?
                  └┬─────┬──────┬──────┬──────┬──────┬──────┬──────┬──────┬──────┬─────┬──────┬──────┬──────┬──────┬───
                   1980  1982   1984   1986   1988   1990   1992   1994   1996   1998  2000   2002   2004   2006   2008
documented   ● day/month   ━ year/season   █ span
reported     ◆ day/month   ═ year/season
alleged      ○ day/month   ┈ year/season
disputed     ◇ day/month
             ~ approximate   ? uncertain
10 events · 9 lanes by actor"""  # noqa: E501 (the width under test)


def test_mini_by_actor_at_80_columns(mini: Timeline) -> None:
    chart = lanes_chart(chart_of(mini), RenderOptions())
    assert render(chart, 80) == MINI_80
    assert render(chart, 80, ascii_=True) == MINI_80_ASCII


def test_mini_by_actor_at_120_columns(mini: Timeline) -> None:
    chart = lanes_chart(chart_of(mini), RenderOptions())
    assert render(chart, 120) == MINI_120
    assert render(chart, 120, ascii_=True) == _to_ascii(MINI_120)


def _to_ascii(text: str) -> str:
    """The same chart in the ASCII set: one glyph for one glyph, and the caption's separator."""
    table: dict[str, str | int | None] = {
        UNICODE.marks[key]: ASCII.marks[key] for key in UNICODE.marks
    }
    for name in ("open_start", "open_end", "edge", "corner", "axis", "tick"):
        table[getattr(UNICODE, name)] = getattr(ASCII, name)
    return text.translate(str.maketrans(table)).replace(UNICODE.separator, ASCII.separator)


# --- layout properties ------------------------------------------------------------------------


@pytest.mark.parametrize("by", ["actor", "tag", "status", "place"])
def test_no_line_is_wider_than_the_width_and_every_lane_is_labelled(
    mini: Timeline, opens: Timeline, by: LaneBy
) -> None:
    for timeline in (mini, opens):
        drawn = chart_of(timeline, by)
        if not drawn.lanes:
            continue  # no places in `opens`
        chart = lanes_chart(drawn, RenderOptions())
        for width in range(60, 221):
            for ascii_ in (False, True):
                text = render(chart, width, ascii_=ascii_)
                assert max(len(line) for line in text.splitlines()) <= width, (by, width)
                labels = [line[: plot_start(text) - 2].rstrip() for line in rows(text)]
                assert len(labels) == len(drawn.lanes)
                for label, lane in zip(labels, drawn.lanes, strict=True):
                    ellipsis = ASCII.ellipsis if ascii_ else UNICODE.ellipsis
                    assert label == lane.label or (
                        label.endswith(ellipsis) and "Badr" in lane.label
                    ), (label, lane.label)


def test_the_plot_keeps_forty_cells_and_long_labels_are_cut_not_wrapped(opens: Timeline) -> None:
    chart = lanes_chart(chart_of(opens), RenderOptions())
    for width in (60, 80, 200):
        text = render(chart, width)
        assert plot_end(text) - plot_start(text) >= 40
        badr = row_of(text, "Badr")
        # hidden characters from the data are shown escaped, the label cut with an ellipsis
        assert badr.startswith("Badr <U+202E>Org") and "…" in badr
        assert "\u202e" not in text
        assert len(rows(text)) == 2


def test_a_span_covers_the_columns_of_its_interval(mini: Timeline) -> None:
    chart = lanes_chart(chart_of(mini), RenderOptions())
    for width in (60, 80, 100, 120, 160, 200, 220):
        text = render(chart, width)
        start = plot_start(text)
        cells = plot_end(text) - start
        iran = row_of(text, "Iran")[start:]
        bar = [i for i, ch in enumerate(iran) if ch == "█"]
        # 22 Sep 1980 .. 20 Aug 1988 on a plot of 1980-2008, in months, exact (22 Sep 1980
        # falls exactly on the boundary of two cells when there are 40)
        first = math.floor(Fraction(8 * 30 + 21, 30) / 348 * cells)
        last = math.ceil(Fraction((8 * 12 + 7) * 31 + 20, 31) / 348 * cells) - 1
        assert bar == list(range(first, last + 1)), width
        # and the ticks agree: every year tick from 1981 to 1988 lies under the bar, 1990 not
        for label, column in ticks(text).items():
            if 1981 <= int(label) <= 1988:
                assert iran[column] == "█", (width, label)
            if int(label) >= 1990:
                assert column > last


def test_an_open_span_runs_to_the_edge_and_ends_in_a_marker(opens: Timeline) -> None:
    chart = lanes_chart(chart_of(opens), RenderOptions())
    for width in (60, 80, 200):
        text = render(chart, width)
        start, end = plot_start(text), plot_end(text)
        iran = row_of(text, "Iran")
        assert iran[end] == "▶" and iran[end - 1] == "▓"  # reported, open at its end
        badr = row_of(text, "Badr")
        assert badr[start - 1] == "◀" and badr[start] == "█"  # documented, open at its start
        assert "◀ goes on before" in text and "▶ goes on after" in text
        ascii_text = render(chart, width, ascii_=True)
        assert (
            row_of(ascii_text, "Iran")[end] == ">" and row_of(ascii_text, "Badr")[start - 1] == "<"
        )
        assert "< goes on before" in ascii_text and "> goes on after" in ascii_text


def test_qualifiers_follow_their_mark(mini: Timeline, opens: Timeline) -> None:
    text = render(lanes_chart(chart_of(mini), RenderOptions()), 100)
    assert re.search(r"═+~", row_of(text, "Badr"))  # 1982~, reported
    assert "◇?" in row_of(text, "Mahdi")  # 2008-06?, disputed
    text = render(lanes_chart(chart_of(opens), RenderOptions()), 100)
    assert "◇~?" in row_of(text, "Badr")  # 2005-07-01%: approximate and uncertain
    assert re.search(r"░+~\?", row_of(text, "Iran"))  # 2001~/2002-06?, a span


def test_a_selection_under_three_years_gets_month_ticks(mini: Timeline) -> None:
    for width in (60, 80, 120, 200):
        text = render(lanes_chart(chart_of(mini, start="2007", end="2008"), RenderOptions()), width)
        labels = list(ticks(text))
        assert labels[0] == "Jan 2007", width
        assert "Jan 2008" in labels
        assert all(re.fullmatch(r"[A-Z][a-z]{2}(?: \d{4})?", label) for label in labels)
        if width >= 120:
            assert len(labels) > 4  # more than the Januaries and Julys
    # three years or more: years
    text = render(lanes_chart(chart_of(mini, start="2001", end="2008"), RenderOptions()), 80)
    assert all(re.fullmatch(r"\d{4}", label) for label in ticks(text))


@pytest.mark.parametrize("ascii_", [False, True])
def test_the_legend_lists_exactly_the_glyphs_drawn(
    mini: Timeline, opens: Timeline, ascii_: bool
) -> None:
    glyphs = ASCII if ascii_ else UNICODE
    charts = [chart_of(mini, by) for by in ("actor", "tag", "status", "place")]
    charts += [chart_of(mini, start="2007", end="2008"), chart_of(opens), chart_of(mini, top=2)]
    for drawn in charts:
        for width in (60, 80, 200):
            text = render(lanes_chart(drawn, RenderOptions()), width, ascii_=ascii_)
            plot = "".join(line[plot_start(text) :] for line in rows(text))
            drawn_glyphs = set(plot) & set(glyphs.marks.values())
            legend = text.splitlines()[len(rows(text)) + 2 : -1]
            listed = {
                m.group(1)
                for line in legend
                for m in re.finditer(r"(\S) (?:day/month|year/season|span)", line)
            }
            assert listed == drawn_glyphs, (drawn.by, width)
            for sign, word in (("~", "approximate"), ("?", "uncertain")):
                assert (sign in plot) == (f"{sign} {word}" in text)
            start, end = plot_start(text), plot_end(text)
            starts = {line[start - 1] for line in rows(text)}
            ends = {line[end : end + 1] for line in rows(text)}
            assert (glyphs.open_start in starts) == (f"{glyphs.open_start} goes on before" in text)
            assert (glyphs.open_end in ends) == (f"{glyphs.open_end} goes on after" in text)


def test_the_legend_pairs_each_glyph_with_its_status(mini: Timeline) -> None:
    text = render(lanes_chart(chart_of(mini), RenderOptions()), 80)
    lines = text.splitlines()
    assert "documented   ● day/month   ━ year/season   █ span" in lines
    assert "alleged      ○ day/month   ┈ year/season" in lines


# --- glyphs tell status and precision apart without colour ------------------------------------


@pytest.mark.parametrize("glyphs", [UNICODE, ASCII])
def test_every_status_and_precision_has_its_own_glyph(glyphs: Glyphs) -> None:
    marks = list(glyphs.marks.values())
    assert len(marks) == len(set(marks)) == 12
    others = {glyphs.open_start, glyphs.open_end, glyphs.edge, "~", "?", " "}
    assert not others & set(marks)
    if glyphs is ASCII:
        assert all(ch.isascii() for ch in "".join(marks) + "".join(others))


def test_without_colour_alleged_and_documented_events_look_different(mini: Timeline) -> None:
    # Karbala: a documented raid (US lane), Quds Force's part in it alleged: same day, same cell
    for ascii_ in (False, True):
        text = render(lanes_chart(chart_of(mini), RenderOptions()), 80, ascii_=ascii_)
        start = plot_start(text)
        us, quds = row_of(text, "US")[start:], row_of(text, "Quds Force")[start:]
        column = len(quds.rstrip()) - 1
        glyphs = ASCII if ascii_ else UNICODE
        assert us[column] == glyphs.marks["documented", "point"]
        assert quds[column] == glyphs.marks["alleged", "point"]
    # by status: no glyph of the documented lane is drawn in the alleged lane
    for ascii_ in (False, True):
        text = render(lanes_chart(chart_of(mini, "status"), RenderOptions()), 80, ascii_=ascii_)
        start = plot_start(text)
        documented = set(row_of(text, "documented")[start:]) - {" "}
        alleged = set(row_of(text, "alleged")[start:]) - {" "}
        assert documented and alleged and not documented & alleged


def test_colour_follows_status(mini: Timeline) -> None:
    drawn = chart_of(mini, "status")
    lines = LanesChart(drawn).lines(80, UNICODE)
    assert len(drawn.lanes) == 4
    for line in lines[:4]:
        status = line.plain.split()[0]
        glyph_styles = {
            str(span.style) for span in line.spans if line.plain[span.start : span.end].strip()
        }
        assert STATUS_STYLES[status] in glyph_styles


# --- ASCII fallback ---------------------------------------------------------------------------


def test_no_color_in_the_environment_read_at_render_time_gives_ascii(
    mini: Timeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    chart = lanes_chart(chart_of(mini), RenderOptions())
    out = io.StringIO()
    console = Console(file=out, width=80, color_system=None)
    monkeypatch.setenv("NO_COLOR", "1")
    console.print(chart)
    assert "\n".join(line.rstrip() for line in out.getvalue().splitlines()) == MINI_80_ASCII


def test_a_terminal_without_utf8_gets_ascii(mini: Timeline) -> None:
    raw = io.BytesIO()
    latin = io.TextIOWrapper(raw, encoding="latin-1")
    Console(file=latin, width=80, color_system=None).print(
        lanes_chart(chart_of(mini), RenderOptions())
    )
    latin.flush()
    text = raw.getvalue().decode("latin-1")
    assert text.isascii()
    assert "\n".join(line.rstrip() for line in text.splitlines()) == MINI_80_ASCII


# --- the rest -----------------------------------------------------------------------------------


def test_an_empty_chart_says_so(mini: Timeline) -> None:
    empty = chart_of(mini, texts=["no such words anywhere"])
    assert empty.lanes == ()
    assert render(lanes_chart(empty, RenderOptions()), 80) == "No events to chart."


def test_lanes_left_out_by_top_are_counted(mini: Timeline) -> None:
    text = render(lanes_chart(chart_of(mini, top=3), RenderOptions()), 80)
    assert text.splitlines()[-1] == "10 events · 3 lanes by actor · 6 more lanes not shown (--top)"
    assert len(rows(text)) == 3


def test_the_caption_names_the_filters(mini: Timeline) -> None:
    text = render(lanes_chart(chart_of(mini, "tag", start="2007", end="2008"), RenderOptions()), 80)
    assert text.splitlines()[-1] == "6 events · 2007-01-01 to 2008-12-31 · 6 lanes by tag"


def test_the_registry_draws_lanes_as_a_chart(mini: Timeline) -> None:
    chart = find_format("chart")
    assert chart is not None
    assert render(chart.render("lanes", chart_of(mini)), 80) == MINI_80


def test_a_scale_never_goes_past_its_cells() -> None:
    from iwtimeline.render.chart import Scale

    scale = Scale(first=1980 * 12, months=29 * 12, width=60, monthly=False)
    assert scale.column(date(1980, 1, 1)) == 0 and scale.last_column(date(2008, 12, 31)) == 59
    assert scale.column(date(1, 1, 1)) == 0 and scale.last_column(date(9999, 12, 31)) == 59
    for day in (date(1985, 1, 1), date(1990, 1, 1), date(2005, 1, 1)):
        assert scale.column(day) == (day.year - 1980) * 12 * 60 // 348  # exact on 1 January
