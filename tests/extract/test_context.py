"""Document context: the plan year of local plan reports as they reach planwatch (yearless, portal and cut
titles), and that no short, title-less or oddly titled text makes reading or extraction raise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from planwatch.documents import Document
from planwatch.documents.meta import describe
from planwatch.documents.normalize import normalize
from planwatch.extract import extract_quantities
from planwatch.extract.context import DocumentContext, plan_year
from planwatch.pipeline.stages import analyse

CASES = json.loads((Path(__file__).parents[1] / "data" / "extract" / "local-plans" / "plan-years.json")
                   .read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["shape"][:40] for c in CASES])
def test_plan_year_and_record_years_of_local_report_titles(case: dict[str, object]) -> None:
    text = str(case["text"])
    assert plan_year(normalize(text).text) == case["plan_year"]
    records = extract_quantities(text, doc="t")
    for quote, kind, year in case["records"]:  # type: ignore[attr-defined]
        found = [r for r in records if quote in r.quote]
        assert found, f"no record quoting {quote}: {[r.quote for r in records]}"
        assert (found[0].kind, found[0].year) == (kind, year), quote


# Pieces of the top of local plan reports: titles with and without years, portal and cut titles, datelines,
# headings, review sentences; joined in any order, with any breaks, and cut anywhere.
_PIECES = [
    "国民经济和社会发展计划执行情况及国民经济和社会发展计划草案的报告", "关于某县", "2011年", "2012 年", "19年",
    "国民经济和社会发展计划", "执行情况", "及", "与", "和", "计划草案", "草案", "(草案)", "执行草案", "的报告", "政府工作报告",
    "预算", "——2012年1月5日在县第九届人民代表大会上", "一、2011年国民经济和社会发展计划执行情况", "二、主要目标",
    "（一）工业", "各位代表：", "受县人民政府委托，现将", "提请审议。", "地区生产总值31.6亿元，增长11.2%，",
    "完成年计划33亿元的95.8%", "人口自然增长率控制在5.2‰以内", "城镇登记失业率≤3.8%", "累计增幅8.4%", "十二五", "今年",
    "过去一年", "目标是：", ",", ";", ":", "(", ")", "。", "\n", "\n\n", " ", "\u3000",
]
_TOPS = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TOPS)
@example("今年和十二五及 二、主要目标")  # two cues at one place, one with a year and one without: sorting them raised TypeError
@example("国民经济和社会发展计划执行情况及国民经济和社会发展计划草案的报告\n\n受县人民政府委托，现将2011年国民经济和社会发展计划执行情况")
@example("国民经济和社会发展计划执行情况及计划草案的报告")
def test_plan_year_and_frames_never_raise(text: str) -> None:
    norm = normalize(text).text
    year = plan_year(norm, "t")
    assert year is None or 1900 <= year <= 2099
    ctx = DocumentContext(norm, "t")
    for pos in range(0, len(norm) + 1, 3):
        frame = ctx.frame_at(pos)
        assert frame.kind in ("result", "target")
    for record in extract_quantities(text, doc="t"):
        assert text[record.start:record.end] == record.quote
    meta = describe(text, "t")
    assert meta.year is None or 1900 <= meta.year <= 2099


@settings(max_examples=60, deadline=None)
@given(_TOPS.filter(str.strip))
@example("国民经济和社会发展计划执行情况及国民经济和社会发展计划草案的报告\n\n现将2011年国民经济和社会发展计划执行情况及2012年国民经济和社会发展计划草案提请审议。")
def test_the_pure_ingest_stages_never_raise(text: str) -> None:
    """describe, quantities, tasks and their units, follow-up words: what `planwatch ingest` runs before storing."""
    analysis = analyse(Document(name="t", text=text), government="某县", year=2012, pairs=False)
    for record in analysis.quantities:
        assert text[record.start:record.end] == record.quote
