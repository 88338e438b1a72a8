"""Numbers and verdicts in the words an execution report uses (pure: values in, Chinese text out).

"地区生产总值增长9.2%，高于年度目标0.7个百分点，完成年度目标"; amounts as printed
(亿元 with up to two decimals, 万人), rate differences in 个百分点.
"""

from __future__ import annotations

import re
from dataclasses import replace

from planwatch.evaluate.facts import AssessmentRow
from planwatch.monitor.display import entry_source, period_name
from planwatch.monitor.phrases import number, quantity
from planwatch.monitor.phrases import phrase as monitor_phrase
from planwatch.monitor.rules import is_fall
from planwatch.monitor.vocabulary import VERDICT_ZH
from planwatch.store.units import PERIOD_FRACTION

COUNTED = frozenset("人个家件所名套户辆座条项台宗间张床次")
STATUS_ZH = VERDICT_ZH  # the status column's words: the one vocabulary the pages and the workbook use too


def _is_rate(row: AssessmentRow) -> bool:
    """Growth, share and points targets are compared in 个百分点."""
    return row.measure in ("growth", "share", "points") or row.unit in ("%", "％")


def _value_text(row: AssessmentRow, value: float) -> str:
    """A value in the row's measure: 增长8.5% / 下降3% / 下降0.4个百分点 / 2.5% / 700亿元."""
    if row.measure == "growth":
        return f"增长{quantity(value, '%')}" if value >= 0 else f"下降{quantity(-value, '%')}"
    if row.measure == "points" and value < 0:  # a fall in points, as the pages write it (rules.is_fall)
        return f"下降{quantity(-value, row.unit)}"
    return quantity(value, row.unit)


def target_text(row: AssessmentRow) -> str:
    """The target as the plan states it: 增长8.5%以上, 3%以内, 7.5%左右, 5%—6%."""
    if row.value is None:
        return "（定性目标）"
    base = _value_text(row, row.value)
    if row.comparator == "between" and row.value_max is not None and is_fall(row.measure, row.value, row.value_max):
        return f"下降{number(-row.value_max)}—{quantity(-row.value, row.unit)}"  # from the smaller fall: 下降2—3%
    if row.comparator == "between" and row.value_max is not None:
        return f"{base}—{quantity(row.value_max, '%' if _is_rate(row) else row.unit)}"
    declining = row.measure == "growth" and row.value < 0
    suffix = {">=": "以上", ">": "以上", "<=": "以内", "<": "以内", "≈": "左右"}.get(row.comparator, "")
    if declining and suffix in ("以上", "以内"):
        suffix = "以上" if row.comparator in (">=", ">") else "以内"
    return base + suffix


def target_noun(row: AssessmentRow) -> str:
    """预期目标 for a soft target, 约束性目标 for a binding one, else 年度目标 (目标 for a multi-year one)."""
    if row.strength == "soft":
        return "预期目标"
    if row.strength == "hard":
        return "约束性目标"
    if row.year is not None and row.plan_year is not None and row.year > row.plan_year:
        return "规划目标"
    return "年度目标"


def difference(row: AssessmentRow) -> str:
    """How far the actual is from the target: 高于年度目标0.7个百分点 / 低于预期目标1.5个百分点 / 与年度目标持平; an
    amount in the magnitude of the target and actual beside it (高于年度目标9万公里, `_beside`)."""
    if row.actual is None or row.value is None:
        return ""
    reference = row.value
    if row.comparator == "between" and row.value_max is not None and row.actual > row.value_max:
        reference = row.value_max
    noun = target_noun(row)
    declining = row.measure == "growth" and reference < 0 and row.actual < 0
    gap = abs(row.actual) - abs(reference) if declining else row.actual - reference
    if abs(gap) < 0.005 * (1 if _is_rate(row) else max(abs(reference), 1)):
        return f"与{noun}持平"
    amount = f"{number(abs(gap))}个百分点" if _is_rate(row) else quantity(abs(gap), row.unit, _beside(row))
    if row.two_sided and row.status not in ("met", "on track"):
        # judged two-sided (no direction is better): off the value either way is the miss, never "高于目标…未完成"
        return f"偏离{noun}{amount}"
    if declining:
        return f"降幅{'高' if gap > 0 else '低'}于{noun}{amount}"
    if gap > 0 and plan_verb(row):
        return f"超过{noun}{amount}"  # 淘汰落后产能企业213家，超过年度目标13家
    return f"{'高' if gap > 0 else '低'}于{noun}{amount}"


# Verbs a plan states a count or an amount to deliver with ("新增公办学位1.4万个", "淘汰落后产能企业200家", "力争引进3个
# 院士团队"): the report says the actual with the same verb.
_ACTION = ("新改扩建", "改扩建", "新开工", "新增", "新建", "建成", "引进", "培育", "淘汰", "释放", "完成", "开工", "竣工", "改造",
           "筹集", "创建", "整治", "处置", "建立", "设立", "举办", "培训", "吸引", "招引", "推出", "发放", "开通", "新开", "种植",
           "安置", "转移", "培养", "认定", "投产", "扩建", "供应", "提供", "打造", "实施", "解决", "帮扶", "落地", "签约")
_ACTION_RE = "|".join(_ACTION)
_QUOTE_VERB = re.compile(rf"^(?P<verb>{_ACTION_RE})")
_BEFORE_VERB = re.compile(rf"(?P<verb>(?:{_ACTION_RE})(?:(?:和|及|并)(?:{_ACTION_RE}))?)$")
_CLAUSE_MARK = re.compile(r"[，。；：、,;:！？\n()（）“”]")
_ADVERB = re.compile(r"[\u4e00-\u9fff]{0,4}")  # 力争, 确保, 全年, 尽快 … before the verb


def plan_verb(row: AssessmentRow) -> str:
    """The verb the plan delivers a count or amount with, when its words give one: at the head of the target's quote
    ("淘汰落后产能企业200家" → 淘汰) or just before it in its clause ("，新增" before "公办学位1.4万个以上" → 新增; "力争引进"
    before "3个院士团队" → 引进); "" for anything else (a rate, a bound to stay under, a verb already in the name), so the
    sentence then says "为…"."""
    if row.measure != "level" or row.value is None or row.comparator in ("<=", "<") or row.polarity == "lower":
        return ""
    quote = "".join(row.target_quote.split())
    name = row.indicator
    if (m := _QUOTE_VERB.match(quote)) is not None:
        verb = m.group("verb")
        obj = name.removesuffix(verb) if name.endswith(verb) and len(name) > len(verb) + 1 else name
        return verb if quote[m.end():].startswith(obj) and verb not in obj else ""
    words = "".join(row.plan_words.split())
    clause = _CLAUSE_MARK.split(words)[-1] if words else ""
    m = _BEFORE_VERB.search(clause)
    if m is None or not _ADVERB.fullmatch(clause[:m.start()]) or any(v in name for v in _ACTION if v in m.group("verb")):
        return ""
    return m.group("verb")


def _delivered(row: AssessmentRow, verb: str) -> str:
    """The actual said with the plan's verb: 新增公办学位1.5万个, 淘汰落后产能企业213家 (预计新增… for an estimate)."""
    name = row.indicator.removesuffix(verb) if row.indicator.endswith(verb) else row.indicator
    said = f"{verb}{name}{_value_text(row, row.actual or 0.0)}"
    return f"预计{said}" if row.estimate else said


def tolerance_text(row: AssessmentRow) -> str:
    """The tolerance that decided a verdict, said: 在0.5个百分点容差内 for a rate, 在目标值±2%容差内 for a level; ""
    when the verdict holds without it (`AssessmentRow.tolerance`)."""
    if row.tolerance is None or row.status not in ("met", "on track"):
        return ""
    if _is_rate(row):
        return f"在{number(row.tolerance)}个百分点容差内"
    if row.value:
        return f"在目标值±{number(100 * row.tolerance / abs(row.value))}%容差内"
    return f"在{quantity(row.tolerance, row.unit, _beside(row))}容差内"


def verdict(row: AssessmentRow) -> str:
    """The status column's word (`VERDICT_ZH`) in a sentence: 完成年度目标 / 未完成年度目标 (the target's noun after
    it), 进度正常 / 进度滞后 / 暂无数据 as they are; a conflict and an absent target say why."""
    noun = target_noun(row)
    word = VERDICT_ZH.get(row.status, row.status)
    return {
        "met": f"{word}{noun}",
        "missed": f"{word}{noun}",
        "conflict": "各来源实际值不一致，有待核实",  # 数据不一致, said in full
        "absent": f"本年度{word}（上年计划设有）",
    }.get(row.status, word)


def is_gap(row: AssessmentRow) -> bool:
    """Whether the target is a difference from another figure ("预期目标比去年多100万人"), which is not judged."""
    return getattr(row.basis, "key", None) == "gap_not_judged" or str(row.basis) == str(monitor_phrase("gap_not_judged"))


def phrase(row: AssessmentRow) -> str:
    """The sentence of the headline paragraph for one target."""
    if row.status in ("absent", "conflict"):
        return f"{row.indicator}：{verdict(row)}"
    if is_gap(row) and row.value is not None:  # not "预期目标为100万人": the target is 100万人 more than another figure
        more = "多" if row.value >= 0 else "少"
        return f"{row.indicator}：{target_noun(row)}比相应基数{more}{quantity(abs(row.value), row.unit)}（差额，不作评判）"
    if row.actual is None or row.status == "no data":
        return f"{row.indicator}：{target_noun(row)}为{target_text(row)}，暂无数据"
    # a part of the year has its period first (上半年增长9%), so it never reads as the year's result; an estimate has
    # 预计 first (预计增长6.2%, 预计为185.6亿元) and the sentence ends on （预计数）
    actual = actual_text(row) if row.measure == "growth" or row.actual_period else f"为{actual_text(row)}"
    if row.estimate and actual.startswith("为预计"):
        actual = "预计为" + actual.removeprefix("为预计")
    subject = row.indicator
    if (verb := plan_verb(row)) and not row.actual_period and row.progress is None:
        subject, actual = _delivered(row, verb), ""  # the plan's own verb: 新增公办学位1.5万个, not 公办学位为1.5万个
    gap, judged = difference(row), verdict(row)
    if row.progress is not None and row.actual_span and not row.actual_period:
        # progress towards a later (five-year) target: the period the actual covers and the target's, said, so
        # 2665万人 (2016–2017 累计) never reads as a failure against 5000万人 (2016–2020)
        actual = span_text(row.actual_span) + actual
        gap = _progress_text(row) or gap
    if (tolerance := tolerance_text(row)) and gap:  # the tolerance decided it: say so, not "低于…，完成"
        gap = f"略{gap}（{tolerance}）"
        judged = f"视为{judged}" if row.status == "met" else judged
    parts = [f"{subject}{actual}", gap, judged]
    return "，".join(p for p in parts if p) + ("（预计数）" if row.estimate else "")


def _progress_text(row: AssessmentRow) -> str:
    """How far a level actual has come towards a later target: 完成2016–2020年期间累计目标（5000万人）的53% for a total,
    距2020年目标（90万亿元）尚差7.3万亿元 for a level; "" for a rate (its difference says it, with the period before)."""
    if row.value is None or row.actual is None or _is_rate(row) or row.measure != "level" or not row.value:
        return ""
    target = f"{span_text(row.span) if row.span else f'{row.year}年'}{target_noun(row)}（{target_text(row)}）"
    if (row.span or "").startswith("total") and row.actual >= 0:
        return f"完成{target}的{number(round(100 * row.actual / row.value))}%"
    gap = row.value - row.actual
    if gap > 0:
        return f"距{target}尚差{quantity(gap, row.unit, _beside(row))}"
    return f"已达到{target}"


def margin_text(row: AssessmentRow) -> str:
    """The margin column: +0.7个百分点 / -1.5个百分点 / +20亿元; empty without a margin, and for a verdict on progress
    towards a later target, whose margin is a ratio to the pace needed, not an amount (it read +0.000033万人)."""
    if row.margin is None or row.progress is not None:
        return ""
    sign = "+" if row.margin >= 0 else "-"
    if _is_rate(row):
        return f"{sign}{number(abs(row.margin))}个百分点"
    return f"{sign}{quantity(abs(row.margin), row.unit, _beside(row))}"


def _beside(row: AssessmentRow) -> float:
    """The magnitude of the values a gap or margin sits beside (the target and the actual): the gap is written in it
    (高于年度目标9万公里 beside 20万公里 and 29万公里, not 90000公里; `quantity`'s `like`)."""
    return max(abs(row.value or 0.0), abs(row.value_max or 0.0), abs(row.actual or 0.0))


SPAN_ZH = {"average": "年均", "total": "期间累计", "part": "年内部分时期"}  # as the pages label spans (labels.LABELS)


def span_text(span: str) -> str:
    """A period as the facts print it (2020, total 2016–2020, average 2016–2020) in the report's words:
    2020年, 2016–2020年期间累计, 2016–2020年年均; never the span's code."""
    code, _space, years = span.partition(" ")
    if code == "part" and years:  # part 2019 H1 → 2019年上半年
        year, _space, period = years.partition(" ")
        return f"{year}年{period_name(period)}"
    if code not in SPAN_ZH:
        return f"{span}年" if span else ""
    return f"{years}年{SPAN_ZH[code]}" if years else SPAN_ZH[code]


# The codes the store keeps, in the words the Chinese pages use for them (the zh catalogue's translations of
# `web.labels.LABELS`, `web.labels.PERIOD_LABELS`): the report and the workbook are Chinese documents and print no code.
MEASURE_ZH = {"level": "总量", "growth": "增速", "share": "比重", "points": "百分点", "ratio": "比例"}
DOMAIN_ZH = {"agriculture": "农业", "consumption": "消费", "economy": "经济总量", "employment": "就业", "energy": "能源",
             "environment": "生态环境", "fiscal": "财政", "income": "收入", "industry": "工业", "innovation": "创新",
             "investment": "投资", "population": "人口", "poverty": "扶贫", "prices": "价格", "social": "社会民生",
             "trade": "外贸"}
SOURCE_ZH = {"document": "文件", **{s: entry_source(s) for s in ("import", "manual")}}  # an actual's source, as the report's notes say
PERIOD_ZH = {"": "全年", **{code: period_name(code) for code in ("Q1", "H1", "Q2", "Q3", *(f"M{m:02d}" for m in range(1, 12)))}}


def code_zh(words: dict[str, str], code: str | None) -> str:
    """A stored code in its Chinese word (`MEASURE_ZH`, `DOMAIN_ZH` …); an unknown one as given, none as ""."""
    return words.get(code or "", code or "")


def actual_text(row: AssessmentRow) -> str:
    """The actual as printed in the table, or 暂无数据; an estimate with 预计 (预计增长6.2%); a part of the year with its
    period (上半年增长9%), a level of it
    as reported, beside the year it points to (上半年60家，按进度折合全年120家: monitoring judges the pro-rated value)."""
    if row.actual is None:
        return "暂无数据"
    if row.estimate:  # a year-end estimate: 预计增长6.2%, 预计185.6亿元
        return "预计" + actual_text(replace(row, estimate=False))
    if not row.actual_period:
        return _value_text(row, row.actual)
    period = period_name(row.actual_period)
    fraction = PERIOD_FRACTION.get(row.actual_period)
    if row.measure == "level" and fraction:
        return f"{period}{_value_text(row, row.actual * fraction)}（按进度折合全年{_value_text(row, row.actual)}）"
    return f"{period}{_value_text(row, row.actual)}"


__all__ = ["DOMAIN_ZH", "MEASURE_ZH", "PERIOD_ZH", "SOURCE_ZH", "SPAN_ZH", "STATUS_ZH", "actual_text", "code_zh",
           "difference", "margin_text", "number", "phrase", "plan_verb", "quantity",
           "span_text", "target_noun", "target_text", "tolerance_text", "verdict"]
