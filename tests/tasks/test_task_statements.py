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


def test_verbs_the_lexicon_lacked_open_commitments() -> None:
    # 严控, 疏通, 提出, 排出, 化解, 整顿: each opens its own task; the statement before 各级政府仍要… is no part of it
    quotes = _quotes("verbs_from_the_corpus")
    for quote in ("严控一般性支出", "疏通货币政策传导渠道", "要分别提出工作思路和具体举措", "有序化解处置突出风险点",
                  "积极稳妥推进金融监管体制改革"):
        assert any(q.startswith(quote) for q in quotes), quote
    assert any(q.startswith("排出时间表、路线图、优先序") for q in quotes)
    assert any(q.startswith("整顿规范金融秩序") for q in quotes)


def test_what_the_year_is_is_no_task() -> None:
    # "今年是…": the copula right after the lead word states (实施方案, 提出 there name no action of the plan)
    assert _quotes("year_is") == ["要确保完成各项目标任务"]


def test_the_last_piece_of_a_run_of_actions() -> None:
    quotes = _quotes("run_ends")
    assert "降低全社会物流成本" in quotes and "完善城乡配送网络" in quotes  # the last member of a list of actions
    assert "加快建设现代化首都都市圈，不断提升区域综合竞争力" in quotes  # … unless it raises a quality: its purpose
    assert quotes[-2:] == ["壮大海洋经济", "坚决维护国家海洋权益"]  # an enforcing adverb orders it


def test_a_statement_titles_no_group() -> None:
    from planwatch.extract.tasks import task_groups

    for name in ("national_2017_targets", "national_2017_situation"):
        text = EXAMPLES[name]["text"]
        titles = [title for _, title, _ in task_groups(extract_tasks(text, name, quantities=[]))]
        assert not any(t.startswith(("今年就业压力加大", "从经济基本面", "困难不容低估")) for t in titles), titles
