"""Clauses that open a commitment, units of water works, energy and 高速, declarations of 我们 (real sentences)."""

from __future__ import annotations

from planwatch.extract.task_units import suggest_unit
from planwatch.extract.tasks import extract_tasks

from .helpers import data

EXAMPLES = data("fix-tasks-examples.json")


def _tasks(name: str) -> list:
    return [t for t in extract_tasks(EXAMPLES[name]["text"], name, quantities=[]) if t.kind == "task"]


def _quotes(name: str) -> list[str]:
    return [t.quote for t in _tasks(name)]


def _unit(name: str, start: str) -> str:
    task = next(t for t in _tasks(name) if t.quote.startswith(start))
    return suggest_unit(task, generic=True, level="province")


def test_a_weak_verb_in_the_middle_of_a_run_opens_a_task() -> None:
    quotes = _quotes("fujian_investment")
    assert "实施多式联运攻坚行动" in quotes and "提升国家物流枢纽功能" in quotes  # 提升 … followed by 完善
    assert "加强技工院校建设" in _quotes("fujian_employment")  # … 提升全民数字素养与技能，合力推进…
    assert "提升全民数字素养与技能" in _quotes("fujian_employment")


def test_a_weak_verb_chained_to_a_strong_one_opens_a_task() -> None:
    assert "强化项目储备" in _quotes("fujian_investment")
    assert any(q.startswith("优化实施“两重”项目") for q in _quotes("fujian_investment"))


def test_an_outcome_verb_stays_with_the_clause_it_completes() -> None:
    assert _quotes("national_2017_supervision") == ["完善事中事后监管制度，实现“双随机、一公开”监管全覆盖", "推进综合行政执法"]


def test_verbs_and_adverbs_the_lexicon_lacked() -> None:
    assert "开工建设闽赣电力联网工程" in _quotes("fujian_investment")  # …，安全有序推进在建核电项目建设
    assert "安全有序推进在建核电项目建设" in _quotes("fujian_investment")
    employment = _quotes("fujian_employment")
    assert "加强就业评估监测预警" in employment and "建好用好就业一体化信息平台" in employment
    assert "合力推进“八闽工匠”培育" in employment


def test_water_works_and_energy_have_their_units() -> None:
    assert _unit("fujian_investment", "开工建设上白石水利枢纽工程") == "水务部门"  # was 交通运输部门 (枢纽)
    assert _unit("fujian_investment", "加快白濑水利枢纽") == "水务部门"
    assert _unit("fujian_investment", "打造安全韧性现代大水网") == "水务部门"
    assert _unit("fujian_investment", "推进闽西南水资源配置工程") == "水务部门"
    assert _unit("fujian_investment", "安全有序推进在建核电项目建设") == "发展改革部门"
    assert _unit("fujian_investment", "开工建设闽赣电力联网工程") == "发展改革部门"
    assert _unit("fujian_investment", "推进现代化东南沿海港口群建设") == "交通运输部门"


def test_gaosu_is_a_motorway_only_as_one() -> None:
    assert _unit("fujian_investment", "开工建设潮南高速三明段") == "交通运输部门"
    assert _unit("national_2016_growth", "保持经济中高速增长") != "交通运输部门"
    assert _unit("national_2018_broadband", "加大网络提速降费力度") == "工业和信息化部门"  # 高速宽带


def test_declarations_of_we_are_no_tasks() -> None:
    assert not any(q.startswith("我们") for q in _quotes("shandong_opening"))  # the pledge closing the paragraph
    assert "支持省级新区加快发展" in _quotes("shandong_opening")
    assert _quotes("national_2015_belief") == []
    assert _quotes("national_2015_rule_of_law")[0].startswith("我们要全面推进依法治国")  # alone: a commitment
