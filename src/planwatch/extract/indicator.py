"""The indicator phrase of a quantity: the noun phrase before or after its number.

Clauses are cut at punctuation; verbs, adverbs and time words at either end are
peeled off ("预计全年实现营业收入" → "营业收入") so that what remains names the thing.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from planwatch.extract import plain_re
from planwatch.extract.leads import LeadWords
from planwatch.extract.tails import TailWords, last_characters, may_end
from planwatch.extract.task_segment import segment

# Patterns that need nothing of `regex` (no \p{…}, no REVERSE, no \s) use stdlib `re` (plain_re).
# A conjunction opening the phrase, not the 和 of a word ("和美乡村覆盖率", "和谐社区").
_LEADING_AND = plain_re.compile(r"^(?:[及与]|和(?![美谐平睦]))+")
# Words that open a clause without naming the thing measured.
_LEAD_WORDS = LeadWords(
    # a price basis said with 按…计算 ("按可比价计算增长8.5%"): a method, not the thing measured
    r"按(?:\d{4}年)?(?:可比价格|可比价|不变价格|不变价|现行价格|现价)计算|"
    r"截[至止](?:1[012]|[1-9])月(?:份)?(?:底|末)?|年度计划完成(?!率)|全年计划完成(?!率)|年计划完成(?!率)|年计划(?!投资|完成)|(?:去年|上年|今年|当年|本年)(?:底|末)|其中|全年|今年|上半年|下半年|(?:第)?[一二三四]季度|前[两二三]个?季度|去年|当年|上年|本年|同期|同时|此外|另外|预计|力争|确保|争取|努力|计划|预期|共(?![济享建治同青])|共计|总计|合计|累计(?!亏损)|"
    r"年均|平均|全面|基本(?!药物|医疗|养老|医保|公共|农田|生活|住房|口粮|保障)|初步|进一步|持续|继续|加快|加大|大力|积极|着力|重点|稳步|有序|扎实|深入|全力|"
    r"新增|新建成|新建|新开工|开工建设|建成投用|建成|建设(?!用地)|完成|实现|引进|培育|举办|开展|推动|推进|实施|打造|提供|帮扶|帮助|解决|"
    r"建立|设立|组建|清理|筹集|供应|发放|开工|竣工|投产|通车|认定|启动|创建|支持|落地|签约|吸引|带动|拉动|"
    r"累计达到|达到|超过|突破|约|近|为|向|将|要|使|让|把|从|由|按|已|已经|还|并|和(?![美谐平睦])|及|与|以及|或|、|的|含|包括|"
    r"提出|但是|但|而且|而|着重|一律|认真落实|认真|切实|务必|奋力|逆势|逆市|提前[一二两三四五六七八九十\d]?年?(?:实现|完成)?|"
    r"[一二三四五六七八九十]是|今明两年|今明|年底|年末|年内|用[一二两三四五\d]年(?:的)?时间(?:将|把)?|人均每年|每人每年|人均每月|每人每月|每天|每年|每月|日均|目前|当前|连续第?[\d一二三四五六七八九十两]+年|第[\d一二三四五六七八九十两]+年|连续|"
    r"滚动推进|加快推进|加快建设|开工建设|改造提升|提质改造|新改扩建|改扩建|新创建|新培育|新引进|新认定|新设立|新建改建|改建|增加|减少|也要|再|拟|安排|优先|"
    r"\d{4}年(?:度|底|末)?|到\d{4}年(?:底|末)?|(?:1[012]|[1-9])月(?:底|末)?(?:前|之前|以前)|截至\d{4}年(?:底|末)?|“十[一二三四五六]五”(?:期间|时期|末)?|十[一二三四五六]五(?:期间|时期|末)?|"
    # the price or scope basis of a growth: "可比价增长8%", "可比增长14.75%", "同口径增长6.5%"
    r"可比价格|可比价|可比口径|可比|(?:按)?同口径|"
    # Context before the name, not a part of it (the held-out gold keeps 全县/全市/全省 + name): a government's full
    # proper name with a year or 在 ("云南省2018年地区生产总值", "云南省在固定资产投资增长11.6%、低于预期目标的情况下"), a
    # base year said with 相较/相比 ("相较2017年该省地区生产总值增长9.5%") and a demonstrative place (该省, 该市).
    r"[\u4e00-\u9fff]{2,6}?(?:省|市|县|自治区|自治州)(?:\d{4}年|在)|(?:相较|相比)于?\d{4}年|该(?:省|市|县|区|州)"
)
_LEAD = _LEAD_WORDS.pattern  # `^(?:WORDS)+`: `.match` peels lead words; whole phrases go to `_LEAD_WORDS.only`
# Words that close the phrase before the number: verbs, comparators, time and base words.
_TAIL = regex.compile(
    r"(?:按(?:\d{4}年)?(?:可比价格|可比价|不变价格|不变价|现行价格|现价)计算|达到|达|为|是|降到|降至|升到|升至|惠及|覆盖|(?<![人年日平])均|增长|增加|增加到|增至|增长到|提高到|提高至|提高|提升到|提升至|提升|降低到|降低至|降低|下降到|下降至|下降|减少到|减少至|减少|"
    r"上涨|上升|涨幅|增幅|增速|降幅|跌幅|回落|下跌|递增|递减|(?<!占)比增|扩大到|扩大至|扩大|缩小|完成|实现|突破|超过|超|高于|低于|快于|慢于|优于|"
    r"迈上|跨上|站上|跃上|登上|迈入|跨入|跨越|跨过|越过|冲刺|首破|"
    r"首次|再次|再|逐步|逐年|每年|全部|逆势|逆市|历史性|每人(?:每年|每月)|人均|每人|各|近年来|近年|安排|拟安排|将安排|继续|持续|进一步|仍然|依然|始终|拟按|按|控制在|保持在|稳定在|保持平稳|平稳|保持|稳定|维持在|年均|同比|比上年|比去年|较上年|较去年|比年初|较年初|比上年末|较上年末|比\d{4}年|较\d{4}年(?:均值)?|与\d{4}年相比|"
    r"分别|累计|预期|预计|力争|要|将|同口径|(?<![模虚])拟|(?<![公中总])共|争取|了|约有|约|近|在|至|到|整合至|整合到|简并至|简并为|合并为|合并至|归并为|归并至|"
    # "马驴骡发展到2.2万匹": the herd, not its verb ("羊发展" keeps it: one character names nothing)
    r"提供|新增|新建成|新建|新安排|建成|(?<!违法)建设|(?:1[012]|[1-9])月(?:底|末)?(?:前|之前|以前)|开工|引进|(?<=\p{Han}{2})发展(?:到|至)|"
    r"推进|推动|实施|开展|启动|打造|培育|举办|加快|解决|帮助|清理|淘汰|新开工|基本建成|"
    r"实际|名义|平均|总计|合计|共计|全年|当年|约为|多于|不低于|不少于|不超过|不高于|至少|以上|以下|以内|左右|"
    r"由|从|(?:从|由)\d{4}年(?:末|底)?的?|(?:从|由)(?:第?[一二三四]季度|上半年|前[两二三]个?季度|年初)的?|回升|回升到|回升至|(?:从|由|到|至)?“?(?:九五|十五|十[一二三四五六]五)”?(?:时期|期)?末的?|跃升至|跃升到|攀升至|攀升到|核增至|核增到|核减至|核减到|(?:从|由)(?:\d{4}年)?(?:人均)?(?:每人)?(?:每月|每年)|从去年的|由去年的|"
    r"到去年的|到\d{4}年的|(?:19|20)\d{2}\s*(?:-|—|－|–|~|～)|去年|上年|现在的|现在|目前|已经|已|(?:预期)?(?:增长)?目标(?:拟)?(?:定为|设定为|定在|设定在|明确为|确定为|为)?(?:便|就|则|也)?|比上个五年|高出|的|和|、|[\d一二三四五六七八九十两]+年(?:累计)?|"
    r"[≤≥≦≧<>＜＞=＝≮≯])+$"
)
# A bracketed aside; a bracketed part of a name (（PM2.5）, (R&D), （GDP）) is not one and stays.
# A short Chinese part inside a name stays too: "民族自治地方县（市）", "污水治理（管控）率" (not "（下同）": same below).
_PAREN = regex.compile(
    r"(?<!\p{Han})（[^（）]*）|（(?![A-Za-z0-9.&+\-]+）|(?!含|其中|包括|即|简称|下称|不含|下同)\p{Han}{1,4}）(?=\p{Han}|$))[^（）]*）"
    r"|\((?![A-Za-z0-9.&+\-]+\))[^()]*\)"
)


def unbracketed(text: str) -> str:
    """`text` without its bracketed asides (`_PAREN`; nothing to do without a bracket)."""
    return _PAREN.sub("", text) if "（" in text or "(" in text else text


# Where the phrase after a number stops: a verb or a clause mark.
_POST_STOP = plain_re.compile(
    r"[，。；;：！？、》\n]|(?<=项目|工程|企业|学校)中(?=[，,：:])|以及|以上|以下|以内|左右|分别|正式|(?:开工|建成|完成|实现|达到|进入|投入|投用|投产|开通|通车|开业|落地|签约|挂牌|揭牌|"
    r"运营|启用|启动|取得|获(?!奖)|被|率先|成功上市|上市|简并|合并|全部|都|用好|用活|管好|建设(?!项目|用地|单位|资金|规模)|累计|提供|开展|参加|获得|纳入|列入|入选|获评|认定|覆盖|受益|参与|接受|享受|"
    r"加快|推进|推动|落户|集聚|入驻|实施|得到|用上|配备|开设|进入|成为|达到|位居|居(?![民住家])|要|将|都|也|已|尚未|未(?!成年|来|婚)|正在|工作|的情况|采取|采用|建立|"
    r"下降|增长|提高|降低|减少|上升|(?<![A-Za-z.])\d)"
)
# "二级旧里以下房屋", "规模以上企业": 以上/以下 bounding a class inside a name, not a comparator.
_CLASS_BOUND = regex.compile(r"(?:以上|以下)(?=\p{Han}{2})(?!的|和|及|、)")
_ADOPTS = plain_re.compile(r"采取|采用|通过|进行|实行|推行")
_LISTED = regex.compile(r"[^，。；\d]{1,16}?、[^，。；\d]{1,16}?等(?=\p{Han})")  # (another count ends the list)
# Problems listed after the thing counted: "12个老旧小区管网老化、设施破损等问题" (the first item opens on the thing).
_PROBLEMS = plain_re.compile(r"(?:问题|现象|隐患|短板|难题)")
_POST_LEAD = regex.compile(r"^(?:的|以上|以下|左右|多|余)+")
# The marks _POST_STOP stops at wherever they are: a window opening with one names nothing, unless
# it holds a "…、…等" list (_LISTED) that `_after` skips first.
_STOP_MARKS = frozenset("，。；：！？、\n")
_POST_LEAD_FIRST = frozenset("的以左多余")
# A phrase after the number that does not name a thing (a verb, a function word, a figure of speech; "85万元以上全覆盖":
# how widely the level is reached, Review53).
_POST_BAD = plain_re.compile(
    r"^(?:用于|作为|成为|是|于|等|和(?![美谐平])|及|与|或|被|全线|全面|全部|全覆盖|核增|核减|跃升|攀升|跨越|飞跃|基本|顺利|正式|已|支持|带动|撬动|拉动|吸引|将|要|为(?!民)|到|至|之|其|比|较|同比|增长|下降|提高|提升|占|达到|达|实现|完成|"
    r"居(?![民住家])|位居|位列|排名|列|同期|规模(?!以上|以下)|水平|大关|台阶|目标|任务|标准|计划|以内|以下|左右|以上|次|年|期间|内|后|前(?!沿|列|端|瞻)|来|"
    r"增加|减少|降低|同比|环比|均|分别|合计|共|累计|总量|总额|总数|之多|之和|一(?![类级批流体])|元|人民币|整合|调整|压减|缩减|缩小|扩大|上升|跃升|攀升|并|逐步|进一步|增至|增到|升至|升到|降至|降到|"
    r"新台阶|大台阶|新高|新水平|情况|大关|关口|历史性|节点|门槛|以来|左右|项目要|转为|安排|幅度|预期目标|的预期目标)"
)
_GAP = plain_re.compile(r"(?:高于|低于|超过|快于|慢于|优于|好于|高出|低出|超出|领先|是)[^，。；、]{0,12}?(?:的)?$")
_SINCE = frozenset(("以来", "至今", "迄今"))
_RATE_COMPARED = plain_re.compile(r"(?:增速|增幅|增长率|增长速度)$")
_THAN = plain_re.compile(r"(?<!占)比(?![重例率值])[^，。；]{1,8}?(?:高|低|快|慢|多|少)$")
_GAP_WORDS = plain_re.compile(r"全国|全省|全市|全区|国家|平均|目标|同期|上年|去年|前|末|世界|全球|水平|上个|五年")
_BASE = plain_re.compile(
    r"(?:较|比)[^，。；]{0,10}?(?:末期|期末|年末|同期|平均水平|水平|首届|上届|去年|上年|去年预算|上年预算|预算|上年预计数|预计数|"
    r"(?:前|上个)?[一二三四五六七八九十\d]+年(?:前)?)(?:相比)?$|(?:较|比)(?:前|上个)$"
)
_VERB = regex.compile(
    r"跨越|达到|增长|突破|实现|完成|提高|提升|下降|降低|减少|增加|超过|保持|稳定|迈上|跃居|位居|出现|占比?(?=[\p{Han}]{0,12}的?比)"
)
# A condition inside the phrase: "经济增长预期目标是在明显提高质量和效益的基础上(年均增长7%)".
_CONDITION = plain_re.compile(r"在[^，。；]{2,20}?(?:的)?(?:基础上|前提下|条件下|情况下)")
# A copula after the subject: "经济增速是综合性指标" (not the 是 of 要是, 就是, 一是, 但是 …).
_COPULA = regex.compile(r"(?<=\p{Han}{2})(?<![要其别就但还总于凡或只即像也都一二三四五六七八九十])是(?![否非])")
# A condition, a method or a rank, not a subject: "在确保质量的前提下", "按2010年可比价格计算", "扣除价格因素",
# "居全省第5位" (a rank is no quantity, and its clause names nothing a value after it could be of).
_ADVERBIAL = plain_re.compile(
    r"(?:在[^，。；]{2,12}(?:下|中|时|后)$|根据|通过|围绕|按照|随着|经过|按[^，。；]{1,16}(?:计算|核算|口径)$|(?:扣除|剔除)[^，。；]{1,12}因素$"
    r"|(?:居|位居|位列|排名|排|列|名列|跃居|分居)[^，。；]{0,12}(?:第[一二三四五六七八九十\d、第]+位?|首位|前列|之首|第一方阵)$)"
)
_DURATION = plain_re.compile(r"^(?:近|过去|最近|今后|未来)?(?:\d{1,2}|[一二三四五六七八九十两]+)年(?:来|间|内(?!蒙)|中(?![央国华部]))?")
_MIN_LEN = 2
_NOUN_START = regex.compile(r"[\p{Han}“《]")
LIST_MARK = plain_re.compile(r"[、和及与]")
_LIST_SPLIT = plain_re.compile(r"以及|、|和|(?<![普涉危顾波遍])及|与")  # not the 及 of 普及, 涉及 …
_COMMA_SPLIT = plain_re.compile(r"、")


# Heads too generic to name a thing alone: "签约重点项目" keeps its words rather than become 项目.
_GENERIC_HEAD = plain_re.compile(r"(?:项目|企业|单位|工程|机构|城市|地区|学校|医院|省份|区县)")


# One lead word (the words `_LEAD` matches a run of, one at a time).
_LEAD_ONE = plain_re.compile("(?:" + _LEAD_WORDS.source + ")")


# A government's name and the verb before an aggregate's acronym: "肇庆完成GDP2917.85亿元", "某市要实现GDP增长5%左右", or
# before the whole economy's output, which only a place has ("某市实现地区生产总值", not a sector's 增加值); an estimate keeps
# whose it is ("宁州预计实现地区生产总值": `_after_expected`).
_SUBJECT_VERB_ACRONYM = plain_re.compile(
    r"^(?:(?!预计)[\u4e00-\u9fff]){1,8}?(?:要|将|力争)?(?:完成|实现)(?=[A-Z]{2,5}(?![A-Za-z])|(?:地区|国内)?生产总值)")


def _strip_lead(phrase: str) -> str:
    if (subject := _SUBJECT_VERB_ACRONYM.match(phrase)) is not None:
        phrase = phrase[subject.end():]
    m = _LEAD.match(phrase)
    while m and m.end() > 0 and len(phrase) - m.end() >= _MIN_LEN and not (
            _GENERIC_HEAD.fullmatch(phrase, m.end()) and phrase.endswith("重点", 0, m.end())):
        cut = _word_cut(phrase, m.end())
        if not cut:
            break
        phrase = phrase[cut:]
        m = _LEAD.match(phrase)
    return phrase


def _word_cut(phrase: str, end: int) -> int:
    """Where a run of lead words ending at `end` may be cut off: not inside a word that a lead word only
    begins ("在建", "已建", "近岸", "使用", "从业人员", "重点高校": jieba's words), but across one that merely
    straddles two ("新增长护险": 新增 + 长护险, whatever jieba makes of 增长)."""
    starts = []
    pos = 0
    while pos < end and (one := _LEAD_ONE.match(phrase, pos)) and one.end() > pos:
        starts.append(pos)
        pos = one.end()
    word_start = 0
    for word in segment(phrase):
        word_end = word_start + len(word)
        if word_end >= end:
            return word_start if word_end > end and word_start in starts else end
        word_start = word_end
    return end


# The same pattern matched from the end: whether a phrase ends with tail words at all, at a
# fraction of the cost of the forward search (most phrases do not); the forward search then
# finds where the tail begins.
_TAIL_FROM_END = regex.compile(_TAIL.pattern, flags=regex.REVERSE)


_TAIL_WORDS = TailWords(_TAIL.pattern[3:-3])  # `(?:…)+$` without backtracking: "达到" × 40 cannot hang it


# The last characters of tail words: 3 in 4 phrases end with none and need no search (1 µs, ≈ 190 phrases a report).
_TAIL_LAST = last_characters(_TAIL.pattern)


def _strip_tail(phrase: str) -> str:
    if not may_end(phrase, _TAIL_LAST):
        return phrase
    start = _TAIL_WORDS.start(phrase) if _TAIL_FROM_END.search(phrase) else None
    if start is not None and start >= 1:
        phrase = phrase[:start]
    elif start is not None:
        phrase = ""
    return phrase


# What is given to whom: "为大河坎镇九年制学校、江南小学购置午餐午休座椅" names the seats (not "乡镇卫生院配备了医疗设备", a count
# of the hospitals, nor "农机具购置补贴资金": 为 opens the phrase).
FOR_WHOM = regex.compile(r"为[^，。；]{2,40}?(?:购置|配备|配置)(?=\p{Han}{2})")
# A list item's ordinal glued to what it names: "5.完成地方一般公共预算收入", "10.常住人口城镇化率", "②新增…".
_ORDINAL_LEAD = regex.compile(r"^(?:\d{1,2}[.．、](?=\p{Han}|“)|[①-⑳])")


# List bullets that open a line ("▶新增公共停车位800个"): typesetting, no part of a name.
_BULLETS = " ，、—-·•●,▶►▸◆◇■□★☆◎※→√"
_OPENERS, _CLOSERS = "（(【[", "）)】]"


def _outside_brackets(phrase: str) -> str:
    """The phrase without the words an unmatched bracket cuts off. A closing bracket whose opening lies before the
    phrase closes an aside the phrase only ends ("比年初目标(6.5%)低2.3个百分点": the phrase before 2.3 is ")低", its name
    nothing but 低): what precedes it goes. An opening bracket the value stands inside ("…建设项目(新建69项"): the words in
    the bracket when they name something, else those before it."""
    if not any(ch in _OPENERS or ch in _CLOSERS for ch in phrase):
        return phrase
    opened: list[int] = []
    start = 0
    for i, ch in enumerate(phrase):
        if ch in _OPENERS:
            opened.append(i)
        elif ch in _CLOSERS:
            if opened:
                opened.pop()
            else:
                start = i + 1  # an aside closed here that opened before the phrase
                opened.clear()
    if opened:
        at = opened[0]
        inside = phrase[at + 1:]
        return inside if before(inside) else phrase[start:at]
    return phrase[start:]


# A rate's usual name in brackets right before its value, after a description of it: "占总人口比重（户籍人口城镇化率）
# 为31.44%" is 户籍人口城镇化率, the name a reader looks for (not an aside: "森林覆盖率（含灌木林）", "（下同）").
_NAME_IN_BRACKETS = regex.compile(
    r"[（(](?P<name>\p{Han}{2,12}(?:率|比重|比例|指数|系数))[）)](?P<verb>为|达|达到|是|约为)?$")


# An abbreviation spelled out in brackets after it: "GDP(地区生产总值)增长5%左右", "CPI（居民消费价格指数）涨幅".
_SPELLED_OUT = regex.compile(r"(?<![A-Za-z])[A-Z]{2,5}[（(](?P<name>\p{Han}{2,12})[）)]")


def unbracketed_before_value(text: str) -> str:
    """The words before a value without their bracketed asides (`unbracketed`), but a rate's usual name in brackets
    right before the value stands for the description before it (`_NAME_IN_BRACKETS`), and an abbreviation's name
    spelled out in brackets for the abbreviation (`_SPELLED_OUT`)."""
    if text[-1:] in "）)为达到是" and (named := _NAME_IN_BRACKETS.search(text)) is not None:
        return named.group("name") + (named.group("verb") or "")
    if ("(" in text or "（" in text) and _SPELLED_OUT.search(text):
        text = _SPELLED_OUT.sub(r"\g<name>", text)
    return unbracketed(text)


@lru_cache(maxsize=8192)  # pure: the same clause (a list, a repeated sentence) is cut once
def before(phrase: str) -> str:
    """The indicator named in the text before a number ("" when only verbs remain)."""
    phrase = _outside_brackets(unbracketed(phrase)).strip(_BULLETS)  # (an ASCII comma left between two ASCII marks: "3.7%,2021年")
    whole = phrase.rstrip(" ，、")
    if phrase[:1].isdigit() or "①" <= phrase[:1] <= "⑳":
        phrase = _ORDINAL_LEAD.sub("", phrase)
    if phrase[:1] == "为" and (given := FOR_WHOM.match(phrase)):
        phrase = phrase[given.end():]  # "为某镇中心小学购置课桌椅": what is given (naming.FOR_WHOM)
    phrase = _LEADING_AND.sub("", phrase)
    if _LEAD_WORDS.only(phrase):  # not _LEAD.fullmatch: exponential on 开工建设 × 14 + x
        return ""  # only time words and verbs: "连续第7年", "预计全年"
    gap = _GAP.search(phrase)
    # a rate compared with a named other ("增速高于全国"; not "增幅超过40%", the rate itself bounded)
    compared = _RATE_COMPARED.search(phrase, 0, gap.start()) if gap and gap.end() - gap.start() > 3 else None
    if gap and (_GAP_WORDS.search(gap.group(0)) or gap.end() - gap.start() <= 3 or gap.start() == 0 or compared):
        phrase = phrase[: gap.start()]  # (a rate compared with another's: "产值增速超过规模以上工业17.5个百分点")
    if "年" in phrase:  # _DURATION needs one
        phrase = _DURATION.sub("", phrase)
    if "比" in phrase:  # _THAN needs one
        phrase = _THAN.sub("", phrase)
    if "在" in phrase and "下" in phrase or "基础上" in phrase:  # _CONDITION needs them
        phrase = _CONDITION.sub("", phrase)
    # Each step only cuts the phrase, and both strips are idempotent: a round that leaves the phrase
    # as it was has found it without tail (so the last strip below is not needed), and a round whose
    # tail and base cuts changed nothing would not change it with the lead strip either.
    settled = False
    for round_ in range(3):
        stripped = _strip_tail(phrase)
        if "比" in stripped or "较" in stripped:  # _BASE needs one
            stripped = _BASE.sub("", stripped)
        if stripped == phrase and round_:
            settled = True  # the previous round's lead strip made it: no lead left to strip
            break
        stripped = _strip_lead(stripped)
        if stripped == phrase:
            settled = True
            break
        phrase = stripped
    phrase = (phrase if settled else _strip_tail(phrase)).strip(" ，、")
    if not phrase or _LEAD_WORDS.only(phrase) or len(phrase) < 2 or phrase in _SINCE:
        return ""  # (the time a total runs from, left alone: "力争“十四五”以来累计降低10%左右")
    if compared and not phrase.endswith(compared.group(0)):
        phrase += compared.group(0)  # the gap is between rates: the rate is what the value is of
    if "预计" in phrase:
        phrase = _after_expected(phrase)
    if phrase in _BARE_PROJECTS and (staged := _STAGED_PROJECTS.search(whole)) is not None:
        phrase = staged.group(0)  # "共签约项目50个", "开工项目46个": projects named by their stage, not "项目" (Review56)
    if phrase in _BARE_FUNDS and (signed := _SIGNED_FUNDS.search(whole)) is not None:
        phrase = signed.group(0)  # "签约资金64.08亿元": the money signed for, not money (Review68)
    return phrase


# Projects named by the stage they are at, which a bare 项目 or 工程 would lose ("开工项目" against "竣工项目").
_BARE_PROJECTS = frozenset(("项目", "工程", "重点项目", "重大项目"))
_STAGED_PROJECTS = regex.compile(
    r"(?:新签约|签约|新开工|开工建设|开工|竣工投产|建成投产|竣工|投产|建成|在建|续建|新建|落地|引进)(?:重点|重大)?(?:项目|工程)$")


_BARE_FUNDS = frozenset(("资金", "金额", "总额", "投资额"))
_SIGNED_FUNDS = regex.compile(r"(?:签约|引进)(?:资金|金额|总额|投资额)$")


# Whose estimate: a place's short name, with the year estimated ("宁州预计实现…", "临川2020年预计…").
_ESTIMATOR = regex.compile(r"(?P<place>\p{Han}{2,3}?)(?:\d{4}年)?")
_PLACE_WORD = plain_re.compile(r"^(?:全国|全省|全市|全区|全县|全州|全旗|全镇)")
# A measure that names nothing without its owner, and an owner before 预计 (a thing, not a clause: "第三产业").
_BARE_MEASURE = plain_re.compile(r"(?:实现|完成)?(?:增加值|总产值|产值|税收|营业收入|收入|利润|销售额|营业额)")
_OWNER = regex.compile(r"(?:(?:19|20)\d{2}年)?(?P<place>\p{Han}{2,8}?)")


def _after_expected(phrase: str) -> str:
    """The thing estimated, after an inner 预计 (not 预计数, the estimate itself), and the place whose estimate it is
    when a short name (and the year) opens the phrase: "宁州预计实现地区生产总值" → 宁州地区生产总值, "临川2020年预计地区
    生产总值" → 临川地区生产总值; a clause that ran on into it without a mark ("2020全市经济运行总体平稳预计地区生产
    总值") is left out."""
    cut = phrase.rfind("预计") + 2
    rest = phrase[cut:]
    if cut <= 2 or len(rest) < 2 or rest.startswith("数") or _LEAD_WORDS.only(rest):
        return phrase
    rest = _strip_lead(rest) or rest
    place = _ESTIMATOR.fullmatch(phrase, 0, cut - 2)
    if place is None and _BARE_MEASURE.fullmatch(rest):
        place = _OWNER.fullmatch(phrase, 0, cut - 2)  # "第三产业预计实现增加值" → 第三产业增加值: whose measure
    if place is None or _PLACE_WORD.match(rest) or _LEAD_WORDS.only(place.group("place")):
        return rest
    return place.group("place") + rest


# A place the counted things are in, its verb cut off: "…常住人口在城镇|落户".
_PLACED = regex.compile(r"\p{Han}{2}在\p{Han}{1,8}$")
_HAN_VERB = regex.compile(r"(?!以上|以下|以内|左右)\p{Han}{2}")
# The verb and its object, to the clause's end or a goal said of it ("落户目标顺利实现").
_DONE_THERE = regex.compile(r"\p{Han}{2}(?:(?!目标|任务)\p{Han}{2,4})?(?=[，。；：！？\n]|目标|任务)")
# A numeral label that opens what is counted: "20余家500强企业", "30余家世界500强企业", "3家国家4A级景区", "5星级酒店".
_LABEL_LEAD = regex.compile(r"\p{Han}{0,4}?\d{1,4}(?:强|A级|A|星级|星|G)(?=\p{Han})")
# A verb inside what is counted, before its head: "3500多个拟竣工投产项目", "12个重点产业稳增长方案".
_INSIDE_NAME = plain_re.compile(r"(?:投产|开工|竣工|增长|建成)(?:项目|方案|工程)(?:[，。；：！？、\n和]|$)")
# A quoted label that opens what is counted: "16个“15分钟就业服务圈”社区就业服务站点", "4个“15分钟生活圈”" (not "1").
_QUOTED_LEAD = plain_re.compile(r"“[^“”，。；：！？\n]{1,20}”")
# A modifier that names nothing alone, shared by the list it starts: "100个以上行业级、场景级大模型".
_ATTRIBUTE_END = plain_re.compile(r"[级型类式]")


# A count's things described by an amount of theirs before them: "5个总装机180万千瓦的光伏项目", "3座总库容1200万立方米的水库".
_DESCRIBED = regex.compile(
    r"(?:总|年|日|设计)?(?:装机(?:容量)?|容量|库容|规模|面积|占地面积|建筑面积|长度|里程|投资|产能|处理能力)(?:超过|超|达|约|近)?"
    r"\d+(?:\.\d+)?(?:万|亿)?\p{Han}{0,4}?的(?=\p{Han}{2})"
)


def after(text: str, pos: int, limit: int = 30) -> str:
    """The indicator named right after a number's unit ("4所新型公办幼儿园" → 新型公办幼儿园)."""
    window = text[pos: pos + limit]
    if window[:1] in _STOP_MARKS and not ("、" in window and "等" in window):
        return ""  # a clause mark right after the unit: `_after` stops there and finds nothing (fast path)
    return _after(window)


@lru_cache(maxsize=8192)
def _after(window: str) -> str:
    """`after` of the `limit` characters that follow the unit."""
    if window[:1] in _POST_LEAD_FIRST:
        window = _POST_LEAD.sub("", window)
    window = unbracketed(window)
    listed = _LISTED.match(window) if "、" in window and "等" in window else None
    if listed and _ADOPTS.search(window, 0, window.find("、")):
        listed = None  # "500多家小企业采取改组、联合…等多种形式": the list is what they did, the thing comes before it
    if listed and _PROBLEMS.match(window, listed.end()):
        return _before_problems(listed.group(0))
    if listed:  # "240万户林区、垦区、煤矿等棚户区居民": the thing counted follows 等
        window = window[listed.end():]
    if (described := _DESCRIBED.match(window)) is not None:
        window = window[described.end():]  # "5个总装机180万千瓦的光伏项目": the projects, described by their capacity
    label = _LABEL_LEAD.match(window)  # "500强企业": a numeral label opens the name, its digits are no stop
    if label is None and window[:1] == "“":
        label = _QUOTED_LEAD.match(window)  # "“15分钟生活圈”": a quoted label opens it, its digits and verbs are no stop
    m = next((stop for stop in _POST_STOP.finditer(window, label.end() if label else 0)
              if (stop.start() >= 2 or window[stop.start()] in "，。；：！？、\n") and not _CLASS_BOUND.match(window, stop.start())
              and not _INSIDE_NAME.match(window, stop.start())
              and not (stop.group() == "、" and stop.start() and _ATTRIBUTE_END.match(window[stop.start() - 1]))),
             None)
    phrase = window[: m.start()] if m else window
    if m and phrase.endswith("新") and _HAN_VERB.match(m.group(0)):
        phrase = phrase[:-1]  # "500强企业新落户贵州": 新 goes with the verb
    if m and _PLACED.search(phrase) and _HAN_VERB.fullmatch(m.group(0)) and (done := _DONE_THERE.match(window, m.start())):
        phrase += done.group(0)  # "…常住人口在城镇落户", "…孩子在城市接受义务教育": what they did there
    phrase = phrase.strip(" ，、").removesuffix("的").removesuffix("和").removesuffix("及").removesuffix("与")
    if len(phrase) < 2 or _POST_BAD.match(phrase) or not (_NOUN_START.match(phrase) or label and len(phrase) > label.end()):
        return ""
    return phrase


def _before_problems(listed: str) -> str:
    """The thing counted before a list of its problems: the first item less a predicate as long as the second item
    ("老旧小区管网老化、设施破损等" → 老旧小区); "" when no name of two characters is left."""
    items = listed.removesuffix("等").split("、")
    phrase = items[0][: len(items[0]) - len(items[1])] if len(items) > 1 else ""
    return phrase if len(phrase) >= 2 and _NOUN_START.match(phrase) and not _POST_BAD.match(phrase) else ""


# Measure nouns that an enumeration shares: "城镇和农村居民人均可支配收入" → 城镇居民人均可支配收入;
# "PM2.5、PM10年均浓度" → PM2.5年均浓度, PM10年均浓度.
_SHARED_SUFFIX = plain_re.compile(
    r"(?:人均财政补助标准|财政补助标准|补助标准|居民人均可支配收入|人均可支配收入|产业增加值|增加值|全产业链产值|产业链产值|总产值|产值|产量|营业收入|营收|收入|投资|销售额|零售额|营业额|"
    r"比重|占比|吞吐量|运输周转量|周转量|货运量|客运量|排放总量|排放量|人数|起数|数量|规模|总额|标准|合格率|满意率|覆盖率|普及率|利用率|"
    r"年均浓度|平均浓度|浓度|人均住房面积|住房面积|面积)$"
)


MEASURE_END = plain_re.compile(r"[量耗额率值数费价入出资产重比度]$")  # an item that is a measure already


# The three sectors counted by their ordinals alone: "一、二、三产业", "第一、二产业".
_ORDINAL = plain_re.compile(r"第?[一二三]")
_ONE_HAN = regex.compile(r"\p{Han}")
_ORDINAL_INDUSTRY = plain_re.compile(r"第?(?P<n>[一二三])产业(?P<rest>.*)")


def split_list(phrase: str, conjunctions: bool = True) -> list[str]:
    """Items of an enumerated subject ("工业投资、民间投资" → two), sharing a 等- or measure suffix.

    With `conjunctions` false only 、 separates items ("交通运输仓储和邮政业" stays one).
    A new list at every call (callers tell lists apart by identity).
    """
    return list(_split_list(phrase, conjunctions))


@lru_cache(maxsize=4096)
def _split_list(phrase: str, conjunctions: bool) -> tuple[str, ...]:
    return tuple(_items(phrase, conjunctions))


# 一产/二产/三产 name an industry, not a measure (the 产 of 资产): "一产和三产占比" → 一产占比, 三产占比.
_INDUSTRY_SHORT = plain_re.compile(r"[一二三]产")


# One industry of the national classification whose name is itself a list (国民经济行业分类: "电力、热力、燃气及水生产和
# 供应业", "计算机、通信和其他电子设备制造业", "交通运输、仓储和邮政业"): short heads without 业 before a 及/和 and a last
# part ending in 业, a measure after it ("…供应业增加值"). A list of industries names each with its 业 ("工业、建筑业和服务业").
_AFTER_INDUSTRY = regex.compile(r"(?<=业)[、和及与]")
_INDUSTRY_NAME = regex.compile(r"(?:\p{Han}{1,4}(?<!业)、)+\p{Han}{1,4}(?<!业)(?:及|和)\p{Han}{1,10}?业\p{Han}{0,8}")


def _items(phrase: str, conjunctions: bool) -> list[str]:
    if "、" in phrase and "业" in phrase:
        if _INDUSTRY_NAME.fullmatch(phrase):
            return [phrase]
        pieces = _AFTER_INDUSTRY.split(phrase)  # "计算机、通信和其他电子设备制造业和黑色金属冶炼和压延加工业增速"
        if len(pieces) >= 2 and any(_INDUSTRY_NAME.fullmatch(piece) for piece in pieces[:-1]):
            tail = pieces[-1][pieces[-1].rfind("业") + 1:]  # the measure after the last industry ("增速")
            return [piece + tail for piece in pieces[:-1]] + [pieces[-1]]
    splitter = _LIST_SPLIT if conjunctions else _COMMA_SPLIT
    head, sep, suffix = phrase.rpartition("等")
    if sep and head and not LIST_MARK.search(suffix):
        items = splitter.split(head)
        return [i + suffix if not i.endswith(suffix) else i for i in items if i]
    items = [i for i in splitter.split(phrase) if i]
    if len(items) < 2:
        return items
    if (last := _ORDINAL_INDUSTRY.match(items[-1])) and all(_ORDINAL.fullmatch(i) for i in items[:-1]):
        # "一、二、三产业现价增加值" → 第一产业现价增加值, 第二产业…, 第三产业…
        return ["第" + i.removeprefix("第") + "产业" + last.group("rest") for i in items[:-1]] + [
            "第" + last.group("n") + "产业" + last.group("rest")]
    if split := _one_character_heads(items):
        return split
    if split := shared_head(items):
        return split
    shared = _SHARED_SUFFIX.search(items[-1])
    suffix = shared.group(0) if shared and len(items[-1]) > len(shared.group(0)) else ""
    parallel = _parallel_suffix(items)
    if len(parallel) > len(suffix):
        suffix = parallel
    if not suffix:
        return items
    # A substance may be named by a measure: 化学需氧量 (COD) is emitted ("化学需氧量、二氧化硫排放总量").
    emission = suffix.startswith("排放")
    first_bare = not items[0].endswith(suffix)
    items = [i if i.endswith(suffix) or ((_SHARED_SUFFIX.search(i) or MEASURE_END.search(i))
                                         and not (emission and i.endswith("需氧量")) and not _INDUSTRY_SHORT.fullmatch(i))
             else _joined(i, suffix) for i in items[:-1]] + [items[-1]]
    if len(items) == 2 and first_bare and items[0].endswith(suffix):
        items[1] = _shared_prefix(items[0], items[1], suffix)
    return items


# A grade written as a number and its unit ("110千伏", "5G"), and a verb of building or creating: items of a list that
# name no thing of their own but share the head the last item names ("110千伏、35千伏变电站" → 110千伏变电站, 35千伏变电站;
# "改造和新建县医院" → 改造县医院, 新建县医院).
_GRADE = plain_re.compile(r"(?P<n>\d+(?:\.\d+)?)(?P<u>[A-Za-z\u4e00-\u9fff]{1,3})")
BUILD_VERBS = (
    "新改扩建|改扩建|新建|改建|扩建|续建|迁建|重建|建成|建设|新开工|开工|改造|提升|提质|升级|创建|打造|培育|认定|新开通|开通"
)
_BUILD_VERB = plain_re.compile(rf"(?:{BUILD_VERBS})")
_NUMBER = plain_re.compile(r"\d+(?:\.\d+)?")


def shared_head(items: list[str]) -> list[str]:
    """Items before the last that are grades or verbs only take the head the last names after its own grade or verb
    ("110千伏、35千伏变电站" → 110千伏变电站, 35千伏变电站); [] when the list is not of that form."""
    *heads, last = items
    if (first := _GRADE.fullmatch(heads[0])) is not None:
        unit = first.group("u")
        number = _NUMBER.match(last)
        if (all((grade := _GRADE.fullmatch(h)) is not None and grade.group("u") == unit for h in heads)
                and number is not None and last.startswith(unit, number.end())
                and len(last) - number.end() - len(unit) >= 2):
            head = last[number.end() + len(unit):]
            return [h + head for h in heads] + [last]
        return []
    if all(_BUILD_VERB.fullmatch(h) for h in heads) and (verb := _BUILD_VERB.match(last)) and len(last) - verb.end() >= 2:
        head = last[verb.end():]
        if _BUILD_VERB.match(head):
            return []  # "新建、改建改造…": no head after the verbs
        return [h + head for h in heads] + [last]
    return []


def _joined(item: str, suffix: str) -> str:
    """`item` with the shared `suffix`, a word both have said once ("城镇居民" + 居民人均可支配收入 → 城镇居民人均可支配收入)."""
    for k in range(min(len(item), len(suffix) - 1), 1, -1):
        if item.endswith(suffix[:k]):
            return item + suffix[k:]
    return item + suffix


def _one_character_heads(items: list[str]) -> list[str]:
    """Items cut to one character before a shared rest: "金融机构存、贷款余额" → 金融机构存款余额, 金融机构贷款余额;
    "进、出口总额" → 进口总额, 出口总额 (the first item's last word one character, as jieba cuts it)."""
    first, *middle, last = items
    if len(last) < 3 or any(len(m) != 1 for m in middle) or not all(_ONE_HAN.fullmatch(i[-1]) for i in items):
        return []
    if len(segment(first)[-1]) != 1 or MEASURE_END.search(first) or len(segment(last)[0]) < 2:
        return []  # "…解决率、满意率": the first item names its measure already
    head, rest = first[:-1], last[1:]
    if any(len(segment(i[-1] + rest)[0]) < 2 for i in (first, *middle, last)):
        return []  # each cut character makes a word with the rest (存款, 贷款), or the list is not one of them
    return [head + i[-1] + rest for i in (first, *middle)] + [head + last]


def _parallel_suffix(items: list[str]) -> str:
    """The measure the last item names after a head as long as the item before it ("食品、药品抽检合格率" → 抽检合格率).

    Only for short items that name no measure, when the head ends where jieba ends a word.
    """
    *heads, last = items
    k = len(heads[-1])
    if any(len(h) > 6 or MEASURE_END.search(h) or _SHARED_SUFFIX.search(h) for h in heads) or len(last) < k + 2:
        return ""
    words, end = segment(last), 0
    for word in words:
        end += len(word)
        if end >= k:
            break
    suffix = last[k:]
    if end != k or before(last[:k]) != last[:k] or not (MEASURE_END.search(suffix) or _SHARED_SUFFIX.search(suffix)):
        return ""
    return suffix


def _shared_prefix(first: str, last: str, suffix: str) -> str:
    """The second of two items takes the first's leading words when its own head is one short word
    ("国际航空旅客和货邮吞吐量" → 国际航空货邮吞吐量)."""
    head, own = first.removesuffix(suffix), last.removesuffix(suffix)
    if not own or len(own) > 2 or len(head) < len(own) + 3 or head.endswith(own):
        return last
    prefix = head[: len(head) - len(own)]
    words, end = segment(head), 0
    for word in words:
        end += len(word)
        if end >= len(prefix):
            break
    return prefix + last if end == len(prefix) else last


@lru_cache(maxsize=4096)
def subject(clause: str) -> str:
    """The subject of a clause: the words before its first verb ("地区生产总值跨越…" → 地区生产总值)."""
    clause = unbracketed(clause)
    if _ADVERBIAL.match(clause):
        return ""  # "在确保质量的前提下": a condition, not a subject
    m = _VERB.search(clause)
    if m is None and "是" in clause and (copula := _COPULA.search(clause)):
        head = clause[: copula.start()]
        named = before(head)  # "经济增速是综合性指标" → 经济增速 (the rate of change is the subject's name here)
        rate = next((w for w in ("增速", "增幅", "增长率", "涨幅") if head.endswith(w)), "")
        if named and rate and head.endswith(named + rate):
            return named + rate
        if named:
            return named
    head = clause[: m.start()] if m else clause
    found = before(head)
    if not found and m and not head.strip(" ，"):
        return ""
    if not found and m:  # "连续第7年提高企业退休人员基本养老金": the object of the verb
        found = before(clause[m.end():])
    return found
