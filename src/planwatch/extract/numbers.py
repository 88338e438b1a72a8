"""Numbers and units: the one-pass candidate scanner and numeral conversion.

The scanner finds every number that carries a unit (or %), with its 万/亿
multiplier, 多/余 marks and ranges; the rest of the pipeline analyses only
around these candidates.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import overload

import cn2an
import regex

CN_DIGITS = "零〇一二两三四五六七八九十百千"
MULTIPLIERS: dict[str, float] = {
    "万多亿": 1e12, "万余亿": 1e12, "万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "十亿": 1e9, "亿": 1e8,
    "千万": 1e7, "百万": 1e6, "十万": 1e5, "万": 1e4, "千": 1e3,
}
# Units, longest first so that 人次 wins over 人 and 平方公里 over 公里.
UNITS: tuple[str, ...] = tuple(sorted({
    "元", "美元", "欧元", "港元", "%", "‰", "个百分点", "个多百分点", "百分点",
    "个千分点", "千分点",  # a change of a rate per thousand: "人口出生率10.65‰，比上年下降0.66个千分点"
    "人次", "件次", "家次", "人口", "人", "名", "位", "户", "家", "个", "所", "项", "件", "套", "间", "张", "条",
    "座", "场", "台", "辆", "宗", "栋", "幢", "片", "处", "次", "批次", "亩次", "亩", "公顷",
    "平方米", "平方公里", "平方千米", "立方米", "公里", "千米", "米", "吨", "千瓦时", "千瓦",
    "兆瓦", "标准箱", "标箱", "斤", "公斤", "千克", "克/千克", "微克/立方米", "毫克/升", "岁", "天",
    "小时", "分钟", "倍", "厘米", "床位", "张床位", "站", "区间", "艘", "架", "部", "只", "头", "头只",
    "株", "棵", "块", "例", "篇", "份", "枚", "门", "支", "班次", "车次", "户次", "场次", "台次", "架次", "艘次", "航线", "吨标准煤",
    "万千瓦", "兆瓦时", "吉瓦时", "吉瓦", "款", "档", "类", "批", "家庭", "重量箱", "度", "册", "种", "起", "列", "盏", "颗",
    "回", "对",  # 15回输电线路 (circuits), 118对友城 (pairs); see _UNIT_GUARD
    "方",  # cubic metres of gas, water or earth after 万/亿 only ("天然气产量350亿方"); see _UNIT_GUARD and to_number
    "席",  # seats: "12家省级重点实验室某县占3席"
    "兆伏安", "千伏安",  # transformer capacity: "新增变电容量300兆伏安", "120万千伏安" (not 千伏, a voltage class)
    # heads of livestock, poultry and fry, log sections, wells: "马驴骡发展到2.2万匹", "家禽发展到196.8万羽", "鱼苗500万尾",
    # "林芝1万段", "新打机电井120眼", "新建水窖300口"; see _UNIT_GUARD
    "匹", "羽", "尾", "段", "眼", "口",
    "期", "期次",  # sessions of a course: "举办培训班20期"; see _UNIT_GUARD (一期, 二期工程 are a project's phases)
    "km", "㎡", "m²", "TEU", "MW", "GW", "kW", "kWh",
    # concentrations (PM2.5, PM10, O₃): web copies write them in Latin, micro as μ (Greek) or µ (the micro sign)
    "毫克/立方米", "μg/m3", "μg/m³", "µg/m3", "µg/m³", "ug/m3", "mg/m3", "mg/m³",
}, key=len, reverse=True))
# Spellings folded into one unit (the scorer's aliases, and Latin abbreviations).
UNIT_ALIASES: dict[str, str] = {
    "人口": "人", "家庭": "户", "千米": "公里", "km": "公里", "平方千米": "平方公里", "㎡": "平方米", "m²": "平方米",
    "标箱": "标准箱", "TEU": "标准箱", "MW": "兆瓦", "GW": "吉瓦", "kW": "千瓦", "kWh": "千瓦时",
    "μg/m3": "微克/立方米", "μg/m³": "微克/立方米", "µg/m3": "微克/立方米", "µg/m³": "微克/立方米", "ug/m3": "微克/立方米",
    "mg/m3": "毫克/立方米", "mg/m³": "毫克/立方米", "方": "立方米",
    "个千分点": "千分点",
}
# Units that are also the first character of a verb or preposition: "5万回乡大学生" (回乡, not 回 circuits),
# "1万对接活动" (对接, not 对 pairs). The unit holds only when no such word follows.
_UNIT_GUARD: dict[str, str] = {
    "回": "(?![乡流升落归收迁应访复报购馈顾暖家国弹转款合])",
    "对": "(?![于口接标照比待外象应话症策抗冲称等])",
    "方": "(?![面式案向法针位舱阵言便])",
    "匹": "(?![配敌])", "羽": "(?![毛绒球])", "尾": "(?![气矿款号部声端数])", "段": "(?![落位子时内])",
    "眼": "(?![睛光界前下镜])", "口": "(?![岸径号碑罩腔头味音语述令子])",
    # "110千伏安澜变电站" is a 110-kV station named 安澜: a capacity unit ends its word
    "千伏安": r"(?!(?![的以左及和或等])\p{Han})", "兆伏安": r"(?!(?![的以左及和或等])\p{Han})",
    # sessions after Arabic digits only (一期, 二期, 三期 are phases), ending their word or before the sessions' own
    # noun ("20期培训班", "30多期创业培训班"), not a phase's ("2期工程"), nor one of a list of phases ("1期、2期工程")
    "期": r"(?<=\d(?:多|余)?期)(?![、和及至到—\-～~]\d{1,3}期)"
          r"(?:(?!\p{Han})|(?=[的以左及和或等])|(?=\p{Han}{0,3}?(?:培训|轮训|研修|讲座|讲堂|论坛|沙龙|活动|课程|夜校|班)))",
    "期次": r"(?<=\d(?:多|余)?期次)",
}
_UNIT_RE = "|".join(regex.escape(u) + _UNIT_GUARD.get(u, "") for u in UNITS)
# Numerals are bounded (no plan writes 25 digits or 13 Chinese numerals in a row), so that a run of
# thousands of digits or "一二三…" costs linear time instead of backtracking over the whole run.
_AR = r"\d{1,18}(?:,\d{3}){1,6}(?:\.\d{1,12})?|\d{1,24}(?:\.\d{1,12})?"
_CN = rf"[{CN_DIGITS}]{{1,12}}+"
_LIST_MAX = 64  # items of a "、" list of numbers looked ahead over for their shared unit
_MULT = "万多亿|万余亿|万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千(?!米)"  # 千米 a unit (km), not 千 × 米 (Review18)
# Denominators of compound units: 元/人, 分/千瓦时, 千克/亩.
_PER = ("千瓦时|人次|人|吨|亩|公顷|平方米|立方米|公里|年|月|天|户|辆|件|千克|公斤|小时|标准箱"
        "|百亿元|亿元|万元|十万人|万人|千人|万辆|万车")  # rates: 人/百亿元 (deaths per 10 billion yuan of GDP)
# People written without a unit: "6600多万农村人口", "32.8万就业困难群众".
_PEOPLE = ("人口|群众|老年人|老人|残疾人|人员|农民工|农民|学生|居民|职工|青年|儿童|幼儿|毕业生|游客|妇女|孕产妇|劳动力|群体|"
           "患者|人才|村民|市民|员工|志愿者|教师|孩子|对象")

CANDIDATE = regex.compile(
    # Every alternative starts with a digit, a Chinese numeral, 万/亿 (超万亿元), 减 (减半) or 翻 (翻一番):
    # one look at the character lets the scan skip every other position at once.
    rf"(?=[\d{CN_DIGITS}万亿减翻])(?:"
    r"(?P<skip>(?:19|20)\d{2}(?=年)|\d{1,2}(?=[月日号]))"  # years and dates: consumed, never quantities
    # mixed numerals, 万/亿 inside the number: "2万5千公里", "1万6千多户", "1亿3千多万元", "2亿5000万元"
    rf"|(?P<mx>\d{{1,4}}亿(?:[1-9][千百]|\d{{1,4}})(?P<mxm1>多|余)?万|\d{{1,4}}万(?:[1-9][千百]|\d{{3,4}}))"
    rf"(?P<mxm2>多|余)?(?:(?P<mxunit>{_UNIT_RE})|(?=以上|左右|[，。；、）)和及]|$))"  # no unit: the indicator's (IMPLIED_UNITS)
    rf"|(?P<n1>{_AR}|(?<!唯一?)(?!一一){_CN})"  # not 唯一一个 (uniqueness) nor 一一 (one by one)
    rf"(?:(?P<p1>%)?(?P<rs>-|~|—|－|～|至|到)(?P<n2>{_AR}|{_CN}))?"
    rf"(?P<more>多|余)?(?P<mult>{_MULT})?(?P<more2>多|余)?(?P<unit>{_UNIT_RE}|分(?=/))(?P<per>/(?:{_PER}))?"
    rf"|(?P<pn>{_AR})(?P<pmore>多|余)?(?P<pmult>万|亿)(?P<pmore2>多|余)?(?=[^，。；、]{{0,8}}?(?:{_PEOPLE}))"
    rf"|(?P<ln>{_AR})(?=、(?:(?:{_AR})、){{0,{_LIST_MAX}}}(?:{_AR})(?:多|余)?(?P<lmult>{_MULT})?(?P<lunit>%|个百分点|{_UNIT_RE})"
    # a list closed by 和/及 shares a rate's unit only: "分别下降0.5和0.7个百分点", "分别增长2.1、3.4和5.6%"
    rf"|(?:[、和及](?:{_AR})){{1,{_LIST_MAX}}}(?P<lrate>%|‰|个百分点))"
    rf"|(?<=年限[^，。；]{{0,14}})(?P<yn>{_AR})(?P<ynu>年)"
    rf"|百分之(?P<pct>{_AR}|{_CN})"
    rf"|(?P<half>一半|减半)|(?P<den>[二三四五六七八九十])分之(?P<num>[一二三四五六七八九])"
    # a fraction of a whole written with a slash: "占全市1/8", "占全市比重超1/4" (Review74)
    r"|(?<=占\p{Han}{0,8}?(?:比重)?(?:超过|超|约|近|达到|达)?)(?P<fnum>[1-9])/(?P<fden>[1-9]\d?)(?![\d/.])"
    rf"|(?P<in>{_AR})(?P<imore>多|余)?(?P<imult>万亿|万|亿)(?P<imore2>多|余)?(?=以上|左右|[，。；、）)和及]|增加|提高|上升|下降|减少|扩大|任务|目标|$)"
    rf"|(?P<cheng>[一二两三四五六七八九]|\d)成(?!不变|员|为|功|本|果|绩|就|立|熟|效|长|交|型|套|片|品|都|年|人)"
    rf"|(?<=超|近|逾|突破|约|超过|将近|稳定在|保持在|维持在|达到)(?P<bare>万亿|亿|万)(?P<bmore>多|余)?(?P<bunit>{_UNIT_RE})"
    rf"|翻(?P<fan>[一两二三四])?(?:了)?(?P<fan2>[一两二三四])?番(?P<fanmore>多)?(?!式)"  # not 翻番式增长 (a manner)
    r")"
)


# Group numbers of CANDIDATE: a match's groups are read by number (by name, each look-up costs ~0.5 µs).
GROUP: dict[str, int] = dict(CANDIDATE.groupindex)
_NUMBER_GROUPS = tuple(GROUP[name] for name in ("n1", "n2", "p1", "mult", "unit", "per", "more", "more2"))


# Runs of digits no numeral has (25 Arabic, 13 Chinese): masked before scanning, so that a
# 5,000-digit number or a page of "一二三" costs one pass instead of a match attempt per character.
_NOT_A_NUMERAL = regex.compile(rf"\d{{25,}}|[{CN_DIGITS}]{{13,}}")


def mask_runs(text: str) -> str:
    """`text` with runs of digits too long to be a numeral replaced by NUL characters (same length)."""
    if not _NOT_A_NUMERAL.search(text):
        return text
    return _NOT_A_NUMERAL.sub(lambda m: "\0" * len(m.group()), text)


# The unit a bare 万/亿 count takes from the words before it ("用户3.4亿" → 户).
IMPLIED_UNITS: tuple[tuple[regex.Pattern[str], str], ...] = (
    (regex.compile(r"人次"), "人次"),
    (regex.compile(r"人口|人数|人员|群众|学生|居民|职工|劳动力|毕业生|游客|农民|贫困人|就业|人才|老年人|残疾人|儿童|员额|对象"), "人"),
    (regex.compile(r"用户|户数|农户|工商户|市场主体|经营主体"), "户"),
)


# A bare 亿 after a money indicator is yuan ("全县完成生产总值56.7亿"): no count of people or households is that large
# an amount of these things.
IMPLIED_MONEY = regex.compile(
    r"(?:生产总值|GDP|经济总量|增加值|产值|总产|收入|投资|零售总额|销售额|销售收入|营业收入|营业额|进出口(?:总)?额|出口额|进口额|"
    r"存款|贷款|余额|税收|利润|支出|融资|成交额|交易额|消费额)[^，。；：\n]{0,4}$"
)


@dataclass(slots=True)
class Number:
    """One number with its unit, as written: value after multipliers, `value_max` for ranges."""

    start: int
    end: int
    value: float
    value_max: float | None
    unit: str
    more: bool  # 多 / 余: "more than"
    chinese: bool  # written in Chinese numerals


@lru_cache(maxsize=4096)
def parse_numeral(text: str) -> float | None:
    """Value of an Arabic or Chinese numeral ("1,234.5", "三千", "两", "千", "2万5千"); None if not one."""
    if not text:
        return None
    if text[0].isdigit():
        try:
            return float(text.replace(",", ""))
        except ValueError:
            pass  # digits with 万/亿 inside ("2万5千", "1亿3千万"): cn2an reads them whole
    elif text[0] in "百千":
        text = "一" + text
    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, TypeError, IndexError):
        return None


def _fan(m: regex.Match[str]) -> float:
    word = m.group(GROUP["fan"]) or m.group(GROUP["fan2"]) or "一"
    return float(2 ** {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4}[word])


def _special(m: regex.Match[str]) -> Number | None:
    """The less common shapes: 百分之N, implied units, fractions, 成, 翻番 …"""
    if m.group(GROUP["yn"]) is not None:  # "平均受教育年限提高到10.5年"
        years = parse_numeral(m.group(GROUP["yn"]))
        return None if years is None else Number(m.start(), m.end(), years, None, "年", False, False)
    if m.group(GROUP["skip"]) is not None:
        return None
    if m.group(GROUP["mx"]) is not None:  # "2万5千公里" → 25000 公里 (the numeral whole, not its last part)
        value = parse_numeral(m.group(GROUP["mx"]).replace("多", "").replace("余", ""))
        unit = m.group(GROUP["mxunit"]) or ""
        if value is None or unit in ("%", "个百分点", "个多百分点", "百分点"):
            return None
        more = bool(m.group(GROUP["mxm1"]) or m.group(GROUP["mxm2"]))
        return Number(m.start(), m.end(), _clean(value), None, UNIT_ALIASES.get(unit, unit), more, False)
    if m.group(GROUP["pct"]) is not None:
        value = parse_numeral(m.group(GROUP["pct"]))
        if value is None:
            return None
        return Number(m.start(), m.end(), value, None, "%", False, not m.group(GROUP["pct"])[0].isdigit())
    if m.group(GROUP["pn"]) is not None:
        base = parse_numeral(m.group(GROUP["pn"]))
        if base is None:
            return None
        more = bool(m.group(GROUP["pmore"]) or m.group(GROUP["pmore2"]))
        return Number(m.start(), m.end(), _clean(base * MULTIPLIERS[m.group(GROUP["pmult"])]), None, "人", more, False)
    if m.group(GROUP["ln"]) is not None:  # "分别提高15、22个百分点", "分别下降0.5和0.7个百分点": 15 takes the unit of 22
        base = parse_numeral(m.group(GROUP["ln"]))
        if base is None:
            return None
        unit = m.group(GROUP["lunit"]) or m.group(GROUP["lrate"])
        if unit == "方" and not m.group(GROUP["lmult"]):
            return None
        unit = "百分点" if unit == "个百分点" else UNIT_ALIASES.get(unit, unit)
        factor = 1.0 if unit in ("%", "百分点") else MULTIPLIERS.get(m.group(GROUP["lmult"]) or "", 1.0)
        return Number(m.start(), m.end(), _clean(base * factor), None, unit, False, False)
    if m.group(GROUP["half"]) is not None:  # 减少一半 → 50 %
        return Number(m.start(), m.end(), 50.0, None, "%", False, True)
    if m.group(GROUP["den"]) is not None:  # 三分之一 → 33.333333 %
        den, num = parse_numeral(m.group(GROUP["den"])), parse_numeral(m.group(GROUP["num"]))
        if not den or num is None or num >= den:
            return None
        return Number(m.start(), m.end(), round(num / den * 100, 6), None, "%", False, True)
    if m.group(GROUP["fden"]) is not None:  # 占全市1/8 → 12.5 %
        fnum, fden = int(m.group(GROUP["fnum"])), int(m.group(GROUP["fden"]))
        if fnum >= fden:
            return None
        return Number(m.start(), m.end(), round(fnum / fden * 100, 6), None, "%", False, True)
    if m.group(GROUP["in"]) is not None:  # "贫困人口减少1240万": the unit is left to the indicator (see IMPLIED)
        base = parse_numeral(m.group(GROUP["in"]))
        if base is None:
            return None
        more = bool(m.group(GROUP["imore"]) or m.group(GROUP["imore2"]))
        return Number(m.start(), m.end(), _clean(base * MULTIPLIERS[m.group(GROUP["imult"])]), None, "", more, False)
    if m.group(GROUP["cheng"]) is not None:  # 近八成 → 80 %
        tenths = parse_numeral(m.group(GROUP["cheng"]))
        if tenths is None:
            return None
        return Number(m.start(), m.end(), tenths * 10, None, "%", False, True)
    if m.group(GROUP["bare"]) is not None:  # 超万亿元 → more than 1e12 元
        unit = m.group(GROUP["bunit"])
        if unit in ("%", "个百分点", "百分点"):
            return None
        return Number(m.start(), m.end(), MULTIPLIERS[m.group(GROUP["bare"])], None, unit, bool(m.group(GROUP["bmore"])), False)
    if m.group(0).startswith("翻"):
        return Number(m.start(), m.end(), _fan(m), None, "倍", bool(m.group(GROUP["fanmore"])), True)
    return None

def to_number(m: regex.Match[str]) -> Number | None:
    """Convert one CANDIDATE match into a Number (None when the numeral does not parse)."""
    n1, n2, p1, mult, unit, per, more1, more2 = m.group(*_NUMBER_GROUPS)
    if n1 is None:
        return _special(m)
    value = parse_numeral(n1)
    if value is None:
        return None
    value_max = parse_numeral(n2) if n2 else None
    if n2 and value_max is None:
        return None
    if p1 and unit != "%":
        return None
    if unit == "方" and not mult:
        return None  # "三方", "各方": parties; a volume is written with 万 or 亿 ("350亿方")
    factor = MULTIPLIERS.get(mult or "", 1.0)
    unit = UNIT_ALIASES.get(unit, unit) + (per or "")
    if unit == "万千瓦":
        unit, factor = "千瓦", factor * 1e4
    roughly_more = unit == "个多百分点"
    if unit in ("个百分点", "个多百分点"):
        unit = "百分点"
    if unit in ("%", "百分点", "千分点"):
        factor = 1.0 if not mult else factor
    more = bool(more1 or more2) or roughly_more or (mult or "") in ("万多亿", "万余亿")
    start, end = m.span()
    if factor == 1.0 and value_max is None and len(n1) <= 12:
        # A numeral of at most 12 digits read by float() is what rounding it to 12 digits gives back
        # (_clean's work is for products): "8.5" stays 8.5.
        return Number(start, end, value, None, unit, more, not n1[0].isdigit())
    value *= factor
    if value_max is not None:
        value_max *= factor
    return Number(start, end, _clean(value), _clean(value_max), unit, more, not n1[0].isdigit())


@overload
def _clean(value: float) -> float: ...
@overload
def _clean(value: None) -> None: ...
def _clean(value: float | None) -> float | None:
    """Round away float noise from multiplying decimals (8.558e9 not 8.558000000000001e9)."""
    if value is None:
        return None
    if type(value) is float and value.is_integer() and 0 < abs(value) < 1e12:
        return value  # a whole number of at most 12 digits: already what rounding would give
    rounded = float(f"{value:.12g}")  # 12 significant digits: 2.18e12, not 2180000000000.0002
    return float(int(rounded)) if rounded.is_integer() else rounded
