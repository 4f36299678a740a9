from __future__ import annotations

from pathlib import Path

import pytest

from iwtimeline.load import load_timeline
from iwtimeline.model import Timeline

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini.yaml"


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see a predictable terminal: no inherited colour settings, a fixed width."""
    for name in ("NO_COLOR", "FORCE_COLOR", "IWTIMELINE_FILE", "TERM", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")


@pytest.fixture(scope="session")
def mini() -> Timeline:
    return load_timeline(MINI)
