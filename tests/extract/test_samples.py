"""Reviewed passages in other styles: each file in tests/data/extract is one sample."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planwatch.extract import extract_quantities

SAMPLES = sorted((Path(__file__).parent.parent / "data" / "extract").glob("*.json"))
FIELDS = ("kind", "indicator", "measure", "value", "value_max", "unit", "comparator", "year")


def _key(record: dict[str, object]) -> tuple[object, ...]:
    return tuple(record[f] for f in FIELDS)


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_sample_gives_its_reviewed_records(path: Path) -> None:
    sample = json.loads(path.read_text(encoding="utf-8"))
    records = extract_quantities(sample["text"], doc=sample["doc"])
    got = [_key(r.to_dict()) for r in records]
    expected = [_key(e) for e in sample["expected"]]
    assert got == expected
    for record in records:
        assert sample["text"][record.start:record.end] == record.quote


def test_samples_exist() -> None:
    assert len(SAMPLES) >= 4
