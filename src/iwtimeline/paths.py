"""Where the package's own files are, and reading a data file's bytes: cheap to import, for
what every command may need."""

from __future__ import annotations

from pathlib import Path

from .errors import DataFileUnreadable

BUNDLED_NAME = "events.yaml"
PACKAGE = Path(__file__).parent


def bundled_data_path() -> Path:
    """The dataset that ships with the package (or, in a source checkout, the repository's)."""
    packaged = PACKAGE / "data" / BUNDLED_NAME
    if packaged.is_file():
        return packaged
    return PACKAGE.resolve().parents[1] / BUNDLED_NAME


def read_bytes(path: Path) -> bytes:
    """A data file's bytes; DataFileUnreadable says why they cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DataFileUnreadable(str(path), "no such file") from None
    except IsADirectoryError:
        raise DataFileUnreadable(str(path), "is a directory, not a data file") from None
    except OSError as error:
        raise DataFileUnreadable(str(path), f"cannot read: {error.strerror or error}") from None
