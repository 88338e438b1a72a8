"""/targets on a 390-px phone in Debian's headless Chromium: each target reads as a block, its indicator's name on a
line of its own (the name column had shrunk to two characters a line beside the value, the actual and the quote)."""

from __future__ import annotations

import pytest

from . import test_browser as _browser
from .conftest import Demo
from .test_browser import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"),
]

server, browser, page = _browser.server, _browser.browser, _browser.page  # the browser tests' fixtures

# per row: the name cell's width, and the lines its name (the link) takes: its height over its line height
_NAMES = """rows => rows.map(row => {
    const cell = row.cells[0], name = cell.querySelector("a") || cell;  // the name column
    const style = getComputedStyle(name), line = parseFloat(style.lineHeight) || 1.2 * parseFloat(style.fontSize);
    const rects = Array.from(name.getClientRects());
    return {text: name.textContent.trim(), width: cell.getBoundingClientRect().width,
            lines: rects.length > 1 ? rects.length : Math.round(name.getBoundingClientRect().height / line)};
})"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_target_names_are_readable_on_a_390_pixel_phone(page, demo: Demo, lang: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/targets?lang={lang}")
    names = page.eval_on_selector_all("#targets-table tbody tr", _NAMES)
    assert len(names) >= 10
    narrow = [n for n in names if n["width"] < 300 or n["lines"] > 2]
    assert not narrow, narrow[:5]
    # everything a target says stays on the screen: no column pushed past its right edge
    right = page.eval_on_selector_all("#targets-table tbody td", "cells => Math.max(...cells.map(c => c.getBoundingClientRect().right))")
    assert right <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 392
    # the sort links stay reachable
    assert page.locator("#targets-table thead a").first.is_visible()
    _browser.ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(_browser.ARTIFACTS / f"phone-targets-{lang}.png"))


def test_targets_stay_a_table_on_a_laptop(page, demo: Demo) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/targets")
    assert page.eval_on_selector("#targets-table", "t => getComputedStyle(t).display") == "table"
    assert page.locator("#targets-table thead").is_visible()
