"""Indicator names as a reader expects them: the shortest noun phrase that identifies the thing.

The phrase finder (`indicator`) cuts a clause around a number; this module tidies what it
found and judges whether it is a name at all. Rules are keyed to grammar, not to documents:

- a leading action or preposition phrase goes ("拆除违法建筑" → 违法建筑, "在公共场所布局…" → …),
  and so do trailing verbs of the sentence ("公园项目完工" → 公园项目);
- an enumeration before 等 or before an "N大" label gives way to the class it lists
  ("食品、石化…等重点产业增加值占比" → 重点产业增加值占比);
- bracketed parts of a name stay ("细颗粒物（PM2.5）平均浓度"), typesetting does not
  ("PM_{2.5} 平均浓度" → PM2.5平均浓度);
- a place word that only repeats the plan's own government goes ("全市", "全省" …).

`is_name` is the check the registry applies before it registers an indicator: never a function
word, a verb, a fragment of a clause or a value. jieba's part-of-speech tagger was measured on
these phrases (about half of the leading and trailing verbs tagged right: 惠及/上市 as place
names, 更新 as an adverb, 优化 as a noun) and is not used; the word lists below are.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from planwatch.extract import plain_re
from planwatch.extract.indicator import FOR_WHOM, before, subject
from planwatch.extract.tails import last_characters, may_end
from planwatch.extract.task_segment import segment

if TYPE_CHECKING:
    from planwatch.extract.candidates import Candidate, Marks

__all__ = ["is_name", "problems", "tidy"]

# Verbs (and verb compounds) that open an object phrase: "拆除违法建筑", "组织实施技改项目".
_ACTIONS = (
    "组织实施|优化调整|调整优化|实体化运行|重组入列|自审自发|认真办理|布局解决|新开办|开办|新成立|成立|设立|"
    "整合|惠及|释放|盘活|腾退|收储|转化|优化|调整|布局|敷设|铺设|上线|建设|新建|培育|认定|引进|打造|组建|"
    "办理|解决|提供|完成|实现|累计|发放|筹集|供应|吸纳|带动|新开工|开工|竣工|建成|"
    "落地|入驻|投用|实施|推进|推动|净增|共有|拥有|下达|拨付|安排|获得|"
    # the verbs of a 民生实事 list's items (Review17: "筹建人才住房1000套", "投放运营氢能源公交车80辆", "交付安置房17244套")
    "筹建|投放运营|投放|开发安置|募集|培养|安装|交付|放映|升级改造|"
    # what happened or was carried out, said before the thing counted ("共发生安全生产事故3起", "落实京冀企业167个")
    "发生|落实"
)
# Patterns that need nothing of `regex` (no \p{…}, no REVERSE, no \s) use stdlib `re` (plain_re).
# An adverb before the first ("主要铺设雨水管网", "全县共发生…") goes with it.
_LEAD_ACTION = plain_re.compile(rf"^(?:主要|共)?(?:(?:{_ACTIONS})(?!区|用地|面积|规模(?!以上)|亏损|率))+")
# Verbs of transformation name what is measured together with their object: "改造老旧小区" → 老旧小区改造.
_CHANGE_WORDS = (
    "新改扩建", "新建改建", "新建改造", "新改建", "改扩建", "提质改造", "改造提升", "改造", "拆除", "整治", "治理", "淘汰", "更新",
)
_LEAD_CHANGE = regex.compile(rf"^(?:{'|'.join(_CHANGE_WORDS)})(?=\p{{Han}}{{2}})")
# A preposition phrase in front: "在边境地区、集体经济薄弱村新建…", "在大规模…".
_LEAD_PLACE = regex.compile(rf"^在[^，。；]{{0,16}}?(?:{_ACTIONS})(?=\p{{Han}}{{2}})")
# A condition in front: "正常年景下粮食产量".
_LEAD_AT = regex.compile(r"^在(?!\p{Han}*[中内上下]占)(?=\p{Han}{3})")
_LEAD_INCLUDING = regex.compile(r"^[（(]?(?:含|其中|包括)(?=\p{Han}{2})")
_VERB_END = regex.compile(r"(?:降至|降到|升至|升到|增至|增到|提高到|提升到|达到|接连|连续|就能够|将高)$")
_VERB_END_LAST = last_characters(_VERB_END.pattern)
_LEAD_YEAR = regex.compile(r"^(?:19|20)\d{2}年度?(?=\p{Han}{2})")
_LEAD_GOAL = regex.compile(r"^(?:主要)?预期目标(?:是|为)?[:：]?")
_LEAD_CONDITION = regex.compile(r"^[^，。；的]{1,8}(?:条件|情况|年景|前提|背景)下")
# Determiners and quantifying words that are not part of a name.
_DETERMINERS = ("大规模", "各项", "所有", "全部", "一批", "一系列", "新一轮", "这些", "上述", "该")
# 各项 is part of a banking statistic's name (金融机构各项存款余额, 各项贷款余额), not a quantifier there.
_LEAD_DETERMINER = regex.compile(rf"^(?:{'|'.join(_DETERMINERS)})(?<!各项(?=存款|贷款))(?=\p{{Han}}{{2}})")
# Verbs and adverbs that close a clause after its object: "公交线路调整优化", "公园项目完工".
_TAIL_VERB = regex.compile(
    r"(?:调整优化|优化调整|招生开学|开学|完工|竣工|通过验收|验收|敷设|铺设|年度任务如期|如期|按期|顺利|启动建设|"
    r"将高|将近|将超|就能够|能够|可以|达|可比|同口径|从|由|接连|连续|相对|梯次|都|又|也|还|均|要|被|接|近|就|"
    r"建成投用|投入使用|开工建设|全面纳管|基本生活|(?:建设)?或选址|(?:[强补延固]链){2,}|集中|深入|成功|全面|基本|有序|加快|不)$"
)
_TAIL_VERB_FROM_END = regex.compile(_TAIL_VERB.pattern, flags=regex.REVERSE)  # the same words, matched from the end
_TAIL_VERB_LAST = last_characters(_TAIL_VERB.pattern)  # and the characters they end with, looked at before either
# Typesetting inside a name: LaTeX-like subscripts and spaces between characters.
# "规模以上工业实现增加值" → 规模以上工业增加值, "两大工业园区实现工业产值" → 两大工业园区工业产值: a light verb between
# the thing and its measure.
_MID_LIGHT = regex.compile(
    r"(?<=\p{Han}{2})(?:实现|完成)(?=(?:工业|农业)?(?:增加值|营业收入|主营业务收入|总产值|产值|利润总额|利润|利税|税收|销售额|营收|收入|出口额|进出口总额)$)"
)
# "中央财政将安排科技支出" → 中央财政科技支出, "中央财政用于“三农”的投入" → 中央财政“三农”投入: who spends, on what.
_MID_SPEND = regex.compile(r"(?<=^\p{Han}{2,8}?)(?:(?:将|拟)?安排|(?:将|拟)投入)(?=\p{Han}{2})")
_SPENT_ON = regex.compile(r"^(?P<who>\p{Han}{2,8}?)用于(?P<what>[^的，、]{2,16})的(?P<head>\p{Han}{2,})$")
# "早餐工程新增网点" → 早餐工程网点: 新增 after a programme's name is not part of the thing.
_PROGRAMME_NEW = regex.compile(r"^(?P<programme>\p{Han}{2,10}?(?:工程|行动|计划))新增(?=\p{Han}{2})")
# The years a value sums, inside its name: "中央财政五年支出" → 中央财政支出 (the span says 五年, not the name).
_MID_FIVE = regex.compile(r"(?<=\p{Han}{2})(?<![第十每])五年(?!规划|计划|行动|纲要|级|制|期)(?=\p{Han}{2})")
_SUBSCRIPT = regex.compile(r"_\{([^{}]*)\}|_(\d+(?:\.\d+)?)")
_SPACE = regex.compile(r"(?<![A-Za-z])\s+|\s+(?![A-Za-z])")
_ANY_SPACE = regex.compile(r"\s")
# An enumeration before 等 or before an N大 class label: the class names the thing.
_ENUM_DENG = regex.compile(r"^[^，。；]*、[^，。；]*?等(?=\p{Han}{4})(?!产业|行业|领域)")
_ENUM_LABEL = regex.compile(r"^(?:[^、，。；]{1,10}、)+[^、，。；]{1,10}?(?=[一二三四五六七八九十两\d]+大\p{Han}{2})")
# The plan's own government, which a place word at the front only repeats.
_OWN_PLACE = regex.compile(
    r"^(?:全国|全省|全市|全区|全县|全州|本市|本省|本区|本县)(?=地级|设区|县级|城市|城镇|所有|各|规模以上|规上|实现|完成)"
    r"(?=\p{Han}{4})"
)

# A scope word of a county or lower that only says the figure is the whole place's ("全县地区生产总值", "全乡规模以上工业产值"),
# not where it is part of the name the texts use (全市生产总值, 全市性, 全区域).
_SCOPE_PLACE = regex.compile(  # (or before a scope by size: "全旗500万元以上固定资产投资", Review73)
    r"^全[县乡镇区市旗](?![性域])(?!生产总值)(?=\p{Han}{2}.{2}|\d+(?:\.\d+)?[万亿]?元以上\p{Han}{2})")
# A news dateline before the first sentence ("某某网·某某新闻讯", "某县讯", "人民网上海1月11日电"): who reports, not what.
_DATELINE = regex.compile(
    r"^\p{Han}{1,8}?(?:网|报|台|社)?[·・]?\p{Han}{0,8}?(?:新闻讯|(?<=网|报|台|社|县|市|区)讯|\d{1,2}日电)(?=\p{Han}{2})"
)
# A field a list of names closes with ("…、进出口方面，分别保持增长…"): the names are the things, not the field.
_TAIL_FIELD = regex.compile(r"(?<=\p{Han}{2})方面$")
# What is solved for people, said after them ("为200名失业残疾人解决就业" → 失业残疾人就业): the people and what they get.
_MID_SOLVED = regex.compile(r"(?<=\p{Han}(?:人|者|户|众|庭|工|生|民|员))(?:解决|提供)(?=\p{Han}{2})")
# A time at the front ("1至7月份实现工业开票销售", "全年实现…"): the span says it, not the name.
_LEAD_TIME = regex.compile(
    r"^(?:全年|当年|上半年|下半年|(?:第)?[一二三四]季度|前[两二三]季度|"
    r"(?:1|一|元)\s*(?:—|-|－|–|~|～|至|到)\s*(?:\d{1,2}|[二三四五六七八九十]|十[一二])\s*月份?"
    r"|(?:1[0-2]|[1-9])\s*月份?(?![底末初份\d]|[上中下]旬))(?=\p{Han}{2})"  # (a month's figure: "12月纳入城乡低保", Review65)
)
# The time so far and who holds it, before a count: "截至目前我镇共有监测户" → 监测户 (Review72).
_LEAD_SO_FAR = regex.compile(
    r"^截[至止](?:目前|当前|现在)(?:(?:我|全|本)[省市县区州盟旗镇乡村])?(?:共有|共计|共|累计|已有|已)?(?=\p{Han}{2})")
# A place's plan said before the projects it counts ("我盟计划实施重点建设项目", "全市计划安排重大项目"): the projects (Review63).
_LEAD_PLAN_OF = regex.compile(r"^(?:(?:我|全|本)[省市县区州盟旗镇乡])?共?计划(?:实施|安排|建设|推进)?(?=\p{Han}{2})")
_PLACE_PLANS = regex.compile(r"(?:我|全|本)[省市县区州盟旗镇乡]共?计划")
# Who did it, before a light verb: "各村（社区）共完成村营收入" → 村营收入, "已通过绿色食品认证" → 绿色食品认证.
_LEAD_DOER = regex.compile(
    r"^(?:各(?:村|乡镇|镇|街道|社区|县区|区县|县市区)(?:[（(][^（）()]{1,4}[）)])?(?:共|已|累计)?(?:完成|实现)"
    r"|已(?:经)?(?:通过|完成|实现|建成)"
    r"|各\p{Han}{1,6}?共(?:发现|排查|检查|完成|实现))(?=\p{Han}{2})"  # ("各行业领域共发现一般隐患", Review65)
)
# An abbreviation in brackets that spells the whole name: "地区生产总值（GDP）" → 地区生产总值 (not "（PM2.5）浓度", inside).
_TAIL_ABBREVIATION = regex.compile(r"(?<=\p{Han}{2})[（(][A-Z]{2,5}[）)]$")
# A note mark after a name: "生产总值[2]", "常住人口［3］" (the bulletin's notes at its end).
_FOOTNOTE = regex.compile(r"(?<=\p{Han})[\[［]\d{1,2}[\]］]")
# How a rate is computed, said after its name: "地区生产总值按可比价增长8%" → 地区生产总值.
_TAIL_COMPARABLE = regex.compile(r"(?<=\p{Han}{2})按可比价(?:格)?(?:计算)?$")
# A manner of developing after the subject: "民营科技企业快速发展" → 民营科技企业.
_TAIL_MANNER = regex.compile(r"(?<=\p{Han}{2})(?:快速|持续|稳步|较快|平稳|不断|迅速|蓬勃)(?:发展|增长|壮大)$")
# 累计 inside a name before what is summed: "限上批零住餐累计营业额" → 限上批零住餐营业额 (the span says it).
# Text injected into a page before a name (Review17): a run of ASCII with marks of several kinds (a forum's anti-copy
# junk, "L(f%s\"@I#]0E+g0j", not GDP, R&D, PM2.5, 5G), and a run of digits no figure has (a phone number's 11).
_JUNK_LEAD = regex.compile(r"[\x21-\x7e]{6,}(?=\p{Han})")
_JUNK_MARKS = regex.compile(r"[!-/:-@\[-`{-~]")
_DIGIT_RUN = regex.compile(r"(?<!\d)\d{9,}(?!\d)(?=\p{Han}{2})")
# A year between who sets a figure and what it is of ("驻马店2023年GDP", "安阳市则将2023年GDP", "开封…等市也将2023年GDP",
# Review17): the year is the record's, not part of its name; who stays before what (not a base: 比/较/与/从 2020年).
_MID_YEAR = regex.compile(
    r"(?<=^[\p{Han}、]{2,40}?)(?<![比较与同从由到至于])(?:的|则|也|亦|更|都|均|便)?(?:将|把)?(?:19|20)\d{2}年(?:度)?的?"
    r"(?=[\p{Han}A-Za-z]{2})")
_MID_CUMULATED = regex.compile(r"(?<=\p{Han}{2})累计(?=(?:营业额|销售额|零售额|营业收入|收入|产值|投资|增加值)$)")

# What a name can never be, or start or end with (whole words, as jieba cuts them).
_FUNCTION_WORDS = frozenset(
    "方面 上述 其中 其他 其它 有关 相关 以上 以下 左右 各地 各地可 这些 那些 此外 同时 目前 当前 全年 今年 去年 "
    "经济 支出 收入 增加值 增速 增长 水平 规模 总量 总数 总额 数量 合计 总计 共计 情况 任务 目标 工作 问题 "
    "大城市 城市 地区 国家 全国 全省 全市 全区 单位 企业 项目 率 比重 占比 比例".split()
)
_BAD_FIRST = frozenset(
    "的 了 和 及 与 或 而 并 也 都 就 将 要 可 能 已 再 又 还 把 被 让 使 为 于 从 由 向 比 较 按 以 其 之 接 连 "
    "各地 上述 该 预期目标 目标 是 提出 但 但是 着重 一律 认真落实".split()
)
_BAD_LAST = frozenset(
    "的 了 和 及 与 或 并 也 都 就 将 要 可 能 已 再 又 还 把 被 让 使 为 于 从 由 向 较 按 以 其 之 接 "
    "接连 连续 能够 可以 降至 降到 升至 升到 达到 达 高 低 超 近 约 不 可比 相对 梯次 有序 如期 是 "
    "新 定 拟 有 共".split()  # a word cut off its verb: "保障性安居工程新(安排)", "增长预期目标定(在)", "我国有"
)
_BAD_MARK = regex.compile(r"^[，、。；：:（(）)\-—·]|[，、；：:（(\-—]$")
_BAD_MARK_FIRST, _BAD_MARK_LAST = frozenset("，、。；：:（(）)-—·"), frozenset("，、；：:（(-—")  # its two classes
_WORD_STARTS = "可再生|可回收|可持续|可供|和美|就地|就近|就业|连锁|比较|对外|接待|接入"
_WORD_START = regex.compile(rf"^(?:{_WORD_STARTS})")
_WORD_START_FIRST = frozenset(word[0] for word in _WORD_STARTS.split("|"))
_NUMBERED_NAME = regex.compile(r"^\d+(?:[A-Za-z]|大|强|星|\p{Han}{0,2}(?:刑事|警情|热线|服务|急救))")  # 110刑事治安警情, 7大产业集群
_COUNT_TAIL = regex.compile(r"\p{Han}{0,2}(?:人数|户数|数|量)$")
_NEW = regex.compile(r"^新增")
_LIST_OR_NUMBER = regex.compile(r"[，、\d]")
_DIGITS_LEAD = regex.compile(r"^\d")
_UNBALANCED = regex.compile(r"^[^（(]*[)）]|[（(][^)）]*$")
_BRACKETS = frozenset("（()）")  # what _UNBALANCED needs one of
_TWO_LETTERS = regex.compile(r"[\p{Han}A-Za-z].*?[\p{Han}A-Za-z]", regex.DOTALL)  # two letters, Chinese or Latin
_HAN = regex.compile(r"\p{Han}")
_HAN_FIRST, _HAN_LAST = "\u4e00", "\u9fd5"  # common Chinese characters (jieba's range), all \p{Han}: no _HAN needed
_RATE = plain_re.compile(r"(?:率|比例|比重|占比)$")


_ITEM_LEAD = regex.compile(r"^[|｜]?(?:\d{1,2}[.．、](?=\p{Han}))?")


@lru_cache(maxsize=16384)
def tidy(name: str) -> str:
    """The name without typesetting, leading actions, trailing verbs and listed members."""
    if not name:
        return name
    original = name
    # Each pattern is tried only when the name holds what it needs (the character or word it
    # starts with or cannot do without): most names need none of them.
    if "_" in name:
        name = _SUBSCRIPT.sub(lambda m: m.group(1) or m.group(2), name)
    if not name.isalnum() and _ANY_SPACE.search(name):  # (no whitespace is alphanumeric, as most names are)
        name = _SPACE.sub("", name)
    if name[:1].isascii() and (junk := _JUNK_LEAD.match(name)) and len(set(_JUNK_MARKS.findall(junk.group(0)))) >= 2:
        name = name[junk.end():]  # a forum's anti-copy junk before the name ("7i8w:D%N.Q*X7V全年改造…", Review17)
    if name.startswith("为") and (given := FOR_WHOM.match(name)):
        name = name[given.end():]  # "为某镇中心小学、某镇第二小学购置课桌椅": what is given, not to whom
    if "[" in name or "［" in name:
        name = _FOOTNOTE.sub("", name)  # a statistics bulletin's note mark ("生产总值[2](GDP)", "常住人口[3]")
    if name[:1] in "|｜" or (name[:1].isdigit() and _ITEM_LEAD.match(name)):
        name = _ITEM_LEAD.sub("", name, count=1)  # a table cell's item number ("| 1.婴幼儿照护服务成长驿站：", Review36)
    if name[:1] in "，,、；;：:":
        name = name.lstrip("，,、；;：: ")  # a mirror's doubled commas before the name (",,厚街全年实现…", Review71)
    if name[:1] in "“‘" and "”" not in name and "’" not in name:
        name = name[1:]  # a quoted list's opening mark ("“生产总值增长6%，…", Review18): no part of the first name
    if _DIGIT_RUN.search(name):
        name = _DIGIT_RUN.split(name)[-1]  # a phone number injected before it ("家政服务13825404095道路景观林带")
    for _ in range(3):
        before = name
        if "下" in name:
            name = _strip(name, _LEAD_CONDITION)
        if "预期目标" in name:
            name = _strip(name, _LEAD_GOAL)
        if name.startswith(("19", "20")):
            name = _strip(name, _LEAD_YEAR)
        if name.startswith(("含", "其中", "包括", "（", "(")):
            name = _strip(name, _LEAD_INCLUDING)
        if name.startswith(("全", "本")):
            name = _strip(name, _OWN_PLACE)
            name = _strip(name, _SCOPE_PLACE)
        if name.startswith(("全年", "当年", "上半年", "下半年", "第", "一", "二", "三", "四", "前", "1", "元")):
            name = _strip(name, _LEAD_TIME)
        if name.startswith(("各", "已")):
            name = _strip(name, _LEAD_DOER)
        if name.startswith("截"):
            name = _strip(name, _LEAD_SO_FAR)
        if "计划" in name[:5] and ("项目" in name or "工程" in name or _PLACE_PLANS.match(name)):
            name = _strip(name, _LEAD_PLAN_OF)  # (or a place's plan of anything: "我县计划播种粮食面积", Review77)
        if "讯" in name or "电" in name:
            name = _strip(name, _DATELINE)
        if name.endswith("方面"):
            name = _strip_tail(name, _TAIL_FIELD)
        if name.endswith(("）", ")")):
            name = _TAIL_ABBREVIATION.sub("", name)
        if name.endswith(("可比价", "可比价格", "可比价计算", "可比价格计算")):
            name = _TAIL_COMPARABLE.sub("", name)
        if name.endswith(("发展", "增长", "壮大")):
            name = _TAIL_MANNER.sub("", name)
        if "累计" in name:
            name = _MID_CUMULATED.sub("", name)
        if name.startswith("而") and len(name) > 3 and _words(name)[0] not in ("而且", "而是", "而言", "而立"):
            name = name[1:]  # "而庚市则将2025年GDP…": the conjunction that opens the sentence
        if name.startswith("在") and _words(name)[0] == "在":  # not 在建, 在校, 在岗: words of their own
            name = _strip(name, _LEAD_PLACE)
            name = _strip(name, _LEAD_AT)
        if "按" in name:
            name = _after_by(name)
        if "、" in name:
            if "等" in name:
                name = _strip(name, _ENUM_DENG)
            name = _strip(name, _ENUM_LABEL)
        if name.startswith(_DETERMINERS):
            name = _strip(name, _LEAD_DETERMINER)
        name = _strip_action(name)
        if may_end(name, _TAIL_VERB_LAST) and _TAIL_VERB_FROM_END.search(name):  # most names end with no verb
            name = _strip_tail(name, _TAIL_VERB)
        name = _change_last(name)
        if "新增" in name:
            name = _PROGRAMME_NEW.sub(r"\g<programme>", name)
        if "安排" in name or "投入" in name:
            name = _MID_SPEND.sub("", name)
        if "用于" in name and not _RATE.search(name):
            name = _SPENT_ON.sub(r"\g<who>\g<what>\g<head>", name)
        if "实现" in name or "完成" in name:
            name = _MID_LIGHT.sub("", name)
        if "五年" in name:
            name = _MID_FIVE.sub("", name)
        if "解决" in name or "提供" in name:
            name = _MID_SOLVED.sub("", name, count=1)
        if "年" in name and not name.startswith(("19", "20")):
            name = _MID_YEAR.sub("", name, count=1)
        if name == before:
            break
    return name if _HAN_FIRST <= name[:1] <= _HAN_LAST or _HAN.search(name) or not _HAN.search(original) else original


def _strip(name: str, pattern: regex.Pattern[str]) -> str:
    """`name` without the match of `pattern` at its start, if at least two characters remain."""
    m = pattern.match(name)
    if m and m.end() > 0 and len(name) - m.end() >= 2 and name[m.end()] not in "的和及与、":
        return name[m.end():]
    return name


# Who applies a rule before the rule's measure: "中央财政已按全国财政性教育经费支出占国内生产总值(的4%)".
_BY = regex.compile(r"^\p{Han}{2,8}?(?:已|将|要|拟|均|一律)?按(?:照)?(?=\p{Han}{4})")


def _after_by(name: str) -> str:
    """`name` without who applies it: what follows 按 (a word of its own, not 按揭 or 按需) names the measure."""
    m = _BY.match(name)
    if not m:
        return name
    by = m.group(0)
    lead = by[: by.rindex("按")]
    words, k = _words(name), 0
    for word in words:
        if k == len(lead):
            return name[m.end():] if word in ("按", "按照") else name
        k += len(word)
        if k > len(lead):
            break
    return name


def _strip_action(name: str) -> str:
    """`name` without a leading action verb, unless it names a rate of that action or too little is left."""
    m = _LEAD_ACTION.match(name)
    if not m or len(name) - m.end() < 3 or _RATE.search(name) or name[m.end()] in "的和及与、或" \
            or _STAGED_NAME.fullmatch(name):
        return name  # (an action joined to another is what was done: "完成或超额完成的主要预期目标")
    return name[m.end():]


# Projects named by their stage ("建成投产项目", "竣工投产项目", "开工建设项目"): the stage is the name (Review56).
_STAGED_NAME = regex.compile(r"(?:竣工投产|建成投产|建成投用|开工建设|新开工|新签约)(?:重点|重大)?(?:项目|工程)")


_MEASURE_ONLY = frozenset("户数 数量 个数 套数 面积 长度 里程 规模 总量 人数 间数".split())


def without_change(name: str) -> str:
    """"改造农贸市场" → 农贸市场: the object a change leads, the change cut (a name to which another measure is added)."""
    m = _LEAD_CHANGE.match(name) if name.startswith(_CHANGE_WORDS) else None
    return name[m.end():] if m and len(name) - m.end() >= 2 else name


def _change_last(name: str) -> str:
    """"改造老旧小区" → 老旧小区改造: the object first, then the change measured."""
    m = _LEAD_CHANGE.match(name) if name.startswith(_CHANGE_WORDS) else None
    if not m or len(name) - m.end() < 2 or _RATE.search(name) or name[m.end()] in "的和及与、":
        return name
    thing = name[m.end():]
    if thing.startswith("规模") and len(thing) >= 5 and not thing.startswith("规模以"):
        thing = thing[2:]  # "改造规模10千伏线路": the scale of the change is its value, the line what is changed
    if thing in _CHANGE_WORDS or thing in _MEASURE_ONLY:
        return name  # "更新改造", "关停淘汰": two changes, no object to put first; "改造户数": the change's measure (Review17)
    if thing.endswith("面积") and len(thing) >= 4:
        return thing[:-2] + m.group(0) + "面积"  # "治理水土流失面积" → 水土流失治理面积: the area treated
    return thing + m.group(0)


def _strip_tail(name: str, pattern: regex.Pattern[str]) -> str:
    m = pattern.search(name)
    if m and m.start() >= 2:
        return name[: m.start()]
    return name


def problems(name: str) -> list[str]:
    """Why `name` is not an indicator name a reader would accept (empty when it is)."""
    found: list[str] = []
    text = "".join((name or "").split())
    if _TWO_LETTERS.search(text) is None:  # fewer than two Chinese or Latin letters
        found.append("too short")
    if text in _FUNCTION_WORDS:
        found.append("a function word or a word too generic to name a thing")
    words = _words(text)
    # Each pattern below is tried only when the character it needs first (or last) is there: most names are
    # Chinese words with none of them (the patterns cost 2 µs a name, the registry names ≈ 120 a report).
    first, last = text[:1], text[-1:]  # (`text` has no whitespace: $ is its end)
    if first in _WORD_START_FIRST and _WORD_START.match(text):
        words = [text[:3], *_words(text[3:])] if len(text) > 3 else [text]
    if (first in _BAD_MARK_FIRST or last in _BAD_MARK_LAST) and _BAD_MARK.search(text) or (words and words[0] in _BAD_FIRST):
        found.append("starts with a function word or punctuation")
    if (words and len(words) > 1 and words[-1] in _BAD_LAST) or may_end(text, _VERB_END_LAST) and _VERB_END.search(text):
        found.append("ends with a verb, a function word or punctuation")
    if not first.isalpha() and _DIGITS_LEAD.search(text) and not _NUMBERED_NAME.match(text):  # (no digit is a letter)
        found.append("starts with a number")
    if not _BRACKETS.isdisjoint(text) and _UNBALANCED.search(text):
        found.append("an unbalanced bracket")
    if tidy(text) != text:
        found.append("holds a verb, a list or typesetting that tidying removes")

    return found


def _words(text: str) -> list[str]:
    """jieba's words of `text` (`task_segment.segment` is `jieba.lcut`, in less time; the dictionary
    ships in the package and is loaded on first use)."""
    return [w for w in segment(text) if w.strip()]


def is_name(name: str) -> bool:
    """True when `name` can stand in the indicator registry."""
    return not problems(name)


def own_place(name: str) -> str:
    """`name` without a leading place word that only repeats the plan's own government."""
    return _strip(name, _OWN_PLACE)


# ---------------------------------------------------------------------------------------------
# Names that need the sentence: run once over the candidates of a document, after the phrase
# finder has named each one (`quantities.extract_quantities`).

# An attribute that names nothing without its owner: "签约重点项目168个、总投资821.9亿元".
_ATTRIBUTE = regex.compile(
    r"^(?:总投资|完成投资|年度完成投资|年度投资|投资|建筑面积|建成面积|占地面积|面积|总产值|产值|营业收入|主营业务收入|营收|"
    r"利润|利润总额|税收|总里程|运营里程|里程|从业人员|有机质|年度产量|产量|总产量|床位|床位数|"
    r"(?:物理|办公|经营|孵化)?空间)(?!\p{Han}*(?:、|和))"
)
_SHARE_OF = regex.compile(r"^\p{Han}{1,4}占")
_ATTRIBUTE_END = regex.compile(r"(?:投资|面积|产值|收入|营收|利润|税收|里程|人员|产量)$")
_MEASURE_END = regex.compile(r"[量耗额率值数费价入出资产重比度]$")
_COUNT_UNITS = frozenset("个 家 所 条 项 座 处 栋 套 户 名 人 人次 台 辆 艘 张 间 批 件 宗 类 款 部 只 支 场 次 项次 对 回".split())
# Heads of a counted thing that a sibling item replaces: "先行街道2个、社区8个" → 先行社区.
_SIBLING_HEAD = regex.compile(
    r"(?:街道|社区|乡镇|村|镇|区|县|市|企业|园区|基地|网点|机构|中心|学校|医院|项目|平台|站|点)$"
)
_PROJECT_STAGES = frozenset(("新建", "续建", "改建", "扩建", "改扩建", "新开工", "开工", "竣工", "完工", "投产", "前期"))
_PLACE_HEADS = frozenset("县市区乡镇村")  # a compound head of places: 县市区, 乡镇
_QUALIFIER_END = regex.compile(r"(?:级|类|型|区|县|市|镇|乡|村)$")
_CHANGE_VERBS = {
    "增加": "增加", "增长": "增加", "减少": "减少", "下降": "下降", "降低": "降低",
    "提高": "提高", "提升": "提升", "上升": "上升",  # "人均预期寿命提高1岁": a change of 1 岁, not a life of 1 岁
}
_CHANGE_ENDS = tuple(sorted({w + e for w in _CHANGE_VERBS.values() for e in ("", "额")}))
# A predicate that says what the counted things did: "28个省份实现了…", "70家企业成功上市".
_PREDICATE = plain_re.compile(
    r"(?P<adv>(?:都|均|已|已经|成功|率先|全面|集中|能|都能|全部|新)*)"
    r"(?P<verb>落户|入驻|实现了|实现|完成|达到|进入|入选|获得|获批|荣获|用上|开设|上市|提供|开展|配备了|配备|建成运营|建成投用|建成通车|投入运营|"
    r"投入使用|投产达效|启动|摘帽|纳入|建成|建立了|建立|通)"
    r"(?P<rest>[^，。；：、\d\n]{0,16}?)(?=[，。；：\n]|$)"
)
# Intransitive verbs that say what the counted things did ("5条高铁建成运营", "52个贫困县全部摘帽").
_DONE = frozenset("建成运营 建成投用 建成通车 投入运营 投入使用 投产达效 摘帽".split())
# Verbs whose object says which of a generic class were counted ("启动…试点的城市"); not 上市 ("企业上市申请").
_TRANSITIVE = frozenset("启动 完成 开展 开设 配备 进入 纳入 获得 荣获 用上".split())
# Verbs of coming to settle in a place: the counted things are those that came.
_ARRIVED = frozenset(("落户", "入驻"))
# Verbs whose subject is what they act on (taken into a scheme): the verb phrase then qualifies the counted thing.
_TAKEN_IN = frozenset(("纳入", "列入"))
# Verbs of setting up a system in the counted things: "25个重点骨干企业建立了现代企业制度" → 建立现代企业制度的重点骨干企业.
_SET_UP = frozenset(("建立",))
_DESCRIBED = regex.compile(r"^\p{Han}{1,3}的")
_NOT_A_THING = plain_re.compile(r"方面|领域|环节|层面|维度|增速|增幅|速度")
_GOAL_END = plain_re.compile(r"(?:目标|任务|计划|要求)$")
# A stage of delivery that tells two values of one thing apart.
_STAGE = plain_re.compile(r"(?:基本)?(?:建成|竣工|完工|交付使用|分配入住)")
_LIGHT_VERBS = regex.compile(r"^(?:提供|开展|完成)")
_DEBRIS_LIST = regex.compile(
    r"^(?P<head>[^、，。；]{2,24}?)(?P<verb>启动建设|顺利推进|有序推进|扎实推进|全面推开|加快建设)、(?P<tail>\p{Han}[^、]*)$"
)


# The document's own government, by the name it gives its government: "临沂市人民政府", "静安区政府".
_GOVERNMENT = regex.compile(r"(?<=\p{Han})(?:市|县|区|州|省)(?:人民)?政府")
# Aggregates that are a whole place's: its own name before one only repeats whose the plan is.
_PLACE_AGGREGATE = (
    r"(?:地区|国内)?生产总值|GDP|居民消费价格|一般公共预算收入|地方一般公共预算收入|财政总收入|固定资产投资|社会消费品零售总额|"
    r"(?:外贸)?进出口总额|(?:城镇|农村)(?:常住)?居民人均可支配收入|农民人均纯收入|常住人口城镇化率|规模以上工业增加值"
)


def own_places(s: str) -> frozenset[str]:
    """The names of the document's own government, without their level ("临沂市政府" → 临沂, 临沂市)."""
    found: set[str] = set()
    for m in _GOVERNMENT.finditer(s):
        words = segment(s[max(0, m.start() - 5): m.start() + 1])
        word = words[-1] if words else ""
        if len(word) == 1 and len(words) > 1 and len(words[-2]) >= 2:
            word = words[-2] + word  # a name jieba does not know: "宁州" + 市
        if len(word) >= 3 and word.endswith(m.group(0)[0]) and all(_HAN_FIRST <= ch <= _HAN_LAST for ch in word):
            found.update((word, word[:-1]))  # the word jieba cuts before 政府 ("代表上海市人民政府" → 上海市)
    return frozenset(found)


def without_own_place(name: str, places: frozenset[str]) -> str:
    """`name` without the document's own place before an aggregate of it: "临沂市居民消费价格" → 居民消费价格,
    "临沂实现生产总值" → 生产总值 (a plan of 临沂); a place of another, compared with it, stays ("驻马店GDP")."""
    for place in places:
        if name.startswith(place) and (m := _OWN_AGGREGATE.match(name, len(place))):
            return name[m.end():]
    return name


_OWN_AGGREGATE = regex.compile(rf"(?:实现|完成)?(?=(?:{_PLACE_AGGREGATE})(?:增长|增速|增幅|涨幅|总量)?$)")


_TOTAL_GROWS = regex.compile(r"(?:GDP|生产总值)总量$")


def refine(cands: list[Candidate], s: str, marks: Marks) -> None:  # noqa: C901 - one pass, several small rules
    """Improve names that the sentence decides (owners of attributes, list siblings, changes, predicates)."""
    prev = None
    renamed: dict[str, str] = {}
    chained = ""  # the owner of the sentence's last attribute ("规模以上企业" of 规模以上企业产值)
    list_verb = ""  # the verb a list's first item opens with, which its later items share
    for c in cands:
        if not c.indicator:
            continue
        same_sentence = prev is not None and prev.end > marks.sentence_start(c.num.start)
        carried = ""  # the subject of the part before a ；, for a part that opens on a light verb alone
        if not same_sentence:
            renamed = {}
            if prev is not None and not any(mark in s[prev.end: c.num.start] for mark in "。！？\n"):
                carried = chained  # "规模以上工业企业实现利税…；实现利润…"
            chained = ""
        name = c.indicator
        if c.num.unit == "席" and tidy(name).endswith("占"):
            c.indicator = _seats(s, c, prev if same_sentence else None)
            prev = c
            continue
        c.indicator, list_verb = _list_verb(s, c, prev if same_sentence else None, list_verb)
        if c.indicator != name:
            prev = c
            continue
        stage = _STAGE.fullmatch(c.pre.strip("，、 ")) if same_sentence and prev is not None else None
        if stage and name == prev.indicator and c.num.unit == prev.num.unit:  # type: ignore[union-attr]
            c.indicator = name + stage.group(0)  # "保障性安居工程740万套，基本建成511万套"
            prev = c
            continue
        # A later value of the same thing: "…比例达到66.25%，近3年提升21个百分点" (not a thing named after its own
        # number, which its own clause describes: "受理205家企业上市申请，70家企业成功上市").
        headed = same_sentence and prev is not None and prev.num.unit != c.num.unit \
            and prev.end > marks.clause_start(c.num.start)  # "…，11个省重点项目完成投资40.7亿元": its clause's own subject
        if name in renamed and c.ind_start < c.end and not headed:
            c.indicator = _with_change(c, renamed[name])  # "参保人数突破2亿人，比2002年增加5400多万人"
            prev = c
            continue
        raw = name
        debris = _DEBRIS_LIST.match(name) if "、" in name else None
        if debris:  # "重庆枢纽港产业园启动建设、签约项目" → 重庆枢纽港产业园签约项目
            tail = debris.group("tail")
            name = tail if len(tail) >= 5 else debris.group("head") + tail
        if c.ind_start >= c.end and (_DESCRIBED.match(name) or _NOT_A_THING.fullmatch(tidy(name))):
            held = _held_rate(s, marks, c, name)
            if not held:
                c.indicator = ""  # "两个孩子的配套政策", "从9个方面", "6.5%－7%的增速": not a quantity of a thing
                continue
            name = c.indicator = held  # "某市GDP增长将保持9%的增幅": the rate is the subject's
        if c.ind_start >= c.end and c.ind_end > 0:
            name, c.ind_end = _with_predicate(s, c, name)
            name = _reached(s, marks, c, name)
        elif 0 <= c.ind_end <= c.num.start and c.num.unit in _REACHED_UNITS:
            reach = _REACH_VERB.search(s, c.ind_end, c.num.start)
            if (reach and reach.group("verb").startswith(_REACH_KEEPS) and not name.endswith(_REACH_KEEPS)
                    and not _PEOPLE.search(name)):  # "扶贫对象覆盖4007万人": the name says who already
                # "基本医疗保险覆盖13.5亿人" → 基本医疗保险覆盖人数: the people reached, not the programme
                name = tidy(name) + reach.group("verb").removesuffix("到") + _REACHED_UNITS[c.num.unit]
        if (c.num.unit == "%" and c.num.value == 100 and c.measure == "share" and 0 <= c.ind_end <= c.num.start
                and not _MEASURE_NAMED.search(tidy(name)) and "占" not in name and (done := _SHARE_DONE.match(s, c.end)) is not None):
            # "实现全市行政村100%公交通达", "乡镇污水处理设施100%覆盖": every one of the things does what follows, a rate
            name = tidy(name) + done.group("p") + ("" if done.group("p").endswith("率") else "率")
        if name.endswith("经济") and len(name) <= 4 and c.measure == "growth":
            name += "增长"  # "经济增长7%左右", "我国经济增长预期目标是…年均增长7%": the growth of the economy
        if (same_sentence and prev is not None and prev.measure == "growth" and _SECTOR.fullmatch(prev.indicator)
                and _BARE_ATTRIBUTE.fullmatch(bare := tidy(name).removesuffix("总量"))):
            name = prev.indicator + bare  # "一产业年均增速保持在2.6%以上、增加值总量冲刺63.3亿元" → 一产业增加值
        if same_sentence and prev is not None and prev.indicator and prev.measure == "level":
            name = _inherit(prev, c, name, s)
        if c.ind_start >= 0 and name in _FACILITY_ATTRIBUTES and (owner := _built_owner(s, marks, c.ind_start)):
            name = owner + name  # "建成城区养老服务中心并投入运营，床位不少于150个" → 城区养老服务中心床位
        elif c.ind_start >= 0 and _BARE_ATTRIBUTE.fullmatch(name) and (owner := _opening_owner(s, marks, c.ind_start)):
            # "产业产值" repeats 产业; a physical output is the product's ("新能源汽车产业…产量" → 新能源汽车产量)
            name = owner.removesuffix("产业") + name if name.startswith("产业") or name.endswith("产量") else owner + name
            # "新材料产业瞄准高端化发力…。产值超过350亿元" → 新材料产业产值
        elif (chained and _BARE_ATTRIBUTE.fullmatch(tidy(name)) and c.ind_start >= 0
              and _LIGHT_LEAD.fullmatch(s, marks.clause_start(c.ind_start), c.ind_start)):
            # "全区19家规模以上企业实现产值36.2亿元，同比增长4%，实现增加值6.9亿元", "两大工业园区实现工业产值9.4亿元，
            # 利税约6200万元": predicates chained on one subject, the later attribute named alone
            name = chained + tidy(name)
        elif (carried and _BARE_ATTRIBUTE.fullmatch(tidy(name)) and c.ind_start >= 0
              and (lead := _LIGHT_LEAD.fullmatch(s, marks.clause_start(c.ind_start), c.ind_start)) and lead.group()):
            name = carried + tidy(name)  # "…；实现利润16.19亿元": a light verb with no subject after a ；
        if name.startswith(_RATE_OF_CHANGE) and c.ind_start >= 0 \
                and (field := _FIELD.match(s, marks.sentence_start(c.num.start), c.ind_start)) is not None \
                and field.end() == marks.clause_start(c.ind_start) and not _NOT_A_THING.search(field.group("field")):
            name = field.group("field") + name  # "地区生产总值方面，降幅较年初收窄24个百分点": the field's rate
        if name in _GENERIC_THINGS or name.endswith(_GENERIC_ENDS[:2]) and _GENERIC_NAME.match(name):
            fielded = _in_field(s, marks, c, name)
            if fielded != name:
                name, raw = fielded, ""  # each clause has its stage: "…等2个项目，建成通车…等5个项目" are not one thing
        if "等" in name and 0 <= c.ind_start < c.num.start:
            name = _staged_class(s, marks, c, name)
        if c.measure == "share" and name.endswith(_OF_THE_WHOLE):
            name += "比重"  # "无人机产量…占全国九成" → 无人机产量占全国比重
        changed = _with_change(c, name)
        if changed != name:
            name, raw = changed, ""  # a change is not the thing itself
        if raw and name != raw:
            renamed[raw] = name
        c.indicator = name
        if (owned := _OWNED_ATTRIBUTE.fullmatch(tidy(name))) and not _BARE_ATTRIBUTE.fullmatch(owned.group("owner")):
            chained = owned.group("owner")
            if chained.endswith("以上") and owned.group("sector"):
                chained += owned.group("sector")  # "规模以上工业产值…，增加值…": 规模以上 names nothing without its sector
        prev = c
    for c in cands:
        if c.measure == "growth" and c.indicator.endswith("总量") and _TOTAL_GROWS.search(c.indicator):
            c.indicator = c.indicator[:-2]  # "GDP总量达…，增长9%": the growth is the economy's, not of a word for its level
    if places := own_places(s) if "政府" in s else frozenset():
        firsts = {place[0] for place in places}
        for c in cands:
            if c.indicator and c.indicator[0] in firsts:
                c.indicator = without_own_place(c.indicator, places)


# A rate held or reached by the clause's subject, named after the number: "某市GDP增长将保持9%的增幅", "全县地区生产总值
# 保持8%的增速" (not "6.5%－7%的增速就能够…", whose number is the subject).
_RATE_AFTER = plain_re.compile(r"(?:增长)?(?:增速|增幅|速度)")
_HELD = plain_re.compile(r"(?:增长|增速|增幅)?(?:将|要|仍|继续|力争|确保|争取)*(?:保持|实现|达到|维持)(?:在|了)?(?:约|近|超过)?$")


def _held_rate(s: str, marks: Marks, c: Candidate, name: str) -> str:
    """The subject whose growth a rate named after its number is ("" when the clause holds no verb of holding)."""
    if c.measure != "growth" or not _RATE_AFTER.fullmatch(tidy(name)):
        return ""
    start = marks.clause_start(c.num.start)
    held = _HELD.search(s, start, c.num.start)
    if held is None:
        return ""
    owner = before(s[start:held.start()])
    if len(owner) < 2:
        return ""
    at = s.rfind(owner, start, held.start())
    if at >= 0:
        c.ind_start, c.ind_end = at, at + len(owner)
    return owner


# A stage of delivery before examples of a class: "建成北部快速路等道路28条", "新开工某大道西延段等道路33条", "新建扩建…
# 等水源型水库58座": the class at that stage (建成道路, 新开工道路), which the examples do not tell apart.
_STAGED_CLASS = regex.compile(
    r"(?P<stage>(?:建成|新开工|开工建设|开工|竣工|完工|新建|扩建|续建|改扩建|开通|投用)+)[^，。；：等]{1,30}等(?P<cls>\p{Han}{2,8})$"
)


def _staged_class(s: str, marks: Marks, c: Candidate, name: str) -> str:
    """`name` ("北部快速路等道路") as its class at the stage its clause opens with, when one does ("建成道路")."""
    start = marks.clause_start(c.ind_start)
    m = _STAGED_CLASS.search(s[start: c.ind_start] + tidy(name))
    if m is None or not tidy(name).endswith(m.group("cls")):
        return name
    c.ind_start = start + m.start("stage")  # the quote holds the stage
    return m.group("stage") + m.group("cls")


def _seats(s: str, c: Candidate, prev: Candidate | None) -> str:
    """Seats a holder has among a group counted before it: "12家省级重点实验室某县占3席" → 某县占省级重点实验室席位 (and the 12 家
    are 省级重点实验室); the holder is the last word before 占."""
    held = tidy(c.indicator).removesuffix("占")
    words = segment(held) if len(held) >= 4 else [held]
    holder = words[-1] if len(words) > 1 and len(words[-1]) >= 2 else ""
    group = held[: len(held) - len(holder)]
    group = group.removesuffix("中") if len(group) > 3 else group  # "全市人大代表中我区占12席"
    if prev is not None and holder and prev.indicator == c.indicator and prev.ind_start >= prev.end:
        if s.startswith(group, prev.ind_start):
            prev.ind_end = prev.ind_start + len(group)
        prev.indicator = group
    return f"{holder}占{group}席位" if holder else f"{group}席位"


# An attribute named alone, whose owner the sentence or its item opened with.
_BARE_ATTRIBUTE = plain_re.compile(
    r"(?:总?产值|总?产量|营业收入|主营业务收入|营收|利润(?:总额)?|利税|税收|增加值|产业规模|总?投资|参保人数|参保率|参合率|救助人数|覆盖面|从业人员|"
    r"发送旅客|运输货物|旅客发送量|货物发送量|客运量|货运量)"
)
# What the things a per cent is of do, said right after it to the clause's end ("行政村100%公交通达"); not a comparison,
# a purpose or a word of bounds (以上, 左右, 的, 用于, 来自 …); and the words that end a name that already says its measure.
_SHARE_DONE = regex.compile(
    r"(?![的以左和及与或之为是来属在用集由作分均上下内外比较同增减提降达占])(?P<p>\p{Han}{2,6})(?=[，。；、：！？\n]|$)")
_MEASURE_NAMED = plain_re.compile(r"(?:率|比重|比例|占比|份额|强度|系数|指数|水平|程度|覆盖面|度|比)$")
# A sector named alone as the subject of a growth rate, whose attribute the next clause gives bare.
_SECTOR = plain_re.compile(r"第[一二三]产业|[一二三]产业?|服务业|工业|农业|建筑业|制造业")
# What may open the clause of a chained attribute: a light verb, nothing else ("带动总投资" is another subject's).
_LIGHT_LEAD = plain_re.compile(r"(?:同时|全年)?(?:实现|完成)?")
# An owner and its attribute, the attribute after a light verb or not: "规模以上企业产值", "两大工业园区实现工业产值".
_OWNED_ATTRIBUTE = regex.compile(
    rf"(?P<owner>[^，。；、\d]{{2,16}}?)(?:实现|完成)?(?P<sector>工业|农业)?(?:{_BARE_ATTRIBUTE.pattern})"
)
# The owner a sentence opens with: an industry, enterprises, grain or an insurance ("石化产业持续…", "全国国有企业资产总额…").
_OWNER_OPENING = regex.compile(
    r"[\s\u3000]*(?:(?:19|20)\d{2}年(?:底|末)?，?|全年|去年|今年|其中，?)?"
    r"(?P<owner>\p{Han}{0,12}?(?:产业|行业|制造业|服务业|企业|国企|粮食|保险|铁路|班列))(?!化|链|园|集群|基地|基金|项目|政策|体系|网|的|和|、)"
)
# An industry that a task sentence pushes, the one thing it names before the attribute.
_PUSHED = regex.compile(r"^(?:推动|推进|促进|加快)(?P<what>\p{Han}{4,10}产业)$")
_OWNER_HEAD = plain_re.compile(r"产业|行业|制造业|服务业|企业")
_OWNER_SENTENCES = 3  # how many sentences of the paragraph back an owner is looked for


def _opening_owner(s: str, marks: Marks, pos: int) -> str:
    """The owner the sentence holding `pos`, or one of the paragraph's sentences before it, opens with ("" if none)."""
    start = marks.sentence_start(pos)
    paragraph = s.rfind("\n", 0, pos) + 1
    clause = marks.clause_start(pos)
    if clause - 1 > start and s[clause - 1] == "，":  # the clause before, if it says only what the owner did
        before_clause = marks.clause_start(clause - 1)
        m = _OWNER_OPENING.match(s, before_clause, clause - 1)
        if before_clause > start and m and not _LIST_OR_NUMBER.search(s, before_clause, clause - 1):
            owner = m.group("owner")  # "…，中老铁路发展远超预期，累计发送旅客超6400万人次"
            if before(owner) == owner and tidy(owner) == owner:
                return owner
    for _ in range(_OWNER_SENTENCES + 1):
        if start < paragraph:
            break
        m = _OWNER_OPENING.match(s, start, pos)
        if m and m.end("owner") <= pos - 1:
            owner = m.group("owner")
            if before(owner) == owner and tidy(owner) == owner:  # not the object of a verb ("做强汽车产业")
                return owner
            object_ = _PUSHED.match(owner)
            if object_ and not _OWNER_HEAD.search(s, m.end("owner"), pos) and before(object_.group("what")) == object_.group("what"):
                return object_.group("what")  # "推动新能源汽车产业提质扩量，…力争产量突破120万辆": the only industry named
            return ""
        if start == 0:
            break
        start = marks.sentence_start(start - 1)
    return ""


# Attributes of a facility that name nothing alone, and the clause that builds the facility before them.
_FACILITY_ATTRIBUTES = frozenset("床位 床位数 建筑面积 占地面积 总投资 总建筑面积".split())
_BUILT = regex.compile(
    r"(?:[一二三四五六七八九十]+是)?(?:建成|新建|建设|改扩建|扩建|改建)(?P<what>[^，。；：、\d]{2,16}?)"
    r"(?:并(?:投入运营|投入使用|投用|开工|运营))?"
)


def _built_owner(s: str, marks: Marks, pos: int) -> str:
    """The facility the clause before `pos` builds, when the clause holds nothing else ("" if it does not)."""
    clause = marks.clause_start(pos)
    if clause != pos or clause < 2 or s[clause - 1] != "，":
        return ""
    start = marks.clause_start(clause - 1)
    m = _BUILT.fullmatch(s, start, clause - 1)
    what = m.group("what") if m else ""
    return what if len(what) >= 4 and before(what) == what and tidy(what) == what else ""


def _with_change(c: Candidate, name: str) -> str:
    """An amount of change names the change: "农民人均收入增加1207元" → 农民人均收入增加额."""
    unit = c.num.unit
    if c.measure != "level" or unit in ("倍", "") or name.endswith(_CHANGE_ENDS):
        return name
    change = _CHANGE_VERBS.get(c.verb)
    if change and c.ind_start < c.num.start and len(name) >= 4:
        return name + change + ("额" if unit.endswith("元") else "")
    return name


# Counted things too generic to name anything without what they did ("3家单位获中国质量奖"); a specific
# thing is named by itself ("17条经验获国家宣传推广" → 经验).
_GENERIC_THINGS = frozenset("单位 企业 项目 机构 城市 地区 学校 医院 省份 区县 县 市 个人 集体 团队 案例".split())
_GENERIC_COUNTED = plain_re.compile(
    # what the same subject counted too, between ("13家单位19项成果获省科学技术奖": the units won it)
    r"(?:\d+(?:项|个|件|篇|名|人)[\u4e00-\u9fff]{1,6}?)?"
    r"(?:均|都|已|成功|先后)*(?P<verb>获评|获批|获得|荣获|获|入选|入围|进入|跻身|被评为|被认定为|被命名为|列入|纳入)"
    r"(?P<rest>[^，。；：、\d\n]{2,16}?)(?=[，。；：\n]|$)"
)


# A count of the verb's object right after a counted thing and its verb: "39个国家缔结118对友城".
_COUNTED_OBJECT = regex.compile(
    rf"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)(?:多|余)?(?:万|亿)?(?:{'|'.join(sorted(_COUNT_UNITS, key=len, reverse=True))})"
    r"(?P<object>[^，。；：、\d\n]{2,12}?)(?=[，。；：、\n]|$)"
)


def _with_predicate(s: str, c: Candidate, name: str) -> tuple[str, int]:
    """A counted thing and what it did: "28个省份实现了X" → X省份; "58.9%的幼儿园开设托班" → 开设托班的幼儿园比例."""
    end = c.ind_end
    if c.num.unit in _COUNT_UNITS and s[end:end + 1].isdigit():
        counted = _COUNTED_OBJECT.match(s, end, min(len(s), end + 30))
        words = _words(name) if counted and len(name) >= 4 else []
        if len(words) >= 2 and len(words[-1]) == 2:  # "39个国家缔结118对友城" → 缔结友城的国家
            return f"{words[-1]}{counted.group('object')}的{name[:-2]}", end
    generic = _GENERIC_COUNTED.match(s, end, min(len(s), end + 24)) if name in _GENERIC_THINGS else None
    if generic and c.num.unit != "%":
        said = generic.group("verb") + generic.group("rest")  # "3家单位获中国质量奖" → 获中国质量奖单位
        return (said if said.endswith(name) else said + name), generic.end()
    m = _PREDICATE.match(s, end, min(len(s), end + 24))
    if not m or not name:
        return name, end
    verb = m.group("verb").removesuffix("了")
    rest = m.group("rest")
    if verb in _ARRIVED and rest:  # "20余家500强企业新落户贵州" → 新落户贵州的500强企业: the things that came there
        return f"{'新' if '新' in m.group('adv') else ''}{verb}{rest}的{name}", m.end()
    if _GOAL_END.search(rest):
        return name, end  # "50个合作项目事项完成年度目标": the goal is not part of the thing
    share = c.num.unit == "%"
    if share:
        if s[c.end:c.end + 1] == "的":
            return f"{verb}{rest}的{name}比例", m.end()
        return name + verb + rest, m.end()
    if not rest:  # "70家企业成功上市" → 上市企业
        if verb in _DONE:  # "5条高铁建成运营", "52个贫困县全部摘帽": what the things did is what was counted
            return name + verb, m.end()
        return (verb + name, m.end()) if verb in ("上市", "获批", "入选") else (name, end)
    if verb in ("实现",) and _SIBLING_HEAD.search(name) and len(name) <= 3:
        return rest + name, m.end()  # "26个区县实现农村黑臭水体动态清零" → 农村黑臭水体动态清零区县
    if _LIGHT_VERBS.match(verb):
        return name + rest, m.end()  # "10万名残疾人提供基本康复服务" → 残疾人基本康复服务
    if name in _GENERIC_THINGS and verb in _TRANSITIVE:
        return f"{verb}{rest}的{name}", m.end()  # "88个城市启动城镇居民基本医疗保险试点" → 启动…试点的城市
    if verb in _TAKEN_IN or (verb in _SET_UP and c.num.unit in _COUNT_UNITS):
        return f"{verb}{rest}的{name}", m.end()  # "3451.9万农村居民纳入保障范围" → 纳入保障范围的农村居民: what was done to them
    return name + verb + rest, m.end()


# Verbs of closing or building that a list's first item opens with and its later items share:
# "关停小火电2157万千瓦、小煤矿1.12万处", "改造和新建1.88万所乡镇卫生院、786所县医院".
_LIST_VERBS = "改造和新建|新建和改造|新建和改扩建|新建和加固|新建改建|关停|关闭|取缔|拆除|淘汰落后|淘汰"
# 改造 opens a list whose later items it changes too ("改造棚户区4490户、背街小巷22条" → 背街小巷改造), when it is the
# clause's only verb (not the second of "新建和改造…", whose items the gold names bare).
_LIST_VERB_FIRST = plain_re.compile(rf"^(?:{_LIST_VERBS}|改造(?![和及与、]))(?=[\u4e00-\u9fff]{{2}})")
# Acts of law-making name what they count too: "向全国人大常委会提交39件法律议案", "制定、修订137件行政法规".
_LAW_VERBS = r"(?:向[\u4e00-\u9fff]{2,10}?)?(?:提交|提请审议)|制定、修订|制定和修订|制定修订|制定或修订"
_LIST_VERB_LAST = plain_re.compile(rf"(?:{_LIST_VERBS}|{_LAW_VERBS})$")
_LIST_JOIN = plain_re.compile(r"[、和及与]")
_ABSTRACT = plain_re.compile(r"(?:成果|经验|任务|目标|计划|要求|工作|行动|问题)$")  # what is closed or built is a thing


def _list_verb(s: str, c: Candidate, prev: Candidate | None, verb: str) -> tuple[str, str]:
    """`c`'s name with the verb of the list it stands in, and the verb its next item shares ("" if none)."""
    name = c.indicator
    after = c.ind_start >= c.end  # the thing is named after the number
    if prev is not None and verb:
        gap_end = c.num.start if after else c.ind_start
        gap = s[max(prev.end, prev.ind_end): gap_end] if gap_end >= 0 else ""
        if (_LIST_JOIN.fullmatch(gap) and len(name) <= 8 and not _LIST_VERB_FIRST.match(name) and before(name) == name
                and tidy(name) == name):  # not an item with a verb of its own ("、治理无手续建筑500万平方米")
            bare = len(name) <= 4 and not name.endswith("产能") and not _MEASURE_END.search(name)
            own = name + "产能" if verb.startswith("淘汰") and bare else name
            return verb + own, verb  # "、小煤矿1.12万处" → 关停小煤矿; "、水泥2.3亿吨" after 淘汰落后…产能 → 淘汰落后水泥产能
    if after:
        m = _LIST_VERB_LAST.search(c.pre)
        if m and m.end() == len(c.pre) and not _ABSTRACT.search(name):
            return m.group(0) + name, m.group(0)  # "改造和新建1.88万所乡镇卫生院" → 改造和新建乡镇卫生院
        return name, ""
    m = _LIST_VERB_FIRST.match(name)
    if m and m.group(0) == "改造" and c.ind_start >= 1 and s[c.ind_start - 1] in "和及与":
        m = None  # "新建和改造供水管网600公里、…": the list's verb is not 改造 alone
    return name, m.group(0) if m and c.ind_end >= 0 and _LIST_JOIN.match(s, c.end) else ""


# A sentence about one field: "公路方面，新开工晏城至表白寺等2个项目" (the field names the projects).
_FIELD = regex.compile(r"[\s\u3000]*(?P<field>\p{Han}{2,6}?)方面[，：:]")
# A share named by the whole it is of, and nothing after: "占全国" (`refine` adds 比重).
_OF_THE_WHOLE = ("占全国", "占全省", "占全市", "占全区", "占全县", "占全州", "占全球", "占世界")
# A rate of change named alone, which a field said first owns (`refine`).
_RATE_OF_CHANGE = ("降幅", "增幅", "增速", "涨幅", "跌幅", "降速")
# The stage a clause counts its projects at, said first: "新开工…等2个项目", "建成通车…等5个项目".
_STAGE_LEAD = plain_re.compile(r"(?:新开工|开工建设|开工|建成通车|建成投用|建成投产|建成|竣工|续建|投产|签约)")


def _in_field(s: str, marks: Marks, c: Candidate, name: str) -> str:
    """A generic counted thing in a sentence that opens with its field takes the field and the clause's stage verb."""
    start = marks.sentence_start(c.num.start)
    m = _FIELD.match(s, start, c.num.start)
    if not m or _NOT_A_THING.search(m.group("field")) or name.startswith(m.group("field")):
        return name
    stage = ""
    if c.ind_start >= c.end:  # named after the number: the clause's verb says which ones
        clause = max(marks.clause_start(c.num.start), m.end())
        lead = _STAGE_LEAD.match(s, clause, c.num.start)
        stage = lead.group(0) if lead and not name.startswith(lead.group(0)) else ""
    return m.group("field") + stage + name


# What a programme or a network reached, said before a count of what it reached: "远程教育已覆盖36万所农村中小学".
_REACH_VERB = regex.compile(
    r"(?:已经?|累计|要|将|均|已全面|全面)*(?P<verb>覆盖到|覆盖|惠及|通达|扩大到|扩大至|拓展到|拓展至|延伸到|延伸至)(?:全国|全省|全市)?$"
)
_REACH_KEEPS = ("覆盖", "惠及", "通达")
_DIGIT = regex.compile(r"\d")


def _network(owner: str) -> str:
    """What reaches, when the clause before measured it: "高铁营业里程" → 高铁 (the railway reaches the cities, not its length)."""
    own = _OWNED_MEASURE.search(owner)
    return owner[: own.start()] if own and own.start() >= 2 else owner
  # verbs that say what the count is; 扩大到 only says how far it grew
_PEOPLE = plain_re.compile(r"(?:对象|人口|群众|人员|居民|职工|学生|农民|家庭|户|人)$")  # a name that says who already
_REACHED_UNITS = {"人": "人数", "人次": "人次", "户": "户数", "名": "人数"}  # what a count of people reached is called


def _reached(s: str, marks: Marks, c: Candidate, name: str) -> str:
    """A count named after its number takes what reached it: "远程教育已覆盖36万所农村中小学" → 远程教育覆盖农村中小学,
    "…试点扩大到11个省份" → …试点省份; a clause that is only the verb takes the subject of the clause before
    ("全面实现城乡九年免费义务教育，惠及1.6亿学生" → 城乡九年免费义务教育惠及学生)."""
    start = c.num.start
    clause = marks.clause_start(start)
    m = _REACH_VERB.search(s, clause, start) if name and start - clause >= 2 else None
    if not m:
        return name
    lead = s[clause: m.start()]
    owner = before(lead) if lead else ""
    if not owner and m.start() == clause and s[clause - 1: clause] == "，":
        owner = _network(subject(s[marks.clause_start(clause - 1, 60): clause - 1]))
    elif lead.endswith("、") and _DIGIT.search(lead):  # "高铁营业里程达到3万公里、覆盖80%以上的大城市": the item's subject
        owner = _network(subject(lead[:-1]))
    owner = tidy(owner) if owner else ""
    if len(owner) < 2 or not is_name(owner) or name.startswith(owner) or _LIST_OR_NUMBER.search(owner):
        return name  # not "高铁营业里程达到3万公里，覆盖…", nor a list of owners
    verb = m.group("verb")
    named = owner + (verb.removesuffix("到") if verb.startswith(_REACH_KEEPS) else "") + name
    if c.num.unit == "%" and not _RATE.search(named):
        named += "比例"  # "基本药物制度覆盖80％以上村卫生室" → 基本药物制度覆盖村卫生室比例
    return named


# A measure an owner's name ends with, the longest first ("粮食播种面积": 粮食 + 播种面积).
_OWNED_MEASURE = regex.compile(
    r"(?:播种面积|种植面积|建筑面积|占地面积|面积|年产量|总产量|产量|总产值|产值|增加值|营业收入|营收|规模|总额|总量|"
    r"保有量|人数|数量|营业里程|运营里程|通车里程|里程|利润|投资额|投资)$"
)


# A measure inside a derived name, after its owner of two characters or more ("粮食种植面积超计划").
_MEASURE_INSIDE = regex.compile(r"(?<=\p{Han}{2})(?:播种面积|种植面积|总产量|产量|总产值|产值)")


def _inherit(prev: object, c: Candidate, name: str, s: str) -> str:
    """An item that names its owner only through the item before it in the sentence."""
    owner = tidy(prev.indicator)  # type: ignore[attr-defined]
    prev_unit = prev.num.unit  # type: ignore[attr-defined]
    between = s[prev.end: c.ind_start] if 0 <= c.ind_start and prev.end <= c.ind_start else None  # type: ignore[attr-defined]
    if between == "、" and _ATTRIBUTE.match(name) and len(name) <= 4 and (own := _OWNED_MEASURE.search(owner)):
        subject = owner[: own.start()]
        if len(subject) >= 2 and not name.startswith(subject):
            return subject + name  # "粮食播种面积1584.6万亩、总产量132.4亿斤" → 粮食总产量
    if (between is not None and _OWNED_MEASURE.fullmatch(name) and (own := _MEASURE_INSIDE.search(owner)) is not None
            and own.end() < len(owner) and not name.startswith(own.group(0))):
        # "粮食种植面积45.43万亩，超计划0.65万亩，产量达到17.2万吨": the clause before names the area's excess; the
        # output is the crop's (粮食产量), not "粮食种植面积超计划产量"
        return owner[: own.start()] + name
    if (_ATTRIBUTE.match(name) and (len(name) <= 6 or _SHARE_OF.match(name)) and len(owner) >= 4 and not _MEASURE_END.search(owner)
            and not _ATTRIBUTE.match(owner) and not _ATTRIBUTE_END.search(owner)):
        if not owner.endswith(name):
            return owner + name  # "签约重点项目168个、总投资821.9亿元", "高标准农田…，建成面积占…"
        return name
    if _RATE.search(name) and len(name) <= 4 and not name.startswith(owner[:2]):
        k = owner.find(name[:2])
        if k >= 2 and _COUNT_TAIL.match(owner, k + 2):  # "长护险参保人数…，参保率达93%" → 长护险参保率
            return owner[:k] + name
    if between != "、" or prev_unit not in _COUNT_UNITS or c.num.unit not in _COUNT_UNITS or len(name) > 6:
        return name
    if name in owner:
        return name
    shared = next((k for k in range(1, len(owner) - 1) if owner[k:k + 2] == name[:2]), None)
    if shared and shared >= 4:  # "国家级电商示范企业4家、示范园区5个" → 国家级电商示范园区
        return owner[:shared] + name
    if len(name) > 4:
        return name
    head = _SIBLING_HEAD.search(owner)
    if head is not None and head.group(0) == "项目" and name in _PROJECT_STAGES:
        return name + "项目"  # "120项重点建设项目（新建45项、续建75项）" → 续建项目 (the stage is no qualifier of the owner)
    start = head.start() if head else 0
    while head and start > 2 and owner[start - 1] in _PLACE_HEADS:
        start -= 1  # "倍增县市区1个、园区2个": the head is 县市区 (→ 倍增园区), not its last 区
    if head and start >= (2 if head.start() - start else 4) and len(name) <= 3:
        # "社会治理格局先行街道2个、社区8个" → 社会治理格局先行社区
        prefix = tidy(owner[:start].removesuffix("新增"))
        return prefix + name if len(prefix) >= (2 if head.start() - start else 4) else name
    return name


_URBAN_RURAL = regex.compile(r"^(?:城乡|(?P<town>城镇|城市)(?:和|与|及|、)农村)(?P<rest>\p{Han}{2,})$")


def deposits_loans(name: str) -> list[str]:
    """The two items of a 存贷款 name that takes two values ("金融机构存贷款余额分别增长4.1%、17%" → 存款…, 贷款…)."""
    return [name.replace("存贷款", "存款", 1), name.replace("存贷款", "贷款", 1)] if "存贷款" in name else []


def urban_rural(name: str) -> list[str]:
    """The two items of a 城乡 name that takes two values ("城乡低保标准分别提高…、…" → 城市…, 农村…)."""
    m = _URBAN_RURAL.match(name)
    if not m:
        return []
    rest = m.group("rest")  # "城镇和农村人均住房面积" names its two items as well
    town = m.group("town") or ("城镇" if rest.startswith(("居民", "常住", "职工", "就业")) else "城市")
    return [town + rest, "农村" + rest]


# "建成区5条、非建成区6条及1条新增黑臭水体", "6个街道级、23个社区级公共文化服务中心": qualifiers of one thing.
_QUALIFIER_ONLY = regex.compile(r"^\p{Han}{0,5}?(?:\p{Han}级|\p{Han}类|\p{Han}型|建成区|城区)$")
_OWN_QUALIFIER = regex.compile(r"^\p{Han}{1,5}?(?:级|类|型|建成区|城区)(?=\p{Han}{2})")
_SERIES_GAP = regex.compile(r"^[、和及与\s]*$")
# A short heading sentence that names a programme: "实施城中村改造攻坚行动。滚动推进163个项目".
_HEADING = regex.compile(r"(?:实施|开展|推进|打好)?(?P<topic>\p{Han}{2,14}?)(?:攻坚行动|专项行动|行动|攻坚战|工程)。")
_GENERIC_NAME = regex.compile(r"^\p{Han}{0,6}?(?:项目|工程)$")
# How names these two match end ($ also before a last newline): most names do not, and need no pattern.
_QUALIFIER_ENDS = ("级", "类", "型", "区", "\n")
_GENERIC_ENDS = ("项目", "工程", "\n")


def refine_series(cands: list[Candidate], s: str) -> None:
    """Qualifier-only names in a series take the thing the series counts; programme items take the programme."""
    for i, c in enumerate(cands):
        name = c.indicator
        if not name:
            continue
        if name.endswith(_QUALIFIER_ENDS) and _QUALIFIER_ONLY.match(name):
            j = max(c.end, c.ind_end)
            for d in cands[i + 1: i + 4]:
                stop = d.ind_start if 0 <= d.ind_start < d.num.start else d.num.start
                gap = s[j:stop]
                if not gap.strip() or not _SERIES_GAP.match(gap) or not d.indicator:
                    break
                if d.ind_start >= d.end:  # the series names its object after its last number
                    thing = _strip(_OWN_QUALIFIER.sub("", d.indicator), _NEW)
                    if thing != name and len(thing) >= 2:
                        c.indicator = name + thing
                    break
                if not (d.indicator.endswith(_QUALIFIER_ENDS) and _QUALIFIER_ONLY.match(d.indicator)):
                    break
                j = max(d.end, d.ind_end)
        elif name.endswith(_GENERIC_ENDS) and _GENERIC_NAME.match(name) and c.ind_start >= 0:
            stop = s.rfind("。", 0, c.num.start)
            begin = max(s.rfind("。", 0, stop), s.rfind("\n", 0, stop)) + 1 if stop > 0 else -1
            head = _HEADING.fullmatch(s, begin, stop + 1) if 0 <= begin < stop and stop - begin <= 20 else None
            if head and not _LIST_OR_NUMBER.search(s, stop + 1, c.num.start):
                topic = head.group("topic")
                overlap = next((k for k in range(len(name), 1, -1) if topic.endswith(name[:k])), 0)
                c.indicator = topic + name[overlap:]


# Measure words that a list's later items share the first item's owner for: "生产安全事故起数和死亡人数".
_BARE_MEASURE = plain_re.compile(
    r"^(?:死亡人数|受伤人数|人数|起数|数量|金额|总额|产量|产值|面积|里程|利润|营业收入|营收|税收|投资|增加值|排放量|排放总量|浓度)$"
)


def shared_owner(items: list[str]) -> list[str]:
    """Later items that are bare measures take the first item's owner ("生产安全事故起数和死亡人数")."""
    if len(items) < 2:
        return items
    first = items[0]
    own = next((m for m in (_BARE_MEASURE.search(first[k:]) for k in range(2, len(first) - 1)) if m), None)
    if own is not None:
        owner = first[: len(first) - len(own.group(0))]
        return [first] + [owner + item if _BARE_MEASURE.match(item) and not item.startswith(owner) else item
                          for item in items[1:]]
    # "电信网络诈骗案件受理数、案损数": a short measure like the first item's own last word
    out = [first]
    for item in items[1:]:
        short = 2 <= len(item) <= 3 and item[-1] == first[-1] and _MEASURE_END.search(item) and len(first) >= len(item) + 4
        out.append(first[: -len(item)] + item if short else item)
    return out
