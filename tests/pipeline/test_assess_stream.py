"""Assessing a whole database streams government by government and gives the same rows as the one-shot path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import run
from sqlalchemy import Engine

from planwatch.monitor.service import assessment_rows, iter_assessment_rows
from planwatch.pipeline import ingest_corpus


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
    assert sorted(repr(sorted(d.items())) for d in lines) == sorted(
        repr(sorted(json.loads(json.dumps(r.to_dict(), ensure_ascii=False)).items())) for r in whole)
