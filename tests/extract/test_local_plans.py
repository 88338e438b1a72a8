"""Local annual plan reports (计划执行情况与计划草案的报告 of districts, counties and cities, and the news, newspaper pages
and reposts that state their targets): the classes of the hand reviews review4 and review4b, pinned on constructed
passages (tests/data/extract/local-plans/records.json and records-targets.json; the reviews' third-party texts are
not in the repository). The execution-against-plan and ASCII-punctuation passages are samples of tests/data/extract
(test_samples.py); plan years are in test_context.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planwatch.extract import extract_quantities

DATA = Path(__file__).parents[1] / "data" / "extract" / "local-plans"
# records.json: review4's classes; records-targets.json: review4b's; review5.json: review5's (goals met or quoted in
# a review, sub-totals in brackets, list ordinals, signed growth, a half-year review, lists without 分别); review6.json:
# review6's (℅ for %, paired lists closed by 和, gaps below a goal, a narrowing fall); review7.json: review7's (passages
# about part of a year, past results after a goal list, planned counts, quoted slogans, a bare 亿 of money); review8b.json:
# review8's periods, values not found, names and labels (fix-r8b: a part-year review's year, a sentence opening on part of
# the year, 万亿 and 亿方, subheads, 增长速度, N项…中M项…, 可比, 以来, 超额完成年度任务, 生命线, 翻番式, policy packages);
# review9b.json: review9's (fix-r9b: a review of N years, 年均 after a one-year sentence, 2016年以来, 7.12%8.05%, 412. 36,
# 238户702名, N处的…, 改善N万人口的…问题, （快报数，下同）, 同口径, …等问题, N栋楼、N户居民的N个…, 》, 比年度目标提高,
# 高于…标准N倍, a headline's place and year before 预计, 城镇居民和农村居民…, a list at a paragraph's end;
# review10.json: review10's (fix-r10: numbered sections of a review of part of a year, words of execution: 1-12月份完成投资,
# 投资完成率, 开工率, 占年计划投资的; fix-left: a sentence opening on the plan's own year, 截至目前 after the year's plan, a
# count of an event held, 各项存款余额, a per-head figure of a group);
# review11.json: review11's (fix-r11: a statistics review known by its structure,
# 主要预期目标建议为：, a year inside a bracketed exclusion); review12.json: review12's (fix-r12: goals of a deadline 到2015年/
# 到“十四五”末/到2035年 and their periods, a review's 较2015年分别增长/是2011年的…倍/五年翻一番, part-year pages that name no
# year, a collective list, 唯一一个, a copy's wraps as spaces); review13.json: review13's (fix-r13: a task page with no heading,
# a year's goal in brackets after its result, 塌目标, counting units, GDP2917亿元, names from the clause before);
# review14.json: review14's (fix-r14: a 街道 summary opening on 今年以来 under 20XX年(上半年)工作总结, a 1至9月 note whose
# only year is a comparison base 较2023年末); review15.json: review15's (fix-r15: a bureau report's paragraph opening on the
# year it reports, two-tier goals 底线目标/奋斗目标, a 九五 review's 2000年预计, 2007—2011年 and 年均, a 1至7月份 sentence
# carrying over its paragraph, scope/time/doer words in names, gaps on a page that lost its commas); review16.json:
# review16's (fix-r16: 按可比价计算 before a growth, gaps against a list of places, a gap in the level's unit, 累计增幅 of one year);
# review17.json: review17's (fix-r17: a dated 民生事项 list and its lead in news of the year before, a forum copy of a 民生实事 list,
# 主要工作安排, a plan table flattened one cell a line, cities' growth targets one after another, a headline's second goal, names)
# review18.json: review18's (fix-r18: a 民生实事 progress table flattened one cell a line, a half-year 督查 notice restating
# a report's targets, a quoted goal list after a paragraph on the year before, space-separated fragments, reductions, rankings)
# review22.json: review22's (fix-r22: a 民生实事 self-inspection's goal, actual and completion rate, progress to date after
# 截至目前 and 已完成, 城乡 levels and rates joined by 、分别); review23.json: review23's (fix-r23: a progress table one row a
# line with pipes or tabs, 2023年，某市计划统筹实施…, a news title's 2025年发展蓝图, an ASCII ; before "(6)"); review24.json:
# review24's (fix-r24: an indicator table flattened one cell a line, each cell closed by a pipe, with 绝对值/增速 sub-columns
# and a (简称“GDP”), 增加值总量冲刺 after a sector's growth); review25.json: review25's (fix-r25: a plan year said only in
# "X县2022年…主要预期目标", a paragraph on the year before under a title on the plan year's goal, 行政村100%公交通达);
# review26.json: review26's (fix-r26: a numbered heading that orders work on a page of a work report's tasks, a ranking's
# move, a project list's amount column with its unit in the header); review27.json: review27's (fix-r27: a mirror site's
# pinyin after characters, a decimal split by spaces around its point, 完工2024年9个续建项目 in the plan year's works, 上涨控制在);
# review28.json: review28's (fix-r28: a statistics bulletin under a byline whose opening names the period's goals, a minus
# written before a rate, 千分点, a middle dot for a decimal point); review29.json: review29's (fix-r29: industries whose names
# are lists, a signed list item, 超亿元企业共14家); review30.json: review30's (fix-r30: goals said met before a review's
# list, the industries' contributions and pulls, a rate's name in brackets, note marks, 存贷款, a field's rate, 、供应5203亩);
# review31.json: review31's (fix-r31: a five-year blueprint in news, 十三五时期 under a review heading, 两个多月, a news title's
# aims and dateline lead, GDP(地区生产总值), 增速分别为-9.4%、…, 性别比); review32.json: review32's (fix-r32: a PDF copy in a
# narrow column, 两大主导产业 lists, a year's work summary and its meeting's news, a year-end release, 家次); review33.json:
# review33's (fix-r33: 均已开工 after a count among plans, counts said with their stage alone); review34.json: review34's
# (fix-r34: a five-year term past after a news lead of targets and its base, 、占全国九成, a county's ranking); review35.json:
# review35's (fix-r35: a report's parts listed in news, 建设项目 whole, counts with their stage, a total crossing a mark);
# review36–38.json: review36–38's (fix-r36–38: a 督查 list of tasks behind schedule, gaps against a list of places, 主要预期指标,
# a 责任单位 table, milestones, an aim said in a first clause, 突破百亿元大关, a year inside a thing, a plan report's line per
# indicator, projects by stage with 计划, a progress note's works done and completion rates); review40.json: review40's
# (fix-r40: progress reports of a year's works named by their head, a report as of the year's last day); review42.json:
# review42–45's (fix-r42: five-year goals and reviews, 递增 and 降幅, a base said with 目前, a ranking's field, a title over two
# lines, a page that lost its commas, a meeting's attendance, a bulletin's page without its title); review53.json: review53–55's
# (fix-r53: a street's summary heading 工作开展情况, a decade looked back on, a news page's date line and the months so far,
# a ranking's move before a growth, 完成任务的, a deadline's goals ended by a term past, from–to ends at the terms' ends, a leap,
# a review's page that opens on its year; fix-r56: a meeting's year, a dated page's views and 2022年以来, 今年以来 after
# 过去一年, a quarter's ceremony, a budget explanation, final accounts, a budget against last year's actual; fix-r58: 完成年度任务的,
# 今年年初以来, progress tables with a name column, months in a title, 当前进度, a rate with a note; fix-r60: a department's
# half-year summary, a date line's publisher, 共有 in the plan's year, 目标任务和主要工作, projects named by their stage);
# review62.json: review62–65's (fix-r62: a bureau's summary headed 工作情况 or opening on its year and its leadership, a
# key-project note of the months to a date with the year's plan beside what was done, project groups line by line, a
# 民生实事 note's months with no year, 目标任务半年完成情况, a progress heading with no year, 2025年1—9月 after last year's
# figures, a year's environment data, 现将1-10月…报告如下, outcomes and task rates said alone, a toll after a change;
# fix-r66: a ceremony of the year's projects, a dated page of the year so far, 今年来, 完成情况 and 任务数 in brackets, a
# department's paragraph of a task done ahead of time, project groups not named 项目, a progress table parted by spaces, a
# year's works all done; fix-r69: a breakdown of a work report's tasks, a budget's performance sheet of goals or of its
# self-evaluation, bands of the things counted, a date line under a breadcrumb); review72.json: review72–74's (fix-r72: 今年N月以来,
# 预计到2025年, 将在未来三年内, a dateline before 今年以来, a news lead then a year's 成绩单, 锚定…目标 in a review, 2022年实施完成…如下,
# heading lines 工作总结 and 措施及成效, 截至目前 after a year long past, households' people, an action plan's table one cell a
# line, fractions with a slash, gaps against a list of places after a growth, a group's share, 自然口径, an investment's scope)
CASES = [case for name in ("records.json", "records-targets.json", "review5.json", "review6.json", "review7.json",
                           "review8b.json", "review9b.json", "review10.json", "review11.json", "review12.json",
                           "review13.json", "review14.json", "review15.json", "review16.json", "review17.json", "review18.json",
                           "review22.json", "review23.json", "review24.json",
                           "review25.json", "review26.json", "review27.json", "review28.json", "review29.json",
                           "review30.json", "review31.json", "review32.json",
                           "review33.json", "review34.json", "review35.json", "review36.json",
                           "review37.json", "review38.json", "review40.json", "review42.json", "review53.json",
                           "review62.json", "review72.json")
         for case in json.loads((DATA / name).read_text(encoding="utf-8"))["cases"]]
PINS = [(case, pin) for case in CASES for pin in case["pins"]]
ABSENT = [(case, gone) for case in CASES for gone in case.get("absent", [])]


@pytest.mark.parametrize(("case", "pin"), PINS, ids=[f"{c['shape'][:24]}-{p['quote']}" for c, p in PINS])
def test_local_plan_record_has_its_fields(case: dict[str, object], pin: dict[str, object]) -> None:
    text = str(case["text"])
    records = extract_quantities(text, doc=str(case.get("doc", "t")))
    quote = str(pin["quote"])
    found = [r for r in records if r.quote.endswith(quote)] or [r for r in records if quote in r.quote]
    assert found, f"no record quoting {quote}: {[r.quote for r in records]}"
    got = {field: getattr(found[0], field) for field in pin["fields"]}  # type: ignore[union-attr]
    assert got == pin["fields"]
    for record in records:
        assert text[record.start:record.end] == record.quote


def _words(gone: dict[str, str]) -> str:
    """The words that must quote no record (review4b's files say "quote", review5's "text")."""
    return gone.get("quote") or gone["text"]


CLEAN = [case for case in CASES if case.get("names_clean")]
_BRACKETS = "（(【[）)】]"
_BULLETS = "▶►▸◆◇■□★☆◎※→√●•·"


def _unmatched(name: str) -> bool:
    """Whether `name` holds a bracket without its partner (")低", "项目（")."""
    depth = 0
    for ch in name:
        if ch in "（(【[":
            depth += 1
        elif ch in "）)】]":
            depth -= 1
            if depth < 0:
                return True
    return depth != 0


@pytest.mark.parametrize("case", CLEAN, ids=[c["shape"][:40] for c in CLEAN])
def test_local_plan_names_hold_no_stray_bracket_nor_bullet(case: dict[str, object]) -> None:
    records = extract_quantities(str(case["text"]), doc=str(case.get("doc", "t")))
    bad = [r.indicator for r in records if _unmatched(r.indicator) or r.indicator[:1] in _BULLETS
           or r.indicator[:1] in _BRACKETS[4:] or r.indicator[-1:] in _BRACKETS[:4]]
    assert not bad, bad


@pytest.mark.parametrize(("case", "gone"), ABSENT, ids=[f"{c['shape'][:24]}-{_words(g)}" for c, g in ABSENT])
def test_local_plan_words_that_are_no_record(case: dict[str, object], gone: dict[str, str]) -> None:
    records = extract_quantities(str(case["text"]), doc=str(case.get("doc", "t")))
    assert not [r for r in records if _words(gone) in r.quote and r.unit == gone["unit"]], \
        [(r.quote, r.indicator) for r in records]
