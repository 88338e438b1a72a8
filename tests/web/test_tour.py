"""Defects met walking each user's path through the dashboard (the planning office, a unit's liaison, a reader).

Each test names what a user met before the fix: a count that led to a list that did not hold it, a link
or a menu entry ending on a page that refuses the user, a sign-off that read as an empty line.
"""

from __future__ import annotations

import re
from html import unescape

from fastapi.testclient import TestClient

from .conftest import Demo, login


def _h(demo: Demo, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {demo.tokens[role]}"}


def test_a_rounds_unit_counts_link_to_the_rounds_plan(client: TestClient, demo: Demo, newer_plan: int) -> None:
    """Before: a round on an older plan said "发展改革部门 77" and the link showed the newest plan's tasks of that
    unit: 任务 (0). The round did not say which plan it was for either."""
    plan_id = demo.plan_id  # older than the list's default plan
    assert client.post(f"/api/tasks/{demo.task_id}/assign", json={"unit": demo.unit},
                       headers=_h(demo, "office")).status_code == 200  # only an assigned unit owes (review ux2 #5)
    opened = client.post("/api/rounds", json={"title": "上年任务进展", "due": "2099-06-30", "plan_id": plan_id},
                         headers=_h(demo, "office"))
    assert opened.status_code == 201
    round_ = client.get("/api/rounds").json()["rounds"][0]
    first = round_["units"][0]
    page = client.get("/rounds", headers=_h(demo, "office")).text
    card = page[page.index(f'id="round-{round_["id"]}"'):]
    links = [unescape(h) for h in re.findall(r'<a href="(/tasks\?[^"]*unit=[^"]*)"', card)]
    assert links and all(f"plan={plan_id}" in link for link in links)
    assert links and all("assigned=true" in link for link in links)  # the unit's assigned tasks, not its suggested ones
    listed = client.get("/api/tasks", params={"plan": plan_id, "unit": first["unit"], "assigned": "true"}).json()
    assert listed["paging"]["total"] == first["open"] == 1  # the count and the list it links to agree
    assert f'href="/tasks?plan={plan_id}" class="round-plan"' in card  # the round names its plan


def _nav(html: str) -> list[str]:
    nav = html[html.index('<nav class="nav">'):html.index("</nav>")]
    return re.findall(r'<a href="([^"]+)"', nav)


def test_the_navigation_offers_each_user_only_pages_that_serve_them(client: TestClient, demo: Demo) -> None:
    """Before: 上传 was in every menu ("只有管理员可以上传计划" for all but administrators) and 我的任务 in every
    logged-in user's ("您的账号尚未绑定单位" for the office, a reader, an administrator)."""
    assert "/upload" not in _nav(client.get("/").text)
    for role in ("viewer", "office"):
        nav = _nav(client.get("/", headers=_h(demo, role)).text)
        assert "/upload" not in nav and "/my/tasks" not in nav and "/inbox" in nav, (role, nav)
    editor = _nav(client.get("/", headers=_h(demo, "editor")).text)
    assert "/my/tasks" in editor and "/upload" not in editor
    admin = _nav(client.get("/", headers=_h(demo, "admin")).text)
    assert "/upload" in admin and "/my/tasks" not in admin  # the demo's administrator answers for no unit
    # who lands on 我的任务 all the same is told what it is for and where the office's work is
    page = client.get("/my/tasks", headers=_h(demo, "office")).text
    note = page[page.index('id="no-units"'):]
    note = note[:note.index("</p>")]
    assert "联络员" in note and 'href="/inbox"' in note and 'href="/tasks"' in note


def test_the_home_page_links_to_the_entry_grid_only_for_who_may_enter(client: TestClient, demo: Demo) -> None:
    """Before: "在表单中填报实际值" led a reader and the office to "出错 403 您的角色（viewer）不能修改数据", the role
    by its code inside a Chinese sentence."""
    from planwatch.web import i18n
    from planwatch.web.labels import label

    for role in ("viewer", "office"):
        assert 'href="/entry"' not in client.get("/", headers=_h(demo, role)).text, role
    for role in ("editor", "admin"):
        assert 'href="/entry"' in client.get("/", headers=_h(demo, role)).text, role
    refused = client.get("/entry", headers=_h(demo, "viewer"))
    assert refused.status_code == 403
    token = i18n.set_language("zh-CN")
    try:
        viewer = label("viewer", "role")
    finally:
        i18n.reset_language(token)
    message = refused.text[refused.text.index('class="message"'):]
    assert f"（{viewer}）" in message[:200] and "（viewer）" not in message[:200]


def test_a_signed_off_task_reads_signed_off_in_my_tasks_and_the_list(client: TestClient, demo: Demo) -> None:
    """Before: the card's latest entry read "2026-12-06 · 督办科 ·" and nothing after it: a sign-off has no text."""
    asked = client.post(f"/api/tasks/{demo.task_id}/updates", json={"status": "已完成", "evidence": "已完工，附验收报告"},
                        headers=_h(demo, "editor"))
    assert asked.status_code == 201
    signed = client.post(f"/api/tasks/{demo.task_id}/review", json={"decision": "approve"}, headers=_h(demo, "office"))
    assert signed.status_code == 200
    page = client.get("/my/tasks", headers=_h(demo, "editor")).text
    card = page[page.index(f'id="t-{demo.task_id}"'):]
    line = re.search(r'<p class="muted small">(.*?)</p>', card[:card.index("</article>")], re.S)
    assert line and line.group(1).strip().endswith("已销号"), line and line.group(1)
    listed = client.get("/tasks", params={"unit": demo.unit, "size": 500}, headers=_h(demo, "office")).text
    row = listed[listed.index(f'<tr id="t-{demo.task_id}"'):]
    assert "已销号" in row[:row.index("</tr>")]
    assert client.get(f"/api/tasks/{demo.task_id}").json()["task"]["last_update"]["source"] == "approve"


def test_a_report_sent_after_the_login_ended_leads_back_to_its_form(client: TestClient, demo: Demo) -> None:
    """Before: "出错 401 请先登录" and a link to the home page: the report typed was gone, and so was the way back to
    the task. Now the page says the report was not saved and logs in back to the form's page (where the form
    restores the text: tests/web/test_browser_tour.py)."""
    page = f"/tasks/{demo.task_id}"
    ended = client.post(f"{page}/updates", data={"evidence": "写了十分钟的进展", "next": page},
                        headers={"Referer": f"http://testserver{page}?as_of=2019-06-30"})
    assert ended.status_code == 401
    assert 'id="retry-link"' in ended.text
    assert f'href="/login?next={page}%3Fas_of%3D2019-06-30"' in ended.text
    # a stale form (the CSRF token of an earlier login) leads back to its page too
    login(client, "editor")
    stale = client.post(f"{page}/updates", data={"evidence": "x", "csrf_token": "stale"}, headers={"Referer": f"http://testserver{page}"})
    assert stale.status_code == 403 and f'<a href="{page}" id="retry-link">' in stale.text
    # never to another site, nor to an address that answers only POST
    for referer in ("https://elsewhere.example/tasks/1", f"http://testserver{page}/updates"):
        other = client.post(f"{page}/updates", data={"evidence": "x", "csrf_token": "stale"}, headers={"Referer": referer})
        assert other.status_code == 403 and 'id="retry-link"' not in other.text


def test_an_empty_filtered_task_list_offers_the_way_back(client: TestClient, demo: Demo) -> None:
    """Before: "没有符合条件的任务。" and nothing else; now a link to the plan's whole list."""
    page = client.get("/tasks", params={"plan": demo.plan_id, "unit": demo.unit, "status": "取消"}).text
    assert 'id="no-tasks"' in page
    assert f'<a href="/tasks?plan={demo.plan_id}" id="clear-filters">' in page


def test_pages_a_liaison_reads_name_no_operator_commands(client: TestClient, demo: Demo) -> None:
    """Before: the login page said accounts are made "用 planwatch users add", and a liaison's inbox that
    "planwatch remind 会把同样的清单发送到各单位邮箱": commands for the operator, not the liaison."""
    assert "planwatch" not in client.get("/login").text.split('<main class="page"')[1].split("</main>")[0]
    inbox = client.get("/inbox", headers=_h(demo, "editor")).text
    assert "planwatch remind" not in inbox and 'id="inbox-intro"' in inbox
    assert "planwatch remind" in client.get("/inbox", headers=_h(demo, "office")).text  # the office runs it


def test_a_visitor_keeps_the_home_pages_entry_link_which_logs_in_first(client: TestClient) -> None:
    """Not logged in, the entry link leads to the login page and back to the grid: it stays on the home page."""
    assert 'href="/entry"' in client.get("/").text
    r = client.get("/entry", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login?next=/entry"
