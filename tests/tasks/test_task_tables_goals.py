"""Goals a 分解方案 assigns, tables flattened one cell a line, one-sentence lines, sibling counts: branch fix-tasks10.

Round tasks-r5 scored seven local passages (a 分解方案 whose goals name lead units, a water bureau's plan under a bulleted
"• 一、总体目标", two 分解表 flattened one cell a line, a bureau's list of one-sentence lines, 实事 lines of counts, a news
page). Lost most were the goal sections (skipped whole), the table rows (each record ran from one row's unit, time and
number cells into the next row's task) and the numbered lines without a figure (read as headings). The passages of
tests/data/tasks/fix-tasks10-examples.json are written for these tests in the same layouts (not the review's sentences).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from planwatch.extract.task_units import suggest_unit
from planwatch.extract.tasks import deadline_of

from .helpers import Examples, ingest

EXAMPLES = Examples("fix-tasks10-examples.json")
_tasks, _quotes, _task = EXAMPLES.tasks, EXAMPLES.quotes, EXAMPLES.task


def _unit(name: str, start: str, level: str = "county") -> str:
    return suggest_unit(_task(name, start), generic=True, level=level)


# M1: a part headed as goals


def test_the_goals_a_breakdown_assigns_are_tasks_with_their_lead_units() -> None:
    # "一、…主要预期目标" is skipped in a report; in a 分解方案 each goal names who leads it: a task the office tracks
    quotes = _quotes("breakdown_goals")
    for quote in ("地区生产总值增长6.5%以上", "社会消费品零售总额增长8%以上", "城镇调查失业率控制在5%以内",
                  "完成市下达的能耗双控目标任务"):  # (the last a one-sentence item with no figure: no heading)
        assert quote in quotes, quote
    assert _task("breakdown_goals", "社会消费品").lead_unit == "区商务局"
    assert _unit("breakdown_goals", "城镇调查失业率", "city") == "人力资源和社会保障部门"
    # the note with its 责任领导 is no task
    assert not any("责任领导" in q for q in quotes)


def test_a_bulleted_goal_heading_has_its_actions_read_past_the_directives() -> None:
    quotes = _quotes("water_outline")
    for quote in ("加快构建防洪排涝体系", "着力打造农村供水保障网", "全年完成水利投资12亿元以上", "建成美丽河湖10条"):
        assert quote in quotes, quote
    # the directives and the aims that frame them are none
    assert not any("贯彻" in q or "决策部署" in q or "以水安全保障为目标" in q or "主要抓手" in q for q in quotes)
    assert "提速在建工程" not in quotes  # an item's title that heads sentences stays a heading


# M2, F1, D1: a table flattened one cell a line


def test_each_row_of_a_flattened_table_is_its_own_task() -> None:
    quotes = _quotes("county_table")
    for quote in ("建成城南污水处理厂二期工程", "新建3座公共停车场", "开工建设县第二人民医院", "开工建设县妇幼保健院综合楼",
                  "完成老旧小区改造1200户", "新建社区食堂5个"):
        assert quote in quotes, quote
    assert not any("县水利局" in q or "月底前" in q or "责任单位" in q for q in quotes if "分解下达" not in q)


def test_a_rows_unit_cells_name_its_lead_unit_and_its_time_limit_its_deadline() -> None:
    assert _task("county_table", "建成城南污水处理厂").lead_unit == "县水利局、县住建局"
    assert _unit("county_table", "建成城南污水处理厂") == "水务部门"
    assert deadline_of(_task("county_table", "建成城南污水处理厂"), 2025) == date(2025, 10, 31)
    assert deadline_of(_task("county_table", "新建3座公共停车场"), 2025) == date(2025, 6, 30)  # 6月投入使用
    assert deadline_of(_task("county_table", "开工建设县第二人民医院"), 2025) == date(2025, 4, 30)  # 4月底前动工
    # a second task of the row with its own time limit shares the row's (merged) unit cell
    sub = _task("county_table", "开工建设县妇幼保健院综合楼")
    assert deadline_of(sub, 2025) == date(2025, 11, 30)
    assert sub.lead_unit == "县卫健局、县代建中心"
    assert deadline_of(_task("county_table", "新建社区食堂5个"), 2025) == date(2025, 12, 31)


def test_a_tables_category_and_title_cells_are_no_tasks_unless_they_commit_to_a_figure() -> None:
    quotes = _quotes("district_table")
    assert quotes[:2] == ["新建中小学校3所", "在20所学校食堂推行明厨亮灶"]
    for title in ("“学有优教”工程", "新建一批中小学校", "学校食堂提升", "社区卫生服务站建设"):
        assert not any(title in q for q in quotes), title
    assert "新建1所公办幼儿园" in quotes and "新增学位360个" in quotes  # a title with a figure of its own
    # 牵头单位 and 协同单位: the first unit cell leads
    assert _task("district_table", "新建中小学校").lead_unit == "区教育局"
    assert suggest_unit(_task("district_table", "新建社区卫生服务站"), level="district") == "区卫健局"  # a district: as named


def test_a_table_rows_deadline_and_unit_are_stored(engine: Engine, tmp_path: Path) -> None:
    from planwatch.store.tasks import Task

    path = tmp_path / "county-2025.txt"
    path.write_text(EXAMPLES["county_table"]["text"], encoding="utf-8")
    ingest(engine, path, year=2025)
    with Session(engine) as session:
        rows = {"".join(q.split()): (d, n) for q, d, n in session.execute(
            select(Task.quote, Task.deadline, Task.named_unit).where(Task.kind == "task"))}
    assert rows["新建3座公共停车场"] == (date(2025, 6, 30), "县城管局")
    assert rows["开工建设县妇幼保健院综合楼"][0] == date(2025, 11, 30)


# M3, F2: sibling counts at a comma


def test_sibling_counts_are_tasks_of_their_own() -> None:
    quotes = _quotes("sibling_counts")
    for quote in ("实施困难残疾人家庭无障碍改造80户", "孤独症儿童康复训练150人", "残疾人家庭无障碍设施配备120户",  # verbless
                  "新开工4个口袋公园", "持续关爱留守儿童成长", "建立儿童之家3个", "每学期为2万名在校学生开展体质监测",
                  "开展健康讲座200场", "免费为800名老年人筛查骨质疏松", "免费为6000名学生筛查脊柱侧弯"):
        assert quote in quotes, quote
    assert "加快背街小巷改造" in quotes  # the pair's label and 即 are no part of it
    quotes = _quotes("water_outline")
    for quote in ("其中骨干水库工程完成投资8亿元", "万元地区生产总值用水量控制在20立方米以下", "农田灌溉水有效利用系数0.6以上"):
        assert quote in quotes, quote
    assert "并完成标准化建设" in _quotes("district_table")


# M4: one-sentence numbered lines


def test_a_numbered_line_with_nothing_under_it_is_a_commitment() -> None:
    quotes = _quotes("one_line_items")
    for quote in ("完成实验小学运动场改造", "开工建设城东小学教学楼", "开工建设城北初级中学"):
        assert quote in quotes, quote
    assert any(q.startswith("推动县第二中学晋升省三星级高中") for q in quotes)


# M5, F3: a task glued to a means, a size, a result or a caption


def test_a_means_a_size_a_result_and_a_caption_are_no_part_of_a_task() -> None:
    quotes = _quotes("water_outline")
    assert "实施15个骨干在建工程" in quotes  # not "…，总投资规模约60亿元"
    assert "全力加快施工进度" in quotes  # not "紧扣汛前节点，抢晴天、战雨天，在确保安全的前提下，…"
    assert not any("紧扣" in q for q in quotes)
    quotes = _quotes("news_page")
    assert "推进农贸市场智慧化改造" in quotes  # not "…，做到菜价可查、来源可溯"
    assert "开展“百姓课堂”公益讲座" in quotes  # not "活动现场 供图 …⏎“两个办好”，即…"
    assert not any("供图" in q or "消息" in q for q in quotes)  # the captions and the byline's lead


# U1-U3: units


def test_a_bylines_outlet_names_no_field() -> None:
    # the page's opening words are the outlet's ("某某国际在线频道消息"): no 商务部门 for a task that names no field
    assert _unit("news_page", "新增持证讲师300人") != "商务部门"
    assert _unit("news_page", "开展“百姓课堂”公益讲座") != "商务部门"


def test_a_named_lead_unit_beats_project_and_planning_words() -> None:
    assert _unit("breakdown_goals", "推进s218城北至河口段改扩建二期工程", "city") == "交通运输部门"
    assert _unit("breakdown_goals", "做好g206东岭至西岭段改扩建项目前期工作", "city") == "交通运输部门"


def test_a_bureaus_own_plan_gives_its_field_to_tasks_that_name_none() -> None:
    # 来源：县水利局 — project words and figures with no field of their own are the water bureau's
    for start in ("确保新开工重点项目5个以上", "实施15个骨干在建工程", "全力加快施工进度", "全年完成水利投资"):
        assert _unit("water_outline", start) == "水务部门", start
    # 县教育局…为民办实事 — 安全 in a school list is no matter for 司法行政部门
    assert _unit("one_line_items", "实施校园安全提升工程") == "教育部门"
    assert _unit("one_line_items", "推动县第二中学晋升") == "教育部门"


def test_a_word_inside_the_object_does_not_outrank_what_is_done() -> None:
    assert _unit("sibling_counts", "组织健康直通车下乡开展免费体检") == "卫生健康部门"  # not 通车's 交通运输部门
