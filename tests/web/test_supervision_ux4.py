"""The supervision workflow (督办), fresh-eyes review 4: each test fails on the code before its fix.

#5: once the office assigned one task of a plan, every never-assigned task of it turned 逾期 (260 in `tasks overdue`,
red badges on the liaison's phone) while the inbox and reminders said those tasks count for nobody.
#6: `rounds open` without `--plan` (as README wrote it) took the newest plan with tasks, another government's nobody
supervised, and a liaison read "本轮各项任务均已报送" though its unit had reported nothing.
#14: a report over 4,000 characters was refused on a bare error page showing the liaison logged out, the form having
no maxlength or counter.
#13: a full disk during a report with an attachment answered a bare 500 (two tracebacks in the log).
#20: wording: assigning the suggested unit read "牵头单位：区教育局 → 区教育局"; the upload refusal ran two sentences
together and said MiB; the 422 page's heading was 请求无效 with the code validation_error, the header logged out.
#9: anonymous visitors read login names ("jyj", "duban") in task histories: half of a password guess.
"""

from __future__ import annotations

import re

import pytest
from cli_support import run
from fastapi.testclient import TestClient

from .conftest import Demo, csrf_of, login, make_client

AFTER = "2020-06-01"  # past every deadline of the demo plan (2019-12-31)


def _h(demo: Demo, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {demo.tokens[role]}"}


def _assign_one(client: TestClient, demo: Demo) -> None:
    response = client.post(f"/api/tasks/{demo.task_id}/assign", json={"unit": demo.unit}, headers=_h(demo, "office"))
    assert response.status_code == 200


def test_a_task_never_assigned_is_late_for_nobody(client: TestClient, demo: Demo,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    _assign_one(client, demo)
    data = client.get("/api/tasks", params={"plan": demo.plan_id, "as_of": AFTER, "size": 500}).json()
    assert data["total"]["late"] == 1 and data["total"]["unassigned"] == data["total"]["total"] - 1 > 100
    assert all(line["late"] == 0 for line in data["summary"] if line["suggested"])
    tasks = [t for g in data["groups"] for t in g["tasks"]]
    assert [t["id"] for t in tasks if t["late"]] == [demo.task_id]
    assert [t["id"] for t in tasks if t["overdue"]] == [demo.task_id]
    assert client.get("/api/tasks", params={"plan": demo.plan_id, "as_of": AFTER, "late": "true"}).json()["count"] == 1
    html = client.get("/tasks", params={"plan": demo.plan_id, "as_of": AFTER}).text
    assert html.count('badge missed">逾期') == 1 and 'data-f="unassigned"' in html and "待交办" in html

    code, out, _err = run(capsys, "tasks", "overdue", "--plan", str(demo.plan_id), "--today", AFTER)
    assert code == 0 and out.startswith("1 项逾期任务") and f"#{demo.task_id} " in out
    assert re.search(r"另有 \d+ 项任务尚未交办（待交办", out)


def test_my_tasks_shows_suggested_tasks_apart_without_late_badges(client: TestClient, demo: Demo) -> None:
    _assign_one(client, demo)
    login(client, "editor")
    html = client.get("/my/tasks", params={"as_of": AFTER, "plan": demo.plan_id}).text
    assert 'id="my-suggested"' in html and "建议本单位承办，未交办" in html
    own, suggested = html.split('id="my-suggested"', 1)
    assert f'id="t-{demo.task_id}"' in own and own.count('badge missed">逾期') == 1  # the one assigned task
    assert suggested.count('class="card task-card') > 0 and 'badge missed">逾期' not in suggested
    assert re.search(r"我的任务 <span class=\"muted\">\(1\)</span>", html)  # the count: assigned tasks only


def test_a_round_without_plan_goes_to_the_supervised_plan(client: TestClient, demo: Demo, newer_plan: int,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    # nothing supervised yet and two plans with tasks: which one is meant cannot be told, so nothing is opened
    code, out, err = run(capsys, "rounds", "open", "2026年12月进展填报", "--due", "2099-12-15")
    assert (code, out) == (2, "") and "--plan" in err and str(newer_plan) in err and str(demo.plan_id) in err
    _assign_one(client, demo)  # the office assigns a task of the demo plan: that plan is under supervision
    code, out, err = run(capsys, "rounds", "open", "2026年12月进展填报", "--due", "2099-12-15")
    assert code == 0, err
    assert f"（计划 {demo.plan_id} " in out and "坪山" in out  # the plan named, not only its id
    rounds = client.get("/api/rounds", headers=_h(demo, "office")).json()["rounds"]
    assert [r["plan_id"] for r in rounds] == [demo.plan_id]


def test_a_round_of_another_plan_is_not_all_reported(client: TestClient, demo: Demo, newer_plan: int,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    _assign_one(client, demo)
    code, _out, err = run(capsys, "rounds", "open", "别的计划填报", "--plan", str(newer_plan), "--due", "2099-12-15")
    assert code == 0, err
    login(client, "editor")
    html = client.get("/my/tasks").text
    assert "别的计划填报" in html and "本轮不涉及本单位任务" in html and "本轮各项任务均已报送" not in html


def test_visitors_read_names_never_login_names(client: TestClient, demo: Demo,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    _assign_one(client, demo)  # by the office (login "office", display name 督办科)
    reported = client.post(f"/api/tasks/{demo.task_id}/updates", json={"status": "推进中", "evidence": "已开工"},
                           headers=_h(demo, "editor"))  # login "editor", display name 联络员
    assert reported.status_code == 201
    assert run(capsys, "tasks", "update", str(demo.task_id), "--status", "推进中", "--evidence", "x",
               "--who", "root")[0] == 0  # a command run by the operator: a name no account has
    task = client.get(f"/api/tasks/{demo.task_id}").json()["task"]  # anonymous
    whos = {entry["who"] for entry in task["history"]}
    assert whos == {"督办科", "联络员", "督办部门"}, whos
    listed = client.get("/api/tasks", params={"plan": demo.plan_id, "unit": demo.unit}).json()
    entries = [t[k] for g in listed["groups"] for t in g["tasks"] for k in ("last_update", "last_report") if t.get(k)]
    assert entries and not {e["who"] for e in entries} & {"office", "editor", "root"}
    html = client.get(f"/tasks/{demo.task_id}").text
    assert not re.search(r">\s*(office|editor|root)\s*<", html)
    # logged in, the office still reads who did what by login where the API gives it
    mine = client.get(f"/api/tasks/{demo.task_id}", headers=_h(demo, "office")).json()["task"]
    assert {"office", "editor", "root"} <= {entry["who"] for entry in mine["history"]}


def test_a_too_long_report_comes_back_to_its_form(client: TestClient, demo: Demo) -> None:
    login(client, "editor")
    page = client.get("/my/tasks", params={"plan": demo.plan_id}).text
    assert 'maxlength="4000"' in page and f'data-counter="evidence-count-{demo.task_id}"' in page
    text = "推进项目建设，" * 613  # 4,291 characters
    response = client.post(f"/tasks/{demo.task_id}/updates", data={
        "csrf_token": csrf_of(client), "status": "推进中", "evidence": text, "next": "/my/tasks"},
        files={"files": ("photo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "image/png")})
    assert response.status_code == 422
    html = response.text
    assert f'id="evidence-error-{demo.task_id}"' in html and "最多 4000 个字符，现有 4291 个" in html
    assert f">{text}</textarea>" in html  # the text kept, in the same form
    assert "联络员" in html and 'action="/logout"' in html  # the header: still logged in
    assert "validation_error" not in html and "请求无效" not in html
    after = client.get(f"/api/tasks/{demo.task_id}").json()["task"]
    assert all(entry["source"] != "report" for entry in after["history"])  # nothing stored


def test_a_full_disk_answers_507_on_the_form(demo_engine, demo: Demo, tmp_path, monkeypatch: pytest.MonkeyPatch,
                                             caplog: pytest.LogCaptureFixture) -> None:  # type: ignore[no-untyped-def]
    """The evidence file is written to /dev/full: the kernel's own "No space left on device" (ENOSPC)."""
    import logging
    import os

    import planwatch.store.supervision as store

    def full(handle: int, mode: str):  # type: ignore[no-untyped-def]
        os.close(handle)
        return open("/dev/full", mode, buffering=0)  # noqa: SIM115

    monkeypatch.setattr(store.os, "fdopen", full)
    folder = tmp_path / "evidence"
    with make_client(demo_engine, evidence_dir=folder) as client, \
            caplog.at_level(logging.ERROR, logger="planwatch.evidence"):
        login(client, "editor")
        response = client.post(f"/tasks/{demo.task_id}/updates", data={
            "csrf_token": csrf_of(client), "status": "推进中", "evidence": "已开工", "next": "/my/tasks"},
            files={"files": ("a.pdf", b"%PDF-1.4 x", "application/pdf")})
        assert response.status_code == 507
        assert "服务器存储空间不足，报送未保存，请联系管理员" in response.text and ">已开工</textarea>" in response.text
        assert "联络员" in response.text  # the form again, still logged in
        api = client.post(f"/api/tasks/{demo.task_id}/files", data={"evidence": "x"},
                          files={"files": ("a.pdf", b"%PDF-1.4 y", "application/pdf")},
                          headers={"Authorization": f"Bearer {demo.tokens['editor']}"})
        assert api.status_code == 507 and api.json()["error"]["code"] == "insufficient_storage"
        task = client.get(f"/api/tasks/{demo.task_id}").json()["task"]
    assert not task["history"] and not [p for p in folder.rglob("*") if p.is_file()]  # nothing kept
    lines = [r.getMessage() for r in caplog.records if r.name == "planwatch.evidence"]
    assert len(lines) == 2 and str(folder.resolve()) in lines[0] and "full" in lines[0]


def test_assigning_the_suggested_unit_reads_as_handing_it_over(client: TestClient, demo: Demo,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    _assign_one(client, demo)  # the web: demo.unit is the unit suggested for the task
    task = client.get(f"/api/tasks/{demo.task_id}", headers=_h(demo, "office")).json()["task"]
    assert task["history"][0]["evidence"] == f"交办给{demo.unit}（原为建议单位）"
    # the command line, on another task suggested to a unit
    other = client.get(f"/api/tasks/{demo.other_task_id}", headers=_h(demo, "office")).json()["task"]
    assert run(capsys, "tasks", "assign", str(demo.other_task_id), other["unit"], "--deadline", "2026-11-30")[0] == 0
    history = client.get(f"/api/tasks/{demo.other_task_id}", headers=_h(demo, "office")).json()["task"]["history"]
    assert history[0]["evidence"].startswith(f"交办给{other['unit']}（原为") and "→ " + other["unit"] not in \
        history[0]["evidence"] and "完成时限：" in history[0]["evidence"]
    # a later change of lead unit is one
    assert client.post(f"/api/tasks/{demo.task_id}/assign", json={"unit": other["unit"]},
                       headers=_h(demo, "office")).status_code == 200
    again = client.get(f"/api/tasks/{demo.task_id}", headers=_h(demo, "office")).json()["task"]["history"][0]
    assert again["evidence"] == f"牵头单位：{demo.unit} → {other['unit']}"


def test_the_upload_refusal_is_two_sentences_in_mb(demo_engine, demo: Demo) -> None:  # type: ignore[no-untyped-def]
    with make_client(demo_engine, evidence_max_bytes=1024 * 1024) as client:
        login(client, "editor")
        response = client.post(f"/tasks/{demo.task_id}/updates", data={
            "csrf_token": csrf_of(client), "evidence": "已开工", "next": "/my/tasks"},
            files={"files": ("big.pdf", b"%PDF-1.4 " + b"0" * (1024 * 1024), "application/pdf")})
    assert response.status_code == 422
    alert = re.search(r'id="report-error" role="alert">([^<]+)</p>', response.text).group(1)  # type: ignore[union-attr]
    assert alert.startswith("big.pdf：超过大小上限 1 MB。已填写的内容保留在下方"), alert
    assert "MiB" not in response.text


def test_a_refused_form_page_speaks_words_to_a_logged_in_user(client: TestClient, demo: Demo) -> None:
    login(client, "office")
    response = client.post(f"/tasks/{demo.task_id}/review", data={"csrf_token": csrf_of(client)},
                           headers={"Referer": f"http://testserver/tasks/{demo.task_id}"})  # no decision chosen
    assert response.status_code == 422
    html = response.text
    assert "提交的内容未被接受" in html and "请求无效" not in html and "validation_error" not in html
    assert "督办科" in html and 'action="/logout"' in html  # the header: still logged in
    assert f'href="/tasks/{demo.task_id}" id="retry-link"' in html  # back to the form
