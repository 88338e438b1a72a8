"""The CLI as a whole: every command is documented, errors are one line, demo works."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
import typer.main

from planwatch.cli import app, main

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "planwatch") -> list[str]:
    names: list[str] = []
    for name, command in group.commands.items():
        full = f"{prefix} {name}"
        names.append(full)
        if isinstance(command, click.Group):
            names.extend(_commands(command, full))
    return names


COMMANDS = _commands(typer.main.get_command(app))  # type: ignore[arg-type]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_appears_in_readme(command: str) -> None:
    assert command in README, f"`{command}` is not documented in README.md"


def test_missing_file_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", str(tmp_path / "nope.txt")])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "nope.txt" in err


def test_extract_jsonl_of_the_bundled_plan(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    main(["extract", "--format", "jsonl"])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) > 90
    assert {"doc", "kind", "indicator", "measure", "value", "unit", "comparator", "year", "quote", "start", "end"} <= set(rows[0])
    assert any(r["indicator"] == "地区生产总值" and r["value"] == 8.5 and r["kind"] == "target" for r in rows)


def test_demo_without_serving_loads_the_plan(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    main(["demo", "--no-serve"])
    out = capsys.readouterr().out
    assert "pingshan-2019-plan" in out and "targets found" in out
    main(["demo", "--no-serve"])  # a second load changes nothing
    assert "unchanged" in capsys.readouterr().out
