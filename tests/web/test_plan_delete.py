"""Deleting a plan from the browser and the API (web/routes/plan_delete.py): administrators only, a confirmation page
that says what goes, a refusal of a plan with supervision work unless forced."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from .conftest import Demo, csrf_of, login

PLAN = "示例区 2025 年国民经济和社会发展计划\n\n——地区生产总值增长 6%左右。\n\n——新增就业 1 万人。\n"


def _upload(client: TestClient, token: str) -> int:
    response = client.post("/upload", data={"csrf_token": token}, files={"file": ("shili-2025.txt", PLAN.encode())},
                           follow_redirects=False)
    assert response.status_code == 303, response.text[:300]
    return int(response.headers["location"].rsplit("/", 1)[1])


def test_an_administrator_deletes_an_uploaded_plan_in_the_browser(client: TestClient) -> None:
    """A plan uploaded by mistake: its page links the confirmation page, which says what goes; the form deletes it
    and the plan list says so once."""
    login(client, "admin")
    token = csrf_of(client)
    plan_id = _upload(client, token)
    assert f'href="/plans/{plan_id}/delete"' in client.get(f"/plans/{plan_id}").text
    page = client.get(f"/plans/{plan_id}/delete").text
    assert "删除计划 shili-2025.txt" in page and re.search(r"删除将一次性移除其 \d+ 条记录", page)
    assert 'name="force"' not in page  # no supervision work: nothing to tick
    response = client.post(f"/plans/{plan_id}/delete", data={"csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/plans"
    listed = client.get("/plans").text
    assert re.search(r'<p class="flash" id="deleted" role="status">已删除计划 shili-2025.txt 及其 \d+ 条记录', listed)
    assert 'id="deleted"' not in client.get("/plans").text  # once
    assert client.get(f"/plans/{plan_id}").status_code == 404
    assert client.get(f"/api/plans/{plan_id}").json()["error"]["code"] == "not_found"


def test_only_administrators_delete_and_only_with_the_forms_token(client: TestClient, demo: Demo) -> None:
    login(client, "office")
    assert client.get(f"/plans/{demo.plan_id}/delete").status_code == 403
    assert 'id="plan-delete"' not in client.get(f"/plans/{demo.plan_id}").text
    response = client.post(f"/plans/{demo.plan_id}/delete", data={"csrf_token": csrf_of(client)})
    assert response.status_code == 403
    client.post("/logout", data={"csrf_token": csrf_of(client)})
    login(client, "admin")
    response = client.post(f"/plans/{demo.plan_id}/delete", data={"csrf_token": "forged"})
    assert response.status_code == 403
    assert client.get(f"/api/plans/{demo.plan_id}").status_code == 200


def test_a_plan_with_supervision_work_needs_force(client: TestClient, demo: Demo, demo_engine: Engine) -> None:
    """A unit's assignment on the demo plan: the page asks for the box to be ticked, the API answers 409 with what the
    plan holds, and force deletes it with its work."""
    from planwatch.store.db import transaction
    from planwatch.store.tasks import assign

    with transaction(demo_engine) as session:
        assign(session, demo.other_task_id, "区发展和改革局", create=True)
    client.headers["Authorization"] = f"Bearer {demo.tokens['admin']}"
    page = client.get(f"/plans/{demo.plan_id}/delete").text
    assert 'id="plan-work"' in page and "项任务已交办责任单位" in page and 'name="force"' in page
    refused = client.delete(f"/api/plans/{demo.plan_id}")
    assert refused.status_code == 409
    error = refused.json()["error"]
    assert error["code"] == "plan_supervised" and "勾选“连同督办工作一并删除”" in error["message"]
    assert error["details"]["work"]["assigned"] >= 1 and error["details"]["plan"]["id"] == demo.plan_id
    assert client.get(f"/api/plans/{demo.plan_id}").status_code == 200  # nothing deleted
    deleted = client.delete(f"/api/plans/{demo.plan_id}", params={"force": "true"})
    assert deleted.status_code == 200, deleted.text[:300]
    body = deleted.json()["deleted"]
    assert body["plan"]["id"] == demo.plan_id and body["tasks"] > 0 and body["supervised"]
    assert client.get(f"/api/plans/{demo.plan_id}").status_code == 404
    audit = client.get("/api/audit", params={"action": "plan.delete"}).json()
    assert any(row["who"] == "admin" for row in audit["entries"]), audit
