"""`planwatch ingest --manifest FILE`: a table gives each file its government (and year) when its text names none
(issue 13: a researcher's corpus of many governments); a bad table is refused with every bad row at once, nothing
written."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from cli_support import run
from sqlalchemy import Engine, select

from planwatch.settings import get_settings
from planwatch.store.schema import Government, Plan

TESTS = Path(__file__).resolve().parents[1]
PINGSHAN = [TESTS / "store" / "data" / f"pingshan-mini-{year}.txt" for year in (2019, 2020)]


def _untitled(folder: Path) -> list[Path]:
    """Two real plan texts with their title line cut (as a page that lost it): neither names its government."""
    paths = []
    for n, source in enumerate(PINGSHAN):
        path = folder / ("pingshan" if n == 0 else "longgang") / f"plan-{n}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
        paths.append(path)
    return paths


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _stored(engine: Engine) -> list[tuple[str, str, int]]:
    with engine.connect() as conn:
        return sorted(conn.execute(select(Plan.source_name, Government.name, Plan.year)
                                   .join(Government, Government.id == Plan.government_id)).all())


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_manifest_gives_two_governments_to_texts_that_name_none(
        db_url: str, engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str], workers: str) -> None:
    corpus = tmp_path / "corpus"
    first, second = _untitled(corpus)
    code, _out, err = run(capsys, "ingest", str(corpus), "--workers", workers)  # without: no way through
    assert code == 2 and err.count("cannot tell which government issued this plan") == 2
    assert "--manifest" in err  # the way through for a corpus, named where it fails
    manifest = _csv(corpus / "manifest.csv", [["path", "government", "year", "source_url"],
                                              ["pingshan/plan-0.txt", "深圳市坪山区", "2019", "http://example.org/a"],
                                              [str(second), "深圳市龙岗区", "", ""]])  # absolute; year from the text
    code, out, err = run(capsys, "ingest", "--manifest", str(manifest), "--workers", workers)
    assert code == 0, err
    assert out.count("added") == 2 and "2 added" in err
    assert _stored(engine) == [("plan-0.txt", "深圳市坪山区", 2019), ("plan-1.txt", "深圳市龙岗区", 2020)]
    code, out, err = run(capsys, "ingest", "--manifest", str(manifest), "--workers", workers)  # resumed: skipped
    assert code == 0 and out.count("unchanged") == 2 and "0 added" in err
    assert first.exists()


def test_a_manifest_as_excel_with_a_folder_applies_to_the_files_it_names(
        db_url: str, engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import Workbook

    corpus = tmp_path / "corpus"
    _untitled(corpus)
    (corpus / "beijing-2026.txt").write_text((TESTS / "data" / "heldout" / "beijing-2026.txt").read_text("utf-8"),
                                             encoding="utf-8")  # names its government: not in the manifest
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["Path", "Government", "Year"], ["corpus/pingshan/plan-0.txt", "深圳市坪山区", 2018],
                [None, None, None], ["corpus/longgang/plan-1.txt", "深圳市龙岗区", 2020.0]):
        sheet.append(row)
    book.save(tmp_path / "meta.xlsx")
    code, out, err = run(capsys, "ingest", str(corpus), "--manifest", str(tmp_path / "meta.xlsx"), "--workers", "1")
    assert code == 0, err
    assert out.count("added") == 3  # the manifest's year overrides the text's (2019)
    assert ("plan-0.txt", "深圳市坪山区", 2018) in _stored(engine) and ("plan-1.txt", "深圳市龙岗区", 2020) in _stored(engine)


@pytest.mark.parametrize(("rows", "problem"), [
    ([["file", "government"], ["pingshan/plan-0.txt", "深圳市坪山区"]], "row 1: no 'path' column"),
    ([["path", "year"], ["pingshan/plan-0.txt", "2019"]], "row 1: no 'government' column"),
    ([["path", "government"], ["pingshan/plan-0.txt", "深圳市坪山区"], ["pingshan/plan-9.txt", "深圳市坪山区"]],
     "row 3: pingshan/plan-9.txt does not exist"),
    ([["path", "government", "year"], ["pingshan/plan-0.txt", "深圳市坪山区", "十四五"]], "row 2: year '十四五' is not a year"),
    ([["path", "government", "year"], ["pingshan/plan-0.txt", "深圳市坪山区", "1066"]], "row 2: year '1066' is not a year"),
    ([["path", "government"], ["pingshan/plan-0.txt", "深圳市坪山区"], ["longgang/plan-1.txt", "深圳市龙岗区"],
      ["pingshan/../pingshan/plan-0.txt", "深圳市龙岗区"]], "row 4: pingshan/../pingshan/plan-0.txt is listed twice (also row 2)"),
    ([["path", "government"], ["pingshan", "深圳市坪山区"]], "row 2: pingshan is a folder"),
    ([["path", "government"]], "no rows under the header"),
])
def test_a_bad_manifest_is_refused_and_nothing_is_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        rows: list[list[str]], problem: str) -> None:
    """The table's own problem in one line; a bad row in the line saying how many rows are bad, then the row's own."""
    code, out, err, database, manifest = _refused(tmp_path, monkeypatch, capsys, rows)
    assert code == 2 and out == ""
    assert "Traceback" not in err and err.startswith(f"planwatch: manifest {manifest}"), err
    assert err.count("\n") == (2 if problem.startswith("row ") and "row 1:" not in problem else 1), err
    assert problem in err, err
    assert not database.exists()


def _refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
             rows: list[list[str]]) -> tuple[int, str, str, Path, Path]:
    """`ingest --manifest` of a table of `rows` beside the two untitled plans, on a database that must stay unmade."""
    database = tmp_path / "never.db"
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", f"sqlite:///{database}")
    get_settings.cache_clear()
    corpus = tmp_path / "corpus"
    _untitled(corpus)
    manifest = _csv(corpus / "manifest.csv", rows)
    code, out, err = run(capsys, "ingest", "--manifest", str(manifest))
    get_settings.cache_clear()
    return code, out, err, database, manifest


def test_every_bad_row_of_a_manifest_is_named_in_one_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """A table with four problems took four runs to fix: only its first bad row was named. Every bad row is named at
    once now, in the table's order, each with its number and problem (a row with two problems: both), under one line
    naming the manifest; nothing is read or stored."""
    rows = [["path", "government", "year"],
            ["pingshan/plan-0.txt", "深圳市坪山区", "2019"],
            ["pingshan/plan-9.txt", "深圳市坪山区", "十四五"],  # row 3: no such file, and no year
            [],  # a blank line: not a row of the table, and the rows after it keep the numbers a spreadsheet shows
            ["longgang/plan-1.txt", "深圳市龙岗区", "2020.5"],  # row 5
            ["pingshan", "深圳市坪山区", ""],  # row 6
            ["pingshan/../pingshan/plan-0.txt", "深圳市龙岗区", ""]]  # row 7
    code, out, err, database, manifest = _refused(tmp_path, monkeypatch, capsys, rows)
    assert code == 2 and out == "" and not database.exists()
    lines = err.rstrip("\n").split("\n")
    assert lines[0] == f"planwatch: manifest {manifest}: 4 of 5 rows are invalid; nothing was read or stored"
    assert lines[1].startswith("  row 3: pingshan/plan-9.txt does not exist (looked for ")
    assert lines[1].endswith("; year '十四五' is not a year")
    assert lines[2] == "  row 5: year '2020.5' is not a year"
    assert lines[3] == "  row 6: pingshan is a folder; list each file"
    assert lines[4] == "  row 7: pingshan/../pingshan/plan-0.txt is listed twice (also row 2); keep one row"
    assert len(lines) == 5


def test_a_manifest_with_many_bad_rows_lists_twenty_and_counts_the_rest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import Workbook

    rows = [["path", "government"]] + [[f"pingshan/plan-{n}.txt", "深圳市坪山区"] for n in range(10, 45)]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(tmp_path / "corpus.xlsx")
    _untitled(tmp_path)
    code, out, err = run(capsys, "ingest", "--manifest", str(tmp_path / "corpus.xlsx"))
    assert code == 2 and out == ""
    lines = err.rstrip("\n").split("\n")
    assert lines[0].endswith("corpus.xlsx: 35 of 35 rows are invalid; nothing was read or stored")
    assert [line.split(":")[0] for line in lines[1:21]] == [f"  row {n}" for n in range(2, 22)]
    assert lines[21:] == ["  … and 15 more bad rows"]


@pytest.mark.parametrize("name", ["missing.csv", "manifest.txt"])
def test_a_manifest_that_cannot_be_read_is_refused_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                              name: str) -> None:
    (tmp_path / "manifest.txt").write_text("path,government\n", encoding="utf-8")
    code, _out, err = run(capsys, "ingest", "--manifest", str(tmp_path / name))
    assert code == 2 and err.count("\n") == 1 and name in err and "Traceback" not in err, err


def test_ingest_needs_files_or_a_manifest(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "ingest")
    assert code == 2 and "--manifest" in err and err.count("\n") == 1 and "Traceback" not in err
