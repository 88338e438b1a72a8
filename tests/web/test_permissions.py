"""Who may write what: each role × each write → allowed or refused; CSRF on cookie sessions."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from .conftest import Demo, csrf_of, login

ROLES = ("anonymous", "viewer", "editor", "editor2", "admin")
UPLOAD = "示例区 2020 年国民经济和社会发展计划\n\n二、2020 年主要目标\n\n——地区生产总值增长 6%左右。\n".encode()


def _actual(client: TestClient, indicator_id: int) -> dict[str, object]:
    unit = client.get(f"/api/indicators/{indicator_id}").json()["indicator"]["unit"] or "个"
    return {"indicator_id": indicator_id, "year": 2019, "value": 3, "unit": unit, "measure": "level", "note": "测试"}


WRITES: dict[str, Callable[[TestClient, Demo, dict[str, str]], Response]] = {
    "task_own": lambda c, d, h: c.post(f"/api/tasks/{d.task_id}/updates", json={"status": "推进中", "evidence": "已开工"}, headers=h),
    "task_other": lambda c, d, h: c.post(f"/api/tasks/{d.other_task_id}/updates", json={"status": "推进中"}, headers=h),
    "actual_own": lambda c, d, h: c.post("/api/actuals", json=_actual(c, d.indicator_id), headers=h),
    "actual_other": lambda c, d, h: c.post("/api/actuals", json=_actual(c, d.other_indicator_id), headers=h),
    "upload": lambda c, d, h: c.post("/api/plans", files={"file": ("shili-2020-plan.txt", UPLOAD, "text/plain")}, headers=h),
    "token": lambda c, d, h: c.post("/api/tokens", json={"name": "脚本"}, headers=h),
    "audit": lambda c, d, h: c.get("/api/audit", headers=h),
}

A, R, L = "allowed", 403, 401  # allowed, refused, login needed
MATRIX = {
    #                anonymous viewer editor editor2 admin
    "task_own":     (L, R, A, R, A),
    "task_other":   (L, R, R, R, A),
    "actual_own":   (L, R, A, R, A),
    "actual_other": (L, R, R, R, A),
    "upload":       (L, R, R, R, A),
    "token":        (L, A, A, A, A),
    "audit":        (L, R, R, R, A),
}


@pytest.mark.parametrize("write", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_with_tokens(client: TestClient, demo: Demo, write: str, role: str) -> None:
    expected = MATRIX[write][ROLES.index(role)]
    headers = {} if role == "anonymous" else {"Authorization": f"Bearer {demo.tokens[role]}"}
    response = WRITES[write](client, demo, headers)
    if expected == A:
        assert response.status_code in (200, 201), response.text[:400]
    else:
        assert response.status_code == expected, response.text[:400]
        assert response.json()["error"]["code"] in ("forbidden", "unauthorized")


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_allowed_writes_reach_the_audit_log(client: TestClient, demo: Demo, demo_engine, role: str) -> None:  # type: ignore[no-untyped-def]
    from planwatch.store.schema import AuditLog

    headers = {"Authorization": f"Bearer {demo.tokens[role]}"}
    assert WRITES["task_own"](client, demo, headers).status_code == 201
    assert WRITES["actual_own"](client, demo, headers).status_code == 201
    with Session(demo_engine) as session:
        actions = {(a.who, a.action) for a in session.scalars(select(AuditLog))}
    assert {(role, "task.update"), (role, "actual.set")} <= actions
    entries = client.get("/api/audit", headers={"Authorization": f"Bearer {demo.tokens['admin']}"}).json()["entries"]
    assert entries[0]["who"] == role


def test_task_update_shows_in_history(client: TestClient, demo: Demo) -> None:
    headers = {"Authorization": f"Bearer {demo.tokens['editor']}"}
    response = client.post(f"/api/tasks/{demo.task_id}/updates", json={"status": "已完成", "evidence": "项目竣工",
                                                                        "link": "https://example.org/x"}, headers=headers)
    assert response.status_code == 201
    task = client.get(f"/api/tasks/{demo.task_id}", headers=headers).json()["task"]
    # a unit's 已完成 is a sign-off request (issue 10): the status waits for the planning office
    assert task["status"] == "推进中" and task["signoff"] == "requested" and task["can_edit"]
    assert task["history"][0]["evidence"] == "项目竣工" and task["history"][0]["who"] == "editor"
    assert task["history"][0]["who_name"] == "联络员"


def test_bad_task_status_is_a_validation_error(client: TestClient, demo: Demo) -> None:
    headers = {"Authorization": f"Bearer {demo.tokens['admin']}"}
    response = client.post(f"/api/tasks/{demo.task_id}/updates", json={"status": "搞定了"}, headers=headers)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"


# ------------------------------------------------------------------ session cookies and CSRF


def test_cookie_write_without_csrf_token_is_refused(client: TestClient, demo: Demo) -> None:
    login(client, "editor")
    response = client.post(f"/api/tasks/{demo.task_id}/updates", json={"status": "推进中"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "csrf_failed"
    wrong = client.post(f"/api/tasks/{demo.task_id}/updates", json={"status": "推进中"},
                        headers={"X-CSRF-Token": "forged"})
    assert wrong.status_code == 403 and wrong.json()["error"]["code"] == "csrf_failed"
    form = client.post(f"/tasks/{demo.task_id}/updates", data={"status": "推进中", "csrf_token": "forged"})
    assert form.status_code == 403


def test_cookie_write_with_csrf_token_is_accepted(client: TestClient, demo: Demo) -> None:
    login(client, "editor")
    token = csrf_of(client)
    response = client.post(f"/api/tasks/{demo.task_id}/updates", json={"status": "推进中"},
                           headers={"X-CSRF-Token": token})
    assert response.status_code == 201
    form = client.post(f"/tasks/{demo.task_id}/updates", data={"status": "滞后", "evidence": "征地未完成",
                                                              "csrf_token": token, "next": "/tasks"},
                       follow_redirects=False)
    assert form.status_code == 303 and form.headers["location"] == f"/tasks?saved=report#t-{demo.task_id}"
    assert client.get(f"/api/tasks/{demo.task_id}").json()["task"]["status"] == "滞后"


def test_every_cookie_write_route_checks_csrf(client: TestClient) -> None:
    """Each POST route of the app either checks CSRF or is the strict login check."""
    from fastapi.routing import APIRoute

    from planwatch.web.deps import check_csrf, check_csrf_strict

    for route in client.app.routes:  # type: ignore[attr-defined]
        if isinstance(route, APIRoute) and route.methods & {"POST", "PUT", "PATCH", "DELETE"}:
            calls = {d.call for d in route.dependant.dependencies}
            assert calls & {check_csrf, check_csrf_strict}, route.path


def test_login_needs_the_csrf_token_and_the_password(client: TestClient) -> None:
    no_token = client.post("/login", data={"username": "admin", "password": "correct-horse-9"})
    assert no_token.status_code == 403
    token = csrf_of(client)
    wrong = client.post("/login", data={"username": "admin", "password": "nope", "csrf_token": token})
    assert wrong.status_code == 401 and "用户名或密码错误" in wrong.text
    assert client.get("/api/account").status_code == 401
    login(client, "admin")
    assert client.get("/api/account").json()["account"]["role"] == "admin"
    assert client.get("/audit").status_code == 200


def test_logout_ends_the_session(client: TestClient) -> None:
    login(client, "viewer")
    assert client.get("/api/account").status_code == 200
    client.post("/logout", data={"csrf_token": csrf_of(client)})
    assert client.get("/api/account").status_code == 401


def test_forged_session_cookie_is_ignored(client: TestClient) -> None:
    login(client, "admin")
    cookie = client.cookies.get("planwatch_session")
    payload, signature = cookie.rsplit(".", 1)
    client.cookies.set("planwatch_session", payload + "." + signature[::-1])
    assert client.get("/api/account").status_code == 401


# ------------------------------------------------------------------ supervision (督办) writes, with the planning office

SV_ROLES = ("anonymous", "viewer", "editor", "editor2", "office", "admin")
PDF = b"%PDF-1.4\n%%EOF\n"


def _admin(d: Demo) -> dict[str, str]:
    return {"Authorization": f"Bearer {d.tokens['admin']}"}


def _milestone_done(c: TestClient, d: Demo, h: dict[str, str]) -> Response:
    made = c.post(f"/api/tasks/{d.task_id}/milestones", json={"title": "完成立项", "due": "2019-06-30"}, headers=_admin(d))
    return c.post(f"/api/milestones/{made.json()['milestone']['id']}/done", headers=h)


def _review(c: TestClient, d: Demo, h: dict[str, str]) -> Response:
    asked = c.post(f"/api/tasks/{d.task_id}/updates", json={"status": "已完成", "evidence": "竣工"},
                   headers={"Authorization": f"Bearer {d.tokens['editor']}"})
    assert asked.status_code == 201
    return c.post(f"/api/tasks/{d.task_id}/review", json={"decision": "approve"}, headers=h)


def _close(c: TestClient, d: Demo, h: dict[str, str]) -> Response:
    made = c.post("/api/rounds", json={"title": "三季度报送", "due": "2030-09-30"}, headers=_admin(d))
    return c.post(f"/api/rounds/{made.json()['round']['id']}/close", headers=h)


SV_WRITES: dict[str, Callable[[TestClient, Demo, dict[str, str]], Response]] = {
    "report_own": lambda c, d, h: c.post(f"/api/tasks/{d.task_id}/updates", json={"progress": 30, "evidence": "开工"}, headers=h),
    "report_file": lambda c, d, h: c.post(f"/api/tasks/{d.task_id}/files", headers=h,
                                          files=[("files", ("照片.pdf", PDF, "application/pdf"))], data={"evidence": "现场"}),
    "assign": lambda c, d, h: c.post(f"/api/tasks/{d.task_id}/assign", json={"deadline": "2019-11-30"}, headers=h),
    "assign_bulk": lambda c, d, h: c.post("/api/tasks/assign", json={"task_ids": [d.task_id, d.other_task_id],
                                                                     "deadline": "2019-11-30"}, headers=h),
    "milestone": lambda c, d, h: c.post(f"/api/tasks/{d.task_id}/milestones", json={"title": "完成立项"}, headers=h),
    "milestone_done": _milestone_done,
    "review": _review,
    "round_open": lambda c, d, h: c.post("/api/rounds", json={"title": "6月报送", "due": "2030-06-30"}, headers=h),
    "round_close": _close,
    "contact": lambda c, d, h: c.post("/api/contacts", json={"unit": d.unit, "email": "a@example.org"}, headers=h),
}

SV_MATRIX = {
    #                 anonymous viewer editor editor2 office admin
    "report_own":     (L, R, A, R, A, A),
    "report_file":    (L, R, A, R, A, A),
    "assign":         (L, R, R, R, A, A),
    "assign_bulk":    (L, R, R, R, A, A),
    "milestone":      (L, R, R, R, A, A),
    "milestone_done": (L, R, A, R, A, A),
    "review":         (L, R, R, R, A, A),
    "round_open":     (L, R, R, R, A, A),
    "round_close":    (L, R, R, R, A, A),
    "contact":        (L, R, R, R, A, A),
}


@pytest.mark.parametrize("write", sorted(SV_MATRIX))
@pytest.mark.parametrize("role", SV_ROLES)
def test_supervision_permission_matrix(client: TestClient, demo: Demo, write: str, role: str) -> None:
    expected = SV_MATRIX[write][SV_ROLES.index(role)]
    headers = {} if role == "anonymous" else {"Authorization": f"Bearer {demo.tokens[role]}"}
    response = SV_WRITES[write](client, demo, headers)
    if expected == A:
        assert response.status_code in (200, 201), response.text[:400]
    else:
        assert response.status_code == expected, response.text[:400]
        assert response.json()["error"]["code"] in ("forbidden", "unauthorized")


def test_supervision_forms_need_the_csrf_token(client: TestClient, demo: Demo) -> None:
    login(client, "office")
    for path, data in ((f"/tasks/{demo.task_id}/assign", {"deadline": "2019-11-30"}),
                       ("/tasks/assign", {"task_ids": str(demo.task_id), "deadline": "2019-11-30"}),
                       (f"/tasks/{demo.task_id}/review", {"decision": "approve"}),
                       ("/rounds", {"title": "x", "due": "2030-01-01"}),
                       ("/contacts", {"unit": demo.unit, "email": "a@example.org"})):
        assert client.post(path, data={**data, "csrf_token": "forged"}).status_code == 403, path


# ------------------------------------------------------------------ data entry and administration (issue 10 parts 2–3)


def _grid(c: TestClient, d: Demo, h: dict[str, str], indicator_id: int) -> Response:
    rows = c.get("/api/entry?year=2019", headers=_admin(d)).json()
    row = next(r for r in rows["rows"] if r["indicator_id"] == indicator_id)
    value = "2%" if row["unit"] == "%" else f"3{row['unit']}"
    return c.post("/api/entry", json={"government": rows["government"], "year": 2019, "period": "Q1",
                                      "cells": [{"indicator_id": indicator_id, "measure": row["measure"], "value": value}]},
                  headers=h)


def _revoke(c: TestClient, d: Demo, h: dict[str, str]) -> Response:
    made = c.post("/api/admin/tokens", json={"username": "viewer", "name": "待吊销"}, headers=_admin(d))
    token_id = max(t["id"] for t in c.get("/api/admin/tokens", headers=_admin(d)).json()["tokens"])
    assert made.status_code == 201
    return c.post(f"/api/admin/tokens/{token_id}/revoke", headers=h)


ADMIN_WRITES: dict[str, Callable[[TestClient, Demo, dict[str, str]], Response]] = {
    "entry_own": lambda c, d, h: _grid(c, d, h, d.indicator_id),
    "entry_other": lambda c, d, h: _grid(c, d, h, d.other_indicator_id),
    "user_add": lambda c, d, h: c.post("/api/admin/users", json={"username": "new", "password": "pass-word-1",
                                                                 "role": "viewer"}, headers=h),
    "user_role": lambda c, d, h: c.post("/api/admin/users/viewer/role", json={"role": "editor", "units": [d.unit]}, headers=h),
    "user_password": lambda c, d, h: c.post("/api/admin/users/viewer/password", json={"password": "pass-word-2"}, headers=h),
    "user_active": lambda c, d, h: c.post("/api/admin/users/editor2/active", json={"active": False}, headers=h),
    "unit_add": lambda c, d, h: c.post("/api/admin/units", json={"name": "区新设局"}, headers=h),
    "unit_place": lambda c, d, h: c.post("/api/admin/units/place", json={"name": d.unit, "government": "深圳市坪山区"},
                                         headers=h),
    "token_for_user": lambda c, d, h: c.post("/api/admin/tokens", json={"username": "viewer"}, headers=h),
    "token_revoke": _revoke,
}

ADMIN_MATRIX = {
    #                 anonymous viewer editor editor2 office admin
    "entry_own":      (L, R, A, R, R, A),
    "entry_other":    (L, R, R, R, R, A),
    "user_add":       (L, R, R, R, R, A),
    "user_role":      (L, R, R, R, R, A),
    "user_password":  (L, R, R, R, R, A),
    "user_active":    (L, R, R, R, R, A),
    "unit_add":       (L, R, R, R, R, A),
    "unit_place":     (L, R, R, R, R, A),
    "token_for_user": (L, R, R, R, R, A),
    "token_revoke":   (L, R, R, R, R, A),
}


@pytest.mark.parametrize("write", sorted(ADMIN_MATRIX))
@pytest.mark.parametrize("role", SV_ROLES)
def test_entry_and_admin_permission_matrix(client: TestClient, demo: Demo, write: str, role: str) -> None:
    expected = ADMIN_MATRIX[write][SV_ROLES.index(role)]
    headers = {} if role == "anonymous" else {"Authorization": f"Bearer {demo.tokens[role]}"}
    response = ADMIN_WRITES[write](client, demo, headers)
    if expected == A:
        assert response.status_code in (200, 201), response.text[:400]
    else:
        assert response.status_code == expected, response.text[:400]
        assert response.json()["error"]["code"] in ("forbidden", "unauthorized")


def test_entry_and_admin_forms_need_the_csrf_token(client: TestClient, demo: Demo) -> None:
    login(client, "admin")
    for path, data in (("/entry", {"government": "1", "year": "2019"}),
                       ("/admin/users", {"username": "x", "password": "pass-word-1"}),
                       ("/admin/users/viewer", {"action": "deactivate"}),
                       ("/admin/units", {"name": "区某局"}),
                       ("/admin/tokens", {"username": "viewer"}),
                       (f"/indicators/{demo.indicator_id}/actuals", {"year": "2019", "value": "3"})):
        assert client.post(path, data={**data, "csrf_token": "forged"}).status_code == 403, path
