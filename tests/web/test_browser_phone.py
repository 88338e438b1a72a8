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
    _browser.shot(page, f"phone-targets-{lang}", full=False)


def test_targets_stay_a_table_on_a_laptop(page, demo: Demo) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/targets")
    assert page.eval_on_selector("#targets-table", "t => getComputedStyle(t).display") == "table"
    assert page.locator("#targets-table thead").is_visible()


# review 2026-12-06 item 14: the years of an indicator's chart ran together on a phone ("2015201620172018…"), and
# the task list's summary by unit was cut at the right edge (已销号 out of sight, no cue to scroll)
_YEAR_LABELS = """el => {
    const chart = echarts.getInstanceByDom(el), axis = chart.getModel().getComponent("xAxis", 0).axis;
    const ctx = document.createElement("canvas").getContext("2d");
    ctx.font = "12px sans-serif";
    return axis.getViewLabels().filter(l => l.formattedLabel).map(l => ({text: l.formattedLabel,
        width: ctx.measureText(l.formattedLabel).width, x: axis.toGlobalCoord(axis.dataToCoord(Number(l.formattedLabel)))}));
}"""


def _gdp_over_the_years(engine) -> int:  # type: ignore[no-untyped-def]
    """地区生产总值's id, with a growth actual of 深圳市坪山区 for each year 2010–2024 (the review's chart spanned 2014–2024)."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from planwatch.store.actuals import set_actual
    from planwatch.store.schema import Indicator

    for year in range(2010, 2025):
        set_actual(engine, "地区生产总值", year, 6.0 + (year % 4) / 2, "%", government="深圳市坪山区", who="tests")
    with Session(engine) as session:
        found = session.scalar(select(Indicator.id).where(Indicator.name == "地区生产总值"))
        assert found is not None
        return found


@pytest.mark.parametrize("width", [390, 1280])
def test_chart_years_do_not_run_together(page, demo: Demo, demo_engine, width: int) -> None:  # type: ignore[no-untyped-def]
    indicator = _gdp_over_the_years(demo_engine)
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"/indicators/{indicator}")
    page.wait_for_selector("#chart-0[data-drawn='1']")
    labels = page.eval_on_selector("#chart-0", _YEAR_LABELS)
    assert len(labels) >= 3, labels
    for left, right in zip(labels, labels[1:], strict=False):
        gap = right["x"] - left["x"] - (left["width"] + right["width"]) / 2
        assert gap >= 4, (left, right)  # 4 px between two years at least
    if width == 1280:
        steps = {int(b["text"]) - int(a["text"]) for a, b in zip(labels, labels[1:], strict=False)}
        assert steps == {1}, steps  # where there is room, every year is labelled
    _browser.shot(page, f"phone-indicator-{width}", full=False)


def test_the_task_summary_fits_a_390_pixel_phone(page, demo: Demo) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/tasks?plan={demo.plan_id}")
    cells = page.eval_on_selector_all("#unit-summary tbody td, #unit-summary tfoot th",
                                      "cells => cells.map(c => c.getBoundingClientRect().right)")
    assert cells and max(cells) <= 390
    signed = page.locator("#summary-total [data-f=completed]")
    label = signed.evaluate("el => getComputedStyle(el, '::before').content")
    assert signed.is_visible() and label.startswith('"已销号')  # each count after its label
    assert page.evaluate("document.documentElement.scrollWidth") <= 392
    _browser.shot(page, "phone-task-summary", full=False)
