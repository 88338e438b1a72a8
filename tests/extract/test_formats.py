"""The extractor on the same county plan saved in other encodings and formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.documents import load
from planwatch.extract import extract_quantities

DATA = Path(__file__).resolve().parents[1] / "data" / "documents"


@pytest.mark.parametrize("name", ["county-plan-gbk.txt", "plan-crlf.txt", "plan.docx", "plan.pdf", "plan.html"])
def test_county_plan_gives_its_gdp_in_every_format(name: str) -> None:
    document = load(DATA / name)
    records = extract_quantities(document.text, doc=document.name)
    gdp = [r for r in records if r.indicator.endswith("地区生产总值") and r.measure == "level"]
    assert gdp and gdp[0].value == 185.6e8 and gdp[0].unit == "元"
    assert (gdp[0].kind, gdp[0].year) == ("result", 2023)
    for record in records:
        assert document.text[record.start:record.end] == record.quote
