"""A corpus's manifest: a table (.csv or .xlsx) naming each file's government and year (issue 13).

Columns: ``path`` (relative to the manifest's folder, or absolute) and ``government``, and optionally
``year``; other columns (a researcher's own metadata) are ignored. A row's values override what is read
from its document, as ``--government`` / ``--year`` do; a blank cell leaves it to the command line's
option, else to the document. The whole table is checked before anything is read or stored: a missing
column stops it at once; a path that does not exist (or is a folder), a year that is not a year or a path
listed twice is refused with every such row at once, each with its number and problem (`store.tables.bad_rows`).
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planwatch.errors import PlanwatchError, ValidationError
from planwatch.store.actuals import is_empty, parse_year
from planwatch.store.tables import bad_rows, read_table

__all__ = ["COLUMNS", "Manifest", "Overrides", "Row", "read_manifest"]

COLUMNS = ("path", "government", "year")
REQUIRED = ("path", "government")


@dataclass(frozen=True, slots=True)
class Row:
    """One file's values (None: not given, the command line's option or the document decides)."""

    government: str | None
    year: int | None


@dataclass(slots=True)
class Manifest:
    """The checked rows of a manifest: each file (resolved) with its values, in the table's order."""

    path: Path
    rows: dict[str, Row] = field(default_factory=dict)

    @property
    def files(self) -> list[Path]:
        """The files the manifest lists, in its order."""
        return [Path(p) for p in self.rows]


def key(path: str | Path) -> str:
    """The name a file is looked up under: absolute, links resolved (a folder's walk and a row meet)."""
    return os.path.realpath(os.path.abspath(path))


class Overrides:
    """The government and year each file is ingested with: its manifest row's, else the command line's
    (None: read from the document). Called with a file's path, in the driver and in the writer."""

    def __init__(self, government: str | None = None, year: int | None = None, manifest: Manifest | None = None) -> None:
        self.government, self.year, self.manifest = government, year, manifest

    def __call__(self, path: str | Path) -> tuple[str | None, int | None]:
        row = self.manifest.rows.get(key(path)) if self.manifest is not None and self.manifest.rows else None
        if row is None:
            return self.government, self.year
        return row.government or self.government, row.year if row.year is not None else self.year


def read_manifest(path: Path) -> Manifest:
    """Read and check a manifest: a ValidationError naming every bad row (`store.tables.bad_rows`), or the table's
    one problem (unreadable, a column missing, no rows)."""
    try:
        header, rows = read_table(path, what="a manifest")
    except PlanwatchError as exc:
        raise ValidationError(f"manifest {' '.join(str(exc).split())}") from None
    names = {_name(h) for h in header}
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise ValidationError(f"manifest {path} row 1: no {' or '.join(repr(c) for c in missing)} column; the header "
                              f"must name the columns {', '.join(COLUMNS)} (year optional)")
    if not rows:
        raise ValidationError(f"manifest {path}: no rows under the header; list one file a row")
    folder = path.parent
    manifest = Manifest(path)
    first: dict[str, int] = {}
    problems: list[str] = []
    filled = 0
    for number, raw in rows:
        cells = {_name(k): v for k, v in raw.items() if k}
        if all(is_empty(v) for v in cells.values()):
            continue
        filled += 1
        wrong: list[str] = []  # this row's problems: its path's, its year's
        name = _file(cells.get("path"), folder, number, first, wrong)
        year = cells.get("year")
        plan_year = None
        try:
            plan_year = None if is_empty(year) else parse_year(year)
        except ValueError as exc:
            wrong.append(str(exc))
        if wrong:
            problems.append(f"row {number}: {'; '.join(wrong)}")
            continue
        assert name is not None
        government = cells.get("government")
        manifest.rows[name] = Row(None if is_empty(government) else _text(government), plan_year)
    if problems:
        raise bad_rows(f"manifest {path}: {len(problems)} of {filled} rows are invalid; nothing was read or stored",
                       problems)
    return manifest


def _file(cell: Any, folder: Path, number: int, first: dict[str, int], wrong: list[str]) -> str | None:
    """The file a row's path cell names (its `key`), recorded in `first` under the row's number; None, with the problem
    added to `wrong`, for an empty path, one that does not exist, a folder or a file an earlier row lists."""
    if is_empty(cell):
        wrong.append("the path is empty")
        return None
    given = Path(str(cell).strip()).expanduser()
    file = given if given.is_absolute() else folder / given
    if not file.exists():
        wrong.append(f"{given} does not exist" + (f" (looked for {file})" if file != given else ""))
        return None
    if file.is_dir():
        wrong.append(f"{given} is a folder; list each file")
        return None
    name = key(file)
    if name in first:
        wrong.append(f"{given} is listed twice (also row {first[name]}); keep one row")
        return None
    first[name] = number
    return name


def _name(header: Any) -> str:
    """A header cell as a column name: 'Path ', 'PATH' → 'path'."""
    return unicodedata.normalize("NFKC", str(header or "")).strip().lower()


def _text(cell: Any) -> str:
    """A government cell as a name (spaces inside collapsed)."""
    return " ".join(str(cell).split())
