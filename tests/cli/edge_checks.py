"""What every CLI refusal must look like: exit 2 and one line, no traceback (shared by the CLI tests)."""

from __future__ import annotations


def one_line(code: int, err: str) -> str:
    """The one line of a refusal (exit 2, no traceback, no "this is a bug")."""
    assert code == 2, err
    assert "Traceback" not in err and "this is a bug" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    return lines[0]
