"""The period a value covers: `span` (year / average / total / part), `period_start`, `period`.

Monitoring compares a target with the actual of the same period (``shared/spec/targets.md``,
"The period a value covers"). A small pipeline of strategies decides, first match wins:

1. **part of a year** in the value's clause: 一季度, 上半年, 前三季度, 1—10月, 前10个月 …
   → ``part`` with ``period`` Q1, H1, Q1-Q3, M01-M10 …;
2. **average**: 年均, 平均每年, 每年平均, 年平均 → ``average``;
3. **total**: 累计, 五年来, 过去五年, N年新增, 比2002年 (a base year before last year),
   比前五年, 较"十三五"时期, 翻一番 over a plan period → ``total``;
4. **the frame**: inside a five-year review (a heading 过去五年…回顾 / "十四五"…回顾, or a sentence
   opening 五年来 / 过去五年 / 这五年 / "十四五"时期), changes and additions are totals
   over the period while stocks, levels and shares stay the period's last year; a sentence
   opening a one-year review (2012年，/ 刚刚过去的2017年 / 过去一年 / 去年) ends that frame;
   a five-year plan's targets of additions ("十三五"时期城镇新增就业5000万人以上) are totals;
5. otherwise ``year``.

`period_start` is the first year an average or total covers: an explicit range
(2013—2017年), a five-year term (十四五 → 2021), a base year (比2002年 → 2003), N years back
from the value's year (五年来 → year − 4). The `aspect` says what kind of amount a level is —
a ``stock`` (达到, 总数, 拥有, 余额, 增加到), an ``addition`` (新增, 新开工, 净增, 建成, 淘汰 …) —
or that a value is a ``gap`` against another figure (高出全市2个百分点), never the indicator's own.
Pure: text and records in, records out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

import regex

from planwatch.documents.budget import check as check_budget
from planwatch.extract import plain_re
from planwatch.extract.candidates import Marks
from planwatch.extract.context import FIVE_YEAR_END, OLD_TERM_END

if TYPE_CHECKING:
    from planwatch.documents.normalize import NormalText
    from planwatch.extract.context import DocumentContext
    from planwatch.extract.records import Quantity

Span = Literal["year", "average", "total", "part"]
Aspect = Literal["stock", "addition", "gap"]
SPANS: tuple[str, ...] = ("year", "average", "total", "part")

__all__ = ["SPANS", "Aspect", "Period", "Span", "aspect_of", "assign_periods", "classify", "part_of_year"]

_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
       "十一": 11, "十二": 12}
_NUM = r"(?:\d{1,2}|十[一二]?|[一二两三四五六七八九])"

# 1. Part of a year.
_PART = regex.compile(
    rf"(?P<q>(?:第)?(?P<qn>[一二三四1-4])季度)"
    rf"|(?P<h1>上半年)|(?P<h2>下半年)"
    rf"|(?P<qq>前(?P<qqn>[二两三2-3])(?:个)?季度)"
    rf"|(?P<mm>(?:1|一|元)\s*(?:—|-|－|–|~|～|至|到)+\s*(?P<mmn>{_NUM})\s*月(?:份)?)"
    rf"|(?P<pm>前(?P<pmn>{_NUM})(?:个)?月)"
    # a stock at a month's end (Review14): "截至9月，高新区市场主体存量为36581户" is of the months to then (not
    # "截至3月下旬", nor a day: "截至9月30日")
    rf"|(?P<to>截[至止](?:今年|本年|(?:19|20)\d{{2}}\s*年)?\s*(?P<ton>{_NUM})\s*月(?:份)?(?:底|末)?(?![上中下]旬|\d))"
    # a milestone of a task list (Review36): "3月底前新增100个以上托位" is due by the month's end, of the months to then
    rf"|(?P<by>(?<![\d日号])(?P<byn>{_NUM})\s*月(?:份)?(?:底|末)(?:前|之前|以前))"
    # one month alone, opening its clause, of a growth said after it (Review47): "其中10月份增加值同比增长7.3%" is that
    # month's, not the months to it (no year-to-date figure: no actual is made of it)
    rf"|(?P<one>(?:^|(?<=[，,；;。：:\n]))[ \u3000]*(?:其中[，,]?)?(?P<onen>{_NUM})\s*月(?:份)?[，,]?"
    rf"(?=[^，,。；;\d]{{0,16}}(?:同比|环比|增长|增速|下降)))"
)
_BASE_OWN = regex.compile(r"\s*[（(]\s*[-－−]?\s*$")  # the base's own value in brackets right after it
_FULL_YEAR = regex.compile(r"全年|(?:19|20)\d{2}\s*年(?!\s*(?:第|前|上|下|一|1)[^，。；]{0,2}(?:季|半年|月))|年度")

# Patterns that need nothing of `regex` (no \p{…}, no REVERSE, no \s) use stdlib `re` (plain_re).

# 2. Average.
# "细颗粒物年均浓度", "年平均气温": one year's mean of a measurement, not an average over years.
_AVERAGE = plain_re.compile(r"(?:年均|年平均)(?!浓度|值|气温|温度|降水|降雨|日照|风速|湿度)|平均每年|每年平均|平均年|年复合")

# 3. Total.
# N years of something: "五年来", "两年新增", "五年投入", "5年增长" (not the 23 of "10.23年" nor the 17 of "2017年").
_N_YEARS = (r"(?<![今明第\d.])(?P<n>[两二三四五六七八九十]|\d{1,2})年(?:来|间|内|时间|共|累计|新增|合计|总计|投入|完成|建成|新建"
            r"|改造|实施|培训|减少|增加|增长|提升|提高|下降|降低|扩大|脱贫|搬迁|开工|办理|审议|制定|出台)")
# 五年 said of the value itself, the review's five years: "中央财政五年支出551亿元", "五年整理复垦开发补充耕地…",
# "五年国务院共…提交39件法律议案" (not 五年规划, 五年级, 五年制, 第五年, 十五年, 每五年, 五年以上 …).
# An amount or a change, not a stock or a share (those stay the last year's).
_FIVE_SAID = plain_re.compile(r"(?<![第十今明每后来\d.])五年(?!规划|计划|行动|纲要|以上|以下|以前|前|后|级|制|期|一)")
_TOTAL = plain_re.compile(r"累计|五年来|过去五年|这五年|近五年|前五年|比前五年|较前五年|十年来|本届政府|" + _N_YEARS)
_DOUBLE = plain_re.compile(r"翻(?:一|两|三)?番")
_DOUBLE_END = plain_re.compile(r"翻(?:一|两|三)?番$")
_BASE = regex.compile(r"(?:比|较|同)(?P<y>(?:19|20)\d{2})\s*年(?:底|末)?(?:分别|均|都)?"
                      r"(?:增长|增加|提高|下降|减少|降低|上升|扩大|翻|多|少|高|低)")
# 十五 (2001-2005), 九五 and 八五 as a term only where they are one: quoted or before 期末/末/时期 ("比“十五”期末降低15%"; not
# 一九九五年).
_FIVE = regex.compile(r"(?P<pre>比|较|与|同)?[“\"]?(?P<p>十[一二三四五六]五|(?<=[“\"])(?:十五|九五|八五)(?=[”\"])"
                      r"|(?<![一二三四五六七八九十〇零])(?:十五|九五|八五)(?=期末|末|时期))[”\"]?"
                      r"(?P<post>时期|期间|以来|期末|末)?")
_TERM_END = {**OLD_TERM_END, **FIVE_YEAR_END}
_TERM_ENDS = frozenset(_TERM_END.values())
_RANGE = regex.compile(
    r"(?P<a>(?:19|20)\d{2})\s*(?:年)?\s*(?:—|-|－|–|~|～|至|到)+\s*(?P<b>(?:19|20)\d{2})\s*年"
)
# A period from a year on: "2016年以来，…年均增长8.2%" covers 2016 to the value's year ("2015年底以来": from 2016).
_SINCE = regex.compile(r"(?P<y>(?:19|20)\d{2})\s*年(?P<end>底|末)?以来")
_THIS_YEAR = plain_re.compile(r"全年|当年|今年|本年")
# A value as a multiple of a base year's ("是2011年的1.74倍", "相当于2015年的1.5倍"): a change over the years since.
_RATIO_BASE = plain_re.compile(r"(?:是|为|相当于)(?P<y>(?:19|20)\d{2})\s*年(?:底|末)?的$")
_RATIO_BEFORE = plain_re.compile(r"(?:是|为|相当于)(?P<y>(?:19|20)\d{2})\s*年(?:底|末)?的[\d.]+倍")
_DATED = plain_re.compile(r"(?:19|20)\d{2}\s*年(?:底|末)?的$")  # the value right after "2006年的": that year's
_CHANGE_END = plain_re.compile(r"(?:增长|提高|提升|扩大|增加)(?:了)?(?:约|近|超过|超)?$")  # a change by an amount or a multiple
_ONE_YEAR = plain_re.compile(r"去年|(?<!基础)上年(?!同期)|" + _THIS_YEAR.pattern)  # not "基础上年均增长"
_FIVE_YEARS = plain_re.compile(r"五年|本届政府|前五年")
_YEARS_BACK = plain_re.compile(_N_YEARS)
# An average of N years said with it: "两年平均增长5.9%" of 2021 (the statistics' two-year average of 2020–2021),
# "三年年均增长8.1%" (not 今年平均, 第三年平均, 10.5年平均).
_YEARS_AVERAGE = plain_re.compile(r"(?<![今明去第\d.])(?P<n>[两二三四五六七八九十]|\d{1,2})年(?:平均|年均)")

# 4. Frames: where a five-year review begins and where a one-year review or an outlook begins.
# The years of a review that is not of five (the span of a term: 过去四年, 三年来).
_YEARS_N = r"(?<![\d十百])(?:[两二三四六七八九]|[2-46-9])"
_HEAD_FIVE = regex.compile(
    r"过去的?五年|五年(?:来)?(?:工作)?回顾|[“\"]?(?:十[一二三四五六]五|(?<=[“\"])(?:十五|九五|八五)(?=[”\"]))[”\"]?(?:时期|期间|以来)?"
    r"[^，。]{0,12}(?:回顾|成就|成绩)"
    rf"|过去的?(?P<n>{_YEARS_N})年|(?P<m>{_YEARS_N})年(?:来)?(?:工作)?回顾"
)
_HEAD_ONE = regex.compile(r"(?:19|20)\d{2}\s*年[^，。]{0,10}(?:回顾|执行情况|完成情况|工作)|过去一年|一年来|去年")
# The review of one year's plan (一、2019年国民经济和社会发展计划执行情况): 累计 there is the year to date (1—12月), the
# statistics' word for it ("规上工业增加值累计增幅8.4%"), unless the words name more years (以来, 年来, 历年, 十四五 …).
_HEAD_RUN = regex.compile(r"(?:19|20)\d{2}\s*年[^，。]{0,16}(?:计划|主要指标)[^，。]{0,4}(?:执行情况|完成情况)")
_MORE_YEARS = plain_re.compile(
    r"以来|年来|历年|至今|迄今|(?:19|20)\d{2}\s*年(?:底|末)?(?:以来|起)|十[一二三四五六]五|(?<![\d.])(?:[两二三四五六七八九十]|\d{1,2})年(?!度)"
)
# The statistics' rate of the year to date right after 累计 ("累计增幅", "累计增长"): in a one-year review, the year's.
_YEAR_TO_DATE = plain_re.compile(r"(?:增幅|增速|增长|同比增长)")
_SENT_START = r"(?:^|(?<=[。；！？\n]))[ \u3000\u2003]*(?:——)?"
_CUE_FIVE = (
    r"(?:回首|回顾)?(?:这|过去的?|近)?(?:五年(?:来|间|里|中)?|本届政府)(?:[，,的]|我们|，|是)"
    r"|[“\"]?(?:十[一二三四五六]五|(?<=[“\"])(?:十五|九五|八五)(?=[”\"]))[”\"]?(?:时期|期间|以来)"
    # a review of another number of years, a term cut short or long: "过去的四年，是…", "四年来，我们…" (not 近两年)
    rf"|(?:回首|回顾)?(?:(?:这|过去的?)(?P<n>{_YEARS_N})年(?:来|间|里|中)?|(?P<m>{_YEARS_N})年来)(?:[，,的]|我们|，|是)"
    # the years a review names: "2007—2011年是新塍经济社会稳步发展…的五年", "2016—2020年，…"
    r"|(?P<a>(?:19|20)\d{2})\s*年?\s*(?:—|-|－|–|~|～|至|到)+\s*(?P<b>(?:19|20)\d{2})\s*年(?:间|期间|以来)?(?:[，,]|是)"
)
_CUE_ONE = r"(?:刚刚过去的|过去的)?(?:(?:19|20)\d{2}\s*年(?!底|末|\s*[-—至到])|过去一年|一年来|去年|今年以来)"
_CUE_AHEAD = r"(?:今后|未来)(?:五|5)年|(?:今年|明年)(?!以来)"
# The three cues in one scan of the document, the group naming which: no sentence can open with two
# of them (their first words differ: 过去五年 / 过去一年 / 过去的…, 今年以来 / 今年), and none spans a
# sentence start where another could begin, so this finds what three scans would.
_CUES = regex.compile(rf"{_SENT_START}(?:(?P<five>{_CUE_FIVE})|(?P<one>{_CUE_ONE})|(?P<ahead>{_CUE_AHEAD}))")
# The same cues after a reporter's frame that opens the sentence: "市长在报告中提到，“十三五”时期，…", "他说，2020年，…"
# (found from the verb of saying, then checked back to the sentence start and forward for a cue).
_SAID = regex.compile(r"(?:说|指出|提出|强调|表示|介绍|提到|谈到|认为)(?:了)?[，,：:]")
_SAID_FRAME = regex.compile(r"[ \u3000\u2003]*(?:——)?[^，。；！？\n,]{1,24}")
_CUE_AFTER = regex.compile(rf"(?:(?P<five>{_CUE_FIVE})|(?P<one>{_CUE_ONE})|(?P<ahead>{_CUE_AHEAD}))")


def _years(m: regex.Match[str]) -> int:
    """The years a review cue covers: five, or the number of "过去的四年", "三年来", "过去四年工作回顾"."""
    word = m.group("n") or m.group("m")
    if word:
        return _count(word)
    named = m.groupdict()
    if named.get("a") and 2 <= (years := int(named["b"]) - int(named["a"]) + 1) <= 10:
        return years
    return 5


def _said_cues(text: str) -> list[tuple[int, str, int]]:
    """The sentence cues that follow a reporter's frame, at the start of their sentence (and the years of a review)."""
    found: list[tuple[int, str, int]] = []
    for said in _SAID.finditer(text):
        cue = _CUE_AFTER.match(text, said.end())
        if cue is None:
            continue
        lo = max(0, said.start() - 28)
        start = max(text.rfind(mark, lo, said.start()) for mark in "。；！？\n") + 1
        if (start or lo == 0) and _SAID_FRAME.fullmatch(text, start, said.start()):
            found.append((start, cue.lastgroup or "", _years(cue)))
    return found

# Aspect of an amount.
_GAP = regex.compile(
    r"(?:高出|高于|快于|慢于|低于|超出|领先|落后|多于|少于)(?:全国|全省|全市|全区|全县|全州|同期|平均|经济|地区生产总值|"
    r"GDP|生产总值|增速|全球|世界|东部|中部|西部|城镇|农村|[\p{Han}]{0,6}(?:平均|增速|水平|目标))"
    r"|比(?:全国|全省|全市|全区|全县|同期|平均|经济增速|全球|世界|(?:年度|全年|年初|预期)?目标)[^，。；]{0,12}(?:高|快|低|慢|多|少)"
)
_GAP_HINT = re.compile(r"高出|高于|快于|慢于|低于|超出|领先|落后|多于|少于")
_CHANGE_ON_LAST = plain_re.compile(
    r"(?:比|较)(?:去年|上年|上一年|前一年|同期|年初)[^，。；\d]{0,6}(?:多|少|增加|减少|增长|提高|下降|降低|扩大|缩小)(?:了)?"
    r"(?:约|近|超过|超)?$"
)
_NEW_THING = re.compile(r"新增|新开工|净增|新建|新设|新登记|新引进|新培育|新开通")
_ADDITION_WORDS = (
    "新增", "新开工", "开工", "净增", "新建", "建成", "新改建", "改扩建", "改建", "扩建", "修建", "改造", "完成",
    "培育", "淘汰", "引进", "新设",
    "新登记", "新认定", "新引进", "新培育", "新开通", "开通", "新招", "招引", "落地", "签约", "实施", "打造", "创建",
    "增加", "减少", "压减", "化解", "退出", "搬迁", "脱贫", "解决", "提供", "发放", "培训", "救助", "安置", "建设",
    "造林", "治理", "修复", "新开", "新上", "投产", "累计", "投入", "审议", "制定", "修改", "废止", "办理", "出台", "推出",
    "举办", "查处", "受理", "帮扶", "资助", "接待", "颁布",
)
_ADDITION = re.compile("|".join(sorted(_ADDITION_WORDS, key=len, reverse=True)).replace("增加", "增加(?![到至为值])")
                       .replace("减少", "减少(?![到至为])"))
_ADDITION_END = re.compile("(?:" + _ADDITION.pattern + ")$")
_STOCK_WORDS = (
    "达到", "达", "拥有", "总数", "总量", "总额", "余额", "保有量", "存量", "规模", "增加到", "增加至", "增长到", "提高到",
    "提高至", "提升到", "提升至", "扩大到", "扩大至", "拓展到", "拓展至", "扩展到", "扩展至", "上升到", "上升至", "超过", "突破",
    "累计达", "总计", "共有", "现有",
    "年末", "年底", "稳定在", "保持在", "维持在", "覆盖",
)
_STOCK = re.compile("|".join(sorted(_STOCK_WORDS, key=len, reverse=True)).replace("规模", "规模(?!以上|以下)"))


@dataclass(frozen=True, slots=True)
class Period:
    """The period a value covers and what kind of amount it is."""

    span: Span = "year"
    period_start: int | None = None
    period: str | None = None
    aspect: Aspect | None = None


def part_of_year(text: str) -> str | None:
    """The last part-of-year expression in `text` as Q1, H1, Q1-Q3, M01-M10 …; None when the year is whole."""
    last = None
    for m in _PART.finditer(text):
        if m.start() and text[m.start() - 1] in "比较" and not _BASE_OWN.match(text, m.end()):
            continue  # "较上半年提高1.8个百分点": the base compared with, not the period (but "较一季度(-10.8%)" is its own)
        last = m
    if last is None:
        return None
    if any(f.start() > last.end() for f in _FULL_YEAR.finditer(text)):
        return None  # "上半年…，全年增长6%": the whole year comes after
    if last.group("q"):
        n = last.group("qn")
        return f"Q{_CN.get(n) or int(n)}"
    if last.group("h1"):
        return "H1"
    if last.group("h2"):
        return "H2"
    if last.group("qq"):
        n = last.group("qqn")
        return f"Q1-Q{_CN.get(n) or int(n)}"
    if last.group("one"):
        month = _CN.get(last.group("onen")) or int(last.group("onen"))
        return f"M{month:02d}" if 1 <= month <= 12 else None
    word = last.group("mmn") or last.group("pmn") or last.group("ton") or last.group("byn")
    months = _CN.get(word) or int(word)
    if not 1 <= months <= 11:
        return None
    return f"M01-M{months:02d}"


def _count(word: str) -> int:
    return _CN.get(word) or (int(word) if word.isdigit() else 0)


def aspect_of(clause: str, indicator: str, measure: str) -> Aspect | None:
    """Stock, addition or gap, from the clause before the value (and the indicator's own words)."""
    compares = "比" in clause or "较" in clause
    if (compares or _GAP_HINT.search(clause)) and _GAP.search(clause):
        return "gap"
    if measure != "level":
        return None
    if compares and _CHANGE_ON_LAST.search(clause):
        return "gap"  # "预期目标比去年多100万人", "比上年增加5500亿元": a difference, not the amount
    tail = clause[-16:]
    stock = max((m.end() for m in _STOCK.finditer(tail)), default=-1)
    addition = max((m.end() for m in _ADDITION.finditer(tail)), default=-1)
    if _NEW_THING.search(indicator) or _CHANGE_END.search(tail) or _DOUBLE_END.search(tail):
        addition = len(tail) + 1  # "人均预期寿命提高1岁", "增长1倍", "翻一番": a change by an amount, never the level
    if stock < 0 and addition < 0 and _ADDITION_END.search(indicator):
        return "addition"  # "全县238户702名建档立卡贫困人口稳定脱贫": the verb after the count, in its name
    if stock < 0 and addition < 0:
        return None
    return "stock" if stock > addition else "addition"


def classify(
    clause: str, *, measure: str, indicator: str = "", kind: str = "result", year: int | None = None,
    frame: str = "", frame_start: int | None = None, plan_year: int | None = None, sentence: str = "",
) -> Period:
    """The period of one value from the wording of its clause (text up to the value) and its frame.

    `frame` is ``"five"`` inside a five-year review or a five-year outlook, ``"one"`` inside a
    one-year review, ``"run"`` inside the review of one year's plan (计划执行情况), else ``""``; `frame_start` the
    first year a five-year frame covers, when known.
    """
    aspect = aspect_of(clause, indicator, measure)
    if kind == "target" and sentence and (cut := max(sentence.rfind("；"), sentence.rfind("其中"))) >= 0:
        # "…，1-6月累计完成投资…，其中：在建项目185项": the plan's count after 其中 or a ； is not of the months before it
        sentence = sentence[cut + 1:]
    wording = sentence + clause if sentence and sentence not in clause else clause
    if (part := part_of_year(wording)) is not None:  # "前三季度，规模以上工业增加值增长8%"
        return Period("part", None, part, aspect)
    if (ratio := _RATIO_BASE.search(clause)) and year is not None:
        first = int(ratio.group("y"))  # "是2011年的1.74倍" said of 2016: the growth of 2012-2016
        if first < year - 1:
            return Period("total", first + 1, None, aspect)
        if first == year - 1:
            return Period("year", None, None, aspect)
    if _DATED.search(clause) and not _RANGE.search(clause[-24:]):
        return Period("year", None, None, aspect)  # "财政投入从2006年的18亿元增加到2010年的306亿元": each its year's
    explicit = _RANGE.search(wording)
    start = int(explicit.group("a")) if explicit else None
    if start is None and "以来" in wording and (since := _SINCE.search(wording)):
        start = int(since.group("y")) + (1 if since.group("end") else 0)
    five = [m for m in _FIVE.finditer(wording) if m.group("p") in _TERM_END]
    # a term's end as the base of a change ("由“十五”末的12.8亿元增加到19.2亿元，年均增长8.4%"): from the year after it
    based_five = [m for m in five if not m.group("pre") and m.start() and wording[m.start() - 1] in "由从"
                  and m.group("post") in ("末", "期末")]
    own_five = next((m for m in reversed(five) if not m.group("pre") and m not in based_five), None)
    if start is None and own_five is not None:
        start = _TERM_END[own_five.group("p")] - 4
    elif start is None and based_five:
        start = _TERM_END[based_five[-1].group("p")] + 1
    if _AVERAGE.search(_own_item(clause) if measure in ("level", "share") else clause):
        # a base year in the value's own clause, else a five-year plan's term for its target ("力争到2010年，…均比2004年
        # 翻一番，生产总值年均增长13%": 2006, the plan's first year), else a base year in the sentence before ("比2002年增长
        # 65.5%，年均增长10.6%" in a review: 2003)
        own = [int(m.group("y")) + 1 for m in _BASE.finditer(clause)]
        based = [int(m.group("y")) + 1 for m in _BASE.finditer(wording)] \
            + [int(m.group("y")) + 1 for m in _RATIO_BEFORE.finditer(wording)]  # "是1995年的2.1倍，年均增长16.3%"
        return Period("average", start or (own[-1] if own else None) or _plan_term(kind, year, plan_year)
                      or (based[-1] if based else None) or _back(wording, year) or frame_start, None, aspect)
    base = list(_BASE.finditer(clause))
    if base and year is not None:
        first = int(base[-1].group("y"))
        if first < year - 1:
            return Period("total", first + 1, None, aspect)
        if first == year - 1:
            return Period("year", None, None, aspect)
    total = _TOTAL.search(clause)
    if not total and measure in ("level", "growth") and aspect != "stock":
        total = _FIVE_SAID.search(clause)
    if total and frame == "run" and total.group() == "累计" and not _MORE_YEARS.search(wording) \
            and not _TOTAL.search(clause, total.end()):
        return Period("year", None, None, aspect)  # "规上工业增加值累计增幅8.4%" in the review of 2019: 2019's
    if total and frame == "one" and measure == "growth" and total.group() == "累计" \
            and _YEAR_TO_DATE.match(clause, total.end()) and not _MORE_YEARS.search(wording) \
            and not _TOTAL.search(clause, total.end()):
        return Period("year", None, None, aspect)  # "规模以上工业增加值累计增幅3%" in a review of 2022: the year to date
    if total and not _THIS_YEAR.search(clause, total.start()):
        return Period("total", start or _back(clause, year) or frame_start or _five_back(year), None, aspect)
    if any(m.group("pre") for m in five) and measure in ("growth", "level"):
        versus = next(m for m in reversed(five) if m.group("pre"))
        if versus.group("post") in ("末", "期末") and versus.start() >= len(wording) - len(clause):
            # "较“十三五”末实现翻番", "比“十五”期末降低15%" in the value's clause: from the year after
            return Period("total", start or _TERM_END[versus.group("p")] + 1, None, aspect)
        return Period("total", start or _five_back(year), None, aspect)  # "较“十三五”时期增长148%"
    if _DOUBLE.search(clause) and (frame == "five" or (year and plan_year and year > plan_year)):
        return Period("total", start or (plan_year if kind == "target" else frame_start), None, aspect)
    if (kind == "target" and year is not None and plan_year is not None and year > plan_year  # a later year's target
            and measure == "level" and aspect == "addition"
            and (frame == "five" or own_five is not None or year - plan_year >= 2)):
        return Period("total", start or (year - 4 if own_five is not None or frame == "five" else plan_year),
                      None, aspect)  # "“十三五”时期…城镇新增就业5000万人以上"
    if (frame == "five" or (own_five is not None and own_five.group("post") in ("时期", "期间"))) \
            and not _ONE_YEAR.search(clause):  # "国有企业效益明显好转，去年利润增长23.5%": last year's, in a five-year review
        if measure == "growth" or (measure == "level" and (aspect == "addition" or _CHANGE_END.search(clause))):
            return Period("total", start or frame_start or _five_back(year), None, aspect)  # "5G基站增长4.3倍"
    return Period("year", None, None, aspect)


# A new item of a list after a value of the item before it: "一产业年均增速保持在2.6%以上、增加值总量冲刺63.3亿元" (the 年均 is
# the rate's, not the amount's).
_NEW_ITEM = regex.compile(r"\d\s*(?:%|％|个百分点|[万亿]?元|倍)[^、，。；\d]{0,4}、(?=\p{Han}{2})")


def _own_item(clause: str) -> str:
    """The clause from the last item of a list that names a thing of its own after a value of the item before it."""
    ends = [m.end() for m in _NEW_ITEM.finditer(clause)]
    return clause[ends[-1]:] if ends else clause


def _plan_term(kind: str, year: int | None, plan_year: int | None) -> int | None:
    """The first year of the five-year plan whose last year a target's average is set for, when the document is of that
    plan's years ("力争到2010年，…年均增长15%" in a page of 2010 → 2006; "到“十四五”末，…年均增速保持在8.5%以上" → 2021),
    or the five years from the plan's when set for the fifth of them (a new government's goals for its term, "二、今后五年
    工作的总体要求和主要目标" in the report of 2023: 2023–2027)."""
    if kind != "target" or year is None or plan_year is None:
        return None
    if year not in _TERM_ENDS:
        # (the five years after the plan's, a news item of its year's end giving 2027 as their last: from 2023)
        return plan_year if year == plan_year + 4 else plan_year + 1 if year == plan_year + 5 else None
    return year - 4 if year - 4 <= plan_year <= year else None


def _back(text: str, year: int | None) -> int | None:
    """N years back from `year` when the text says 五年来, 两年新增 …"""
    if year is None:
        return None
    if m := _YEARS_AVERAGE.search(text) or _YEARS_BACK.search(text):
        n = _count(m.group("n"))
        if 1 < n <= 20:
            return year - n + 1
    if _FIVE_YEARS.search(text):
        return year - 4
    return None


def _five_back(year: int | None) -> int | None:
    return year - 4 if year is not None else None


class _Frames:
    """Where each part of a document reviews five years, reviews one year, or looks ahead."""

    def __init__(self, text: str, ctx: DocumentContext) -> None:
        self.text = text
        self.ctx = ctx
        cues: list[tuple[int, str, int]] = []
        self.five_titles: dict[int, int] = {}  # id() of the sections whose heading names a five-year review -> years
        for section in ctx.outline.walk():
            if head := _HEAD_FIVE.search(section.title):
                cues.append((section.start, "five", _years(head)))
                self.five_titles[id(section)] = _years(head)
            elif _HEAD_RUN.search(section.title):
                cues.append((section.start, "run", 1))
            elif _HEAD_ONE.search(section.title):
                cues.append((section.start, "one", 1))
        cues += [(m.start(), m.lastgroup or "", _years(m)) for m in _CUES.finditer(text)] + _said_cues(text)
        # The plan year's goals announced where the sentence cues above do not look ("蓝天立指出，今年…主要预期目标是："):
        # a five-year paragraph before them ("“十三五”时期，…") does not reach them.
        plan = ctx.plan_year
        cues += [(pos, "ahead", 1) for pos, kind, year in ctx.cues() if kind == "target" and plan and year == plan]
        self.cues = sorted(cues)
        self.starts = [c[0] for c in self.cues]

    def at(self, pos: int) -> tuple[str, int]:
        """``five``, ``one``, ``run`` (the review of one year's plan) or ``""`` for the text at `pos` (cues reset at
        every top-level heading), and the years a review of several covers (5, or the N of "过去的N年")."""
        path = self.ctx.outline.path_at(pos)
        top = self._top(pos)
        found, years = "", 5
        i = bisect_right(self.starts, pos)
        if i and self.cues[i - 1][0] >= top:
            _, found, years = self.cues[i - 1]
        if found == "":
            titled = next((self.five_titles[id(section)] for section in path if id(section) in self.five_titles), 0)
            if titled:
                found, years = "five", titled  # a heading cue of the top section itself
        if found == "one" and path and _HEAD_RUN.search(path[0].title) and self.cues[i - 1][0] > top:
            found = "run"  # a sentence opening "2019年，" inside the review of the year's plan
        return (found, years) if found in ("five", "one", "run") else ("", 5)

    def _top(self, pos: int) -> int:
        """Where the top-level section holding `pos` starts (0 outside any). An item run into a paragraph ("过去五年，经济总量
        完成历史性跨越。一是经济实力稳步提升。…") is no heading: the cue before it still holds."""
        headed = [section for section in self.ctx.outline.path_at(pos) if section.kind != "lead_in"]
        return headed[0].start if headed else 0

    def review_before(self, pos: int) -> int:
        """The years of the last review cue of several years ("过去五年，…", "过去的四年，…") before `pos` in its paragraph
        and top-level section, though a cue of one year came after it ("过去五年，…。2021年，全县…年均增长6.1%"); 0 if
        none."""
        floor = max(self._top(pos), self.text.rfind("\n", 0, pos) + 1)
        for at, kind, years in reversed(self.cues[:bisect_right(self.starts, pos)]):
            if at < floor:
                break
            if kind == "five":
                return years
        return 0


# A value's clause and sentence start just after the last of "，。；：！？\n" / "。；！？\n" before it
# (candidates.Marks), at most this far back.
_BACK = 300
# Words any strategy but the default looks for: without one (and outside a five-year frame) a value is a year's.
_ANY_CUE = regex.compile(
    r"年均|平均|每年|累计|年来|年间|年内|时间|年共|年新增|年合计|年总计|五年|本届|季度|半年|月|十[一二三四五六]五|翻|"
    r"(?:比|较|同)(?:19|20)\d{2}|\d{4}\s*(?:年)?\s*(?:—|-|－|–|~|～|至|到)|(?:十五|九五|八五)[”\"]?(?:期末|末|时期)|是(?:19|20)\d{2}"
)


# A paragraph that opens on part of the year ("会议认为，上半年全县地区生产总值…", "今年1—6月，…", "前三季度，…"): its
# values are of that part, every sentence of it, unless their own words name the whole year or another time.
_PART_OPENING = regex.compile(
    r"[ \u3000\u2003]*(?:[^，。；！？\n]{1,16}(?:认为|指出|表示|说|介绍|强调|提出|显示)[，,：:])?(?:今年|本年|(?:19|20)\d{2}\s*年)?"
    r"(?:全[省市区县州旗镇])?(?P<part>(?:第)?[一二三四1-4]季度|上半年|前[二两三2-3](?:个)?季度|"
    rf"(?:1|一|元)\s*(?:—|-|－|–|~|～|至|到)+\s*{_NUM}\s*月(?:份)?|前{_NUM}(?:个)?月)"
)
# (not the year a "since" opens on, "2022年以来，…" of a page of 2022: its part so far, Review56)
_OWN_TIME = regex.compile(r"全年|年度|下半年|(?:19|20)\d{2}\s*年(?!\s*(?:第?[一二三1-3]季度|上半年|前|以来|[1一元]\s*[—\-－–~～至到]))"
                          r"|去年(?!同期)|上年(?!同期)|明年|今后|未来|十[一二三四五六]五")


# The year's plan named in an earlier clause ("工业项目30个，年度计划投资41亿元，开工24个", "完成年计划的57.3%"): no time of
# the result after it, which is of the months so far (Review63).
_PLAN_NAMED = regex.compile(r"(?:年度|全年|年内|本年度?)(?:计划(?:完成)?投资|投资计划)|完成年(?:度)?(?:投资)?计划")


def _sentence_part(s: str, pos: int, cache: dict[int, regex.Match[str] | None]) -> str | None:
    """The part of the year the sentence holding `pos` opens on, its clauses and ；-parts to the full stop
    ("2020年前三季度，全区完成地区生产总值…；社会消费品零售总额…；城乡居民人均可支配收入…"), when no word between the opening
    and the value names another time; None otherwise. `cache` keeps each sentence start's opening."""
    lo = max(0, pos - _BACK)
    start = max(s.rfind(mark, lo, pos) for mark in "。！？\n") + 1
    if start == 0 and lo > 0:
        return None  # no sentence start within reach
    if start not in cache:
        cache[start] = _PART_OPENING.match(s, start, min(len(s), start + 48))
    m = cache[start]
    if m is None or m.end() > pos or _OWN_TIME.search(s, m.end(), pos) or _PART.search(s, m.end(), pos):
        return None
    return part_of_year(m.group("part"))


# A sentence that opens on part of the year ("1至7月份实现工业开票销售38.48亿元，…；…。服务业核算行业开票4.25亿元，…") dates
# the results of the sentences after it in its paragraph too, until one names another time: a year that is no base, 全年,
# 年度, 下半年, 去年 or 上年 that are no base (比上年, 上年同期 compare), 明年, 今后, a five-year term, or another part.
_PART_WORD = regex.compile(r"季度|半年|月")  # what every part of the year holds: a sentence opening on one holds it early
_PART_WINDOW = 64  # characters from a sentence's start to its part's word, at the most (a speaker, a year, a place first)
_CARRY_STOP = regex.compile(
    r"全年|年度|下半年|(?<![比较与同从由是])(?:19|20)\d{2}\s*年(?!\s*(?:第?[一二三1-3]季度|上半年|前|[1一元]\s*[—\-－–~～至到]))"
    r"|(?<![比较与同])(?:去年|上年)(?!同期)|明年|今后|未来|十[一二三四五六]五"
)


_CARRY_REACH = 1500  # how far a part of the year carries in its paragraph


class _CarriedParts:
    """The sentences of a document that open on part of the year (`_PART_OPENING` at a sentence's start), for `at`.

    Only the sentences holding a part's word (季度, 半年, 月) near their start are tried: matching the opening at every
    sentence start of a document cost ≈ 2 ms a report."""

    def __init__(self, s: str) -> None:
        self.s = s
        found: dict[int, tuple[int, str]] = {}
        tried: set[int] = set()
        for word in _PART_WORD.finditer(s):
            at = word.start()
            start = max(s.rfind("。", 0, at), s.rfind("！", 0, at), s.rfind("？", 0, at), s.rfind("\n", 0, at)) + 1
            if at - start > _PART_WINDOW or start in tried:
                continue
            tried.add(start)
            m = _PART_OPENING.match(s, start)
            if m and (part := part_of_year(m.group("part"))):
                found[start] = (m.end(), part)
        self.ends = [found[start][0] for start in sorted(found)]
        self.parts = [found[start][1] for start in sorted(found)]

    def at(self, pos: int, sentence_start: int) -> str | None:
        """The part an earlier sentence of the paragraph holding `pos` opens on, when nothing between names another time."""
        i = bisect_right(self.ends, sentence_start)
        if not i:
            return None
        end = self.ends[i - 1]
        s = self.s
        if pos - end > _CARRY_REACH or s.find("\n", end, pos) >= 0 or _CARRY_STOP.search(s, end, pos) or _PART.search(s, end, pos):
            return None
        return self.parts[i - 1]


def _paragraph_part(s: str, pos: int, cache: dict[int, str | None]) -> str | None:
    """The part of the year the paragraph holding `pos` opens on (`_PART_OPENING`), or None."""
    start = s.rfind("\n", 0, pos) + 1
    if start not in cache:
        m = _PART_OPENING.match(s, start, min(len(s), start + 48))
        cache[start] = part_of_year(m.group("part")) if m else None
    return cache[start]


def _heading_part(ctx: DocumentContext, pos: int, kind: str) -> str | None:
    """The part of the year the review heading over `pos` names ("一、2025年上半年工作总结": H1), or None (Review14)."""
    frame = ctx.frame_at(pos)
    return part_of_year(frame.section) if kind == "result" and frame.kind == "result" and frame.section else None


def assign_periods(records: list[Quantity], norm: NormalText, ctx: DocumentContext,
                   marks: Marks | None = None) -> list[Quantity]:
    """The records with `span`, `period_start`, `period` and `aspect` filled from wording and frame.

    `marks` are the sentence and clause marks of `norm.text` when the caller has them already.
    """
    s = norm.text
    frames = _Frames(s, ctx)
    marks = marks or Marks(s)
    prev: Quantity | None = None
    prev_sentence = -1
    parts: dict[int, str | None] = {}  # paragraph start -> the part of the year it opens on
    openings: dict[int, regex.Match[str] | None] = {}  # sentence start -> its opening on part of the year
    opened = getattr(ctx, "part_passage", None)
    passage = part_of_year(opened[1]) if opened else None
    passage_year = opened[0] if opened else None  # (a paragraph on another year, "过去一年，…", keeps its whole year)
    carried = _CarriedParts(s)
    for i, record in enumerate(records):
        if not i & 31:
            check_budget()
        start = norm.from_original(record.start)
        end = start + len(record.quote)
        if end > len(s) or norm.to_original(end) != record.end or s[start:end] != record.quote:
            end = norm.from_original(record.end)  # normalising changed the quote's characters
        number = _value_position(s, start, end, record.indicator)
        clause_start = marks.clause_start(number, _BACK)  # just after the last clause mark (300 back at most)
        sentence_start = marks.sentence_start(number, _BACK)
        clause = s[clause_start:number]
        sentence = s[sentence_start:clause_start]
        frame, years = frames.at(number)
        frame_start = None
        if frame == "five" and record.year is not None:
            frame_start = record.year - years + 1
        ahead = record.kind == "target" and record.year is not None and ctx.plan_year is not None \
            and record.year > ctx.plan_year
        if frame != "five" and not ahead and not _cued(sentence) and not _cued(clause):
            period = Period("year", None, None, _aspect_of(clause, record.indicator, record.measure))
        else:
            period = _classify(clause, record.measure, record.indicator, record.kind, record.year, frame,
                               frame_start, ctx.plan_year, sentence)
        cumulated = period.span == "total" and "累计" in clause and not _MORE_YEARS.search(sentence + clause) \
            and not _TOTAL.search(clause.replace("累计", ""))
        if (period.span == "year" or cumulated) and not ahead and (
                part := _paragraph_part(s, number, parts) or (passage if record.year == passage_year and record.kind == "result" else None)
                or _sentence_part(s, number, openings)
                or _heading_part(ctx, number, record.kind)
                or (carried.at(number, sentence_start) if record.kind == "result" else None)
                or (ctx.so_far if record.kind == "result" and record.year == ctx.plan_year else None)) \
                and not (_OWN_TIME.search(sentence + clause) and (
                    record.kind != "result" or _OWN_TIME.search(_PLAN_NAMED.sub("", sentence) + clause))):
            # ("累计亏损额2.75亿元" in a paragraph opening on 1—6月份: the months' cumulated figure, not several years')
            # "上半年全县地区生产总值…；规模以上工业增加值…": H1 too; in a passage about part of a year (a head
            # "2018年一季度…经济运行", "前三季度，…") every value of the passage is of that part
            period = replace(period, span="part", period=part, period_start=None)
        if (period.span == "year" and prev is not None and prev_sentence == sentence_start and _sibling_total(prev, record)
                and period.aspect != "stock" and not _ONE_YEAR.search(clause)):
            # "五年累计完成造林…，…，综合治理水土流失面积24.6万平方公里，整治国土面积18万平方公里": the list's
            # later item sums the same years as the one before it
            period = replace(period, span="total", period_start=prev.period_start)
        if (period.span == "average" and period.period_start is None and record.kind == "result"
                and record.year is not None and (years := frames.review_before(number))):
            # "过去五年，…。2021年，全县实现地区生产总值180.2亿元，年均增长6.1%": the average of the years the passage reviews
            period = replace(period, period_start=record.year - years + 1)
        if period.span in ("average", "total") and record.kind == "target" and record.year is not None \
                and (five_from := ctx.frame_at(number).five_from) == record.year:
            # under "2022年及未来五年主要目标": an average or a total of the five years from the one year
            record.year = five_from + 4
            period = replace(period, period_start=five_from)
        if period.span in ("average", "total") and period.period_start is not None and record.year is not None \
                and period.period_start > record.year:
            period = replace(period, period_start=None)
        record.span, record.period_start, record.period, record.aspect = (
            period.span, period.period_start, period.period, period.aspect)
        prev, prev_sentence = record, sentence_start
    return records


def _sibling_total(prev: Quantity, record: Quantity) -> bool:
    """True when `record` is the next item of a list of amounts whose item before it is a total of the same unit."""
    return (prev.span == "total" and prev.measure == "level" and record.measure == "level"
            and (prev.unit == record.unit or _amount_of_counted(prev, record))
            and prev.year == record.year and prev.kind == record.kind and prev.end <= record.start)


def _amount_of_counted(prev: Quantity, record: Quantity) -> bool:
    """True when `record` is an amount of the things `prev` counts ("引进项目470个，计划投资额近900亿元" → 引进项目投资额)."""
    return len(prev.indicator) >= 2 and record.indicator.startswith(prev.indicator) and record.indicator != prev.indicator


_NUMBER_RUN = regex.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.]*\s*年)")


def _value_position(s: str, start: int, end: int, indicator: str) -> int:
    """Where the value starts inside the quote: its last number, or its first when the thing is named after it."""
    offset = _value_offset(s[start:end], indicator)
    return end if offset is None else start + offset


# Pure functions of a record's words, cached: a list or a repeated sentence is classified once.
@lru_cache(maxsize=4096)
def _value_offset(quote: str, indicator: str) -> int | None:
    runs = list(_NUMBER_RUN.finditer(quote))
    if not runs or _DOUBLE_END.search(quote):
        return None  # "…10.6亿元，实现五年翻一番": the value is the doubling at the end
    head = indicator[:2]
    if head and quote.find(head) > runs[0].end() and quote.find(head) >= len(quote) - len(indicator) - 2:
        return runs[0].start()  # "8000多万农业转移人口"
    return runs[-1].start()


@lru_cache(maxsize=4096)
def _cued(text: str) -> bool:
    return _ANY_CUE.search(text) is not None


@lru_cache(maxsize=4096)
def _aspect_of(clause: str, indicator: str, measure: str) -> Aspect | None:
    return aspect_of(clause, indicator, measure)


@lru_cache(maxsize=4096)
def _classify(clause: str, measure: str, indicator: str, kind: str, year: int | None, frame: str,
              frame_start: int | None, plan_year: int | None, sentence: str) -> Period:
    return classify(clause, measure=measure, indicator=indicator, kind=kind, year=year, frame=frame,
                    frame_start=frame_start, plan_year=plan_year, sentence=sentence)
