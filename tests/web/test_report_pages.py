"""下载报告 on the plan page, the report file for each format, and the evaluation page (table, rules, radar data)."""

from __future__ import annotations

from io import BytesIO

from docx import Document as WordDocument
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from .conftest import Demo


def test_plan_page_links_the_report_and_the_evaluation(client: TestClient, demo: Demo) -> None:
    page = client.get(f"/plans/{demo.plan_id}").text
    assert f'href="/plans/{demo.plan_id}/report?format=docx"' in page and "下载报告" in page
    assert f'href="/plans/{demo.plan_id}/evaluation"' in page


def test_report_downloads_as_word_and_workbook(client: TestClient, demo: Demo) -> None:
    response = client.get(f"/plans/{demo.plan_id}/report")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "attachment;" in response.headers["content-disposition"]
    doc = WordDocument(BytesIO(response.content))
    assert any(p.style.name == "Heading 1" and p.text == "第一部分 主要指标完成情况" for p in doc.paragraphs)
    assert "暂无数据" in "".join(c.text for row in doc.tables[0].rows for c in row.cells)
    book = load_workbook(BytesIO(client.get(f"/plans/{demo.plan_id}/report?format=xlsx").content))
    assert book.sheetnames == ["目标", "结果", "实际值", "评估", "任务", "指标"]
    md = client.get(f"/plans/{demo.plan_id}/report?format=md")
    assert md.status_code == 200 and "# " in md.text


def test_report_bad_format_and_unknown_plan(client: TestClient, demo: Demo) -> None:
    assert client.get(f"/plans/{demo.plan_id}/report?format=odt").status_code == 422
    assert client.get("/plans/9999/report").status_code == 404


def test_evaluation_page_and_json_agree(client: TestClient, demo: Demo) -> None:
    html = client.get(f"/plans/{demo.plan_id}/evaluation")
    assert html.status_code == 200 and "绩效评价" in html.text
    assert 'id="radar-data"' in html.text and "/static/evaluation.js" in html.text
    assert 'title="评分规则: 完成目标得100分，未完成得0分"' in html.text  # the rule behind each score, on hover
    data = client.get(f"/api/plans/{demo.plan_id}/evaluation").json()
    assert data == client.get(f"/plans/{demo.plan_id}/evaluation.json").json()
    assert [d["name"] for d in data["dimensions"]] == ["经济运行", "创新", "协调", "绿色", "开放", "共享"]
    assert data["radar"]["names"] == [d["name"] if d["scored"] else f"{d['name']}（暂无数据）" for d in data["dimensions"]]
    assert data["domains"] and data["domains"][0]["domain"].startswith("（一）")
