"""The pages and the API mark a year-end estimate (预计) beside the actual: /api/actuals carries `estimate`, the
indicator page and the verdict pages write 6.2%（预计）, and a basis on an estimate reads 2023年预计增速（预计数，…）
(review ux4 item 1). The demo's Pingshan plan ("预计 2018 年主要指标完成情况如下："); the county documents of
tests/data/monitor/estimates."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from planwatch.store.schema import Government, Indicator
from tests.cli_support import run
from tests.monitor.test_estimates import COUNTY, DATA
from tests.web.conftest import make_client


def test_the_demos_estimated_actuals_are_marked_in_the_api_and_on_the_indicator_page(
        client: TestClient, demo_engine: Engine) -> None:
    with Session(demo_engine) as session:
        government = session.scalar(select(Government.id).where(Government.name.contains("坪山")))
        gdp = session.scalar(select(Indicator.id).where(Indicator.name == "地区生产总值"))
    rows = client.get(f"/api/actuals?government={government}&year=2018&size=1000").json()["actuals"]
    growth = next(r for r in rows if r["indicator"] == "地区生产总值" and r["measure"] == "growth")
    assert growth["estimate"] is True and "预计 2018 年主要指标完成情况如下" in growth["note"]
    patents = [r for r in rows if r["indicator"] == "有效发明专利"]
    assert patents and not any(r["estimate"] for r in patents)
    page = client.get(f"/indicators/{gdp}?government={government}")
    assert page.status_code == 200
    assert "10%（预计）" in page.text


def test_a_verdict_on_an_estimate_is_marked_on_the_assessments_page(
        engine: Engine, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("path,government,year\n" + "".join(f"{DATA / name},{COUNTY},{year}\n" for name, year in
                                                          (("yiliang-2023.txt", 2023), ("yiliang-2024.txt", 2024))),
                        encoding="utf-8")
    code, out, err = run(capsys, "ingest", "--manifest", str(manifest), "--workers", "1")
    assert code == 0, out + err
    with make_client(engine) as client:
        page = client.get(f"/assessments?government={COUNTY}")
        assert page.status_code == 200
        assert "6.2%（预计）" in page.text
        assert "2023年预计增速（预计数，非最终统计数据）" in page.text
        assert "预计全县地区生产总值完成185.6亿元，增长6.2%" in page.text
        listed = client.get(f"/api/assessments?government={COUNTY}&year=2023").json()["assessments"]
        gdp = next(r for r in listed if r["indicator"] == "地区生产总值" and r["measure"] == "growth")
        assert gdp["estimate"] is True and gdp["status"] == "missed"
