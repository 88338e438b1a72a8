"""Spreadsheets people hand in (actuals to import, a corpus's manifest): a .csv or an .xlsx, read as rows.

A CSV is read as UTF-8 (with or without BOM), else GB18030 as Excel saves it on Chinese Windows;
an .xlsx's first (active) sheet is read with openpyxl, values only. Rows keep the number a
spreadsheet shows them under (the header is row 1), so a message can name the row to fix.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from planwatch.errors import DocumentError, RowProblem, ValidationError

__all__ = ["SHOWN_ROWS", "bad_rows", "decode_csv", "merged_cells", "read_cells", "read_table", "table_rows"]

SHOWN_ROWS = 20  # a refusal lists this many bad rows, then counts the rest


def read_cells(path: Path, *, what: str, hint: str = "") -> list[tuple[int, list[Any]]]:
    """The rows of a CSV or XLSX file that hold something, each with the number a spreadsheet shows it under (from 1)
    and its cells as read (a CSV's text; an .xlsx's values). `what` and `hint` word the refusal of another file type:
    "{path}: {what} must be a .csv or .xlsx file{hint}"."""
    if not path.exists():
        raise DocumentError(f"{path}: no such file; check the path")
    from planwatch.documents import read_file_bytes

    data = read_file_bytes(path)  # a regular file within max_file_mb (FIFOs and devices refused at once)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        lines = csv.reader(io.StringIO(decode_csv(path, data), newline=""))
        return [(n, list(row)) for n, row in enumerate(lines, start=1) if row]
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:
            raise DocumentError(f"{path}: not a readable XLSX workbook ({exc})", reason="xlsx_unreadable") from None
        sheet = book.active
        cells = [list(r) for r in sheet.iter_rows(values_only=True)] if sheet is not None else []
        book.close()
        return [(n, r) for n, r in enumerate(cells, start=1) if any(c not in (None, "") for c in r)]
    raise DocumentError(f"{path}: {what} must be a .csv or .xlsx file{hint}", reason="table_type")


def table_rows(header: Sequence[Any], rows: Sequence[tuple[int, list[Any]]]) -> list[tuple[int, dict[str, Any]]]:
    """`rows` (numbered, as `read_cells` gives them) as dicts keyed by `header`'s names (a short row's missing cells
    None)."""
    names = [str(c or "").strip() for c in header]
    return [(n, dict(zip(names, r + [None] * (len(names) - len(r)), strict=False))) for n, r in rows]


def read_table(path: Path, *, what: str, hint: str = "") -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    """The header (its first row that holds something, as written, stripped) and the data rows of a CSV or XLSX file,
    each with its row number and its cells keyed by the header's names (blank rows left out; `read_cells`)."""
    cells = read_cells(path, what=what, hint=hint)
    if not cells:
        return [], []
    header = [str(c or "").strip() for c in cells[0][1]]
    return header, table_rows(header, cells[1:])


def merged_cells(path: Path) -> set[tuple[int, int]]:
    """(row, column) numbers (from 1) of the cells of an .xlsx's active sheet that a merged range covers but does not
    start: their value is the range's first cell's, and a row read on its own finds them empty (B2:B3 merged: row 3's
    government is empty). Empty for a CSV or a file that cannot be read (read_table says why)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return set()
    from openpyxl import load_workbook

    from planwatch.documents import read_file_bytes

    try:
        book = load_workbook(io.BytesIO(read_file_bytes(path)))  # not read-only: merged ranges are kept only so
    except Exception:  # noqa: BLE001 - read_table has said what is wrong with it
        return set()
    sheet = book.active
    covered: set[tuple[int, int]] = set()
    for cells in sheet.merged_cells.ranges if sheet is not None else ():
        for row in range(cells.min_row, cells.max_row + 1):
            for column in range(cells.min_col, cells.max_col + 1):
                if (row, column) != (cells.min_row, cells.min_col):
                    covered.add((row, column))
    book.close()
    return covered


def bad_rows(summary: str, problems: Sequence[str], limit: int = SHOWN_ROWS,
             row_problems: Sequence[RowProblem] = ()) -> ValidationError:
    """The refusal of a table with bad rows, all of them at once (a table with several needs one run to fix, not one a
    row): `summary` is the one line naming the file, how many rows are bad and that nothing was written; `problems` each
    bad row's ("row 7: …", in the table's order), of which the first `limit` are listed, then "… and N more bad rows".
    The CLI prints the line and then the rows, one a line (`cli.edge`); the manifest and the actuals import share it.
    `row_problems`: the same problems one by one with their codes (the actuals import's), of which those of the listed
    rows are kept (`ValidationError.row_problems`)."""
    listed = list(problems[:limit])
    if len(problems) > limit:
        listed.append(f"… and {len(problems) - limit} more bad rows")
    shown: list[int] = []
    for problem in row_problems:
        if problem.row not in shown:
            shown.append(problem.row)
    kept = set(shown[:limit])
    return ValidationError(summary, listed, reason="bad_rows", row_problems=[p for p in row_problems if p.row in kept],
                           count=len(problems))


def decode_csv(path: Path, data: bytes | None = None) -> str:
    """The CSV's text: UTF-8 (with or without BOM), else GB18030 as Excel saves it on Chinese Windows."""
    data = path.read_bytes() if data is None else data
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentError(f"{path}: neither UTF-8 nor GB18030 text; save the CSV as UTF-8", reason="csv_encoding")
