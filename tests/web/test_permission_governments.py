"""Permissions across governments and over every write route (issue 12).

- An editor bound to a unit of one government records actuals for that government only
  (it could record one for another government through the API).
- Every write route of the app (walked from the app, so later routes are covered): nobody
  logged in and viewers change nothing (never a 2xx), except a viewer's own account things.
"""

from __future__ import annotations

import re
import typing

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .conftest import Demo, csrf_of, login
from .test_hardening import _routes

OTHER_PLAN = "示例县 2020 年国民经济和社会发展计划\n\n二、2020 年主要目标\n\n——地区生产总值增长 6%左右。\n".encode()
OTHER_GOVERNMENT = "示例县"


def _second_government(client: TestClient, demo: Demo) -> str:
    response = client.post("/api/plans", files={"file": ("shili-county-2020.txt", OTHER_PLAN, "text/plain")},
                           data={"government": OTHER_GOVERNMENT},
                           headers={"Authorization": f"Bearer {demo.tokens['admin']}"})
    assert response.status_code in (200, 201), response.text[:300]
    return response.json()["plan"]["government"]


def _home_government(client: TestClient, demo: Demo) -> str:
    plan = client.get(f"/api/plans/{demo.plan_id}").json()
    return plan.get("plan", plan).get("government") if isinstance(plan.get("plan", plan).get("government"), str) \
        else plan["plan"]["government"]["name"]


def _actual(client: TestClient, demo: Demo, government: str) -> dict[str, typing.Any]:
    unit = client.get(f"/api/indicators/{demo.indicator_id}").json()["indicator"]["unit"] or "个"
    return {"indicator_id": demo.indicator_id, "year": 2019, "value": 3, "unit": unit, "measure": "level",
            "government": government, "note": "测试"}


@pytest.mark.parametrize(("role", "home", "other"), [
    ("editor", 201, 403), ("editor2", 403, 403), ("viewer", 403, 403), ("admin", 201, 201), ("anonymous", 401, 401),
])
def test_actuals_by_government(client: TestClient, demo: Demo, demo_engine: typing.Any, role: str, home: int,
                               other: int) -> None:
    from planwatch.store.schema import Actual

    other_government = _second_government(client, demo)
    home_government = _home_government(client, demo)
    assert other_government != home_government
    headers = {} if role == "anonymous" else {"Authorization": f"Bearer {demo.tokens[role]}"}
    with Session(demo_engine) as session:
        before = session.scalar(select(func.count()).select_from(Actual))
    for government, expected in ((home_government, home), (other_government, other)):
        response = client.post("/api/actuals", json=_actual(client, demo, government), headers=headers)
        assert response.status_code == expected, f"{role} → {government}: {response.text[:300]}"
        if expected >= 400:
            assert response.json()["error"]["code"] in ("forbidden", "unauthorized")
    with Session(demo_engine) as session:
        after = session.scalar(select(func.count()).select_from(Actual))
    assert after - before == sum(1 for code in (home, other) if code == 201)


def test_the_indicator_form_is_held_to_the_same_rule(client: TestClient, demo: Demo) -> None:
    other_government = _second_government(client, demo)
    login(client, "editor")
    unit = client.get(f"/api/indicators/{demo.indicator_id}").json()["indicator"]["unit"] or "个"
    form = {"year": "2019", "value": "3", "unit": unit, "period": "", "measure": "", "note": "",
            "government": other_government, "csrf_token": csrf_of(client)}
    response = client.post(f"/indicators/{demo.indicator_id}/actuals", data=form, follow_redirects=False,
                           headers={"Accept": "application/json"})
    assert response.status_code == 403, response.text[:300]


SELF_SERVICE = re.compile(r"token|account|password|logout|login|/lang")


@pytest.mark.parametrize("role", ["anonymous", "viewer"])
def test_no_write_route_lets_them_change_anything(client: TestClient, demo: Demo, role: str) -> None:
    """Every POST/PUT/PATCH/DELETE route, with ids of real objects: 401/403/404/405/422, never a success."""
    headers = {} if role == "anonymous" else {"Authorization": f"Bearer {demo.tokens[role]}"}
    tried = 0
    for path, route in _routes(client):
        for method in sorted(route.methods & {"POST", "PUT", "PATCH", "DELETE"}):
            if SELF_SERVICE.search(path):
                continue
            url = re.sub(r"\{[^}]+\}", str(demo.task_id), path)
            response = client.request(method, url, json={}, headers=headers, follow_redirects=False)
            assert response.status_code in (303, 401, 403, 404, 405, 422), f"{role} {method} {url}: {response.status_code}"
            if response.status_code == 303:
                assert "/login" in response.headers["location"], f"{role} {method} {url}"
            tried += 1
    assert tried >= 5
