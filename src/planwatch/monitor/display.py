"""Names as the government writes them: the registry's canonical name, worded for the plan's government.

The registry maps aliases to one indicator (地区生产总值 ≡ 国内生产总值 ≡ GDP); pages, tables
and reports show the name the government itself uses: 国内生产总值 for the State Council,
地区生产总值 for a province, city, district or county. A plan is named by `plan_name`: its government,
year and title ("国务院 2018年政府工作报告"), so six State Council reports titled 政府工作报告 differ.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import regex

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["actual_period", "aspect_word", "cite_document", "cite_entry", "cite_parts", "display_name", "entry_source",
           "gap_words", "is_national", "part_joiner", "period_name", "plan_name", "plan_names", "span_period", "value_period"]

# (regional wording, national wording): the same indicator, named for the level that reports it.
_PAIRS: tuple[tuple[str, str], ...] = (
    ("地区生产总值", "国内生产总值"),
)
_NATIONAL = regex.compile(r"^(?:国务院|中华人民共和国|中央人民政府|全国|中国)$")


def is_national(government: str | None, level: str | None = None) -> bool:
    """True for the State Council (or a government stored with level ``national``)."""
    if level is not None:
        return level == "national"
    return bool(government and _NATIONAL.match(government.strip()))


def display_name(indicator: str, government: str | None = None, level: str | None = None) -> str:
    """`indicator` as `government` writes it: 国内生产总值 nationally, 地区生产总值 below."""
    if not indicator or (government is None and level is None):
        return indicator
    national = is_national(government, level)
    for regional, country in _PAIRS:
        if national and regional in indicator:
            return indicator.replace(regional, country)
        if not national and country in indicator:
            return indicator.replace(country, regional)
    return indicator


# What a plan is called when its title is no name (a file name such as 07_shanghai-gwr-2020): its kind's name.
_KIND_NAMES: dict[str, str] = {
    "work_report": "政府工作报告", "annual_plan": "国民经济和社会发展计划", "plan": "国民经济和社会发展计划",
    "five_year_plan": "国民经济和社会发展五年规划纲要", "five_year": "国民经济和社会发展五年规划纲要",
}
_HAN = regex.compile(r"\p{Han}")
_SPACE_BY_HAN = regex.compile(r"(?<=\p{Han})\s+|\s+(?=\p{Han})")  # a line wrap inside a Chinese title


def plan_name(government: str | None, year: int | None, title: str | None, kind: str | None = None) -> str:
    """A plan's name for readers, one that tells it apart: its title with the government and the year it
    lacks ("政府工作报告" of 国务院 2018 → "国务院 2018年政府工作报告"; "上海市政府工作报告" of 2023 →
    "2023年上海市政府工作报告"); a title with no Chinese (a file name) gives way to the kind's name."""
    name = _SPACE_BY_HAN.sub("", " ".join((title or "").split()))
    if not _HAN.search(name):
        name = _KIND_NAMES.get(kind or "", name)
    government = (government or "").strip()
    if year and str(year) not in name:
        name = f"{year}年{name}"
    if government and government not in name:
        name = f"{government} {name}".strip()
    return name


def plan_names(session: Session, plan_ids: Iterable[int | None]) -> dict[int | None, str]:
    """The `plan_name` of each of these stored plans, in one query: what pages, the CLI and templates call a plan
    (evidence cites it by this name, not by its file's stem national-gwr-2022)."""
    from sqlalchemy import select

    from planwatch.store.schema import Government, Plan

    ids = sorted({i for i in plan_ids if i is not None})
    if not ids:
        return {}
    rows = session.execute(select(Plan.id, Government.name, Plan.year, Plan.title, Plan.kind)
                           .join(Government, Government.id == Plan.government_id).where(Plan.id.in_(ids)))
    return {i: plan_name(g, y, t, k) for i, g, y, t, k in rows}


def cite_document(note: str, doc: str | None, name: str | None) -> str:
    """An actual's note with its document named as readers know it: ingestion notes a document actual as
    "national-gwr-2017: 引文" (the file's stem), readers see "国务院 2017年政府工作报告: 引文"; any other note
    (one typed by hand or imported) is left as written."""
    if doc and name and note.startswith(f"{doc}: "):
        return f"{name}: {note[len(doc) + 2:]}"
    return note


def cite_parts(parts: Iterable[dict[str, Any]], names: dict[int | None, str] | None = None,
               quotes: tuple[str, str] = ("«", "»")) -> str:
    """The evidence of a sum of yearly actuals (a row's ``evidence_parts``), each year with its value, its
    document and its words: "2016年 1314万人（国务院 2017年政府工作报告：«城镇新增就业1314万人»）＋2017年 1351万人（…）";
    the two levels a growth rate was computed from (``part`` level) are joined by →, chained yearly rates by 、.

    A part's document is named by `names` (plan id → name, `plan_names`), else by its ``document_name``, else
    as stored (the file's stem, or the note of an entry); `quotes` enclose its words ("“", "”" in reports)."""
    from planwatch.monitor.phrases import quantity

    parts = list(parts)
    cited = []
    for p in parts:
        plan_id = p.get("plan_id")
        source = (names or {}).get(plan_id) if plan_id is not None else None
        source = source or p.get("document_name") or p.get("document") or p.get("source") or ""
        words = "".join((p.get("quote") or "").split())
        said = f"{quotes[0]}{words}{quotes[1]}" if words else ""
        where = "：".join(x for x in (source, said) if x)
        cited.append(f"{p.get('year')}年 {quantity(p['value'], p.get('unit') or '')}" + (f"（{where}）" if where else ""))
    return part_joiner(parts).join(cited)


_JOINERS = {"level": "→", "rate": "、"}


def part_joiner(parts: Iterable[dict[str, Any]]) -> str:
    """How the parts of a verdict's evidence are joined in words: ＋ for a sum, → for the two levels of a growth rate,
    、 for chained yearly rates (their ``part``)."""
    first = next(iter(parts), None)
    return _JOINERS.get(first.get("part", "") if first else "", "＋")


# The part of a year an actual covers (`store.units.PERIOD_FRACTION`'s codes: all of them run from January), as a
# statistics bureau names it: 上半年增长9%, never "2019H1" nor a year's 增长9%.
_PERIODS: dict[str, tuple[str, str]] = {
    "Q1": ("一季度", "first quarter"), "H1": ("上半年", "first half"), "Q2": ("上半年", "first half"),
    "Q3": ("前三季度", "first three quarters"), "M01": ("1月", "January"),
}


def period_name(period: str | None, language: str = "zh") -> str:
    """A part of a year in words: H1 → 上半年, Q3 (the first three quarters) → 前三季度, M10 → 1—10月 (first half,
    months 1–10 in English); "" for the whole year; an unknown code as given."""
    if not period:
        return ""
    english = language == "en"
    if period in _PERIODS:
        return _PERIODS[period][english]
    if period.startswith("M") and period[1:].isdigit():
        month = int(period[1:])
        return f"months 1–{month}" if english else f"1—{month}月"
    return period


def span_period(span: str | None, period_start: int | None, year: int | None, language: str = "zh") -> str:
    """The years a target or an actual covers, said with its span: 2026–2030年均 for an average, 2016–2020年累计 for a
    total (average 2026–2030 / total 2016–2020 in English), 年均（至2030年） when its first year is unknown, the year
    alone for one year (2030; an average's 年均 is never dropped)."""
    if year is None:
        return ""
    if span not in ("average", "total"):
        return str(year)
    word = "年均" if span == "average" else "累计"
    if not period_start or period_start == year:  # the first year unknown: the span up to its last year
        return f"{span} to {year}" if language == "en" else f"{word}（至{year}年）"
    return f"{span} {period_start}–{year}" if language == "en" else f"{period_start}–{year}{'年均' if span == 'average' else '年累计'}"


def value_period(span: str | None, period_start: int | None, year: int | None, period: str | None = "",
                 language: str = "zh") -> str:
    """The period a target's or a record's value covers, as an export's 期间 column says it: 全年 for one year, 年均
    2021–2025 for a yearly average, 累计 2021–2025 for a total over those years (年均（至2025年） when the first year is
    unknown), 上半年 for a part of the year (full year, average 2021–2025, total 2021–2025, first half in English)."""
    english = language == "en"
    if period:
        return period_name(period, language)
    if span not in ("average", "total"):
        return "full year" if english else "全年"
    word = span if english else ("年均" if span == "average" else "累计")
    if year is None:
        return word
    if not period_start or period_start == year:
        return f"{word} to {year}" if english else f"{word}（至{year}年）"
    return f"{word} {period_start}–{year}"


def actual_period(year: int | None, period: str | None = "", span: str | None = "year", first_year: int | None = None,
                  language: str = "zh") -> str:
    """The period an actual covers, beside its value: 2015年 for a year, 2019年上半年 for a part of it, 2011–2015年累计
    for a total over several years and 2016–2020年均 for their yearly average (`span_period`), never the last year
    alone (2015, "2019, first half", total 2011–2015, average 2016–2020 in English); "" without a year."""
    if not year:
        return ""
    english = language == "en"
    if period:
        return f"{year}, {period_name(period, language)}" if english else f"{year}年{period_name(period)}"
    if span in ("average", "total"):
        return span_period(span, first_year, year, language)
    return str(year) if english else f"{year}年"


# What an amount is (a record's or an actual's `aspect`): an addition in the year (新增, 建成, 淘汰 …), a stock or flow
# reached (达到, 总数), or a difference from another figure (高于全国0.4个百分点, 比上年多100万人).
_ASPECTS = {"addition": ("新增", "addition"), "stock": ("总量", "stock"), "gap": ("差额", "difference")}


def aspect_word(aspect: str | None, language: str = "zh") -> str:
    """An aspect in words: addition → 新增, stock → 总量, gap → 差额 (addition, stock, difference in English); ""
    when none is known."""
    words = _ASPECTS.get(aspect or "")
    return words[language == "en"] if words else ""


# The figure a difference is measured against, as the sentence names it: 高于全国0.4个百分点 (全国), 比上年增加90亿元 (上年).
_GAP_REFERENCE = regex.compile(r"(?:高于|低于|快于|慢于|高出|低出|超过|多于|少于)(?P<ref>[^\d\s，、。；：%％]{1,12}?)"
                               r"(?=[\d.]+|[一二两三四五六七八九十百千万亿]+)"
                               r"|比(?P<ref2>[^\d\s，、。；：比]{1,12}?)(?:高出?|低|快|慢|多|少|增加|减少|提高|下降|降低|增长)")


def gap_words(value: float, amount: str, measure: str | None, quote: str | None = "", language: str = "zh") -> str:
    """A difference from another figure (aspect ``gap``) said as one, never as the indicator's own value: "比全国高
    0.4个百分点" (a rate), "比上年多90亿元" (an amount), with the figure its sentence names (全国, 上年), else
    "比对比值高…" ("0.4 percentage points above 全国" in English). `amount`: the size of the difference, written."""
    found = _GAP_REFERENCE.search("".join((quote or "").split()))
    reference = (found.group("ref") or found.group("ref2")) if found else ""
    rate = measure in ("growth", "share", "points")
    if language == "en":
        direction = ("above" if value >= 0 else "below") if rate else ("more than" if value >= 0 else "less than")
        return f"{amount} {direction} {reference or 'the figure compared'}"
    direction = ("高" if value >= 0 else "低") if rate else ("多" if value >= 0 else "少")
    return f"比{reference or '对比值'}{direction}{amount}"


_ENTRY_SOURCES = {"manual": ("手工录入", "entered by hand"), "import": ("导入数据", "imported")}


def entry_source(source: str, language: str = "zh") -> str:
    """An actual's source in words when it was entered by hand or imported (手工录入, 导入数据); any other source as is."""
    words = _ENTRY_SOURCES.get(source)
    return words[language == "en"] if words else source


def cite_entry(source: str | None, note: str | None, who: str | None = None, at: str | None = None,
               language: str = "zh") -> str:
    """The evidence of an actual entered by hand or imported (it has no document's words): where it came from, the
    note written with it, when and by whom — "手工录入（区统计局上半年快报），2026-12-06，录入人 fgj" ("entered by hand
    (…), 2026-12-06 by fgj"); "" for a document's actual (its quote is its evidence)."""
    if source not in _ENTRY_SOURCES:
        return ""
    english = language == "en"
    words = entry_source(source, language)
    note = " ".join((note or "").split())
    if note:
        words += f" ({note})" if english else f"（{note}）"
    who = (who or "").strip()  # nobody named (no --who, PLANWATCH_USER, login): said so, never an OS account
    if english:
        return words + (f", {at}" if at else "") + (f" by {who}" if who else ", recorder not stated")
    return "，".join(x for x in (words, at or "", f"录入人 {who}" if who else "录入人未注明") if x)
