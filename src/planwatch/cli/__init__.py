"""The `planwatch` command: one Typer app, sub-commands registered by stage.

Each module in this package registers its own commands; this one only wires them
up and translates library errors into one line on stderr and exit status 2.
"""

from __future__ import annotations

import sys

import typer

from planwatch.errors import PlanwatchError

app = typer.Typer(
    name="planwatch",
    help="Development plans turned into live monitoring of their targets and tasks.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """planwatch: read plans, extract their targets and tasks, monitor attainment."""


def _register() -> None:
    from planwatch.cli import demo, documents, extract, store, tasks, web

    for module in (documents, extract, store, tasks, web, demo):
        module.register(app)



_register()


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app; a PlanwatchError becomes one line and exit status 2."""
    try:
        app(args=argv, standalone_mode=False)
    except PlanwatchError as exc:
        typer.echo(f"planwatch: {exc}", err=True)
        sys.exit(2)
    except typer.Abort:
        typer.echo("planwatch: aborted", err=True)
        sys.exit(1)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except Exception as exc:  # click usage errors and the like
        import click

        if isinstance(exc, click.exceptions.Exit):
            sys.exit(exc.exit_code)
        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(2)
        raise
