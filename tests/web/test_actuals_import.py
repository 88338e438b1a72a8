"""The actuals template in the office's language, limited to a government and year, and imported back in the browser.

Review ux2 #17: /actuals/template.xlsx had English headers and codes ("level") and 1,025 rows for all 11 governments
whatever plan the page showed; nothing in the dashboard read it back (only `planwatch actuals import`), and a copy
with the headers in Chinese was refused ("no 'indicator' column").
"""

from __future__ import annotations

from io import BytesIO

from fastapi.testclient import TestClient
from openpyxl import Workbook, load_workbook

from .conftest import Demo, csrf_of, login

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _h(demo: Demo, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {demo.tokens[role]}"}


def _rows(content: bytes) -> list[tuple[object, ...]]:
    sheet = load_workbook(BytesIO(content)).active
    assert sheet is not None
    return list(sheet.iter_rows(values_only=True))


def _book(rows: list[list[object]], merge: str | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _government(client: TestClient, demo: Demo) -> tuple[int, str]:
    plan = client.get(f"/api/plans/{demo.plan_id}").json()
    return plan["plan"]["government_id"], plan["plan"]["government"]


def test_the_template_is_in_chinese_and_limited_to_the_chosen_government_and_year(client: TestClient,
                                                                                  demo: Demo) -> None:
    everything = _rows(client.get("/actuals/template.xlsx").content)
    assert everything[0] == ("指标", "政府", "年份", "期间", "口径", "数值", "单位", "备注")
    assert {r[4] for r in everything[1:]} <= {"总量", "增速", "比重", "百分点"}  # no codes such as "level"
    government_id, name = _government(client, demo)
    years = sorted({r[2] for r in everything[1:]})
    chosen = _rows(client.get("/actuals/template.xlsx", params={"government": government_id,
                                                                "year": years[0]}).content)[1:]
    assert chosen and {(r[1], r[2]) for r in chosen} == {(name, years[0])}
    assert len(_rows(client.get("/actuals/template.xlsx", params={"plan": demo.plan_id}).content)) > 1
    assert client.get("/actuals/template.xlsx", params={"government": 99999}).status_code == 404
    home = client.get("/", params={"plan": demo.plan_id}).text
    if 'id="missing-actuals"' in home:  # the plan waits for actuals: the template of its targets, and the import
        assert f"/actuals/template.xlsx?plan={demo.plan_id}" in home and 'href="/actuals/import"' in home


def test_a_filled_template_imports_in_the_browser(client: TestClient, demo: Demo) -> None:
    rows = _rows(client.get("/actuals/template.xlsx", params={"plan": demo.plan_id}).content)
    filled = [list(rows[0]), [*rows[1][:5], 9.9, *rows[1][6:]]] + [list(r) for r in rows[2:]]
    login(client, "admin")
    page = client.get("/actuals/import").text
    assert 'id="import-form"' in page and 'id="template-link"' in page
    response = client.post("/actuals/import", files={"file": ("实际值.xlsx", _book(filled), XLSX)},
                           data={"csrf_token": csrf_of(client)})
    assert response.status_code == 200
    assert "实际值.xlsx：已保存 1 个数值。" in response.text and f"另有 {len(rows) - 2} 行未填数值，已跳过。" in response.text
    stored = client.get("/api/actuals", params={"year": rows[1][2]}).json()["actuals"]
    assert any(a["value"] == 9.9 for a in stored)


def test_bad_rows_are_listed_by_number_in_chinese_and_nothing_is_stored(client: TestClient, demo: Demo) -> None:
    _id, name = _government(client, demo)
    header = ["指标", "政府", "年份", "期间", "测度", "数值", "单位", "备注"]
    sheet = _book([header, ["地区生产总值", name, 2019, "", "增速", 8.6, "%", ""],
                   ["没有这个指标", name, 2019, "", "", 1, "%", ""],
                   ["地区生产总值", name, "明年", "", "", 2, "%", ""]])
    response = client.post("/api/actuals/import", files={"file": ("bad2.xlsx", sheet, XLSX)}, headers=_h(demo, "admin"))
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["message"] == "bad2.xlsx：有 2 行有误，未导入任何数据。请改正后重新导入"
    assert error["details"]["rows"] == [{"row": 3, "problems": ["未登记的指标“没有这个指标”"]},
                                        {"row": 4, "problems": ["年份“明年”不是有效年份"]}]
    assert all(a["value"] != 8.6 for a in client.get("/api/actuals", params={"year": 2019}).json()["actuals"])
    login(client, "admin")
    page = client.post("/actuals/import", files={"file": ("bad2.xlsx", sheet, XLSX)},
                       data={"csrf_token": csrf_of(client)})
    assert page.status_code == 422 and 'id="import-rows"' in page.text
    assert "第3行" in page.text and "未登记的指标“没有这个指标”" in page.text


def test_an_editor_imports_only_its_units_indicators_and_a_reader_none(client: TestClient, demo: Demo) -> None:
    indicator = client.get(f"/api/indicators/{demo.other_indicator_id}").json()["indicator"]["name"]
    _id, name = _government(client, demo)
    sheet = _book([["indicator", "government", "year", "period", "measure", "value", "unit", "note"],
                   [indicator, name, 2019, "", "", 5, "%", ""]])
    refused = client.post("/api/actuals/import", files={"file": ("e.xlsx", sheet, XLSX)}, headers=_h(demo, "editor"))
    assert refused.status_code == 422
    (row,) = refused.json()["error"]["details"]["rows"]
    assert row["row"] == 2 and row["problems"][0].startswith(f"您不能填报{name}的")
    viewer = client.post("/api/actuals/import", files={"file": ("e.xlsx", sheet, XLSX)}, headers=_h(demo, "viewer"))
    assert viewer.status_code == 403
    assert 'href="/login?next=/actuals/import"' in client.get("/actuals/import").text  # anonymous: log in first
