"""`planwatch governments`: list the stored governments, merge two that are one, rename one, place one under another.

Thin edge over `planwatch.store.governments`; every change is written to the audit log.
"""

from __future__ import annotations

from typing import Annotated

import typer

from planwatch.cli.store import _console
from planwatch.cli.store import _engine as _store_engine

governments_app = typer.Typer(
    help="The stored governments: list them; merge one stored under two names, rename one, set the one above it.",
    no_args_is_help=False, invoke_without_command=True)


@governments_app.callback()
def governments_list(ctx: typer.Context) -> None:
    """List the stored governments: id, name, level, the government above it, plans, other names."""
    if ctx.invoked_subcommand is not None:
        return
    from rich.table import Table
    from sqlalchemy.orm import Session

    from planwatch.store.governments import government_rows

    with Session(_store_engine(create=False)) as session:
        rows, _total = government_rows(session)
    table = Table("id", "name", "level", "parent", "plans", "aliases")
    for r in rows:
        table.add_row(str(r.id), r.name, r.level or "", f"{r.parent} ({r.parent_id})" if r.parent else "",
                      str(r.plans), "、".join(r.aliases))
    _console().print(table)


@governments_app.command("merge")
def governments_merge(
    name: Annotated[str, typer.Argument(help="The government to fold in (its name becomes an alias).")],
    into: Annotated[str, typer.Argument(help="The government that remains.")],
) -> None:
    """Fold government NAME into INTO: its plans, actuals, units and governments under it move; NAME becomes its alias."""
    from planwatch.store.db import transaction
    from planwatch.store.governments import merge

    with transaction(_store_engine(create=False)) as session:
        target = merge(session, name, into)
        kept = target.name
    _console().print(f"merged {name} into {kept}; {name} is now another name of {kept}")


@governments_app.command("rename")
def governments_rename(
    name: Annotated[str, typer.Argument(help="The government's name (or another of its names).")],
    new: Annotated[str, typer.Argument(help="Its new name.")],
) -> None:
    """Rename government NAME to NEW; NAME stays another name of it, so a later ingest under it lands there."""
    from planwatch.store.db import transaction
    from planwatch.store.governments import rename

    with transaction(_store_engine(create=False)) as session:
        rename(session, name, new)
    _console().print(f"renamed {name} to {new}")


@governments_app.command("parent")
def governments_parent(
    name: Annotated[str, typer.Argument(help="The government to place.")],
    parent: Annotated[str | None, typer.Argument(help="The government above it (none: above it nothing).")] = None,
) -> None:
    """Place government NAME under PARENT (昆明市 under 云南省), so it is listed among PARENT's."""
    from planwatch.store.db import transaction
    from planwatch.store.governments import set_parent

    with transaction(_store_engine(create=False)) as session:
        set_parent(session, name, parent)
    _console().print(f"{name} is under {parent}" if parent else f"{name} is under no government")


def register(app: typer.Typer) -> None:
    """Add `governments` to `app`."""
    app.add_typer(governments_app, name="governments")
