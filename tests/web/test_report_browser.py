"""The evaluation page in headless Chromium: the radar is drawn by a static script (no inline script), the rule shows on hover."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from planwatch.store.schema import Plan

from .conftest import Demo
from .test_browser import CHROMIUM, browser, page, server, shot  # noqa: F401  (the browser fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"),
]


@pytest.fixture
def national(demo_engine: Engine) -> dict[int, int]:
    """The State Council's 2016–2018 reports added to the demo (each judged by the next): their plan ids by year.

    The 2016 report has data for 3 of the 6 dimensions, 2017's for 2 (their tasks, all overdue, count as not done)."""
    from planwatch.cli.demo import example_paths
    from planwatch.documents import load
    from planwatch.pipeline import ingest_document

    results = [ingest_document(demo_engine, load(path)) for path in example_paths()]
    with Session(demo_engine) as session:
        return {session.get(Plan, r.plan_id).year: r.plan_id for r in results}  # type: ignore[union-attr]


def test_evaluation_radar_is_drawn_and_rules_show_on_hover(page, demo: Demo, national: dict[int, int]) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    blocked: list[str] = []
    page.on("console", lambda msg: blocked.append(msg.text) if "Content Security Policy" in msg.text else None)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))  # a dimension without data is "-", not 0
    page.goto(f"/plans/{national[2016]}")
    page.locator(f"a[href='/plans/{national[2016]}/evaluation']").click()
    page.wait_for_selector("#evaluation-radar[data-drawn='1'] canvas")  # a selector: no eval under the CSP
    painted = page.evaluate(
        """() => {
            const canvas = document.querySelector('#evaluation-radar canvas');
            const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            let inked = 0;
            for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0) inked++;
            return inked;
        }"""
    )
    assert painted > 500, "the radar canvas is blank"
    title = page.locator("#evaluation-table td[title]:not(.num)").first.get_attribute("title")  # an item's rule
    assert title and title.startswith("评分规则")
    assert not blocked, blocked
    assert not errors, errors
    shot(page, "evaluation")


def _radar_option(tab) -> dict[str, list[object]]:  # type: ignore[no-untyped-def]
    """What ECharts was given: the radar's axis names and the series' values."""
    return tab.evaluate(
        """() => {
            const option = echarts.getInstanceByDom(document.getElementById('evaluation-radar')).getOption();
            return {axes: option.radar[0].indicator.map(a => a.name), values: option.series[0].data[0].value};
        }"""
    )


def test_the_radar_has_axes_only_for_dimensions_with_data(page, demo: Demo, demo_engine: Engine,  # type: ignore[no-untyped-def]  # noqa: F811
                                                          national: dict[int, int], tmp_path: Path) -> None:
    from planwatch.documents import load
    from planwatch.pipeline import ingest_document

    # ECharts draws an empty value ("-") at the centre: the polygon dipped to it for each dimension without data
    # and a plan without data showed a lone dot; now such a dimension has no axis and is listed as 暂无数据
    # no data at all: a plan of next year's whose tasks are not due yet (overdue ones count as not done), no targets
    plan = tmp_path / "next-year-plan.txt"
    plan.write_text(f"{date.today().year + 1}年某区国民经济和社会发展计划\n一、主要任务\n（一）推进城市更新。加快推进老旧小区改造，"
                    "完善社区服务设施。\n（二）办好民生实事。新建一批公办幼儿园，扩大优质教育资源供给。\n", encoding="utf-8")
    empty = ingest_document(demo_engine, load(plan), government="某区", year=date.today().year + 1,
                            extract=lambda text, doc="doc": []).plan_id
    partial, few = national[2016], national[2017]
    evaluations = {p: page.request.get(f"/api/plans/{p}/evaluation").json() for p in (partial, few, empty)}
    with_data = {p: [d for d in e["dimensions"] if d["scored"]] for p, e in evaluations.items()}
    assert 3 <= len(with_data[partial]) < len(evaluations[partial]["dimensions"])
    assert 0 < len(with_data[few]) < 3 and not with_data[empty]

    page.goto(f"/plans/{partial}/evaluation")
    page.wait_for_selector("#evaluation-radar[data-drawn='1'] canvas")
    radar = evaluations[partial]["radar"]
    assert None in radar["scores"]  # the JSON keeps null for no data
    option = _radar_option(page)
    assert option["axes"] == [n for n, s in zip(radar["names"], radar["scores"], strict=True) if s is not None]
    assert option["values"] == [s for s in radar["scores"] if s is not None]
    assert all(isinstance(v, (int, float)) for v in option["values"]), option  # no "-" drawn at the centre
    missing = [d["name"] for d in evaluations[partial]["dimensions"] if not d["scored"]]
    assert page.locator("#radar-missing").inner_text() == "暂无数据: " + "、".join(missing)
    assert page.locator("#radar-absent").count() == 0

    for plan, words in ((few, f"仅 {len(with_data[few])}/{len(evaluations[few]['dimensions'])} 个维度有数据，不足 3 个，不画雷达图"),
                        (empty, "各维度均暂无数据，不画雷达图")):
        page.goto(f"/plans/{plan}/evaluation")
        page.wait_for_load_state("load")
        assert page.locator("#evaluation-radar").count() == 0 and page.locator(".radar canvas").count() == 0
        assert page.locator("#radar-absent").inner_text() == words
    assert page.locator("#radar-missing").count() == 0  # no data at all: the sentence says it for every dimension
    shot(page, "evaluation-no-data")
