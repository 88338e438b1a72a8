"""Deleting a plan from the browser and the API (web/routes/plan_delete.py): administrators only, a confirmation page
that says what goes, a refusal of a plan with supervision work unless forced."""

from __future__ import annotations

import re
import sqlite3

import pytest
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
    assert error["code"] == "plan_supervised" and "如仍要删除，请传入 force=true" in error["message"]
    assert error["details"]["work"]["assigned"] >= 1 and error["details"]["plan"]["id"] == demo.plan_id
    assert client.get(f"/api/plans/{demo.plan_id}").status_code == 200  # nothing deleted
    deleted = client.delete(f"/api/plans/{demo.plan_id}", params={"force": "true"})
    assert deleted.status_code == 200, deleted.text[:300]
    body = deleted.json()["deleted"]
    assert body["plan"]["id"] == demo.plan_id and body["tasks"] > 0 and body["supervised"]
    assert client.get(f"/api/plans/{demo.plan_id}").status_code == 404
    audit = client.get("/api/audit", params={"action": "plan.delete"}).json()
    assert any(row["who"] == "admin" for row in audit["entries"]), audit


def _assign(engine: Engine, task_id: int) -> None:
    from planwatch.store.db import transaction
    from planwatch.store.tasks import assign

    with transaction(engine) as session:
        assign(session, task_id, "区发展和改革局", create=True)


def test_no_work_can_arrive_between_the_check_and_the_delete(client: TestClient, demo: Demo, demo_engine: Engine,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """What the plan holds is read inside the deleting transaction, under SQLite's write lock: a unit's report cannot
    land between the check and the delete (it was read in a session of its own, then deleted with force, so work
    recorded in between went without anyone agreeing)."""
    if demo_engine.dialect.name != "sqlite":
        pytest.skip("SQLite's write lock")
    from planwatch.store import plans

    original = plans.plan_contents
    attempts: list[str] = []

    def contents_then_a_unit_reports(session, plan_ids):  # type: ignore[no-untyped-def]
        found = original(session, plan_ids)
        other = sqlite3.connect(demo_engine.url.database or "", timeout=0.2)
        try:
            other.execute("UPDATE task SET deadline = '2019-12-31' WHERE id = ?", (demo.other_task_id,))
            other.commit()
            attempts.append("written")
        except sqlite3.OperationalError as exc:
            attempts.append(str(exc))
        finally:
            other.close()
        return found

    monkeypatch.setattr(plans, "plan_contents", contents_then_a_unit_reports)
    response = client.delete(f"/api/plans/{demo.plan_id}", headers={"Authorization": f"Bearer {demo.tokens['admin']}"})
    assert response.status_code == 200, response.text[:300]
    assert attempts == ["database is locked"]


def test_a_refused_form_shows_the_confirmation_page_again(client: TestClient, demo: Demo, demo_engine: Engine) -> None:
    """The page was shown before a unit's work arrived (no box to tick): the refused form shows the page again with the
    work, the box and a browser's wording (it was the generic error card, "API：force=true" and a link home)."""
    login(client, "admin")
    token = csrf_of(client)
    assert 'name="force"' not in client.get(f"/plans/{demo.plan_id}/delete").text
    _assign(demo_engine, demo.other_task_id)
    response = client.post(f"/plans/{demo.plan_id}/delete", data={"csrf_token": token}, follow_redirects=False)
    assert response.status_code == 409
    assert 'name="force"' in response.text and 'id="plan-work"' in response.text and "force=true" not in response.text
    assert "如仍要删除，请勾选下方方框" in response.text
    assert client.get(f"/api/plans/{demo.plan_id}").status_code == 200


def test_a_second_submit_after_the_plan_went_lists_the_plans(client: TestClient, demo: Demo) -> None:
    """A double click or a resent form: the plan is gone, which is what was asked (it was an error page, 404)."""
    login(client, "admin")
    token = csrf_of(client)
    client.post(f"/plans/{demo.plan_id}/delete", data={"csrf_token": token, "force": "1"}, follow_redirects=False)
    again = client.post(f"/plans/{demo.plan_id}/delete", data={"csrf_token": token, "force": "1"}, follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"] == "/plans"
    assert f"计划 {demo.plan_id} 已不存在（已被删除）。" in client.get("/plans").text


def test_the_audit_log_words_a_plan_delete(client: TestClient, demo: Demo, demo_engine: Engine) -> None:
    """The audit row reads 计划已删除 with the work deleted by kind in the interface language, and links nowhere (it
    showed the code plan.delete, an English `work` and a link to the vanished plan)."""
    _assign(demo_engine, demo.other_task_id)
    headers = {"Authorization": f"Bearer {demo.tokens['admin']}"}
    assert client.delete(f"/api/plans/{demo.plan_id}", params={"force": "true"}, headers=headers).status_code == 200
    entry = client.get("/api/audit", params={"action": "plan.delete"}, headers=headers).json()["entries"][0]
    assert entry["action_label"] == "计划已删除" and entry["link"] == "" and entry["who"] == "admin"
    work = next(change for change in entry["changes"] if change["field"] == "work")
    assert work["label"] == "一并删除的督办工作" and "已交办责任单位的任务：1" in work["value"]


def test_counts_agree_in_number_in_english(client: TestClient, demo: Demo, demo_engine: Engine) -> None:
    _assign(demo_engine, demo.other_task_id)
    client.headers["Authorization"] = f"Bearer {demo.tokens['admin']}"
    refused = client.delete(f"/api/plans/{demo.plan_id}", params={"lang": "en"}).json()["error"]
    assert "(1 task update, 1 task assigned to a unit)" in refused["message"], refused["message"]


def test_the_plan_list_json_leaves_the_pages_flash(client: TestClient, demo: Demo) -> None:
    """A script's GET /api/plans with the browser's cookie does not use up what the page is to say."""
    login(client, "admin")
    token = csrf_of(client)
    client.post(f"/plans/{demo.plan_id}/delete", data={"csrf_token": token, "force": "1"}, follow_redirects=False)
    assert client.get("/api/plans").json()["deleted"] is None
    assert 'id="deleted"' in client.get("/plans").text
