"""Records of whole real reports that hand reviews of passages no gold file covers found wrong (2026-12-06):
numerals with 万 inside, cuts by a per cent, ages that name people, counts of a plan's own parts, periods,
sizes that sort what is counted, verbs inside a counted name. Every file of tests/data/extract/reviews."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from planwatch.documents import load
from planwatch.extract import extract_quantities
from planwatch.extract.records import Quantity
from tests.extract.test_development_set import SHARED

REVIEWS = sorted((Path(__file__).parents[1] / "data" / "extract" / "reviews").glob("*.json"))
REVIEW = {part: [case for path in REVIEWS for case in json.loads(path.read_text(encoding="utf-8"))[part]]
          for part in ("present", "absent")}
FULL = SHARED / "corpus" / "full"
pytestmark = pytest.mark.skipif(not FULL.is_dir(), reason=f"no full corpus at {FULL} (set PLANWATCH_SHARED)")


@cache
def _records(name: str) -> list[Quantity]:
    document = load(FULL / name)
    return extract_quantities(document.text, doc=document.name)


@pytest.mark.parametrize("case", REVIEW["present"], ids=[c["quote"] for c in REVIEW["present"]])
def test_record_has_its_reviewed_fields(case: dict[str, object]) -> None:
    records = [r for r in _records(str(case["file"])) if str(case["quote"]) in r.quote]
    assert records, f"no record quoting …{case['quote']}"
    got = {field: getattr(records[0], field) for field in case["fields"]}  # type: ignore[union-attr]
    assert got == case["fields"]


@pytest.mark.parametrize("case", REVIEW["absent"], ids=[c["text"] for c in REVIEW["absent"]])
def test_no_record_of_what_is_not_a_quantity(case: dict[str, object]) -> None:
    wrong = [r.quote for r in _records(str(case["file"])) if str(case["text"]) in r.quote and r.unit == case["unit"]
             and case.get("value", r.value) == r.value]
    assert wrong == []
