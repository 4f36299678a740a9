from __future__ import annotations

from pathlib import Path

import pytest

from iwtimeline.load import load_timeline
from iwtimeline.model import Timeline

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini.yaml"


@pytest.fixture(scope="session")
def _session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch, _session_cache: Path) -> None:
    """Tests see a predictable terminal: no inherited colour settings, a fixed width, and a
    cache of their own (never the user's)."""
    for name in ("NO_COLOR", "FORCE_COLOR", "IWTIMELINE_FILE", "TERM", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("IWTIMELINE_CACHE_DIR", str(_session_cache))


@pytest.fixture(scope="session")
def mini() -> Timeline:
    return load_timeline(MINI)
