"""Task extraction on the grammar of district 民生实事 lists and work plans (branch fix-tasks6).

The sentences marked "constructed" are written after the pattern of local 民生实事 lists (one bullet a
line, actions joined by 、, numbered category headings); the others are real sentences of the corpus
(national and provincial work reports, the Pingshan plan of the task gold).
"""

from __future__ import annotations

import pytest

from planwatch.extract.task_units import suggest_unit
from planwatch.extract.tasks import extract_tasks


def _quotes(text: str) -> list[str]:
    return ["".join(t.quote.split()) for t in extract_tasks(text, "t", quantities=[]) if t.kind == "task"]


def _unit(text: str) -> str:
    task = next(t for t in extract_tasks(text, "t", quantities=[]) if t.kind == "task")
    return suggest_unit(task, generic=True, level="district")


def test_verb_phrases_joined_by_dunhao_are_separate_tasks() -> None:
    # constructed: each 、 item opens with its own action verb
    text = "建成滨河北路等3条市政道路、建成实验小学人行天桥、安装环城大道南段路灯。"
    assert _quotes(text) == ["建成滨河北路等3条市政道路", "建成实验小学人行天桥", "安装环城大道南段路灯"]
    # constructed: a modal before the first item (拟…、…、…)
    text = "我区今年拟新建100个以上电动汽车公共充电桩、新增公共停车泊位1000个、规划建设路内智慧停车泊位500个。"
    assert len(_quotes(text)) == 3
    # constructed: an item ending with a verb of its object (改造) is still an item of its own
    text = "计划完成8个以上老旧小区供配电设施升级改造、安装50万个以上智能电表、建成1个“零停电示范区”。"
    assert len(_quotes(text)) == 3


@pytest.mark.parametrize("text", [
    "认真落实鼓励、支持和引导非公有制经济发展的政策措施。",  # real: the list is the verb's object
    "毫不动摇地鼓励、支持和引导非公有制经济发展。",  # real: the same after an adverb's 地
    "毫不动摇地鼓励、支持、引导非公有制经济发展。",  # real: … and after bare verbs
    "加快在建、筹建重点项目建设进度。",  # real (Pingshan plan): bare verbs qualify a noun
    "增加对薄弱环节、改善民生、深化改革等方面的支出。",  # real: a list closed by 等…的 qualifies a noun
    "坚持创新驱动、智能转型、强化基础、绿色发展。",  # real: a slogan's four-character items
    "免费开展高危人群筛查3000人、大肠癌初筛1000人、适龄妇女“两癌”筛查1500人。",  # constructed: items without verbs
])
def test_dunhao_lists_that_are_one_task(text: str) -> None:
    assert len(_quotes(text)) == 1


def test_verbs_of_local_services_open_commitments() -> None:
    # constructed, after a 民生实事 bullet
    assert _quotes("▶认定见习基地20家，募集见习岗位300个，完成各类培训200人") == [
        "▶认定见习基地20家", "募集见习岗位300个", "完成各类培训200人"]
    assert _quotes("▶发放创业担保贷款1000万元，培育创业实体300个") == ["▶发放创业担保贷款1000万元", "培育创业实体300个"]
    assert _quotes("▶开设“灯火”青年夜校") == ["▶开设“灯火”青年夜校"]
    assert _quotes("▶代缴困难群体城乡居民养老保险") == ["▶代缴困难群体城乡居民养老保险"]
    # real (national report): 发挥好 a role is a commitment of its own after another action
    assert len(_quotes("强化项目的谋划论证和统筹协调，发挥好政府投资的带动放大效应。")) == 2


def test_noun_uses_of_new_verbs_stay_nouns() -> None:
    # real: 凝聚力 and 认定机制 are things, no action opens there
    assert _quotes("增强民族凝聚力和创造力。") == ["增强民族凝聚力和创造力"]
    assert len(_quotes("创新人才认定机制，实施卓越工程师培养计划。")) == 2


def test_numbered_category_heading_is_not_glued_to_the_next_bullet() -> None:
    # constructed: a 民生实事 list with numbered category headings
    text = ("01\n交通出行 “顺心”实事\n▶新增公共停车位500个。\n▶建成人行天桥2座。\n"
            "02\n幸福宜居 “舒心”实事\n▶改造老旧小区15个。\n")
    quotes = _quotes(text)
    assert "▶改造老旧小区15个" in quotes
    assert not any("幸福宜居" in q for q in quotes)


@pytest.mark.parametrize(("text", "unit"), [  # constructed, after district 民生实事 items
    ("新增供热面积50万平方米。", "住房和城乡建设部门"),
    ("完成河堤路、新华南路2个积水点改造。", "水务部门"),
    ("新增公共停车位500个。", "城市管理部门"),
    ("新建口袋公园3个。", "城市管理部门"),
    ("打造楼宇党群服务驿站2个。", "民政部门"),
    ("建设12个食品安全溯源示范农贸市场。", "市场监督管理部门"),
    ("完成3个街道新型农村社区后续安置房建设。", "住房和城乡建设部门"),  # the place word does not lead
    ("开展农村户籍适龄妇女“两癌”筛查1500人。", "卫生健康部门"),
])
def test_units_of_district_livelihood_works(text: str, unit: str) -> None:
    assert _unit(text) == unit
