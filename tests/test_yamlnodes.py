"""The generic YAML layer: composing safely into located nodes; readers that collect problems."""

from __future__ import annotations

import textwrap

import pytest
from yaml import MappingNode, Node, ScalarNode

from iwtimeline.errors import DataFileInvalid, Problem
from iwtimeline.yamlnodes import (
    NULL_TAG,
    STR_TAG,
    NodeReader,
    child,
    compose,
    is_empty_list,
    is_null,
    line_of,
)


def node(text: str) -> Node:
    root = compose(textwrap.dedent(text))
    assert root is not None
    return root


def value_of(text: str) -> Node:
    """The node of `value:` in a one-key document, so that it starts on line 1."""
    root = node(f"value: {text}\n")
    assert isinstance(root, MappingNode)
    value: Node = root.value[0][1]
    return value


def problems_of(reader: NodeReader) -> list[tuple[int | None, str, str]]:
    return [(p.line, p.field, p.message) for p in reader.problems]


def read(method: str, text: str) -> tuple[object, list[tuple[int | None, str, str]]]:
    """Read the value of `value: <text>` with one of NodeReader's readers."""
    reader = NodeReader()
    result = getattr(reader, method)(value_of(text), "value")
    return result, problems_of(reader)


# --- composing ------------------------------------------------------------------------------


def test_every_scalar_stays_the_text_the_author_wrote() -> None:
    root = node("""\
        a: 2007
        b: 2007-08-16
        c: no
        d: 1.0
        e: 0x1F
    """)
    assert isinstance(root, MappingNode)
    values = {key.value: value for key, value in root.value}
    assert {key: value.value for key, value in values.items()} == {
        "a": "2007",
        "b": "2007-08-16",
        "c": "no",
        "d": "1.0",
        "e": "0x1F",
    }
    assert {value.tag for value in values.values()} == {STR_TAG}


@pytest.mark.parametrize("written", ["", "~", "null", "Null", "NULL"])
def test_only_blank_and_tilde_and_null_resolve_to_null(written: str) -> None:
    blank = value_of(written)
    assert is_null(blank)


def test_a_quoted_null_is_text() -> None:
    assert not is_null(value_of('"~"'))


def test_nodes_know_their_line() -> None:
    root = node("""\
        first: 1

        third:
          - x
    """)
    assert isinstance(root, MappingNode)
    assert [line_of(key) for key, _ in root.value] == [1, 3]
    assert line_of(root.value[1][1].value[0]) == 4
    assert line_of(None) is None


def test_an_empty_document_composes_to_nothing() -> None:
    assert compose("") is None
    assert compose("# only a comment\n") is None


def test_a_syntax_error_is_a_problem_with_its_line() -> None:
    with pytest.raises(DataFileInvalid) as caught:
        compose("a: 1\nb: [unclosed\n", "f.yaml")
    assert caught.value.source == "f.yaml"
    (problem,) = caught.value.problems
    assert problem.line == 3 and problem.field == ""
    assert problem.message.startswith("invalid YAML: ")


def test_a_tab_indent_is_a_syntax_problem() -> None:
    with pytest.raises(DataFileInvalid) as caught:
        compose("a:\n\t- x\n")
    assert caught.value.problems[0].line == 2


def test_composing_builds_no_objects_whatever_the_tag() -> None:
    root = node("a: !!python/object/apply:os.system [echo hacked]\n")
    assert isinstance(root, MappingNode)
    command = root.value[0][1]
    assert command.tag == "tag:yaml.org,2002:python/object/apply:os.system"
    assert [item.value for item in command.value] == ["echo hacked"]


# --- mappings and lists ---------------------------------------------------------------------


def test_a_mapping_gives_its_fields_and_reports_unknown_twice_and_missing() -> None:
    root = node("""\
        thing:
          name: A
          colour: red
          name: B
          note:
    """)
    assert isinstance(root, MappingNode)
    reader = NodeReader()
    fields = reader.mapping(root.value[0][1], "thing", ("name", "note", "size"), ("size",))
    assert fields is not None and list(fields) == ["name"]  # a blank value counts as absent
    assert problems_of(reader) == [
        (3, "thing.colour", "unknown field 'colour'; expected one of: name, note, size"),
        (4, "thing.name", "given twice"),
        (2, "thing.size", "missing (required)"),
    ]


def test_fields_of_the_document_itself_have_bare_names() -> None:
    reader = NodeReader()
    reader.mapping(node("b: 1\n"), "", ("a",), ("a",))
    assert [p.field for p in reader.problems] == ["b", "a"]
    assert child("", "a") == "a" and child("x[0]", "a") == "x[0].a"


def test_a_list_where_a_mapping_belongs_is_reported() -> None:
    reader = NodeReader()
    assert reader.mapping(value_of("[a]"), "value", ("id", "name"), ("id", "name")) is None
    assert problems_of(reader) == [(1, "value", "must be a mapping of id, name, ...")]


def test_a_mapping_tagged_to_build_an_object_is_refused() -> None:
    reader = NodeReader()
    tagged = value_of("!!python/object:os.system {id: x}")
    assert reader.mapping(tagged, "value", ("id",), ()) is None
    assert problems_of(reader) == [
        (1, "value", "the YAML tag '!!python/object:os.system' is not allowed")
    ]


def test_a_sequence_must_be_a_list_and_untagged() -> None:
    assert read("sequence", "text") == ([], [(1, "value", "must be a list")])
    assert read("sequence", "!!omap [{a: 1}]") == (
        [],
        [(1, "value", "the YAML tag '!!omap' is not allowed")],
    )
    items, problems = read("sequence", "[a, b]")
    assert [item.value for item in items] == ["a", "b"] and problems == []  # type: ignore[attr-defined]


def test_items_yields_what_reads_and_reports_the_rest_by_index() -> None:
    reader = NodeReader()
    found = list(reader.items(value_of("[iran, Bad Id, iraq]"), "ids", reader.identifier))
    assert [(line_of(item), value) for item, value in found] == [(1, "iran"), (1, "iraq")]
    assert [p.field for p in reader.problems] == ["ids[1]"]


def test_texts_and_identifiers_of_an_absent_list_are_empty() -> None:
    reader = NodeReader()
    assert reader.texts(None, "x") == () and reader.identifiers(None, "x") == ()
    assert reader.texts(value_of("[a, b]"), "x") == ("a", "b")
    assert reader.identifiers(value_of("[a-1, b]"), "x") == ("a-1", "b")
    assert reader.problems == []


def test_optional_reads_a_present_field_under_its_prefix() -> None:
    root = node("name: '  A  '\n")
    assert isinstance(root, MappingNode)
    reader = NodeReader()
    fields = reader.mapping(root, "actors[2]", ("name", "kind"), ())
    assert fields is not None
    assert reader.optional(fields, "name", reader.text, "actors[2]") == "A"
    assert reader.optional(fields, "kind", reader.text, "actors[2]") is None
    reader.optional(fields, "name", reader.identifier, "actors[2]")
    assert [p.field for p in reader.problems] == ["actors[2].name"]


def test_is_empty_list() -> None:
    assert is_empty_list(value_of("[]"))
    assert not is_empty_list(value_of("[a]")) and not is_empty_list(None)
    assert not is_empty_list(value_of("''"))


# --- text -----------------------------------------------------------------------------------


def test_text_is_stripped() -> None:
    assert read("text", "'  A title  '") == ("A title", [])


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("[a]", "must be text, not a list or mapping"),
        ("{a: b}", "must be text, not a list or mapping"),
        ("'  '", "must not be empty"),
        ('"a\\nb"', "must be a single line"),
        ('"A \\e[31mred"', "contains the control character U+001B"),
        ('"a\\x9bb"', "contains the control character U+009B"),
        ('"a\\0b"', "contains the control character U+0000"),
        ("!!python/name:os.system x", "the YAML tag '!!python/name:os.system' is not allowed"),
        ("!!int 5", "the YAML tag '!!int' is not allowed"),
        ("!local x", "the YAML tag '!local' is not allowed"),
    ],
)
def test_text_that_is_refused(written: str, message: str) -> None:
    assert read("text", written) == (None, [(1, "value", message)])


def test_tags_that_build_nothing_are_text() -> None:
    assert read("text", "!!str 2007") == ("2007", [])
    assert read("text", "! 2007") == ("2007", [])


def test_multiline_text_keeps_its_lines() -> None:
    root = node("""\
        value: |-
          one
          two
    """)
    assert isinstance(root, MappingNode)
    reader = NodeReader()
    assert reader.multiline(root.value[0][1], "value") == "one\ntwo"
    assert reader.text(root.value[0][1], "value") is None
    assert problems_of(reader) == [(1, "value", "must be a single line")]


@pytest.mark.parametrize(
    "character",
    ["\u202e", "\u202a", "\u2066", "\u2069", "\u200b", "\u200f", "\u00ad", "\u2060", "\t"],
)
def test_format_characters_are_text_and_kept_exactly(character: str) -> None:
    # the renderers escape bidi and zero-width characters; the loader keeps what was written
    written = f'"abc{character}def"'
    assert read("text", written) == (f"abc{character}def", [])


# --- choice, identifier, boolean ------------------------------------------------------------


def test_choice() -> None:
    reader = NodeReader()
    assert reader.choice(value_of("b"), "value", ("a", "b")) == "b"
    assert reader.choice(value_of("c"), "value", ("a", "b")) is None
    assert problems_of(reader) == [(1, "value", "'c' is not one of: a, b")]


@pytest.mark.parametrize("written", ["iran", "2007-08-16-a", "a1", '"2003"'])
def test_identifiers_that_read(written: str) -> None:
    assert read("identifier", written) == (written.strip('"'), [])


@pytest.mark.parametrize("written", ["Iran", "a--b", "-a", "a-", "a_b", "a b"])
def test_identifiers_that_do_not(written: str) -> None:
    message = f"{written!r} is not an id (lowercase letters, digits and single hyphens)"
    assert read("identifier", written) == (None, [(1, "value", message)])


def test_boolean() -> None:
    assert read("boolean", "true") == (True, [])
    assert read("boolean", "false") == (False, [])
    assert read("boolean", "yes") == (None, [(1, "value", "'yes' is not true or false")])


# --- urls -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a?b=c#d",
        "http://example.org",
        "https://ar.wikipedia.org/wiki/بغداد",
        "https://en.wikipedia.org/wiki/Iran%E2%80%93Iraq_War",
    ],
)
def test_urls_that_read(url: str) -> None:
    assert read("url", f'"{url}"') == (url, [])


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://example.org/\u202eexe.txt", "contains the invisible character U+202E"),
        ("https://exa\u200bmple.org/", "contains the invisible character U+200B"),
        ("https://example.org/\ufeff", "contains the invisible character U+FEFF"),
        ("https://example.org/\u2066a", "contains the invisible character U+2066"),
        ("https://example.org/a b", "contains the whitespace character U+0020"),
        ("https://example.org/a\tb", "contains the whitespace character U+0009"),
        ("https://example.org/a\u00a0b", "contains the whitespace character U+00A0"),
        ("https://بغداد.example/a\u3000b", "contains the whitespace character U+3000"),
        ("ftp://example.org/a", "'ftp://example.org/a' is not an http(s) URL"),
        ("javascript:alert(1)", "'javascript:alert(1)' is not an http(s) URL"),
        ("https://", "'https://' is not an http(s) URL"),
    ],
)
def test_urls_that_do_not(url: str, message: str) -> None:
    escaped = url.encode("unicode_escape").decode().replace('"', '\\"')
    assert read("url", f'"{escaped}"') == (None, [(1, "value", message)])


def test_a_url_with_a_control_character_is_reported_once() -> None:
    assert read("url", '"https://example.org/\\e"') == (
        None,
        [(1, "value", "contains the control character U+001B")],
    )


# --- problems -------------------------------------------------------------------------------


def test_problems_sort_by_line_keeping_the_order_found_within_a_line() -> None:
    reader = NodeReader()
    reader.problems = [
        Problem(3, "c", "x"),
        Problem(1, "b", "x"),
        Problem(None, "", "whole file"),
        Problem(1, "a", "x"),
    ]
    assert [(p.line, p.field) for p in reader.sorted_problems()] == [
        (None, ""),
        (1, "b"),
        (1, "a"),
        (3, "c"),
    ]


def test_a_problem_without_a_node_has_no_line() -> None:
    reader = NodeReader()
    reader.problem(None, "", "the file is empty")
    assert reader.problems == [Problem(None, "", "the file is empty")]


def test_scalar_nodes_of_every_style_are_text() -> None:
    for written in ("plain", "'single'", '"double"', "|-\n  literal", ">-\n  folded"):
        root = node(f"value: {written}\n")
        assert isinstance(root, MappingNode)
        scalar = root.value[0][1]
        assert isinstance(scalar, ScalarNode) and scalar.tag in (STR_TAG, NULL_TAG)
        assert NodeReader().text(scalar, "value") is not None
