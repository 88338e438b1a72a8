"""`planwatch.output`: files written whole or not at all (CLI audit defects 3 and 7)."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.errors import OutputError
from planwatch.output import atomic_output, check_output


def test_success_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    with atomic_output(target) as partial:
        assert partial != target and partial.parent == tmp_path
        partial.write_text("new", encoding="utf-8")
        assert target.read_text(encoding="utf-8") == "old"
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


@pytest.mark.parametrize("failure", [RuntimeError("boom"), KeyboardInterrupt()])
def test_failure_keeps_the_old_file_and_removes_the_partial(tmp_path: Path, failure: BaseException) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(type(failure)), atomic_output(target) as partial:
        partial.write_text("half", encoding="utf-8")
        raise failure
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_write_error_is_one_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="out.csv: cannot be written"), atomic_output(tmp_path / "out.csv") as partial:
        raise OSError(28, "No space left on device", str(partial))
    assert list(tmp_path.iterdir()) == []


def test_a_symlink_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old", encoding="utf-8")
    (tmp_path / "link.csv").symlink_to(real)
    with atomic_output(tmp_path / "link.csv") as partial:
        partial.write_text("new", encoding="utf-8")
    assert (tmp_path / "link.csv").is_symlink() and real.read_text(encoding="utf-8") == "new"


@pytest.mark.parametrize(("path", "says"), [
    ("", "is a folder"), ("file/x.csv", "file is a file, not a folder"), ("file/deeper/x.csv", "is a file, not a folder"),
    ("missing/x.csv", "the folder"),
])
def test_unwritable_paths_are_refused(tmp_path: Path, path: str, says: str) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match=says):
        check_output(tmp_path / path)
