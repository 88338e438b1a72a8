"""The format of `report -o` and `tasks export` follows the file's suffix; a suffix of no format, or of another
format than --format, is refused in one line (CLI audit: `report -o r.txt` wrote a Word file into r.txt,
`report -f md -o rr.docx` Markdown into a .docx, `tasks export ledger.csv` a workbook into a .csv)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import run

from planwatch.cli.report import ReportFormat, report_format

from .edge_checks import one_line


@pytest.mark.parametrize(("argv", "words"), [
    (["report", "-o", "{out}/r.txt"], "the report is written as .docx, .md, .html, .pdf or .xlsx, not '.txt'"),
    (["report", "-f", "md", "-o", "{out}/rr.docx"], "--format md writes .md, not '.docx'"),
    (["report", "-f", "docx", "-o", "{out}/r.pdf"], "--format docx writes .docx, not '.pdf'"),
    (["tasks", "export", "{out}/ledger.csv"], "the ledger is written as an Excel workbook (.xlsx), not '.csv'"),
    (["tasks", "export", "{out}/ledger"], "the ledger is written as an Excel workbook (.xlsx), not 'no suffix'"),
], ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_a_suffix_that_is_not_the_format_is_refused(argv: list[str], words: str, db_url: str, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    main_argv = [a.format(out=tmp_path) for a in argv]
    code, _out, err = run(capsys, *main_argv)
    assert words in one_line(code, err)
    assert [p.name for p in tmp_path.iterdir()] == ["test.db"]  # nothing written


@pytest.mark.parametrize(("fmt", "name", "chosen"), [
    (None, None, ReportFormat.docx), (None, "r.HTM", ReportFormat.html), (None, "r.markdown", ReportFormat.md),
    (None, "r.xlsx", ReportFormat.xlsx), (ReportFormat.pdf, "r.pdf", ReportFormat.pdf), (ReportFormat.md, "/dev/stdout",
                                                                                          ReportFormat.md),
    (None, "report", ReportFormat.docx),
])
def test_the_format_follows_the_suffix(fmt: ReportFormat | None, name: str | None, chosen: ReportFormat) -> None:
    assert report_format(fmt, Path(name) if name else None) is chosen


def test_report_htm_is_html(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from planwatch.documents import bundled_plan_path

    assert run(capsys, "ingest", str(bundled_plan_path()))[0] == 0
    target = tmp_path / "r.htm"
    code, _out, err = run(capsys, "report", "--no-charts", "-o", str(target))
    assert code == 0, err
    assert target.read_bytes().lstrip().lower().startswith(b"<!doctype html")
