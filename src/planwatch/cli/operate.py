"""`planwatch backup FILE` and `planwatch restore FILE`: the whole database, while it is in use."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from planwatch.errors import ValidationError


def backup_command(
    file: Annotated[Path, typer.Argument(help="Backup file to write (SQLite: a database file; PostgreSQL: a pg_dump archive).")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Copy the database into FILE while it is in use (SQLite online backup; pg_dump for PostgreSQL)."""
    from planwatch.settings import get_settings
    from planwatch.store.backup import backup

    info = backup(get_settings().url, file, overwrite=force)
    plans = f", {info.plans} plans" if info.plans is not None else ""
    typer.echo(f"backed up the {info.kind} database into {info.path} ({info.bytes / 1048576:.1f} MB{plans})")


def restore_command(
    file: Annotated[Path, typer.Argument(help="A file written by `planwatch backup`.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask before replacing the database.")] = False,
) -> None:
    """Replace the database by the backup FILE (all or nothing)."""
    from planwatch.settings import get_settings
    from planwatch.store.backup import restore

    url = get_settings().url
    if not yes and not sys.stdin.isatty():
        raise ValidationError(f"restore {file}: replacing the database needs a confirmation; pass --yes")
    if not yes and not typer.confirm(f"Replace the database {url.split('@')[-1]} by {file}?", default=False):
        raise typer.Abort()
    info = restore(url, file)
    plans = f", {info.plans} plans" if info.plans is not None else ""
    typer.echo(f"restored the {info.kind} database from {info.path}{plans}")


def register(app: typer.Typer) -> None:
    """Add `backup` and `restore` to `app`."""
    app.command("backup")(backup_command)
    app.command("restore")(restore_command)
