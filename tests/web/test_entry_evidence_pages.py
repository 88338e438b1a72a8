"""Pages of the demo plan with actuals entered by hand: the verdict's evidence is the entry (its note, date and who),
never "—"; a part-year actual says its period; the home page's 主要指标 are the report's main indicators."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from .conftest import Demo

GOVERNMENT = "深圳市坪山区"


def _enter(engine: Engine) -> None:
    from planwatch.store.actuals import set_actual

    set_actual(engine, "地区生产总值", 2019, 9.0, "%", government=GOVERNMENT, period="H1", note="区统计局上半年快报",
               who="fgj")
    set_actual(engine, "一般公共预算收入", 2019, 7.5, "%", government=GOVERNMENT, who="fgj")


def _row(html: str, table: str, indicator: str) -> str:
    body = html.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
    return next(r for r in body.split("<tr") if f">{indicator}<" in r)


def test_home_and_assessments_cite_an_entry_beside_its_verdict(client: TestClient, demo: Demo,
                                                               demo_engine: Engine) -> None:
    _enter(demo_engine)
    home = client.get(f"/?plan={demo.plan_id}").text
    gdp = _row(home, "headline", "地区生产总值")
    assert "手工录入（区统计局上半年快报），20" in gdp and "录入人 fgj" in gdp
    revenue = _row(home, "headline", "一般公共预算收入")
    assert re.search(r"手工录入，\d{4}-\d\d-\d\d，录入人 fgj", revenue)  # no note: still its source, date and who
    page = client.get(f"/assessments?plan={demo.plan_id}").text
    gdp = _row(page, "assessments", "地区生产总值")
    assert "手工录入（区统计局上半年快报）" in gdp and "(上半年)" in gdp and "进度正常" in gdp
    assert "手工录入，" in _row(page, "assessments", "一般公共预算收入")
    rows = client.get(f"/api/assessments?plan={demo.plan_id}&size=1000").json()["assessments"]
    row = next(r for r in rows if r["indicator"] == "地区生产总值")
    assert row["actual_span"] == "part" and row["actual_period"] == "H1" and row["status"] == "on_track"


def test_home_lists_the_report_s_main_indicators(client: TestClient, demo: Demo, demo_engine: Engine) -> None:
    from planwatch.report.model import build_report

    report = build_report(demo_engine, demo.plan_id, charts=False)
    home = client.get(f"/?plan={demo.plan_id}").text
    body = home.split('id="headline"', 1)[1].split("</tbody>", 1)[0]
    shown = re.findall(r'<a href="/indicators/\d+">([^<]+)</a>', body)
    assert shown == [line.row.indicator for line in report.lines]
    assert f"计划确定的{len(shown)}项主要指标" in report.headline or "暂无实际值" in report.headline
    assert "国家高新技术企业" not in shown  # a standard indicator outside the plan's heading of goals (it was listed)


def test_search_and_targets_say_a_yearly_average_with_its_years(engine: Engine) -> None:
    """"“十三五”时期经济年均增长保持在6.5%以上" is an average over 2016–2020: the hit and /targets said "2020" alone."""
    from planwatch.cli.demo import example_paths
    from planwatch.documents import load
    from planwatch.pipeline import ingest_document

    from .conftest import make_client

    plan_id = ingest_document(engine, load(example_paths()[0])).plan_id
    with make_client(engine) as client:
        search = client.get("/search?q=年均增长保持在6.5%").text
        assert "国务院 · 2016–2020年均 · " in search
        targets = client.get(f"/targets?plan={plan_id}&size=500").text
        row = next(r for r in targets.split("<tr")[1:] if "年均增长保持在6.5%" in r)
        assert ">2016–2020年均</td>" in row
        client.cookies.set("lang", "en")
        assert "average 2016–2020 · " in client.get("/search?q=年均增长保持在6.5%&lang=en").text
