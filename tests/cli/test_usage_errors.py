"""Usage errors on EVERY command (walked from the command tree, so new commands are covered):
missing arguments, unknown options, wrong types and unknown commands are one line on stderr
and exit status 2, never a traceback (issue 12: they printed a traceback and exited 1)."""

from __future__ import annotations

import enum
import re
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
                    argv.append("1" if _annotation(param) in (int, float) else "x")
            elif param is target:
                argv.extend([param.opts[0], _bad_value(param) or "x"])
        code, _out, err = run(capsys, *argv)
        _assert_one_line(code, err, " ".join(argv))
        _assert_worded(err, path, target, _bad_value(target) or "x")


# pydantic's sentences, which Typer's checks of values raise (a new user's review: "Value error, 'xml' is not one of
# 'table', 'jsonl', 'csv'", "Input should be a valid integer, unable to parse string as an integer")
PYDANTIC = re.compile(r"Input should|Value error|unable to parse|valid integer|valid number")


def _name(param: typing.Any) -> str:
    """A parameter as the messages name it: an option by its long name, an argument in capitals."""
    if _is_argument(param):
        return str(param.metavar or param.name).upper()
    return max((o for o in param.opts if o.startswith("--")), key=len)


def _assert_worded(err: str, path: tuple[str, ...], param: typing.Any, value: str) -> None:
    """One line in the CLI's words: the command, the parameter, the value given, no pydantic sentence."""
    assert not PYDANTIC.search(err), err
    assert err.startswith(f"planwatch {' '.join(path)}: {_name(param)}: {value!r} "), err
    assert err.rstrip().endswith(f"; see 'planwatch {' '.join(path)} --help'"), err


def _bounded(command: typing.Any) -> list[tuple[typing.Any, str, str]]:
    """Each option with a bound: (option, a value past it, the words of the bound)."""
    found = []
    for param in command.params:
        info = getattr(getattr(param, "type_descriptor", None), "parameter_info", None)
        if info is None or _is_argument(param):
            continue
        if info.min is not None:
            found.append((param, str(info.min - 1), f"must be at least {info.min}"))
        if info.max is not None:
            found.append((param, str(info.max + 1), f"must be at most {info.max}"))
    return found


@pytest.mark.parametrize(("path", "command"), [leaf for leaf in LEAVES if _bounded(leaf.values[1])])
def test_values_out_of_range(path: tuple[str, ...], command: typing.Any, capsys: pytest.CaptureFixture[str]) -> None:
    """--year 1800, --workers 0, --port 70000: the bound in words, not pydantic's "Input should be greater than or
    equal to 1949"."""
    for param, value, words in _bounded(command):
        argv = [*path, *(["x"] * sum(1 for p in command.params if _is_argument(p) and p.required)), param.opts[0], value]
        code, _out, err = run(capsys, *argv)
        _assert_one_line(code, err, " ".join(argv))
        _assert_worded(err, path, param, value)
        assert words in err, err


@pytest.mark.parametrize(("argv", "says"), [
    (["assess", "--format", "xml"], "planwatch assess: --format: 'xml' is not one of table, jsonl, csv; "),
    (["ingest", "-y", "2019.5", "x.txt"], "planwatch ingest: --year: '2019.5' is not a whole number; "),
    (["actuals", "set", "GDP", "2019", "abc", "亿元"], "planwatch actuals set: VALUE: 'abc' is not a number; "),
    (["plans", "delete", "1", "abc"], "planwatch plans delete: ID: 'abc' is not a whole number; "),
    (["assess", "--plan"], "planwatch assess: Option '--plan' requires an argument; see 'planwatch assess --help'"),
])
def test_a_bad_value_names_the_option_and_the_problem(argv: list[str], says: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, *argv)
    assert code == 2 and err.startswith(says) and len(err.strip().splitlines()) == 1, err


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
