"""The indicator chart in Debian's headless Chromium: a line breaks across years without a value (a fresh review,
item 20: the State Council's line ran straight from 2017 to 2020 through years with no data)."""

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


def test_the_actual_line_breaks_where_years_are_missing(page, demo_engine: Engine) -> None:  # type: ignore[no-untyped-def]
    from planwatch.store.actuals import set_actual

    for year, value in ((2012, 7.0), (2013, 7.5)):  # five years before the plan's own (2018) actual
        set_actual(demo_engine, "地区生产总值", year, value, "%", government="深圳市坪山区")
    open_indicator_chart(page, demo_engine, "地区生产总值")
    found = page.evaluate(
        """() => {
            const lanes = JSON.parse(document.getElementById('series-data').textContent);
            const lane = lanes.findIndex(l => l.measure === 'growth');
            const chart = echarts.getInstanceByDom(document.getElementById('chart-' + lane));
            const option = chart.getOption();
            const index = option.series.findIndex(s => s.type === 'line' && s.name.endsWith('实际值'));
            const line = option.series[index];
            const last = line.data.length - 1;
            const tip = option.tooltip[0].formatter({seriesIndex: index, dataIndex: last, seriesName: line.name,
                                                    value: line.data[last]});
            const shown = chart.getModel().getSeriesByIndex(index).getData();
            return {data: line.data, connect: line.connectNulls, tip: tip, empty: shown.count() - shown.mapArray(
                shown.mapDimension('y'), v => v).filter(v => v === v && v !== null).length};
        }"""
    )
    data = found["data"]
    assert [2012, 7] in data and [2013, 7.5] in data
    gap = data.index([2013, 7.5]) + 1
    assert data[gap][1] is None and data[gap][0] == 2014  # the line stops after 2013
    assert data[gap + 1][0] >= 2015 and found["connect"] is False and found["empty"] == 1
    full = [x for x, y in data if y is not None]
    assert all(b - a == 1 or any(x == a + 1 and y is None for x, y in data) for a, b in zip(full, full[1:], strict=False))
    assert str(data[-1][0]) in found["tip"]  # a point's tooltip still finds it past the gap
    shot(page, "indicator-line-gaps")
