"""The layout at a 1280-px laptop screen in Debian's headless Chromium: one row of navigation for an administrator,
the targets' filters and downloads on one row, numbers and their headers aligned alike (review of the pages)."""

from __future__ import annotations

import pytest

from . import test_browser as _browser
from .conftest import Demo
from .test_browser import CHROMIUM
from .test_browser_entry import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"),
]

server, browser, page = _browser.server, _browser.browser, _browser.page  # the browser tests' fixtures


def _tops(page, selector: str) -> set[int]:  # type: ignore[no-untyped-def]
    return set(page.eval_on_selector_all(selector, "els => els.map(e => Math.round(e.getBoundingClientRect().top))"))


def test_an_administrators_navigation_is_one_row_at_1280_pixels(page, demo: Demo) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "admin")
    page.set_viewport_size({"width": 1280, "height": 900})
    for path in ("/audit", "/targets", "/admin/users"):
        page.goto(path)
        assert len(_tops(page, "nav.nav a")) == 1, f"{path}: the navigation wraps"
    page.goto("/audit")  # the audit log is the administration's last tab, and the administration is lit
    assert page.locator("nav.nav a.active").inner_text() == "系统管理"
    assert page.locator("nav.subnav a.active[href='/audit']").count() == 1


def test_targets_downloads_share_the_filters_row_at_1280_pixels(page, demo: Demo) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/targets")
    assert len(_tops(page, "#filter-button, #download-csv, #download-xlsx")) == 1


def test_unit_summary_headers_and_totals_align_with_their_numbers(page, demo: Demo) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "admin")
    page.goto("/tasks")
    aligns = page.eval_on_selector_all("#unit-summary .num", "els => els.map(e => getComputedStyle(e).textAlign)")
    assert aligns and set(aligns) == {"right"}
    heads = page.eval_on_selector_all("#unit-summary thead th, #summary-total th",
                                      "els => els.map(e => getComputedStyle(e).textAlign)")
    assert heads[0] == "left" and heads.count("right") == 16  # eight counts (逾期完成, 未督办, 待交办 added), head and total


def test_the_english_navigation_is_one_row_at_1280_pixels(page, demo: Demo) -> None:  # type: ignore[no-untyped-def]
    """English words are longer than Chinese ones: the administrator's header must still fit one row (it wrapped)."""
    log_in(page, "admin")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/audit")
    height = page.eval_on_selector(".topbar", "e => e.getBoundingClientRect().height")  # the Chinese header: one row
    for path in ("/audit?lang=en", "/targets", "/admin/users", "/tasks"):
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == "en"
        assert len(_tops(page, "nav.nav a")) == 1, f"{path}: the navigation wraps"
        assert page.eval_on_selector(".topbar", "e => e.getBoundingClientRect().height") == height, f"{path}: the header wraps"
