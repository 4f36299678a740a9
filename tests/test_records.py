"""records.record makes what @dataclass(frozen=True, slots=True) makes: checked side by side."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
import typing
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iwtimeline import model
from iwtimeline.records import derived, record, replace


def shape_class(decorate: Any, later: Any) -> Any:
    """The same class body, made by `decorate`; `later` marks its field worked out afterwards."""

    class Shape:
        name: str
        sides: int = 3
        tags: tuple[str, ...] = ()
        label: str = later

        def __post_init__(self) -> None:
            object.__setattr__(self, "label", f"{self.name}/{self.sides}")

        def doubled(self) -> int:
            return self.sides * 2

    return decorate(Shape)


Dataclass = shape_class(
    dataclasses.dataclass(frozen=True, slots=True),
    dataclasses.field(init=False, repr=False, compare=False),
)
Record = shape_class(record, derived())
names = st.text(max_size=5)
sides = st.integers(-3, 3)
tags = st.lists(st.sampled_from(["a", "b"]), max_size=2).map(tuple)


def test_the_constructor_takes_the_same_arguments() -> None:
    assert str(inspect.signature(Record)) == str(inspect.signature(Dataclass))
    assert (
        str(inspect.signature(Record))
        == "(name: 'str', sides: 'int' = 3, tags: 'tuple[str, ...]' = ()) -> None"
    )
    assert Record.__match_args__ == Dataclass.__match_args__ == ("name", "sides", "tags")
    for wrong in [(), ("a", 1, (), "extra")]:
        with pytest.raises(TypeError):
            Record(*wrong)
    with pytest.raises(TypeError):
        Record("a", label="no")  # a derived field is not an argument


@given(names, sides, tags, names, sides, tags)
def test_equality_hash_and_repr_are_the_dataclass_ones(
    n1: str, s1: int, t1: tuple[str, ...], n2: str, s2: int, t2: tuple[str, ...]
) -> None:
    made = [(cls(n1, s1, t1), cls(n2, sides=s2, tags=t2)) for cls in (Record, Dataclass)]
    (r1, r2), (d1, d2) = made
    assert (r1 == r2) is (d1 == d2)
    assert (r1 != r2) is (d1 != d2)
    assert hash(r1) == hash(d1) and hash(r2) == hash(d2)
    assert r1 != r2 or hash(r1) == hash(r2)
    assert repr(r1) == repr(d1) and repr(r2) == repr(d2)
    assert (r1.label, r1.doubled()) == (d1.label, d1.doubled())


def test_a_record_never_equals_another_class_with_the_same_values() -> None:
    assert Record("a") != Dataclass("a")
    assert Record("a") != ("a", 3, ())
    assert model.Place("Basra") != model.Header("Basra")  # type: ignore[comparison-overlap]


def test_a_record_is_frozen_and_slotted() -> None:
    shape = Record("a")
    changes: list[Callable[[], object]] = [
        lambda: setattr(shape, "name", "b"),
        lambda: setattr(shape, "other", 1),
        lambda: delattr(shape, "name"),
    ]
    for change in changes:
        with pytest.raises(dataclasses.FrozenInstanceError):
            change()
    assert not hasattr(shape, "__dict__")
    assert Record.__slots__ == ("name", "sides", "tags", "label")


def test_replace_changes_fields_and_works_out_derived_ones_again() -> None:
    shape = replace(Record("a", 4), sides=5)
    assert (shape.name, shape.sides, shape.label) == ("a", 5, "a/5")
    assert replace(shape) == shape and replace(shape) is not shape
    with pytest.raises(TypeError, match="label"):
        replace(shape, label="x")


def test_match_statements_read_records_by_position() -> None:
    match Record("a", 4):
        case Record(name, 4):
            matched = name
        case _:
            matched = None
    assert matched == "a"


def test_a_field_without_a_default_after_one_with_is_refused() -> None:
    with pytest.raises(TypeError, match="'b' without a default"):

        @record
        class Wrong:
            a: int = 1
            b: int  # type: ignore[misc]


@pytest.mark.parametrize(
    "cls",
    [
        *(model.FuzzyDate, model.Source, model.Relation, model.Place, model.Actor),
        *(model.Involvement, model.Event, model.Header, model.Timeline),
    ],
)
def test_every_model_class_is_a_record_whose_annotations_resolve(cls: type) -> None:
    hints = typing.get_type_hints(cls.__init__)  # type: ignore[misc]
    assert list(hints)[:-1] == list(cls.__record_fields__)  # type: ignore[attr-defined]
    assert hints["return"] is type(None)


@pytest.mark.parametrize(
    "copied",
    [copy.copy, copy.deepcopy, lambda value: pickle.loads(pickle.dumps(value))],
    ids=["copy", "deepcopy", "pickle"],
)
def test_a_record_can_be_copied_and_pickled_like_a_frozen_dataclass(
    copied: Any, mini: model.Timeline
) -> None:
    event = next(e for e in mini.events if e.id == "2007-karbala-raid")  # a derived field
    again = copied(event)
    assert again == event and again.actors == event.actors and again is not event
    if copied is not copy.copy:  # (a copy shares its fields; the others make new ones)
        assert again.involvements[1].claimed_by[0] == mini.actor_by_id["united-states"]
