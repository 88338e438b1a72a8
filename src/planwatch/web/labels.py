"""Display labels for the codes stored in the database (status, kind, measure, role …).

Each label is an English message id marked with `N_` so Babel extracts it; the
template filter ``label`` translates it into the request's language.
"""

from __future__ import annotations

from typing import Any

from planwatch.monitor.phrases import LIKE, english_quantity, magnitude, quantity, scaled_number
from planwatch.monitor.vocabulary import COMPARATOR_SYMBOLS, comparator_symbol, verdict_zh
from planwatch.monitor.vocabulary import VERDICT_ZH as _VERDICTS
from planwatch.web import i18n
from planwatch.web.i18n import gettext


def N_(message: str) -> str:
    """Mark `message` for extraction without translating it yet."""
    return message


LABELS: dict[str, dict[str, str]] = {
    "status": {
        "met": N_("met"), "missed": N_("missed"), "on_track": N_("on track"), "at_risk": N_("at risk"),
        "no_data": N_("no data"), "absent": N_("explicitly absent"), "achieved": N_("achieved"),
        "substantial": N_("substantial progress"), "moderate": N_("moderate progress"),
        "limited": N_("limited progress"), "deterioration": N_("deterioration"), "": N_("no data"),
        "conflict": N_("sources disagree"), "on track": N_("on track"), "at risk": N_("at risk"),
        "no data": N_("no data"),
    },
    "span": {"year": N_("one year"), "average": N_("yearly average"), "total": N_("total over the period"),
             "part": N_("part of the year")},
    "kind": {"result": N_("result"), "target": N_("target")},
    "measure": {"level": N_("level"), "growth": N_("growth"), "share": N_("share"),
                "points": N_("points"), "ratio": N_("ratio")},
    "polarity": {"higher": N_("higher is better"), "lower": N_("lower is better"), "neutral": N_("neutral")},
    "role": {"admin": N_("admin"), "office": N_("planning office"), "editor": N_("editor"), "viewer": N_("viewer")},
    "source": {"document": N_("from a document"), "import": N_("imported"), "manual": N_("entered by hand")},
    "task_status": {"未启动": N_("not started"), "推进中": N_("in progress"), "已完成": N_("done"),
                    "滞后": N_("behind schedule"), "取消": N_("cancelled")},
    "plan_kind": {"plan": N_("annual plan"), "five_year": N_("five-year plan"),
                  "annual_plan": N_("annual plan"), "work_report": N_("government work report"),
                  "five_year_plan": N_("five-year plan"), "other": N_("other document")},
    "domain": {
        "agriculture": N_("agriculture"), "consumption": N_("consumption"), "economy": N_("economy"),
        "employment": N_("employment"), "energy": N_("energy"), "environment": N_("environment"),
        "fiscal": N_("public finance"), "income": N_("income"), "industry": N_("industry"),
        "innovation": N_("innovation"), "investment": N_("investment"), "population": N_("population"),
        "poverty": N_("poverty"), "prices": N_("prices"), "social": N_("social services"),
        "trade": N_("trade"),
    },
    "level": {"national": N_("national"), "province": N_("province"), "city": N_("city"),
              "district": N_("district"), "county": N_("county")},
}

def _plain(value: Any) -> Any:
    """An integral float as an int (5000, not 5000.0); anything else as given."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def number(value: Any) -> str:
    """A bare number as the interface's language writes it: in Chinese as the report does (1314, 4.02: no
    thousands separator, at most two decimals, `phrases.scaled_number`); in English with thousands separators
    ('1,234.5'); never 1.1e+07."""
    if value is None or value == "":
        return "—"
    value = _plain(value)
    if i18n.current_language() == "zh" and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value) if isinstance(value, int) else scaled_number(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:,.4f}".rstrip("0").rstrip(".")


def amount(value: Any, unit: str = "", like: float | None = None) -> str:
    """A value with its unit, written by the one function of each language every surface shares: in Chinese the
    report's (`phrases.quantity`: 6.7%, 1.2万个, 700亿元, 1.6个百分点), in English the English sentences'
    (`phrases.english_quantity`: 6.7%, 12,000 个, 1.6 percentage points: the unit as stored, thousands separated).

    `like`: another value the amount sits beside (a verdict's gap beside its target and actual): the amount is
    written in the magnitude `like` is written in (9万公里 beside 20万公里, not 90000公里)."""
    if value is None or value == "":
        return "—"
    unit = unit or ""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return f"{value} {unit}".rstrip()
    if i18n.current_language() == "zh":
        return quantity(value, unit, like)
    return english_quantity(value, unit, like)


def amount_range(low: float, high: float, unit: str = "") -> str:
    """A range of two values: in Chinese as the report's 目标 column writes it, each bound a quantity (6.5%—7%,
    50亿元—70亿元); in English the unit once (6.5–7%, 5,000–6,000 个)."""
    if i18n.current_language() == "zh":
        return f"{quantity(low, unit)}—{quantity(high, unit)}"
    return f"{number(low)}–{english_quantity(high, unit)}"


def fall_size(value: float, value_max: float | None, unit: str = "") -> str:
    """The size of a fall (a negative growth or points target, `rules.is_fall`); a range of falls from the smaller:
    3%, 2—3% (Chinese, as the report's 目标 column), 2–3% (English)."""
    if value_max is None:
        return amount(-value, unit)
    small, large = sorted((-value, -value_max))  # stored either way round (减少8%至10%: −8, −10): 8—10%, never 10—8%
    if i18n.current_language() == "zh":
        return f"{number(small)}—{quantity(large, unit)}"
    return f"{number(small)}–{english_quantity(large, unit)}"


def _field(record: Any, name: str) -> Any:
    return record.get(name) if isinstance(record, dict) else getattr(record, name, None)


def _in_words(record: Any) -> bool:
    """Whether a record's value is a fall written in words (`target_value`: 下降3.4%以上): a negative growth or points."""
    value, value_max = _field(record, "value"), _field(record, "value_max")
    return (isinstance(value, int | float) and value < 0 and _field(record, "measure") in ("growth", "points")
            and (value_max is None or value_max <= 0))


def target_value(record: Any) -> str:
    """A record's value as every page writes it (the `value` macro, the plan reader's panel): comparator and amount
    (≥8.5%, ≥1100万人), a range (6.5%—7%), a fall as an official writes it (下降3.4%以上, never ≥-3.4%), a difference
    from another figure as one (比全国高0.4个百分点, never 0.4个百分点 as if the indicator's own value)."""
    from planwatch.monitor.display import gap_words

    value, value_max = _field(record, "value"), _field(record, "value_max")
    comparator, unit = _field(record, "comparator"), str(_field(record, "unit") or "")
    if value is None:
        return "—"
    if _field(record, "aspect") == "gap" and value_max is None:
        return gap_words(value, amount(abs(value), unit), _field(record, "measure"), _field(record, "quote"),
                         i18n.current_language())
    if _in_words(record):
        return in_words("=" if comparator == "between" else comparator, fall_size(value, value_max, unit), True)
    symbol = comparator_symbol(comparator) if comparator not in ("=", "between") else ""
    if value_max is not None:
        return symbol + amount_range(value, value_max, unit)
    return symbol + amount(value, unit)


def actual_value(actual: Any, record: Any = None) -> str:
    """An actual's value as the pages write it (the `actual` macro): its amount, or — beside a target written in words
    (`target_value`: 下降3.4%以上) — in words too: 下降5% (上升2% for a rise), never -5% beside 下降3.4%以上."""
    if not actual:
        return "—"
    value, unit = _field(actual, "value"), str(_field(actual, "unit") or "")
    if record is None or not isinstance(value, int | float) or not _in_words(record):
        text = amount(value, unit)
    elif value < 0:
        text = in_words("=", amount(-value, unit), True)
    else:
        text = gettext(_RISE, v=amount(value, unit))
    return text + gettext(_ESTIMATED) if _field(actual, "estimate") else text  # 6.2%（预计）: a year-end estimate


def record_texts(records: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """What the plan reader's panel writes for each record, by id, worded here as every other page words it (its
    script formats no number): the value (`target_value`) and the latest actual with the period it covers."""
    return {str(r["id"]): {"value_text": target_value(r),
                           "actual_text": actual_value(r["actual"], r) + actual_when(r["actual"]) if r.get("actual") else "—"}
            for r in records}


def chart_scales(lanes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per chart lane (`indicator_series.build`), the divisor of its axis and the unit the axis is named in: in
    Chinese the magnitude its largest value is written in (`phrases.magnitude`, as the tables beside it: 万人 from
    10000 人 up, 亿元), in English the unit as stored (the chart's script formats no magnitude of its own)."""
    scales = []
    for lane in lanes:
        unit = str(lane.get("unit") or "")
        sizes = [abs(p[k]) for g in lane.get("governments", []) for kind in ("targets", "results", "actuals")
                 for p in g.get(kind, []) for k in ("value", "value_max") if isinstance(p.get(k), int | float)]
        divisor, word = magnitude(max(sizes, default=0.0), unit) if i18n.current_language() == "zh" else (1.0, "")
        scales.append({"divisor": divisor, "unit": word + unit})
    return scales


def label(code: object, kind: str) -> str:
    """The translated label of `code` in the table `kind` (the code itself when unknown). A target's verdict in
    Chinese is the one vocabulary's word (`monitor.vocabulary.VERDICT_ZH`), as the report and the workbook write it."""
    if kind == "status" and i18n.current_language() == "zh" and str(code or "no data").replace("_", " ") in _VERDICTS:
        return verdict_zh(code)
    text = LABELS.get(kind, {}).get(str(code if code is not None else ""))
    return gettext(text) if text else str(code if code is not None else "")


def assessment_statuses() -> list[str]:
    """The statuses /assessments filters by, as its ?status= takes them (met, missed, on_track …)."""
    from planwatch.monitor.attainment import STATUSES

    return [s.replace(" ", "_") for s in STATUSES]


def label_tables() -> dict[str, dict[str, str]]:
    """Every label table translated into the current language (for scripts)."""
    tables = {kind: {code: label(code, kind) for code in table} for kind, table in LABELS.items()}
    tables["comparator"] = dict(COMPARATOR_SYMBOLS)
    tables["fall"] = {code: gettext(text) for code, text in _FALLS.items()}  # 下降%(v)s以上 …
    return tables


PERIOD_LABELS: dict[str, str] = {
    "": N_("full year"), "Q1": N_("first quarter"), "H1": N_("first half"), "Q2": N_("first half"),
    "Q3": N_("first three quarters"),
    **{f"M{m:02d}": N_("months 1–%(month)s") for m in range(2, 12)}, "M01": N_("January"),
}
MONTHS_ZH = "一二三四五六七八九十"


def period_label(period: str) -> str:
    """'' → 全年, Q1 → 一季度, H1 → 上半年, Q3 → 前三季度, M05 → 1—5月 (in the interface language)."""
    text = PERIOD_LABELS.get(period)
    if text is None:
        return period
    if period.startswith("M") and period != "M01":
        month = int(period[1:])
        return gettext(text, month=month)
    return gettext(text)


def actual_when(actual: dict[str, Any] | Any) -> str:
    """The period an actual covers, after its value (template filter ``actual_when``): in Chinese "（2019年上半年）",
    "（2019年）", a total of several years "（2011–2015年累计）", their average "（2016–2020年均）"
    (`monitor.display.actual_period`); in English " (2019, first half)", " (total 2011–2015)". It read "9% (2019H1)":
    the period's code; and "6400万人（2015年）" for the total of 2011–2015."""
    from planwatch.monitor.display import actual_period

    get = actual.get if isinstance(actual, dict) else lambda key: getattr(actual, key, None)
    year, period = get("year"), str(get("period") or "")
    span = str(get("span") or "year")
    first = get("first_year") or get("period_start")
    if first and span not in ("average", "total", "part"):  # the years a sum adds up (2016–2017): a total
        span = "total"
    text = actual_period(year, period, span, first, i18n.current_language())
    if not text:
        return ""
    return f"（{text}）" if i18n.current_language() == "zh" else f" ({text})"


def _judged(rec: dict[str, Any]) -> tuple[Any, Any]:
    """A record's span and first year as it is judged (`judged_span`, from `status.attach`), else as stored."""
    if rec.get("judged_span"):
        return rec["judged_span"], rec.get("judged_period_start")
    return rec.get("span"), rec.get("period_start")


def span_years(rec: object) -> str:
    """The years a record's value covers (template filter ``span_years``): its year, or — a yearly average or a
    total over several years — the years with the span said, 2026–2030年均 / 2016–2020年累计 (average 2026–2030 in
    English), never the last year alone (`monitor.display.span_period`). A target shows the span it is judged on
    (`judged_span`, from `status.attach`): 降低16% of a five-year plan reads 2011–2015年累计, not 2015."""
    from planwatch.monitor.display import span_period

    if not isinstance(rec, dict):
        return ""
    year = rec.get("year")
    span, start = _judged(rec)
    return span_period(str(span or "year"), start, year if isinstance(year, int) else None, i18n.current_language())


def period_words(rec: object) -> str:
    """The period a record's value covers, as the downloads' 期间 column says it (template filter ``period_words``):
    全年, 年均 2021–2025, 累计 2011–2015 (a target: the span it is judged on), 上半年 (`monitor.display.value_period`)."""
    from planwatch.monitor.display import value_period

    if not isinstance(rec, dict):
        return ""
    span, start = _judged(rec)
    year = rec.get("year") if isinstance(rec.get("year"), int) else rec.get("plan_year")
    return value_period(str(span or "year"), start, year, rec.get("period"), i18n.current_language())


def aspect_words(rec: object) -> str:
    """What a record's amount is, in words (template filter ``aspect``): 新增 for an addition (新建改造农村公路23万公里: the
    quote may start after its verb), 总量 for a stock, 差额 for a difference from another figure; "" when unknown
    (`monitor.display.aspect_word`)."""
    from planwatch.monitor.display import aspect_word

    return aspect_word(_field(rec, "aspect"), i18n.current_language()) if rec is not None else ""


def entry_evidence(evidence: object) -> str:
    """The evidence of an actual entered by hand or imported (template filter ``entry``), in the interface language:
    "手工录入（区统计局上半年快报），2026-12-06，录入人 fgj" (`monitor.display.cite_entry`); "" for a document's
    actual, or none."""
    from planwatch.monitor.display import cite_entry

    if not isinstance(evidence, dict):
        return ""
    return cite_entry(evidence.get("source"), evidence.get("note"), evidence.get("who"), evidence.get("at"),
                      i18n.current_language())


def plan_label(plan: dict[str, object]) -> str:
    """A plan as every page names it (template filter ``plan_label``): government, year and title, enough to tell
    it from the others ("国务院 2018年政府工作报告"; `monitor.display.plan_name`)."""
    from planwatch.monitor.display import plan_name

    year = plan.get("year")
    return plan_name(str(plan.get("government") or ""), year if isinstance(year, int) else None,
                     str(plan.get("title") or ""), str(plan.get("kind") or ""))


_RISE = N_("up %(v)s")  # an actual that rose, beside a target of a fall (上升2% beside 下降3%以上)
_ESTIMATED = N_(" (estimated)")  # after an actual that is a year-end estimate (预计), not a final figure
_FALLS = {
    # comparator on the size of a fall → the words an official writes around it (下降3.4%以上)
    ">=": N_("down %(v)s or more"), ">": N_("down more than %(v)s"), "<=": N_("down at most %(v)s"),
    "<": N_("down less than %(v)s"), "≈": N_("down about %(v)s"), "=": N_("down %(v)s"),
}


# Verdict explanations (`planwatch.monitor.phrases`) by key, in the interface language; a, v, t: actual,
# target value, tolerance.
EXPLANATIONS: dict[str, str] = {
    "rule_floor": N_("a bare number to deliver (建成/新增/开工…) is a floor: met when a ≥ v"),
    "rule_>=": N_("≥: met when a ≥ v"), "rule_>": N_(">: met when a > v"), "rule_<=": N_("≤: met when a ≤ v"),
    "rule_<": N_("<: met when a < v"),
    "rule_≈_higher": N_("≈ (about), higher is better: met when a ≥ v − t"),
    "rule_≈_lower": N_("≈ (about), lower is better: met when a ≤ v + t"),
    "rule_≈_neutral": N_("≈ (about), neutral: met when |a − v| ≤ t"),
    "rule_=_higher": N_("= (a bare number), higher is better: met when a ≥ v − t"),
    "rule_=_lower": N_("= (a bare number), lower is better: met when a ≤ v + t"),
    "rule_=_neutral": N_("= (a bare number), neutral: met when |a − v| ≤ t"),
    "rule_between_higher": N_("range, higher is better: met when a ≥ the lower bound"),
    "rule_between_lower": N_("range, lower is better: met when a ≤ the upper bound"),
    "rule_between_neutral": N_("range, neutral: met when lower bound ≤ a ≤ upper bound"),
    "rule_conflict": N_("sources disagree beyond rounding: not judged"),
    "rule_fall_>=": N_("a fall of at least %(fall)s: met when a ≤ %(bound)s"),
    "rule_fall_>": N_("a fall of more than %(fall)s: met when a < %(bound)s"),
    "rule_fall_<=": N_("a fall of at most %(fall)s: met when a ≥ %(bound)s"),
    "rule_fall_<": N_("a fall of less than %(fall)s: met when a > %(bound)s"),
    "rule_fall_between_higher": N_("a fall of %(fall)s to %(fall_max)s, higher is better: met when the fall ≤ "
                                   "%(fall_max)s, i.e. a ≥ %(lo)s"),
    "rule_fall_between_lower": N_("a fall of %(fall)s to %(fall_max)s, lower is better: met when the fall ≥ "
                                  "%(fall)s, i.e. a ≤ %(hi)s"),
    "rule_fall_between_neutral": N_("a fall of %(fall)s to %(fall_max)s, neutral: met when %(lo)s ≤ a ≤ %(hi)s"),
    "gap_above": N_("%(gap)s above the target"), "gap_below": N_("%(gap)s below the target"),
    "gap_level": N_("at the target"),
    "gap_fell_more": N_("fell %(gap)s more than the target"), "gap_fell_less": N_("fell %(gap)s less than the target"),
    "gap_above_range": N_("%(gap)s above the range"), "gap_below_range": N_("%(gap)s below the range"),
    "gap_within": N_("within the range"),
    "gap_off_above": N_("%(gap)s off the target (above it)"), "gap_off_below": N_("%(gap)s off the target (below it)"),
    "progress_achieved": N_("progress: already at the target"),
    "progress_rate": N_("progress: compound rate so far against the average needed"),
    "progress_growth": N_("progress: compound growth so far against the growth needed"),
    "progress_cumulative": N_("progress: cumulative total so far against the pro-rata share"),
    "progress_real_growth": N_("progress: chained real growth so far against the growth the level needs"),
    "reported": N_("reported %(measure)s for %(year)s"),
    "reported_estimate": N_("estimated %(measure)s for %(year)s (not a final figure)"),
    "estimated_basis": N_("%(basis)s, on estimated figures (not final)"),
    "growth_from_levels": N_("growth computed from levels %(first)s→%(last)s"),
    "period_pro_rated": N_("%(period)s pro-rated to the year"),
    "period_reported": N_("%(measure)s reported for %(period)s"),
    "period_growth_from_levels": N_("%(period)s growth computed from levels"),
    "no_annual_figure": N_("no figure for the year %(year)s: only %(spans)s over several years, "
                           "which never stands in for one year"),
    "reported_span_growth": N_("reported growth (%(span)s) %(first)s–%(last)s"),
    "compound_levels": N_("compound growth of levels %(first)s→%(last)s"),
    "chained_growth": N_("chained yearly growth %(first)s→%(last)s"),
    "so_far_vs_needed": N_("%(so_far)s against %(needed)s%% a year needed"),
    "compound_vs_needed": N_("compound growth %(first)s→%(last)s against the growth needed by %(year)s"),
    "real_level_vs_needed": N_("the %(first)s level grown by the real rates %(first)s→%(last)s against the growth "
                               "needed by %(year)s"),
    "reported_total": N_("reported total %(first)s–%(last)s"),
    "sum_of_years": N_("sum of the yearly values %(first)s–%(last)s"),
    "cumulative": N_("cumulative %(first)s–%(last)s against %(n)s/%(whole)s of the total"),
    "sources_disagree": N_("sources disagree: %(values)s"),
    "not_judged": N_("not judged"),
    "gap_not_judged": N_("a gap against another figure: not judged"),
    "change_not_level": N_("a change by an amount, linked to the level of its indicator: not judged (store the plan "
                           "again)"),
    "no_year": N_("the target has no year"),
    "absent": N_("targeted by plan %(plan)s for its year, omitted here"),
    # what an evaluation item's score was computed from, and its scoring rule (`planwatch.evaluate.scoring.Detail`)
    "eval_no_target": N_("this plan sets no target for the indicator"),
    "eval_conflict": N_("the sources' actuals disagree; to be checked"),
    "eval_judged": N_("%(status)s: target %(comparator)s%(value)s, actual %(actual)s"),
    "eval_judged_only": N_("%(status)s: judged"),
    "eval_judged_fall": N_("%(status)s: target a fall %(comparator)s %(fall)s, actual fall %(actual)s"),
    "eval_judged_fall_rose": N_("%(status)s: target a fall %(comparator)s %(fall)s, actual rise %(actual)s"),
    "eval_judged_points": N_("%(status)s: target %(comparator)s%(value)s, actual %(actual)s, within the tolerance of "
                             "%(points)s percentage points: counted as met"),
    "eval_judged_share": N_("%(status)s: target %(comparator)s%(value)s, actual %(actual)s, within the tolerance of "
                            "±%(share)s%% of the target: counted as met"),
    "eval_part_year": N_("%(period)s actual %(actual)s (%(status)s): part of the year shows progress only and is not "
                         "scored for the year"),
    "eval_no_actual": N_("no actual yet"),
    "eval_linear": N_("actual %(actual)s, floor %(floor)s, target %(value)s"),
    "eval_no_peers": N_("no government to compare with"),
    "eval_rank": N_("ranked %(rank)s of %(n)s governments (%(distinct)s different values)"),
    "eval_no_tasks": N_("no tasks for this item"),
    "eval_tasks": N_("%(done)s of %(counted)s tasks completed"),
    "eval_no_reports": N_("none of the %(counted)s tasks has a progress report yet"),
    "eval_task_rate": N_("task completion rate"), "eval_task_rate_of": N_("task completion rate (%(words)s)"),
    "eval_rule_tasks": N_("score = 100 × completed tasks ÷ counted tasks (cancelled ones not counted)"),
    "eval_rule_met": N_("%(met)s points when the target is met, %(missed)s when missed"),
    "eval_rule_linear": N_("0 points at the floor %(floor)s, 100 at the target, linear between"),
    "eval_rule_rank": N_("governments ranked by their actual for the same year: best 100, worst 0, evenly between"),
}
_PLAIN_NUMBERS = ("met", "missed")
_AMOUNTS = ("value", "actual", "floor", "fall", "fall_max", "bound", "lo", "hi", "gap")  # in the phrase's unit
_POINTS = N_("percentage points")

# Names in the bundled indicator system (data/evaluation-system.yaml) as the interface shows them; names of a
# system of one's own are shown as written.
SYSTEM_NAMES: dict[str, str] = {
    "高质量发展指标体系（planwatch 默认）": N_("High-quality development indicator system (planwatch default)"),
    "经济运行": N_("Economic performance"), "创新": N_("Innovation"), "协调": N_("Coordination"),
    "绿色": N_("Green development"), "开放": N_("Openness"), "共享": N_("Shared development"),
}


def system_name(name: object) -> str:
    """An indicator system's or dimension's name in the interface language (bundled names only)."""
    text = SYSTEM_NAMES.get(str(name))
    return gettext(text) if text else str(name if name is not None else "")


def explain(text: object) -> str:
    """A verdict's rule or basis in the interface language: a `Phrase` worded from its key and parts."""
    key = getattr(text, "key", None)
    if key not in EXPLANATIONS:
        return "" if text is None else str(text)
    args: dict[str, object] = dict(getattr(text, "args", {}))
    if "measure" in args:
        args["measure"] = label(args["measure"], "measure")
    if "span" in args:
        args["span"] = label(args["span"], "span")
    if "spans" in args:
        args["spans"] = gettext(", ").join(label(s.strip(), "span") for s in str(args["spans"]).split(","))
    if "period" in args:
        args["period"] = period_label(str(args["period"]))
    if "so_far" in args:
        args["so_far"] = explain(args["so_far"])
    if "basis" in args:  # a basis resting on estimates (`estimated_basis`): the basis, worded too
        args["basis"] = explain(args["basis"])
    if isinstance(args.get("needed"), float):
        args["needed"] = f"{args['needed']:.3g}"
    unit = str(args.get("unit") or "")
    if unit in ("百分点", "个百分点"):
        unit = gettext(_POINTS)
    like: dict[str, Any] = {name: args.get(other) for name, other in LIKE.items()}  # a gap in the magnitude of its values
    for name in _AMOUNTS:  # as the pages show amounts: 1,100 万人, 3.4 %, never 1.1e+07
        if isinstance(args.get(name), (int, float)):
            args[name] = amount(args[name], unit, like.get(name))
    for name in _PLAIN_NUMBERS:
        if isinstance(args.get(name), (int, float)):
            args[name] = number(args[name])
    if "status" in args:
        args["status"] = label(args["status"], "status")
    if "comparator" in args:
        args["comparator"] = comparator_symbol(str(args["comparator"]))
    return gettext(EXPLANATIONS[key], **args)


def in_words(comparator: str | None, value_text: str, falling: bool) -> str:
    """A comparator and value as a plan writes them: ≥ −3.4 % on a growth → 下降3.4%以上."""
    words = _FALLS.get(comparator or "=") if falling else None
    return gettext(words, v=value_text) if words else value_text
