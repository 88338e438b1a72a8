"""Assessing a whole database streams government by government and gives the same rows as the one-shot path."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from planwatch.monitor.service import assessment_rows, iter_assessment_rows
from planwatch.pipeline import ingest_corpus


def _key(row: object) -> str:
    return repr(sorted(row.to_dict().items(), key=lambda kv: kv[0]))  # type: ignore[attr-defined]


def test_streamed_assessment_equals_the_one_shot_assessment(corpus: Path, engine: Engine) -> None:
    assert ingest_corpus(engine, [corpus], workers=0).added == 6
    whole = assessment_rows(engine)
    assert len(whole) > 20
    streamed = iter_assessment_rows(engine, chunk=1)  # one government at a time
    first = next(streamed)
    rest = [first, *streamed]
    assert sorted(map(_key, rest)) == sorted(map(_key, whole))
    met = [r for r in iter_assessment_rows(engine, "met", chunk=2)]
    assert sorted(map(_key, met)) == sorted(_key(r) for r in whole if r.status == "met")
