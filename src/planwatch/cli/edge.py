"""The CLI's edge: every way a command can fail becomes one line on stderr and an exit status.

- planwatch's own errors (planwatch.errors) and usage errors (unknown command, missing or
  wrong argument, bad option): one line, exit status 2 (a refusal the pages word from its reason code in the
  interface language: `cli.language.refusal`); a refused table (a ValidationError with
  `problems`: a manifest, an import of actuals or of the task ledger) lists its bad rows under that
  line, one a line;
- Ctrl-C: one line, exit status 130 (a command that knows what it kept says so by raising
  `Interrupted`); a closed pipe (``| head``): silence;
- anything else is a bug: one line naming it, exit status 1 (``PLANWATCH_DEBUG=1`` shows
  the traceback instead).
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from typing import Any

import typer
import typer.main
from typer._click import exceptions as click_errors

from planwatch.errors import PlanwatchError
from planwatch.store.schema import YEAR_MAX, YEAR_MIN

__all__ = ["YEAR_MAX", "YEAR_MIN", "Interrupted", "one_line", "run_edge"]

USAGE_EXIT = 2
INTERRUPT_EXIT = 130  # 128 + SIGINT, as shells report Ctrl-C
INTERRUPTED = "planwatch: interrupted (Ctrl-C); a database write or output file in progress was not kept"


class Interrupted(Exception):  # noqa: N818 - it names what happened, as KeyboardInterrupt does
    """Ctrl-C in a command that can say what was kept; its message follows "planwatch: interrupted; ".

    Not a KeyboardInterrupt: Typer would turn that into a bare exit status and the message would be lost.
    """


def one_line(text: str) -> str:
    """`text` with its line breaks and runs of blank space folded into single spaces."""
    return " ".join(str(text).split())


def _usage_line(exc: click_errors.UsageError, path: str = "planwatch") -> str:
    """"planwatch users add: Missing argument 'USERNAME'; see 'planwatch users add --help'". `path`: the command
    the arguments name, for an error that comes without its command (an option missing its value)."""
    ctx = exc.ctx
    path = ctx.command_path if ctx is not None else path
    return f"{path}: {one_line(exc.format_message()).rstrip('.')}; see '{path} --help'"


def _command_path(app: Any, argv: list[str] | None) -> str:
    """The command `argv` names ("planwatch tasks list"), read from its leading words."""
    command = command_of(app)
    words = ["planwatch"]
    for word in sys.argv[1:] if argv is None else argv:
        sub = getattr(command, "commands", {}).get(word)
        if sub is None:
            break
        command = sub
        words.append(word)
    return " ".join(words)


def _parameter_name(param: Any) -> str:
    """An option by its long name (--year, even when -y was typed), an argument by its name in capitals (YEAR, ID)."""
    opts = [o for o in getattr(param, "opts", []) if o.startswith("--")]
    if type(param).__name__.endswith("Option") and opts:
        return max(opts, key=len)
    return str(getattr(param, "metavar", None) or param.name or "value").upper()


def _choices(param: Any) -> list[str] | None:
    """The values an option or argument of choices allows, as typed (table, jsonl, csv), or None."""
    descriptor = getattr(param, "type_descriptor", None)
    try:
        found = getattr(descriptor, "choices", None)
    except Exception:  # noqa: BLE001 - a descriptor that cannot say: no choices listed
        return None
    return [str(getattr(c, "value", c)) for c in found] if found else None


def _bad_value_line(exc: click_errors.BadParameter) -> str:
    """A value an option or argument refuses, in one line naming it, the value and the problem:
    "planwatch ingest: --year: '1800' must be at least 1949; see 'planwatch ingest --help'". Typer checks values
    with pydantic, whose English sentences ("Input should be a valid integer, unable to parse string as an integer",
    "Value error, 'xml' is not one of …") are reworded (`errors.value_problem`); other refusals keep Click's."""
    from pydantic import ValidationError as PydanticError

    from planwatch.errors import value_problem

    cause = exc.__cause__
    param = exc.param
    if not isinstance(cause, PydanticError) or param is None or not cause.errors():
        return _usage_line(exc, "planwatch")
    error = dict(cause.errors()[0])
    value = error.get("input")
    choices = _choices(param) if str(error.get("type")) == "value_error" else None
    problem = value_problem(error, choices)
    if isinstance(value, str) and problem.startswith(repr(value)):  # a message that names the value itself
        problem = problem[len(repr(value)):].strip()
    shown = f"{value!r} " if isinstance(value, str) else ""
    ctx = exc.ctx
    path = ctx.command_path if ctx is not None else "planwatch"
    return f"{path}: {_parameter_name(param)}: {shown}{problem}; see '{path} --help'"


def _rows(exc: PlanwatchError) -> str:
    """The bad rows of a refused table (a ValidationError's `problems`: a manifest's, an import's), each on a line of
    its own under the error's line; nothing for any other error."""
    problems = getattr(exc, "problems", None) or []
    return "".join(f"\n  {one_line(p)}" for p in problems)


def _said(exc: PlanwatchError) -> str:
    """The error's message: a refusal the pages word from its reason, in the interface language
    (`cli.language.refusal`: 已有名为 frank 的用户); any other as the library wrote it."""
    from planwatch.cli.language import refusal

    try:
        return refusal(exc)
    except Exception:  # noqa: BLE001 - a failing wording never hides the error: the library's own words
        return str(exc)


def _fail(message: str, status: int) -> None:
    typer.echo(message, err=True)
    sys.exit(status)


@lru_cache(maxsize=4)
def command_of(app: Any) -> Any:
    """The Click command Typer makes of `app`, made once a process: Typer reads every command's signature and type
    hints to make it (≈ 0.1 s of CPU), for each call of the app (the tests call the CLI in-process hundreds of times)."""
    return typer.main.get_command(app)


def run_edge(app: Any, argv: list[str] | None) -> None:
    """Run the Typer `app` on `argv` and translate every failure as described above."""
    try:
        status = command_of(app)(args=argv, standalone_mode=False, prog_name="planwatch")
    except Interrupted as exc:
        _fail(f"planwatch: interrupted; {one_line(str(exc))}", INTERRUPT_EXIT)
    except PlanwatchError as exc:
        _fail(f"planwatch: {one_line(_said(exc))}" + _rows(exc), USAGE_EXIT)
    except click_errors.NoArgsIsHelpError as exc:  # `planwatch users`: the group's help, as Click would
        typer.echo(exc.format_message(), err=True)
        sys.exit(USAGE_EXIT)
    except click_errors.BadParameter as exc:
        _fail(_bad_value_line(exc), USAGE_EXIT)
    except click_errors.UsageError as exc:
        _fail(_usage_line(exc, _command_path(app, argv)), USAGE_EXIT)
    except click_errors.ClickException as exc:
        _fail(f"planwatch: {one_line(exc.format_message())}", USAGE_EXIT)
    except typer.Abort:
        _fail("planwatch: aborted", 1)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _fail(INTERRUPTED, INTERRUPT_EXIT)
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (`planwatch … | head`): nothing to say
        sys.exit(0)
    except MemoryError:
        _fail("planwatch: out of memory; the input is too large", 1)
    except Exception as exc:  # a bug: say what, keep it to one line unless asked for the traceback
        if os.environ.get("PLANWATCH_DEBUG"):
            raise
        kind = type(exc).__name__
        _fail(f"planwatch: unexpected error ({kind}: {one_line(str(exc))[:300]}); "
              "this is a bug, please report it; PLANWATCH_DEBUG=1 shows the traceback", 1)
    _exit_with(status)


def _exit_with(status: object) -> None:
    """Honour the exit status Typer returns instead of raising (standalone_mode=False).

    Typer catches Ctrl-C inside a command and returns 130 (and a command's ``typer.Exit(n)``
    returns n); ignoring it made an interrupted command exit 0 without a word.
    """
    if type(status) is not int or status == 0:  # a command's own return value (None) is not a status
        return
    if status == INTERRUPT_EXIT:
        _fail(INTERRUPTED, INTERRUPT_EXIT)
    sys.exit(status)
