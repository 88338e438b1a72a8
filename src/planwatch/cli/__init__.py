"""The `planwatch` command: one Typer app, sub-commands registered by stage.

Each module in this package registers its own commands; this one only wires them
up and translates library errors into one line on stderr and exit status 2.
"""

from __future__ import annotations

import typer

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
    from planwatch.cli import demo, documents, extract, ingest, monitor, report, store, tasks, web

    for module in (documents, extract, ingest, store, monitor, tasks, web, demo, report):
        module.register(app)
    from planwatch.cli import remind  # supervision: remind, rounds, contacts, review

    remind.register(app)
    from planwatch.cli import operate  # hardening: backup, restore

    operate.register(app)
    from planwatch.cli import governments  # the stored governments: list, merge, rename, parent

    governments.register(app)


_register()


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app; library and usage errors become one line on stderr and exit status 2."""
    from planwatch.cli.edge import run_edge

    run_edge(app, argv)
