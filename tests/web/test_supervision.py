"""The supervision cycle (督办) over the API and the pages: assign, report with files, sign-off, rounds, inbox.

Each defect of issue 10's first bullet has a test here that fails on the code before it:
no sign-off (已完成 set by the unit with no evidence, and set back to 未启动), no files, no rounds
or inbox, no 我的任务, one unpaged list with "已逾期" and no as-of date, no confirmation, the
updater named by login.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from .conftest import Demo, csrf_of, login, make_client

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _h(demo: Demo, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {demo.tokens[role]}"}


@pytest.fixture
def files_dir(tmp_path: Path) -> Path:
    return tmp_path / "evidence"


@pytest.fixture
def sv(demo_engine: Engine, files_dir: Path):  # type: ignore[no-untyped-def]
    """A client whose evidence files go to tmp_path."""
    with make_client(demo_engine, evidence_dir=files_dir, evidence_max_bytes=50_000) as client:
        yield client


def _total(client: TestClient, **params: str) -> dict[str, int]:
    return client.get("/api/tasks", params=params).json()["total"]


# ------------------------------------------------------------------ the task list


def test_task_list_is_paged_summarised_per_unit_with_an_as_of_date(client: TestClient, demo: Demo) -> None:
    """Before: one page of every task (17,600 px), every one "已逾期" with no as-of date."""
    data = client.get("/api/tasks").json()
    shown = sum(len(g["tasks"]) for g in data["groups"])
    assert data["count"] > 100 and shown == data["paging"]["size"] < data["count"]
    assert data["as_of"] and data["summary"]
    line = next(s for s in data["summary"] if s["unit"] == demo.unit)
    assert line["total"] == line["on_time"] + line["late"] + line["cancelled"] + line["unsupervised"] + line["unassigned"]
    # nobody supervises the plan yet: past every deadline, no task is late (review ux2 #4)
    later = _total(client, as_of="2020-01-02")
    assert later["late"] == 0 and later["unsupervised"] == later["total"]
    assert 'badge missed">逾期' not in client.get("/tasks?as_of=2020-01-02").text
    # once the office assigns a task the plan is under supervision; deadlines are 2019-12-31: nothing is late in
    # mid-2019, every open task is late in 2020
    assert client.post(f"/api/tasks/{demo.task_id}/assign", json={"unit": demo.unit},
                       headers=_h(demo, "office")).status_code == 200
    assert _total(client, as_of="2019-06-30")["late"] == 0
    later = _total(client, as_of="2020-01-02")  # the assigned task only: the others are 待交办 (review ux4 #5)
    assert later["late"] == 1 and later["on_time"] == 0 and later["unassigned"] == later["total"] - 1
    html = client.get("/tasks?as_of=2019-06-30").text
    assert "截至 2019-06-30" in html and 'id="unit-summary"' in html and 'id="task-pager"' in html
    assert html.count('class="task-row"') == data["paging"]["size"]
    assert 'badge missed">逾期' not in html  # on 2019-06-30 nothing is late
    assert 'badge missed">逾期' in client.get("/tasks?as_of=2020-01-02").text
    second = client.get("/api/tasks", params={"page": 2}).json()
    assert {t["id"] for g in second["groups"] for t in g["tasks"]}.isdisjoint({t["id"] for g in data["groups"] for t in g["tasks"]})
    by_unit = client.get("/api/tasks", params={"group": "unit", "size": 500}).json()
    assert len(by_unit["groups"]) == len(data["summary"])


def test_list_filters_late_and_awaiting_sign_off(client: TestClient, demo: Demo) -> None:
    assert client.get("/api/tasks", params={"late": "true", "as_of": "2019-06-30"}).json()["count"] == 0
    client.post(f"/api/tasks/{demo.task_id}/updates", json={"status": "已完成", "evidence": "竣工验收"},
                headers=_h(demo, "editor"))
    waiting = client.get("/api/tasks", params={"signoff": "requested"}).json()
    assert [t["id"] for g in waiting["groups"] for t in g["tasks"]] == [demo.task_id]
    assert waiting["total"]["awaiting"] == 1


# ------------------------------------------------------------------ sign-off


def test_a_units_done_is_a_request_that_needs_evidence(client: TestClient, demo: Demo) -> None:
    """Before: the editor set 已完成 with no evidence and it counted as done."""
    before = _total(client)["completed"]
    bare = client.post(f"/api/tasks/{demo.task_id}/updates", json={"status": "已完成"}, headers=_h(demo, "editor"))
    assert bare.status_code == 422 and "佐证" in bare.json()["error"]["message"]
    asked = client.post(f"/api/tasks/{demo.task_id}/updates", json={"status": "已完成", "evidence": "项目竣工验收"},
                        headers=_h(demo, "editor"))
    assert asked.status_code == 201 and asked.json()["update"]["source"] == "request"
    task = client.get(f"/api/tasks/{demo.task_id}").json()["task"]
    assert task["status"] != "已完成" and task["signoff"] == "requested" and task["progress"] == 100
    assert _total(client)["completed"] == before  # a request does not count
    approve = client.post(f"/api/tasks/{demo.task_id}/review", json={"decision": "approve"}, headers=_h(demo, "office"))
    assert approve.status_code == 200
    assert _total(client)["completed"] == before + 1
    task = client.get(f"/api/tasks/{demo.task_id}").json()["task"]
    assert task["status"] == "已完成" and task["signoff"] == "approved"
    assert [h["source"] for h in task["history"][:2]] == ["approve", "request"]
    assert task["history"][0]["who_name"] == "督办科"
    # signed off: closed to the unit
    again = client.post(f"/api/tasks/{demo.task_id}/updates", json={"status": "推进中"}, headers=_h(demo, "editor"))
    assert again.status_code == 422 and "销号" in again.json()["error"]["message"]


def test_a_started_task_cannot_go_back_to_not_started(client: TestClient, demo: Demo) -> None:
    """Before: an editor could set a task back to 未启动."""
    assert client.post(f"/api/tasks/{demo.task_id}/updates", json={"status": "推进中", "evidence": "已开工"},
                       headers=_h(demo, "editor")).status_code == 201
    back = client.post(f"/api/tasks/{demo.task_id}/updates", json={"status": "未启动"}, headers=_h(demo, "editor"))
    assert back.status_code == 422 and back.json()["error"]["code"] == "validation_error"
    cancel = client.post(f"/api/tasks/{demo.task_id}/updates", json={"status": "取消"}, headers=_h(demo, "editor"))
    assert cancel.status_code == 422
    assert client.get(f"/api/tasks/{demo.task_id}").json()["task"]["status"] == "推进中"


def test_the_office_sends_a_request_back_with_a_reason(client: TestClient, demo: Demo) -> None:
    client.post(f"/api/tasks/{demo.task_id}/updates", json={"status": "已完成", "evidence": "已完成"},
                headers=_h(demo, "editor"))
    no_reason = client.post(f"/api/tasks/{demo.task_id}/review", json={"decision": "return"}, headers=_h(demo, "office"))
    assert no_reason.status_code == 422
    sent = client.post(f"/api/tasks/{demo.task_id}/review", json={"decision": "return", "reason": "缺少验收报告"},
                       headers=_h(demo, "office"))
    assert sent.status_code == 200 and sent.json()["review"]["signoff"] == "returned"
    task = client.get(f"/api/tasks/{demo.task_id}").json()["task"]
    assert task["status"] != "已完成" and task["history"][0]["evidence"] == "缺少验收报告"
    twice = client.post(f"/api/tasks/{demo.task_id}/review", json={"decision": "approve"}, headers=_h(demo, "office"))
    assert twice.status_code == 422  # nothing to decide any more
    inbox = client.get("/api/inbox", headers=_h(demo, "editor")).json()
    mine = next(u for u in inbox["units"] if u["unit"] == demo.unit)
    assert mine["returned"][0]["reason"] == "缺少验收报告"


def test_completed_is_one_definition(demo_engine: Engine, demo: Demo) -> None:
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from planwatch.store.db import transaction
    from planwatch.store.supervision import completed_condition, is_completed, report, review
    from planwatch.store.tasks import Task

    with transaction(demo_engine) as session:
        report(session, demo.task_id, "editor", "editor", {demo.unit}, status="已完成", evidence="竣工")
    with Session(demo_engine) as session:
        assert session.scalar(select(func.count()).select_from(Task).where(completed_condition())) == 0
        assert not is_completed(session.get(Task, demo.task_id))
    with transaction(demo_engine) as session:
        review(session, demo.task_id, "approve", "office", "office")
    with Session(demo_engine) as session:
        assert session.scalar(select(func.count()).select_from(Task).where(completed_condition())) == 1
        assert is_completed(session.get(Task, demo.task_id))


# ------------------------------------------------------------------ assignment


def test_the_office_assigns_lead_co_units_deadline_and_milestones(client: TestClient, demo: Demo) -> None:
    """Before: every lead unit was "(建议)"; units and deadlines changed only from the CLI."""
    units = client.get("/api/tasks").json()["choices"]["units"]
    co = [u for u in units if u != demo.unit][:2]
    response = client.post(f"/api/tasks/{demo.other_task_id}/assign",
                           json={"unit": demo.unit, "co_units": co, "deadline": "2019-09-30"}, headers=_h(demo, "office"))
    assert response.status_code == 200, response.text
    task = client.get(f"/api/tasks/{demo.other_task_id}").json()["task"]
    assert task["unit"] == demo.unit and task["unit_assigned"] and task["co_units"] == sorted(co)
    assert task["deadline"] == "2019-09-30" and task["history"][0]["source"] == "assign"
    unknown = client.post(f"/api/tasks/{demo.task_id}/assign", json={"unit": "区火星局"}, headers=_h(demo, "office"))
    assert unknown.status_code == 422 and "区火星局" in unknown.json()["error"]["message"]
    stone = client.post(f"/api/tasks/{demo.task_id}/milestones", json={"title": "完成立项", "due": "2019-05-31"},
                        headers=_h(demo, "office"))
    assert stone.status_code == 201
    mid = stone.json()["milestone"]["id"]
    assert client.post(f"/api/milestones/{mid}/done", headers=_h(demo, "editor2")).status_code == 403
    assert client.post(f"/api/milestones/{mid}/done", headers=_h(demo, "editor")).status_code == 200
    page = client.get(f"/api/tasks/{demo.task_id}").json()["task"]
    assert page["milestones"][0]["title"] == "完成立项" and page["milestones"][0]["done_on"]


def test_a_co_unit_reports_progress_but_not_status(client: TestClient, demo: Demo) -> None:
    from .conftest import OTHER_UNIT

    assert client.post(f"/api/tasks/{demo.task_id}/assign", json={"co_units": [OTHER_UNIT]},
                       headers=_h(demo, "office")).status_code == 200
    note = client.post(f"/api/tasks/{demo.task_id}/updates", json={"evidence": "配合完成用地报批"},
                       headers=_h(demo, "editor2"))
    assert note.status_code == 201
    status = client.post(f"/api/tasks/{demo.task_id}/updates", json={"status": "滞后"}, headers=_h(demo, "editor2"))
    assert status.status_code == 422


def test_bulk_assignment_from_the_list(client: TestClient, demo: Demo) -> None:
    login(client, "office")
    ids = [t["id"] for g in client.get("/api/tasks").json()["groups"] for t in g["tasks"]][:3]
    form = client.post("/tasks/assign", data={"task_ids": [str(i) for i in ids], "unit": demo.unit,
                                              "deadline": "2019-10-31", "csrf_token": csrf_of(client), "next": "/tasks"},
                       follow_redirects=False)
    assert form.status_code == 303 and "saved=assign" in form.headers["location"]
    for task_id in ids:
        task = client.get(f"/api/tasks/{task_id}").json()["task"]
        assert task["unit"] == demo.unit and task["unit_assigned"] and task["deadline"] == "2019-10-31"
    html = client.get(form.headers["location"]).text
    assert 'id="bulk-form"' in html and "已保存" in html
    none = client.post("/api/tasks/assign", json={"task_ids": [], "unit": demo.unit}, headers=_h(demo, "office"))
    assert none.status_code == 422


# ------------------------------------------------------------------ evidence files


def test_reports_carry_files_kept_by_hash_and_served_to_readers(sv: TestClient, demo: Demo, files_dir: Path) -> None:
    """Before: no way to attach a photo or a PDF."""
    response = sv.post(f"/api/tasks/{demo.task_id}/files", headers=_h(demo, "editor"),
                       files=[("files", ("验收报告.pdf", PDF, "application/pdf"))], data={"evidence": "验收报告", "progress": "80"})
    assert response.status_code == 201, response.text
    task = sv.get(f"/api/tasks/{demo.task_id}").json()["task"]
    stored = task["files"][0]
    digest = hashlib.sha256(PDF).hexdigest()
    assert stored["name"] == "验收报告.pdf" and stored["sha256"] == digest and task["progress"] == 80
    assert (files_dir / digest[:2] / digest).read_bytes() == PDF
    assert sv.get(f"/api/files/{stored['id']}").status_code == 401  # anonymous
    browser = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}  # a link followed: to the login page
    assert sv.get(stored["url"], headers=browser, follow_redirects=False).headers["location"].startswith("/login")
    assert sv.get(stored["url"]).json()["error"]["code"] == "unauthorized"  # a script (Accept */*): the JSON error
    got = sv.get(stored["url"], headers=_h(demo, "viewer"))
    assert got.status_code == 200 and got.content == PDF and got.headers["content-type"] == "application/pdf"
    assert "filename*=UTF-8''" in got.headers["content-disposition"]


@pytest.mark.parametrize(("name", "data", "word"), [
    ("page.pdf", b"<html><script>alert(1)</script></html>", "pdf"),  # content does not match the type
    ("tool.exe", b"MZ\x90\x00", "exe"),
    ("big.pdf", b"%PDF-" + b"0" * 60_000, "MiB"),
])
def test_bad_files_are_refused_and_nothing_is_kept(sv: TestClient, demo: Demo, files_dir: Path,
                                                   name: str, data: bytes, word: str) -> None:
    response = sv.post(f"/api/tasks/{demo.task_id}/files", headers=_h(demo, "editor"),
                       files=[("files", (name, data, "application/octet-stream"))], data={"evidence": "附件"})
    assert response.status_code == 422
    assert name in response.json()["error"]["message"]
    assert not files_dir.exists() or not any(p.is_file() for p in files_dir.rglob("*"))
    assert sv.get(f"/api/tasks/{demo.task_id}").json()["task"]["history"] == [] or \
        sv.get(f"/api/tasks/{demo.task_id}").json()["task"]["history"][0]["evidence"] != "附件"


# ------------------------------------------------------------------ the pages: confirmation and names


def test_saved_report_is_confirmed_and_names_the_display_name(sv: TestClient, demo: Demo) -> None:
    """Before: no confirmation after saving, and the updater shown by login name."""
    login(sv, "editor")
    response = sv.post(f"/tasks/{demo.task_id}/updates", data={"status": "推进中", "evidence": "主体结构封顶", "progress": "60",
                                                              "csrf_token": csrf_of(sv), "next": f"/tasks/{demo.task_id}"},
                       files=[("files", ("现场.png", b"\x89PNG\r\n\x1a\n" + b"0" * 40, "image/png"))], follow_redirects=False)
    assert response.status_code == 303, response.text[:300]
    html = sv.get(response.headers["location"]).text
    assert 'id="saved"' in html and "已保存" in html and "联络员" in html
    history = html.split('id="history"')[1]
    assert "联络员" in history and ">editor<" not in history and "现场.png" in history


# ------------------------------------------------------------------ rounds, inbox, my tasks


def _assign(client: TestClient, demo: Demo, task_id: int, unit: str | None = None) -> str:
    """Assign the task to `unit` (default: the unit suggested for it) as the office; the unit."""
    unit = unit or client.get(f"/api/tasks/{task_id}").json()["task"]["unit"]
    assert client.post(f"/api/tasks/{task_id}/assign", json={"unit": unit}, headers=_h(demo, "office")).status_code == 200
    return unit


def test_rounds_inbox_and_my_tasks(client: TestClient, demo: Demo) -> None:
    """Before: no reporting rounds, no inbox, no "my tasks". Only units assigned a task owe reports on it (review ux2
    #5): the tasks only suggested to a unit are the office's to assign, listed to it as 待交办."""
    _assign(client, demo, demo.task_id, demo.unit)
    other = _assign(client, demo, demo.other_task_id)
    opened = client.post("/api/rounds", json={"title": "2019年6月进展填报", "due": "2019-06-30", "opened_on": "2019-06-01"},
                         headers=_h(demo, "office"))
    assert opened.status_code == 201
    inbox = client.get("/api/inbox", params={"as_of": "2019-06-10"}, headers=_h(demo, "editor")).json()
    assert [u["unit"] for u in inbox["units"]] == [demo.unit]
    owed = {x["id"] for x in inbox["units"][0]["owed"]}
    assert demo.task_id in owed
    client.post(f"/api/tasks/{demo.task_id}/updates", json={"evidence": "已完成设计招标", "on": "2019-06-05"},
                headers=_h(demo, "editor"))
    inbox = client.get("/api/inbox", params={"as_of": "2019-06-10"}, headers=_h(demo, "editor")).json()
    assert demo.task_id not in {x["id"] for x in inbox["units"][0]["owed"]}
    office = client.get("/api/inbox", params={"as_of": "2019-06-10"}, headers=_h(demo, "office")).json()
    assert [(u["unit"], len(u["owed"])) for u in office["units"]] == [(other, 1)]  # the suggested ones owe nothing
    (waiting,) = office["unassigned"]
    assert waiting["plan_id"] == demo.plan_id and waiting["count"] > 100
    assert "待交办" not in client.get("/inbox", headers=_h(demo, "editor")).text  # the office's list, not the unit's
    rounds = client.get("/api/rounds").json()["rounds"]
    assert rounds[0]["title"] == "2019年6月进展填报" and rounds[0]["reported"] == 1
    assert rounds[0]["open"] == 2 and rounds[0]["unassigned"] == waiting["count"]
    assert sorted(u["unit"] for u in rounds[0]["units"]) == sorted({demo.unit, other})
    mine = client.get("/api/my/tasks", headers=_h(demo, "editor")).json()
    assert mine["units"] == [demo.unit] and demo.task_id in {t["id"] for t in mine["tasks"]}
    assert all(t["unit"] == demo.unit or demo.unit in t["co_units"] for t in mine["tasks"])
    relations = {t["id"]: t["relation"] for t in mine["tasks"]}
    assert relations[demo.task_id] == "lead" and set(relations.values()) == {"lead", "suggested"}
    assert mine["tasks"][0]["id"] == demo.task_id  # the assigned task first, the suggested ones after it
    assert client.get("/my/tasks", follow_redirects=False).status_code == 303  # log in first
    bad = client.post("/api/rounds", json={"title": "x", "due": "2019-01-01", "opened_on": "2019-02-01"},
                      headers=_h(demo, "office"))
    assert bad.status_code == 422


def test_a_report_dated_after_today_is_refused(client: TestClient, demo: Demo) -> None:
    """The store refuses a progress date ahead of today for the web as for the CLI (CLI audit: 2999-01-01 stored).
    Today is the latest today on Earth (`latest_today`, UTC+14), not this machine's: from 10:00 UTC on they differ."""
    from datetime import timedelta

    from planwatch.store.tasks import latest_today

    today = latest_today()
    tomorrow = (today + timedelta(days=1)).isoformat()
    ahead = client.post(f"/api/tasks/{demo.task_id}/updates", json={"evidence": "提前填报", "on": tomorrow},
                        headers=_h(demo, "editor"))
    assert ahead.status_code == 422
    assert ahead.json()["error"]["message"] == f"日期 {tomorrow} 晚于今天（{today}）：请按进展实际发生的日期填报"
    history = client.get(f"/api/tasks/{demo.task_id}").json()["task"]["history"]
    assert all(h["evidence"] != "提前填报" for h in history)


def test_unit_contacts(client: TestClient, demo: Demo) -> None:
    ok = client.post("/api/contacts", json={"unit": demo.unit, "email": "duban@example.org"}, headers=_h(demo, "office"))
    assert ok.status_code == 200
    bad = client.post("/api/contacts", json={"unit": demo.unit, "email": "not-an-address"}, headers=_h(demo, "office"))
    assert bad.status_code == 422
    inbox = client.get("/api/inbox", headers=_h(demo, "office")).json()
    assert any(u["email"] == "duban@example.org" for u in inbox["units"] if u["unit"] == demo.unit) or \
        all(u["unit"] != demo.unit for u in inbox["units"])


def test_a_refused_report_form_keeps_what_was_typed(client: TestClient, demo: Demo) -> None:
    login(client, "editor")
    response = client.post(f"/tasks/{demo.task_id}/updates", data={"status": "已完成", "progress": "90",
                                                                  "link": "ftp://x", "evidence": "",
                                                                  "csrf_token": csrf_of(client)})
    assert response.status_code == 422
    assert 'id="report-error"' in response.text and "ftp://x" in response.text and 'value="90"' in response.text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_supervision_pages_render_in_both_languages(client: TestClient, demo: Demo, lang: str) -> None:
    login(client, "office")
    words = {"zh": ("截至", "报送轮次", "待办"), "en": ("as of", "Reporting rounds", "Inbox")}[lang]
    assert words[0] in client.get(f"/tasks?lang={lang}").text
    assert words[0] in client.get(f"/tasks/{demo.task_id}?lang={lang}").text
    assert words[1] in client.get(f"/rounds?lang={lang}").text
    assert words[2] in client.get(f"/inbox?lang={lang}").text
    assert client.get(f"/my/tasks?lang={lang}").status_code == 200
