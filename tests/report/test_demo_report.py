"""The report of the demo data (`planwatch demo`: the State Council 2016–2018 reports and Pingshan 2019).

Each headline indicator appears with its status phrase, and each actual with its evidence (document and words).
"""

from __future__ import annotations

from sqlalchemy import Engine

from planwatch.cli.demo import load_examples
from planwatch.cli.store import load_demo
from planwatch.report.model import build_report
from planwatch.report.wording import verdict
from planwatch.report.writers import to_markdown


def test_demo_reports_name_every_headline_indicator_with_its_status_and_evidence(engine: Engine) -> None:
    results = [*load_examples(engine), *load_demo(engine)]
    with_actuals = 0
    for result in results:
        report = build_report(engine, result.plan_id, charts=False)
        text = to_markdown(report)
        assert report.lines, f"plan {result.plan_id} has no headline indicators"
        for line in report.lines:
            assert line.phrase in report.headline and line.phrase in text
            assert verdict(line.row) in line.phrase
            if line.row.actual is not None:
                with_actuals += 1
                source = report.sources[line.note - 1]
                assert line.row.actual_document and "".join(line.row.actual_quote.split()) in source
                assert f"[^{line.note}]" in text
    assert with_actuals >= 2  # the State Council's 2016 and 2017 targets are judged on the next year's report
    national = next(r for r in results if r.year == 2017 and r.government == "国务院")
    text = to_markdown(build_report(engine, national.plan_id, charts=False))
    assert "国内生产总值增长6.9%，高于预期目标0.4个百分点，完成预期目标" in text
    assert "国务院 2018年政府工作报告" in text
