"""The SQLite files planwatch leaves next to its database are not tracked (issue 12: -wal/-shm were)."""

from __future__ import annotations

import fnmatch
from pathlib import Path

import pytest

PATTERNS = [line.strip() for line in (Path(__file__).resolve().parents[1] / ".gitignore").read_text().splitlines()
            if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("name", ["planwatch.db", "planwatch.db-wal", "planwatch.db-shm", "planwatch.db-journal",
                                  "backup.db.partial"])
def test_database_side_files_are_ignored(name: str) -> None:
    assert any(fnmatch.fnmatch(name, pattern) for pattern in PATTERNS), name
