"""/openapi.json describes what the API answers (ux3 review #11): every /api operation's 2xx JSON has a schema with
its fields (the review: 31 of 57 had an empty or free-form one, so generated clients got untyped dicts), and the real
answers of a demo database fit those schemas, every key declared. The models are `planwatch.web.schemas`; they only
describe: the answers are the views' dicts as before.

The answers are checked twice: against the published schema (jsonschema, with every object closed: a key the schema
does not declare is a failure) and with pydantic against the route's model (dates, date-times, enums).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator
from pydantic import BaseModel, TypeAdapter
from sqlalchemy import Engine

from .conftest import OTHER_UNIT, PASSWORD, Demo, make_client

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
NOT_JSON = {"/api/files/{file_id}"}  # the evidence file's own bytes


def _h(demo: Demo, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {demo.tokens[role]}"}


@pytest.fixture
def api(demo_engine: Engine, tmp_path: Path) -> Iterator[TestClient]:
    """A client whose evidence files go to tmp_path."""
    with make_client(demo_engine, evidence_dir=tmp_path / "evidence") as client:
        yield client


def _openapi() -> dict[str, Any]:
    from planwatch.settings import Settings
    from planwatch.web.app import create_app

    return create_app(Settings(secret_key="schema-only")).openapi()


def _json_schema(operation: dict[str, Any], status: str) -> dict[str, Any] | None:
    content = operation["responses"].get(status, {}).get("content", {})
    return content["application/json"].get("schema", {}) if "application/json" in content else None


def _resolved(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def test_every_api_answer_has_a_schema_with_its_fields() -> None:
    """Before: /api/plans/{plan_id}, /api/targets, … answered `{"type": "object", "additionalProperties": true}` and the
    write routes `{}`."""
    spec = _openapi()
    components = spec["components"]["schemas"]
    free, described = [], 0
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status in (s for s in operation["responses"] if s.startswith("2")):
                schema = _json_schema(operation, status)
                if schema is None:
                    assert path in NOT_JSON or not path.startswith("/api/"), f"{method} {path}: no JSON answer"
                    continue
                assert path.startswith("/api/"), f"{method} {path}: a download documented as JSON"
                whole = _resolved(schema, components)
                if not whole.get("properties") or whole.get("additionalProperties") is True:
                    free.append(f"{method.upper()} {path} {status}")
                described += 1
    assert not free, "free-form answers:\n" + "\n".join(free)
    assert described > 50


def test_downloads_and_the_evaluation_document_what_they_send() -> None:
    """The report, the tables, the template and evidence files are files, not JSON; the evaluation's 503 config_error
    (a broken evaluation-system file on the server) has the one error shape."""
    spec = _openapi()
    report = spec["paths"]["/plans/{plan_id}/report"]["get"]["responses"]
    assert {"application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"} <= set(
        report["200"]["content"])
    assert set(spec["paths"]["/targets.csv"]["get"]["responses"]["200"]["content"]) == {"text/csv"}
    evaluation = spec["paths"]["/api/plans/{plan_id}/evaluation"]["get"]["responses"]
    assert evaluation["503"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert "config_error" in evaluation["503"]["description"]
    assert "503" not in report  # the workbook is sent without its scores instead (test_evaluation_config.py)


# ------------------------------------------------------------------ real answers against the schemas


def _closed(node: Any) -> Any:
    """`node` with every object schema that lists properties closed to others (additionalProperties: false)."""
    if isinstance(node, dict):
        node = {k: _closed(v) for k, v in node.items()}
        if "properties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        return node
    if isinstance(node, list):
        return [_closed(v) for v in node]
    return node


class Checker:
    """Checks answers against the published schema (closed) and the route's pydantic model."""

    def __init__(self) -> None:
        from planwatch.web.routes import ROUTERS

        self.spec = _openapi()
        self.components = _closed(copy.deepcopy(self.spec["components"]))
        self.models: dict[tuple[str, str], type[BaseModel]] = {}
        for route in (r for router in ROUTERS for r in router.routes):
            if isinstance(route, APIRoute) and route.include_in_schema and route.response_model is not None:
                for method in route.methods:
                    self.models[(method.lower(), route.path_format)] = route.response_model
        self.checked: set[tuple[str, str]] = set()
        self.problems: list[str] = []

    def __call__(self, method: str, template: str, response: Any) -> Any:
        """Check `response` to `method` `template`; its JSON."""
        what = f"{method.upper()} {template} ({response.request.url})"
        if not 200 <= response.status_code < 300:
            self.problems.append(f"{what}: {response.status_code} {response.text[:300]}")
            return None
        body = response.json()
        operation = self.spec["paths"][template][method]
        schema = _json_schema(operation, str(response.status_code))
        if schema is None:
            self.problems.append(f"{what}: status {response.status_code} is not documented")
            return body
        validator = Draft202012Validator({**schema, "components": self.components})
        for error in sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path))[:5]:
            self.problems.append(f"{what}: at {'/'.join(map(str, error.absolute_path))}: {error.message[:300]}")
        model = self.models[(method, template)]
        try:
            TypeAdapter(model).validate_json(response.content)
        except ValueError as exc:
            self.problems.append(f"{what}: pydantic: {str(exc)[:600]}")
        self.checked.add((method, template))
        return body


def _write(api: TestClient, demo: Demo, check: Checker) -> dict[str, Any]:
    """Use every write route once, as a planning office and its units would (so the task pages have histories,
    files, milestones, rounds); each answer checked. The ids made, for the reads."""
    office, editor, admin = _h(demo, "office"), _h(demo, "editor"), _h(demo, "admin")
    made: dict[str, Any] = {}
    answer = check("post", "/api/tasks/{task_id}/assign", api.post(
        f"/api/tasks/{demo.task_id}/assign", json={"unit": demo.unit, "co_units": [OTHER_UNIT], "deadline": "2019-06-20"},
        headers=office))
    check("post", "/api/tasks/assign", api.post("/api/tasks/assign", json={
        "task_ids": [demo.other_task_id], "deadline": "2019-12-31"}, headers=office))
    stone = check("post", "/api/tasks/{task_id}/milestones", api.post(
        f"/api/tasks/{demo.task_id}/milestones", json={"title": "完成立项", "due": "2019-05-31"}, headers=office))
    check("post", "/api/tasks/{task_id}/milestones", api.post(
        f"/api/tasks/{demo.task_id}/milestones", json={"title": "完成招标", "due": "2019-06-15"}, headers=office))
    check("post", "/api/rounds", api.post("/api/rounds", json={
        "title": "2019年6月进展填报", "due": "2019-06-30", "opened_on": "2019-06-01", "note": "请按时填报"}, headers=office))
    closing = check("post", "/api/rounds", api.post("/api/rounds", json={
        "title": "2019年5月进展填报", "due": "2019-05-31", "opened_on": "2019-05-01"}, headers=office))
    check("post", "/api/rounds/{round_id}/close", api.post(f"/api/rounds/{closing['round']['id']}/close", headers=office))
    check("post", "/api/contacts", api.post("/api/contacts", json={"unit": demo.unit, "email": "lianluo@example.gov.cn"},
                                            headers=office))
    check("post", "/api/tasks/{task_id}/files", api.post(
        f"/api/tasks/{demo.task_id}/files", headers=editor, files=[("files", ("验收报告.pdf", PDF, "application/pdf"))],
        data={"evidence": "验收报告", "progress": "80"}))
    check("post", "/api/milestones/{milestone_id}/done", api.post(f"/api/milestones/{stone['milestone']['id']}/done",
                                                                  headers=editor))
    check("post", "/api/tasks/{task_id}/updates", api.post(
        f"/api/tasks/{demo.task_id}/updates", json={"status": "已完成", "evidence": "项目竣工验收", "link": "https://example.gov.cn/1"},
        headers=editor))
    check("post", "/api/tasks/{task_id}/review", api.post(
        f"/api/tasks/{demo.task_id}/review", json={"decision": "return", "reason": "缺少验收报告"}, headers=office))
    made["version"] = answer["tasks"][0]["version"] if answer else ""
    # actuals: one by hand, a grid, an import
    grid = api.get("/api/entry", headers=admin).json()
    row = grid["rows"][0]
    check("post", "/api/actuals", api.post("/api/actuals", json={
        "indicator_id": row["indicator_id"], "year": grid["year"], "value": 6.5, "unit": row["unit"],
        "measure": row["measure"], "government": next(g["name"] for g in grid["governments"] if g["id"] == grid["government"])},
        headers=admin))
    check("post", "/api/entry", api.post("/api/entry", json={
        "government": grid["government"], "year": grid["year"], "period": "",
        "cells": [{"indicator_id": r["indicator_id"], "measure": r["measure"], "value": "7"} for r in grid["rows"][1:3]]},
        headers=admin))
    government = api.get("/api/plans", headers=admin).json()["plans"][0]["government"]
    sheet = f"指标,政府,年份,期间,测度,数值,单位,备注\n地区生产总值,{government},2019,,增速,8.6,%,\n".encode()
    check("post", "/api/actuals/import", api.post("/api/actuals/import", headers=admin,
                                                  files={"file": ("实际值.csv", sheet, "text/csv")}))
    # accounts and administration
    check("post", "/api/admin/users", api.post("/api/admin/users", json={
        "username": "tongji", "password": PASSWORD, "role": "editor", "units": [demo.unit], "display_name": "统计员"},
        headers=admin))
    check("post", "/api/admin/users/{username}/role", api.post("/api/admin/users/tongji/role", json={"role": "viewer"},
                                                               headers=admin))
    check("post", "/api/admin/users/{username}/password", api.post(
        "/api/admin/users/tongji/password", json={"password": PASSWORD + "x"}, headers=admin))
    check("post", "/api/admin/users/{username}/active", api.post("/api/admin/users/tongji/active", json={"active": False},
                                                                 headers=admin))
    check("post", "/api/admin/units", api.post("/api/admin/units", json={"name": "区统计局（测试）"}, headers=admin))
    check("post", "/api/admin/units/place", api.post("/api/admin/units/place", json={
        "name": "区统计局（测试）", "government": government}, headers=admin))
    check("post", "/api/admin/units/government", api.post("/api/admin/units/government", json={
        "government": government, "units": [OTHER_UNIT]}, headers=admin))
    token = check("post", "/api/admin/tokens", api.post("/api/admin/tokens", json={"username": "viewer", "name": "报表"},
                                                        headers=admin))
    listed = api.get("/api/admin/tokens", headers=admin).json()["tokens"]
    token_id = next(t["id"] for t in listed if t["name"] == "报表" and token)
    check("post", "/api/admin/tokens/{token_id}/revoke", api.post(f"/api/admin/tokens/{token_id}/revoke", headers=admin))
    check("post", "/api/tokens", api.post("/api/tokens", json={"name": "脚本"}, headers=_h(demo, "viewer")))
    check("post", "/api/account/password", api.post("/api/account/password", json={
        "current_password": PASSWORD, "new_password": PASSWORD + "!", "confirm_password": PASSWORD + "!"},
        headers=_h(demo, "viewer")))
    return made


def test_write_answers_fit_their_schemas(api: TestClient, demo: Demo) -> None:
    """Every write route's answer, as the supervision cycle, data entry and administration give them."""
    check = Checker()
    _write(api, demo, check)
    plan = ("样例县 2020 年国民经济和社会发展计划\n\n二、2020 年主要目标\n\n——地区生产总值增长 6%左右。\n\n"
            "三、重点工作\n\n（一）推进学校建设。新建中小学 3 所。\n").encode()
    for status in (201, 200):  # stored, then the same content again: unchanged
        answer = api.post("/api/plans", files={"file": ("yangli-2020-plan.txt", plan, "text/plain")}, headers=_h(demo, "admin"))
        assert answer.status_code == status, answer.text[:300]
        check("post", "/api/plans", answer)
    check("delete", "/api/plans/{plan_id}", api.delete(f"/api/plans/{demo.plan_id}", params={"force": "true"},
                                                       headers=_h(demo, "admin")))
    assert not check.problems, "\n".join(check.problems)
    documented = {(m, p) for p, ops in check.spec["paths"].items() for m in ops if m != "get" and p.startswith("/api/")}
    assert documented == check.checked


def test_read_answers_fit_their_schemas(api: TestClient, demo: Demo) -> None:
    """Every GET /api route of a demo database with a supervision cycle in it, as each role and anonymous, with
    the filters that change what an answer holds (a page past the last, a status, a group, a date)."""
    check = Checker()
    _write(api, demo, check)
    admin = _h(demo, "admin")
    record_ids = [r["id"] for r in api.get("/api/records", params={"plan": demo.plan_id, "size": 1000}).json()["records"]]
    reads: list[tuple[str, str, dict[str, Any]]] = [
        ("/api/home", "/api/home", {}), ("/api/plans", "/api/plans", {}), ("/api/plans", "/api/plans", {"page": 9}),
        ("/api/plans/{plan_id}", f"/api/plans/{demo.plan_id}", {}),
        ("/api/plans/{plan_id}/sections", f"/api/plans/{demo.plan_id}/sections", {}),
        ("/api/plans/{plan_id}/evaluation", f"/api/plans/{demo.plan_id}/evaluation", {}),
        ("/api/targets", "/api/targets", {}), ("/api/targets", "/api/targets", {"kind": "", "size": 1000}),
        ("/api/targets", "/api/targets", {"sort": "status", "status": "met"}), ("/api/targets", "/api/targets", {"page": 99}),
        ("/api/records", "/api/records", {"size": 1000}), ("/api/assessments", "/api/assessments", {"size": 1000}),
        ("/api/assessments", "/api/assessments", {"status": "no_data"}), ("/api/indicators", "/api/indicators", {}),
        ("/api/indicators", "/api/indicators", {"q": "生产"}),
        ("/api/indicators/{indicator_id}", f"/api/indicators/{demo.indicator_id}", {}),
        ("/api/indicators/{indicator_id}", f"/api/indicators/{demo.other_indicator_id}", {}),
        ("/api/search", "/api/search", {"q": "地区生产总值"}), ("/api/search", "/api/search", {"q": "教育", "size": 5}),
        ("/api/search", "/api/search", {}),
        ("/api/tasks", "/api/tasks", {}), ("/api/tasks", "/api/tasks", {"group": "unit", "as_of": "2019-06-25"}),
        ("/api/tasks", "/api/tasks", {"late": "true", "as_of": "2019-12-01"}),
        ("/api/tasks/{task_id}", f"/api/tasks/{demo.task_id}", {"as_of": "2019-06-10"}),
        ("/api/tasks/{task_id}", f"/api/tasks/{demo.other_task_id}", {}),
        ("/api/my/tasks", "/api/my/tasks", {}), ("/api/inbox", "/api/inbox", {"as_of": "2019-06-10"}),
        ("/api/rounds", "/api/rounds", {}), ("/api/actuals", "/api/actuals", {}),
        ("/api/actuals", "/api/actuals", {"page": 50}), ("/api/entry", "/api/entry", {}),
        ("/api/entry/missing", "/api/entry/missing", {}), ("/api/entry/missing", "/api/entry/missing", {"frequency": "quarter"}),
        ("/api/admin/users", "/api/admin/users", {}), ("/api/admin/units", "/api/admin/units", {}),
        ("/api/admin/tokens", "/api/admin/tokens", {}), ("/api/audit", "/api/audit", {}),
        ("/api/account", "/api/account", {}), ("/api/account/password", "/api/account/password", {}),
    ] + [("/api/records/{record_id}", f"/api/records/{i}", {}) for i in record_ids[::10]]
    for template, url, params in reads:
        check("get", template, api.get(url, params=params, headers=admin))
    for role in ("editor", "office", "viewer"):  # what a unit, the office and a reader are shown
        for template in ("/api/my/tasks", "/api/inbox", "/api/account"):
            check("get", template, api.get(template, params={"as_of": "2019-06-10"}, headers=_h(demo, role)))
        check("get", "/api/tasks/{task_id}", api.get(f"/api/tasks/{demo.task_id}", headers=_h(demo, role)))
    for template, url in (("/api/home", "/api/home"), ("/api/targets", "/api/targets"), ("/api/tasks", "/api/tasks"),
                          ("/api/rounds", "/api/rounds")):
        check("get", template, api.get(url))  # anonymous
    assert not check.problems, "\n".join(check.problems[:40])
    documented = {p for p, ops in check.spec["paths"].items() if "get" in ops and p.startswith("/api/")}
    assert documented - {p for m, p in check.checked if m == "get"} == NOT_JSON


@pytest.mark.parametrize(("vocabulary", "codes"), [
    ("Status", "planwatch.monitor.attainment.STATUS_CODES"), ("TaskStatus", "planwatch.store.tasks.STATUSES"),
    ("Signoff", "planwatch.store.supervision.SIGNOFF_STATES"), ("Role", "planwatch.store.accounts.ROLES"),
])
def test_the_documented_codes_are_the_codes_the_server_uses(vocabulary: str, codes: str) -> None:
    import importlib
    from typing import get_args

    from planwatch.web import schemas

    module, name = codes.rsplit(".", 1)
    assert get_args(getattr(schemas, vocabulary)) == tuple(getattr(importlib.import_module(module), name))
