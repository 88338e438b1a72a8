"""Year-end estimates (预计) among results: `extract.estimates` marks them (`Quantity.estimate`), keeps the evidence with
its 预计 when the quote lacks it, and leaves final figures, 初步核算, comparisons with an expectation and targets alone.
Passages: tests/data/extract/estimates/cases.json; the bundled Pingshan plan's 预计 list (review ux4 item 1)."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest

from planwatch.extract import extract_quantities
from planwatch.extract.records import Quantity

DATA = Path(__file__).parents[1] / "data" / "extract" / "estimates" / "cases.json"
CASES = json.loads(DATA.read_text(encoding="utf-8"))["cases"]
PINS = [(case, pin) for case in CASES for pin in case["pins"]]


def _found(records: list[Quantity], quote: str) -> Quantity:
    found = [r for r in records if r.quote.endswith(quote)]
    assert found, f"no record quoting {quote}: {[r.quote for r in records]}"
    return found[0]


@pytest.mark.parametrize(("case", "pin"), PINS, ids=[f"{c['shape'][:20]}-{p['quote']}" for c, p in PINS])
def test_an_estimate_is_marked_and_quoted_with_its_yuji(case: dict[str, object], pin: dict[str, object]) -> None:
    text = str(case["text"])
    record = _found(extract_quantities(text, doc="t"), str(pin["quote"]))
    assert record.estimate is pin["estimate"]
    if "evidence" in pin:
        assert record.extra["estimate_quote"] == pin["evidence"]
        start = record.extra["estimate_start"]
        if "……" not in str(pin["evidence"]):  # a contiguous quote: the document's own words from its 预计
            assert text[start:record.end] == pin["evidence"]
    elif not record.estimate:
        assert "estimate_quote" not in record.extra


def test_the_pingshan_plans_estimated_list_is_marked_and_its_prose_results_are_not() -> None:
    """"预计 2018 年主要指标完成情况如下：" governs its dashed list (12 records, each quoted with the lead), up to the
    next heading; the results of the prose after it ("拥有有效发明专利 3688 件", "万元 GDP 能耗较 2017 年下降 4.2%")
    are final figures, a sentence of their own with 预计 ("预计第三产业增加值 220 亿元") an estimate."""
    text = files("planwatch.data").joinpath("pingshan-2019-plan.txt").read_text(encoding="utf-8")
    records = extract_quantities(text, doc="pingshan-2019-plan")
    lead = text.index("预计 2018 年主要指标完成情况如下：")
    listed = [r for r in records if r.kind == "result" and lead < r.start < text.index("（一）保持经济稳定增长")]
    assert len(listed) == 12
    for r in listed:
        assert r.estimate, r.quote
        assert r.extra["estimate_quote"] == f"预计 2018 年主要指标完成情况如下：……{r.quote}"
    assert _found(records, "第三产业增加值 220 亿元").estimate
    for quote in ("拥有有效发明专利 3688 件", "万元 GDP 能耗较 2017 年下降 4.2%", "公办学位 3690 个"):
        assert not _found(records, quote).estimate, quote
    assert not any(r.estimate for r in records if r.kind == "target")


def test_the_jsonl_record_carries_the_flag() -> None:
    """`planwatch extract --format jsonl` writes `estimate` on every record (the scorer ignores extra fields)."""
    case = CASES[0]
    rows = [r.to_dict() for r in extract_quantities(str(case["text"]), doc="t")]
    assert all(isinstance(row["estimate"], bool) for row in rows)
    assert [row["estimate"] for row in rows if row["kind"] == "result"] == [True] * 5
    assert json.loads(json.dumps(rows[1], ensure_ascii=False))["estimate_quote"].startswith("预计全县")
