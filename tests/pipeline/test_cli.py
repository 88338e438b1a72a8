"""`planwatch ingest` on folders: workers, progress summary, failures listed with exit 2, engine checks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import run

from planwatch.pipeline.local import default_workers

from .conftest import CORPUS_FILES

TESTS = Path(__file__).resolve().parents[1]


def test_ingest_a_folder_with_workers(db_url: str, corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "ingest", str(corpus), "--workers", "2")
    assert code == 0
    assert out.count("added") == 6 and out.count("unchanged") == 1
    assert "7 documents in" in err and "documents/s" in err and "6 added" in err
    assert "read by 2 worker processes" in err
    code, out, err = run(capsys, "ingest", str(corpus))  # a rerun: everything is stored already
    assert code == 0 and out.count("unchanged") == 7 and "0 added" in err


def test_a_run_of_fewer_than_4_files_stays_in_this_process(db_url: str, corpus: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """Starting workers costs more than they save on 2 or 3 reports: without --workers such a run reads in the writer."""
    files = sorted(p for p in corpus.rglob("*.txt"))
    code, _out, err = run(capsys, "ingest", str(files[0]), str(files[1]), str(files[2]))
    assert code == 0 and "3 documents in" in err and "read in this process" in err
    code, _out, err = run(capsys, "ingest", *map(str, files[3:7]))
    assert code == 0 and "4 documents in" in err and f"read by {default_workers()} worker processes" in err \
        if default_workers() > 1 else "read in this process" in err
    code, _out, err = run(capsys, "ingest", str(files[0]), str(files[1]), "--workers", "2")  # asked for: as asked
    assert code == 0 and "read by 2 worker processes" in err


def test_failures_are_listed_at_the_end_and_exit_2(db_url: str, corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copyfile(TESTS / "data" / "documents" / "empty.txt", corpus / "a-empty.txt")
    code, out, err = run(capsys, "ingest", str(corpus), "--workers", "1")
    assert code == 2 and out.count("added") == 6
    failed = [line for line in err.splitlines() if line.startswith("failed")]
    assert len(failed) == 1 and "a-empty.txt" in failed[0] and "empty file" in failed[0]
    assert err.strip().splitlines()[-1] == ("planwatch: 1 of 8 files failed; the others were stored: 6 added, "
                                            "1 already stored, unchanged")


def test_when_the_others_were_stored_before_nothing_was_stored(db_url: str, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Review ux2 #22: a folder with 1 stored and 5 bad files ended "5 of 6 files failed; the others were stored"
    though nothing was stored."""
    from planwatch.documents import bundled_plan_path

    shutil.copyfile(bundled_plan_path(), tmp_path / "plan.txt")
    assert run(capsys, "ingest", str(tmp_path / "plan.txt"))[0] == 0
    for n in range(5):
        shutil.copyfile(TESTS / "data" / "documents" / "empty.txt", tmp_path / f"bad{n}.txt")
    code, out, err = run(capsys, "ingest", str(tmp_path), "--workers", "1")
    assert code == 2 and "unchanged" in out and "added" not in out
    assert err.strip().splitlines()[-1] == ("planwatch: 5 of 6 files failed; nothing was stored "
                                            "(1 already stored, unchanged)")


def test_extract_prints_the_good_files_and_names_the_bad_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Review ux2 #22: `extract page.html empty.txt -f jsonl` printed nothing for the good file (exit 2, one line about
    empty.txt)."""
    import json

    from planwatch.documents import bundled_plan_path

    empty = tmp_path / "empty.txt"
    shutil.copyfile(TESTS / "data" / "documents" / "empty.txt", empty)
    code, out, err = run(capsys, "extract", str(bundled_plan_path()), str(empty), "-f", "jsonl")
    assert code == 2
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) > 90 and {r["doc"] for r in records} == {bundled_plan_path().stem}
    lines = err.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith("failed") and "empty.txt" in lines[0]
    assert lines[1] == "planwatch: 1 of 2 files could not be read (listed above); the records of the other 1 are printed"


def test_when_every_file_fails_nothing_was_stored(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Not "2 of 2 files failed; the others were stored" (CLI audit)."""
    for name in ("a.txt", "b.txt"):
        shutil.copyfile(TESTS / "data" / "documents" / "empty.txt", tmp_path / name)
    code, out, err = run(capsys, "ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--workers", "1")
    assert code == 2 and "added" not in out
    assert err.strip().splitlines()[-1] == "planwatch: 2 of 2 files failed; nothing was stored"


def test_the_bar_moves_as_each_document_is_stored(db_url: str, corpus: Path, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The bar stayed at 0/115 for 5 s, then jumped to 64/115 at "18489.0 documents/s": it moved only when a
    batch committed (audit defect 18). Now it moves per stored document; lines still come after the commit."""
    from rich.progress import Progress

    import planwatch.pipeline.writer as writer

    events: list[str] = []
    advance, flush = Progress.advance, writer.BatchWriter.flush

    def advanced(self: Progress, *args: object, **kwargs: object) -> None:
        events.append("advance")
        advance(self, *args, **kwargs)  # type: ignore[arg-type]

    def flushed(self: writer.BatchWriter) -> None:
        events.append(f"commit {len(self._pending)}")
        flush(self)

    monkeypatch.setattr(Progress, "advance", advanced)
    monkeypatch.setattr(writer.BatchWriter, "flush", flushed)
    monkeypatch.setattr(writer, "BATCH_SECONDS", 600.0)  # batches close by size only, however slow the machine
    code, out, _ = run(capsys, "ingest", str(corpus), "--workers", "1", "--batch", "4")
    assert code == 0 and out.count("added") == 6
    assert events == ["advance"] * 4 + ["commit 4"] + ["advance"] * 3 + ["commit 3"]


def test_a_folder_with_nothing_to_read_fails(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An empty folder, or one of .doc/.rtf files only, said "0 documents" with exit 0 (audit defect 16)."""
    empty = tmp_path / "emptydir"
    empty.mkdir()
    code, out, err = run(capsys, "ingest", str(empty))
    assert (code, out) == (2, "")
    assert err == f"planwatch: no documents to ingest in {empty} (read: .txt .md .docx .pdf .html .htm; found: nothing)\n"
    old = tmp_path / "old"
    old.mkdir()
    for name in ("a.doc", "b.doc", "c.doc", "d.rtf", "README", ".hidden.txt"):
        (old / name).write_bytes(b"x")
    code, out, err = run(capsys, "ingest", str(old), "--workers", "1")
    assert (code, out) == (2, "") and len(err.strip().splitlines()) == 1
    assert err.strip().endswith("found: 3 .doc, 1 .rtf, 1 without an extension)")


def test_other_types_in_a_folder_are_listed_as_skipped(db_url: str, corpus: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """In a mixed folder .rtf and extensionless files were left out of the count and never named (defect 16)."""
    (corpus / "old.rtf").write_bytes(b"{\\rtf1 x}")
    (corpus / "NOTES").write_bytes(b"x")
    code, out, err = run(capsys, "ingest", str(corpus), "--workers", "1")
    assert code == 0 and out.count("added") == 6
    lines = err.strip().splitlines()
    assert lines[-3] == "2 files skipped, of types planwatch does not read: 1 .rtf, 1 without an extension"
    assert lines[-2].startswith(f"skipped   {corpus / 'NOTES'}: no file extension, so the format is unknown")
    assert lines[-1].startswith(f"skipped   {corpus / 'old.rtf'}: unsupported file type '.rtf'")
    assert lines[-1].endswith("save it as .docx or .txt")


def test_a_multi_machine_run_refuses_sqlite(db_url: str, corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("the refusal concerns SQLite")
    code, _out, err = run(capsys, "ingest", str(corpus), "--engine", "ray", "--address", "10.0.0.1:6379")
    assert code == 2 and "needs a PostgreSQL database" in err and len(err.strip().splitlines()) == 1
    code, _out, err = run(capsys, "ingest", str(corpus), "--address", "10.0.0.1:6379")
    assert code == 2 and "--engine ray" in err


SCRIPT = """
import sys
from sqlalchemy import func, select
from planwatch.store.db import connect
from planwatch.pipeline import ingest_document, read
engine = connect(sys.argv[1])
for path in sys.argv[2:]:
    ingest_document(engine, read(path))
import planwatch.store.tasks as t
with engine.connect() as c:
    print(c.scalar(select(func.count()).select_from(t.Task)), c.scalar(select(func.count()).select_from(t.FollowupProposal)))
"""


def test_no_caller_can_forget_a_stage(db_url: str) -> None:
    """A fresh interpreter that imports only the pipeline gets tasks and follow-ups (no hook to register)."""
    env = {**os.environ, "PYTHONPATH": str(TESTS.parent / "src")}
    done = subprocess.run([sys.executable, "-c", SCRIPT, db_url, *map(str, CORPUS_FILES[:2])], capture_output=True,
                          text=True, env=env, timeout=300, check=True)
    tasks, proposals = map(int, done.stdout.split())
    assert tasks > 50 and proposals > 0


def test_a_local_report_with_a_yearless_title_is_extracted_and_stored(db_url: str, tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """A copy whose title line has no year made `extract` and `ingest` exit with "unexpected error (ValueError: max()
    arg is an empty sequence)" and lose the document (review4). Constructed after the pattern of local plan reports."""
    plan = tmp_path / "county-report.txt"
    plan.write_text("国民经济和社会发展计划执行情况及国民经济和社会发展计划草案的报告\n\n各位代表：\n\n受县人民政府委托，"
                    "现将2011年国民经济和社会发展计划执行情况及2012年国民经济和社会发展计划草案提请县人大审议。\n\n"
                    "一、2011年国民经济和社会发展计划执行情况\n\n全县地区生产总值31.6亿元，增长11.2%。\n", encoding="utf-8")
    code, out, err = run(capsys, "extract", str(plan))
    assert code == 0 and "unexpected error" not in err and "Traceback" not in err
    assert "31.6" in out and "2011" in out
    code, out, err = run(capsys, "ingest", str(plan), "--government", "某县")
    assert code == 0 and "unexpected error" not in err and "Traceback" not in err
    assert "added" in out and "2012" in out
    code, out, err = run(capsys, "ingest", str(tmp_path), "--government", "某县")  # the bulk path
    assert code == 0 and "unexpected error" not in err and "unchanged" in out


def test_ingest_notes_a_plan_read_from_traditional_script(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A mirror site's copy in traditional script is stored converted to simplified, and ingest says so."""
    from sqlalchemy import select

    from planwatch.store.db import connect
    from planwatch.store.schema import Plan

    path = TESTS / "data" / "documents" / "jilin-2026-traditional.txt"
    code, out, err = run(capsys, "ingest", str(path))
    assert code == 0, err
    assert "added" in out and "(吉林省 2026)" in out and "note: 已由繁体转换为简体" in out
    engine = connect(db_url)
    with engine.connect() as connection:
        text = connection.execute(select(Plan.text)).scalar_one()
    engine.dispose()
    assert "地区生产总值增长5%" in text and text == (TESTS / "data" / "documents" / "jilin-2026-simplified.txt").read_text(encoding="utf-8")
