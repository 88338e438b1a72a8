"""The plan reader: nested quantities reachable, line wraps joined (issue 10 part 4)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from .conftest import Demo


def test_every_pingshan_record_has_its_mark_nested_ones_included(client: TestClient, demo: Demo) -> None:
    """9 of the 104 Pingshan records (GDP 700 亿元 among them) sat inside a longer quote and had no mark."""
    records = client.get(f"/api/plans/{demo.plan_id}").json()["records"]
    html = client.get(f"/plans/{demo.plan_id}").text
    marked = set(re.findall(r'<mark class="q[^"]*" data-id="(\d+)"', html))
    assert {str(r["id"]) for r in records} == marked
    gdp = next(r for r in records if r["indicator"].startswith("地区生产总值") and r["value"] == 7e10)
    inner = re.search(rf'id="r-{gdp["id"]}"[^>]*>([^<]*)</mark>', html)
    assert inner and "700" in inner.group(1)
    # the mark is inside another one: it opens before the outer one closes
    outer_open = html.rfind("<mark", 0, html.index(f'id="r-{gdp["id"]}"') - 40)
    assert html.count("</mark>", outer_open, html.index(f'id="r-{gdp["id"]}"')) == 0


def test_reader_joins_the_line_wraps_the_normaliser_joins(client: TestClient, demo: Demo) -> None:
    html = client.get(f"/plans/{demo.plan_id}").text
    text = re.sub(r"<[^>]+>", "", html)
    assert "坑梓文化科技中心前期工作加快推进" in text
    assert "美丽坪山建设加快推进" in text
    assert "坑梓文化科技\n" not in text
    assert "\n\n（二）总体" in text or "（二）总体" in text  # real paragraph breaks stay
