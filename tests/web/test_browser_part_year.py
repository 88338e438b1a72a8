"""The indicator chart in Debian's headless Chromium: a half-year actual is a labelled point of its own (2019年上半年)
inside its year, never joined by the actual line to the full-year values (it sat at 2018.5 on that line)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from . import test_browser as _browser
from .test_browser import CHROMIUM, open_indicator_chart, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"),
]
server, browser, page = _browser.server, _browser.browser, _browser.page  # the browser tests' fixtures


def test_a_half_year_actual_is_drawn_apart_in_its_year(page, demo_engine: Engine) -> None:  # type: ignore[no-untyped-def]
    from planwatch.store.actuals import set_actual

    set_actual(demo_engine, "地区生产总值", 2018, 8.0, "%", government="深圳市坪山区")
    set_actual(demo_engine, "地区生产总值", 2019, 9.0, "%", government="深圳市坪山区", period="H1")
    open_indicator_chart(page, demo_engine, "地区生产总值")
    found = page.evaluate(
        """() => {
            const lanes = JSON.parse(document.getElementById('series-data').textContent);
            const lane = lanes.findIndex(l => l.measure === 'growth');
            const chart = echarts.getInstanceByDom(document.getElementById('chart-' + lane));
            const option = chart.getOption();
            const series = option.series.map(s => ({name: s.name, type: s.type, data: s.data}));
            const part = option.series.findIndex(s => s.name.endsWith('年内部分时期实际值'));
            const tip = option.tooltip[0].formatter({seriesIndex: part, dataIndex: 0, seriesName: option.series[part].name,
                                                    value: option.series[part].data[0]});
            return {series, part, tip};
        }"""
    )
    line = next(s for s in found["series"] if s["name"].endswith("实际值") and s["type"] == "line")
    assert [2018, 8] in line["data"] and all(x == int(x) for x, _y in line["data"])  # full years only on the line
    part = found["series"][found["part"]]
    assert part["type"] == "scatter" and part["data"] == [[2018.75, 9]]  # inside 2019's tick, before it
    assert found["tip"].startswith(part["name"] + " 2019年上半年: 9%")
    shot(page, "indicator-part-year")
