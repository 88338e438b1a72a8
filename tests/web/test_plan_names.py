"""Pages name a plan so readers can tell it apart (government, year, title: `labels.plan_label`), and cite evidence
by its plan's name, not its file's stem; the JSON keeps the stem (review of the plan lists and record pages)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, update

from .conftest import Demo

EXAMPLES = ("national-gwr-2017.txt", "national-gwr-2018.txt")


def _national_reports(engine: Engine) -> dict[int, int]:
    """Ingest the bundled State Council reports of 2017 and 2018 (both titled 政府工作报告); their ids by year."""
    from planwatch.documents import bundled_plan_path, load
    from planwatch.pipeline import ingest_document

    folder = Path(bundled_plan_path()).parent / "examples"
    return {r.year: r.plan_id for r in (ingest_document(engine, load(folder / name)) for name in EXAMPLES)}


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html.split("<main", 1)[-1])


def test_plans_with_one_title_are_told_apart_on_the_home_page_and_the_plan_list(client: TestClient, demo: Demo,
                                                                                demo_engine: Engine) -> None:
    ids = _national_reports(demo_engine)
    for url in ("/", "/plans"):
        page = _text(client.get(url).text)
        assert "国务院 2017年政府工作报告" in page and "国务院 2018年政府工作报告" in page, url
        assert "深圳市坪山区2019年国民经济和社会发展计划" in page, url
    assert "国务院 2018年政府工作报告" in client.get(f"/plans/{ids[2018]}").text
    options = re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", client.get("/targets").text)
    assert "国务院 2017年政府工作报告" in options and "国务院 2018年政府工作报告" in options


def test_a_record_names_its_plan_and_cites_evidence_by_plan_name(client: TestClient, demo: Demo,
                                                                 demo_engine: Engine) -> None:
    ids = _national_reports(demo_engine)
    records = client.get("/api/targets", params={"plan": ids[2017], "status": "met", "size": 5}).json()["records"]
    judged = next(r for r in records if r.get("evidence"))
    assert judged["evidence"]["document"] == "national-gwr-2018"  # the JSON keeps the file's stem …
    assert judged["evidence"]["document_name"] == "国务院 2018年政府工作报告"  # … and says the name beside it
    page = _text(client.get(f"/records/{judged['id']}").text)
    assert "国务院 2017年政府工作报告" in page  # the record's plan
    assert "国务院 2018年政府工作报告" in page and "national-gwr-2018" not in page  # its evidence
    assessments = _text(client.get("/assessments", params={"plan": ids[2017]}).text)
    assert "国务院 2018年政府工作报告" in assessments and "national-gwr-2018" not in assessments


def test_a_plan_titled_by_its_file_name_is_named_by_government_year_and_kind(client: TestClient, demo: Demo,
                                                                            demo_engine: Engine) -> None:
    """A plan whose reader found no title is stored under its file's stem (07_shanghai-gwr-2020)."""
    from planwatch.store.schema import Plan

    ids = _national_reports(demo_engine)
    with demo_engine.begin() as conn:
        conn.execute(update(Plan).where(Plan.id == ids[2018]).values(title="03_national-gwr-2018"))
    page = _text(client.get("/plans").text)
    assert "国务院 2018年政府工作报告" in page and "03_national-gwr-2018" not in page


def _table(html: str, table_id: str) -> str:
    """The text of the table `table_id` of a page (not the chart data beside it)."""
    return _text(html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0])


def test_the_indicator_page_cites_plans_by_name_in_quotes_and_in_the_actuals_notes(client: TestClient, demo: Demo,
                                                                                  demo_engine: Engine) -> None:
    """/indicators/{id} named the plans by their files (national-gwr-2017) in 原文 and in the actuals' 备注."""
    ids = _national_reports(demo_engine)
    records = client.get("/api/targets", params={"plan": ids[2017], "status": "met", "size": 5}).json()["records"]
    indicator = next(r for r in records if r.get("evidence"))["indicator_id"]
    data = client.get(f"/api/indicators/{indicator}").json()
    national = [r for r in data["records"] if r["plan_id"] == ids[2017]]
    assert national and {(r["doc"], r["document_name"]) for r in national} == {
        ("national-gwr-2017", "国务院 2017年政府工作报告")}  # the stem kept, the name beside it
    read = [a for a in data["actuals"] if a.get("document") == "national-gwr-2018"]
    assert read and all(a["document_name"] == "国务院 2018年政府工作报告" for a in read)
    assert all(a["note"].startswith("国务院 2018年政府工作报告: ") for a in read)
    page = client.get(f"/indicators/{indicator}").text
    quotes, actuals = _table(page, "indicator-records"), _table(page, "indicator-actuals")
    assert "国务院 2017年政府工作报告" in quotes and "国务院 2018年政府工作报告" in actuals
    assert "national-gwr" not in quotes and "national-gwr" not in actuals
    listed = client.get("/api/actuals", params={"indicator": indicator}).json()["actuals"]
    assert not [a for a in listed if a["note"].startswith("national-gwr")]  # the list the page links to


def test_downloads_name_plans_and_word_amounts_as_the_page(client: TestClient, demo: Demo,
                                                          demo_engine: Engine) -> None:
    """/targets.csv and .xlsx wrote 1.314e+07 人 for 最新实际值 and the file's stem in 文件; numbers stay numbers."""
    from openpyxl import load_workbook

    from planwatch.web import i18n
    from planwatch.web.labels import actual_value

    ids = _national_reports(demo_engine)
    params = {"plan": ids[2017], "sort": "indicator"}
    shown = client.get("/api/targets", params={**params, "size": 1000}).json()["records"]
    token = i18n.set_language("zh")
    try:
        expected = [actual_value(r["actual"], r) if r["actual"] else "" for r in shown]  # 下降5% beside 下降3%以上
    finally:
        i18n.reset_language(token)
    assert any("万" in e or "亿" in e for e in expected)
    rows = list(csv.reader(io.StringIO(client.get("/targets.csv", params=params).content.decode("utf-8-sig"))))
    actual, document = rows[0].index("最新实际值"), rows[0].index("文件")
    assert [r[actual] for r in rows[1:]] == expected and not [r for r in rows[1:] if "e+" in r[actual]]
    assert {r[document] for r in rows[1:]} == {"国务院 2017年政府工作报告"}
    sheet = load_workbook(io.BytesIO(client.get("/targets.xlsx", params=params).content)).active
    cells = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert [c[actual] or "" for c in cells] == expected
    assert {c[document] for c in cells} == {"国务院 2017年政府工作报告"}
    value = rows[0].index("数值")
    assert all(isinstance(c[value], int | float) for c in cells if c[value] is not None)  # numeric cells stay numbers
