"""A CI-sized sample of the fuzzing harness (tests/fuzzing.py); bench/fuzz.py runs 10,000 cases."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner

from .fuzzing import (
    BASES,
    broken_bytes,
    broken_lines,
    check_cli,
    check_loader,
    documents,
    generated,
)

SAMPLE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SAMPLE
@given(broken_lines())
def test_files_with_broken_lines_load_or_say_why(data: bytes) -> None:
    check_loader(data)


@SAMPLE
@given(broken_bytes())
def test_files_with_broken_bytes_load_or_say_why(data: bytes) -> None:
    check_loader(data)


@SAMPLE
@given(generated())
def test_generated_documents_load_or_say_why(data: bytes) -> None:
    check_loader(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_the_cli_answers_every_broken_file_with_a_documented_exit_code(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        check_cli(data, Path(folder), CliRunner())


def test_the_checks_tell_a_valid_file_from_a_broken_one() -> None:
    assert check_loader(BASES[0].encode()) == "valid"
    assert check_loader(BASES[0].replace("status:", "statut:").encode()) == "invalid"
