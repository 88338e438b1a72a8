"""Pages cite every year a sum of yearly actuals adds up, and their JSON lists them (`evidence_parts`).

城镇新增就业5000万人以上 (2016–2020, the State Council's 2016 report) is judged on 1314万 (2016, from the 2017 report)
+ 1351万 (2017, from the 2018 report); the record page, the assessments page and the plan's targets cited the 2018
report's sentence only, and the record page's actual read "2665万人 (2017)".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from .conftest import make_client

QUOTES = ["城镇新增就业1314万人", "城镇新增就业1351万人"]
NAMES = ["国务院 2017年政府工作报告", "国务院 2018年政府工作报告"]


@pytest.fixture
def national(engine: Engine) -> Iterator[tuple[TestClient, int, int, int]]:
    """A client over the 2016–2018 reports; the 2016 plan's id, its five-year 城镇新增就业 target and its 2016 one."""
    from planwatch.cli.demo import load_examples
    from planwatch.store.schema import Plan, Record

    load_examples(engine)
    with Session(engine) as session:
        plan = session.scalars(select(Plan.id).order_by(Plan.year)).first()
        total = session.scalar(select(Record.id).where(Record.plan_id == plan, Record.kind == "target",
                                                       Record.quote == "城镇新增就业5000万人以上"))
        year = session.scalar(select(Record.id).where(Record.plan_id == plan, Record.kind == "target",
                                                      Record.quote.like("城镇新增就业1000万人以上%")))
    assert plan and total and year
    with make_client(engine) as client:
        yield client, plan, total, year


def _parts(html: str) -> list[str]:
    """The cited parts (year, quote, plan name) in this piece of a page."""
    return re.findall(r'<span class="evidence-part">(\d{4}): [^<]*<a class="evidence" href="/plans/\d+#r-\d+"[^>]*>“([^”]+)”'
                      r'</a> <span class="muted">([^<]+)</span>', html)


def test_the_record_page_and_its_json_cite_each_year_of_a_sum(national: tuple[TestClient, int, int, int]) -> None:
    client, _plan, total, year = national
    record = client.get(f"/api/records/{total}").json()["record"]
    assert record["status"] == "on_track" and record["actual"]["value"] == pytest.approx(2.665e7)
    assert [p["quote"] for p in record["evidence_parts"]] == QUOTES
    assert [p["document_name"] for p in record["evidence_parts"]] == NAMES
    assert record["evidence"]["quote"] == QUOTES[1]  # the existing field stays
    page = client.get(f"/records/{total}").text
    cell = re.search(r'<td id="evidence">(.*?)</td>', page, re.S)
    assert cell and _parts(cell.group(1)) == [("2016", QUOTES[0], NAMES[0]), ("2017", QUOTES[1], NAMES[1])]
    assert "（2016–2017年累计）</span>" in page  # the actual is the total of both years, not 2017's
    one = client.get(f"/records/{year}").text  # one actual: one link, as before
    cell = re.search(r'<td id="evidence">(.*?)</td>', one, re.S)
    assert cell and "evidence-part" not in cell.group(1) and f"“{QUOTES[0]}”" in cell.group(1)
    assert client.get(f"/api/records/{year}").json()["record"]["evidence_parts"] == []


def test_the_assessments_page_and_its_json_cite_each_year_of_a_sum(national: tuple[TestClient, int, int, int]) -> None:
    client, plan, total, _year = national
    rows = client.get(f"/api/assessments?plan={plan}&size=1000").json()["assessments"]
    row = next(r for r in rows if r["record_id"] == total)
    assert [(p["year"], p["quote"], p["document_name"]) for p in row["evidence_parts"]] == [
        (2016, QUOTES[0], NAMES[0]), (2017, QUOTES[1], NAMES[1])]
    assert row["actual_quote"] == QUOTES[1] and row["actual_document_name"] == NAMES[1]  # unchanged fields
    assert all(r["evidence_parts"] == [] or r["evidence_parts"][0]["part"] != "sum"  # (a compound rate cites its
               for r in rows if r["record_id"] != total)                              # yearly rates: 、, not ＋)
    assert [p["part"] for p in row["evidence_parts"]] == ["sum", "sum"]
    page = client.get(f"/assessments?plan={plan}&size=1000").text
    line = next(tr for tr in page.split("<tr>") if f'href="/records/{total}"' in tr)
    assert _parts(line) == [("2016", QUOTES[0], NAMES[0]), ("2017", QUOTES[1], NAMES[1])]


def test_the_plan_s_targets_name_each_year_of_a_sum(national: tuple[TestClient, int, int, int]) -> None:
    client, plan, _total, _year = national
    page = client.get(f"/targets?plan={plan}").text
    assert (f"2016: 1314万人 “{QUOTES[0]}” {NAMES[0]} ＋ 2017: 1351万人 “{QUOTES[1]}” {NAMES[1]}") in page
