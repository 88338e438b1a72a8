"""The dashboard in a real browser: Debian's headless Chromium driven by Playwright.

The app runs under uvicorn in a thread on a free 127.0.0.1 port over a copy of the
demo database. With ``PLANWATCH_SCREENSHOTS=1`` (``make screenshots``) each page is also saved to
``test-artifacts/``; no test reads them, so the ordinary run does not take them.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ARGS, CHROMIUM, PASSWORD, Demo  # noqa: F401  (ARGS, CHROMIUM: for the other browser modules)

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(demo_engine) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The app served by uvicorn in a thread; yields its base URL."""
    import uvicorn

    from planwatch.settings import Settings
    from planwatch.web.app import create_app

    port = _free_port()
    app = create_app(Settings(secret_key="browser-tests"), engine=demo_engine)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not uv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser(chromium: object) -> object:
    """The test process's Chromium (tests/web/conftest.py), under the name the browser tests' modules share."""
    return chromium


@pytest.fixture
def page(browser, server: str) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A fresh browser context (no cookies) with the server as base URL."""
    context = browser.new_context(base_url=server, viewport={"width": 1366, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def shot(page, name: str, full: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Save test-artifacts/<name>.png (the whole page, or the screen with `full` false) when PLANWATCH_SCREENSHOTS=1."""
    if os.environ.get("PLANWATCH_SCREENSHOTS") != "1":
        return
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full)


def open_indicator_chart(page, engine, name: str) -> None:  # type: ignore[no-untyped-def]
    """Open /indicators/{id} of the indicator `name` and wait until its first chart is drawn."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from planwatch.store.schema import Indicator

    with Session(engine) as session:
        indicator = session.scalar(select(Indicator.id).where(Indicator.name == name))
    page.goto(f"/indicators/{indicator}")
    page.wait_for_function("document.getElementById('chart-0') && "
                           "document.getElementById('chart-0').getAttribute('data-drawn') === '1'")


def test_home_page(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    assert page.locator("h1").first.inner_text().startswith("深圳市坪山区")
    assert page.locator("#headline tbody tr").count() > 0
    assert page.locator("#status-counts .stat").count() >= 5
    shot(page, "home")


def test_plan_reader_click_shows_the_record(page, demo: Demo) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"/plans/{demo.plan_id}")
    marks = page.locator("#doc-text mark.q.target")
    assert marks.count() > 5
    mark = marks.nth(2)
    mark.scroll_into_view_if_needed()
    mark.click()
    panel = page.locator("#record-detail")
    assert panel.locator("dd[data-f=quote]").inner_text().strip("“”") == mark.inner_text()
    assert panel.locator("dd[data-f=kind_label]").inner_text() == "目标"
    assert panel.locator("dd[data-f=status_badge] .badge").count() == 1
    assert "selected" in (mark.get_attribute("class") or "")
    shot(page, "plan-reader", full=False)


def test_targets_filter(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/targets")
    before = page.locator("#targets-table tbody tr").count()
    page.fill("#target-q", "学位")
    page.click("#filter-button")
    page.wait_for_url("**/targets?*q=*")
    rows = page.locator("#targets-table tbody tr")
    assert 0 < rows.count() < before
    assert all("学位" in rows.nth(i).inner_text() for i in range(rows.count()))
    page.select_option("select[name=kind]", "")
    page.wait_for_load_state("load")
    assert "kind=" in page.url
    shot(page, "targets")


def test_editor_logs_in_and_updates_a_task(page, demo: Demo) -> None:  # type: ignore[no-untyped-def]
    page.goto("/tasks")
    assert page.locator(".task-edit").count() == 0  # anonymous: no forms
    page.click("#login-link")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url("**/tasks")
    page.click("nav.nav a[href='/my/tasks']")  # 我的任务: the editor's units' tasks, each with its report form
    page.wait_for_url("**/my/tasks")
    card = page.locator(f"#t-{demo.task_id}")
    card.locator(".task-edit summary").click()
    card.locator("select[name=status]").select_option("推进中")
    card.locator("textarea[name=evidence]").fill("项目已开工建设")
    card.locator(".task-edit button[type=submit]").click()
    page.wait_for_url(f"**/my/tasks?saved=report#t-{demo.task_id}")
    assert "报送已保存" in page.locator("#saved").inner_text()
    card = page.locator(f"#t-{demo.task_id}")
    assert "推进中" in card.inner_text() and "项目已开工建设" in card.inner_text() and "联络员" in card.inner_text()
    assert page.locator(f"#t-{demo.other_task_id}").count() == 0  # not this editor's unit
    page.goto("/tasks")
    row = page.locator(f"#t-{demo.task_id}")
    assert "推进中" in row.locator(".task-status").inner_text()
    assert page.locator(f"#t-{demo.other_task_id} .report-link").count() == 0
    row.scroll_into_view_if_needed()
    shot(page, "tasks", full=False)


def test_indicator_chart_is_drawn(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    page.locator("#headline a[href^='/indicators/']").first.click()
    page.wait_for_selector("#chart-0 canvas")
    page.wait_for_function("document.getElementById('chart-0').getAttribute('data-drawn') === '1'")
    painted = page.evaluate(
        """() => {
            const canvas = document.querySelector('#chart-0 canvas');
            const ctx = canvas.getContext('2d');
            const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
            let inked = 0;
            for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0) inked++;
            return inked;
        }"""
    )
    assert painted > 500, "the chart canvas is blank"
    shot(page, "indicator")


def test_switch_language(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/targets")
    assert page.locator("nav.nav a").first.inner_text() == "首页"
    page.click("#lang-switch a[data-lang=en]")
    page.wait_for_load_state("load")
    assert page.locator("nav.nav a").first.inner_text() == "Home"
    assert page.locator("html").get_attribute("lang") == "en"
    page.goto("/")  # the choice sticks
    assert "Headline indicators" in page.content()
    shot(page, "home-en")
    page.click("#lang-switch a[data-lang=zh]")
    page.wait_for_load_state("load")
    assert page.locator("nav.nav a").first.inner_text() == "首页"


def test_search_and_upload_pages(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/search?q=学位")
    assert page.locator(".hit").count() > 2
    shot(page, "search")
    page.goto("/login?next=/upload")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url("**/upload")
    page.set_input_files("#upload-file", files=[{"name": "plan.doc", "mimeType": "application/msword",
                                                 "buffer": b"\xd0\xcf\x11\xe0 old word file"}])
    page.click("#upload-form button[type=submit]")
    message = page.locator("#upload-message")
    message.wait_for(state="visible")
    assert ".docx" in message.inner_text()
    shot(page, "upload")


def test_an_upload_without_a_government_asks_for_it_and_keeps_the_file(page) -> None:  # type: ignore[no-untyped-def]
    """Review ux2 #16: a GB18030 plan naming no government said "无法读取：内容无法读取". The page names the field to
    fill, goes to it, and the file stays chosen: filling the government and submitting again stores the plan."""
    page.goto("/login?next=/upload")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url("**/upload")
    text = "关于2027年某某计划\n\n地区生产总值增长6%左右。\n".encode("gb18030")
    page.set_input_files("#upload-file", files=[{"name": "nogov-gb.txt", "mimeType": "text/plain", "buffer": text}])
    page.click("#upload-form button[type=submit]")
    message = page.locator("#upload-message")
    message.wait_for(state="visible")
    assert "无法判断发文政府" in message.inner_text() and "无法读取" not in message.inner_text()
    assert page.get_attribute("#upload-government", "aria-invalid") == "true"
    assert page.evaluate("document.activeElement.name") == "government"
    assert page.evaluate("document.getElementById('upload-file').files.length") == 1  # still chosen
    page.fill("#upload-government", "深圳市坪山区")
    page.click("#upload-form button[type=submit]")
    page.wait_for_url("**/plans/*")


def test_an_upload_leads_to_its_plan_which_says_what_it_did(page) -> None:  # type: ignore[no-untyped-def]
    """The upload form (the script's XHR to /api/plans) opens the plan, and the page says what was stored, once;
    uploading the plan's other file again names the stored one (it used to open the plan without a word)."""
    page.goto("/login?next=/upload")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url("**/upload")
    plan = "示例区 2023 年国民经济和社会发展计划\n\n——地区生产总值增长 6%左右。\n\n——新增就业 1 万人。\n"
    for name, text in (("shili-2023.txt", plan), ("shili-2023-word.txt", plan.replace("\n\n", "\n"))):
        page.goto("/upload")
        page.set_input_files("#upload-file", files=[{"name": name, "mimeType": "text/plain", "buffer": text.encode()}])
        page.click("#upload-form button[type=submit]")
        page.wait_for_url("**/plans/*")
        said = page.locator("#uploaded")
        said.wait_for(state="visible")
        if name == "shili-2023.txt":
            assert "已存入 shili-2023.txt：" in said.inner_text()
            page.reload()
            assert page.locator("#uploaded").count() == 0
        else:
            assert "shili-2023-word.txt 与已存储的计划 shili-2023.txt 内容相同" in said.inner_text()


def test_an_administrator_deletes_a_plan_from_its_page(page, demo: Demo) -> None:  # type: ignore[no-untyped-def]
    """The plan page's 删除此计划 leads to a confirmation that says what goes; confirming lists the plans, saying which
    was deleted, and the plan is gone."""
    page.goto("/login?next=/plans/%d" % demo.plan_id)
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(f"**/plans/{demo.plan_id}")
    page.click("#plan-delete")
    page.wait_for_url(f"**/plans/{demo.plan_id}/delete")
    assert "删除将一次性移除其" in page.locator("#plan-delete").inner_text()
    if page.locator("input[name=force]").count():
        page.check("input[name=force]")
    page.click("#plan-delete-form button[type=submit]")
    page.wait_for_url("**/plans")
    assert page.locator("#deleted").inner_text().startswith("已删除计划 ")
    assert page.goto(f"/plans/{demo.plan_id}").status == 404


def test_upload_errors_are_readable(page) -> None:  # type: ignore[no-untyped-def]
    """A bad year shows the problem's words, not "[object Object]"; the network-error text is translated (audit 16)."""
    page.goto("/login?next=/upload")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url("**/upload")
    page.set_input_files("#upload-file", files=[{"name": "plan.txt", "mimeType": "text/plain",
                                                 "buffer": "2020年地区生产总值增长6%。".encode()}])
    page.fill("input[name=year]", "abc")
    page.click("#upload-form button[type=submit]")
    message = page.locator("#upload-message")
    message.wait_for(state="visible")
    text = message.inner_text()
    assert "object" not in text and "年份须为整数" in text, text
    assert message.get_attribute("data-network-error") == "上传未能送达服务器（网络错误），请重试"


def test_add_user_units_field_suggests_units_after_a_separator(page, demo: Demo) -> None:  # type: ignore[no-untyped-def]
    """The units of a new user are an <input list> (a datalist does nothing on a <textarea>), and after
    "单位、" the suggestions continue the list (audit 22)."""
    from .conftest import OTHER_UNIT

    page.goto("/login?next=/admin/users")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url("**/admin/users")
    field = page.locator("#add-user [name=units]")
    assert field.evaluate("e => e.tagName") == "INPUT" and field.get_attribute("list") == "unit-names"
    field.fill(f"{demo.unit}、")
    values = page.eval_on_selector_all("#unit-names option", "os => os.map(o => o.value)")
    assert f"{demo.unit}、{OTHER_UNIT}" in values
    assert all(v.startswith(f"{demo.unit}、") for v in values) and f"{demo.unit}、{demo.unit}" not in values
