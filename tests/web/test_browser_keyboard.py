"""Keyboard users step through the plan, government and filter lists (review ux4 item 15: in Chromium the first arrow
key in /?plan=4's plan list loaded /?plan=3 and left the focus on BODY; the same on the indicator page's government
list, /targets' 类别 and the task filters, because autosubmit.js, tasks.js and app.js submitted on every `change`).

Arrow keys move through the options without loading anything; Enter (or the form's button) applies the choice and
the page that comes back has the focus on the same list; a choice made with the mouse still applies at once."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from . import test_browser as _browser
from .conftest import Demo
from .test_browser import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"),
]

server, browser, page = _browser.server, _browser.browser, _browser.page  # the browser tests' fixtures


def _step_then_apply(page, path: str, selector: str, name: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(path)
    before_url, before_value = page.url, page.eval_on_selector(selector, "s => s.value")
    page.focus(selector)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(400)  # a submission would have started by now
    chosen = page.eval_on_selector(selector, "s => s.value")
    assert chosen != before_value, f"{path}: the arrow keys did not move through {selector}"
    assert page.url == before_url, f"{path}: an arrow key loaded {page.url}"
    assert page.evaluate(f"document.activeElement.matches({selector!r})")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert f"{name}={quote(chosen)}" in page.url
    assert page.eval_on_selector(selector, "s => s.value") == chosen
    assert page.evaluate(f"document.activeElement.matches({selector!r})"), \
        f"{path}: the focus is on {page.evaluate('document.activeElement.outerHTML.slice(0, 80)')} after the reload"


def test_the_plan_list_steps_with_arrows_and_applies_on_enter(page, demo: Demo, newer_plan: int) -> None:  # type: ignore[no-untyped-def]
    _step_then_apply(page, f"/?plan={newer_plan}", "#plan-select", "plan")


def test_target_filters_step_with_arrows(page, demo: Demo) -> None:  # type: ignore[no-untyped-def]
    _step_then_apply(page, f"/targets?plan={demo.plan_id}", "#target-filters select[name=kind]", "kind")


def test_task_filters_step_with_arrows(page, demo: Demo) -> None:  # type: ignore[no-untyped-def]
    _step_then_apply(page, f"/tasks?plan={demo.plan_id}", "#task-status", "status")


def test_a_choice_with_the_mouse_still_applies_at_once(page, demo: Demo) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"/tasks?plan={demo.plan_id}")
    value = page.eval_on_selector("#task-status", "s => s.options[2].value")
    with page.expect_navigation():
        page.select_option("#task-status", value)
    assert f"status={quote(value)}" in page.url
    page.goto(f"/targets?plan={demo.plan_id}")
    kind = page.eval_on_selector("#target-filters select[name=kind]", "s => s.options[1].value")
    with page.expect_navigation():
        page.select_option("#target-filters select[name=kind]", kind)
    assert f"kind={kind}" in page.url


def test_the_choosers_have_a_visible_button(page, demo: Demo, newer_plan: int) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"/?plan={newer_plan}")
    assert page.locator("#plan-show").is_visible()
    assert page.locator("#plan-show").inner_text() == "查看"


def test_links_in_text_are_underlined_and_the_first_tab_skips_to_the_content(page, demo: Demo) -> None:  # type: ignore[no-untyped-def]
    """Review ux4 item 19: links in running text were told from it by colour alone (1.81:1), and 8 header links came
    before the content on every page."""
    page.goto(f"/?plan={demo.plan_id}")
    assert page.eval_on_selector("main p a", "a => getComputedStyle(a).textDecorationLine") == "underline"
    assert page.eval_on_selector("nav.nav a", "a => getComputedStyle(a).textDecorationLine") == "none"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").inner_text() == "跳到正文"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
