"""The task page's forms after a refusal, the status choices a unit is offered, the login link (web audit 2, 4, 21)."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

from .conftest import Demo, csrf_of, login


def _next_fields(page: str) -> list[str]:
    return [html.unescape(v) for v in re.findall(r'name="next" value="([^"]*)"', page)]


def _refused_report(client: TestClient, demo: Demo, next_url: str) -> str:
    """The task page as re-rendered after a report the server refuses (a bad link)."""
    response = client.post(f"/tasks/{demo.task_id}/updates",
                           data={"status": "", "progress": "", "link": "ftp://x", "evidence": "x", "next": next_url,
                                 "csrf_token": csrf_of(client)})
    assert response.status_code == 422 and 'id="report-error"' in response.text
    return response.text


def test_after_a_refused_report_every_form_returns_to_the_task_page(client: TestClient, demo: Demo) -> None:
    """Before: the re-rendered page's forms held next=/tasks/<id>/updates, so saving there was a GET on it: 405."""
    login(client, "office")
    page_url = f"/tasks/{demo.task_id}?as_of=2019-06-30"
    assert set(_next_fields(client.get(page_url).text)) == {page_url}
    page = _refused_report(client, demo, page_url)
    nexts = _next_fields(page)
    assert len(nexts) >= 3 and set(nexts) == {page_url}  # report, assign, add milestone: all back to the page
    # 标记完成 (a milestone), 保存交办, 保存报送 from the re-rendered page: each lands on the task page (200, not 405)
    csrf = csrf_of(client)
    added = client.post(f"/tasks/{demo.task_id}/milestones", data={"title": "完成立项", "due": "", "next": nexts[0],
                                                                    "csrf_token": csrf})
    assert added.status_code == 200 and added.url.path == f"/tasks/{demo.task_id}", added.url
    assert added.url.params.get("as_of") == "2019-06-30" and added.url.params.get("saved") == "milestone"
    milestone = re.search(r'action="/milestones/(\d+)/done"', added.text)
    assert milestone
    page = _refused_report(client, demo, page_url)
    done = client.post(f"/milestones/{milestone.group(1)}/done", data={"next": _next_fields(page)[0], "csrf_token": csrf})
    assert done.status_code == 200 and done.url.path == f"/tasks/{demo.task_id}"
    page = _refused_report(client, demo, page_url)
    assigned = client.post(f"/tasks/{demo.task_id}/assign", data={"unit": demo.unit, "deadline": "2020-06-30",
                                                                  "next": _next_fields(page)[0], "csrf_token": csrf})
    assert assigned.status_code == 200 and assigned.url.path == f"/tasks/{demo.task_id}"
    page = _refused_report(client, demo, page_url)
    reported = client.post(f"/tasks/{demo.task_id}/updates", data={"progress": "30", "evidence": "已立项",
                                                                   "next": _next_fields(page)[0], "csrf_token": csrf})
    assert reported.status_code == 200 and reported.url.path == f"/tasks/{demo.task_id}"
    assert "已立项" in reported.text and reported.url.params.get("saved") == "report"


def test_a_post_only_address_in_next_is_never_a_redirect_target(client: TestClient, demo: Demo) -> None:
    """Whatever a form's `next` holds, the browser is sent to a page it can GET (else the task page)."""
    login(client, "office")
    csrf = csrf_of(client)
    for bad in (f"/tasks/{demo.task_id}/updates", "//evil.example/x", "https://evil.example/", "/\\evil"):
        response = client.post(f"/tasks/{demo.task_id}/updates", data={"progress": "10", "next": bad, "csrf_token": csrf},
                               follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"].startswith(f"/tasks/{demo.task_id}?saved=report"), (bad, response.headers)
    # a page the browser can GET is kept, with its query
    response = client.post(f"/tasks/{demo.task_id}/updates", data={"progress": "20", "next": "/my/tasks?as_of=2019-06-30",
                                                                   "csrf_token": csrf}, follow_redirects=False)
    assert response.headers["location"].startswith("/my/tasks?as_of=2019-06-30&saved=report")


def _status_options(page: str) -> set[str]:
    select = re.search(r'<select name="status">(.*?)</select>', page, re.S)
    assert select, "the report form has a status field"
    return set(re.findall(r'<option value="([^"]*)"', select.group(1)))


def test_a_unit_is_not_offered_statuses_the_server_refuses(client: TestClient, demo: Demo) -> None:
    """Before: an editor was offered 取消 (only the office cancels) and 未启动 on a started task; both always refused."""
    login(client, "editor")
    csrf = csrf_of(client)
    client.post(f"/tasks/{demo.task_id}/updates", data={"status": "推进中", "evidence": "开工", "csrf_token": csrf})
    options = _status_options(client.get(f"/tasks/{demo.task_id}").text)
    assert "取消" not in options and "未启动" not in options
    assert {"已完成", "滞后"} <= options
    # the server's refusal stays
    for status in ("取消", "未启动"):
        refused = client.post(f"/tasks/{demo.task_id}/updates", data={"status": status, "csrf_token": csrf})
        assert refused.status_code == 422
    office = TestClient(client.app)
    login(office, "office")
    assert {"取消", "未启动"} <= _status_options(office.get(f"/tasks/{demo.task_id}").text)


def test_the_login_link_keeps_the_page_and_its_filters(client: TestClient, demo: Demo) -> None:
    """Before: on /tasks?unit=区教育局 the 登录 link was /login?next=/tasks."""
    from urllib.parse import parse_qs, urlsplit

    page = client.get("/tasks", params={"unit": demo.unit, "as_of": "2019-06-30"}).text
    link = html.unescape(re.search(r'href="([^"]+)" id="login-link"', page).group(1))  # type: ignore[union-attr]
    target = parse_qs(urlsplit(link).query)["next"][0]
    assert urlsplit(target).path == "/tasks"
    assert parse_qs(urlsplit(target).query) == {"unit": [demo.unit], "as_of": ["2019-06-30"]}
    login_page = client.get(link).text
    assert html.unescape(re.search(r'name="next" value="([^"]*)"', login_page).group(1)) == target  # type: ignore[union-attr]
    response = client.post("/login", data={"username": "viewer", "password": "correct-horse-9", "next": target,
                                           "csrf_token": csrf_of(client)}, follow_redirects=False)
    assert response.headers["location"] == target
    # still only local pages: another site, or an address that answers only POST, goes home
    for bad in ("https://evil.example/", "//evil.example", f"/tasks/{demo.task_id}/updates"):
        fresh = TestClient(client.app)
        response = fresh.post("/login", data={"username": "viewer", "password": "correct-horse-9", "next": bad,
                                              "csrf_token": csrf_of(fresh)}, follow_redirects=False)
        assert response.headers["location"] == "/", bad


# ------------------------------------------------------------------ refused forms shown again (web audit 3)


def test_a_refused_milestone_or_assignment_shows_the_task_page_again(client: TestClient, demo: Demo) -> None:
    """Before: a bare full-page 422 ("出错 422 … 返回首页"), the message printed twice, the input lost."""
    login(client, "office")
    page_url = f"/tasks/{demo.task_id}?as_of=2019-06-30"
    csrf = csrf_of(client)
    response = client.post(f"/tasks/{demo.task_id}/milestones", data={"title": "", "due": "2019-09-30",
                                                                       "next": page_url, "csrf_token": csrf})
    assert response.status_code == 422
    page = response.text
    assert 'id="milestone-error"' in page and page.count("请填写节点名称") == 1
    assert 'value="2019-09-30"' in page and "返回首页" not in page
    assert set(_next_fields(page)) == {page_url}  # and its forms still lead back to the task page
    assert "截至 2019-06-30" in page  # the page's as-of date is kept
    assert f'href="/tasks/{demo.task_id}?as_of=2019-06-30&amp;lang=en"' in page  # the language switch: the page
    response = client.post(f"/tasks/{demo.task_id}/assign", data={"unit": demo.unit, "co_units": ["区火星局"],
                                                                   "deadline": "2020-03-31", "next": page_url,
                                                                   "csrf_token": csrf})
    assert response.status_code == 422
    page = response.text
    assert 'id="assign-error"' in page and page.count("区火星局") >= 1 and 'value="2020-03-31"' in page
    assert "返回首页" not in page


def test_a_refused_bulk_assignment_shows_the_list_again(client: TestClient, demo: Demo) -> None:
    login(client, "office")
    list_url = "/tasks?group=unit&as_of=2019-06-30"
    page = client.get(list_url).text
    ids = re.findall(r'name="task_ids" value="(\d+)"', page)[:2]
    csrf = csrf_of(client)
    response = client.post("/tasks/assign", data={"task_ids": ids, "co_units": "区火星局", "deadline": "2020-06-30",
                                                  "next": list_url, "csrf_token": csrf})
    assert response.status_code == 422
    page = response.text
    assert 'id="bulk-error"' in page and "返回首页" not in page
    assert 'value="区火星局"' in page and 'value="2020-06-30"' in page
    for task_id in ids:  # the ticked tasks stay ticked
        assert re.search(rf'name="task_ids" value="{task_id}"[^>]*checked', page)
    assert html.unescape(re.search(r'id="bulk-form".*?name="next" value="([^"]*)"', page, re.S).group(1)) == list_url  # type: ignore[union-attr]
    assert 'href="/tasks?group=unit' in page  # links lead to the list, not to the POST address
    none = client.post("/tasks/assign", data={"unit": demo.unit, "next": list_url, "csrf_token": csrf})
    assert none.status_code == 422 and 'id="bulk-error"' in none.text and none.text.count("请至少选择一项任务") == 1


def test_a_refused_round_shows_the_rounds_page_again(client: TestClient, demo: Demo) -> None:
    login(client, "office")
    response = client.post("/rounds", data={"title": "六月进展填报", "due": "2000-01-01", "note": "请按时报送",
                                            "csrf_token": csrf_of(client)})
    assert response.status_code == 422
    page = response.text
    assert 'id="round-error"' in page and "返回首页" not in page
    assert 'value="六月进展填报"' in page and 'value="2000-01-01"' in page and "请按时报送" in page


def test_an_error_page_says_its_message_once(client: TestClient, demo: Demo) -> None:
    login(client, "office")
    response = client.post(f"/tasks/{demo.task_id}/review", data={"decision": "approve", "csrf_token": csrf_of(client)})
    assert response.status_code == 422 and 'class="card error-card"' in response.text
    message = re.search(r'<p class="message">([^<]+)</p>', response.text).group(1)  # type: ignore[union-attr]
    assert response.text.count(message) == 1
