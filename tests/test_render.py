"""Renderers on their own: the registry, layout rules on the bundled data, styles, literal text."""

from __future__ import annotations

import io
import re
from importlib import import_module

import pytest
from rich.console import Console, RenderableType

from iwtimeline.dates import describe
from iwtimeline.load import load_timeline
from iwtimeline.model import Timeline
from iwtimeline.query import Selection, build_query, select
from iwtimeline.records import replace
from iwtimeline.render import DEFAULTS, FORMATS, RenderOptions, default_format, find_format
from iwtimeline.render.detail import event_detail
from iwtimeline.render.style import claim_text, involvement_text
from iwtimeline.render.table import events_table
from iwtimeline.render.tree import events_tree


def text_of(renderable: RenderableType, width: int) -> str:
    out = io.StringIO()
    Console(file=out, width=width, no_color=True, color_system=None, markup=False).print(
        renderable, crop=False
    )
    return out.getvalue()


@pytest.fixture(scope="module")
def bundled() -> Timeline:
    return load_timeline()


# --- the registry --------------------------------------------------------------------------


def test_every_renderer_the_registry_names_exists() -> None:
    for form in FORMATS:
        for subject, target in form.renderers.items():
            module, function = target.split(":")
            assert callable(getattr(import_module(f"iwtimeline.render.{module}"), function)), (
                form.name,
                subject,
            )


def test_formats_for_programs_are_never_paged_and_formats_for_people_are() -> None:
    for form in FORMATS:
        assert form.pageable is (form.audience == "people"), form.name
        assert form.extension and "." not in form.extension


def test_every_subject_has_a_default_for_people() -> None:
    for subject in DEFAULTS:
        form = default_format(subject)
        assert form.audience == "people" and form.can_render(subject)


def test_names_and_aliases_are_found_in_any_case() -> None:
    jsonl = find_format("jsonl")
    assert jsonl is not None and find_format("NDJSON") is jsonl and find_format(" Table ")
    assert find_format("xml") is None
    names = [name for form in FORMATS for name in form.names]
    assert len(names) == len(set(names))


# --- the table's layout on the real data ----------------------------------------------------


@pytest.mark.parametrize("width", [70, 80, 90, 100, 120, 160, 200])
def test_no_event_id_is_ever_broken_and_no_line_is_too_long(bundled: Timeline, width: int) -> None:
    selection = select(bundled, build_query(bundled))
    text = text_of(events_table(selection, RenderOptions()), width)
    words = set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", text))
    assert [e.id for e in bundled.events if e.id not in words] == []
    assert max(len(line) for line in text.splitlines()) <= width


@pytest.mark.parametrize("width", [100, 120, 200])
def test_from_100_columns_a_date_span_is_on_one_line(bundled: Timeline, width: int) -> None:
    spans = [e for e in bundled.events if e.date.span is not None]
    selection = select(bundled, build_query(bundled))
    lines = text_of(events_table(selection, RenderOptions()), width).splitlines()
    for event in spans:
        assert any(describe(event.date) in line for line in lines), describe(event.date)


def test_at_80_columns_a_wrapped_span_breaks_after_its_dash(bundled: Timeline) -> None:
    span = next(e for e in bundled.events if e.date.span and len(describe(e.date)) > 13)
    selection = Selection.of(bundled, (span,))
    first, last = describe(span.date).split(" – ")
    lines = text_of(events_table(selection, RenderOptions()), 80).splitlines()
    assert lines[2].startswith(f"{first} –") and lines[3].startswith(last)


# --- styles and literal text -----------------------------------------------------------------


def test_marks_keep_their_own_style_not_the_actors_colour(mini: Timeline) -> None:
    raid = next(e for e in mini.events if e.id == "2007-karbala-raid")
    quds = raid.involvements[1]
    text = involvement_text(quds, raid)
    assert text.plain == "Quds Force (sponsor) [alleged]"
    assert str(text.style) == ""  # the kind's colour is a span on the name, not the base style
    styles = {text.plain[span.start : span.end]: str(span.style) for span in text.spans}
    assert styles["Quds Force"] == "bright_red" and styles["alleged"] == "yellow"
    claim = claim_text("alleged", (mini.actor_by_id["united-states"],))
    assert claim.plain == "alleged by US" and str(claim.style) == ""


def test_a_part_as_firm_as_its_event_is_not_marked_nor_the_claimants(mini: Timeline) -> None:
    # the US makes the claim (its part reads "reported", yet is not marked: its role says it)
    efp = next(e for e in mini.events if e.id == "2007-kh-efp")
    assert efp.involvements[0].status == "reported"
    assert [involvement_text(i, efp).plain for i in efp.involvements] == [
        "US (claimant)",
        "Kata'ib Hezbollah",
        "Iran",
    ]


def test_data_is_shown_literally_not_as_markup(mini: Timeline) -> None:
    event = replace(mini.events[0], title="[bold red]Not markup[/] :smile:")
    assert "[bold red]Not markup[/] :smile:" in text_of(event_detail(event), 120)
    selection = Selection.of(mini, (event,))
    assert "[bold red]Not markup[/] :smile:" in text_of(
        events_table(selection, RenderOptions()), 120
    )


@pytest.mark.parametrize("width", [60, 80, 100, 200])
def test_no_actor_id_is_ever_broken(bundled: Timeline, width: int) -> None:
    from iwtimeline.render.actors import actors_table
    from iwtimeline.summaries import actor_report

    text = text_of(actors_table(actor_report(bundled), RenderOptions()), width)
    words = set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", text))
    assert [a.id for a in bundled.actors if a.id not in words] == []
    assert max(len(line) for line in text.splitlines()) <= width


@pytest.mark.parametrize("width", [60, 80, 118, 130, 160, 220])
def test_the_table_reads_the_same_painted_by_rich_and_written_plain(
    bundled: Timeline, width: int
) -> None:
    table = events_table(select(bundled, build_query(bundled)), RenderOptions())
    painted = "".join(line.rstrip(" ") + "\n" for line in text_of(table, width).splitlines())
    assert table.plain(width) == painted


@pytest.mark.parametrize("by", ["year", "actor", "tag"])
@pytest.mark.parametrize("filters", [{}, {"actors": ["Iran"]}, {"years": [2007]}])
def test_the_tree_written_plain_is_the_tree_rich_draws(
    bundled: Timeline, mini: Timeline, by: str, filters: dict[str, list[str] | list[int]]
) -> None:
    # the tree is drawn by Rich's Tree on a terminal; written plain, it is laid out by our code
    for timeline in (bundled, mini):
        tree = events_tree(select(timeline, build_query(timeline, **filters)), RenderOptions(by=by))  # type: ignore[arg-type]
        for width in (13, 24, 61, 100, 200):
            drawn = "".join(line.rstrip(" ") + "\n" for line in text_of(tree, width).splitlines())
            assert tree.plain(width) == drawn, (width, filters)


def test_a_tree_too_narrow_for_its_own_layout_is_left_to_rich(mini: Timeline) -> None:
    tree = events_tree(select(mini, build_query(mini)), RenderOptions())  # three levels deep
    assert tree.plain(12) is None and tree.plain(13) is not None
    assert text_of(tree, 12)  # Rich still draws something


def test_a_word_too_long_for_its_column_ends_in_an_ellipsis_and_fits(mini: Timeline) -> None:
    long_title = "A" * 200
    event = replace(mini.events[0], title=long_title)
    text = events_table(Selection.of(mini, (event,)), RenderOptions()).plain(80)
    assert all(len(line) <= 80 for line in text.splitlines())
    assert any("AAA…   " in line for line in text.splitlines())
