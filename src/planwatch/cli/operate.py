"""`planwatch backup FILE` and `planwatch restore FILE`: the whole database, while it is in use, with the evidence
files of task reports (`FILE.evidence.tar` beside it); `planwatch copy --to URL`: every row into another database."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from planwatch.errors import StoreError, ValidationError

SHOWN = 5  # missing evidence files named; the rest counted


def backup_command(
    file: Annotated[Path, typer.Argument(help="Backup file to write (SQLite: a database file; PostgreSQL: a pg_dump "
                                              "archive). The evidence files go beside it into FILE.evidence.tar.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE (and FILE.evidence.tar) if it exists.")] = False,
) -> None:
    """Copy the database into FILE while it is in use (SQLite online backup; pg_dump for PostgreSQL), and the evidence
    files of task reports (the folder PLANWATCH_EVIDENCE_DIR) into FILE.evidence.tar: keep the two files together.

    A file the database lists but the evidence folder lacks is named on stderr (it cannot be in the backup), and the
    command then fails (exit status 2) though the database was copied: a backup without its evidence is incomplete."""
    from planwatch.settings import get_settings
    from planwatch.store.backup import backup

    settings = get_settings()
    info = backup(settings.url, file, overwrite=force, evidence_dir=Path(settings.evidence_dir))
    plans = f", {info.plans} plans" if info.plans is not None else ""
    typer.echo(f"backed up the {info.kind} database into {info.path} ({info.bytes / 1048576:.1f} MB{plans}) "
               f"and {info.files} evidence files into {info.evidence} (from {settings.evidence_dir})")
    if info.missing:  # a nightly job must not report success while holding none of the evidence (review ux4 #2)
        _missing(info.missing, Path(settings.evidence_dir), "they are not in the backup")
        raise StoreError(f"backup incomplete: {len(info.missing)} evidence files are missing from "
                         f"{settings.evidence_dir} (the database was backed up into {info.path}); set "
                         "PLANWATCH_EVIDENCE_DIR to the folder that holds them and back up again")


def copy_command(
    to: Annotated[str, typer.Option("--to", help="The database to fill: an empty SQLite file (sqlite:///path.db) or "
                                                 "an empty PostgreSQL database (postgresql+psycopg://user:pw@host/db).")],
) -> None:
    """Copy every row of the database in use (PLANWATCH_DB / PLANWATCH_DATABASE_URL) into the empty database --to, of
    the same kind or not (SQLite → PostgreSQL), ids kept, in one transaction; then compare the rows of every table and
    exit 2 when any count differs. Stop `serve` first: rows written meanwhile would be missed. The evidence folder is
    not in the database: the new configuration keeps PLANWATCH_EVIDENCE_DIR."""
    from sqlalchemy.engine import make_url

    from planwatch.settings import get_settings
    from planwatch.store.copy import copy_database
    from planwatch.store.db import SUPPORTED_URLS

    try:
        shown = make_url(to).render_as_string()
    except Exception:
        raise ValidationError(f"copy --to: {to!r} is not a database URL; {SUPPORTED_URLS}") from None
    result = copy_database(get_settings().url, to)
    for name, before, after in result.tables:
        typer.echo(f"  {name:<20} {before:>9} → {after:>9}{'' if before == after else '  (differs)'}")
    if result.mismatched:
        names = ", ".join(name for name, _b, _a in result.mismatched)
        raise ValidationError(f"copy: the row counts of {names} differ between the two databases; do not use {shown}")
    typer.echo(f"copied {result.rows} rows of {len(result.tables)} tables into {shown}; every count matches. "
               f"Set PLANWATCH_DATABASE_URL to it (keep PLANWATCH_EVIDENCE_DIR) and start serve again")


def restore_command(
    file: Annotated[Path, typer.Argument(help="A file written by `planwatch backup` (FILE.evidence.tar beside it "
                                              "holds the evidence files).")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask before replacing the database.")] = False,
) -> None:
    """Replace the database by the backup FILE (all or nothing), and put the evidence files of FILE.evidence.tar back
    into the evidence folder (PLANWATCH_EVIDENCE_DIR); every file is checked against its SHA-256 before anything is
    changed. Files the restored database lists that the folder still lacks are named on stderr."""
    from planwatch.settings import get_settings
    from planwatch.store.backup import restore

    settings = get_settings()
    url = settings.url
    if not yes and not sys.stdin.isatty():
        raise ValidationError(f"restore {file}: replacing the database needs a confirmation; pass --yes")
    if not yes and not typer.confirm(f"Replace the database {url.split('@')[-1]} by {file}?", default=False):
        raise typer.Abort()
    folder = Path(settings.evidence_dir)
    info = restore(url, file, evidence_dir=folder)
    plans = f", {info.plans} plans" if info.plans is not None else ""
    files = (f"; {info.files} evidence files from {info.evidence} into {folder}" if info.evidence is not None
             else f"; no evidence archive {file}.evidence.tar beside it")
    typer.echo(f"restored the {info.kind} database from {info.path}{plans}{files}")
    _missing(info.missing, folder, "their tasks list them but /files answers 404; copy them into the folder")


def _missing(names: list[str], folder: Path, consequence: str) -> None:
    """Warn (stderr) of the evidence files the database lists that `folder` lacks."""
    if not names:
        return
    shown = "、".join(names[:SHOWN]) + (f" … and {len(names) - SHOWN} more" if len(names) > SHOWN else "")
    typer.echo(f"warning: {len(names)} evidence files the database lists are missing from the evidence folder "
               f"{folder} ({shown}): {consequence}", err=True)


def register(app: typer.Typer) -> None:
    """Add `backup` and `restore` to `app`."""
    app.command("backup")(backup_command)
    app.command("restore")(restore_command)
    app.command("copy")(copy_command)
