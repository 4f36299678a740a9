"""Read YAML safely into located nodes, and read those nodes without stopping at the first problem.

Text is composed into nodes with the safe (libyaml C when available) parser and never
constructed: every scalar stays the string the author wrote (no YAML 1.1 guessing of ints, dates
or booleans), no tag builds an object, and every node keeps its line for error messages. This
module knows the shapes of YAML (mappings, lists, text); what a file's fields mean is load.py's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

import yaml
from yaml import MappingNode, Node, ScalarNode, SequenceNode

from .collector import gc_paused
from .errors import DataFileInvalid, Problem

T = TypeVar("T")
# A reader of one node: (node, field path) -> its value, or None after recording a problem.
Read = Callable[[Node, str], T | None]

NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
_YAML_TAG_PREFIX = "tag:yaml.org,2002:"
# The only tags a scalar may carry: any other (!!int, !!python/name:...) asks for an object.
_TEXT_TAGS = (STR_TAG, NULL_TAG)

ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
URL = re.compile(r"https?://\S+")
# C0 and C1 control characters other than tab and newline: they could drive the terminal.
# Format characters (bidi overrides, zero-width spaces) are allowed in text: renderers escape them.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACE = re.compile(r"\s")


class _TextResolver(yaml.resolver.BaseResolver):
    """Resolves nothing but an empty value or ~ to null: every other scalar stays text."""


_TextResolver.add_implicit_resolver(
    NULL_TAG, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)

# We only compose nodes (never construct objects), with libyaml's parser when it is there.
try:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class _Loader(CParser, _TextResolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _TextResolver.__init__(self)

except ImportError:  # pragma: no cover - PyYAML built without libyaml

    class _Loader(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        _TextResolver,
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _TextResolver.__init__(self)


def compose(text: str, source: str = "<string>") -> Node | None:
    """The node tree of YAML text (None for an empty document); raises DataFileInvalid on
    a syntax error, with the line where the parser stopped."""
    with gc_paused():
        try:
            return yaml.compose(text, Loader=_Loader)  # type: ignore[arg-type]
        except yaml.YAMLError as error:
            raise DataFileInvalid(source, [syntax_problem(error)]) from None


class ChunkUnreadable(Exception):
    """A batch of list items that does not compose on its own: the caller composes the whole
    document instead (and so reports any syntax error at the line a whole parse gives)."""


@dataclass(frozen=True)
class SplitList:
    """A document whose last top-level key is a long block list, cut so that the list can be
    composed a batch of items at a time instead of as one tree of nodes."""

    head: str  # the document with that list emptied (`key: []`), for the other keys
    chunks: tuple[tuple[int, int, int], ...]  # (start, end, lines before start) of each batch
    text: str

    def items(self, source: str) -> Iterator[tuple[int, Node]]:
        """Each item's node, with the number of lines before its batch (to add to its lines);
        raises ChunkUnreadable for a batch that does not compose alone."""
        for start, end, lines_before in self.chunks:
            try:
                node = yaml.compose(self.text[start:end], Loader=_Loader)  # type: ignore[arg-type]
            except yaml.YAMLError:
                raise ChunkUnreadable from None
            if not isinstance(node, SequenceNode) or node.tag != SEQ_TAG:
                raise ChunkUnreadable
            for item in node.value:
                yield lines_before, item
            del node  # free this batch's nodes before composing the next


def split_list(text: str, key: str, batch: int) -> SplitList | None:
    """Cut the block list under top-level `key` into batches of `batch` items, or None when the
    document is not laid out simply enough to be sure the cut is where items begin: the list
    must be the last thing in the document, each item starting `- ` at one indentation.

    A cut inside a quoted string spanning lines makes a batch that does not compose; the
    caller then composes the whole document (SplitList.items raises ChunkUnreadable).
    """
    heads = list(re.finditer(rf"^{re.escape(key)}:[ \t]*(?:#[^\n]*)?$", text, re.M))
    if len(heads) != 1:
        return None
    after = heads[0].end()
    first = _FIRST_CONTENT.search(text, after)
    if first is None:
        return None
    item = re.compile(r"( *)-(?: |$)", re.M).match(text, first.start())
    if item is None:
        return None
    indent = item.group(1)
    # nothing after the list: no later line at column 0 but comments (and items, unindented)
    later_top_level = _COLUMN0_UNINDENTED if not indent else _COLUMN0
    if later_top_level.search(text, after):
        return None
    item_start = re.compile(rf"^{indent}-(?: |$)", re.M)
    starts = [m.start() for m in item_start.finditer(text, first.start())]
    chunks = []
    position = lines = 0
    for number in range(0, len(starts), batch):
        start = starts[number]
        end = starts[number + batch] if number + batch < len(starts) else len(text)
        lines += text.count("\n", position, start)
        position = start
        chunks.append((start, end, lines))
    head = text[: heads[0].start()] + f"{key}: []\n"
    return SplitList(head, tuple(chunks), text)


_FIRST_CONTENT = re.compile(r"^[ \t]*[^ \t\n#]", re.M)
_COLUMN0 = re.compile(r"^[^\s#]", re.M)
_COLUMN0_UNINDENTED = re.compile(r"^(?:[^\s#-]|-[^ \n])", re.M)


def syntax_problem(error: yaml.YAMLError) -> Problem:
    """A YAML syntax error as a Problem, located when the parser says where."""
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        return Problem(line, "", f"invalid YAML: {error.problem or error.context}")
    return Problem(None, "", f"invalid YAML: {error}")


def line_of(node: Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def is_null(node: Node) -> bool:
    """An empty value or ~ written without quotes: a field left blank."""
    return isinstance(node, ScalarNode) and node.tag == NULL_TAG and not node.style


def is_empty_list(node: Node | None) -> bool:
    return isinstance(node, SequenceNode) and not node.value


def child(parent: str, key: str) -> str:
    """The field path of `key` inside `parent` ('' is the document itself)."""
    return f"{parent}.{key}" if parent else key


def _shown_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_YAML_TAG_PREFIX) if tag.startswith(_YAML_TAG_PREFIX) else tag


def _invisible(value: str) -> str | None:
    """The first whitespace or format character (U+200B, U+202E, ...) in value, if any."""
    if value.isascii():  # the usual case: no format characters, one regex pass
        found = _SPACE.search(value)
        return found.group() if found else None
    for character in value:
        if character.isspace() or unicodedata.category(character) == "Cf":
            return character
    return None


class NodeReader:
    """Reads nodes into values, collecting every problem instead of stopping at the first.

    Each reader takes a node and the field path to name in messages, and returns the value or
    None after recording why not. Subclasses add the readers of a particular file format.
    """

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        # lines before the text the current nodes were composed from (a batch of a SplitList)
        self.line_offset = 0

    def problem(self, node: Node | None, field: str, message: str) -> None:
        line = line_of(node)
        self.problems.append(Problem(line + self.line_offset if line else line, field, message))

    def sorted_problems(self) -> list[Problem]:
        """The problems in file order (stable: those on one line keep the order found)."""
        return sorted(self.problems, key=lambda p: p.line or 0)

    def refuse_tag(self, node: Node, field: str) -> None:
        """Report a tag that asks for an object (!!python/object, !!binary, !!set, ...)."""
        self.problem(node, field, f"the YAML tag {_shown_tag(node.tag)!r} is not allowed")

    # --- shapes -------------------------------------------------------------------------------

    def mapping(
        self,
        node: Node | None,
        field: str,
        allowed: tuple[str, ...],
        required: tuple[str, ...],
    ) -> dict[str, Node] | None:
        """The fields of a mapping by name; blank values count as absent."""
        if not isinstance(node, MappingNode):
            self.problem(node, field, f"must be a mapping of {', '.join(required)}, ...")
            return None
        if node.tag != MAP_TAG:
            self.refuse_tag(node, field)
            return None
        fields: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            where = child(field, str(key))
            if key not in allowed:
                hint = f"; expected one of: {', '.join(allowed)}"
                self.problem(key_node, where, f"unknown field {key!r}{hint}")
            elif key in fields:
                self.problem(key_node, where, "given twice")
            elif not is_null(value_node):
                fields[key] = value_node
        for key in required:
            if key not in fields:
                self.problem(node, child(field, key), "missing (required)")
        return fields

    def sequence(self, node: Node, field: str) -> list[Node]:
        if not isinstance(node, SequenceNode):
            self.problem(node, field, "must be a list")
            return []
        if node.tag != SEQ_TAG:
            self.refuse_tag(node, field)
            return []
        return list(node.value)

    def optional(
        self, fields: dict[str, Node], key: str, read: Read[T], prefix: str = ""
    ) -> T | None:
        """The value of fields[key] read with `read`, or None when the field is absent."""
        node = fields.get(key)
        return None if node is None else read(node, child(prefix, key))

    def items(self, node: Node, field: str, read: Read[T]) -> Iterator[tuple[Node, T]]:
        """Each item of a list that reads, with its node; items that do not are reported."""
        for index, item in enumerate(self.sequence(node, field)):
            value = read(item, f"{field}[{index}]")
            if value is not None:
                yield item, value

    # --- scalars ------------------------------------------------------------------------------

    def text(self, node: Node, field: str, *, multiline: bool = False) -> str | None:
        """Non-empty text without control characters; a single line unless multiline."""
        if not isinstance(node, ScalarNode):
            self.problem(node, field, "must be text, not a list or mapping")
            return None
        if node.tag not in _TEXT_TAGS:
            self.refuse_tag(node, field)
            return None
        value = str(node.value).strip()
        if not value or (not value.isprintable() and not _has_visible_character(value)):
            # empty, or nothing but invisible characters (a lone U+200B looks empty too)
            self.problem(node, field, "must not be empty")
            return None
        control = CONTROL.search(value)
        if control:
            code = f"U+{ord(control.group()):04X}"
            self.problem(node, field, f"contains the control character {code}")
            return None
        if not multiline and "\n" in value:
            self.problem(node, field, "must be a single line")
            return None
        return value

    def multiline(self, node: Node, field: str) -> str | None:
        return self.text(node, field, multiline=True)

    def choice(self, node: Node, field: str, allowed: tuple[str, ...]) -> str | None:
        value = self.text(node, field)
        if value is not None and value not in allowed:
            self.problem(node, field, f"{value!r} is not one of: {', '.join(allowed)}")
            return None
        return value

    def identifier(self, node: Node, field: str) -> str | None:
        """Lowercase letters, digits and single hyphens: ids of actors, events and tags."""
        value = self.text(node, field)
        if value is not None and not ID.fullmatch(value):
            message = f"{value!r} is not an id (lowercase letters, digits and single hyphens)"
            self.problem(node, field, message)
            return None
        return value

    def boolean(self, node: Node, field: str) -> bool | None:
        value = self.text(node, field)
        if value is not None and value not in ("true", "false"):
            self.problem(node, field, f"{value!r} is not true or false")
            return None
        return None if value is None else value == "true"

    def url(self, node: Node, field: str) -> str | None:
        """An http(s) address with nothing hidden in it (a U+202E could disguise where it goes)."""
        value = self.text(node, field)
        if value is None:
            return None
        hidden = _invisible(value)
        if hidden is not None:
            what = "whitespace" if hidden.isspace() else "invisible"
            self.problem(node, field, f"contains the {what} character U+{ord(hidden):04X}")
            return None
        if not URL.fullmatch(value):
            self.problem(node, field, f"{value!r} is not an http(s) URL")
            return None
        return value

    # --- lists of scalars ---------------------------------------------------------------------

    def texts(self, node: Node | None, field: str) -> tuple[str, ...]:
        if node is None:
            return ()
        return tuple(value for _, value in self.items(node, field, self.text))

    def identifiers(self, node: Node | None, field: str) -> tuple[str, ...]:
        if node is None:
            return ()
        return tuple(value for _, value in self.items(node, field, self.identifier))


def _has_visible_character(text: str) -> bool:
    # only reached for text that is not all printable (a newline, a tab, a format character)
    return any(char.isprintable() and not char.isspace() for char in text)
