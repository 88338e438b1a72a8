"""Issue 9: an achievement is evidence shown apart on the task pages: no status 未启动, no suggested unit."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select


def _achievement_id(engine: Engine) -> int:
    from planwatch.store.db import transaction
    from planwatch.store.tasks import Task

    with transaction(engine) as session:
        return session.scalars(select(Task.id).where(Task.kind == "achievement").order_by(Task.id)).first()


def test_achievement_page_shows_evidence_not_a_task(client: TestClient, demo_engine: Engine) -> None:
    task_id = _achievement_id(demo_engine)
    data = client.get(f"/api/tasks/{task_id}").json()
    task = data.get("task", data)
    assert task["kind"] == "achievement" and task["status"] == "" and task["unit"] == "" and task["title"]
    page = client.get(f"/tasks/{task_id}")
    assert page.status_code == 200
    assert 'id="achievement-note"' in page.text and 'id="task-facts"' not in page.text
    assert "未启动" not in page.text


def test_task_list_holds_no_achievement(client: TestClient) -> None:
    groups = client.get("/api/tasks", params={"size": 500}).json()["groups"]
    assert all(t["kind"] == "task" and t["status"] for g in groups for t in g["tasks"])
