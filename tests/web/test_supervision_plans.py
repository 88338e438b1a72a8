"""我的任务 and the inbox cover the plans under supervision, not only the newest plan in the database.

Reviewer's defects: with another government's plan ingested after the Pingshan plan, 我的任务 said
"当前计划中没有您所在单位的任务" for a unit with a task sent back to it (and "待报送 29" above
"(0)" once a round was open); the office's inbox showed "待销号 (1)" over "暂无待办事项" and none of
the Pingshan plan's overdue tasks: both looked at the newest plan only.
"""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from .conftest import Demo


def _h(demo: Demo, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {demo.tokens[role]}"}


def _assign(client: TestClient, demo: Demo, task_id: int, unit: str) -> None:
    assert client.post(f"/api/tasks/{task_id}/assign", json={"unit": unit}, headers=_h(demo, "office")).status_code == 200


def _send_back(client: TestClient, demo: Demo) -> None:
    """The unit asks to close its task and the office sends it back with a reason."""
    asked = client.post(f"/api/tasks/{demo.task_id}/updates", json={"status": "已完成", "evidence": "已完工"},
                        headers=_h(demo, "editor"))
    assert asked.status_code == 201
    sent = client.post(f"/api/tasks/{demo.task_id}/review", json={"decision": "return", "reason": "缺少验收报告"},
                       headers=_h(demo, "office"))
    assert sent.status_code == 200


def test_my_tasks_shows_the_units_tasks_of_an_older_plan(client: TestClient, demo: Demo, newer_plan: int) -> None:
    _send_back(client, demo)
    mine = client.get("/api/my/tasks", headers=_h(demo, "editor")).json()
    assert mine["tasks"], "the unit's tasks of the supervised (older) plan"
    assert mine["tasks"][0]["id"] == demo.task_id and mine["tasks"][0]["signoff"] == "returned"  # sent back: on top
    assert {t["plan_id"] for t in mine["tasks"]} == {demo.plan_id}
    assert all(t["unit"] == demo.unit or demo.unit in t["co_units"] for t in mine["tasks"])
    page = client.get("/my/tasks", headers=_h(demo, "editor")).text
    assert "没有您所在单位的任务" not in page and f'id="t-{demo.task_id}"' in page


def test_my_tasks_honours_the_plan_filter(client: TestClient, demo: Demo, newer_plan: int) -> None:
    only = client.get("/api/my/tasks", params={"plan": demo.plan_id}, headers=_h(demo, "editor")).json()
    assert only["plan"] == demo.plan_id and demo.task_id in {t["id"] for t in only["tasks"]}
    assert {t["plan_id"] for t in only["tasks"]} == {demo.plan_id}
    other = client.get("/my/tasks", params={"plan": newer_plan}, headers=_h(demo, "editor"))
    assert other.status_code == 200 and "本计划中没有您所在单位的任务" in other.text
    assert client.get("/api/my/tasks", params={"plan": 99999}, headers=_h(demo, "editor")).status_code == 404


def test_my_tasks_counts_and_list_agree_in_a_round(client: TestClient, demo: Demo, newer_plan: int) -> None:
    """With a round open for the older plan: "待报送 N" above the list, and the list holds those N tasks."""
    _assign(client, demo, demo.task_id, demo.unit)
    opened = client.post("/api/rounds", json={"title": "6月进展填报", "due": "2099-06-30", "plan_id": demo.plan_id},
                         headers=_h(demo, "office"))
    assert opened.status_code == 201
    mine = client.get("/api/my/tasks", headers=_h(demo, "editor")).json()
    (digest,) = mine["inbox"]
    owed = {x["id"] for x in digest["owed"]}
    assert owed and owed <= {t["id"] for t in mine["tasks"]}
    assert {x["id"] for x in digest["overdue"]} <= {t["id"] for t in mine["tasks"] if t["late"]}


def test_inbox_lists_the_supervised_plans_overdue_tasks(client: TestClient, demo: Demo, newer_plan: int) -> None:
    """No round open: a sign-off request waits in the Pingshan plan, whose tasks are all past their 2019 deadline;
    the task assigned to another unit is overdue in its list (only an assigned unit owes: review ux2 #5)."""
    other = client.get(f"/api/tasks/{demo.other_task_id}").json()["task"]["unit"]
    _assign(client, demo, demo.other_task_id, other)
    asked = client.post(f"/api/tasks/{demo.task_id}/updates", json={"status": "已完成", "evidence": "已完工"},
                        headers=_h(demo, "editor"))
    assert asked.status_code == 201
    inbox = client.get("/api/inbox", params={"as_of": "2020-01-10"}, headers=_h(demo, "office")).json()
    assert [a["id"] for a in inbox["awaiting"]] == [demo.task_id]
    overdue = {x["id"] for u in inbox["units"] for x in u["overdue"]}
    assert overdue and demo.other_task_id in overdue
    page = client.get("/inbox", params={"as_of": "2020-01-10"}, headers=_h(demo, "office")).text
    assert "暂无待办事项" not in page and 'class="overdue"' in page


def test_inbox_never_says_nothing_due_over_a_waiting_request(client: TestClient, demo: Demo) -> None:
    """Before the deadlines and with no round: only the sign-off request is due, and the page says so alone."""
    client.post(f"/api/tasks/{demo.task_id}/updates", json={"status": "已完成", "evidence": "已完工"},
                headers=_h(demo, "editor"))
    inbox = client.get("/api/inbox", params={"as_of": "2019-03-01"}, headers=_h(demo, "office")).json()
    assert inbox["awaiting"] and not inbox["units"]
    page = client.get("/inbox", params={"as_of": "2019-03-01"}, headers=_h(demo, "office")).text
    assert 'id="awaiting"' in page and "暂无待办事项" not in page


def test_supervised_plans(demo_engine: Engine, demo: Demo, newer_plan: int) -> None:
    """The latest plan while nothing is supervised; then the plans of open rounds and of task history."""
    from planwatch.store.db import transaction
    from planwatch.store.supervision import add_milestone, close_round, open_round, supervised_plans

    with Session(demo_engine) as session:
        assert supervised_plans(session) == [newer_plan]
    with transaction(demo_engine) as session:
        row = open_round(session, "填报", date(2099, 1, 1), "office", "office", plan_id=demo.plan_id)
    with Session(demo_engine) as session:
        assert supervised_plans(session) == [demo.plan_id]
        assert supervised_plans(session, row.opened_on.replace(year=row.opened_on.year - 1)) == [newer_plan]
    with transaction(demo_engine) as session:
        close_round(session, row.id, "office", "office")
        add_milestone(session, demo.task_id, "完成立项", date(2099, 1, 1), "office", "office")
    with Session(demo_engine) as session:
        assert supervised_plans(session) == [demo.plan_id]
