"""Wording: what the words around a number say about it.

The comparator (左右, 以上, 超过 …), the measure and the verb that gives its sign
(增长 / 下降 … %, 个百分点, 占 …), and the kind and year the wording implies
(YYYY年, 去年, 预计, 十五五, the base of "从 X 提高到 Y").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

import regex

from planwatch.extract import plain_re
from planwatch.extract.candidates import Candidate
from planwatch.extract.context import FIVE_YEAR_END, PART_WORDS, SO_FAR_CLAUSE, Frame, one_and_five, without_met_goals

# Patterns that need nothing of `regex` (no \p{…}, no REVERSE, no \s) use stdlib `re` (plain_re).
_COMING_YEARS = plain_re.compile(
    r"(?:今后|未来)(?P<n>[两二三四五\d])年|(?P<n2>[两二三四五])年(?:内|时间)|用(?P<n3>[两二三四五\d])年(?:的)?时间"
)
_LOWER_BY = plain_re.compile(r"(?:低|少|慢)(?:了)?$")
# A gap below a named figure: "低于年度预期目标1.9个百分点", "低于全国平均水平0.5个百分点" → −1.9, −0.5 (as "比去年预算低0.4个
# 百分点" is −0.4; the colloquial "塌目标1.8个百分点", falls short of it, too); "低于1个百分点", with nothing between, bounds a
# value instead.
_BELOW = plain_re.compile(r"(?:低于|慢于|少于|落后于?|滞后于?|塌)[^，。；、：\d%]{1,12}$")
# The size of a fall narrowed or widened ("降幅比上半年收窄10个百分点"): a positive change named by its words, as a fall
# in an amount keeps its verb in the name (see `quantities._fall_resized`).
# A rise's rate narrowed ("涨幅较上年同期收窄3.7个百分点", Review18): the rate fell by so many points, a negative change.
_RISE_NARROWED = plain_re.compile(r"(?:涨幅|增幅|增速|涨速)(?:比|较)?[^，。；、\d%]{0,10}?(?:收窄|缩小|减小)(?:了)?$")
FALL_RESIZED = plain_re.compile(r"(?P<fall>降幅|跌幅|下降幅度)(?:比|较)?[^，。；、\d%]{0,10}?(?P<dir>收窄|缩小|减小|扩大|加大|加深)(?:了)?")
_FORECAST = plain_re.compile(r"预计(?!数)")
_THIS_YEAR = plain_re.compile(r"预计(?:今年|全年)")
# 今年 before 预计 in the clause ("今年全市地区生产总值预计增长7%"), not a part of the year already past (今年以来, 今年上半年 …):
# the plan year's expectation, in a document that does not look on to 明年 (a year-end speech's 今年…预计 forecasts the
# year it closes).
_THIS_YEAR_FIRST = plain_re.compile(r"今年(?!以来|上半年|一季度|前|[1-9一二三四五六七八九十]+月)[^，。；：！？\n\d]{0,16}预计")
# The plan year's goal named in its own clause, outside a goal section (a news headline, "今年GDP预期增长7.5%左右"): 今年,
# a goal word (预期, 目标, 计划, 力争) and a value held to a bound or an approximation. Not a part of the year already past
# ("今年以来", "今年上半年", "今年1—5月"), which is a result, nor 预计 (a forecast of the year's result).
_THIS_YEAR_GOAL = regex.compile(
    r"今年(?P<mid>[^，。；：！？\n\d]{0,16}?)(?:预期|目标|计划|力争)[^，。；：！？\n\d]{0,10}$")
_PART_OF_YEAR = plain_re.compile(r"以来|上半年|下半年|前|季度|月|至今|目前|截至")
# The same goal restated with its goal word after the value, or as what is expected of 今年 ("今年某省预计实现全省生产总值增长
# 7%左右目标", "今年…增长7%的目标", "今年GDP预计增长7%左右"): a headline or a news lead. 今年 with nothing of another
# value between it and this one; 预计 there needs a bound or an approximation (左右, 以上 …), the goal word after none.
_THIS_YEAR_SAID = regex.compile(r"今年(?P<mid>[^，。；：！？\n\d]{0,24}?)$")
_GOAL_AFTER = plain_re.compile(r"(?:的)?(?:预期|奋斗|发展)?目标")
# A sentence opening on a past year (预计2022年…, 2022年，…, 去年…) and one with no outlook word in it.
_PAST_SENTENCE = regex.compile(r"[ \u3000\u2003]*(?:预计)?(?:(?P<y>(?:19|20)\d{2})\s*年(?!以来|底前|前|起)|去年)")
# A title's words after its values that set the year's course: its year (or 今年) and a word of plans. A title is the
# document's first line, without a full stop, this long at most.
_HEADLINE_MAX = 60
_HEADLINE_AHEAD = regex.compile(
    r"(?:(?P<y>(?:19|20)\d{2})\s*年|(?P<now>今年))[^，。；！？!?\n]{0,16}?(?:蓝图|目标|安排|计划|部署|规划|任务|怎么干|这样干)")
_AHEAD_WORDS = plain_re.compile(r"目标|力争|确保|争取|计划|将|要|今年|明年|预期")
# Where nothing in the document frames a value (`Frame.default`), a future or goal word in its own clause makes it a target
# of the plan year ("公办幼儿园在园幼儿占比将提高到85%以上", "装备制造业计划增长3%", "全年力争签约项目18个"), unless the
# clause looks back or forecasts (去年, 上年, 过去, 以来, 已, 完成了, 预计 …).
# (计划 as a verb, not a noun: "占年计划的48.5%", "省级人才计划入选者"; 争取 is also "secured" in a review: "争取上级专项
# 资金2亿元"; 预期目标 is the goal a review compares with.)
_CLAUSE_AHEAD = regex.compile(
    r"将(?!近)|计划(?=增长|增加|提高|提升|达到|实现|新建|新增|新开工|开工|竣工|建成|完工|建设|实施|统筹|投资|投入|安排|推进|续建|引进"
    r"|播种|种植|造林|改造|培训|发放|完成(?!率|情况))"
    r"|力争|确保|拟(?!定)|预期(?!目标)")
# The words of `_CLAUSE_AHEAD` that hold for the clauses after theirs in the sentence (not 将, which is also 把).
_SENTENCE_AHEAD = regex.compile(  # (not a plan's amount named as such: "年内计划完成投资86亿元，开复工项目25个", Review63)
    r"计划(?!(?:完成)?投资\s*(?:\d|约|近|超))(?=增长|增加|提高|提升|达到|实现|新建|新增|新开工|开工|竣工|建成|完工|建设|实施|推进|续建"
    r"|播种|种植|造林|改造|培训|发放|完成(?!率|情况))"  # (播种 …: "今年我县计划播种粮食面积52万亩", Review77)
    r"|(?<!为|为了)(?:力争|确保)|拟(?!定)|预期(?!目标)"
    r"|将(?=在?(?:今后|未来)[两二三四五\d]年)")  # (将 of coming years: "宣布将在未来三年内，总投资超130亿元", Review74)
# (not a purpose: "为确保…目标顺利实现，…对185项…进行了责任分解")
_CLAUSE_BACK = regex.compile(
    r"去年|(?<!基础)上年|过去|以来|已|(?:完成|实现|达到|增长|提高|下降)了|预计|同比|比上|较上|截至|累计|完成情况")
# A count the plan sets: 计划 and a verb of doing in the value's clause, or a bracket of its parts after it.
_PLANNED = plain_re.compile(r"计划(?:实施|新建|新开工|开工|竣工|建成|完工|建设|安排|推进|续建|完成)[^，。；、()（）]{0,12}$")
# The plan's amount for the year, named so right before its value, and a count followed by one.
_PLANNED_AMOUNT = plain_re.compile(
    r"(?:(?:年度|全年|年内|本年度?|当年)计划|计划(?:年内|全年|本年|当年))(?:完成)?投资额?(?:为|是|达|约|共)?$"
    r"|(?:年度|全年|年内|本年度?|当年)投资计划(?:为|是|达|约|共)?$|(?<!完成)年计划投资(?:为|是)?$")
_PLANNED_AMOUNT_NEXT = plain_re.compile(
    r"(?:[，,][^，,。；;\n]{0,16})?[，,]\s*(?:年度|全年|年内|本年度?|当年)(?:计划(?:完成)?投资|投资计划)")
_PLANNED_PARTS = plain_re.compile(r"计划(?:实施|新建|新开工|开工|建设|安排|推进|续建)[^，。；()（）]{0,16}[（(][^）)]*$")
# A sentence opening on a year ("2023年县级重点项目共530项，…"), words of part of a year past (1-6月, 上半年, 一季度), a
# paragraph opening on now (截至目前, 截止目前), and a plan of a year named before it (年度计划投资, 当年计划投资).
# (after a headline's place and its colon too: "济南市历下区：2022年地区生产总值增长8%以上，一般公共预算收入增长9%", Review17)
_OWN_YEAR_OPENING = regex.compile(
    r"[ \u3000\u2003]*(?:\p{Han}{2,12}[：:])?(?P<y>(?:19|20)\d{2})\s*年(?!以来|底|末|前|起|度|\d)")
_PART_YEAR_SAID = regex.compile(PART_WORDS)
_FORECAST_OPENING = regex.compile(r"[，,]?[^，,；。\d]{0,12}?预计(?!数)")
_SO_FAR = regex.compile(r"[ \u3000\u2003]*(?:截至|截止|到)(?:目前|当前|现在|发稿时|今天)")
# A task said done, with its rate or ahead of time ("完成市下达任务100亿的100.2%", "提前完成区200亿招商引资任务"): its
# paragraph reviews the year it opens on (Review68); not a plan's share done so far ("完成1-4月投资计划的132.1%").
_TASK_DONE = regex.compile(r"完成[^。\n，,]{0,16}?(?:任务|目标)[^。\n，,]{0,10}?的\s*\d|(?:提前|超额)完成")


def _paragraph_stop(s: str, pos: int) -> int:
    """Where the paragraph holding `pos` ends (its line break, or the text's end)."""
    stop = s.find("\n", pos)
    return stop if stop >= 0 else len(s)


# A clause that opens on what was done ("完成投资30.5亿元"), after a time so far earlier in its sentence: done by then.
_DONE_OPENING = regex.compile(r"[ \u3000]*(?:已经|已|累计)?(?:完成|开复工|复工|开工|竣工|建成)")
_YEAR_PLAN = plain_re.compile(r"(?:年度|当年|全年)计划")
# What there is, said of a year (Review60): "2023年辖区共有学校46所", "现有…".
_EXISTING = plain_re.compile(r"共有|现有|拥有|已有")
_PLAN_REACH = 600


# A year that opens a sentence or a clause as its time ("2024年，全县地区生产总值完成…", "…健康发展，2000年预计实现…", "2000年第三
# 产业预计实现增加值…"), not a span from or to it (以来, 底, 末, 前, 起, 2007—2011年), a date (2024年1月) nor a year's plan (年度).
_YEAR_OPENS = regex.compile(
    r"(?:^|(?<=[。！？\n，,；;：:]))[ \u3000\u2003]*(?:——)?(?:预计)?(?P<y>(?:19|20)\d{2})\s*年"
    r"(?!以来|底|末|前|起|度|初|(?!1\s*(?:—|-|－|–|~|～|至|到)\s*\d{1,2}\s*月)\d|\s*(?:—|-|－|–|~|～|至|到)\s*(?:19|20)?\d)"
)  # (its months from January are of it: "2024年1—7月，新会区空气质量优良天数比率93.4%", Review62)
# Any other time a value may be of, which ends the reach of a year named before it: a year that is no base (比2019年, 较, 与,
# 同, 从, 由, 是2011年的, 自), 今年, 明年, 去年, 前年, 上年 (not 上年同期, nor 比上年 …), a five-year term, a sentence opening on
# 截至目前.
_OTHER_TIMES = regex.compile(
    r"(?<![比较与同从由是自])(?:19|20)\d{2}\s*年|(?<![比较与同])(?:今年|明年|去年|前年|(?<!基础)上年(?!同期))"
    r"|十[一二三四五六]五|[“\"](?:八五|九五|十五)[”\"]"
    r"|(?<=[。！？])截[至止]目前"  # a sentence of now after one of a year long past ("2015年…919人。截至目前…", Review72)
)
# A paragraph on the year in course that estimates its figures: "今年以来，…。预计2023年园区生产总值增长4.5%".
_IN_COURSE_ESTIMATE = regex.compile(r"(?:今年以来|即将过去的一年)[^\n]*?预计\s*(?:19|20)\d{2}\s*年(?:全年)?[^\n。；]*$")
_NAMED_REACH = 1500  # how far back in its paragraph a named year is looked for


@lru_cache(maxsize=64)
def _named_years(s: str) -> tuple[list[int], list[int], list[int]]:
    """The years that open a sentence or clause of `s` (`_YEAR_OPENS`: where each opening ends, its year) and where every
    other time named in `s` ends (`_OTHER_TIMES`), in text order: one scan of a document for `named_year`."""
    ends: list[int] = []
    years: list[int] = []
    opened: set[int] = set()
    if "年" in s:
        for m in _YEAR_OPENS.finditer(s):
            ends.append(m.end())
            years.append(int(m.group("y")))
            opened.add(m.end())
    others = [m.end() for m in _OTHER_TIMES.finditer(s) if m.end() not in opened] if "年" in s or "五" in s else []
    return ends, years, others


def named_year(s: str, pos: int, adverbial: bool = False) -> int | None:
    """The year that opens the sentence or clause holding `pos`, or an earlier one of the same paragraph ("2024年，全县地区
    生产总值完成201.06亿元，…。规上工业总产值完成323.66亿元": 2024 for both), when no other time is named between it and
    `pos` (`_OTHER_TIMES`: 今年, 去年, another year that is no base …); None otherwise. `adverbial`: only a year said as the
    time of what follows, set off by a comma or opening a sentence ("2021年，…"), not one inside a clause that names a
    thing by it ("，2021年水毁公路全部修复": the 2021 floods' damage, repaired in the plan year)."""
    ends, years, others = _named_years(s)
    i = bisect_right(ends, pos)
    if not i:
        return None
    at = ends[i - 1]
    if pos - at > _NAMED_REACH or s.find("\n", at, pos) >= 0:
        return None
    j = bisect_right(others, pos)
    if j and others[j - 1] > at:
        return None
    if adverbial and s[at: at + 1] not in ("，", ",") and _full_stop_before(s, at) != s.rfind(str(years[i - 1]), 0, at):
        return None
    return years[i - 1]


def _looks_ahead(text: str) -> bool:
    """Whether `text` says what will be done (将, 力争, 确保, 拟, 计划 + a verb, 预期, a goal that is not one met)."""
    return _CLAUSE_AHEAD.search(text) is not None or "目标" in without_met_goals(text)


def _full_stop_before(s: str, pos: int) -> int:
    """Where the sentence holding `pos` starts, past ；and ： (after the last 。！？ or line break)."""
    return max(s.rfind(mark, 0, pos) for mark in "。！？\n") + 1


def _own_plan_before(s: str, para_start: int, plan: int) -> bool:
    """True when the text before the paragraph at `para_start` (`_PLAN_REACH` characters) names the plan's own year and a
    year's plan (年度计划投资, 当年计划投资): the paragraph reports how far that plan has got."""
    before = s[max(0, para_start - _PLAN_REACH): para_start]
    return f"{plan}年" in before.replace(" ", "") and _YEAR_PLAN.search(before) is not None


# An event the passage reports as held, named in the value's clause: 此次 / 本次 … 集中开工, 签约, 竣工, 投产.
_EVENT_HELD = regex.compile(
    r"(?:此次|本次|这次|当天|当日|会上)[^，。；\d]{0,8}?(?:集中)?(?:开工|开复工|复工|签约|竣工|投产|开业|揭牌)[^，。；\d]{0,10}$")
# Words of execution right before the value: a rate of what was done against the plan ("投资完成率122.6%", "开工率61.54%",
# "占年计划投资的64.49%") or what was done in a span of months ("1-12月份，完成投资77.57亿元", "1-6月累计完成投资…").
# They report how far the year's plan got, a result of that year, not a goal ("开工率达到90%以上" has a verb between).
_EXECUTION_RATE = regex.compile(
    r"(?:完成率|开工率|到位率|执行率|(?:占|完成|为)(?:年|年度|全年)(?:投资)?计划(?:投资)?的?"
    r"|(?:占|完成)(?:年度|全年)?(?:目标)?任务的?"  # "完成年度任务的110.9%" (Review58)
    r"|(?:高于|低于|快于|慢于|超过|超出)(?:序时进度|时序进度|时间进度))\s*$")
# What was actually done, said right before the value in a passage of goals (a 民生实事 self-inspection, a progress note):
# "全年任务目标数是108个，实际已减少129个", "实际已完成95.31%", "截至目前，…已完成新增学位26155个".
# (not a base: "比上年实际完成增加2719万元", a budget's rise over last year's actual, Review57)
_DONE_SAID = regex.compile(
    r"(?<![比较]上年)(?:实际|已经|已)(?:已)?(?:基本)?(?:完成|减少|新增|增加|达到|建成|实现|竣工|完工|开工)了?[^，。；,;\d]{0,12}$")
# The same after a sentence's word of progress so far, a clause or more before the value ("截至目前，…项目按时间节点有序
# 推进，项目施工总进度达到90%"), or a rate after an actual ("实际已完成95.31%，完成率为120.80%").
_SO_FAR_SAID = regex.compile(
    r"截至目前|截止目前|截至\d{1,2}月(?:底|末)?|截至\d{1,2}月\d{1,2}日|已(?:经)?(?:全部|基本)?(?:完成|完工|建成|竣工)")
# The same said after the value, of what it counts: "1月份28所建设项目均已开工" (not "已开工的…", what is already under way).
_DONE_AFTER = regex.compile(
    r"[\d.]+[^，。；,;\d]{0,12}?(?:均|都|全部)已(?:经)?(?:全部|基本)?(?:开工|完工|建成|竣工|完成|投用|投入使用)(?!的)")
_ACTUAL_BEFORE = regex.compile(r"实际(?:已)?(?:完成|减少|新增|增加|达到)")
_RATE_SAID = regex.compile(r"(?:完成率|开工率|到位率|执行率)(?:为|是)?\s*$")


def _done_said(s: str, sentence_start: int, pos: int, window: str) -> bool:
    """Whether the value at `pos` reports what was done, in a passage of goals: an actual said right before it, or a
    progress or completion word earlier in its sentence ("截至目前", "已完成…工作") with no goal word after it, or a
    completion rate after an actual. A value inside quotation marks is a name ("“新增学位3.2万个”项目"), not what was
    done."""
    if _EXECUTION_AHEAD.search(window):
        return False
    if _DONE_SAID.search(window) or _DONE_AFTER.match(s, pos):
        return True
    before = s[sentence_start:pos]
    if before.count("“") > before.count("”"):
        return False
    if (so_far := _SO_FAR_SAID.search(before)) is not None and not _EXECUTION_AHEAD.search(
            before, so_far.end() + (before.startswith("将", so_far.end()))):  # ("已完成将…改为…": 将 is 把)
        return True
    return _RATE_SAID.search(window) is not None and _ACTUAL_BEFORE.search(before) is not None
_EXECUTION_DONE = regex.compile(
    r"(?:(?:1|一)\s*[-—–~～至到]\s*(?:\d{1,2}|[二三四五六七八九十]|十[一二])\s*月份?|截至[^，。；]{0,12}|截止[^，。；]{0,12}|累计)"
    r"[，,]?\s*(?:累计)?完成(?:[^，。；\d]{0,6})?投资\s*$")
_EXECUTION_AHEAD = plain_re.compile(r"力争|确保|预计|目标|计划完成|将|争取|拟")
# Tasks said assigned, then listed after 其中 in the next sentence: the year's targets, whatever the review around them.
_TASK_ASSIGNED = regex.compile(r"(?:下达|分解|下发|分配)(?:了)?[^。；！？\n]{0,24}?(?:任务|指标)\s*。\s*其中[，,：:]")
_ASSIGNED_REACH = 120  # how far back from a value the 其中 list's lead may stand
_DONE_IN_PARTS = plain_re.compile(r"完成|实现|达到了|已")
# The lead of a list of works done (Review38): "其中超额完成任务的已有10项：", "已完成的项目有：".
_DONE_LEAD = plain_re.compile(r"(?:已|超额|提前)(?:完成|建成)[^，。；：:\n]{0,8}?(?:的)?(?:已)?有(?:\d+(?:项|个|件))?[：:]")
_DONE_REACH = 400  # how far back in its paragraph a value looks for that lead
# A completion rate in the clause right after a value (Review38): the value is what was done.
_RATE_AFTER = plain_re.compile(r"[^，。；;\n]{0,6}[，,]\s*(?:任务|年度任务)?完成率(?:为|达到?|达)?\s*\d")
# What the plan year's list holds, said as decided (Review38): "今年我市确定的新建续建项目中，…", "今年确定实施的重点项目".
_DECIDED_THIS_YEAR = plain_re.compile(r"(?:今年|本年度|年内)[^，。；！？\n]{0,8}?确定(?:的|实施的|建设的|推进的)")
# A value said as the year's plan at the head of its clause, in a report on how that plan went (Review38).
# (or the year's plan of a thing, said right before the value: "今年固投计划13亿元", Review53)
# (not its completion rate: "年度计划完成率97.26%" is how far it got)
_YEAR_PLAN_LEAD = plain_re.compile(r"(?:年度|全年|年)计划(?:目标)?(?:完成|实现|为|是)?(?:的)?[^，。；、\d]{0,24}(?<!率)(?<!率为)(?<!率达)$"
                                   r"|今年[^，。；、\d]{1,8}?计划(?:目标)?(?:为|是)?$")
_PLANNED_UNITS = frozenset(("项", "个", "家", "座", "所", "条", "处", "套", "栋"))
# A list of the tasks behind schedule, each named by its goal: "未达到序时进度11项、占比20.0%,为“交通建设提升年”活动完成投资
# 80亿元、普惠性幼儿园覆盖率达80%、…" (a 督查 notice). Its items name tasks by what they are to reach, not how far they got.
_BEHIND_LIST = plain_re.compile(
    r"(?:未达到|未达|未完成|未能完成|尚未完成|滞后于|落后于|进度滞后|进展滞后|进展缓慢|进展较为缓慢|进度较慢)"
    r"[^。；;：:\n]{0,24}?(?:分别|主要)?(?:为|是|包括|有)[:：]?")
_BEHIND_WORD = plain_re.compile(r"未|滞后|缓慢|落后|较慢")  # what `_BEHIND_LIST` cannot do without
_LIST_BREAK = plain_re.compile(r"[，,。；;：:\n]")  # a list of items runs on 、 only
_YEARS_IN = plain_re.compile(r"((?:19|20)\d{2})\s*年")
_GOAL_SUFFIXES = frozenset(("左右", "以上", "以内", "之内", "上下"))
# Bounded words anchored at the end ($): stdlib re tries only the positions whose character can start them.
_PREFIX_CMP: list[tuple[re.Pattern[str], str]] = [
    (plain_re.compile(r"(?:不低于|不少于|至少|不小于|不下于|迈上|跨上|站上|跃上|登上|迈入|跨入)(?:了)?$"), ">="),
    (plain_re.compile(r"[“\"、](?:保|确保)$"), ">="),  # a goal's floor quoted as a tier: “保8%、争9%” (Review17)
    (plain_re.compile(r"(?:不超过|不高于|不多于|最多)(?:了)?$"), "<="),
    (plain_re.compile(r"(?:低于|不足|不到|不满|少于|小于)(?:了)?$"), "<"),
    (plain_re.compile(r"(?:超过|突破|首破|超出|逾|多于|大于|高于|超)(?:了)?$"), ">"),
    (plain_re.compile(r"(?:近|约|大约|接近|将近|大概|约有|大约有)$"), "≈"),
    # signs of tables and web copies: "城镇登记失业率≤3.8%"
    (plain_re.compile(r"(?:≥|≧|>=|＞＝|≮)$"), ">="),
    (plain_re.compile(r"(?:≤|≦|<=|＜＝|≯)$"), "<="),
    (plain_re.compile(r"[<＜]$"), "<"),
    (plain_re.compile(r"[>＞]$"), ">"),
]
_GROWTH_VERB = plain_re.compile(
    r"(?P<verb>负增长|增长|增速|增幅|涨幅|上涨|上升|下降|降低|减少|回落|下跌|提高|提升|增加|扩大|缩小|缩减|压减|精简|压缩|缩短|"
    r"降幅|递增|递减|(?<!占)比增|减|降|增|涨)"
    r"(?:了)?(?:约|近|超|超过|大约|接近)?$"
)
_GROWTH_NOUN = plain_re.compile(
    r"(?:增速|增幅|涨幅|增长率|增长|上涨|降幅|跌幅|提价幅度|涨价幅度|幅度)(?:均|分别)?(?:预期)?(?:目标)?(?:拟定|设定|定|明确|确定)?"
    r"(?:仍将|还将|将|仍|便|就|也|则)?"
    r"(?:达到|达|为|是|保持在|控制在|稳定在|在|超过|超|回落到|回落至|回升到|回升至)?$"  # "涨幅回落到2.6%": a rate of change
)  # (Review17: "GDP增速目标便是7%", "增速目标明确为6.5%")
_GROWTH_VERB_ANY = plain_re.compile(_GROWTH_VERB.pattern.replace("$", ""))
# A verb of change before its object, the per cent after both: "压减政府性基金项目30%", "平均减时间83%",
# "提高城乡居民基础养老金最低标准10%": a change of the object by that much, not its share. An object that
# names a share, a rate or a target of 达/为/到 ("降低企业负债率", "提高比重到") is left to the other rules.
_VERB_OBJECT = regex.compile(
    r"(?P<verb>压减|削减|缩减|精简|压缩|减少|降低|缩短|下调|上调|提高|减)"
    r"(?P<object>(?:(?!占|比重|比例|率|达|为|到|至|覆盖|惠及|超过|是|使|让|成|值)[^\d%，。；：、,;:\s]){1,20})$"
)
# A growth written with its sign: "社会消费品零售总额758.4亿元，增长-4%" is a fall of 4 %, not a share of 4 %.
_SIGNED = plain_re.compile(r"(?:增长|增速|增幅|涨幅|上涨|同比)(?P<each>均|分别)?(?:为|是)?[-－−]$")  # (增速分别为-9.4%、…)
_ADVERB_TAIL = plain_re.compile(r"(?:不低于|不少于|至少|不超过|超过|突破|近|约有|约|大约|接近|超|了)$")
# 上年, not the 上年 of "在…的基础上年均增长7%".
_LAST_YEAR = plain_re.compile(r"去年|(?<!基础)上年(?!同期)")
_VERSUS_LAST = plain_re.compile(r"比去年|比上年|较去年|较上年|同比")
_TRAILING_MARKS = regex.compile(r"[^\p{Han}\d]+$")
DECREASE = {
    "低", "少", "慢", "下降", "降低", "减少", "回落", "下跌", "缩小", "缩减", "压减", "削减", "下调", "精简", "压缩", "缩短", "降幅",
    "减", "降", "负增长", "递减",
}
_TO = plain_re.compile(
    r"(?:提高|提升|增加|增长|下降|降低|减少|扩大|缩小|整合|简并|合并|归并|跃升|攀升|上升|压减|缩减|调整|核增|核减|降|增|升)(?:到|至|为)"
    r"|^(?:以上|左右)?达到"  # "从目前的2%以上达到2.8%以上": the base, then where it goes
    r"|^到(?=\s*\d)"  # "实现从6万亿元到9万亿元的跨越" (Review54): the verb before 从, a bare 到 between the ends
)
_BASE_YEAR = plain_re.compile(
    r"(?:从|由)(?:(?P<y>\d{4})年|(?P<last>去年|上年)|(?:目前|现在|当前)(?=的)|“?(?P<five>九五|十五|十[一二三四五六]五)”?(?:时期|期)?(?=末))?(?:的|底的|末的)?(?:人均每月|人均每年|人均|每人每年|每人每月|每年|每月|每人|月销售额|年销售额)?"
    r"(?:不到|不足|不满|超过|逾|近|约|接近|将近)?$"  # "从不到70万亿元增加到…": the base, its comparator written after 从
)
# an exclusion in brackets: "（扣除2022年灾后恢复重建专项资金支出外）", "（不含2019年新增专项债券）"
_EXCLUDED = regex.compile(r"[（(](?:扣除|剔除|不含|不包括|除)[^（()）\n]{0,40}[)）]")
_YEAR_IN_CLAUSE = plain_re.compile(r"(?P<pre>较|比|与|同|相比|自|从|由|于|是)?(?P<y>(?:19|20)\d{2})年")
# A sentence that reports a year's statistics ("初步统计，2012年全省生产总值…", "据初步核算，2012年…", "2012年，经
#初步核算，…") is a result of that year even inside a goal stretch (news items that state the new targets first,
# then review last year): see `_statistics_year`.
_STATISTICS = plain_re.compile(
    r"(?:(?P<y1>(?:19|20)\d{2})年[，,：:]?(?:全年)?)?(?:(?:据|经)(?:初步)?|初步)(?:统计|核算|测算)(?!局)(?:显示|表明)?"
    r"[，,：:]?(?:(?:全年|去年)?(?P<y2>(?:19|20)\d{2})年|(?P<last>去年|上年))?"
)
# After the statistics cue, words that look ahead end its reach in the sentence.
_STATISTICS_END = plain_re.compile(r"(?:19|20)\d{2}年|今年|明年|目标|预期|计划|力争|预计")
# The last year of each five-year plan, with the two before 十一五 that a base value may name ("由“十五”末的12.8亿元").
_PLAN_END = {"九五": 2000, "十五": 2005, **FIVE_YEAR_END}
# "相较2017年，该省地区生产总值增长9.5%": a year compared with, whose own figure follows under a new subject
# (该省, 该市 …), is the year of that figure rather than a base of the number.
_VERSUS_YEAR = plain_re.compile(r"(?:相较|相比)于?(?P<y>(?:19|20)\d{2})年[，,]?该(?:省|市|县|区|州)[^，。；\d]{0,16}$")
_FIVE_YEAR = plain_re.compile(r"(?P<pre>较|比|与|从|由)?“?(?P<p>十[一二三四五六]五)”?")


def comparator(c: Candidate, pre: str) -> str:
    if c.num.value_max is not None:
        return "between"
    if c.suffix in ("左右", "上下"):
        return "≈"
    if c.suffix == "以上":
        return ">="
    if c.suffix in ("以下", "以内", "之内"):
        return "<="
    if c.num.more or c.suffix in ("多", "余"):
        return ">"
    return _prefix_comparator(pre)


@lru_cache(maxsize=4096)  # pure functions of the clause before a number: a repeated clause is read once
def _prefix_comparator(pre: str) -> str:
    for pattern, comparator in _PREFIX_CMP:
        if pattern.search(pre):
            return comparator
    return "="


def measure(c: Candidate, pre: str) -> tuple[str, str]:
    """Measure and the verb that decides the sign."""
    return _measure(c.num.unit, c.score, c.halved, c.growth_after, c.fraction, pre)


@lru_cache(maxsize=4096)
def _measure(unit: str, score: bool, halved: bool, growth_after: bool, fraction: bool, pre: str) -> tuple[str, str]:
    core = _ADVERB_TAIL.sub("", pre) if _ADVERB_TAIL.search(pre) else pre
    if unit == "%" and core[-1:] in "-－−" and core and (signed := _SIGNED.search(core)):
        if signed.group("each"):
            return "growth", "增长"  # "增速分别为-9.4%、23.0%": the list's rates, each with its own sign (the written minus)
        return "growth", "负增长"  # "增长-4%": a negative growth, its sign written
    verb = m.group("verb") if (m := _GROWTH_VERB.search(core)) else ""
    if unit in ("百分点", "千分点"):  # points of a per cent or of a ‰ ("下降0.66个千分点")
        if not verb and (lower := _LOWER_BY.search(core)):
            return "points", lower.group(0)[-1]  # "比去年预算低0.4个百分点"
        if verb in ("", "增速", "增幅", "涨幅") and _BELOW.search(core):
            return "points", "低"  # "低于年度预期目标1.9个百分点", "低于全市平均增速1.9个百分点" (增速 names the figure)
        if (resized := FALL_RESIZED.search(core)) and resized.end() == len(core):
            return "points", ""  # "降幅比上半年收窄10个百分点": a positive change of the fall's size
        if _RISE_NARROWED.search(core):
            return "points", "缩小"  # "涨幅较上年同期收窄3.7个百分点": the rise's rate 3.7 points lower
        if not verb:
            verb = m.group("verb") if (m := _GROWTH_VERB_ANY.search(core)) else ""
        return "points", verb
    if unit == "":
        return ("level" if score else "ratio"), ""
    if unit == "‰":  # a rate per thousand (人口自然增长率控制在5.2‰以内, 出生率), a change only right after its verb
        return ("growth", verb) if verb else ("share", "")
    if unit != "%":
        return "level", verb
    if verb:
        return "growth", verb
    if halved:
        return "growth", "减"
    if growth_after:
        return "growth", ""  # "营收保持20%以上增长"
    if fraction and (anywhere := _GROWTH_VERB_ANY.search(core)):
        return "growth", anywhere.group("verb")  # "减少行政审批事项三分之一", "收费项目再减少一半"
    if lead := _VERB_OBJECT.search(core):
        return "growth", lead.group("verb")
    if noun := _GROWTH_NOUN.search(core):
        # "单位GDP能源消耗降幅达到8%以上": the size of a fall, a negative growth ("增速达到8%": none)
        return "growth", "降幅" if noun.group(0).startswith(("降幅", "跌幅")) else ""
    return "share", ""


# A paragraph of the year's tasks where nothing frames it (a work report's page that continues from another, its section
# heading left there): clauses opening on a verb of doing or a directive ("建成…光伏项目，加快…建设。…实施制造业项目9个，新认证
# 农产品30个以上"), at least three of them, and nothing from the document's start to the paragraph's end that looks back
# (去年, 以来, 已, 完成了, 预计, 同比, 比上年, 累计, 一年来, 成效, a year before the plan's …) or numbers its sections.
_TASK_OPEN = regex.compile(
    r"(?:^|(?<=[，。；：,;:)）]))[ \u3000\u2003]*(?:深入|加快|持续|全力|大力|积极|扎实|着力|全面|研究|力争|确保|继续)?"
    r"(?:推进|建成|建设|新建|新增|实施|加快|抓好|开展|制定|培育|打造|推动|深化|强化|新认证|谋划|探索|成立|完善|启动|创建|"
    r"争创|提升|做好|落实|支持|引导|举办|改造|新改建|实现|完成)"
)
_PARAGRAPH_BACK = regex.compile(
    r"去年|(?<!基础)上年|过去|以来|年来|已|(?<![为除])了(?!解)|预计|同比|同期|比上|较上|截至|截止|累计|成效|成绩|取得|回顾|"
    r"上半年|季度|\d+\s*(?:—|-|－|–|~|～|至|到)\s*\d+\s*月|月份"
)
_YEAR_IN_PARAGRAPH = regex.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_NUMBERED_LINE = regex.compile(
    r"(?m)^[ \u3000\u2003]*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+部分)")


@lru_cache(maxsize=64)
def _first_back(s: str, plan: int) -> int:
    """Where the document first looks back or is set in sections: a word of `_PARAGRAPH_BACK`, a year before the plan's or
    a numbered heading (a work report's review under "一、…" says what was done in the words of doing as its tasks do)."""
    found = [m.start() for m in (_PARAGRAPH_BACK.search(s), _NUMBERED_LINE.search(s)) if m is not None]
    found += [m.start() for m in _YEAR_IN_PARAGRAPH.finditer(s) if int(m.group(1)) < plan][:1]
    return min(found, default=len(s))


def frame_override(
    c: Candidate, s: str, clause_start: int, sentence_start: int, frame: Frame, plan: int | None, prev_end: int,
    year_end: bool = False,
) -> None:
    """Kind and year from the wording around the number (years, 去年, 预计, 十五五, base values). `year_end`: the document
    speaks of 明年, so its 今年…预计 may forecast the year it closes rather than expect the plan year."""
    kind, year = frame.kind, frame.year
    if kind == "target" and plan and (stat := _statistics_year(s, c.num.start, plan)) is not None:
        kind, year = "result", stat
    window = s[clause_start: c.num.start]
    # Without 五, 年, 预, 比 or 较 only the last 12 characters can say anything (_window's base): a long
    # clause (a list) is read by its tail, which repeats, instead of all of it at every number.
    w = _window(window if _names_time(window) else window[-12:])
    if w.five is not None and not w.five_pre:
        end = FIVE_YEAR_END[w.five]
        if plan and end == plan and frame.kind == "result" and frame.year == plan and not frame.default \
                and not _looks_ahead(s[sentence_start: c.num.start]):
            kind, year = "result", end  # "“十三五”期间完成交通投资超2000亿元" in a review of the term in its last year
        elif plan and end >= plan:
            kind, year = "target", end
        elif plan and (kind == "result" or not c.quoted):
            # a term past is reviewed, even inside a stretch that announces the reports' goals ("“十三五”期间地区生产总值年均
            # 增长6.1%"), but not its goal restated ("年均增长7%的目标")
            kind, year = "result", end
    if w.year is not None:
        value = w.year
        if not w.year_pre and plan and plan - 15 <= value <= plan + 20:
            kind, year = ("target" if value >= plan else "result"), value
            if value == plan and frame.kind == "result" and frame.year == plan and not frame.default \
                    and not _looks_ahead(s[sentence_start: c.num.start]):
                # "2000年预计实现国内生产总值22.1亿元" under "一、“九五”时期的简要回顾" (the review of the years to the plan's
                # own): the year's estimated result, not a goal
                kind = "result"
            elif value == plan and _EXISTING.search(window) and not _AHEAD_WORDS.search(s, sentence_start, c.num.start):
                kind = "result"  # "2023年辖区共有学校46所" (Review60): what there is in the year, a count, not a goal
            elif value == plan and _IN_COURSE_ESTIMATE.search(s, s.rfind("\n", 0, sentence_start) + 1, c.num.start):
                # "今年以来，…经济运行总体平稳。预计2023年园区生产总值增长4.5%" (a year-end release): the year in course's
                # estimated result, not a goal
                kind = "result"
        elif not w.year_pre and plan is None:
            year = value
    if plan and frame.default and (kind, year) == (frame.kind, frame.year) and kind == "result" and w.year is None \
            and (own := _OWN_YEAR_OPENING.match(s, _full_stop_before(s, c.num.start), c.num.start)) is not None \
            and int(own.group("y")) == plan and not _YEARS_IN.search(s, own.end(), c.num.start):
        # "2023年县级重点项目共530项，…，其中：在建项目185项，…，1-6月累计完成投资235.8亿元": in an unframed passage a
        # sentence opening on the plan's own year speaks of that year in every clause, as its first clause does: a
        # target of it, a result of it where the sentence says part of the year or looks back (1-6月, 累计, 同比 …); a
        # 其中 or a ； opens a part of its own ("其中：在建项目185项": the plan's count again)
        part = max(own.end(), s.rfind("；", own.end(), c.num.start) + 1, s.rfind(";", own.end(), c.num.start) + 1,
                   s.rfind("其中", own.end(), c.num.start) + 1)
        back = _PART_YEAR_SAID.search(s, part, c.num.start) or _CLAUSE_BACK.search(s, part, c.num.start) \
            or SO_FAR_CLAUSE.search(s, part - 1, c.num.start) \
            or _TASK_DONE.search(s, own.end(), _paragraph_stop(s, c.num.start)) \
            or (_DONE_OPENING.match(s, clause_start) and SO_FAR_CLAUSE.search(s, own.end() - 1, c.num.start)) \
            or _FORECAST_OPENING.match(s, own.end()) \
            or (_EXISTING.search(s, own.end(), c.num.start) and not _AHEAD_WORDS.search(s, own.end(), c.num.start))
        # (a sentence whose opening clause forecasts, "2011年，全镇预计实现地区生产总值26.5亿元，…；实现财政收入2.5亿元", is
        # the year's estimated results to its full stop; one that says what there is, "2023年辖区共有学校46所，其中…", is a
        # count of the year's, its parts too)
        kind, year = ("result" if back else "target"), plan
    if plan and frame.default and (kind, year) == (frame.kind, frame.year) and kind == "result" and w.year is None \
            and _SO_FAR.match(s, s.rfind("\n", 0, sentence_start) + 1, c.num.start) is not None \
            and _own_plan_before(s, s.rfind("\n", 0, sentence_start) + 1, plan):
        # "截至目前，…完成投资15亿元" after a paragraph on the plan year's plan: how far that year has got, a result of it
        year = plan
    if plan and frame.default and (kind, year) == (frame.kind, frame.year) and kind == "result" \
            and ((_CLAUSE_AHEAD.search(window) and not _CLAUSE_BACK.search(window))
                 or (_SENTENCE_AHEAD.search(s, sentence_start, clause_start)
                     and not _CLAUSE_BACK.search(s, sentence_start, c.num.start) and w.year is None)):
        # (an aim said in an earlier clause of the sentence holds for the values after it: "该市力争2023年地区生产总值增长
        # 8%左右,城乡居民人均可支配收入分别增长10%和12%左右")
        kind, year = "target", plan
    if plan and frame.default and (kind, year) == (frame.kind, frame.year) and kind == "result" and w.year is None:
        line = s.rfind("\n", 0, c.num.start) + 1
        stop = _paragraph_stop(s, c.num.start)
        if _first_back(s, plan) >= stop and len(_TASK_OPEN.findall(s, line, stop)) >= 3:
            kind, year = "target", plan
    if w.year_pre and plan and (versus := _VERSUS_YEAR.search(window)) and plan - 15 <= int(versus.group("y")) < plan:
        kind, year = "result", int(versus.group("y"))
    if plan and kind == "target" and (span := _COMING_YEARS.search(s, sentence_start, c.num.start)) \
            and one_and_five(s[sentence_start: c.num.start], plan) is None:  # not "2022年及未来五年主要目标：…"
        word = span.group("n") or span.group("n2") or span.group("n3")
        n = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5}.get(word) or (int(word) if word.isdigit() else 0)
        if n > 1:
            kind, year = "target", plan + n - 1  # "今后三年各级政府拟投入8500亿元"
    this_year = w.this_year or (w.this_year_first and not year_end)
    if plan and w.forecast and kind == "target" and (year is None or year <= plan) and not this_year \
            and not (w.year == plan and not w.year_pre):
        # 预计 in a plan is the estimate of the year before it; not where the clause names the plan's year
        # ("2019年全市一般公共预算收入预计完成300亿元" in the 2019 plan: that year's expected figure)
        kind, year = "result", plan - 1
    if (plan and w.last_year is not None and not w.versus_last
            and clause_start + w.last_year_at >= prev_end):
        # 上年 in a review means the year before the one reviewed ("由上年下降2.3%转为增长8.5%");
        # 去年 is always the year before the speech.
        reviewed = frame.year if frame.kind == "result" and frame.year else None
        kind, year = "result", (reviewed - 1 if reviewed and w.last_year == "上年" else plan - 1)
    if plan and kind == "target" and (past := _PAST_SENTENCE.match(s, sentence_start, c.num.start)) is not None \
            and not _AHEAD_WORDS.search(s, sentence_start, c.num.start):
        # "预计2022年兰州新区地区生产总值增长13%，…，固定资产投资增长18%，…": a sentence opening on the past year
        # (or 去年) after a goal list reports that year's results, every clause of it
        named = past.group("y")
        if named is None or int(named) < plan:
            kind, year = "result", int(named) if named else plan - 1
    if plan and kind == "target" and year == plan and w.year is None and w.five is None and w.last_year is None \
            and (named := named_year(s, c.num.start, adverbial=True)) is not None and plan - 15 <= named < plan \
            and not _AHEAD_WORDS.search(s, _full_stop_before(s, c.num.start), c.num.start):
        # "报告指出，2021年，武汉市大力加快…。全年开工768个亿元以上项目，…" under a title on 2022's goals: a paragraph
        # opening on a year before the plan's reports that year's results, whatever the goal frame around it
        kind, year = "result", named
    if plan and kind == "result" and (w.year is None or w.year_pre) and w.five is None \
            and (w.last_year is None or w.versus_last) and (named := named_year(s, c.num.start)) is not None \
            and plan - 15 <= named <= plan:
        # "2024年，全县地区生产总值(GDP)完成201.06亿元，增长4.1%，…。规上工业总产值完成323.66亿元": a year that opens the
        # sentence, or an earlier one of its paragraph, dates the results after it, whatever year the frame gives by
        # default (the year before the file's, in a review)
        year = named
        if named == plan and frame.default \
                and (aim := _CLAUSE_AHEAD.search(s, _full_stop_before(s, c.num.start), c.num.start)) is not None \
                and SO_FAR_CLAUSE.search(s, aim.end(), c.num.start) is None:
            # "小布获悉，2023年，成都计划统筹实施…项目545个，总投资6991.48亿元": the plan year's plan (but not after a
            # time so far: "…计划实施重点建设项目100个，…，截至5月末，…；完成投资30.5亿元", Review63)
            kind = "target"
    if plan and kind == "result" and c.num.unit in _PLANNED_UNITS and (
            _PLANNED.search(window) or _PLANNED_PARTS.search(s, sentence_start, c.num.start)):
        # "共计划实施169项重点建设项目（新建69项、续建100项）": the plan's count, a target of the year the sentence names
        # (else of the plan year)
        years = [int(y) for y in _YEARS_IN.findall(s, sentence_start, c.num.start)]
        kind, year = "target", years[-1] if years and plan - 1 <= years[-1] <= plan else plan
    if plan and kind == "result" and w.year is None and (_PLANNED_AMOUNT.search(window) or (
            c.num.unit in _PLANNED_UNITS and _PLANNED_AMOUNT_NEXT.match(s, c.end))):
        # a progress report's plan of the year beside what was done of it: "年度投资计划31.4亿元", "年内计划完成投资86亿元",
        # and the count of projects it is for ("农牧林水项目9个，年度计划投资7.2亿元"), Review63; not "完成年度投资计划的49.6%"
        years = [int(y) for y in _YEARS_IN.findall(s, sentence_start, c.num.start)]
        kind, year = "target", years[-1] if years and plan - 1 <= years[-1] <= plan else plan
    if plan and kind == "result" and "确定" in s[sentence_start: c.num.start] and w.year is None \
            and _DECIDED_THIS_YEAR.search(s, sentence_start, c.num.start):
        kind, year = "target", plan  # "今年我市确定的新建续建项目中，直属学校项目4个、…": the plan year's list
    if plan and kind == "result" and _YEAR_PLAN_LEAD.match(window.lstrip("—- \u3000")):
        kind = "target"  # "——年计划完成地区生产总值617亿元以上，1—9月完成428.3亿元": the plan of the year reported on
    if plan and kind == "result" and year is not None and year >= plan - 1 and _behind_list(s, sentence_start, c.num.start):
        kind = "target"  # the goal of a task named among those behind schedule, in the year reported on
    if (plan and kind == "result" and c.suffix in _GOAL_SUFFIXES and "今年" in window
            and (goal := _THIS_YEAR_GOAL.search(window)) is not None and not _PART_OF_YEAR.search(goal.group("mid"))):
        kind, year = "target", plan  # "今年GDP预期增长7.5%左右" under a news title: the plan year's goal
    if (plan and kind == "result" and "今年" in window and not (frame.kind == "result" and frame.year == plan)
            and (said := _THIS_YEAR_SAID.search(window)) is not None and not _PART_OF_YEAR.search(said.group("mid"))
            and (_GOAL_AFTER.match(s, c.end) or (w.this_year_first and not year_end and c.suffix in _GOAL_SUFFIXES))):
        # "今年某省预计实现全省生产总值增长7%左右目标" (a headline): the plan year's goal restated, not last year's result
        # (not in a review of the plan's own year, where 今年预计 forecasts a result of it)
        kind, year = "target", plan
    if plan and kind == "result" and frame.default and _HEADLINE_MAX >= (line_end := s.find("\n")) > c.num.start \
            and "。" not in s[:line_end] and (said := _HEADLINE_AHEAD.search(s, c.end, line_end)) is not None \
            and (said.group("now") or int(said.group("y")) == plan):
        # a news title that sets the plan year's course after the value: "地区生产总值增长5.6%以上,历城区描绘2025年发展
        # 蓝图", "…新增学位8万个……幸福美好生活十大工程今年这样安排!": the plan year's goals, not last year's results
        kind, year = "target", plan
    if plan and kind == "target" and (_EXECUTION_RATE.search(window) or _EXECUTION_DONE.search(
            s, max(sentence_start, c.num.start - 40), c.num.start)) \
            and not _EXECUTION_AHEAD.search(s, max(sentence_start, c.num.start - 40), c.num.start):
        kind = "result"  # "1-12月份，完成投资77.57亿元，投资完成率122.6%": how far the year's plan got, that year
    if plan and kind == "target" \
            and _DONE_LEAD.search(s, max(s.rfind("\n", 0, c.num.start) + 1, c.num.start - _DONE_REACH), c.num.start):
        kind = "result"  # "其中超额完成任务的已有10项：实体零工驿站建设完成2个，…": a list of what was done
    if plan and kind == "target" and _RATE_AFTER.match(s, c.end):
        kind = "result"  # "实体零工驿站建设完成2个，完成率200%": what was done, judged against the task in the next clause
    if plan and kind == "target" and _done_said(s, sentence_start, c.num.start, window):
        kind = "result"  # "全年任务目标数是108个，实际已减少129个": what was done against the goal, in the goal's year
    if plan and kind == "result" and (stop := s.rfind("。", max(0, c.num.start - _ASSIGNED_REACH), c.num.start)) >= 0 \
            and (lead := _TASK_ASSIGNED.search(s, max(0, stop - 40), min(len(s), stop + 4))) is not None \
            and lead.end() > stop and not _DONE_IN_PARTS.search(s, stop, c.num.start):
        kind = "target"  # "县绿化委下达了烟墩镇2022营造林任务。其中，人工造林面积750亩，…" (Review77): the tasks set, the year's
    if plan and (kind == "target" or (frame.default and year == plan - 1)) and year in (plan - 1, plan) \
            and _EVENT_HELD.search(window) and not _EXECUTION_AHEAD.search(window):
        # "此次集中开工项目32个": a count of an event the passage reports as held (a ceremony, a signing), a result of the
        # year it was held in, not a goal
        kind, year = "result", plan
    if w.base and _TO.search(s[c.end: c.end + 12]):
        kind = "result"
        if w.base_year is not None:
            year = w.base_year
        elif w.base_last:
            year = plan - 1 if plan else None
        elif (term := _term_said(s, sentence_start, c.num.start)) is not None:
            year = term - 5  # "“十四五”期间，…从11.37万亿元提高到14.58万亿元": the year before the term's first
        else:
            year = None  # a base without a stated year stays null (the development and held-out gold's convention)
    c.kind, c.year = kind, year


def _behind_list(s: str, start: int, pos: int) -> bool:
    """Whether `pos` is in a list of the tasks behind schedule (`_BEHIND_LIST`) that its sentence opens before it: only
    list marks between the list's opening and the number."""
    if _BEHIND_WORD.search(s, start, pos) is None:
        return False
    opened = max((m.end() for m in _BEHIND_LIST.finditer(s, start, pos)), default=None)
    return opened is not None and _LIST_BREAK.search(s, opened, pos) is None


def _term_said(s: str, start: int, pos: int) -> int | None:
    """The last year of the five-year term the sentence names before `pos` as its time ("“十四五”期间，", "十三五以来"), not
    as a base compared with (比“十三五”末); None when it names none."""
    if "五" not in s[start:pos]:
        return None
    terms = [m for m in _FIVE_YEAR.finditer(s, start, pos) if not m.group("pre")]
    return _PLAN_END.get(terms[-1].group("p")) if terms else None


def _statistics_year(s: str, pos: int, plan: int) -> int | None:
    """The past year whose statistics the sentence holding `pos` reports before it ("初步统计，2012年…；…"), if any.

    The cue needs 据/经/初步 (not a bare 统计, as in 统计局) and a year before the plan's, named just before or after it,
    or 去年/上年; the sentence runs to the last 。！？ or line break, across ；, and a later year, 今年, 目标, 计划 …
    between the cue and the value ends its reach."""
    lo = max(0, pos - 400)
    window = s[lo:pos]
    if "统计" not in window and "核算" not in window and "测算" not in window:
        return None
    cut = max(window.rfind(mark) for mark in "。！？\n") + 1
    sentence = window[cut:]
    found = None
    for m in _STATISTICS.finditer(sentence):
        y = m.group("y1") or m.group("y2")
        year = int(y) if y else (plan - 1 if m.group("last") else None)
        if year is not None and plan - 15 <= year < plan:
            found = (year, m.end())
    if found is None:
        return None
    year, end = found
    if any(m.group() != f"{year}年" for m in _STATISTICS_END.finditer(sentence, end)):
        return None
    return year


class _Window(NamedTuple):
    """What the clause before a number says about time (see `frame_override`)."""

    five: str | None  # the last 十N五 named, and whether a 较/比/与 compares with it
    five_pre: bool
    year: int | None  # the last YYYY年, and whether a preposition governs it
    year_pre: bool
    forecast: bool  # 预计 (not 预计数)
    this_year: bool  # 预计今年 / 预计全年
    this_year_first: bool  # 今年…预计
    last_year: str | None  # the last 去年 / 上年 (not 上年同期), and where it starts
    last_year_at: int
    versus_last: bool  # 比去年, 同比 …
    base: bool  # the clause ends "从2019年的" / "由上年" …: the value is a base
    base_year: int | None
    base_last: bool


def _base_year(base: re.Match[str] | None) -> int | None:
    """The year of a base value: "从2019年的" → 2019, "由“十五”末的" → 2005 (the last year of that five-year plan)."""
    if base is None:
        return None
    if y := base.group("y"):
        return int(y)
    if five := base.group("five"):
        return _PLAN_END.get(five)
    return None


def _names_time(window: str) -> bool:
    """True when `window` holds a character one of `_window`'s patterns but _BASE_YEAR needs (五, 年, 预计, 比, 较)."""
    return "年" in window or "五" in window or "比" in window or "较" in window or "预" in window


@lru_cache(maxsize=4096)
def _window(window: str) -> _Window:
    # Each pattern needs a character of its own (五, 年, 预计, 比/较): a clause without it is not searched.
    five = list(_FIVE_YEAR.finditer(window)) if "五" in window else []
    dated = "年" in window
    years = list(_YEAR_IN_CLAUSE.finditer(window)) if dated else []
    if years and _EXCLUDED.search(window):
        # a year inside an exclusion in brackets qualifies the indicator, it does not date the value:
        # "一般公共预算支出（扣除2022年灾后重建资金外）增长3%以上"
        spans = [(m.start(), m.end()) for m in _EXCLUDED.finditer(window)]
        years = [y for y in years if not any(lo <= y.start() < hi for lo, hi in spans)]
    last_year = list(_LAST_YEAR.finditer(window)) if dated else []
    tail = window[-12:]  # _BASE_YEAR opens with 从 or 由, which the trailing marks cut never removes
    base = _BASE_YEAR.search(_TRAILING_MARKS.sub("", tail)) if "从" in tail or "由" in tail else None
    forecast = "预计" in window
    return _Window(
        five=five[-1].group("p") if five else None, five_pre=bool(five and five[-1].group("pre")),
        year=int(years[-1].group("y")) if years else None, year_pre=bool(years and years[-1].group("pre")),
        forecast=forecast and _FORECAST.search(window) is not None,
        this_year=forecast and _THIS_YEAR.search(window) is not None,
        this_year_first=forecast and _THIS_YEAR_FIRST.search(window) is not None,
        last_year=last_year[-1].group(0) if last_year else None, last_year_at=last_year[-1].start() if last_year else 0,
        versus_last=("比" in window or "较" in window) and _VERSUS_LAST.search(window) is not None,
        base=base is not None, base_year=_base_year(base),
        base_last=bool(base and base.group("last")),
    )
