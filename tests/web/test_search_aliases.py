"""Search through indicator aliases, record hits with year and value (issue 10 part 4)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

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


def test_a_named_indicator_finds_its_records_whatever_their_wording(client: TestClient, demo: Demo,
                                                                   demo_engine: Engine) -> None:
    """"GDP" names 地区生产总值, yet found only records quoting 地区生产总值: none of the State Council's
    国内生产总值 records that the indicator's page lists. Record hits now name their government too."""
    from planwatch.documents import bundled_plan_path, load
    from planwatch.pipeline import ingest_document
    from planwatch.store.schema import Record

    example = bundled_plan_path().parent / "examples" / "national-gwr-2018.txt"
    plan_id = ingest_document(demo_engine, load(example)).plan_id
    data = client.get("/api/search", params={"q": "GDP"}).json()
    (gdp,) = [i["id"] for i in data["indicators"] if i["title"] == "地区生产总值"]
    with Session(demo_engine) as session:
        national = set(session.scalars(select(Record.id).where(Record.plan_id == plan_id, Record.indicator_id == gdp)))
    assert national, "the 2018 report's 国内生产总值 records belong to 地区生产总值"
    found = {h["id"]: h for h in data["records"]}
    assert national <= set(found), "every record of the indicator, by its id"
    assert {found[i]["government"] for i in national} == {"国务院"}
    assert all(h["government"] for h in data["records"])  # was null for every hit
    assert any(h["government"] == "深圳市坪山区" and h["title"].startswith("地区生产总值") for h in data["records"])
    assert "国务院 · 2018" in client.get("/search", params={"q": "GDP"}).text


def test_several_terms_still_need_every_term(client: TestClient, demo: Demo) -> None:
    """Only a query that is the indicator's name or alias adds its records: with a second term every hit holds it."""
    data = client.get("/api/search", params={"q": "GDP 左右"}).json()
    assert data["records"] and all("左右" in h["snippet"]["before"] + h["snippet"]["hit"] + h["snippet"]["after"]
                                   for h in data["records"])
