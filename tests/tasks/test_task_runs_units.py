"""Runs, sibling clauses, framings and lead units: the rules of branch fix-tasks7 (real sentences).

Round tasks-r2 scored two reports planwatch was never tuned on (Shandong and Hubei 2026). Its classes, fixed as rules
of grammar and layout: run headings inside a paragraph ("…。促进就业增收。加大稳岗扩容力度，…") and field labels
("公路方面，…") title what follows them; sibling comma clauses each with their own action or figure are tasks, a clause
set in later years is due then; a framing before and a purpose after a commitment are no part of it; rows for social
insurance, universities and forestry, and a tie goes to the head of the object.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from planwatch.extract.task_units import suggest_unit
from planwatch.extract.tasks import deadline_of

from .helpers import Examples

EXAMPLES = Examples("fix-tasks7-examples.json")


_tasks, _quotes, _task = EXAMPLES.tasks, EXAMPLES.quotes, EXAMPLES.task


def _unit(name: str, start: str) -> str:
    return suggest_unit(_task(name, start), generic=True, level="province")


def test_a_run_heading_inside_a_paragraph_titles_its_run_and_is_no_task() -> None:
    quotes = _quotes("shandong_livelihood")
    for heading in ("促进就业增收", "扩大优质教育资源供给"):
        assert heading not in quotes, heading
    assert _task("shandong_livelihood", "深化“创业齐鲁”行动").group == "促进就业增收"
    assert _task("shandong_livelihood", "加快空天信息大学筹建").group == "扩大优质教育资源供给"
    # the run's field leads where the task names none (民政部门 came from the paragraph's 民生)
    assert _unit("shandong_livelihood", "深化“创业齐鲁”行动") == "人力资源和社会保障部门"
    assert _unit("shandong_livelihood", "推进创业街区建设") == "人力资源和社会保障部门"
    assert _unit("shandong_livelihood", "加快空天信息大学筹建") == "教育部门"
    assert _unit("shandong_livelihood", "加强“双高计划”高职院校建设") == "教育部门"
    investment = _quotes("shandong_investment")
    assert "积极扩大有效投资" not in investment and "全力释放消费潜能" not in investment


def test_a_short_sentence_before_short_ones_stays_a_task() -> None:
    # "健全职业伤害保障制度。鼓励支持…参加职工保险。": a commitment, not the heading of one sentence
    assert "健全职业伤害保障制度" in _quotes("hubei_livelihood")
    assert "加强“双高计划”高职院校建设" in _quotes("shandong_livelihood")


def test_a_field_label_titles_its_sentences() -> None:
    quotes = _quotes("shandong_investment")
    assert "新开工晏城至表白寺等2个项目" in quotes and "投用枣庄机场" in quotes
    assert _task("shandong_investment", "提速庆云至章丘").group == "公路方面"
    assert _unit("shandong_investment", "提速庆云至章丘等23个续建项目") == "交通运输部门"


def test_sibling_clauses_with_their_own_action_or_figure_are_tasks() -> None:
    quotes = _quotes("shandong_investment")
    for quote in ("今年建成雄商、济滨高铁", "高铁里程突破3400公里", "2027年、2028年分别建成津潍、潍宿高铁",
                  "提速庆云至章丘等23个续建项目", "建成通车济南至宁津等5个项目", "高速公路里程突破9500公里",
                  "提速聊城机场前期工作", "具备条件后加快推进前期工作", "落实好国家支持经济大省挑大梁政策",
                  "力争更多项目纳入国家规划和“两重”等支持范围", "探索编制全口径政府投资计划", "提高民生类投资比重"):
        assert quote in quotes, quote
    livelihood = _quotes("shandong_livelihood")
    for quote in ("加大稳岗扩容力度", "提档升级“数智就业”服务区", "推出灵活就业促进措施", "全年培训40万人次",
                  "实施新一轮基础教育综合改革", "推出基础教育资源优化配置实施方案", "增加优质普通高中学位",
                  "扩增优质本科招生", "优化学科专业设置", "康复救助残疾儿童4万人以上", "创新儿童福利机构“开门办院”模式"):
        assert quote in livelihood, quote
    demand = _quotes("hubei_demand")
    for quote in ("持续改善餐饮、住宿、出行等日常消费", "滚动推出面向民间资本的投资项目清单", "落实职工带薪错峰休假制度",
                  "创新消费场景"):
        assert quote in demand, quote
    assert "更大力度吸引海内外高校毕业生留鄂回鄂来鄂就业创业" in _quotes("hubei_livelihood")


def test_what_is_no_commitment_of_its_own_stays_with_its_task() -> None:
    # a bare weak verb with a two-character object is an aim of the commitment before it, not a task
    assert _quotes("national_2015_hong_kong")[0].startswith("全力支持香港、澳门特别行政区行政长官和政府依法施政，发展经济")
    # a situation with a figure and no action is no task (it stays the lead-in it was)
    assert _quotes("national_2017_graduates") == ["今年高校毕业生795万人，再创历史新高，要实施好就业促进、创业引领、基层成长等计划，"
                                                  "促进多渠道就业创业"]
    # a verb that names things acts alone in its piece, not before another verb ("创新发展数字贸易")
    assert "支持汽车、生物医药等优势领域产品出口，创新发展数字贸易、绿色贸易" in _quotes("beijing_trade")


def test_a_clause_set_in_later_years_is_due_in_the_last_of_them() -> None:
    task = _task("shandong_investment", "2027年、2028年分别建成")
    assert task.period_end == 2028 and deadline_of(task, 2026) == date(2028, 12, 31)
    assert deadline_of(_task("shandong_investment", "今年建成雄商"), 2026) == date(2026, 12, 31)
    # a period that ends before the plan year is the plan year's
    assert deadline_of(replace(task, period_end=2025), 2026) == date(2026, 12, 31)


def test_a_framing_before_and_a_purpose_after_a_commitment_are_no_part_of_it() -> None:
    demand = _quotes("hubei_demand")
    assert "深入实施提振消费专项行动" in demand and not any(q.startswith("顺应") for q in demand)
    assert "优化消费环境" in demand and not any("努力让群众" in q for q in demand)
    livelihood = _quotes("hubei_livelihood")
    assert "深入开展抓创业促就业系列行动" in livelihood and not any(q.startswith("突出") for q in livelihood)
    assert "推动义务教育优质均衡发展、学前教育优质普惠发展" in livelihood  # "着眼满足群众“上好学”的新需求，" before it
    assert "推动“健康第一”教育理念深入人心" in livelihood
    heritage = _quotes("henan_heritage")
    assert "创新数字化保护利用方式" in heritage  # "…，让更多古韵国风成为时代“顶流审美”" is what it serves


def test_units_of_social_insurance_forestry_and_the_head_of_an_object() -> None:
    for start, unit in (("稳妥实施渐进式延迟法定退休年龄改革", "人力资源和社会保障部门"),
                        ("继续提高城乡居民基础养老金", "人力资源和社会保障部门"),
                        ("扩大工伤保险、失业保险覆盖面", "人力资源和社会保障部门"),
                        ("健全职业伤害保障制度", "人力资源和社会保障部门")):
        assert _unit("hubei_livelihood", start) == unit, start
    assert _unit("shandong_livelihood", "继续提高城乡居民基础养老金") == "人力资源和社会保障部门"
    assert _unit("hubei_ecology", "完成营造林170万亩") == "自然资源部门"
    assert _unit("hubei_ecology", "支持神农架创建国家公园") == "自然资源部门"
    # 工业 and 污水 weigh the same: the head of the object (污水收集处理) leads, not the park it is in
    assert _unit("hubei_ecology", "提升工业园区污水收集处理效能") == "水务部门"
    # the run's topic (消费) no longer outweighs the task's own field
    assert _unit("hubei_demand", "落实职工带薪错峰休假制度") == "人力资源和社会保障部门"
    assert _unit("hubei_demand", "制定实施城乡居民增收计划") == "发展改革部门"
    assert _unit("shandong_investment", "力争更多项目纳入国家规划") == "发展改革部门"
