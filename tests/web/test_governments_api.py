"""A provincial office comparing its counties (review ux4, items 8 and 18): README sent scripts to /api/governments
(404), and /api/targets ignored `government=` (every government's targets, the filter echoed without it). Now the
governments are listed with their ids, level and parent, and targets and assessments are filtered by government (id
or name), level and parent, on the pages as in their JSON. The county plans are short texts written for these tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from .conftest import make_client

PLAN = """{name}{year}年国民经济和社会发展计划

一、{last}年计划执行情况

全县地区生产总值完成{level}亿元，增长{actual}%。

二、{year}年主要预期目标

地区生产总值增长6%左右，一般公共预算收入增长5%。
"""


@pytest.fixture
def counties(engine: Engine, tmp_path: Path) -> Iterator[tuple[TestClient, dict[str, int]]]:
    """国务院 2016 and 2017 (bundled), two counties of 昆明市 (2024 and 2025 each); the governments' ids by name."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from planwatch.cli.demo import example_paths
    from planwatch.documents import load
    from planwatch.pipeline import ingest_document
    from planwatch.store.schema import Government

    for path in example_paths()[:2]:
        ingest_document(engine, load(path))
    for i, county in enumerate(("宜良县", "嵩明县")):
        for year in (2024, 2025):
            path = tmp_path / f"c{i}-{year}.txt"
            path.write_text(PLAN.format(name=county, year=year, last=year - 1, level=180 + i * 10 + year - 2024,
                                        actual=6.2 - i), encoding="utf-8")
            ingest_document(engine, load(path), government=f"昆明市{county}", year=year)
    with Session(engine) as session:
        ids = {g.name: g.id for g in session.scalars(select(Government))}
    with make_client(engine) as client:
        yield client, ids


def test_the_governments_are_listed_with_ids_level_and_parent(counties: tuple[TestClient, dict[str, int]]) -> None:
    client, ids = counties
    answer = client.get("/api/governments")
    assert answer.status_code == 200, answer.text
    data = answer.json()
    listed = {g["name"]: g for g in data["governments"]}
    assert set(listed) == {"国务院", "昆明市", "昆明市宜良县", "昆明市嵩明县"} and data["total"] == 4
    assert listed["昆明市宜良县"] == {"id": ids["昆明市宜良县"], "name": "昆明市宜良县", "level": "county",
                                    "parent_id": ids["昆明市"], "parent": "昆明市", "plans": 2, "aliases": []}
    assert listed["昆明市"]["plans"] == 0 and listed["国务院"]["level"] == "national"
    counties_only = client.get("/api/governments", params={"level": "county"}).json()
    assert [g["name"] for g in counties_only["governments"]] == ["昆明市宜良县", "昆明市嵩明县"]
    under = client.get("/api/governments", params={"parent": "昆明市"}).json()
    assert {g["name"] for g in under["governments"]} == {"昆明市宜良县", "昆明市嵩明县"}
    second = client.get("/api/governments", params={"size": 1, "page": 2}).json()
    assert len(second["governments"]) == 1 and second["paging"]["pages"] == 4 and second["total"] == 4
    assert client.get("/api/governments", params={"level": "village"}).status_code == 422
    assert client.get("/api/governments", params={"parent": "曲靖市"}).status_code == 404
    assert "/api/governments" in client.get("/openapi.json").json()["paths"]


def _governments_of(rows: list[dict[str, object]], ids: dict[str, int]) -> set[str]:
    names = {v: k for k, v in ids.items()}
    return {names[int(str(r["government_id"]))] if "government_id" in r else str(r["government"]) for r in rows}


def test_targets_are_filtered_by_government_level_and_parent(counties: tuple[TestClient, dict[str, int]]) -> None:
    """`government=ID` gave every government's targets; by id, name, level and parent each gives its own."""
    client, ids = counties
    everything = client.get("/api/targets", params={"size": 1000}).json()
    assert len(_governments_of(everything["records"], ids)) == 3
    one = client.get("/api/targets", params={"government": ids["昆明市宜良县"], "size": 1000}).json()
    assert _governments_of(one["records"], ids) == {"昆明市宜良县"} and one["paging"]["total"] == 4
    assert one["filters"]["government"] == str(ids["昆明市宜良县"])
    by_name = client.get("/api/targets", params={"government": "昆明市宜良县", "size": 1000}).json()
    assert [r["id"] for r in by_name["records"]] == [r["id"] for r in one["records"]]
    for params in ({"level": "county"}, {"parent": "昆明市"}, {"parent": str(ids["昆明市"]), "level": "county"}):
        rows = client.get("/api/targets", params={**params, "size": 1000}).json()["records"]
        assert _governments_of(rows, ids) == {"昆明市宜良县", "昆明市嵩明县"}, params
    assert client.get("/api/targets", params={"level": "national"}).json()["paging"]["total"] > 10
    assert client.get("/api/targets", params={"government": "宜良"}).status_code == 404  # never every government's
    assert client.get("/api/targets", params={"level": "town"}).status_code == 422
    page = client.get("/targets", params={"government": "昆明市嵩明县"}).text
    assert 'name="government" value="昆明市嵩明县"' in page and '<select name="level">' in page
    assert page.count('class="indicator-name"') == 4  # its four targets, not the State Council's
    csv_rows = client.get("/targets.csv", params={"level": "county"}).text.strip().splitlines()
    assert len(csv_rows) == 1 + 8


def test_assessments_are_filtered_by_level_and_parent(counties: tuple[TestClient, dict[str, int]]) -> None:
    client, ids = counties
    rows = client.get("/api/assessments", params={"parent": "昆明市", "size": 1000}).json()["assessments"]
    assert {r["government"] for r in rows} == {"昆明市宜良县", "昆明市嵩明县"}
    met = {(r["government"], r["year"], r["indicator"]): r["status"] for r in rows}
    assert met[("昆明市宜良县", 2024, "地区生产总值")] == "met" and met[("昆明市嵩明县", 2024, "地区生产总值")] == "missed"
    by_id = client.get("/api/assessments", params={"government": ids["昆明市嵩明县"], "size": 1000}).json()
    assert {r["government"] for r in by_id["assessments"]} == {"昆明市嵩明县"} and by_id["scope"]["newest"] is False
    national = client.get("/api/assessments", params={"level": "national", "size": 1000}).json()["assessments"]
    assert {r["government"] for r in national} == {"国务院"}
    assert client.get("/api/assessments", params={"government": "宜良"}).status_code == 404
    page = client.get("/assessments", params={"level": "county"}).text
    assert "昆明市宜良县" in page and "昆明市嵩明县" in page and "国务院" not in page.split('id="assessments"', 1)[1]
