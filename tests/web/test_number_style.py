"""Numbers on the Chinese pages as the report and the CLI write them (6.7%, 1314万人, 1.2万个), by the one function
they share (`phrases.quantity`); the English pages as the English sentences (6.7%, 12,000 个); the JSON raw numbers.

The pages wrote "6.7 %", "1,314 万人" and "12,000 个" beside a report that wrote "6.7%", "1314万人" and "1.2万个"."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from planwatch.web import i18n

from .conftest import make_client, unmark


def _in(language: str, call, *args):  # type: ignore[no-untyped-def]
    token = i18n.set_language(language)
    try:
        return call(*args)
    finally:
        i18n.reset_language(token)


@pytest.mark.parametrize(("value", "unit", "zh", "en"), [
    (6.7, "%", "6.7%", "6.7%"),
    (12000, "个", "1.2万个", "12,000 个"),
    (13140000.0, "人", "1314万人", "13,140,000 人"),
    (7.44e13, "元", "74.4万亿元", "74,400,000,000,000 元"),
    (0.5, "个百分点", "0.5个百分点", "0.5 percentage points"),
    (4.02, "%", "4.02%", "4.02%"),
    (600, "项", "600项", "600 项"),
])
def test_one_function_per_language(value: float, unit: str, zh: str, en: str) -> None:
    from planwatch.monitor.phrases import quantity
    from planwatch.report import wording
    from planwatch.web.labels import amount

    assert _in("zh", amount, value, unit) == zh == quantity(value, unit) == wording.quantity(value, unit)
    assert _in("en", amount, value, unit) == en


def test_values_with_comparators_ranges_and_falls() -> None:
    from planwatch.web.labels import number, target_value

    growth = {"measure": "growth", "unit": "%"}
    cases = [
        (dict(growth, comparator="between", value=6.5, value_max=7.0), "6.5%—7%", "6.5–7%"),
        (dict(growth, comparator=">=", value=-3.4, value_max=None), "下降3.4%以上", "down 3.4% or more"),
        (dict(growth, comparator="between", value=-3.0, value_max=-2.0), "下降2—3%", "down 2–3%"),
        ({"measure": "level", "unit": "人", "comparator": ">=", "value": 1.1e7, "value_max": None}, "≥1100万人",
         "≥11,000,000 人"),
        ({"measure": "level", "unit": "元", "comparator": "≈", "value": 7e10, "value_max": None}, "≈700亿元",
         "≈70,000,000,000 元"),
    ]
    for record, zh, en in cases:
        assert _in("zh", target_value, record) == zh
        assert _in("en", target_value, record) == en
    assert _in("zh", number, 1314.0) == "1314" and _in("en", number, 1314.0) == "1,314"


@pytest.fixture
def national(engine: Engine) -> Iterator[tuple[TestClient, int, int, int]]:
    """The 2016 and 2017 State Council reports: the client, the 2016 plan, its 城镇新增就业 target record (1000万人以上,
    judged on 1314万人) and that indicator."""
    from planwatch.cli.demo import example_paths
    from planwatch.documents import load
    from planwatch.pipeline import ingest_document
    from planwatch.store.schema import Plan, Record

    for path in example_paths()[:2]:
        ingest_document(engine, load(path))
    with Session(engine) as session:
        plan = session.scalars(select(Plan.id).order_by(Plan.year)).first()
        jobs = session.execute(select(Record.id, Record.indicator_id).where(
            Record.plan_id == plan, Record.kind == "target", Record.indicator == "城镇新增就业",
            Record.year == 2016)).first()
    assert plan and jobs
    with make_client(engine) as client:
        yield client, plan, jobs[0], jobs[1]


def _text(page: str) -> str:
    page = re.sub(r"<script.*?</script>", " ", unmark(page), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


# the old pages' style: a space before % or before 万/亿 after a digit, thousands separators
OLD_STYLE = re.compile(r"\d %|\d [万亿]|\d,\d{3}")


def test_the_chinese_pages_write_numbers_as_the_report(national: tuple[TestClient, int, int, int]) -> None:
    client, plan, record, indicator = national
    pages = {
        "home": f"/?plan={plan}", "targets": f"/targets?plan={plan}&size=200", "indicator": f"/indicators/{indicator}",
        "record": f"/records/{record}", "assessments": f"/assessments?plan={plan}&size=200",
        "evaluation": f"/plans/{plan}/evaluation", "tasks": f"/tasks?plan={plan}", "search": "/search?q=城镇新增就业",
    }
    for name, url in pages.items():
        text = _text(client.get(url + ("&" if "?" in url else "?") + "lang=zh").text)
        assert not OLD_STYLE.findall(text), (name, OLD_STYLE.findall(text)[:5])
    assert "1314万人" in _text(client.get(f"/records/{record}?lang=zh").text)
    assessments = _text(client.get(f"/assessments?plan={plan}&size=200&lang=zh").text)
    assert "≥1000万人" in assessments and "6.5%—7%" in assessments and "6.7%" in assessments
    assert "高于目标314万人" in assessments  # the gap as the report's 差距 writes it


def test_the_english_pages_keep_thousands_separators(national: tuple[TestClient, int, int, int]) -> None:
    client, plan, record, _indicator = national
    page = _text(client.get(f"/records/{record}?lang=en").text)
    assert "13,140,000 人" in page and "≥10,000,000 人" in page
    assessments = _text(client.get(f"/assessments?plan={plan}&size=200&lang=en").text)
    assert "6.7%" in assessments and "6.7 %" not in assessments and "6.5–7%" in assessments


def test_the_json_keeps_raw_numbers(national: tuple[TestClient, int, int, int]) -> None:
    client, plan, record, _indicator = national
    row = client.get(f"/api/records/{record}").json()["record"]
    assert row["value"] == 1e7 and row["actual"]["value"] == 1.314e7 and row["comparator"] == ">="
    rows = client.get("/api/assessments", params={"plan": plan, "size": 200}).json()["assessments"]
    assert all(isinstance(r["actual"], float | int | type(None)) for r in rows)
    targets = client.get("/api/targets", params={"plan": plan, "size": 200}).json()["records"]
    assert all(isinstance(r["value"], float | int | type(None)) for r in targets)


def test_the_chart_and_the_reader_take_the_servers_words(national: tuple[TestClient, int, int, int]) -> None:
    """No script formats a number: the chart's axis is in the tables' magnitude (万人 from 10000 人, it was 1e5),
    the plan reader's panel shows the words every page writes."""
    client, plan, record, indicator = national
    page = client.get(f"/indicators/{indicator}?lang=zh").text
    labels = json.loads(re.search(r'<script type="application/json" id="chart-labels">(.*?)</script>', page, re.S)[1])
    assert {"divisor": 10000.0, "unit": "万人"} in labels["scales"]
    page = client.get(f"/indicators/{indicator}?lang=en").text
    labels = json.loads(re.search(r'<script type="application/json" id="chart-labels">(.*?)</script>', page, re.S)[1])
    assert {"divisor": 1.0, "unit": "人"} in labels["scales"]
    reader = client.get(f"/plans/{plan}?lang=zh").text
    texts = json.loads(re.search(r'<script type="application/json" id="record-texts">(.*?)</script>', reader, re.S)[1])
    assert texts[str(record)] == {"value_text": "≥1000万人", "actual_text": "1314万人（2016年）"}
