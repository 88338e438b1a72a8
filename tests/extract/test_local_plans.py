"""Local annual plan reports (计划执行情况与计划草案的报告 of districts, counties and cities): the classes of the fourth
hand review (review4), pinned on constructed passages (tests/data/extract/local-plans/records.json; the review's
third-party texts are not in the repository). The execution-against-plan and ASCII-punctuation passages are samples
of tests/data/extract (test_samples.py); plan years are in test_context.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planwatch.extract import extract_quantities

LOCAL = Path(__file__).parents[1] / "data" / "extract" / "local-plans"
# records.json: review4's classes; review5.json: review5's (goals met or quoted in a review, sub-totals in brackets,
# list ordinals, signed growth, a half-year review, lists without 分别)
CASES = [case for name in ("records.json", "review5.json")
         for case in json.loads((LOCAL / name).read_text(encoding="utf-8"))["cases"]]
PINS = [(case, pin) for case in CASES for pin in case["pins"]]
ABSENT = [(case, absent) for case in CASES for absent in case.get("absent", [])]


@pytest.mark.parametrize(("case", "pin"), PINS, ids=[f"{c['shape'][:24]}-{p['quote']}" for c, p in PINS])
def test_local_plan_record_has_its_fields(case: dict[str, object], pin: dict[str, object]) -> None:
    text = str(case["text"])
    records = extract_quantities(text, doc="t")
    found = [r for r in records if str(pin["quote"]) in r.quote]
    assert found, f"no record quoting {pin['quote']}: {[r.quote for r in records]}"
    got = {field: getattr(found[0], field) for field in pin["fields"]}  # type: ignore[union-attr]
    assert got == pin["fields"]
    for record in records:
        assert text[record.start:record.end] == record.quote


@pytest.mark.parametrize(("case", "absent"), ABSENT, ids=[f"{c['shape'][:24]}-{a['text']}" for c, a in ABSENT])
def test_local_plan_has_no_record_of(case: dict[str, object], absent: dict[str, str]) -> None:
    records = extract_quantities(str(case["text"]), doc="t")
    assert [r.quote for r in records if absent["text"] in r.quote and r.unit == absent["unit"]] == []
