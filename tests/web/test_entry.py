"""Data entry: the entry grid, the indicator page's form, completeness (issue 10 part 2)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from .conftest import Demo, csrf_of, login

SECOND = "示例区 2019 年国民经济和社会发展计划\n\n二、2019 年主要目标\n\n——地区生产总值增长 6%左右。\n——新增公办学位 1.2 万个以上。\n"


def add_second_government(engine: Engine) -> None:
    """Store a plan of another government (示例区), so two governments are stored."""
    from planwatch.documents import Document
    from planwatch.pipeline import ingest_document

    ingest_document(engine, Document(name="shili-2019-plan", text=SECOND), government="示例区", year=2019, who="tests")


def _gov_ids(engine: Engine) -> dict[str, int]:
    from planwatch.store.schema import Government

    with Session(engine) as session:
        return {g.name: g.id for g in session.scalars(select(Government))}


def _actuals(engine: Engine) -> list[tuple[str, int, str, str, float, str, str]]:
    from planwatch.store.schema import Actual, Government, Indicator

    with Session(engine) as session:
        return [tuple(r) for r in session.execute(
            select(Government.name, Actual.year, Actual.period, Indicator.name, Actual.value, Actual.unit, Actual.who)
            .join(Government, Government.id == Actual.government_id).join(Indicator, Indicator.id == Actual.indicator_id)
            .where(Actual.source == "manual"))]


def _grid_form(client: TestClient, gov: int, cells: dict[str, str], period: str = "") -> dict[str, str]:
    return {"csrf_token": csrf_of(client), "government": str(gov), "year": "2019", "period": period, **cells}


def test_entry_grid_takes_1_5_wan_with_two_governments(client: TestClient, demo: Demo, demo_engine: Engine) -> None:
    add_second_government(demo_engine)
    login(client, "admin")
    gov = _gov_ids(demo_engine)["示例区"]
    rows = client.get(f"/api/entry?government={gov}&year=2019").json()["rows"]
    keys = {r["indicator"]: r["key"] for r in rows}
    assert set(keys) == {"公办学位", "地区生产总值"}
    response = client.post("/entry", data=_grid_form(client, gov, {f"v-{keys['公办学位']}": "1.5万",
                                                                  f"v-{keys['地区生产总值']}": "6.2%"}),
                           follow_redirects=False)
    assert response.status_code == 303, response.text[:500]
    stored = sorted(_actuals(demo_engine))
    assert ("示例区", 2019, "", "公办学位", 1.5, "万个", "admin") in stored
    assert ("示例区", 2019, "", "地区生产总值", 6.2, "%", "admin") in stored
    page = client.get(response.headers["location"]).text
    assert "已保存 2 个数值" in page


def test_refused_cell_keeps_its_input_and_says_why_beside_it(client: TestClient, demo: Demo, demo_engine: Engine) -> None:
    add_second_government(demo_engine)
    login(client, "admin")
    gov = _gov_ids(demo_engine)["示例区"]
    keys = {r["indicator"]: r["key"] for r in client.get(f"/api/entry?government={gov}&year=2019").json()["rows"]}
    response = client.post("/entry", data=_grid_form(client, gov, {f"v-{keys['公办学位']}": "一万五千多",
                                                                  f"v-{keys['地区生产总值']}": "6.2亿元"}))
    assert response.status_code == 422
    html = response.text
    assert 'value="一万五千多"' in html and 'value="6.2亿元"' in html  # the input is never lost
    assert html.count('class="cell-error"') == 2
    assert "不是数字" in html and "增长率" in html or "%" in html
    assert _actuals(demo_engine) == []  # all cells or none
    api = client.post("/api/entry", json={"government": gov, "year": 2019, "cells": [
        {"indicator_id": int(keys["公办学位"].split("-")[0]), "measure": "level", "value": "abc"}]},
        headers={"Authorization": f"Bearer {demo.tokens['admin']}"})
    assert api.status_code == 422 and keys["公办学位"] in api.json()["error"]["details"]["cells"]


def test_grid_shows_an_editor_only_the_indicators_of_their_units(client: TestClient, demo: Demo) -> None:
    login(client, "editor")
    rows = client.get("/api/entry?year=2019").json()["rows"]
    assert rows and all(demo.unit in r["units"] for r in rows)
    assert demo.indicator_id in {r["indicator_id"] for r in rows}
    assert demo.other_indicator_id not in {r["indicator_id"] for r in rows}
    viewer = client.get("/api/entry", headers={"Authorization": f"Bearer {demo.tokens['viewer']}"})
    assert viewer.status_code == 403


def test_completeness_lists_what_is_missing_by_unit_and_period(client: TestClient, demo: Demo, demo_engine: Engine) -> None:
    login(client, "admin")
    before = client.get("/api/entry/missing?year=2019&frequency=quarter").json()
    assert before["summary"]["due"] == 4 * len(before["missing_rows"])
    item = next(i for i in before["missing_rows"] if i["indicator_id"] == demo.indicator_id)
    assert demo.unit in item["units"]
    assert "Q1" in item["missing"]
    grid = client.get("/api/entry?year=2019&period=Q1").json()
    row = next(r for r in grid["rows"] if r["indicator_id"] == demo.indicator_id)
    value = "2%" if row["unit"] == "%" else f"3{row['unit']}"
    response = client.post("/entry", data={**_grid_form(client, grid["government"], {f"v-{row['key']}": value}, "Q1")},
                           follow_redirects=False)
    assert response.status_code == 303, response.text[:800]
    after = client.get(f"/api/entry/missing?year=2019&frequency=quarter&unit={demo.unit}").json()
    item = next(i for i in after["missing_rows"] if i["indicator_id"] == demo.indicator_id and i["measure"] == row["measure"])
    assert "Q1" in item["present"] and "Q1" not in item["missing"]
    assert all(demo.unit in i["units"] for i in after["missing_rows"])
    page = client.get("/entry/missing?year=2019&frequency=quarter").text
    assert "一季度" in page and "前三季度" in page


def test_indicator_form_with_two_governments(client: TestClient, demo: Demo, demo_engine: Engine) -> None:
    """The 填报实际值 form failed for every submission once two governments were stored (422 naming --government)."""
    add_second_government(demo_engine)
    login(client, "admin")
    gdp = next(r["indicator_id"] for r in client.get(f"/api/entry?government={_gov_ids(demo_engine)['示例区']}&year=2019")
               .json()["rows"] if r["indicator"] == "地区生产总值")
    page = client.get(f"/indicators/{gdp}").text
    assert 'name="government"' in page and "示例区" in page
    form = {"csrf_token": csrf_of(client), "year": "2019", "value": "6.1%", "unit": "%", "government": "示例区"}
    response = client.post(f"/indicators/{gdp}/actuals", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text[:500]
    assert ("示例区", 2019, "", "地区生产总值", 6.1, "%", "admin") in _actuals(demo_engine)
    # without a government the answer is in the interface language and names no CLI flag
    api = client.post("/api/actuals", json={"indicator_id": gdp, "year": 2019, "value": 6, "unit": "%"},
                      headers={"Authorization": f"Bearer {demo.tokens['admin']}", "Accept-Language": "zh"})
    assert api.status_code == 422
    assert "--government" not in api.text and "政府" in api.json()["error"]["message"]


def test_indicator_form_takes_values_as_written_and_keeps_refused_input(client: TestClient, demo: Demo,
                                                                        demo_engine: Engine) -> None:
    login(client, "admin")
    unit = client.get(f"/api/indicators/{demo.indicator_id}").json()["indicator"]["unit"] or "个"
    form = {"csrf_token": csrf_of(client), "year": "2019", "value": f"1.5万{unit}", "unit": unit,
            "government": "深圳市坪山区"}
    response = client.post(f"/indicators/{demo.indicator_id}/actuals", data=form, follow_redirects=False)
    if unit == "%":
        assert response.status_code == 422
    else:
        assert response.status_code == 303, response.text[:500]
        assert any(a[4] == 1.5 and a[5] == f"万{unit}" for a in _actuals(demo_engine))
    refused = client.post(f"/indicators/{demo.indicator_id}/actuals", data={**form, "value": "很多"})
    assert refused.status_code == 422
    assert 'value="很多"' in refused.text and 'id="actual-error"' in refused.text
    assert "is not a number" not in refused.text


@pytest.mark.parametrize(("user", "shown"), [("editor", True), ("editor2", False), ("viewer", False), ("admin", True)])
def test_only_users_allowed_to_enter_an_indicator_see_its_form(client: TestClient, demo: Demo, user: str,
                                                               shown: bool) -> None:
    login(client, user)
    page = client.get(f"/indicators/{demo.indicator_id}").text
    assert ('id="actual-form"' in page) is shown


def test_entry_pages_in_english(client: TestClient, demo: Demo) -> None:
    login(client, "admin")
    html = client.get("/entry?year=2019&lang=en").text
    assert "Data entry" in html and "first three quarters" in html and "数据填报" not in html
    missing = client.get("/entry/missing?year=2019&frequency=month&lang=en").text
    assert "months 1–11" in missing and "values due are missing" in missing


JUNK = [("一般公共预算收入", "1.5万万", "万万"), ("地区生产总值", "1.5亿万", "亿万"), ("规模以上工业增加值", "3.4千", "不带数量级"),
        ("社会消费品零售总额", "1.5万%", "不带数量级"), ("公办学位", "1.5万万", "万万"), ("学校", "1,2,3", "千位分隔符"),
        ("院士团队", "12,34.5", "千位分隔符")]


def test_grid_refuses_junk_magnitudes_and_bad_separators(client: TestClient, demo: Demo, demo_engine: Engine) -> None:
    """Audit defect 1: 1.5万万 on a growth rate was stored as 1.5 万万% (and 3.4千 as 千%, 1,2,3 as 123) and gave a
    verdict; every such cell is refused with a message naming its input, and nothing is stored."""
    login(client, "admin")
    keys = {r["indicator"]: r["key"] for r in client.get("/api/entry?year=2019").json()["rows"]}
    gov = _gov_ids(demo_engine)["深圳市坪山区"]
    cells = [{"indicator_id": int(keys[name].split("-")[0]), "measure": keys[name].split("-")[1], "value": text}
             for name, text, _why in JUNK]
    api = client.post("/api/entry", json={"government": gov, "year": 2019, "cells": cells},
                      headers={"Authorization": f"Bearer {demo.tokens['admin']}", "Accept-Language": "zh"})
    assert api.status_code == 422
    refused = api.json()["error"]["details"]["cells"]
    for name, text, why in JUNK:
        assert text in refused[keys[name]] and why in refused[keys[name]], (name, refused.get(keys[name]))
    page = client.post("/entry", data=_grid_form(client, gov, {f"v-{keys[name]}": text for name, text, _why in JUNK}))
    assert page.status_code == 422 and page.text.count('class="cell-error"') == len(JUNK)
    assert "数量级“万万”有误" in page.text and 'value="1.5万%"' in page.text
    assert _actuals(demo_engine) == []
    good = {f"v-{keys['一般公共预算收入']}": "7.5%", f"v-{keys['公办学位']}": "1,234.5",
            f"v-{keys['地区生产总值']}": "下降1.2%"}
    assert client.post("/entry", data=_grid_form(client, gov, good), follow_redirects=False).status_code == 303
    assert {(a[3], a[4], a[5]) for a in _actuals(demo_engine)} == {("一般公共预算收入", 7.5, "%"),
                                                                   ("公办学位", 1234.5, "个"), ("地区生产总值", -1.2, "%")}


def test_indicator_form_and_api_refuse_junk_magnitudes(client: TestClient, demo: Demo, demo_engine: Engine) -> None:
    """The indicator page's form and POST /api/actuals share the check: 万% and 万万元 are refused in Chinese."""
    login(client, "admin")
    gdp = next(r["indicator_id"] for r in client.get("/api/entry?year=2019").json()["rows"] if r["indicator"] == "地区生产总值")
    form = {"csrf_token": csrf_of(client), "year": "2019", "value": "1.5万", "unit": "%", "government": "深圳市坪山区"}
    response = client.post(f"/indicators/{gdp}/actuals", data=form)
    assert response.status_code == 422 and "不带数量级" in response.text and 'value="1.5万"' in response.text
    headers = {"Authorization": f"Bearer {demo.tokens['admin']}", "Accept-Language": "zh"}
    for unit, why in (("万%", "不带数量级"), ("亿万元", "数量级“亿万”有误")):
        api = client.post("/api/actuals", json={"indicator_id": gdp, "year": 2019, "value": 1.5, "unit": unit},
                          headers=headers)
        assert api.status_code == 422 and why in api.json()["error"]["message"], api.text
    assert _actuals(demo_engine) == []
    api = client.post("/api/actuals", json={"indicator_id": gdp, "year": 2019, "value": 0.08, "unit": "万亿元"},
                      headers=headers)
    assert api.status_code == 201, api.text
