"""Supervision as it stood on a date, rounds that keep what was reported, units of the plan's government.

Review 2026-12-06 (items 4, 5, 11, 15): the task summary "as of" 2019-06-30 counted a task signed off in 2026 as
completed, and a completion years after the deadline as 按期; a round lost the report of a task signed off during
it; /tasks of 北京市's plan offered 坪山区's bureaus; the 最近报送 column showed the office's assignment.
"""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient

from .conftest import Demo


def _h(demo: Demo, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {demo.tokens[role]}"}


def _assign(client: TestClient, demo: Demo) -> None:
    """The office assigns the editor's task to its unit: only then does the unit owe reports on it."""
    assert client.post(f"/api/tasks/{demo.task_id}/assign", json={"unit": demo.unit},
                       headers=_h(demo, "office")).status_code == 200


def _line(client: TestClient, unit: str, **params: str) -> dict[str, int]:
    data = client.get("/api/tasks", params=params).json()
    return next(s for s in data["summary"] if s["unit"] == unit)


def test_the_summary_as_of_a_date_reads_the_tasks_history(client: TestClient, demo: Demo) -> None:
    """Before: as of 2019-06-30 the task signed off today counted as completed (today's status), and at today's
    date it counted under 按期 though signed off years after its 2019-12-31 deadline."""
    before = _line(client, demo.unit, as_of="2019-06-30")
    asked = client.post(f"/api/tasks/{demo.task_id}/updates",
                        json={"status": "已完成", "evidence": "项目竣工验收", "on": "2019-05-20"}, headers=_h(demo, "editor"))
    assert asked.status_code == 201
    assert client.post(f"/api/tasks/{demo.task_id}/review", json={"decision": "approve"},
                       headers=_h(demo, "office")).status_code == 200  # signed off today, after the deadline
    then = _line(client, demo.unit, as_of="2019-06-30")
    assert then["completed"] == before["completed"] == 0 and then["late_completed"] == 0
    assert then["awaiting"] == 1  # on 2019-06-30 the request waited for the office
    now = _line(client, demo.unit)
    assert now["completed"] == 1 and now["late_completed"] == 1 and now["awaiting"] == 0
    assert now["total"] == now["on_time"] + now["late"] + now["late_completed"] + now["cancelled"] + now["unassigned"]
    assert now["on_time"] == 0  # every other task of the unit is open, never assigned: 待交办 (review ux4 #5)
    html = client.get("/tasks", params={"as_of": date.today().isoformat()}).text
    assert "逾期完成" in html and 'data-f="late_completed" data-label="逾期完成">1<' in html


def test_a_completion_before_the_deadline_is_on_time_and_not_before_its_day(client: TestClient, demo: Demo) -> None:
    done = client.post(f"/api/tasks/{demo.task_id}/updates",
                       json={"status": "已完成", "evidence": "通过验收", "on": "2019-10-08"}, headers=_h(demo, "office"))
    assert done.status_code == 201
    early = _line(client, demo.unit, as_of="2019-10-01")
    assert early["completed"] == 0 and early["late"] == 0
    after = _line(client, demo.unit, as_of="2019-11-01")
    assert after["completed"] == 1 and after["late_completed"] == 0 and after["on_time"] == 1
    assert after["unassigned"] == after["total"] - 1  # the others were never assigned: 待交办 (review ux4 #5)
    late_day = _line(client, demo.unit, as_of="2020-01-02")
    assert late_day["completed"] == 1 and late_day["late_completed"] == 0 and late_day["on_time"] == 1


def test_a_round_keeps_the_report_of_a_task_signed_off_in_it(client: TestClient, demo: Demo) -> None:
    """Before: the unit reported in the round and the office signed the task off; /rounds then counted the unit
    0 reported (the task left both counts) and the round "0 of N reported"."""
    _assign(client, demo)
    today = date.today().isoformat()
    opened = client.post("/api/rounds", json={"title": "年中进展填报", "due": today, "opened_on": today,
                                              "note": "请如实填报并上传佐证材料"}, headers=_h(demo, "office"))
    assert opened.status_code == 201
    rnd = client.get("/api/rounds").json()["rounds"][0]
    line = next(u for u in rnd["units"] if u["unit"] == demo.unit)
    assert line["reported"] == 0
    client.post(f"/api/tasks/{demo.task_id}/updates", json={"status": "已完成", "evidence": "竣工验收"},
                headers=_h(demo, "editor"))
    client.post(f"/api/tasks/{demo.task_id}/review", json={"decision": "approve"}, headers=_h(demo, "office"))
    after = client.get("/api/rounds").json()["rounds"][0]
    line_after = next(u for u in after["units"] if u["unit"] == demo.unit)
    assert line_after == {"unit": demo.unit, "open": line["open"], "reported": 1}
    assert after["open"] == rnd["open"] and after["reported"] == 1
    assert "已报送 1 项" in client.get("/rounds").text


def test_my_tasks_names_the_open_round_its_due_date_and_note(client: TestClient, demo: Demo) -> None:
    """Before: 我的任务 counted 待报送 but named no round, due date or note (only /inbox did)."""
    _assign(client, demo)
    today = date.today().isoformat()
    client.post("/api/rounds", json={"title": "年中进展填报", "due": today, "opened_on": today,
                                     "note": "请如实填报并上传佐证材料"}, headers=_h(demo, "office"))
    mine = client.get("/api/my/tasks", headers=_h(demo, "editor")).json()
    assert [(r["title"], r["due"], r["note"]) for r in mine["rounds"]] == [("年中进展填报", today, "请如实填报并上传佐证材料")]
    assert mine["rounds"][0]["owed"] > 0
    assert any(t["owed_in"] == ["年中进展填报"] for t in mine["tasks"])
    from .conftest import login

    html = login(client, "editor").get("/my/tasks").text
    assert "年中进展填报" in html and "请如实填报并上传佐证材料" in html and f"{today} 截止" in html


def _row(html: str, task_id: int) -> str:
    start = html.index(f'<tr id="t-{task_id}"')
    return html[start:html.index("</tr>", start)]


def test_the_latest_report_column_shows_the_units_report_not_the_offices_steps(client: TestClient, demo: Demo) -> None:
    """Before: the column showed the office's assignment ("牵头单位：… → …") as the latest report, and a bare 报送
    link where nothing was reported."""
    from .conftest import login

    assert client.post("/api/tasks/assign", json={"task_ids": [demo.task_id], "deadline": "2019-11-30"},
                       headers=_h(demo, "office")).status_code == 200
    login(client, "office")
    params = {"plan": str(demo.plan_id), "unit": demo.unit, "size": "500"}
    row = _row(client.get("/tasks", params=params).text, demo.task_id)
    assert "完成时限：" not in row  # the assignment ("完成时限：… → 2019-11-30") is not a report
    assert 'class="muted no-report"' in row and ">—</span>" in row and "report-link" in row
    client.post(f"/api/tasks/{demo.task_id}/updates", json={"evidence": "主体结构封顶", "progress": 60},
                headers=_h(demo, "editor"))
    client.post(f"/api/tasks/{demo.task_id}/updates", json={"status": "已完成", "evidence": "竣工验收"},
                headers=_h(demo, "editor"))
    client.post(f"/api/tasks/{demo.task_id}/review", json={"decision": "approve"}, headers=_h(demo, "office"))
    row = _row(client.get("/tasks", params=params).text, demo.task_id)
    assert "竣工验收" in row and "联络员" in row and "no-report" not in row  # the request, not the sign-off …
    assert 'class="muted decision">' in row and "督办科 · 已销号" in row  # … which follows it on a line of its own
    data = client.get("/api/tasks", params=params).json()
    task = next(t for g in data["groups"] for t in g["tasks"] if t["id"] == demo.task_id)
    assert task["last_report"]["evidence"] == "竣工验收" and task["last_update"]["source"] == "approve"


def test_a_plan_offers_the_units_of_its_government(client: TestClient, demo: Demo, newer_plan: int) -> None:
    """Before: /tasks of 北京市's plan offered 坪山区's 区… bureaus in the unit filter and the bulk assignment (no unit
    belonged to a government: the admin page listed all 28 under 未归属政府)."""
    from .conftest import OTHER_UNIT, login

    login(client, "office")
    ours = client.get("/api/tasks", params={"plan": str(demo.plan_id)}).json()["choices"]
    assert demo.unit in ours["units"] and ours["unit_groups"][0]["label"] == "深圳市坪山区"
    assert OTHER_UNIT in ours["unit_groups"][-1]["units"] and ours["unit_groups"][-1]["unplaced"]  # added by the tests
    theirs = client.get("/api/tasks", params={"plan": str(newer_plan)}).json()["choices"]
    assert demo.unit not in theirs["units"] and "区教育局" not in theirs["units"]
    assert theirs["units"] == [OTHER_UNIT]  # only the unit placed under no government, labelled so
    assert "区教育局" not in theirs["filter_units"] and theirs["filter_units"]  # the units of its own tasks
    html = client.get("/tasks", params={"plan": str(newer_plan)}).text
    bulk = html[html.index('id="bulk-unit"'):html.index("</select>", html.index('id="bulk-unit"'))]
    assert "区教育局" not in bulk and '<optgroup label="未归属政府" class="unplaced">' in bulk
    task_page = client.get(f"/tasks/{demo.task_id}").text
    lead = task_page[task_page.index('id="assign-unit"'):task_page.index("</select>", task_page.index('id="assign-unit"'))]
    assert '<optgroup label="深圳市坪山区">' in lead and f'<option value="{demo.unit}" selected>' in lead


def test_the_units_page_places_unplaced_units_under_a_government(client: TestClient, demo: Demo,
                                                                newer_plan: int) -> None:
    from .conftest import OTHER_UNIT, csrf_of, login

    login(client, "admin")
    page = client.get("/admin/units").text
    assert 'id="place-units"' in page and f'value="{OTHER_UNIT}" checked' in page
    refused = client.post("/admin/units/government", data={"units": [OTHER_UNIT], "government": "",
                                                           "csrf_token": csrf_of(client)}, follow_redirects=False)
    assert refused.status_code == 422 and "请选择这些单位所属的政府" in refused.text
    done = client.post("/admin/units/government", data={"units": [OTHER_UNIT], "government": "北京市",
                                                        "csrf_token": csrf_of(client)}, follow_redirects=False)
    assert done.status_code == 303
    assert OTHER_UNIT in client.get("/api/tasks", params={"plan": str(newer_plan)}).json()["choices"]["units"]
    assert OTHER_UNIT not in client.get("/api/tasks", params={"plan": str(demo.plan_id)}).json()["choices"]["units"]
    assert 'id="place-units"' not in client.get("/admin/units").text  # every unit belongs to a government now


def test_a_task_is_not_given_to_a_unit_of_another_government(client: TestClient, demo: Demo, newer_plan: int) -> None:
    """Before: the pages offered only 北京市's own and unplaced units, but the API (and the CLI) gave a task of
    北京市's plan to 坪山区's bureau, which then had to report on it."""
    from .conftest import OTHER_UNIT

    data = client.get("/api/tasks", params={"plan": str(newer_plan)}).json()
    task_id = next(t["id"] for g in data["groups"] for t in g["tasks"])
    for body in ({"unit": demo.unit}, {"unit": OTHER_UNIT, "co_units": [demo.unit]}):
        refused = client.post(f"/api/tasks/{task_id}/assign", json=body, headers=_h(demo, "office"))
        assert refused.status_code == 422, refused.text
        assert refused.json()["error"]["details"]["reason"] == "other_government"
        assert "深圳市坪山区" in refused.json()["error"]["message"] and "北京市" in refused.json()["error"]["message"]
    assert client.get(f"/api/tasks/{task_id}").json()["task"]["unit_assigned"] is False  # nothing half-done
    assert client.post(f"/api/tasks/{task_id}/assign", json={"unit": OTHER_UNIT},  # placed under no government
                       headers=_h(demo, "office")).status_code == 200
    assert client.post(f"/api/tasks/{demo.task_id}/assign", json={"unit": demo.unit},  # its own government's unit
                       headers=_h(demo, "office")).status_code == 200
