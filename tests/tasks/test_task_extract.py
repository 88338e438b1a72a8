"""Task extraction on the reference plan, passages in other styles and the whole corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planwatch.documents import bundled_plan_path, load
from planwatch.errors import ExtractionError, ValidationError
from planwatch.extract.records import Quantity
from planwatch.extract.task_units import read_units, suggest_unit, unit_names
from planwatch.extract.tasks import extract_tasks, task_groups

from .helpers import DATA, data

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "full"
PLAN = load(bundled_plan_path())
TASKS = extract_tasks(PLAN.text, PLAN.name, quantities=[])
ITEMS = data("pingshan-2019-items.json")["items"]
PASSAGES = data("passages.json")["passages"]


def _groups(tasks: list) -> dict[str, tuple[str, list]]:
    return {label: (title, members) for label, title, members in task_groups(tasks) if members[0].kind == "task"}


@pytest.mark.parametrize("item", ITEMS, ids=[i["label"] for i in ITEMS])
def test_numbered_items_are_pinned(item: dict) -> None:
    title, members = _groups(TASKS)[item["label"]]
    assert title == item["title"]
    assert len(members) == item["count"]
    assert [t.action for t in members] == item["actions"]
    found = {name for t in members for name in t.entities}
    assert set(item["named_things"]) <= found, set(item["named_things"]) - found


@pytest.mark.parametrize("passage", PASSAGES, ids=[p["file"] for p in PASSAGES])
def test_passages_in_other_styles(passage: dict) -> None:
    text = (DATA / passage["file"]).read_text(encoding="utf-8")
    tasks = extract_tasks(text, "passage", quantities=[])
    groups = [{"title": title, "count": len(members)} for _, title, members in task_groups(tasks)]
    assert groups == passage["groups"]
    assert {t.kind for t in tasks} == {passage["kind"]}
    found = {name for t in tasks for name in t.entities}
    assert set(passage["named_things"]) <= found, set(passage["named_things"]) - found
    _check_invariants(text, tasks)


# The ASCII marks of a web or PDF copy (review4: local plan reports copied from portals) for the full-width ones;
# brackets around Chinese words (a Latin aside, "（PM2.5）", is read as written, either way).
_ASCII_COPY = str.maketrans({"，": ",", "；": ";", "：": ":"})
_CHINESE_ASIDE = re.compile(r"（([^（）\n]*[\u4e00-\u9fff][^（）\n]*)）")
_PASSAGE_FILES = sorted({p["file"] for p in PASSAGES} | {"passages/national-gwr-2017-review.txt"})


@pytest.mark.parametrize("name", _PASSAGE_FILES)
def test_ascii_marks_give_the_tasks_of_full_width_ones(name: str) -> None:
    """Real passages of the corpus, their ， ； ： （ ） turned ASCII one for one, wrapped lines and all: the same tasks
    (groups, actions, objects, offsets, domains, titles), each quoting the text it was given."""
    text = (DATA / name).read_text(encoding="utf-8")
    copy = _CHINESE_ASIDE.sub(r"(\1)", text).translate(_ASCII_COPY)
    assert copy != text
    full, ascii_ = extract_tasks(text, "passage", quantities=[]), extract_tasks(copy, "passage", quantities=[])
    assert [_without_quote(t) for t in ascii_] == [_without_quote(t) for t in full]
    _check_invariants(copy, ascii_)


def _without_quote(task: object) -> dict:
    fields = task.to_dict()  # type: ignore[attr-defined]
    fields.pop("quote")
    return fields


def _check_invariants(text: str, tasks: list) -> None:
    for t in tasks:
        assert (t.action.strip() or t.kind == "achievement") and t.object.strip(), t  # a result may have no verb
        assert text[t.start:t.end] == t.quote
        assert t.kind in ("task", "achievement")
        assert t.domain
    starts = [t.start for t in tasks]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)


def test_reference_plan_regions() -> None:
    _check_invariants(PLAN.text, TASKS)
    results = PLAN.text.index("一、2018 年国民经济和社会发展计划执行情况")
    goals = PLAN.text.index("二、2019年国民经济和社会发展总体要求和目标")
    tasks = PLAN.text.index("三、2019 年国民经济和社会发展的主要任务")
    for t in TASKS:
        if t.kind == "achievement":
            assert results < t.start < goals
        else:
            assert t.start > tasks
    labels = [label for label, _, m in task_groups(TASKS) if m[0].kind == "task"]
    assert len(labels) == 24 and labels[0] == "（一）1." and labels[-1] == "（六）4."
    assert not any("在看到成绩的同时" in t.quote for t in TASKS)


def test_achievement_groups_use_lead_sentences() -> None:
    titles = [title for _, title, m in task_groups(TASKS) if m[0].kind == "achievement"]
    assert titles[:3] == ["发展质量加快提升", "发展方式加快转变", "经济结构加快优化"]
    opened = next(t for t in TASKS if t.kind == "achievement" and "加速器二期已开工" in t.quote)
    assert opened.action == "已开工" and opened.object == "生物医药企业加速器二期"


def test_domains_and_sections() -> None:
    by_object = {t.object: t for t in TASKS}
    assert by_object["南坪快速三期、马峦北路南段、金碧路完工通车"].domain == "交通"
    assert by_object["均田学校等6所学校"].domain == "教育"
    road = by_object["南坪快速三期、马峦北路南段、金碧路完工通车"]
    assert road.section.startswith("三、") and "（三）" in road.section and "4." in road.section


def test_quantities_inside_a_task_are_linked() -> None:
    start = PLAN.text.index("新增公办学位1.4万个以上")
    inside = Quantity(doc="p", kind="target", indicator="新增公办学位", measure="level", value=14000.0, unit="个",
                      comparator=">=", year=2019, quote="新增公办学位1.4万个以上", start=start, end=start + 12)
    outside = Quantity(doc="p", kind="target", indicator="x", measure="level", value=1.0, unit="", comparator="=",
                       year=2019, quote="x", start=0, end=5)
    tasks = extract_tasks(PLAN.text, PLAN.name, quantities=[outside, inside])
    linked = [t for t in tasks if t.quantities]
    assert len(linked) == 1 and linked[0].quantities == [1] and linked[0].action == "新增"


def test_text_without_headings_is_all_tasks() -> None:
    text = "补齐公共文化短板。加快建设坪山文化中心和聚龙山体育公园，推动聚龙路建成通车，完成18宗争议地处置。"
    tasks = extract_tasks(text, "t", quantities=[])
    assert {t.group for t in tasks} == {"补齐公共文化短板"}  # a short lead sentence titles its paragraph
    assert [(t.action, t.object) for t in tasks] == [
        ("加快建设", "坪山文化中心和聚龙山体育公园"), ("推动", "聚龙路建成通车"), ("完成", "18宗争议地处置")]
    assert tasks[0].entities == ["坪山文化中心", "聚龙山体育公园"]
    assert tasks[1].entities == ["聚龙路"]


def test_pdf_line_wraps_stay_in_the_quote() -> None:
    wrapped = next(t for t in TASKS if "工业园区循环化改造" in t.object)
    assert "\n" in wrapped.quote and wrapped.object == "工业园区循环化改造重点项目改造任务"


def test_bad_input() -> None:
    with pytest.raises(ExtractionError):
        extract_tasks(b"bytes", "x")  # type: ignore[arg-type]
    assert extract_tasks("", "x", quantities=[]) == []


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/full not available")
@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else [], ids=lambda p: p.stem)
def test_corpus_invariants(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    tasks = extract_tasks(text, path.stem, quantities=[])
    assert len(tasks) > 50
    _check_invariants(text, tasks)


@pytest.mark.parametrize(("object_", "unit"), [
    ("南坪快速三期、马峦北路南段、金碧路完工通车", "区交通运输局"),
    ("均田学校等6所学校", "区教育局"),
    ("全民健康管理项目", "区卫生健康局"),
    ("社区矫正工作平台", "区司法局"),
    ("安全生产重点领域专项整治", "区应急管理局"),
    ("公共场所以及人流量较大的公交站台公共免费WiFi全覆盖", "区政务服务数据管理局"),
])
def test_suggested_units(object_: str, unit: str) -> None:
    task = next(t for t in TASKS if t.object == object_)
    assert suggest_unit(task) == unit


def test_unit_table() -> None:
    names = unit_names()
    for unit in ("区发展和改革局", "区教育局", "区卫生健康局", "区住房和建设局", "区交通运输局", "区科技创新局",
                 "区工业和信息化局", "区生态环境局", "区规划和自然资源局", "区人力资源局", "区民政局",
                 "区文化广电旅游体育局", "区财政局", "区政务服务数据管理局", "区城市管理和综合执法局", "区水务局",
                 "区司法局", "区应急管理局", "区投资推广和企业服务中心"):
        assert unit in names
    assert "教育部门" in unit_names(generic=True)
    school = next(t for t in TASKS if t.object == "均田学校等6所学校")
    assert suggest_unit(school, generic=True) == "教育部门"
    with pytest.raises(ValidationError) as info:
        read_units("keyword,unit\n学校,\n,区教育局\n")
    assert len(info.value.problems) == 2 and "line 2" in info.value.problems[0]
    with pytest.raises(ValidationError):
        read_units("word,name\n学校,区教育局\n")
