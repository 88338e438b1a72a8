"""Backup and restore of the whole database, while it is in use, with the evidence files of task reports.

SQLite: the online backup API (a consistent copy even while the dashboard and an ingest
write; the copy is checked with ``PRAGMA integrity_check``). PostgreSQL: ``pg_dump
--format=custom`` and ``pg_restore --clean --single-transaction`` (postgresql-client).
A restore checks that the file is a backup of the same kind first, and replaces the
database in one step: all of it or, on error, nothing.

The evidence files (kept outside the database in ``evidence_dir/<sha[:2]>/<sha>``) go into a companion archive
beside the backup, ``FILE.evidence.tar`` (`evidence_archive`), written after the database (a file the copied database
lists was written before its row, so it is in the folder by then). A restore checks every file of the archive against
its SHA-256 before the database is touched, puts them back into the evidence folder, then checks that every file the
restored database lists is there (`BackupInfo.missing`).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import tarfile
import tempfile
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from planwatch.errors import StoreError
from planwatch.output import atomic_output, check_output

__all__ = ["BackupInfo", "backup", "evidence_archive", "missing_evidence", "restore"]

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """What a backup or restore did."""

    path: Path
    kind: str  # "sqlite" or "postgresql"
    bytes: int
    plans: int | None = None
    evidence: Path | None = None  # the evidence archive written or read (None: none)
    files: int = 0  # evidence files put into it, or restored from it
    missing: list[str] = field(default_factory=list)  # names of files the database lists that the evidence folder lacks


_EVIDENCE_MEMBER = re.compile(r"([0-9a-f]{2})/([0-9a-f]{64})")


def evidence_archive(path: Path) -> Path:
    """The companion archive of the evidence files of the backup `path`: ``path.evidence.tar``."""
    return path.with_name(path.name + ".evidence.tar")


def _sqlite_path(url: URL) -> Path:
    database = url.database or ""
    if not database or database == ":memory:" or database.startswith("file:"):
        raise StoreError(f"cannot back up the database {url.render_as_string()}: it is not a file")
    return Path(database).expanduser()


def _count_plans(connection: sqlite3.Connection) -> int | None:
    try:
        return int(connection.execute("SELECT count(*) FROM plan").fetchone()[0])
    except sqlite3.Error:
        return None


def backup(url: str, target: Path, *, overwrite: bool = False, evidence_dir: Path | None = None) -> BackupInfo:
    """Copy the database at `url` into the file `target` (refuses to overwrite unless asked), and the evidence files
    of `evidence_dir` (when given) into `evidence_archive(target)`."""
    parsed = make_url(url)
    target = check_output(target)  # a folder, a missing folder: one line before any copying
    archive = evidence_archive(target) if evidence_dir is not None else None
    for path in (target, archive):
        if path is not None and path.exists() and not overwrite:
            raise StoreError(f"{path}: already exists; choose another file name or pass --force")
    if parsed.get_backend_name() == "sqlite":
        source = _sqlite_path(parsed)
        if not source.is_file():
            raise StoreError(f"{source}: no such database file; check PLANWATCH_DB")
        if target.exists() and target.resolve() == source.resolve():
            raise StoreError(f"{target}: is the database itself; write the backup to another file")
        with atomic_output(target) as partial:  # the copy replaces `target` only once it is whole and checked
            plans = _sqlite_copy(source, partial, target)
        info = BackupInfo(target, "sqlite", target.stat().st_size, plans)
    elif parsed.get_backend_name() == "postgresql":
        with atomic_output(target) as partial:
            _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(partial), _pg_dsn(parsed)], parsed, "pg_dump")
        info = BackupInfo(target, "postgresql", target.stat().st_size)
    else:
        raise StoreError(f"backups of {parsed.get_backend_name()} databases are not supported (SQLite and PostgreSQL are)")
    if archive is None or evidence_dir is None:
        return info
    listed = _listed_files(url)  # what the database lists, read after the copy: its files are in the folder by now
    files = _write_evidence(Path(evidence_dir), archive)
    missing = sorted(name for sha, name in listed.items() if not _evidence_path(Path(evidence_dir), sha).is_file())
    return BackupInfo(info.path, info.kind, info.bytes, info.plans, archive, files, missing)


def _evidence_path(folder: Path, sha256: str) -> Path:
    """Where the evidence file with this digest is kept (`store.supervision.file_path`)."""
    return folder / sha256[:2] / sha256


def _write_evidence(folder: Path, archive: Path) -> int:
    """Put every evidence file of `folder` (``<sha[:2]>/<sha>``) into the tar `archive`, written whole or not at all;
    how many. A folder that does not exist yet has none."""
    count = 0
    with atomic_output(archive) as partial:
        try:
            with tarfile.open(partial, "w") as tar:
                for path in sorted(folder.glob("??/*")) if folder.is_dir() else []:
                    name = f"{path.parent.name}/{path.name}"
                    if path.is_file() and _EVIDENCE_MEMBER.fullmatch(name) and path.name[:2] == path.parent.name:
                        tar.add(path, arcname=name, recursive=False)
                        count += 1
        except OSError as exc:
            raise StoreError(f"cannot archive the evidence folder {folder} into {archive}: "
                             f"{exc.strerror or exc}") from None
    return count


def missing_evidence(url: str, folder: Path) -> tuple[int, list[str]]:
    """(how many evidence files the database at `url` lists, the names of those `folder` lacks, sorted)."""
    listed = _listed_files(url)
    return len(listed), sorted(name for sha, name in listed.items() if not _evidence_path(Path(folder), sha).is_file())


def _listed_files(url: str) -> dict[str, str]:
    """{sha256: a file name} of the evidence files the database at `url` lists ({} before supervision's tables)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import SQLAlchemyError

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {sha: name for sha, name in connection.execute(text("SELECT sha256, name FROM task_file"))}
    except SQLAlchemyError:
        return {}
    finally:
        engine.dispose()


def _sqlite_copy(source: Path, partial: Path, target: Path) -> int | None:
    """Copy the SQLite database `source` into the new file `partial` and check it; its plan count."""
    try:
        with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)) as src, \
                closing(sqlite3.connect(partial)) as dst:
            src.backup(dst, pages=1024)  # in steps, so writers are not held up for the whole copy
            status = dst.execute("PRAGMA integrity_check").fetchone()[0]
            if status != "ok":
                raise StoreError(f"{target}: the copy failed its integrity check ({status})")
            plans = _count_plans(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    except sqlite3.Error as exc:
        raise StoreError(f"cannot back up {source}: {exc}") from None
    return plans


def _backup_head(source: Path) -> bytes:
    """The first 16 bytes of the backup file `source`; a StoreError saying what it is when it is no such file
    (missing, a folder, a device or FIFO, unreadable) rather than "no such backup file" for all of them."""
    hint = "give the file written by `planwatch backup`"
    try:
        mode = source.stat().st_mode
    except FileNotFoundError:
        raise StoreError(f"{source}: no such backup file; check the path") from None
    except OSError as exc:
        raise StoreError(f"{source}: cannot be read ({exc.strerror or exc}); {hint}") from None
    if stat.S_ISDIR(mode):
        raise StoreError(f"{source}: is a folder, not a backup file; {hint}")
    if not stat.S_ISREG(mode):
        raise StoreError(f"{source}: is not a regular file (a device, pipe or socket); {hint}")
    try:
        with source.open("rb") as handle:
            return handle.read(16)
    except OSError as exc:
        raise StoreError(f"{source}: cannot be read ({exc.strerror or exc}); {hint}") from None


def restore(url: str, source: Path, evidence_dir: Path | None = None) -> BackupInfo:
    """Replace the database at `url` by the backup `source` (all or nothing); with `evidence_dir`, put back the evidence
    files of its companion archive (`evidence_archive`, checked whole first) and name the files the restored database
    lists that the folder still lacks (`BackupInfo.missing`)."""
    source = Path(source)
    info = _restore_database(url, source)
    if evidence_dir is None:
        return info
    archive = evidence_archive(source)
    files = _restore_evidence(archive, Path(evidence_dir)) if archive.is_file() else 0
    missing = sorted(name for sha, name in _listed_files(url).items()
                     if not _evidence_path(Path(evidence_dir), sha).is_file())
    return BackupInfo(info.path, info.kind, info.bytes, info.plans, archive if archive.is_file() else None, files,
                      missing)


def check_evidence_archive(archive: Path) -> int:
    """How many evidence files the archive holds, each checked against its SHA-256 name; StoreError (nothing was
    changed) for a damaged archive, a member that is not an evidence file, or content that is not its name's."""
    count = 0
    try:
        with tarfile.open(archive, "r") as tar:
            for member in tar:
                if not member.isfile() or not _EVIDENCE_MEMBER.fullmatch(member.name) \
                        or member.name[:2] != member.name[3:5]:
                    raise StoreError(f"{archive}: {member.name!r} is not an evidence file of planwatch; nothing was changed")
                handle = tar.extractfile(member)
                assert handle is not None
                digest = hashlib.sha256()
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
                if digest.hexdigest() != member.name[3:]:
                    raise StoreError(f"{archive}: the file {member.name} is damaged (its content is not its SHA-256); "
                                     "nothing was changed")
                count += 1
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise StoreError(f"{archive}: not a readable evidence archive ({exc}); nothing was changed") from None
    return count


def _restore_evidence(archive: Path, folder: Path) -> int:
    """Put the (checked) archive's files into the evidence folder, each written whole (a file already there is the
    same content: its name is its digest); how many the archive holds."""
    count = 0
    try:
        with tarfile.open(archive, "r") as tar:
            for member in tar:
                path = _evidence_path(folder, member.name[3:])
                count += 1
                if path.is_file():
                    continue
                path.parent.mkdir(parents=True, exist_ok=True)
                handle = tar.extractfile(member)
                assert handle is not None
                descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".restore-")
                try:
                    with os.fdopen(descriptor, "wb") as out:
                        shutil.copyfileobj(handle, out)
                    os.replace(temporary, path)
                except BaseException:
                    Path(temporary).unlink(missing_ok=True)
                    raise
    except (tarfile.TarError, OSError) as exc:
        raise StoreError(f"the database is restored, but the evidence files of {archive} could not all be written into "
                         f"{folder} ({exc}); free space or fix the folder and restore again") from None
    return count


def _restore_database(url: str, source: Path) -> BackupInfo:
    """`restore` of the database alone: the backup checked first, then the database replaced in one step."""
    parsed = make_url(url)
    head = _backup_head(source)
    archive = evidence_archive(source)
    if archive.exists():  # a damaged archive refuses the restore before the database is touched
        check_evidence_archive(archive)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if not head.startswith(SQLITE_MAGIC):
            kind = "a PostgreSQL dump" if head.startswith(PG_MAGIC) else "not a SQLite database"
            raise StoreError(f"{source}: is {kind}; restore it into the kind of database it came from")
        target = _sqlite_path(parsed)
        try:
            with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src:
                status = src.execute("PRAGMA integrity_check").fetchone()[0]
                if status != "ok":
                    raise StoreError(f"{source}: the backup is damaged ({status}); nothing was changed")
                if src.execute("SELECT count(*) FROM sqlite_master WHERE name='alembic_version'").fetchone()[0] != 1:
                    raise StoreError(f"{source}: not a planwatch database (no schema version); nothing was changed")
                plans = _count_plans(src)
                target.parent.mkdir(parents=True, exist_ok=True)
                with sqlite3.connect(target, timeout=30) as dst:
                    src.backup(dst)  # replaces every page of the live database in one transaction
        except sqlite3.Error as exc:
            raise StoreError(f"cannot restore {source} into {target}: {exc}; nothing was changed") from None
        _forget_migrated(url)
        return BackupInfo(source, "sqlite", source.stat().st_size, plans)
    if backend == "postgresql":
        if not head.startswith(PG_MAGIC):
            kind = "a SQLite database" if head.startswith(SQLITE_MAGIC) else "not a pg_dump custom-format file"
            raise StoreError(f"{source}: is {kind}; restore it into the kind of database it came from")
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
              "--dbname", _pg_dsn(parsed), str(source)], parsed, "pg_restore")
        _forget_migrated(url)
        return BackupInfo(source, "postgresql", source.stat().st_size)
    raise StoreError(f"restoring {backend} databases is not supported (SQLite and PostgreSQL are)")


def _forget_migrated(url: str) -> None:
    """The restored schema may be older: let the next connect() check and migrate it."""
    from planwatch.store import db

    db._migrated.discard(make_url(url).render_as_string(hide_password=False))


def _pg_dsn(url: URL) -> str:
    """A libpq connection string for `url` (the password goes through the environment)."""
    parts = [f"dbname={url.database or 'postgres'}"]
    if url.host:
        parts.append(f"host={url.host}")
    if url.port:
        parts.append(f"port={url.port}")
    if url.username:
        parts.append(f"user={url.username}")
    return " ".join(parts)


def _run(command: list[str], url: URL, tool: str) -> None:
    if shutil.which(command[0]) is None:
        raise StoreError(f"{tool} is not installed; install postgresql-client (apt-get install postgresql-client)")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = [line for line in (done.stderr or "").splitlines() if line.strip()]
        raise StoreError(f"{tool} failed: {lines[0] if lines else f'exit status {done.returncode}'}; nothing was changed")
