"""The supervision cycle (督办) in a real browser (Debian's Chromium via Playwright), end to end.

The planning office assigns a task, the unit's liaison reports with a file (asking for sign-off),
the office sends it back with a reason, the liaison reports again, the office signs it off and the
task list's statistics change; a reporting round is opened, and `planwatch remind` delivers the
reminder e-mail to a local SMTP server (aiosmtpd). 我的任务 is checked at 390 px wide.
Screenshots of the new pages go to ``test-artifacts/`` with ``make screenshots``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from cli_support import run
from smtp_support import smtp_server

from .conftest import PASSWORD, Demo
from .test_browser import browser, server, shot  # noqa: F401  (fixtures shared with the other browser tests)

pytestmark = [pytest.mark.browser]

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def open_as(browser, server: str) -> Iterator[object]:  # noqa: F811  # type: ignore[no-untyped-def]
    """open_as(user, width=1366) → a logged-in tab in its own browser context."""
    contexts = []
    errors: list[str] = []

    def login(username: str, width: int = 1366):  # type: ignore[no-untyped-def]
        context = browser.new_context(base_url=server, viewport={"width": width, "height": 900}, locale="zh-CN")
        contexts.append(context)
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        tab.goto("/login?next=/my/tasks")
        tab.fill("input[name=username]", username)
        tab.fill("input[name=password]", PASSWORD)
        tab.click("#login-form button[type=submit]")
        tab.wait_for_url("**/my/tasks")
        return tab

    yield login
    for context in contexts:
        context.close()
    assert not errors, f"JavaScript errors: {errors}"




def _signed_off(tab) -> int:  # type: ignore[no-untyped-def]
    tab.goto("/tasks")
    return int(tab.locator("#summary-total [data-f=completed]").inner_text())


def _report(tab, task_id: int, text: str, file_name: str) -> None:  # type: ignore[no-untyped-def]
    tab.goto(f"/tasks/{task_id}")
    form = tab.locator("#report form")
    form.locator("select[name=status]").select_option("已完成")
    form.locator("input[name=progress]").fill("100")
    form.locator("textarea[name=evidence]").fill(text)
    form.locator("input[name=files]").set_input_files(files=[{"name": file_name, "mimeType": "application/pdf", "buffer": PDF}])
    form.locator("button[type=submit]").click()
    tab.wait_for_url(f"**/tasks/{task_id}?saved=request*")
    assert "已向督办部门申请销号" in tab.locator("#saved").inner_text()
    assert "联络员" in tab.locator("#saved").inner_text()  # the display name, not the login
    assert "待销号" in tab.locator("#task-facts [data-f=status]").inner_text()


def test_supervision_cycle_in_the_browser(open_as, demo: Demo, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    office = open_as("office")
    before = _signed_off(office)
    office.wait_for_selector("#unit-summary")
    assert "截至" in office.locator("#as-of").inner_text()
    assert office.locator(".task-row").count() <= 40  # paged, not one 17,600-pixel page
    shot(office, "tasks-summary", full=False)

    # 1. the office assigns the task: lead unit, a co-unit, deadline; and adds a milestone
    office.goto(f"/tasks/{demo.task_id}")
    office.select_option("#assign-unit", demo.unit)
    co_unit = office.locator("#assign-co option").nth(0).get_attribute("value")
    if co_unit == demo.unit:
        co_unit = office.locator("#assign-co option").nth(1).get_attribute("value")
    office.select_option("#assign-co", [co_unit])
    office.fill("#assign-deadline", "2030-09-30")
    office.click("#assign-form button[type=submit]")
    office.wait_for_url("**saved=assign*")
    facts = office.locator("#task-facts")
    assert demo.unit in facts.locator("[data-f=unit]").inner_text() and "建议" not in facts.locator("[data-f=unit]").inner_text()
    assert co_unit in facts.locator("[data-f=co_units]").inner_text()
    office.fill("#milestone-form input[name=title]", "完成立项")
    office.fill("#milestone-form input[name=due]", "2030-06-30")
    office.click("#milestone-form button[type=submit]")
    office.wait_for_url("**saved=milestone*")
    assert "完成立项" in office.locator("#milestones").inner_text()

    # 2. the liaison reports with a file, asking for sign-off (on a phone-sized screen first: 我的任务)
    phone = open_as("editor", width=390)
    card = phone.locator(f"#t-{demo.task_id}")
    assert card.count() == 1
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 392, f"我的任务 overflows a 390-px screen ({width}px)"
    shot(phone, "my-tasks-phone", full=False)
    editor = open_as("editor")
    _report(editor, demo.task_id, "项目已竣工，附验收报告", "验收报告.pdf")
    assert _signed_off(editor) == before  # a request does not count as completed
    editor.goto(f"/tasks/{demo.task_id}")
    link = editor.locator("a.evidence-file").first
    assert link.inner_text() == "验收报告.pdf"
    fetched = editor.request.get(link.get_attribute("href"))
    assert fetched.status == 200 and fetched.body() == PDF

    # 3. the office sends it back with a reason
    office.goto("/inbox")
    assert office.locator(f"#awaiting a[href='/tasks/{demo.task_id}#review']").count() == 1
    shot(office, "inbox", full=False)
    office.goto(f"/tasks/{demo.task_id}")
    shot(office, "task-review")
    office.fill("#return-form textarea[name=reason]", "缺少竣工验收备案表")
    office.click("#return-form button[type=submit]")
    office.wait_for_url("**saved=return*")
    assert "已退回" in office.locator("#task-facts [data-f=status]").inner_text()

    # 4. the liaison sees the reason and reports again
    editor.goto(f"/tasks/{demo.task_id}")
    assert "缺少竣工验收备案表" in editor.locator("#report").inner_text()
    _report(editor, demo.task_id, "补充竣工验收备案表", "备案表.pdf")

    # 5. the office signs it off: the statistics change
    office.goto(f"/tasks/{demo.task_id}")
    office.once("dialog", lambda dialog: dialog.accept())  # 同意销号 asks first
    office.click("#approve-form button[type=submit]")
    office.wait_for_url("**saved=approve*")
    assert "已完成" in office.locator("#task-facts [data-f=status]").inner_text()
    history = office.locator("#history").inner_text()
    for step in ("申请销号", "已退回", "已销号", "交办", "督办科", "联络员"):
        assert step in history, step
    shot(office, "task-history")
    assert _signed_off(office) == before + 1

    # 6. a reporting round and its reminder e-mail through a real SMTP server; only a task assigned to the unit is its
    # to report on (review ux2 #5): the office assigns it one more from those only suggested to it, on the list
    from urllib.parse import quote

    office.goto(f"/tasks?plan={demo.plan_id}&unit={quote(demo.unit)}&assigned=false")
    picked = office.locator("input[name=task_ids]").first
    picked_id = int(picked.get_attribute("value") or 0)
    assert "建议" in office.locator(f"#t-{picked_id}").inner_text()
    picked.check()
    office.select_option("#bulk-unit", demo.unit)
    office.click("#bulk-form button[type=submit]")
    office.wait_for_url("**saved=assign*")
    office.goto("/inbox")
    office.select_option("#contact-form select[name=unit]", demo.unit)
    office.fill("#contact-form input[name=email]", "liaison@unit.example")
    office.click("#contact-form button[type=submit]")
    office.wait_for_url("**saved=contact*")
    office.goto("/rounds")
    office.fill("#round-form input[name=title]", "12月进展报送")
    office.fill("#round-form input[name=due]", "2030-12-31")
    office.click("#round-form button[type=submit]")
    office.wait_for_url("**saved=round*")
    assert "12月进展报送" in office.locator(".round").first.inner_text()
    shot(office, "rounds")
    from planwatch.settings import get_settings

    with smtp_server() as mailbox:
        monkeypatch.setenv("PLANWATCH_SMTP_HOST", mailbox.host)
        monkeypatch.setenv("PLANWATCH_SMTP_PORT", str(mailbox.port))
        # the address units reach the dashboard at: remind sends nothing with links to 127.0.0.1 (review ux4 #7)
        monkeypatch.setenv("PLANWATCH_DASHBOARD_URL", "https://planwatch.example.gov.cn")
        get_settings.cache_clear()
        code, out, err = run(capsys, "remind")
        get_settings.cache_clear()
    assert code == 0, err
    assert [to for to, _m in mailbox.received] == [["liaison@unit.example"]]
    body = mailbox.received[0][1].get_content()
    assert "12月进展报送" in body and demo.unit in body
    assert f"https://planwatch.example.gov.cn/tasks/{picked_id}" in body and "1 项任务待办" in mailbox.received[0][1]["Subject"]

