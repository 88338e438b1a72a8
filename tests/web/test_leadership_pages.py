"""No English or code in the Chinese pages and files: an actual's period in words on the home page, the workbook named
as the report is, a verdict's explanations in the interface language beside the JSON's English, and the report's
Chinese words for codes the same as the pages' catalogue."""

from __future__ import annotations

from urllib.parse import unquote

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from planwatch.report import wording
from planwatch.store.schema import Plan
from planwatch.web import i18n
from planwatch.web.labels import PERIOD_LABELS, label, period_label

from .conftest import Demo, make_client


def _gdp_growth(client: TestClient, demo: Demo, period: str) -> dict[str, object]:
    """Enter 地区生产总值's growth for 2019 over `period`; the demo plan's assessment row of that target."""
    row = next(r for r in client.get("/api/assessments").json()["assessments"]
               if r["indicator"] == "地区生产总值" and r["measure"] == "growth" and r["year"] == 2019)
    indicator_id = client.get(f"/api/records/{row['record_id']}").json()["record"]["indicator_id"]
    actual = {"indicator_id": indicator_id, "year": 2019, "value": 9, "unit": "%", "measure": "growth", "period": period}
    response = client.post("/api/actuals", json=actual, headers={"Authorization": f"Bearer {demo.tokens['admin']}"})
    assert response.status_code == 201, response.text
    return next(r for r in client.get("/api/assessments").json()["assessments"] if r["record_id"] == row["record_id"])


def test_home_writes_an_actuals_period_in_words(client: TestClient, demo: Demo) -> None:
    _gdp_growth(client, demo, "H1")
    zh = client.get(f"/?plan={demo.plan_id}&lang=zh").text
    assert "（2019年上半年）" in zh and "2019H1" not in zh  # it read "9% (2019H1)"
    en = client.get(f"/?plan={demo.plan_id}&lang=en").text
    assert "(2019, first half)" in en and "2019H1" not in en


def test_workbook_download_is_named_as_the_report(client: TestClient, demo: Demo) -> None:
    docx = client.get(f"/plans/{demo.plan_id}/report?format=docx").headers["content-disposition"]
    xlsx = client.get(f"/plans/{demo.plan_id}/report?format=xlsx").headers["content-disposition"]
    title = unquote(docx.split("UTF-8''", 1)[1]).removesuffix(".docx")
    assert title.endswith("执行情况报告")
    assert unquote(xlsx.split("UTF-8''", 1)[1]) == f"{title}（数据表）.xlsx"  # it read plan-4-workbook.xlsx


def test_assessments_json_words_rule_basis_and_gap_in_the_interface_language(client: TestClient, demo: Demo) -> None:
    row = _gdp_growth(client, demo, "")
    assert "met when" in str(row["rule"]) and str(row["basis"]).startswith("reported")  # the API's fields stay
    assert "即完成" in str(row["rule_text"]) and "met when" not in str(row["rule_text"])
    assert row["basis_text"] and "reported" not in str(row["basis_text"])
    assert "个百分点" in str(row["gap_text"]) and "percentage" not in str(row["gap_text"])
    home = client.get(f"/api/home?plan={demo.plan_id}").json()
    headline = next(r for r in home["headline"] if r["id"] == row["record_id"])
    assert "即完成" in headline["rule_text"]
    assert headline["basis_text"] and "reported" not in headline["basis_text"] and "个百分点" in headline["gap_text"]
    english = next(r for r in client.get("/api/assessments?lang=en").json()["assessments"]
                   if r["record_id"] == row["record_id"])
    assert "met when" in english["rule_text"] and "percentage points" in english["gap_text"]


def test_report_words_for_codes_are_the_pages_words() -> None:
    token = i18n.set_language("zh")
    try:
        assert {code: label(code, "measure") for code in wording.MEASURE_ZH} == wording.MEASURE_ZH
        assert {code: label(code, "domain") for code in wording.DOMAIN_ZH} == wording.DOMAIN_ZH
        assert {code: period_label(code) for code in PERIOD_LABELS} == wording.PERIOD_ZH
    finally:
        i18n.reset_language(token)


def test_home_lists_a_plans_own_targets_as_judged_in_it(engine: Engine) -> None:
    """国务院 2017年政府工作报告's judged targets on the home page of the 2018 report (waiting for actuals): its own,
    not the 2016 target it restates (广义货币M2 13%左右, 2016)."""
    from planwatch.cli.demo import load_examples

    load_examples(engine)
    with Session(engine) as session:
        newest = session.scalars(select(Plan.id).order_by(Plan.year.desc())).first()
    with make_client(engine) as client:
        home = client.get(f"/api/home?plan={newest}").json()
    judged = home["judged"]
    assert judged and judged["plan"]["year"] == 2017
    assert judged["targets"] and {t["year"] for t in judged["targets"]} >= {2017}
    assert all(t["year"] >= 2017 for t in judged["targets"])  # it listed 广义货币M2 2016
