"""Importing actuals as a statistics bureau's sheet writes them (review ux5 #2, #3, #8, #9, #10, #16), on the real
Pingshan 2019 plan (its targets: 新增国家高新技术企业100家以上, 20名高端科技创新人才 …) and the bureau's files in
tests/data/actuals."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from planwatch.errors import ValidationError
from planwatch.store.actuals import (
    RowError,
    import_actuals,
    normalise_period,
    parse_year,
    read_rows,
    template_cells,
    template_rows,
)
from planwatch.store.schema import Actual, Indicator
from planwatch.store.units import convert, convertible

DATA = Path(__file__).resolve().parents[1] / "data" / "actuals"


def _stored(engine: Engine) -> dict[tuple[str, str, str | None], tuple[float, str, str]]:
    """Imported actuals: (indicator, period, aspect) → (value, unit, note)."""
    with Session(engine) as s:
        rows = s.execute(select(Indicator.name, Actual.period, Actual.aspect, Actual.value, Actual.unit, Actual.note)
                         .join(Indicator, Actual.indicator_id == Indicator.id).where(Actual.source == "import"))
        return {(name, period, aspect): (value, unit, note) for name, period, aspect, value, unit, note in rows}


def test_the_template_asks_for_the_addition_a_target_of_an_addition_needs(pingshan_store: Engine) -> None:
    """#2: the row of 新增国家高新技术企业100家以上 read 总量, so the bureau filled in its stock (1,086 firms)."""
    with Session(pingshan_store) as s:
        cells = {row["indicator"]: template_cells(row)[4] for row in template_rows(s, plan_id=1)}
    assert cells["国家高新技术企业"] == "新增"
    assert cells["高端科技创新人才"] == "新增"  # 引进20名高端科技创新人才
    assert cells["产业用地"] == "总量"  # 释放产业用地38万平方米: no addition said
    assert cells["地区生产总值"] == "增速"


def test_a_stock_and_an_addition_of_one_year_are_imported_as_such(pingshan_store: Engine) -> None:
    """#2: 口径 存量 / 总量 is a stock, 新增 / 增量 an addition (refused before: "measure '新增' is not one of …"); both of
    one indicator and year are kept, each its own key."""
    assert import_actuals(pingshan_store, DATA / "bureau-additions.csv").stored == 3
    stored = _stored(pingshan_store)
    assert stored[("国家高新技术企业", "", "stock")][:2] == (450.0, "家")
    assert stored[("国家高新技术企业", "", "addition")][:2] == (80.0, "家")
    assert stored[("落后产能企业淘汰", "", "addition")][:2] == (213.0, "家")  # 增量
    assert import_actuals(pingshan_store, DATA / "bureau-additions.csv").stored == 3  # again: replaced, not doubled
    assert len(_stored(pingshan_store)) == 3


def test_a_single_quarter_is_refused_never_stored_as_the_year_to_date(pingshan_store: Engine) -> None:
    """#3: 三季度 was stored as Q3, which is 前三季度 (January to September) everywhere else; 二季度 as Q2."""
    with pytest.raises(ValidationError) as info:
        import_actuals(pingshan_store, DATA / "bureau-quarters.csv")
    found = [(p.row, p.reason, p.params["value"], p.params["instead"]) for p in info.value.row_problems]
    assert found == [(2, "period_single", "三季度", "前三季度（1—9月）"), (3, "period_single", "二季度", "上半年（1—6月）"),
                     (4, "period_single", "第四季度", "全年（期间留空）"), (5, "period_single", "下半年", "全年（期间留空）")]
    assert "row 2: period '三季度' is one quarter (or half) alone, not cumulative from January" in info.value.problems[0]
    assert _stored(pingshan_store) == {}


def test_the_periods_and_years_a_bureau_writes_are_read(pingshan_store: Engine) -> None:
    """#8: 1-9月, 1—9月, 1至9月, 1～9月 and 2019年 were refused ("period '1-9月' is not one of: … M01…M11"); they are read
    by the reader of a document's periods (extract.period.part_of_year), as the entry grid names them."""
    assert import_actuals(pingshan_store, DATA / "bureau-periods.csv").stored == 8
    stored = _stored(pingshan_store)
    assert {(name, period) for name, period, _aspect in stored} == {
        ("地区生产总值", "M09"), ("规模以上工业增加值", "M09"), ("社会消费品零售总额", "M09"), ("一般公共预算收入", "M09"),
        ("地区生产总值", "Q3"), ("规模以上工业增加值", "H1"), ("社会消费品零售总额", "Q1"), ("一般公共预算收入", "M11")}
    spelled = {"1-9月": "M09", "1—9月": "M09", "1至9月": "M09", "1～9月": "M09", "1~9月": "M09", "前9个月": "M09",
               "前三季度": "Q3", "上半年": "H1", "前两季度": "H1", "一季度": "Q1", "第一季度": "Q1", "1—3月": "M03",
               "全年": "", "": "", "Q3": "Q3", "h1": "H1", "M9": "M09"}
    assert {text: normalise_period(text) for text in spelled} == spelled
    assert [parse_year(y) for y in ("2019年", "２０１９年", "2019 年度", 2019)] == [2019] * 4
    with pytest.raises(RowError) as info:
        normalise_period("第五季度")
    problem = info.value.problems[0]
    assert (problem.reason, problem.params) == ("period_invalid", {"value": "第五季度"})
    assert "前三季度 or 1—n月" in problem.message and "M01" not in problem.message


def test_people_counted_in_ren_ming_or_wei_are_one_count(pingshan_store: Engine) -> None:
    """#9: 22人 for 20名高端科技创新人才 was refused ("unit '人' does not convert to '名'"); 人次 stays apart."""
    assert convertible("人", "名") and convertible("位", "人") and convert(2, "万名", "人") == 20000
    assert not convertible("人次", "人") and not convertible("万人次", "名")
    import_actuals(pingshan_store, DATA / "bureau-title.xlsx")
    assert _stored(pingshan_store)[("高端科技创新人才", "", "addition")][:2] == (22.0, "人")


def test_a_title_row_above_the_header_is_passed_over(pingshan_store: Engine) -> None:
    """#10: a bureau's sheet opens on its title (merged A1:H1) and was refused: "no 指标, 年份, 数值 columns"."""
    rows = read_rows(DATA / "bureau-title.xlsx")
    assert [number for number, _row in rows] == [3, 4, 5, 6]  # numbered as the sheet shows them
    assert import_actuals(pingshan_store, DATA / "bureau-title.xlsx").stored == 4
    with pytest.raises(ValidationError) as info:  # no header in the first 10 rows: which row was read, and what it held
        import_actuals(pingshan_store, DATA / "no-header.csv")
    assert info.value.params == {"columns": "指标、年份、数值", "row": 3, "cells": "项目,地区,时间,增长,计量", "within": 10}
    assert "read as the header: row 3, '项目,地区,时间,增长,计量'" in str(info.value)


def test_an_imported_actual_keeps_its_file_and_its_note(pingshan_store: Engine) -> None:
    """#16: a row's 备注 replaced the file's name ("导入数据（区统计局快报）", but "导入数据（tj.csv）" for the others)."""
    import_actuals(pingshan_store, DATA / "bureau-stock.csv")
    stored = _stored(pingshan_store)
    assert stored[("地区生产总值", "", None)][2] == "bureau-stock.csv，备注：区统计局快报"
    assert stored[("规模以上工业增加值", "", None)][2] == "bureau-stock.csv"
    assert stored[("国家高新技术企业", "", "stock")] == (1086.0, "家", "bureau-stock.csv，备注：存量")
