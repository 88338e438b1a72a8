"""A plan nobody supervises: no task is late, units are only suggested; pages, API, workbook and report agree.

Review ux2 #4: anonymous /tasks?plan=16 (国务院 2016, never supervised) opened with "发展改革部门 124 … 逾期 124" for
every unit, none marked as a suggestion; the workbook's 任务 sheet said 滞后 for all 609 tasks, while the report of
the same plan said "尚无进展报送（本计划未开展任务督办），不作评判".
"""

from __future__ import annotations

import re
from io import BytesIO

from fastapi.testclient import TestClient

from .conftest import Demo

AFTER = "2020-06-01"  # past every deadline of the demo plan (2019-12-31)


def _h(demo: Demo, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {demo.tokens[role]}"}


def _sheet_states(client: TestClient, plan_id: int) -> set[str]:
    from openpyxl import load_workbook

    response = client.get(f"/plans/{plan_id}/report", params={"format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content))["任务"]
    header = [c.value for c in sheet[1]]
    column = header.index("状态")
    return {row[column] for row in sheet.iter_rows(min_row=2, values_only=True)}


def test_a_plan_nobody_supervises_has_no_late_task_anywhere(client: TestClient, demo: Demo) -> None:
    data = client.get("/api/tasks", params={"plan": demo.plan_id, "as_of": AFTER, "size": 500}).json()
    assert data["plan_supervised"] is False
    assert data["total"]["late"] == 0 and data["total"]["unsupervised"] == data["total"]["total"] > 100
    assert all(line["suggested"] and line["late"] == 0 for line in data["summary"])
    tasks = [t for g in data["groups"] for t in g["tasks"]]
    assert not any(t["late"] or t["overdue"] for t in tasks) and not any(t["supervised"] for t in tasks)
    assert client.get("/api/tasks", params={"plan": demo.plan_id, "as_of": AFTER, "late": "true"}).json()["count"] == 0
    one = client.get(f"/api/tasks/{demo.task_id}", params={"as_of": AFTER}).json()["task"]
    assert one["late"] is False and one["overdue"] is False and one["supervised"] is False

    html = client.get("/tasks", params={"plan": demo.plan_id, "as_of": AFTER}).text  # an anonymous visitor
    assert 'id="not-supervised"' in html and "本计划尚未开展督办" in html
    assert 'badge missed">逾期' not in html and 'data-f="late" data-label="逾期">0<' in html
    summary = html[html.index('id="unit-summary"'):html.index("</table>", html.index('id="unit-summary"'))]
    assert summary.count('data-suggested="true"') == len(data["summary"]) and "建议，未交办" in summary
    assert "未督办" in html

    assert _sheet_states(client, demo.plan_id) == {"未督办"}  # the workbook agrees (it said 滞后 for every task)
    report = client.get(f"/plans/{demo.plan_id}/report", params={"format": "md"}).text
    assert "不作评判" in report and "滞后任务及责任单位" not in report


def test_once_supervised_late_tasks_are_late_everywhere(client: TestClient, demo: Demo) -> None:
    """The office assigns one task: the plan is under supervision, and past the deadline its open tasks are late on
    the page, in the API and in the workbook alike; the units only suggested stay on lines of their own."""
    assert client.post(f"/api/tasks/{demo.task_id}/assign", json={"unit": demo.unit},
                       headers=_h(demo, "office")).status_code == 200
    data = client.get("/api/tasks", params={"plan": demo.plan_id, "as_of": AFTER}).json()
    assert data["plan_supervised"] is True and data["total"]["late"] == 1  # the one assigned (review ux4 #5)
    assert data["total"]["unassigned"] == data["total"]["total"] - 1
    own = [line for line in data["summary"] if not line["suggested"]]
    assert [(line["unit"], line["total"], line["late"]) for line in own] == [(demo.unit, 1, 1)]
    assert data["unassigned"] == data["total"]["total"] - 1
    html = client.get("/tasks", params={"plan": demo.plan_id, "as_of": AFTER}).text
    assert 'id="not-supervised"' not in html and 'id="unassigned-note"' in html
    assert re.search(r'data-unit="' + re.escape(demo.unit) + r'"(?! data-suggested)', html)
    assert "滞后" in _sheet_states(client, demo.plan_id)
