"""Usage errors on EVERY command (walked from the command tree, so new commands are covered):
missing arguments, unknown options, wrong types and unknown commands are one line on stderr
and exit status 2, never a traceback (issue 12: they printed a traceback and exited 1)."""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Iterator

import pytest
import typer.main
from cli_support import run

from planwatch.cli import app

ROOT = typer.main.get_command(app)


def _walk(command: typing.Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], typing.Any]]:
    subcommands = getattr(command, "commands", None)
    if subcommands:
        for name, sub in subcommands.items():
            yield from _walk(sub, (*path, name))
    else:
        yield path, command


LEAVES = [pytest.param(path, command, id=" ".join(path)) for path, command in _walk(ROOT)]


def _annotation(param: typing.Any) -> typing.Any:
    descriptor = getattr(param, "type_descriptor", None)
    annotation = getattr(descriptor, "annotation", None)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    return args[0] if typing.get_origin(annotation) in (typing.Union, types.UnionType) and args else annotation


def _is_argument(param: typing.Any) -> bool:
    return type(param).__name__.endswith("Argument")


def _bad_value(param: typing.Any) -> str | None:
    """A value the parameter's type refuses, or None when any string is accepted."""
    annotation = _annotation(param)
    if annotation in (int, float):
        return "not-a-number"
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return "no-such-choice"
    return None


def _assert_one_line(code: int, err: str, what: str) -> None:
    assert code == 2, f"{what}: exit status {code}, stderr {err!r}"
    assert "Traceback" not in err, f"{what}: traceback on stderr"
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, f"{what}: {len(lines)} lines on stderr: {err!r}"
    assert lines[0].startswith("planwatch"), lines[0]


def test_the_tree_has_the_commands_of_the_issue() -> None:
    names = {" ".join(path) for path, _ in _walk(ROOT)}
    assert {"ingest", "actuals set", "users add"} <= names


@pytest.mark.parametrize(("path", "command"), LEAVES)
def test_missing_arguments(path: tuple[str, ...], command: typing.Any, capsys: pytest.CaptureFixture[str]) -> None:
    required = [p for p in command.params if p.required]
    if not required:
        pytest.skip("no required parameter: running it without arguments is a real run")
    code, _out, err = run(capsys, *path)
    _assert_one_line(code, err, " ".join(path))
    assert "Missing" in err or "missing" in err


@pytest.mark.parametrize(("path", "command"), LEAVES)
def test_unknown_option(path: tuple[str, ...], command: typing.Any, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, *path, "--no-such-option-xyz")
    _assert_one_line(code, err, " ".join(path))
    assert "--no-such-option-xyz" in err


@pytest.mark.parametrize(("path", "command"), LEAVES)
def test_wrong_values(path: tuple[str, ...], command: typing.Any, capsys: pytest.CaptureFixture[str]) -> None:
    """Each numeric or choice parameter given a value of the wrong kind (the rest filled in)."""
    targets = [p for p in command.params if _bad_value(p) is not None and not getattr(p, "is_flag", False)]
    if not targets:
        pytest.skip("every parameter takes any text")
    for target in targets:
        argv: list[str] = list(path)
        for param in command.params:
            if _is_argument(param):
                if param is target:
                    argv.append(_bad_value(param) or "x")
                elif param.required:
                    argv.append("x")
            elif param is target:
                argv.extend([param.opts[0], _bad_value(param) or "x"])
        code, _out, err = run(capsys, *argv)
        _assert_one_line(code, err, " ".join(argv))
        assert target.name in err.lower() or "invalid" in err.lower() or "not a valid" in err.lower(), err


@pytest.mark.parametrize("argv", [
    ["no-such-command"], ["--bogus"], ["users", "no-such-command"], ["actuals", "set", "地区生产总值"],
    ["users", "add"], ["ingest"],
])
def test_usage_errors_of_the_issue(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, *argv)
    _assert_one_line(code, err, " ".join(argv))


def test_an_unexpected_error_is_one_line(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in a command still ends in one line (exit 1), with the traceback on request only."""
    from planwatch.cli.edge import run_edge

    broken = typer.Typer()

    @broken.command()
    def boom() -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.delenv("PLANWATCH_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        run_edge(broken, [])
    err = capsys.readouterr().err
    assert exit_info.value.code == 1 and "ZeroDivisionError" in err and len(err.strip().splitlines()) == 1
