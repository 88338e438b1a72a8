"""Task extraction on the grammar of local deployments and on news pages (branch fix-r7c, tasks-local review).

A sentence's first piece may only head the actions after it: a theme (a slogan of one-character quotes, a pair of
short slogans) or a lead-in that names the means or the chance (抢抓…机遇, 立足…, 着眼…); a modal that answers the
sentence's opening one (要…，又要…) opens a directive of its own. A news page adds furniture: a page header above
the stamp or credits line, credit lines, app prompts, the comments after 热门跟贴, the lead that carries the byline,
calls to the reader. Sentences marked "constructed" are written after the pattern of county and district news
(places and numbers changed); the others are real sentences of ../shared/corpus/full.
"""

from __future__ import annotations

import pytest

from planwatch.extract.task_layout import furniture
from planwatch.extract.tasks import extract_tasks


def _quotes(text: str) -> list[str]:
    return ["".join(t.quote.split()) for t in extract_tasks(text, "t", quantities=[]) if t.kind == "task"]


@pytest.mark.parametrize(("text", "tasks"), [
    # constructed: a slogan of one-character quotes heads the run; 又要 answers the opening 要
    ("要抓“强”扶“弱”，帮助骨干企业进一步增强核心竞争力，又要多措并举力促小微企业发展壮大。",
     ["帮助骨干企业进一步增强核心竞争力", "又要多措并举力促小微企业发展壮大"]),
    # constructed: a subject, 将 and a pair of short slogans (聚力扩投资、优服务) head the run
    ("某区将聚力扩投资、优服务，加快推进总投资500亿元的80个区级重点项目。",
     ["加快推进总投资500亿元的80个区级重点项目"]),
    # constructed: a lead-in of the chance taken (抢抓…机遇)
    ("要抢抓区域协同发展重大机遇，扎实开展精准招商活动。", ["扎实开展精准招商活动"]),
    # real (fujian-gwr-2026): the same lead-in in a provincial report
    ("抢抓新一轮科技革命和产业变革带来的重大机遇，加快产业智能化、绿色化、融合化发展。",
     ["加快产业智能化、绿色化、融合化发展"]),
    # real (national-gwr-2015): 既要…，又要… are two directives
    ("我们既要全力保持经济在合理区间运行，又要积极促进经济转型升级、行稳致远。",
     ["我们既要全力保持经济在合理区间运行", "又要积极促进经济转型升级、行稳致远"]),
])
def test_a_theme_or_lead_in_heads_the_actions_after_it(text: str, tasks: list[str]) -> None:
    assert _quotes(text) == tasks


def test_a_lead_in_of_the_means_heads_a_real_run() -> None:
    # real (hubei-gwr-2026): 着眼… is the aim, the actions follow it
    quotes = _quotes("着眼满足群众“上好学”的新需求，推动义务教育优质均衡发展、学前教育优质普惠发展，增加普通高中学位供给和优质"
                     "高校本科招生，办好特殊教育和专门教育，加快职业教育向高层次、专业化、技能型转型。")
    assert quotes and quotes[0].startswith("推动义务教育")
    assert not any("着眼" in q for q in quotes)


@pytest.mark.parametrize("text", [
    "坚持就业优先，以创业带动就业。",  # real (national-gwr-2015): 坚持 + a principle is a commitment, no theme
    "一时难以解决的，要努力创造条件逐步加以解决。",  # real (national-gwr-2017): a bare 要 stays with what leads it
    "在推进改革开放中，要加快现代市场的体系建设。",  # real (national-gwr-2008, first clauses)
    "要坚持多管齐下，注重盘活存量。",  # constructed: 坚持 + an idiom is left as it was
])
def test_what_is_no_theme_keeps_its_pieces(text: str) -> None:
    assert len(_quotes(text)) == 1


@pytest.mark.parametrize(("line", "kind"), [
    ("记者:张明", "line"), ("编辑：王芳 视频：李强", "line"), ("2022-12-31 16:20:16 来源:某某日报", "line"),
    ("2016-03-30  来源:某某网  人气: 4781", "line"), ("1月6日", "line"), ("打开某某新闻 查看精彩图片", "line"),
    ("热门跟贴", "tail"), ("相关新闻", "tail"),
    ("2023年1月6日，市政府召开常务会议", None), ("建成移动公厕12座", None), ("来源", None), ("01", None),
])
def test_news_page_furniture_lines(line: str, kind: str | None) -> None:
    assert furniture(line) == kind  # constructed lines after news pages


def test_news_page_furniture_gives_no_task() -> None:
    # constructed: a news page (title, stamp, a lead with its byline, the body, credits, app prompts, comments)
    text = ("某县部署下半年重点工作\n2016-08-02 09:10:11 来源：某某日报\n"
            "本报讯(记者 张明)日前，某县召开经济运行分析会，安排部署第四季度重点工作。\n"
            "要加快推进20个重点项目建设，新建学校3所\n记者:张明\n编辑:王芳\n打开某某新闻 查看精彩图片\n热门跟贴\n"
            "好 不错，加快推进项目建设\n")
    assert _quotes(text) == ["要加快推进20个重点项目建设", "新建学校3所"]


def test_calls_to_readers_give_no_task() -> None:
    # constructed: a news item asking readers for comments on a draft list
    text = ("根据清单，我市今年拟新建200个电动汽车公共充电桩。"
            "市民可通过区政府网站专栏，对拟实施的20个民生项目提出建议。"
            "在留言区，您还可以提出需要新增建设的项目。")
    assert _quotes(text) == ["根据清单，我市今年拟新建200个电动汽车公共充电桩"]


def test_a_byline_alone_is_no_reason_to_drop_a_plan_sentence() -> None:
    # real-style words that end in 电 or 讯 are no byline: "推进光伏发电（分布式）项目建设" stays a task (constructed)
    assert _quotes("推进光伏发电（分布式）项目建设，完善通讯（5G）基站布局。") != []
