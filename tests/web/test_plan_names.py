"""Pages name a plan so readers can tell it apart (government, year, title: `labels.plan_label`), and cite evidence
by its plan's name, not its file's stem; the JSON keeps the stem (review of the plan lists and record pages)."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, update

from .conftest import Demo

EXAMPLES = ("national-gwr-2017.txt", "national-gwr-2018.txt")


def _national_reports(engine: Engine) -> dict[int, int]:
    """Ingest the bundled State Council reports of 2017 and 2018 (both titled 政府工作报告); their ids by year."""
    from planwatch.documents import bundled_plan_path, load
    from planwatch.pipeline import ingest_document

    folder = Path(bundled_plan_path()).parent / "examples"
    return {r.year: r.plan_id for r in (ingest_document(engine, load(folder / name)) for name in EXAMPLES)}


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html.split("<main", 1)[-1])


def test_plans_with_one_title_are_told_apart_on_the_home_page_and_the_plan_list(client: TestClient, demo: Demo,
                                                                                demo_engine: Engine) -> None:
    ids = _national_reports(demo_engine)
    for url in ("/", "/plans"):
        page = _text(client.get(url).text)
        assert "国务院 2017年政府工作报告" in page and "国务院 2018年政府工作报告" in page, url
        assert "深圳市坪山区2019年国民经济和社会发展计划" in page, url
    assert "国务院 2018年政府工作报告" in client.get(f"/plans/{ids[2018]}").text
    options = re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", client.get("/targets").text)
    assert "国务院 2017年政府工作报告" in options and "国务院 2018年政府工作报告" in options


def test_a_record_names_its_plan_and_cites_evidence_by_plan_name(client: TestClient, demo: Demo,
                                                                 demo_engine: Engine) -> None:
    ids = _national_reports(demo_engine)
    records = client.get("/api/targets", params={"plan": ids[2017], "status": "met", "size": 5}).json()["records"]
    judged = next(r for r in records if r.get("evidence"))
    assert judged["evidence"]["document"] == "national-gwr-2018"  # the JSON keeps the file's stem …
    assert judged["evidence"]["document_name"] == "国务院 2018年政府工作报告"  # … and says the name beside it
    page = _text(client.get(f"/records/{judged['id']}").text)
    assert "国务院 2017年政府工作报告" in page  # the record's plan
    assert "国务院 2018年政府工作报告" in page and "national-gwr-2018" not in page  # its evidence
    assessments = _text(client.get("/assessments", params={"plan": ids[2017]}).text)
    assert "国务院 2018年政府工作报告" in assessments and "national-gwr-2018" not in assessments


def test_a_plan_titled_by_its_file_name_is_named_by_government_year_and_kind(client: TestClient, demo: Demo,
                                                                            demo_engine: Engine) -> None:
    """A plan whose reader found no title is stored under its file's stem (07_shanghai-gwr-2020)."""
    from planwatch.store.schema import Plan

    ids = _national_reports(demo_engine)
    with demo_engine.begin() as conn:
        conn.execute(update(Plan).where(Plan.id == ids[2018]).values(title="03_national-gwr-2018"))
    page = _text(client.get("/plans").text)
    assert "国务院 2018年政府工作报告" in page and "03_national-gwr-2018" not in page
