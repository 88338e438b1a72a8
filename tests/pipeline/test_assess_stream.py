"""Assessing a whole database streams government by government and gives the same rows as the one-shot path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import run
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from planwatch.errors import ValidationError
from planwatch.monitor.service import assessment_chunks, assessment_rows, government_chunks, iter_assessment_rows
from planwatch.pipeline import ingest_corpus
from planwatch.store.schema import Plan, Record


def _key(row: object) -> str:
    return repr(sorted(row.to_dict().items(), key=lambda kv: kv[0]))  # type: ignore[attr-defined]


def test_streamed_assessment_equals_the_one_shot_assessment(corpus: Path, engine: Engine) -> None:
    assert ingest_corpus(engine, [corpus], workers=1).added == 6
    whole = assessment_rows(engine)
    assert len(whole) > 20
    streamed = iter_assessment_rows(engine, chunk=1)  # one government at a time
    first = next(streamed)
    rest = [first, *streamed]
    assert sorted(map(_key, rest)) == sorted(map(_key, whole))
    met = [r for r in iter_assessment_rows(engine, "met", chunk=2)]
    assert sorted(map(_key, met)) == sorted(_key(r) for r in whole if r.status == "met")


def test_assess_jsonl_of_a_whole_database_streams_every_row(corpus: Path, engine: Engine, db_url: str,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    ingest_corpus(engine, [corpus], workers=1)
    whole = assessment_rows(engine)
    code, out, _err = run(capsys, "assess", "--format", "jsonl")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(lines) == len(whole)
    worded = ("rule_text", "basis_text", "gap_text")  # the explanations in the interface language, last (as the API's)
    assert all(tuple(d)[-3:] == worded for d in lines)
    lines = [{k: v for k, v in d.items() if k not in worded} for d in lines]
    assert sorted(repr(sorted(d.items())) for d in lines) == sorted(
        repr(sorted(json.loads(json.dumps(r.to_dict(), ensure_ascii=False)).items())) for r in whole)


def test_parallel_assessment_gives_the_serial_rows_in_the_same_order(corpus: Path, engine: Engine) -> None:
    ingest_corpus(engine, [corpus], workers=1)
    serial = list(iter_assessment_rows(engine, chunk=1))
    assert len({r.government for r in serial}) >= 3  # several chunks, so the workers share them
    assert list(iter_assessment_rows(engine, chunk=1, workers=2)) == serial  # every field, in the same order
    for filters in ({"status": "no_data"}, {"government": serial[-1].government}, {"year": serial[0].year}):
        expected = list(iter_assessment_rows(engine, chunk=1, **filters))  # type: ignore[arg-type]
        assert expected
        assert list(iter_assessment_rows(engine, chunk=1, workers=3, **filters)) == expected  # type: ignore[arg-type]
    chunks = list(assessment_chunks(engine, chunk=1, workers=2, transform=len))  # run in the workers
    assert chunks == [len(rows) for rows in assessment_chunks(engine, chunk=1)] and sum(chunks) == len(serial)
    stream = iter_assessment_rows(engine, chunk=1, workers=2)
    assert next(stream) == serial[0]
    stream.close()  # a consumer that stops early stops the workers
    with pytest.raises(ValidationError, match="workers"):
        next(iter_assessment_rows(engine, workers=0))


def test_absences_of_one_plan_equal_those_of_the_whole_database(corpus: Path, engine: Engine) -> None:
    # The whole-database path finds absences from the targets it assessed; one plan's path queries them.
    ingest_corpus(engine, [corpus], workers=1)
    whole = [r for r in assessment_rows(engine) if r.status == "absent"]
    assert whole
    by_plan = [r for plan_id in sorted({r.plan_id for r in assessment_rows(engine)})
               for r in assessment_rows(engine, plan_id=plan_id, status="absent")]
    assert sorted(map(_key, by_plan)) == sorted(map(_key, whole))


@pytest.mark.parametrize("format", ["jsonl", "csv"])
def test_assess_with_workers_prints_what_one_process_prints(corpus: Path, engine: Engine, db_url: str, format: str,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    ingest_corpus(engine, [corpus], workers=1)
    code, serial, _err = run(capsys, "assess", "--format", format, "--chunk", "1")
    assert code == 0 and len(serial.splitlines()) > 20
    code, parallel, _err = run(capsys, "assess", "--format", format, "--chunk", "1", "--workers", "2")
    assert code == 0 and parallel == serial
    code, whole, _err = run(capsys, "assess", "--format", format)  # the default chunk: the same rows, another order
    assert code == 0 and sorted(whole.splitlines()) == sorted(serial.splitlines())
    code, _out, err = run(capsys, "assess", "--format", format, "--workers", "0")
    assert code == 2 and "--workers" in err


def test_a_chunk_of_governments_closes_at_its_record_budget(corpus: Path, engine: Engine) -> None:
    """Memory follows records, not governments: 100 big governments must not be read at once."""
    ingest_corpus(engine, [corpus], workers=1)
    with Session(engine) as session:
        held = dict(session.execute(select(Plan.government_id, func.count(Record.id)).join(Record)
                                    .group_by(Plan.government_id).order_by(Plan.government_id)).all())
        ids = sorted(held)
        assert len(ids) >= 3 and all(held.values())
        assert government_chunks(session, 100) == [ids]  # a small database: one chunk
        assert government_chunks(session, 2) == [ids[i:i + 2] for i in range(0, len(ids), 2)]
        assert government_chunks(session, 100, chunk_records=1) == [[i] for i in ids]  # never split a government
        two = held[ids[0]] + held[ids[1]]
        assert government_chunks(session, 100, chunk_records=two)[0] == ids[:2]
        assert government_chunks(session, 100, chunk_records=two - 1)[0] == ids[:1]
    by_budget = list(assessment_chunks(engine, chunk_records=1))
    assert len(by_budget) == len(ids)
    assert by_budget == list(assessment_chunks(engine, chunk=1))  # the same rows, in the same chunks
    assert sum(map(len, by_budget)) == len(assessment_rows(engine))
