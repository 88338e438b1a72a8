"""Domains and task items of a real work report, whose top level only splits a five-year part from the year's work."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from planwatch.documents import load
from planwatch.evaluate.service import evaluate, system_for
from planwatch.pipeline import ingest_document
from tests.extract.test_development_set import SHARED

REPORT = SHARED / "corpus" / "full" / "national-gwr-2016.txt"
pytestmark = pytest.mark.skipif(not REPORT.is_file(), reason=f"no {REPORT} (set PLANWATCH_SHARED)")


def _national_2016(engine: Engine) -> int:
    return ingest_document(engine, load(REPORT), extract=lambda text, doc="doc": []).plan_id


def test_the_years_areas_of_work_are_the_domains(engine: Engine) -> None:
    e = evaluate(engine, _national_2016(engine), system_for(engine, None))
    titles = [r.domain for r in e.domains]
    # "三、2016年重点工作" (458 tasks) is split into its eight areas; the five-year part keeps its own domain
    assert titles[0].startswith("二、“十三五”时期主要目标任务")
    assert [t[:3] for t in titles[1:]] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）", "（八）"]
    assert not any(t.startswith("三、2016年重点工作") for t in titles)  # its tasks are all in the areas below it


def test_task_items_match_headings_at_any_level(engine: Engine) -> None:
    e = evaluate(engine, _national_2016(engine), system_for(engine, None))
    items = {i.label: i for d in e.dimensions for i in d.items}
    innovation = items["任务完成率（创新、科技、人才）"]
    # the tasks under "（二）加强供给侧结构性改革…" > "…创新…" headings, not 无对应任务 (the top level names neither)
    assert innovation.detail.key != "eval_no_tasks"  # type: ignore[attr-defined]
    assert innovation.detail.args["counted"] > 0  # type: ignore[attr-defined]


def test_a_plan_nobody_supervises_claims_no_task_late(engine: Engine) -> None:
    """Every task of the 2016 report is past its deadline, but nobody tracked them: the domains have no completion
    rate and the report counts the tasks without calling them 滞后 (it had listed all 458 as late)."""
    from planwatch.report.model import build_report
    from planwatch.report.writers import to_markdown

    plan = _national_2016(engine)
    e = evaluate(engine, plan, system_for(engine, None))
    # no rate, and no task late where nobody supervises (review ux2 #4: the workbook said 滞后 for every task)
    assert e.domains and all(r.rate is None and r.late == 0 for r in e.domains)
    text = to_markdown(build_report(engine, plan, charts=False))
    assert "尚无进展报送（本计划未开展任务督办），不作评判" in text
    assert "滞后任务及责任单位如下" not in text and "滞后" not in text.split("## 二、", 1)[1].split("## 资料来源")[0]


def test_the_cli_shows_no_late_count_where_nothing_is_known(engine: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    """The domain and unit tables of an unsupervised plan: no rate and no 逾期 count (—), as the report says 不作评判."""
    from cli_support import run

    plan = _national_2016(engine)
    e = evaluate(engine, plan, system_for(engine, None))
    assert not any(r.known for r in e.domains) and not any(u.known for u in e.units)
    code, out, err = run(capsys, "evaluate", "--plan", str(plan), "--by", "unit")
    assert code == 0, err
    row = next(line for line in out.splitlines() if "稳定和完善宏观经济政策" in line)
    assert row.count("—") == 2 and str(e.domains[1].late) not in row.split("│")[4]
