"""Where the package's own files are: cheap to import, for paths every command may need."""

from __future__ import annotations

from pathlib import Path

BUNDLED_NAME = "events.yaml"
PACKAGE = Path(__file__).parent


def bundled_data_path() -> Path:
    """The dataset that ships with the package (or, in a source checkout, the repository's)."""
    packaged = PACKAGE / "data" / BUNDLED_NAME
    if packaged.is_file():
        return packaged
    return PACKAGE.resolve().parents[1] / BUNDLED_NAME
