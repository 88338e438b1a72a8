"""Sibling commitments at a comma, purposes after a figure, month deadlines, a plan's field: branch fix-tasks9.

Round tasks-r4 scored five local passages (project plans, 实事 lists, a one-field water plan). Lost most were clauses
joined at a comma that each commit with a verb and a figure of their own ("…，完成投资…亿元"), and the investment figure
that opens a run ("计划投资…亿元，确保…"); month deadlines ("…月底前") never reached a task. The passages of
tests/data/tasks/fix-tasks9-examples.json are written for these tests in the same layouts (not the review's sentences).
"""

from __future__ import annotations

from datetime import date

from planwatch.extract.task_units import suggest_unit
from planwatch.extract.tasks import deadline_of

from .helpers import Examples

EXAMPLES = Examples("fix-tasks9-examples.json")


_tasks, _quotes, _task = EXAMPLES.tasks, EXAMPLES.quotes, EXAMPLES.task


def test_a_clause_with_its_own_verb_and_figure_is_its_own_task() -> None:
    quotes = _quotes("project_plan")
    assert any(q.endswith("新建农村道路420公里") for q in quotes)
    for quote in ("重点养护650公里", "完成投资3.6亿元", "推进东环线等8个项目", "9月底前完成各项前期工作"):
        assert quote in quotes, quote
    quotes = _quotes("livelihood_lines")
    for quote in ("完成老旧院落改造60个", "加装电梯180部", "建成滨河湿地公园", "新改扩建口袋公园12个"):
        assert quote in quotes, quote


def test_an_investment_figure_is_a_commitment_of_its_own() -> None:
    quotes = _quotes("project_plan")
    assert "计划投资21亿元" in quotes  # it opens the run: what follows is another commitment
    assert "确保城西至南山一级公路建成通车" in quotes
    assert any(q.endswith("计划完成投资36亿元") for q in quotes)


def test_what_a_figure_serves_is_no_part_of_its_task() -> None:
    quotes = _quotes("livelihood_lines")
    assert "完成整治35条" in quotes
    assert not any("改善居民出行环境" in q for q in quotes)


def test_a_month_deadline_of_the_tasks_clause_is_its_deadline() -> None:
    assert deadline_of(_task("project_plan", "9月底前完成"), 2025) == date(2025, 9, 30)
    assert deadline_of(_task("project_plan", "支线机场改扩建工程"), 2025) == date(2025, 5, 31)
    assert deadline_of(_task("project_plan", "通用机场上半年"), 2025) == date(2025, 6, 30)
    assert deadline_of(_task("project_plan", "推进东环线等8个项目"), 2025) == date(2025, 12, 31)
    assert deadline_of(_task("project_plan", "重点养护650公里"), 2025) == date(2025, 12, 31)


def _unit(name: str, start: str) -> str:
    return suggest_unit(_task(name, start), generic=True, level="county")


def test_a_title_that_names_the_field_beats_the_words_of_any_project_plan() -> None:
    # a transport plan: its investment figures are transport's, not 发展改革部门's
    assert _unit("transport_plan", "完成投资2.4亿元") == "交通运输部门"
    assert _unit("transport_plan", "其中，国省干线完成投资7亿元") == "交通运输部门"
    assert _unit("transport_plan", "拆除城北、城东2个旧收费站") == "交通运输部门"  # not 收费's 财政部门


def test_a_word_of_the_object_outranks_its_setting() -> None:
    # a water plan's rural supply is water's (农村 is where), its rivers and drains too
    assert _unit("water_plan", "完善农村供水工程运行管护机制") == "水务部门"
    assert _unit("water_plan", "农村自来水普及率达到98%") == "水务部门"
    assert _unit("water_plan", "建成3条幸福河湖") == "水务部门"
    assert _unit("water_plan", "城区新建排水管网12公里") == "水务部门"


def test_a_verb_that_names_a_field_names_none_alone() -> None:
    assert _unit("street_list", "完成治理30条") != "司法行政部门"
    assert "完成治理30条" in _quotes("street_list")  # what the figure serves is cut


def test_a_theme_and_the_principles_after_it_are_no_part_of_the_task() -> None:
    quotes = _quotes("water_lead")
    assert "进一步提升城市防洪排涝能力" in quotes
    assert not any("立足" in q or "思维" in q for q in quotes)


def test_an_items_title_and_content_label_are_no_part_of_its_tasks() -> None:
    quotes = _quotes("item_contents")
    assert "在东山、西河、南岭3个乡镇新建幼儿园3所" in quotes
    assert "新增学位540个" in quotes
    assert not any("项目内容" in q for q in quotes)
    assert "放映公益电影600场" in quotes  # a second verb and figure after a 、


def test_measures_already_taken_are_no_tasks() -> None:
    assert _quotes("measures_taken") == ["今年，某县将新建农村公路150公里"]


def test_what_a_task_is_to_turn_something_into_is_no_part_of_it() -> None:
    quotes = _quotes("project_plan")
    assert "完成北山水库可研报告编制和审查" in quotes
    assert not any("转化为" in q for q in quotes)
