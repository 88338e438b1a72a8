"""A plan's name for readers: government, year and title, so plans with one title differ (monitor.display.plan_name)."""

from __future__ import annotations

import pytest

from planwatch.monitor.display import plan_name


@pytest.mark.parametrize(("government", "year", "title", "kind", "name"), [
    ("国务院", 2018, "政府工作报告", "work_report", "国务院 2018年政府工作报告"),
    ("国务院", 2009, "2009年政府工作报告", "work_report", "国务院 2009年政府工作报告"),
    ("上海市", 2023, "上海市政府工作报告", "work_report", "2023年上海市政府工作报告"),
    ("北京市", 2026, "2026年北京市政府工作报告", "work_report", "2026年北京市政府工作报告"),
    ("深圳市坪山区", 2019, "深圳市坪山区 2019 年国民经济 和社会发展计划", "plan", "深圳市坪山区2019年国民经济和社会发展计划"),
    ("上海市", 2020, "07_shanghai-gwr-2020", "work_report", "上海市 2020年政府工作报告"),  # a file name as title
    ("示例县", None, "plan-draft", "other", "示例县 plan-draft"),  # no kind name: the title stays, with the government
])
def test_a_plan_is_named_by_government_year_and_title(government: str, year: int | None, title: str, kind: str,
                                                     name: str) -> None:
    assert plan_name(government, year, title, kind) == name


def test_six_reports_with_one_title_get_six_names() -> None:
    """The home page listed six 国务院 plans all called 政府工作报告 (review of the plan lists)."""
    names = {plan_name("国务院", year, "政府工作报告", "work_report") for year in (2008, 2009, 2016, 2017, 2018, 2021)}
    assert len(names) == 6
