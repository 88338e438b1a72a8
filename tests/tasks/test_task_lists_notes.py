"""分工方案 items with unit notes, one-item-a-line 实事 lists: the layouts of branch fix-tasks8 (constructed passages).

Round tasks-r3 scored five local passages; the prose ones were read well, the list-shaped ones hardly at all: a 分工方案
item's first sentence (its commitments) was taken for the item's title and gave no task, its bracketed unit note started
the next item's record, and a 实事 list of one item a line was joined across its lines. The passages of
tests/data/tasks/fix-tasks8-examples.json are written for these tests in the same layouts (not the review's sentences).
"""

from __future__ import annotations

from planwatch.extract import task_units, tasks
from planwatch.extract.task_units import suggest_unit

from .helpers import Examples

EXAMPLES = Examples("fix-tasks8-examples.json")


_tasks, _quotes, _task = EXAMPLES.tasks, EXAMPLES.quotes, EXAMPLES.task


def test_a_breakdown_items_first_sentence_gives_its_tasks() -> None:
    quotes = _quotes("breakdown")
    for quote in ("积极推进智能制造示范工厂建设", "实施数字经济倍增计划", "深化“上云用数赋智”行动", "培育数字经济核心产业企业15家",
                  "持续优化企业服务机制", "组建区级产业引导基金", "推动企业上市挂牌"):
        assert quote in quotes, quote


def test_a_unit_note_is_no_task_and_starts_no_record() -> None:
    for quote in _quotes("breakdown"):
        assert "主办" not in quote and "牵头单位" not in quote and "责任单位" not in quote, quote
    # item 3 is too long for a heading: it still starts after item 2's note, not inside its record
    assert _task("breakdown", "持续优化企业服务机制").quote.startswith("持续优化")


def test_the_lead_unit_a_note_names_leads_the_items_tasks() -> None:
    task = _task("breakdown", "积极推进智能制造示范工厂建设")
    assert getattr(task, "lead_unit", None) == "区工信局、开发区管委会"
    assert suggest_unit(task, level="district") == "区工信局、开发区管委会"  # the text's own names
    assert suggest_unit(task, generic=True, level="district") == "工业和信息化部门"
    assert suggest_unit(_task("breakdown", "培育数字经济核心产业企业15家"), generic=True) == "发展改革部门"
    assert suggest_unit(_task("breakdown", "持续优化企业服务机制"), generic=True) == "开发区管委会"  # no generic name
    assert suggest_unit(_task("breakdown", "组建区级产业引导基金"), generic=True) == "财政部门"  # a note on its own line


def test_unit_notes_and_their_names() -> None:
    unit_note, named_unit = tasks.unit_note, task_units.named_unit
    assert unit_note("（区工信局、开发区管委会主办，各街道协办）") == "区工信局、开发区管委会"
    assert unit_note("（牵头单位：区发改委；责任单位：区工信局、各街道）") == "区发改委"
    assert unit_note("责任单位：区财政局、区金融办") == "区财政局、区金融办"
    assert unit_note("（责任单位：各街道）") == ""
    assert unit_note("（以下简称“三年行动”）") is None and unit_note("（2026年）") is None
    assert named_unit("开发区管委会、区市场监管局", generic=True) == "市场监督管理部门"
    assert named_unit("县人社局", generic=True) == "人力资源和社会保障部门"
    assert named_unit("市卫健委", generic=True) == "卫生健康部门"


def test_a_list_of_one_item_a_line_gives_one_task_a_line() -> None:
    quotes = _quotes("one_item_a_line")
    assert quotes == ["新建3所普惠性托育机构", "改造提升10个社区儿童之家", "完成12个老旧小区综合改造", "新增公共停车泊位1500个",
                      "建设50个电动自行车充电棚", "区内新增保障性租赁住房800套", "增配80台自动体外除颤器",
                      "培训3000名社区应急救护员"]


def test_sibling_clauses_each_with_its_own_verb_are_tasks() -> None:
    quotes = _quotes("county_paragraph")
    for quote in ("抓好物流园区申报", "尽快获批省级物流示范园区", "建设滨江历史文化街区", "讲好新时代运河故事",
                  "强化金融风险研判和处置", "牢牢守住不发生系统性风险底线", "推进开发区扩区调区工作",
                  "确保开发区综合排名进入全市前5名"):
        assert quote in quotes, quote


def test_a_framing_of_manner_or_scope_is_cut_from_the_task() -> None:
    quotes = _quotes("county_paragraph")
    assert "加快招引一批链主企业" in quotes
    assert not any(q.startswith(("以最实的作风", "围绕电子信息")) for q in quotes)


def test_a_lead_of_two_actions_gives_its_tasks() -> None:
    quotes = _quotes("two_action_lead")
    assert quotes[:2] == ["推进全民健身设施建设", "加快体育公园布局"]


def test_a_field_word_beats_an_incidental_word_of_the_object() -> None:
    def unit(start: str) -> str:
        return suggest_unit(_task("county_paragraph", start), generic=True, level="county")

    assert unit("力争服装产业集群产值、税收增长12%以上") == "工业和信息化部门"  # not 税务部门
    assert unit("新增医药化工企业3家以上") == "工业和信息化部门"  # not 卫生健康部门
    assert unit("加快招引一批链主企业") == "投资促进部门"
    assert unit("牢牢守住不发生系统性风险底线") == "金融监管部门"  # not 司法行政部门
    assert unit("升级改造2家标准化菜市场") == "商务部门"
