"""Search through indicator aliases, record hits with year and value (issue 10 part 4)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from .conftest import Demo


def test_gdp_finds_the_regional_gdp_records(client: TestClient, demo: Demo) -> None:
    """"GDP" found nothing: the Pingshan plan writes 地区生产总值, and search ignored the registry's aliases."""
    data = client.get("/api/search", params={"q": "GDP"}).json()
    assert any(i["title"] == "地区生产总值" for i in data["indicators"])
    titles = {h["title"] for h in data["records"]}
    assert any("地区生产总值" in t for t in titles), titles
    gdp = next(h for h in data["records"] if h["title"].startswith("地区生产总值") and h["value"] == 7e10)
    assert gdp["year"] == 2018 and gdp["unit"] == "元"


def test_record_hits_show_year_and_value(client: TestClient, demo: Demo) -> None:
    html = client.get("/search", params={"q": "地区生产总值"}).text
    assert "700 亿元" in html and "2019 ·" in html
    assert 'id="search-indicators"' in html


def test_words_that_name_no_indicator_search_as_before(client: TestClient, demo: Demo) -> None:
    data = client.get("/api/search", params={"q": "学位"}).json()
    assert data["indicators"] == [] and data["records"]
