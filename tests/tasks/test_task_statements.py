"""Clauses of a task section that state, judge or announce are no tasks; directives stay tasks (real sentences)."""

from __future__ import annotations

from planwatch.extract.tasks import extract_tasks

from .helpers import data

EXAMPLES = data("statement-examples.json")


def _quotes(name: str) -> list[str]:
    text = EXAMPLES[name]["text"]
    return ["".join(t.quote.split()) for t in extract_tasks(text, name, quantities=[]) if t.kind == "task"]


def test_the_situation_is_no_task() -> None:
    # the year's setting (…，是…的一年), changes with no object (不稳定不确定因素明显增加, 科技进步加快),
    # verbs of state (处在…关键阶段, 存在…问题, 具有…条件)
    assert _quotes("national_2017_situation") == []


def test_targets_and_their_assessment_are_no_tasks() -> None:
    quotes = _quotes("national_2017_targets")
    assert not any("国内生产总值增长6.5%左右" in q or "城镇新增就业1100万人以上" in q for q in quotes)  # the listed targets
    assert not any(q.startswith("今年的经济增长预期目标") for q in quotes)  # 符合…，有利于…，也同…相衔接
    assert not any("是能够实现的" in q for q in quotes)
    assert "今年就业压力加大" not in quotes
    assert "要坚持就业优先战略" in quotes and "实施更加积极的就业政策" in quotes  # … while the directives stay


def test_a_list_announcement_and_a_judgment_are_no_tasks() -> None:
    quotes = _quotes("national_2017_points")
    assert not any("以下几点" in q for q in quotes)
    assert not any(q.startswith("这是一个化蛹成蝶") for q in quotes)
    assert "货币政策要保持稳健中性" in quotes  # subject + 要: a commitment
    assert "贯彻稳中求进工作总基调，保持战略定力" in quotes


def test_a_section_of_policy_orientations_holds_tasks() -> None:
    # "二、2018年经济社会发展总体要求和政策取向": its fiscal and monetary paragraphs are commitments
    quotes = _quotes("national_2018_policy")
    assert "优化财政支出结构" in quotes and "管好货币供给总闸门" in quotes
    assert "稳健的货币政策保持中性，要松紧适度" in quotes
    assert any(q.startswith("做大做强新兴产业集群") for q in quotes)


def test_directives_after_a_judgment_or_with_a_state_stay_tasks() -> None:
    quotes = _quotes("directives_that_stay")
    for start in ("物价是重要的经济指标，更是重要的民生指标，要继续认真落实", "大幅度增加政府支出", "健康是群众的基本需求，我们要不断提高",
                  "在全国推开“证照分离”改革", "促进通勤圈一体发展", "回应市民美好期盼，注重", "构建具有全国影响力的科技创新中心支撑体系",
                  "各级政府要坚持过紧日子"):
        assert any(q.startswith(start) for q in quotes), start


def test_monetary_policy_has_its_unit() -> None:
    from planwatch.extract.task_units import suggest_unit

    lines = EXAMPLES["national_2018_policy"]["text"].splitlines()
    text = "\n".join(line for line in lines if "货币" in line)  # no headings: all of it a task section
    tasks = [t for t in extract_tasks(text, "national_2018_policy", quantities=[]) if t.kind == "task"]
    unit = {"".join(t.quote.split()): suggest_unit(t, generic=True, level="national") for t in tasks}
    assert unit["管好货币供给总闸门"] == "金融监管部门"  # 货币 (was 发展改革部门)
    assert unit["稳健的货币政策保持中性，要松紧适度"] == "金融监管部门"
