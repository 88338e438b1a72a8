"""Pages and downloads say the period each value covers (a fresh review, items 2, 3, 14 and 21).

The State Council's 2011 report sets 十二五 goals: 城镇新增就业4500万人 (a total of 2011–2015) and 单位国内生产总值能耗
降低16% (stored for 2015, judged as the five-year cut); its 2016 report gives 6400万人 and 下降18.2% for 2011–2015. The
pages read "6400万人（2015年）" and called the energy target 当年; the CSV had no period at all, so a five-year total sat
under 年份 2015 as that year's value. The 2017 report's "单位国内生产总值能耗下降5%" stood as -5% beside 下降3.4%以上.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from .conftest import unmark

HELDOUT = Path(__file__).resolve().parents[1] / "data" / "heldout"


def _ingest_2011_and_2016(engine: Engine) -> dict[int, int]:
    """The State Council's 2011 report (held-out text) and the bundled 2016 one; their plan ids by year."""
    from planwatch.cli.demo import example_paths
    from planwatch.documents import load
    from planwatch.pipeline import ingest_document

    first = ingest_document(engine, load(HELDOUT / "national-2011.txt"), government="国务院", year=2011).plan_id
    second = ingest_document(engine, load(example_paths()[0])).plan_id
    return {2011: first, 2016: second}


def _record(engine: Engine, plan: int, quote: str) -> int:
    from planwatch.store.schema import Record

    with Session(engine) as session:
        found = session.scalar(select(Record.id).where(Record.plan_id == plan, Record.kind == "target",
                                                       Record.quote == quote))
    assert found, quote
    return found


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", unmark(html).split("<main", 1)[-1]))


def _row(html: str, table: str, cell: str) -> str:
    """The text of the row of table `table` that holds `cell`."""
    body = re.search(rf'<table[^>]*id="{table}".*?</table>', html, re.S)
    assert body, table
    rows = [_text(r) for r in re.findall(r"<tr.*?</tr>", body.group(0), re.S)]
    found = [r for r in rows if cell in r]
    assert found, (cell, rows)
    return found[0]


def test_a_total_is_labelled_with_its_years_and_a_target_with_the_span_it_is_judged_on(
        client: TestClient, demo_engine: Engine) -> None:
    ids = _ingest_2011_and_2016(demo_engine)
    page = client.get("/targets", params={"plan": ids[2011], "lang": "zh"}).text
    jobs = _row(page, "targets-table", "城镇新增就业4500万人")
    assert "6400万人 （2011–2015年累计）" in jobs and "2015年）" not in jobs  # it read 6400万人（2015年）
    energy = _row(page, "targets-table", "单位国内生产总值能耗和二氧化碳排放分别降低16%")
    assert "2011–2015年累计" in energy  # the year column: the five-year cut it is judged as, not 2015
    assert "下降18.2% （2011–2015年累计）" in energy and "-18.2%" not in energy

    record = _record(demo_engine, ids[2011], "单位国内生产总值能耗和二氧化碳排放分别降低16%")
    html = client.get(f"/records/{record}", params={"lang": "zh"}).text
    period = re.search(r'<td id="period">(.*?)</td>', html, re.S)
    assert period and period.group(1).strip() == "累计 2011–2015"  # it said 当年 beside a total's verdict
    assert "当年" not in _text(html)
    assert "下降18.2%" in _text(html) and "（2011–2015年累计）" in html
    english = client.get(f"/records/{record}", params={"lang": "en"}).text
    assert re.search(r'<td id="period">\s*total 2011–2015\s*</td>', english)
    assert "down 18.2% (total 2011–2015)" in _text(english)


def test_downloads_carry_the_period_of_each_value_and_of_its_actual(client: TestClient, demo_engine: Engine) -> None:
    ids = _ingest_2011_and_2016(demo_engine)
    params = {"plan": ids[2011], "lang": "zh"}
    rows = list(csv.reader(io.StringIO(client.get("/targets.csv", params=params).content.decode("utf-8-sig"))))
    header = rows[0]
    assert {"年份", "期间", "最新实际值", "实际值期间", "数值类型"} <= set(header)
    col = {name: header.index(name) for name in header}
    by_quote = {r[col["原文"]]: r for r in rows[1:]}
    jobs = by_quote["城镇新增就业4500万人"]
    assert (jobs[col["年份"]], jobs[col["期间"]]) == ("2015", "累计 2011–2015")  # never a plain 2015 row
    assert (jobs[col["最新实际值"]], jobs[col["实际值期间"]]) == ("6400万人", "2011–2015年累计")
    assert jobs[col["数值类型"]] == "新增"
    energy = by_quote["单位国内生产总值能耗和二氧化碳排放分别降低16%"]
    assert (energy[col["期间"]], energy[col["最新实际值"]]) == ("累计 2011–2015", "下降18.2%")
    one_year = next(r for q, r in by_quote.items() if q.startswith("城镇新增就业900万人"))
    assert one_year[col["期间"]] == "全年" and one_year[col["年份"]] == "2011"
    assert any(r[col["期间"]].startswith("年均 2011–2015") for r in rows[1:])

    sheet = load_workbook(io.BytesIO(client.get("/targets.xlsx", params=params).content)).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0] == header
    jobs_row = next(r for r in cells[1:] if r[col["原文"]] == "城镇新增就业4500万人")
    assert (jobs_row[col["期间"]], jobs_row[col["实际值期间"]]) == ("累计 2011–2015", "2011–2015年累计")

    english = list(csv.reader(io.StringIO(client.get("/targets.csv", params={**params, "lang": "en"})
                                          .content.decode("utf-8-sig"))))
    assert {"Period", "Period of the actual", "Kind of amount"} <= set(english[0])
    assert any("total 2011–2015" in r for r in english[1:])


def test_a_part_year_actual_keeps_its_period_in_the_download(client: TestClient, demo: object,
                                                             demo_engine: Engine) -> None:
    """actuals set 地区生产总值 2019 9 % -p H1: the page read 9%（2019年上半年）, the CSV a bare 9% and 进度正常."""
    from planwatch.store.actuals import set_actual

    set_actual(demo_engine, "地区生产总值", 2019, 9.0, "%", government="深圳市坪山区", period="H1")
    rows = list(csv.reader(io.StringIO(client.get("/targets.csv", params={"q": "地区生产总值", "lang": "zh"})
                                       .content.decode("utf-8-sig"))))
    header = rows[0]
    actual, period = header.index("最新实际值"), header.index("实际值期间")
    judged = [r for r in rows[1:] if r[actual] == "9%"]
    assert judged and all(r[period] == "2019年上半年" for r in judged)


def test_a_fall_is_written_in_words_beside_a_target_in_words(client: TestClient, demo_engine: Engine) -> None:
    """下降3.4%以上 beside -5%: the actual of a fall reads 下降5% on the home page, /targets, /records and the CSV."""
    from planwatch.cli.demo import example_paths
    from planwatch.documents import load
    from planwatch.pipeline import ingest_document

    plan = ingest_document(demo_engine, load(example_paths()[0])).plan_id
    ingest_document(demo_engine, load(example_paths()[1]))
    record = _record(demo_engine, plan, "单位国内生产总值能耗下降3.4%以上")
    home = client.get("/", params={"plan": plan, "lang": "zh"}).text
    assert "下降5% （2016年）" in _row(home, "headline", "下降3.4%以上")
    targets = client.get("/targets", params={"plan": plan, "lang": "zh"}).text
    assert "下降5% （2016年）" in _row(targets, "targets-table", "单位国内生产总值能耗下降3.4%以上")
    page = _text(client.get(f"/records/{record}", params={"lang": "zh"}).text)
    assert "下降5% （2016年）" in page and "-5%" not in page
    rows = list(csv.reader(io.StringIO(client.get("/targets.csv", params={"plan": plan, "lang": "zh"})
                                       .content.decode("utf-8-sig"))))
    actual, quote = rows[0].index("最新实际值"), rows[0].index("原文")
    assert next(r[actual] for r in rows[1:] if r[quote] == "单位国内生产总值能耗下降3.4%以上") == "下降5%"
    assert "down 5% (2016)" in _text(client.get(f"/records/{record}", params={"lang": "en"}).text)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_home_page_says_a_later_document_is_missing_only_when_it_is(client: TestClient, demo_engine: Engine,
                                                                        language: str) -> None:
    """国务院 2016 with the 2017 report stored read "尚未收录国务院的后续文件": the 2017 report is there, it does not
    report those indicators. Pingshan 2019, alone of its government, still says no later document is stored."""
    from planwatch.cli.demo import example_paths
    from planwatch.documents import load
    from planwatch.pipeline import ingest_document

    plan = ingest_document(demo_engine, load(example_paths()[0])).plan_id
    ingest_document(demo_engine, load(example_paths()[1]))
    waiting = _text(client.get("/", params={"plan": plan, "lang": language}).text)
    if language == "zh":
        assert "已收录的后续文件（国务院 2017年政府工作报告）未报告这些指标的实际值" in waiting
        assert "尚未收录" not in waiting
    else:
        assert "the later documents stored (国务院 2017年政府工作报告) do not report" in waiting
        assert "no later document" not in waiting
    with Session(demo_engine) as session:
        from planwatch.store.schema import Government, Plan

        alone = session.scalar(select(Plan.id).join(Government).where(Government.name == "深圳市坪山区"))
    pingshan = _text(client.get("/", params={"plan": alone, "lang": language}).text)
    assert ("尚未收录深圳市坪山区的后续文件" if language == "zh" else "no later document of 深圳市坪山区") in pingshan
