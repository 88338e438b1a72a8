"""Defects met walking the supervision pages in a real browser (Debian's Chromium via Playwright).

A refused form low on a long page was shown again scrolled to the top, its message out of sight; closing a
round (for good) and signing a task off took one unasked click; a report written while the login ended was lost.
"""

from __future__ import annotations

import pytest

from . import test_browser as _browser
from .conftest import PASSWORD, Demo
from .test_browser import CHROMIUM
from .test_browser_entry import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"),
]

server, browser, page = _browser.server, _browser.browser, _browser.page  # the browser tests' fixtures


def _in_view(page, selector: str) -> bool:  # type: ignore[no-untyped-def]
    return bool(page.eval_on_selector(selector, "e => { const r = e.getBoundingClientRect();"
                                                "return r.top >= 0 && r.bottom <= window.innerHeight; }"))


def test_a_refused_bulk_assignment_shows_its_message_in_view(page, demo: Demo) -> None:  # type: ignore[no-untyped-def]
    """Before: the list came back at its top, the message ~1,000 px down under the unit summary: nothing seemed to happen."""
    log_in(page, "office")
    page.goto("/tasks")
    page.locator(".task-row input[type=checkbox]").first.check()
    page.fill("#bulk-form input[name=co_units]", "区火星局")
    page.click("#bulk-form button[type=submit]")
    page.wait_for_selector("#bulk-error")
    page.wait_for_function("document.readyState === 'complete'")
    assert "区火星局" in page.locator("#bulk-error").inner_text()
    assert _in_view(page, "#bulk-error")
    assert page.locator("#bulk-form input[name=co_units]").input_value() == "区火星局"  # what was typed is kept


def test_closing_a_round_and_signing_off_ask_first(page, demo: Demo) -> None:  # type: ignore[no-untyped-def]
    """Before: one click closed a round for good (there is no reopening) or signed a task off."""
    log_in(page, "office")
    page.goto("/rounds")
    page.fill("#round-form input[name=title]", "12月进展报送")
    page.fill("#round-form input[name=due]", "2030-12-31")
    page.click("#round-form button[type=submit]")
    page.wait_for_url("**saved=round*")
    asked: list[str] = []

    def dismiss(dialog) -> None:  # type: ignore[no-untyped-def]
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.click(".round form[action$='/close'] button")
    page.wait_for_timeout(300)
    assert asked and "12月进展报送" in asked[0]
    page.goto("/rounds")
    assert page.locator(".round .badge.on_track").count() == 1  # still open
    page.once("dialog", lambda dialog: dialog.accept())
    page.click(".round form[action$='/close'] button")
    page.wait_for_url("**saved=round_closed*")
    assert "报送轮次已结束" in page.locator("#saved").inner_text()
    assert page.locator(".round form[action$='/close']").count() == 0

    page.request.post(f"/api/tasks/{demo.task_id}/updates", data={"status": "已完成", "evidence": "已完工"},
                      headers={"Authorization": f"Bearer {demo.tokens['editor']}"})
    page.goto(f"/tasks/{demo.task_id}")
    asked.clear()
    page.once("dialog", dismiss)
    page.click("#approve-form button[type=submit]")
    page.wait_for_timeout(300)
    assert asked and "销号" in asked[0]
    page.goto(f"/tasks/{demo.task_id}")
    assert "待销号" in page.locator("#task-facts [data-f=status]").inner_text()  # not signed off


def test_a_report_written_while_the_login_ended_is_restored(page, demo: Demo) -> None:  # type: ignore[no-untyped-def]
    """Before: the liaison's text went with the 401 page ("请先登录", a link home). Now the page logs in back to the
    task, whose form holds the text again; saving it ends the draft."""
    log_in(page, "editor")
    page.goto(f"/tasks/{demo.task_id}")
    other = page.context.new_page()  # the login ends (here: logged out in another tab)
    other.goto("/")
    other.click("form[action='/logout'] button")
    other.wait_for_load_state()
    other.close()
    form = page.locator("#report form")
    form.locator("input[name=progress]").fill("40")
    form.locator("textarea[name=evidence]").fill("完成选址论证，召开专题会议两次")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#retry-link")
    assert "登录" in page.locator("#retry").inner_text()
    page.click("#retry-link")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(f"**/tasks/{demo.task_id}")
    form = page.locator("#report form")
    assert form.locator("textarea[name=evidence]").input_value() == "完成选址论证，召开专题会议两次"
    assert form.locator("input[name=progress]").input_value() == "40"
    assert page.locator(".draft-restored").count() == 1
    form.locator("button[type=submit]").click()
    page.wait_for_url("**saved=report*")
    page.goto("/my/tasks")  # saved: no draft comes back, here or on the task page
    assert page.locator(".draft-restored").count() == 0
    page.goto(f"/tasks/{demo.task_id}")
    assert page.locator(".draft-restored").count() == 0
    assert page.locator("#report textarea[name=evidence]").input_value() == ""
