"""Candidates: every number with a unit in a plan, found in one pass, names and labels dropped.

`scan` runs `numbers.CANDIDATE` over the normalised text and keeps what a reader
would count as a quantity: not 第…, 十九大, 14号线, 5G, 每千人, 百亿级, slogans,
idioms, streaks or numbers that only describe their object. `Marks` finds the
sentence and clause around any offset.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from operator import add

import regex

from planwatch.extract import plain_re
from planwatch.extract.context import Frame
from planwatch.extract.numbers import CANDIDATE, GROUP, IMPLIED_MONEY, IMPLIED_UNITS, Number, mask_runs, to_number

_CLAUSE_RE = regex.compile(r"[，。；：！？\n\t]")  # (a tab: between the cells of a table row)
_BAD_BEFORE = set("第每“‘《〈*×/_{.·") | set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
# Measure words of herds, poultry, fry, logs and wells that Chinese numerals make set phrases with.
# A clause on the whole of what the clause before counted: "总规模接近80万", "总数达到12万".
_WHOLE_OF = plain_re.compile(r"^(?:其)?(?:总规模|总量|总数|规模|总人数)(?:已|已经)?(?:接近|达到|达|超过|突破|约|近|逾|为)?$")
_ARABIC_ONLY_UNITS = frozenset(("匹", "羽", "尾", "段", "眼", "口"))
# An acronym of two or more capitals after a Chinese character or a mark, glued to a sum or a rate: "GDP2917.85亿元".
_ACRONYM_BEFORE = plain_re.compile(r"(?:^|[^A-Za-z0-9])[A-Z]{2,5}$")
# Patterns that need nothing of `regex` (no \p{…}, no REVERSE, no \s) use stdlib `re` (plain_re).
_BAD_AFTER_UNIT = plain_re.compile(
    r"^(?:月|工作日|全会|会议|代表大会|党代会|中全会|届|期(?!间)|号|级|大(?:类|项)|强(?!降|化|度|力|风|对流)|类|甲|代|周年)"
)
_RATIO_CONTEXT = plain_re.compile(
    r"(?P<what>收入比|性别比|倍差|之比|比值|满意度|指数)(?:为|是|由|从|达到|缩小到|缩小至|降至|降到|下降到|缩小为|提升至|提高到|提升到|达)?"
)
_BARE = regex.compile(
    r"(?<![\d.:：∶])\d+\.\d+(?:[∶:：]1(?!\d))?(?![\d.%:：∶万亿\p{Han}])"
    r"|(?<![\d.:：∶])\d+\.\d+(?:[∶:：]1(?!\d))?(?=[，。；、缩下降到至提]|左右|以内|以下|上下)"
)
# A bare ratio's qualifier after it: "城乡居民收入比缩小至2.0左右".
_BARE_SUFFIX = ("左右", "上下", "以内", "以下")
_RATIO_BREAK = plain_re.compile(r"[，。；%：:]")
# Fixed political formulas that count nothing: 八项规定, 两个确立, 四个意识 …
_SLOGAN = plain_re.compile(
    r"(?:项规定|个大局|个积极性|个确立|个维护|个意识|个自信|个全面|个代表|个一百年|个毫不动摇|个务必|个面向|个统筹|个文明|个坚持|个必须|"
    r"个方面|个领域|个环节|个层面|个维度|项举措|项措施|项工作|项任务|"
    r"件事(?![项业务])|个孩子|"  # the speech's own items ("突出抓好三件事"); a family's size ("可生育两个孩子政策")
    r"条(?:生命线|底线|红线|控制线|主线|高压线|警戒线|防线))"  # lines held to, not built: "守好三条生命线"
)
# A numeral + 个 + a verb of drive and nothing counted after it: a programme's slogan ("突出两个加快，", "全力落实“两个加快创新
# 提升年”", Review53), not two of anything.
_VERB_SLOGAN = regex.compile(r"个(?:加快|推进|提升|率先|确保|突破|聚焦|融入|强化|争先)"
                             r"(?=[，。；、：）)”\"」』\n]|[^，。；\n]{0,8}?年[”\"」』])")
# A numeral + 个 opening a quoted slogan and a short slogan word closing it (“四个走在前”, " 四个新 "): no count.
# A goal's tiers quoted as a slogan: “保8%、争9%”, “确保7%、力争7.5%” (Review17): each is a value.
_TIER_QUOTED = plain_re.compile(r"[“、](?:保|争|确保|力争|争取|冲刺|奋力)$")
_QUOTED_SLOGAN = plain_re.compile(r"[“\"「『][ \u3000]*$")
_QUOTE_CLOSE = regex.compile(r"[\p{Han}]{1,6}[ \u3000]*[”\"」』]")
# A formula held to, counted in words before its quoted name: "坚持五个“必须统筹”，…" (its clauses, nothing counted).
_HELD_FORMULA = plain_re.compile(r"(?:坚持|做到|把握|践行|贯彻|落实|树牢|增强|坚定)$")
_FORMULA_AFTER = plain_re.compile(r"[“\"][^”\"，。；]{1,10}[”\"](?=[，。；、,;\n]|$)")
# Counts of the speech's own items: the topics it explains ("着重对两个目标加以说明", "…两个指标作些说明").
_EXPLAINED = plain_re.compile(r"(?:个|项)(?:主要)?(?:目标|指标|问题|情况)(?:作|做|加以|进行)?(?:些|一些|简要)?(?:说明|解释)")
# N units merged into M, a reform written as a label: "三档并两档" (before 并, or the M after it).
_MERGED = plain_re.compile(r"(?:并|并为|并成)[两二三四五六七八九十][档级类]|[两二三四五六七八九十][档级类]并$")
# A list the numeral after it only counts again: "经济增长和物价总水平两个指标", "严把土地、信贷两个闸门".
_LISTED_BEFORE = regex.compile(r"(?:[^，。；：、和与及\n]{2,16}(?:、|和|与|及)){1,9}[^，。；：、和与及\n]{2,16}$", flags=regex.REVERSE)
_LIST_SEPARATORS = plain_re.compile(r"、|和|与|及")
_RESTATING_UNITS = frozenset(("个", "项", "件", "条", "种"))
_DESCRIBES = regex.compile(r"的\p{Han}")
# People whose problem a measure solves, not a size that describes ("有效改善6万人口的饮水安全问题", "解决3000户的住房困难"):
# a verb of relief before the count, a problem after 的 (see quantities._relieved).
RELIEVED_BEFORE = plain_re.compile(r"(?:解决|改善|缓解|保障|满足)$")
RELIEVED_AFTER = plain_re.compile(r"的(?P<what>[^，。；：、\d\n]{2,12}?)(?:问题|难题|(?P<hard>困难)|需求)")
_CROSSED = plain_re.compile(r"(?:突破|首破|破|迈上|跨上|站上|跨过|越过|跨越|跃上|登上)(?:了)?$")  # a mark crossed, just before it
_RESTATED = plain_re.compile(r"的[^，。；]{0,6}目标")
# A web page's counter of views beside its date and source (Review56).
_VIEWS_AFTER = plain_re.compile(r"[ \u3000]*(?:浏览|阅读|点击)")
_VIEWS_BEFORE = plain_re.compile(r"(?:浏览|阅读|点击)(?:次数|量|数)?[:：]?[ \u3000]*$")
# The end of a from–to named as a leap ("实现从7万亿元到11万亿元的跨越", Review54): the amount reached, not a description.
_LEAP_TO = plain_re.compile(r"(?:从|由)[^，。；！？]{1,30}(?:到|至)$")
_LEAP = plain_re.compile(r"的(?:历史性)?(?:跨越|飞跃|跃升|突破|提升|转变)")
# A goal quoted after a verb that judges a value against it ("控制在4.5%的预期目标内", "低于13%左右的预期目标"): not a
# restatement, the goal of the year a review judges (the extractor makes it a target of that year, or drops it in an
# outlook, where it restates the goal).
_JUDGED = plain_re.compile(r"(?:完成|实现|达到|超过|超出|高于|低于|控制在|好于|优于|快于|慢于|符合)(?:了)?[^，。；：\n\d]{0,12}$")
# The same verb further back, the goal's setter between ("实现并超过2018年年初在…会议上提出的当年地区生产总值增长8.5%的目标"):
# the goal of the year reviewed, quoted with who set it.
_JUDGED_SET = plain_re.compile(
    r"(?:完成|实现|达到|超过|超出|高于|低于)[^，。；：！？\n]{0,60}?(?:提出|确定|批准|下达|制定|通过|部署)的[^，。；：！？\n\d]{0,12}$")
# Last year's goal compared with ("较上年7.5%的目标增速有所下调", Review17): no restatement, a target of the year before.
LAST_YEARS = plain_re.compile(r"(?:较|比|低于|高于|快于|慢于|与)(?:上年|去年)(?:的)?$")
_IDIOM = plain_re.compile(r"千家万户|百家争鸣|千方百计|万众一心|千军万马|四面八方|一举两得|二人转|三人行|五人制")
_PARALLEL = regex.compile(r"\p{Han}{1,4}[两二三四五六七八九十][个种大项条站]")
_HAN = regex.compile(r"\p{Han}")
_DESCRIBED = regex.compile(r"[\p{Han}](?<![以内左])")
_LOOP = plain_re.compile(r"^[^，。；]{0,8}圈")
_SUFFIX = plain_re.compile(r"^(?:以上|以下|以内|左右|上下|之内|多|余)")
# The first characters those patterns can match (a cheap test before the pattern).
_SUFFIX_FIRST = frozenset("以左上之多余")
_BAD_AFTER_FIRST = frozenset("月工全会代党中届期号级大强类甲周")
# A numeral label of what is counted, right after the count's unit: "500强", "4A级", "5星级", "5G".
_LABEL_AFTER = plain_re.compile(r"\d{1,4}(?:强|A级|A|星级|星|G)")
# Per cents of a list run together, the separator lost on the page ("年均分别增长7.12%8.05%"): the next value, not a label.
_RUN_ON = plain_re.compile(r"\d{1,4}(?:\.\d+)?%")
# Households counted with their people, no mark between ("全县238户702名建档立卡贫困人口", "帮助1.2万户3.5万人"): two counts.
_PEOPLE_AFTER = plain_re.compile(r"\d+(?:\.\d+)?万?(?:名|人)")
_PEOPLE_CLASS = plain_re.compile(r"(?:以上|以下)?(?:人口)?(?:县|城市|大国|镇|的)")
# An age that names a group of people, not a quantity: "0—6岁儿童", "60岁以上老年人", "3至6岁的幼儿".
_BAND_COUNTED = regex.compile(r"(?:以上|以下|左右)?的\p{Han}{0,3}?\d+(?:个|家|户|所|人|名)")
_AGE_CLASS = plain_re.compile(
    r"(?:及以上|及以下|以上|以下|以内)?(?:的)?(?:儿童|幼儿|婴幼儿|婴儿|老年人|老人|人口|居民|妇女|女性|男性|孕产妇|学生|青少年|"
    r"青年|人群|群体|人员|职工|农民|残疾人|适龄|新生儿|患者|城乡|农村|城镇)"
)
# A count of the document's own parts: "《纲要草案》从…6个维度设置了29项主要指标", "具体部署了13项任务举措".
_DOC_PARTS = plain_re.compile(r"(?:主要|重点|约束性|预期性)?(?:指标|维度|任务举措|重点任务|举措|篇章|章节)")
_DOC_SUBJECT = plain_re.compile(r"《[^》]{0,20}(?:纲要|规划|计划|报告|草案)[^》]{0,6}》|本(?:纲要|规划|报告|计划)")
# The document divided into its parts: "报告共分为五个部分：一、…", "计划草案包括三个方面", "全文分五个部分".
_PART_NOUN = plain_re.compile(r"(?:个)?(?:部分|方面|板块|单元|篇章|章节)")
_DIVIDED = plain_re.compile(
    r"(?:报告|计划|草案|规划|纲要|方案|讲话|全文|正文)》?(?:全文|正文)?(?:共|一共|总共|主要)?(?:分为|分成|分|包括|包含|由)$"
)
# A reach (distance or time) "within" which something is measured, a name's qualifier: "公交与轨道50米内换乘比例".
_REACH_UNITS = frozenset(("米", "公里", "千米", "分钟", "小时"))
_WITHIN = plain_re.compile(r"(?:以内|之内|内)[\u4e00-\u9fff]")
# Words between a money indicator and its bare 亿 ("生产总值达到56.7亿"): verbs of reaching.
_MONEY_LEAD = regex.compile(r"(?:达到|达|完成|实现|为|突破|超过|超|约|近)$")
# The first of a list of thresholds crossed ("经济总量连续迈上4万亿、5万亿两个台阶"): not the amount reached.
_THRESHOLDS = regex.compile(r"、\d")
# An amount of money that sorts what is then counted, a class: "新引进落地总投资超10亿元项目50个以上", "超亿元企业共14家".
_MONEY_CLASS = regex.compile(
    r"\p{Han}{0,4}?(?:项目|企业|工程)(?:共有|共|有|达到|达)?(?:\d+(?:\.\d+)?|[一二三四五六七八九十百千万两]+)(?:个|家|项|座|批)")
# A size bounding a class of plants or firms, then named: "30万千瓦以下煤电机组", "10万千瓦及以下燃煤机组"; or the
# statistics' scope of an investment ("500万元以上固定资产投资完成25.66亿元", Review73).
_SIZE_CLASS = regex.compile(r"及?(?:以上|以下)\p{Han}{0,4}?(?:机组|锅炉|窑炉|企业|项目|工程|煤矿|电厂|电站|船舶|车辆|装置|投资)")
_MEASURE_UNITS = ("元", "瓦", "吨", "米", "亩", "时")  # units of an amount (a unit's last character), not counts
_GROWTH_AFTER = plain_re.compile(r"(?:的)?(?:增长|增速|增幅)")
_TOTAL = plain_re.compile(r"(?:总额|总投资|规模|总量)$")
_ACTION_AFTER = plain_re.compile(r"(?:较大幅度)?(?:提高|下调|上调|降低|调整|调低|调高|上调)")
_RANK = plain_re.compile(r"排名|位次|排位|名次|第")
# The field a ranking is among, counted: "在全区33个农产品主产区中进步名次位列第一", "排名35个农产品主产区县第5位", "在全国
# 100个城市中排名前10": the size of the field, not a quantity.
_RANK_FIELD = regex.compile(
    r"[^，。；！？,;：:\n\d]{0,12}?(?:中|里)[^，。；！？,;：:\n\d]{0,10}?(?:第[\d一二三四五六七八九十]+|首位|前[\d一二三四五六七八九十]+)"
    r"|[^，。；！？,;：:、\n\d居]{0,10}?第[\d一二三四五六七八九十]+(?:位|名)"
)
# A field joined or ranked in, counted: "成功跻身长三角一体化27个中心区城市" (one of the 27): its size, not a quantity.
_JOINED_FIELD = regex.compile(r"(?:跻身|跻入|跨入|位列|名列)[^，。；！？,;：:\n\d的]{0,8}$")
# The delegates or members at a meeting, counted ("出席本次全体会议的代表155人", "200余名县人大代表肩负重托", "应到委员
# 35人，实到32人"): the meeting's attendance, not a quantity of the plan.
_ATTENDANCE = plain_re.compile(r"出席|列席|到会|应到|实到|肩负重托|缺席|请假|代表名额|实有代表")  # (Review75: "现在实有代表334名")
# A ranking's move: "排名全国第25位，比2019年上升2位" (places, not people: a ranking is no record, nor is its move).
_RANK_MOVE = regex.compile(r"(?:上升|提升|提高|前移|跃升|跃居|下降|后移|下滑|前进|后退)了?$")
_CLAUSE_MARK = plain_re.compile(r"[，。；]")
# A Chinese numeral counting numbers: "三个1亿人" (three groups of 100 million people).
_COUNTED_NUMBER = plain_re.compile(r"[两二三四五六七八九十]个$")


def _relieved(s: str, start: int, end: int) -> bool:
    """True when the count of people or households at `start` is of those a measure relieves of a problem after it."""
    return RELIEVED_BEFORE.search(s, max(0, start - 2), start) is not None and RELIEVED_AFTER.match(s, end) is not None


def _restates_list(s: str, start: int, count: float) -> bool:
    """True when the Chinese numeral at `start` counts the items listed right before it, in its clause
    ("着重对经济增长和物价总水平两个指标", "严把土地、信贷两个闸门", "…A、B、C三项基本准则" not: words between)."""
    listed = _LISTED_BEFORE.search(s, max(0, start - 80), start)
    return listed is not None and len(_LIST_SEPARATORS.findall(listed.group(0))) + 1 >= count >= 2


@dataclass(slots=True)
class Candidate:
    """A candidate number and what the analysis found around it."""

    num: Number
    end: int  # after any comparator suffix
    suffix: str = ""
    comparator: str = "="
    measure: str = "level"
    verb: str = ""
    pre: str = ""  # text of the clause before the number, after the previous candidate
    pre_start: int = 0
    indicator: str = ""
    ind_start: int = -1
    ind_end: int = -1
    kind: str = "result"
    year: int | None = None
    items: list[str] = field(default_factory=list)
    item_idx: int = 0
    frame: Frame | None = None
    fraction: bool = False  # 一半, 三分之一: a share of something named before
    score: bool = False  # 满意度 84.7: a level with no unit, not a ratio
    growth_after: bool = False  # "保持20%以上增长": the verb follows the number
    halved: bool = False  # "减半征收": a fall of 50 %
    owner: str = ""  # a value against the year's plan: the indicator it is of, which the values after it take
    among: str = ""  # a count among a counted set ("12项主要预期目标中10项…"): the set, which a sibling count names too
    quoted: bool = False  # "控制在4.5%的预期目标内": a goal quoted after a verb that judges a value against it


def _attendance(s: str, marks: Marks, start: int, end: int) -> bool:
    """Whether the number at `start`–`end` counts the delegates or members at a meeting (`_ATTENDANCE` in its clause;
    代表 or 委员 near it: "大会应到代表162人，实到151人" names them in the clause before)."""
    near = s[max(0, start - 30): end + 12]
    if "代表" not in near and "委员" not in near:
        return False
    return _ATTENDANCE.search(s, marks.clause_start(start), marks.clause_end(end)) is not None


def _ratios(s: str) -> list[Candidate]:
    """Ratios written as one bare number: "城乡居民收入比由2.5缩小到2.3"."""
    out: list[Candidate] = []
    for m in _RATIO_CONTEXT.finditer(s):
        for n in _BARE.finditer(s, m.end()):
            if n.start() > m.end() + 14 or _RATIO_BREAK.search(s, m.end(), n.start()):
                break
            value = float(n.group(0).split("∶")[0].split(":")[0].split("：")[0])
            score = m.group("what") in ("满意度", "指数")  # a score is a level without a unit
            suffix = s[n.end(): n.end() + 2] if s[n.end(): n.end() + 2] in _BARE_SUFFIX else ""
            out.append(Candidate(num=Number(n.start(), n.end(), value, None, "", False, False), end=n.end() + len(suffix),
                                 suffix=suffix, score=score))
    return out


def scan(s: str, marks: Marks | None = None) -> list[Candidate]:
    """Every number with a unit that is not part of a name, label or date (at most MAX_PER_SENTENCE a sentence).

    `marks` are the sentence and clause marks of `s` when the caller has them already.
    """
    marks = marks or Marks(s)
    ends = marks.sentence
    out: list[Candidate] = _ratios(s)
    ratio_starts = sorted(c.num.start for c in out)
    kept: dict[int, int] = {}  # sentence -> candidates kept in it so far
    masked = mask_runs(s)  # same offsets; endless digit runs masked (issue 12)
    matches = CANDIDATE.finditer(masked)
    while (m := next(matches, None)) is not None:
        # A sentence that has its MAX_PER_SENTENCE candidates already (with the ratios before this
        # one) keeps no more (see _per_sentence), and the count only grows along the sentence: the
        # scan resumes at the sentence's end, so a machine-made chain or list costs no match past
        # its quota. (No match spans a sentence mark, and look-behinds see the text before `pos`.)
        m_start, m_end = m.span()
        sentence = bisect_right(ends, m_start)
        ahead = kept.get(sentence, 0)
        if ratio_starts and ahead < MAX_PER_SENTENCE:
            begin = ends[sentence - 1] if sentence else 0
            ahead += bisect_right(ratio_starts, m_start) - bisect_left(ratio_starts, begin)
        if ahead >= MAX_PER_SENTENCE:
            if sentence >= len(ends):
                break  # the last sentence: nothing after it
            matches = CANDIDATE.finditer(masked, ends[sentence])
            continue
        num = to_number(m)
        if num is None:
            continue
        before = s[m_start - 1] if m_start else ""
        if (before in _BAD_BEFORE and not (before.isupper() and _ACRONYM_BEFORE.search(s, max(0, m_start - 8), m_start)
                                           and num.unit.endswith(("元", "%")))) or before.isdigit():
            continue  # (an acronym of an aggregate glued to its amount is no code: "完成GDP2917.85亿元"; G20, PM2.5 are)
        if before == "新" and num.unit == "条" and not _HAN.match(s, m_end):
            continue  # "落实国务院关于鼓励引导民间投资新36条": a document's name, not a count of articles
        if not num.chinese and _COUNTED_NUMBER.search(s, max(0, m_start - 3), m_start):
            continue  # "以解决三个1亿人问题为着力点": the number names the groups a numeral counts
        unit = num.unit
        if (unit in ("次", "") and _VIEWS_AFTER.match(s, m_end)) or _VIEWS_BEFORE.search(s, max(0, m_start - 8), m_start):
            continue  # "8124次浏览", "浏览次数：1": a web page's own counter, not the report's
        if unit == "人" and _PEOPLE_CLASS.match(s, m_end) and not _relieved(s, m_start, m_end):
            continue  # "20万以上人口县": a class of places
        if unit == "岁" and _AGE_CLASS.match(s, m_end):
            continue  # "0—6岁儿童": a group of people
        if unit == "元" and _BAND_COUNTED.match(s, m_end):
            continue  # "收入90-100万元的2个", "100万元以上的村2个": a band of the things counted after it, no amount (Review71)
        if unit in _REACH_UNITS and _WITHIN.match(s, m_end):
            continue  # "50米内换乘比例", "500米内见绿": a distance that qualifies what is measured
        if unit in ("个", "项", "条") and _DOC_PARTS.match(s, m_end) \
                and _DOC_SUBJECT.search(s, max(0, s.rfind("。", 0, m_start) + 1), m_start):
            continue  # "《纲要草案》…设置了29项主要指标": the document's parts, not a quantity it sets
        if unit == "个" and _PART_NOUN.match(s, m_end - 1) and _DIVIDED.search(s, max(0, m_start - 16), m_start):
            continue  # "报告共分为五个部分": the document divided, no record
        if unit == "" and (m.group(GROUP["in"]) is not None or m.group(GROUP["mx"]) is not None):
            clause = s[max(0, m_start - 24): m_start]
            clause = clause[max(clause.rfind(mark) for mark in "，。；：\n") + 1:]
            num.unit = next((unit for pattern, unit in IMPLIED_UNITS if pattern.search(clause)), "")
            if not num.unit and _WHOLE_OF.search(clause):
                # "新增常住人口30余万，总规模接近80万" (Review18): the whole's size in the unit of the clause before
                earlier = s[max(0, m_start - 48): m_start - len(clause) - 1]
                earlier = earlier[max(earlier.rfind(mark) for mark in "，。；：\n") + 1:]
                if s[m_start - len(clause) - 1: m_start - len(clause)] in "，,、":
                    num.unit = next((unit for pattern, unit in IMPLIED_UNITS if pattern.search(earlier)), "")
            if not num.unit and m.group(GROUP["in"]) is not None and m.group(GROUP["imult"]) in ("亿", "万亿") \
                    and IMPLIED_MONEY.search(_MONEY_LEAD.sub("", clause)) and not _THRESHOLDS.match(s, m_end):
                num.unit = "元"  # "全县完成生产总值56.7亿", "南京预计实现地区生产总值1.27万亿": yuan
            if not num.unit:
                continue
            unit = num.unit
        after = s[m_end: m_end + 6]
        if s.startswith("人口", m_end - 2) and _HAN.match(after) and not _relieved(s, m_start, m_end):
            continue  # "千人口床位数", "万人口发明专利拥有量": the denominator of a rate
        if after[:1] in _BAD_AFTER_FIRST and _BAD_AFTER_UNIT.match(after) or after[:1].isascii() and after[:1].isalnum() \
                and not (after[:1].isdigit() and (_LABEL_AFTER.match(after) or unit == "%" and _RUN_ON.match(s, m_end)
                                                  or unit == "户" and _PEOPLE_AFTER.match(s, m_end))):
            continue  # (a count before a label: "20余家500强企业", "3家4A级景区"; a per cent before the next: "7.12%8.05%";
            # households before their people: "238户702名")
        if unit == "人" and after[:1] == "制":
            continue  # "3人制篮球场", "五人制足球赛": a kind of game, not people counted
        if after.startswith("台阶") and not unit.endswith(_MEASURE_UNITS):
            continue  # "上了两个台阶" counts steps; "经济总量迈上6万亿元台阶" is an amount reached
        if num.chinese and unit in _ARABIC_ONLY_UNITS:
            continue  # "三口之家", "两羽之争", "十段锦", "一口气": set phrases; a count of herds or wells is written in digits
        if num.chinese:
            if before in "几数上成" and before:
                continue
            if _SLOGAN.match(s, m_end - len(unit)) or _IDIOM.match(s, m_start) \
                    or (unit == "个" and _VERB_SLOGAN.match(s, m_end - 1)):
                continue
            if unit == "个" and _QUOTED_SLOGAN.search(s, max(0, m_start - 3), m_start) \
                    and _QUOTE_CLOSE.match(s, m_end):
                continue  # “四个走在前”, "四个新": a slogan's numeral inside its quotes, nothing counted
            if unit == "个" and _HELD_FORMULA.search(s, max(0, m_start - 4), m_start) and _FORMULA_AFTER.match(s, m_end):
                continue  # "坚持五个“必须统筹”，": a formula held to, its clauses counted
            if _MERGED.match(s, m_end) or s[m_start - 1: m_start] == "并" and _MERGED.search(s, max(0, m_start - 4), m_start):
                continue  # "按照三档并两档方向调整税率水平": a reform's label, not a count
            if unit in _RESTATING_UNITS and (_EXPLAINED.match(s, m_end - len(unit)) or _restates_list(s, m_start, num.value)):
                continue  # "两个指标作些说明", "严把土地、信贷两个闸门": the speech's own items, a list counted again
            if _PARALLEL.match(s, m_end):
                continue  # "两个市场两种资源", "三站两区间": a formula, not a count
            digits = m.group(GROUP["n1"]) or ""
            if m.group(GROUP["mult"]) and digits in ("十", "百", "千") and _HAN.match(after) \
                    and not (after.startswith(("大关", "台阶", "关口")) and _CROSSED.search(s, max(0, m_start - 4), m_start)):
                continue  # a class size: 百亿元企业, 千亿元台阶 (not the mark crossed: "GDP突破百亿元大关")
            if digits == "一" and unit != "倍":
                continue
            if unit in ("次", "部", "度", "种", "门", "支", "站", "区间", "起", "列", "位", "片", "块", "类", "回", "对"):
                if not (unit == "次" and _ACTION_AFTER.match(after)):
                    continue  # "三次提高出口退税率" counts actions; "四次全会" does not
        if unit == "个" and (after.startswith(("月", "多月", "工作日", "小时", "体", "人", "性")) or after.startswith("案")
                         and not after.startswith(("案例", "案件"))
                             or after.startswith("一") and not after.startswith(("一类", "一级", "一批", "一流", "一体"))):
            continue  # 个月, 个多月, 个体工商户, 个人, 个案: not a count of 个 (25个案例 is one)
        if unit in ("分钟", "小时", "米", "公里") and _LOOP.match(after):
            continue
        if unit in ("分钟", "小时") and _DESCRIBED.match(after):
            continue
        if unit == "次" and s[max(0, m_start - 1): m_start] == "届":
            continue
        if unit == "倍" and num.value == 0:
            continue
        near = s[max(0, m_start - 12): m_start]
        opening = near.rfind("“")
        if opening >= len(near) - 10 and "”" not in near[opening:] and "”" in s[m_end: m_end + 10] \
                and not (unit == "%" and _TIER_QUOTED.search(near)):
            continue  # a number inside a short slogan: “两个10亿元”, “3个95%” (not the tiers of “保8%、争9%”)
        if near.endswith(("首个", "前", "连续")) or (unit in ("位", "名") and _RANK.search(near)):
            continue
        if unit in ("位", "名") and _RANK_MOVE.search(near) and _RANK.search(s, max(0, m_start - 40), m_start):
            continue
        if unit in ("人", "名", "位") and _attendance(s, marks, m_start, m_end):
            continue
        if unit in ("个", "家", "所", "座") and (_RANK_FIELD.match(s, m_end) or (
                _JOINED_FIELD.search(near) and regex.match(r"\p{Han}", after) is not None)):
            continue
        if (num.chinese and unit != "倍" and "、" in near[-8:] and not _CLAUSE_MARK.search(near[-8:])
                and m.group(_DEN) is None and "占" not in near[near.rfind("、"):]):
            continue  # (a fraction or a share after a list mark is one: "…、占世界三分之二", "增长39%、占全国九成")
        suffix = _SUFFIX.match(after) if after[:1] in _SUFFIX_FIRST else None
        end = m_end + (suffix.end() if suffix else 0)
        of = s.startswith("的", end)  # _RESTATED and _DESCRIBES start with 的
        quoted = of and _RESTATED.match(s, end) is not None
        if (quoted and not _JUDGED.search(s, max(0, m_start - 16), m_start) and not LAST_YEARS.search(near)
                and not _JUDGED_SET.search(s, max(0, m_start - 90), m_start)):
            continue  # "5.5%左右的预期增长目标": a target restated in its explanation
        if (of and unit not in ("%", "百分点", "处") and _DESCRIBES.match(s, end)
                and not _TOTAL.search(s, max(0, m_start - 4), m_start)
                and not (unit in ("人", "户") and _relieved(s, m_start, end))
                and not (_LEAP.match(s, end) and _LEAP_TO.search(s, max(0, m_start - 32), m_start))):
            continue  # "13亿人口的发展中大国", "500亿元的基金": the number describes its object (not "25处的水泵": sites)
        if unit.endswith(_MEASURE_UNITS) and _SIZE_CLASS.match(s, m_end):
            continue  # "淘汰关停…30万千瓦以下煤电机组": which units, not how much
        if unit.endswith("元") and _MONEY_CLASS.match(s, end):
            continue  # "超10亿元项目50个": the size of each project counted, not a quantity
        if unit == "项" and s.startswith("目", end) and not s.startswith("目标", end):
            continue  # "3113项目攻坚行动", "2022项目绩效自评报告": a programme's name or a year, no count of 项 (Review79)
        growth_after = unit == "%" and s.startswith(("的", "增"), end) and _GROWTH_AFTER.match(s, end) is not None
        half, den = m.group(_HALF, _DEN)
        fraction = half is not None or den is not None
        halved = half == "减半"
        if fraction and s.startswith("用于", end):
            continue  # "一半用于大病保险": how money is split, not an outcome
        out.append(Candidate(num=num, end=end, suffix=suffix.group(0) if suffix else "", fraction=fraction,
                             growth_after=growth_after, halved=halved, quoted=quoted))
        kept[sentence] = kept.get(sentence, 0) + 1
    if not ratio_starts:
        return out  # in text order, and the quota above already held every sentence to MAX_PER_SENTENCE
    out.sort(key=lambda c: c.num.start)
    return _per_sentence(out, ends)


_HALF, _DEN = GROUP["half"], GROUP["den"]


# No real sentence holds more than a dozen numbers with units (11 at most in the corpus); past
# this many in one sentence the rest is a machine-made chain or list, not prose (issue 12).
MAX_PER_SENTENCE = 40


def _per_sentence(cands: list[Candidate], marks: list[int]) -> list[Candidate]:
    """`cands` (in text order) with at most MAX_PER_SENTENCE of them in any one sentence (ends at `marks`)."""
    if len(cands) <= MAX_PER_SENTENCE:
        return cands
    kept: list[Candidate] = []
    sentence, count = -1, 0
    for c in cands:
        here = bisect_right(marks, c.num.start)
        if here != sentence:
            sentence, count = here, 0
        count += 1
        if count <= MAX_PER_SENTENCE:
            kept.append(c)
    return kept


# The same marks as _CLAUSE_RE (one character each), for splitting at C speed.
_CLAUSE_SPLIT = re.compile(_CLAUSE_RE.pattern)


def _ends(marks: re.Pattern[str], s: str) -> list[int]:
    """The offset just after each mark in `s`: the running length of the pieces between marks, plus the mark."""
    pieces = marks.split(s)
    pieces.pop()  # the text after the last mark
    return list(accumulate(map(add, map(len, pieces), repeat(1))))


# Sentence marks are clause marks too: the sentence ends are the clause ends that follow one of them.
_SENTENCE_MARKS = frozenset("。；！？\n")


class Marks:
    """Positions of sentence and clause marks, found in one pass, for look-ups by bisection."""

    def __init__(self, s: str) -> None:
        self.clause = _ends(_CLAUSE_SPLIT, s)
        self.sentence = [end for end in self.clause if s[end - 1] in _SENTENCE_MARKS]
        self.length = len(s)

    @staticmethod
    def _before(marks: list[int], pos: int, limit: int) -> int:
        i = bisect_right(marks, pos) - 1
        floor = pos - limit if pos > limit else 0
        if i < 0:
            return floor
        mark = marks[i]
        return mark if mark > floor else floor

    def sentence_start(self, pos: int, limit: int = 400) -> int:
        """Start of the sentence holding `pos` (at most `limit` characters back)."""
        return self._before(self.sentence, pos, limit)

    def clause_end(self, pos: int) -> int:
        """End of the clause holding `pos` (the next clause mark, or the end of the text)."""
        i = bisect_right(self.clause, pos)
        return self.clause[i] if i < len(self.clause) else self.length

    def clause_start(self, pos: int, limit: int = 200) -> int:
        """Start of the clause holding `pos` (at most `limit` characters back)."""
        return self._before(self.clause, pos, limit)
