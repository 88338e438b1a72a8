"""Attainment of targets from actuals: met, missed, on track, at risk, conflict, no data — in one pass.

Pure core: `assess(targets, observations)` takes plain values (no database) and returns one
`Assessment` per target, with the evidence it rests on. Like is judged with like
(`docs/monitoring.md`, "Which actual judges a target"):

1. No value, a ``ratio`` measure, or no indicator → **no data**.
2. Only **fitting** actuals count: same indicator, government and measure; the same span
   (a ``year`` target never on an ``average`` or ``total`` actual); a stock never judges an
   addition or the reverse; a gap against another figure never stands for the indicator.
3. **Annual target**: the year's actual, chosen openly among candidates (source: manual >
   import > document; the document of the following year before later ones; the headline —
   first — sentence before a passing mention). Candidates of the chosen tier that disagree
   beyond rounding give **conflict**, listing both. A growth target with only levels: growth
   from two ``year`` levels of the same written indicator and source. Else the latest
   year-to-date actual → **on track** / **at risk**, never met / missed: its span is ``part`` and
   its period (H1, Q3 …) is said (`Assessment.actual_period`); a part of a year is no year's result.
4. **Multi-year target** (a year after the plan's, or span ``average`` / ``total``): at its
   end year on an actual of the same span and period, or one computed from yearly values
   (compound growth of levels, chained yearly rates, the sum of yearly additions); before it,
   progress on the same span (the cumulative total so far against the total pro rata, the
   compound rate so far against the average needed; Open SDG categories) → **on track** /
   **at risk**.
5. Nothing fits → **no data** (an average or a total never stands in for a year).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from planwatch.monitor.phrases import Phrase, phrase
from planwatch.monitor.rules import (
    MULTIPLE,
    Direction,
    Tolerance,
    cagr,
    direction_of,
    fall_rule,
    gap,
    is_fall,
    judge,
    progress_category,
    rule_name,
)
from planwatch.store.units import PERIOD_FRACTION, UnitError, convert

Status = Literal["met", "missed", "on track", "at risk", "conflict", "no data", "absent"]
STATUSES: tuple[str, ...] = ("met", "missed", "on track", "at risk", "conflict", "no data", "absent")
# The statuses as machine-readable output spells them (JSON, JSONL, CSV, the panel, every ?status= filter): one word
# each, "no_data" for "no data". Words are for people (the pages, the report); the codes are for programs.
STATUS_CODES: tuple[str, ...] = tuple(s.replace(" ", "_") for s in STATUSES)


def status_code(status: str) -> str:
    """A status as a code ("no data" → "no_data"; a code stays as it is)."""
    return status.replace(" ", "_")


def status_filter(given: str | None) -> str | None:
    """A status filter as given (a code, "on_track", or the old words, "on track", "On Track") as its code; None for
    none. Whether it is a status at all is the caller's check (against `STATUS_CODES`)."""
    text = " ".join((given or "").split()).lower()
    return text.replace(" ", "_").replace("-", "_") or None
SOURCE_TIER = 10**12  # Observation.rank = source rank × SOURCE_TIER + recency


@dataclass(slots=True)
class Target:
    """A target as the monitor sees it (one stored record of kind target)."""

    id: int
    indicator_id: int | None
    government_id: int
    measure: str
    comparator: str
    value: float | None
    unit: str
    year: int | None
    plan_year: int | None
    value_max: float | None = None
    polarity: str | None = None
    average: bool = False  # 年均: a yearly rate over the plan's period (older callers; span says it too)
    span: str = "year"
    period_start: int | None = None
    aspect: str | None = None  # stock / addition / gap
    # Growth published at comparable prices (生产总值, 增加值: `rules.comparable_prices`): never derived from levels,
    # which are at current prices.
    comparable: bool = False
    # A multiple of a base (unit 倍): "of" (翻一番 = 2, 是…的3倍) or "by" (增长1倍); judged only on a multiple of the
    # same kind, span and base (`rules.multiple_kind`).
    multiple: str = ""
    # A change by an amount (人均预期寿命提高1岁) linked to the level's indicator (stored before the registry kept a
    # level's change verb, `store.indicators.indicator_key`): no level judges it, so it is not judged.
    change_of_level: bool = False


@dataclass(slots=True)
class Observation:
    """An actual value of an indicator for one government and period, with where it came from."""

    indicator_id: int
    government_id: int
    year: int
    period: str  # "" for the full year, else year to date (Q1, H1, Q3, M01…M11)
    measure: str
    value: float
    unit: str
    rank: int = 0  # source rank × SOURCE_TIER + recency: the higher wins among equals
    span: str = "year"
    period_start: int | None = None
    aspect: str | None = None
    source: str = ""  # document / import / manual
    document: str = ""  # the document (file stem) it was read from, or the note of an entry
    plan_id: int | None = None
    plan_year: int | None = None  # the year of that document
    quote: str = ""
    start: int | None = None
    end: int | None = None
    record_id: int | None = None
    written: str = ""  # the indicator as the document wrote it (its scope)
    actual_id: int | None = None
    note: str = ""  # what the person who entered or imported it wrote (区统计局上半年快报; an import's file name)
    who: str = ""  # who entered or imported it
    at: str = ""  # when (ISO date, 2026-12-06)
    comparator: str = "="  # as its words give it: a bound ("超过100万亿元": >) is no exact level to derive growth from
    multiple: str = ""  # unit 倍: "of" or "by" (`Target.multiple`)
    # A year-end estimate (预计), not a final figure: a final figure of the same year wins over it whatever the
    # usual order (`_order`), and a verdict resting on it says so (`Assessment.estimate`).
    estimate: bool = False

    def evidence(self) -> dict[str, Any]:
        """What a reader needs to check this actual: value, span, document, quote and offsets."""
        return {"value": self.value, "unit": self.unit, "year": self.year, "period": self.period,
                "span": "part" if self.period else self.span, "period_start": self.period_start, "source": self.source,
                "document": self.document, "plan_id": self.plan_id, "quote": self.quote, "start": self.start,
                "end": self.end, "record_id": self.record_id, "actual_id": self.actual_id, "note": self.note,
                "who": self.who, "at": self.at, "estimate": self.estimate}


@dataclass(slots=True)
class Assessment:
    """The verdict on one target: status, margin (positive: better than needed), basis and evidence."""

    target_id: int
    status: Status
    margin: float | None = None
    actual: float | None = None
    basis: str = ""
    progress: str | None = None
    rule: str = ""  # the rule-table row applied
    evidence: Observation | None = None  # the chosen actual (the last one, for a computed value)
    used: list[Observation] = field(default_factory=list)  # every actual a computed value rests on
    candidates: list[Observation] = field(default_factory=list)  # every fitting actual considered
    actual_unit: str = ""
    actual_span: str = ""
    gap: str = ""  # how far the actual is from the target, worded as the rule reads it (多降 1.6 个百分点)
    parts: list[Observation] = field(default_factory=list)  # the yearly actuals a sum adds up (empty: `evidence` alone)
    # A part of the year (span ``part``): its period (H1, Q1-Q3 as `store.units.PERIOD_FRACTION` codes them: Q3 is the
    # first three quarters, M10 January to October); "" for a year, an average or a total.
    actual_period: str = ""
    # The tolerance (in the target's unit: points for a rate, an amount for a level) when it decided the verdict: the
    # actual falls short of the target's value but within it, so an ≈ / bare-number target counts as met (9.8% for
    # 增长10%, ±0.5 points); None when the verdict holds without it.
    tolerance: float | None = None
    # What `parts` are: "sum" (yearly values added up: a total), "levels" (the two levels a growth rate is computed
    # from), "rates" (yearly growth rates chained into a compound rate) or "base_rates" (a base year's level, then
    # the yearly real rates that grow it).
    parts_kind: str = "sum"
    # The verdict rests on a year-end estimate (预计: `Observation.estimate`): its status stands, its basis says
    # "estimated" (`estimated_basis`), and reports and pages mark the actual 预计.
    estimate: bool = False

    def evidence_parts(self) -> list[dict[str, Any]]:
        """Each actual of `parts` with its evidence (`Observation.evidence`) and what it is, ``part``: "sum" (a term
        of a sum: they are added, ＋), "level" (one of the two levels of a growth rate: →) or "rate" (a yearly rate
        chained into a compound one; a "base_rates" verdict's first part is the level the rates grow)."""
        part = {"sum": "sum", "levels": "level", "rates": "rate", "base_rates": "rate"}.get(self.parts_kind, "sum")
        first = "level" if self.parts_kind == "base_rates" else part
        return [dict(o.evidence(), part=first if i == 0 else part) for i, o in enumerate(self.parts)]


_JUDGED = frozenset((">=", ">", "<=", "<", "≈", "=", "between"))
Key = tuple[int, str, str]  # (year, period, measure)
Series = dict[Key, tuple[float, str]]


def index_observations(observations: Iterable[Observation]) -> dict[tuple[int, int], list[Observation]]:
    """Group observations by (indicator, government)."""
    index: dict[tuple[int, int], list[Observation]] = {}
    for o in observations:
        index.setdefault((o.indicator_id, o.government_id), []).append(o)
    return index


# -- choosing among candidates -----------------------------------------------------------------

def _order(o: Observation, year: int) -> tuple[float, ...]:
    """Preference: source, then a final figure before an estimate (预计), then the document nearest after the year,
    then the headline (first) sentence."""
    tier = o.rank // SOURCE_TIER
    distance = (o.plan_year - year) if o.plan_year is not None else 0
    proximity = -distance if distance >= 1 else -100 - abs(distance)  # the following year's document first
    headline = -(o.start if o.start is not None else 0)
    return (tier, not o.estimate, proximity, headline, o.rank)


def _significant(x: float) -> int:
    """Significant digits as written: 1351万 → 4, 6.90 → 2, 4.02 → 3."""
    if x == 0:
        return 1
    text = f"{abs(x):.10g}"
    digits = text.replace(".", "").lstrip("0").rstrip("0") if "." not in text else text.replace(".", "").lstrip("0")
    if "." in text:
        digits = digits.rstrip("0") or "0"
    return max(1, len(digits))


def _round_sig(x: float, sig: int) -> float:
    if x == 0:
        return 0.0
    return round(x, sig - int(math.floor(math.log10(abs(x)))) - 1)


def disagree(a: float, b: float) -> bool:
    """True when two values differ beyond rounding (compared at the coarser precision)."""
    sig = min(_significant(a), _significant(b))
    return not math.isclose(_round_sig(a, sig), _round_sig(b, sig), rel_tol=1e-9, abs_tol=1e-12)


def _in_unit(o: Observation, unit: str) -> float | None:
    try:
        return convert(o.value, o.unit, unit) if unit and o.unit != unit else o.value
    except UnitError:
        return None


def _aspect_fits(target_aspect: str | None, actual_aspect: str | None) -> bool:
    """A stock never judges an addition or the reverse; a gap never judges anything."""
    if actual_aspect == "gap" or target_aspect == "gap":
        return False
    if target_aspect in ("stock", "addition") and actual_aspect in ("stock", "addition"):
        return target_aspect == actual_aspect
    return True


def _fitting(t: Target, obs: list[Observation], year: int, measure: str, span: str = "year",
             period: str = "", period_start: int | None = None) -> list[Observation]:
    """The actuals of `year` that fit: measure, span, period, aspect (and the span's first year)."""
    out = []
    for o in obs:
        if o.year != year or o.measure != measure or o.period != period or (o.span or "year") != span:
            continue
        if not _aspect_fits(t.aspect, o.aspect):
            continue
        if span != "year" and period_start is not None and o.period_start is not None and o.period_start != period_start:
            continue
        out.append(o)
    return out


def choose(candidates: list[Observation], year: int, unit: str = "") -> tuple[Observation | None, list[Observation]]:
    """The preferred candidate and the documents of its tier and year that disagree with it beyond rounding."""
    if not candidates:
        return None, []
    ranked = sorted(candidates, key=lambda o: _order(o, year), reverse=True)
    best = ranked[0]
    tier = best.rank // SOURCE_TIER
    value = _in_unit(best, unit)
    rivals = []
    for o in ranked[1:]:
        if o.rank // SOURCE_TIER != tier or best.plan_year is None or o.plan_year != best.plan_year:
            continue  # entries replace each other; documents of the same year must agree
        if o.estimate != best.estimate:
            continue  # a final figure replaces an estimate of the year, as it is meant to
        other = _in_unit(o, unit)
        if value is not None and other is not None and disagree(value, other):
            rivals.append(o)
    return best, rivals


# -- verdicts ----------------------------------------------------------------------------------

def _verdict(t: Target, actual: float, tolerance: Tolerance, final: bool, basis: str,
             used: list[Observation], candidates: list[Observation], span: str = "year") -> Assessment:
    """Judge one actual by the rule table into met/missed (final) or on track/at risk; a part of the year (span
    ``part``) is never final: it says how the year is going, not what it achieved."""
    assert t.value is not None
    comparator, direction = effective_comparator(t)
    tol = tolerance.points if t.measure != "level" else abs(t.value) * tolerance.relative
    verdict = judge(comparator, t.value, t.value_max, actual, direction, tol, t.measure)
    decided = verdict.ok and tol > 0 and not judge(comparator, t.value, t.value_max, actual, direction, 0.0, t.measure).ok
    if final:
        status: Status = "met" if verdict.ok else "missed"
    else:
        status = "on track" if verdict.ok else "at risk"
    rule = rule_name(comparator, direction, t.comparator == "=" and comparator == ">=")
    if is_fall(t.measure, t.value, t.value_max):  # the comparator speaks of the fall: say what a must be
        rule = fall_rule(comparator, t.value, t.value_max, direction, t.unit) or rule
    evidence = used[-1] if used else None
    unit = t.unit or (evidence.unit if evidence else "")
    gap_unit = "个百分点" if t.measure in ("growth", "share", "points") else unit
    period = evidence.period if span == "part" and evidence is not None else ""
    return Assessment(t.id, status, verdict.margin, actual, basis, None, rule, evidence, list(used), list(candidates),
                      unit, span, gap(comparator, t.value, t.value_max, actual, t.measure, gap_unit,
                                      off=direction == "neutral" and comparator in ("≈", "=") and not verdict.ok),
                      actual_period=period, tolerance=tol if decided else None)


def effective_comparator(t: Target) -> tuple[str, Direction]:
    """The comparator and direction the rule table applies: a bare number to deliver is a floor.

    "建成6所学校", "新开工20项" (a level that is an addition, no 左右 / 以上): at least that many,
    unless the indicator's polarity says lower is better. Otherwise the written comparator and
    the direction from polarity (or the sign of a change).
    """
    direction = direction_of(t.polarity, t.measure, t.value)
    if t.comparator == "=" and t.measure == "level" and t.aspect == "addition" and t.polarity != "lower":
        return ">=", "higher"
    return t.comparator, direction


def _conflict(t: Target, best: Observation, rivals: list[Observation], candidates: list[Observation]) -> Assessment:
    """Sources disagree beyond rounding: no verdict, both values listed."""
    values = "; ".join(f"{o.value:g}{o.unit} ({o.document or o.source}: {o.quote[:40]})" for o in [best, *rivals])
    return Assessment(t.id, "conflict", None, best.value, Phrase("sources_disagree", values=values), None,
                      phrase("rule_conflict"), best, [best, *rivals], list(candidates),
                      best.unit, best.span)


def _exact(o: Observation) -> bool:
    """A level stated as such: not a bound ("超过100万亿元") nor an approximation (约), so growth can be derived from it."""
    return o.comparator in ("=", "")


def _rate_from_levels(t: Target, obs: list[Observation], year: int, period: str) -> tuple[float, list[Observation]] | None:
    """Growth (%) from two exact `year` levels of the same written indicator and source, in convertible units; never
    for growth published at comparable prices (`Target.comparable`: the levels are at current prices)."""
    if t.comparable:
        return None
    stock = replace(t, aspect=None)
    now, _ = choose(_fitting(stock, obs, year, "level", period=period), year)
    if now is None or not _exact(now):
        return None
    before = [o for o in _fitting(stock, obs, year - 1, "level", period=period)
              if o.source == now.source and o.written == now.written and o.aspect == now.aspect]
    prior, _ = choose(before, year - 1)
    if prior is None or not _exact(prior):
        return None
    try:
        earlier = convert(prior.value, prior.unit, now.unit)
    except UnitError:
        return None
    if earlier <= 0:
        return None
    return (now.value / earlier - 1.0) * 100.0, [prior, now]


def _annual(t: Target, obs: list[Observation], year: int, tolerance: Tolerance,
            of_year: list[Observation] | None = None) -> Assessment:
    """An annual target: the year's fitting actual, else growth from levels, else year to date.

    `of_year`: the observations of `obs` of `year` (in their order), when the caller has them indexed.
    """
    if of_year is None:
        of_year = [o for o in obs if o.year == year]  # filtered once: the checks below look at this year only
    candidates = _fitting(t, of_year, year, t.measure)
    if t.measure == "level":
        candidates = [o for o in candidates if _in_unit(o, t.unit) is not None]
    best, rivals = choose(candidates, year, t.unit if t.measure == "level" else "")
    if best is not None:
        if rivals:
            return _conflict(t, best, rivals, candidates)
        value = _in_unit(best, t.unit) if t.measure == "level" else best.value
        assert value is not None
        return _verdict(t, value, tolerance, True, Phrase("reported", measure=t.measure, year=year), [best], candidates)
    if t.measure == "growth":
        derived = _rate_from_levels(t, obs, year, "")
        if derived is not None:
            return _with_parts(_verdict(t, derived[0], tolerance, True, Phrase("growth_from_levels", first=year - 1,
                                                                               last=year), derived[1], derived[1]),
                               derived[1], "levels")
    periods = sorted({o.period for o in of_year if o.period in PERIOD_FRACTION},
                     key=PERIOD_FRACTION.__getitem__, reverse=True)
    for period in periods:
        fraction = PERIOD_FRACTION[period]
        part = _fitting(t, of_year, year, t.measure, period=period)
        best, _ = choose(part, year, t.unit if t.measure == "level" else "")
        if best is not None:
            value = _in_unit(best, t.unit) if t.measure == "level" else best.value
            if value is None:
                continue
            if t.measure == "level":
                return _verdict(t, value / fraction, tolerance, False, Phrase("period_pro_rated", period=period), [best], part,
                                "part")
            return _verdict(t, value, tolerance, False, Phrase("period_reported", period=period, measure=t.measure), [best], part,
                            "part")
        if t.measure == "growth":
            derived = _rate_from_levels(t, obs, year, period)
            if derived is not None:
                return _with_parts(_verdict(t, derived[0], tolerance, False, Phrase("period_growth_from_levels",
                                                                                    period=period),
                                            derived[1], derived[1], "part"), derived[1], "levels")
    return Assessment(t.id, "no data", basis=_why_none(t, of_year, year))


def _why_none(t: Target, obs: list[Observation], year: int) -> str:
    """Say which actuals exist but do not fit (an average or total for a year target …)."""
    others = [o for o in obs if o.year == year and o.measure == t.measure and (o.span or "year") != "year"]
    if others:
        return Phrase("no_annual_figure", year=year, spans=", ".join(sorted({o.span for o in others})))
    return ""


def _year_values(t: Target, obs: list[Observation], measure: str, years: range) -> list[Observation] | None:
    """One chosen `year` actual per year in `years` (all of them), or None."""
    out = []
    for y in years:
        best, _ = choose(_fitting(t, obs, y, measure), y, t.unit if measure == "level" else "")
        if best is None:
            return None
        out.append(best)
    return out


def _with_parts(a: Assessment, parts: list[Observation], kind: str) -> Assessment:
    """`a` resting on several actuals, each cited (`Assessment.parts`): two levels, or chained rates."""
    if len(parts) > 1 and a.status not in ("no data", "conflict"):
        a.parts, a.parts_kind = list(parts), kind
    return a


def _compound(t: Target, obs: list[Observation], base: int, last: int) -> tuple[float, str, list[Observation]] | None:
    """Yearly compound growth (%) from `base` to `last`: from two exact year levels (never for growth at comparable
    prices, `Target.comparable`), or chained yearly rates."""
    stock = replace(t, aspect=None)
    first, _ = choose(_fitting(stock, obs, base, "level"), base)
    end, _ = choose(_fitting(stock, obs, last, "level"), last)
    if (not t.comparable and first is not None and end is not None and first.written == end.written
            and first.source == end.source and _exact(first) and _exact(end)):
        try:
            rate = cagr(convert(first.value, first.unit, end.unit), end.value, last - base)
        except UnitError:
            rate = None
        if rate is not None:
            return rate * 100.0, Phrase("compound_levels", first=base, last=last), [first, end]
    rates = _year_values(t, obs, "growth", range(base + 1, last + 1))
    if rates:
        product = 1.0
        for r in rates:
            product *= 1.0 + r.value / 100.0
        if product > 0:
            return (product ** (1.0 / len(rates)) - 1.0) * 100.0, Phrase("chained_growth", first=base, last=last), rates
    return None


def _multi_year(t: Target, obs: list[Observation], tolerance: Tolerance) -> Assessment:
    """A target over several years: judged at its end year on the same span, before it by progress."""
    assert t.value is not None and t.year is not None and t.plan_year is not None
    start = t.period_start or t.plan_year
    base = start - 1
    years = t.year - base
    span = judged_span(t)[0]
    if t.measure == "level" and span == "total":
        return _multi_year_total(t, obs, tolerance, start)
    if t.measure == "growth" and span in ("average", "total"):
        same = _fitting(t, obs, t.year, "growth", span=span, period_start=start)
        best, rivals = choose(same, t.year)
        if best is not None:
            if rivals:
                return _conflict(t, best, rivals, same)
            basis = Phrase("reported_span_growth", span=span, first=start, last=t.year)
            return _verdict(t, best.value, tolerance, True, basis, [best], same,
                            span)
        full = _compound(t, obs, base, t.year)
        if full is not None:
            observed = ((1 + full[0] / 100) ** years - 1) * 100 if span == "total" else full[0]
            return _with_parts(_verdict(t, observed, tolerance, True, full[1], full[2], full[2], span), full[2],
                               _compound_kind(full[1]))
        needed = ((1 + t.value / 100) ** (1 / years) - 1) * 100 if span == "total" else t.value
        latest = max((o.year for o in obs if (o.span or "year") == "year" and o.period == "" and base < o.year < t.year),
                     default=None)
        so_far = _compound(t, obs, base, latest) if latest else None
        if so_far is None:
            return Assessment(t.id, "no data", basis=_why_none(t, obs, t.year))
        ratio = so_far[0] / needed if needed else None
        return _with_parts(_progress(t, ratio, so_far[0], Phrase("so_far_vs_needed", so_far=so_far[1], needed=needed),
                                     False, so_far[2], phrase("progress_rate")), so_far[2], _compound_kind(so_far[1]))
    # A stock or rate to reach by the end year.
    same = _fitting(t, obs, t.year, t.measure)
    best, rivals = choose(same, t.year, t.unit if t.measure == "level" else "")
    if best is not None:
        if rivals:
            return _conflict(t, best, rivals, same)
        value = _in_unit(best, t.unit) if t.measure == "level" else best.value
        if value is not None:
            return _verdict(t, value, tolerance, True, Phrase("reported", measure=t.measure, year=t.year), [best], same)
    if t.comparable and t.measure == "level":
        return _real_level_progress(t, obs, tolerance, base, years)
    history: list[tuple[int, Observation]] = []
    for y in range(base, t.year):
        chosen, _ = choose(_fitting(t, obs, y, t.measure), y, t.unit if t.measure == "level" else "")
        if chosen is not None:
            history.append((y, chosen))
    if len(history) < 2 or history[0][0] != base:
        return Assessment(t.id, "no data", basis=_why_none(t, obs, t.year))
    first = _in_unit(history[0][1], t.unit) if t.measure == "level" else history[0][1].value
    last_year, last_obs = history[-1]
    last = _in_unit(last_obs, t.unit) if t.measure == "level" else last_obs.value
    if first is None or last is None:
        return Assessment(t.id, "no data")
    basis = Phrase("compound_vs_needed", first=base, last=last_year, year=t.year)
    used = [history[0][1], last_obs]
    if _verdict(t, last, tolerance, True, "", used, used).status == "met":
        return _progress(t, None, last, basis, True, used, phrase("progress_achieved"))
    grown = cagr(first, last, last_year - base)
    wanted = cagr(first, t.value, years)
    if grown is None or wanted is None:
        return Assessment(t.id, "no data")
    return _progress(t, grown / wanted if wanted else None, last, basis, False, used,
                     phrase("progress_growth"))


def _real_level_progress(t: Target, obs: list[Observation], tolerance: Tolerance, base: int,
                         years: int) -> Assessment:
    """Progress to a level of gross product or value added by a later year (按2010年价格计算，2015年国内生产总值将超过
    55万亿元): its levels are at current prices, the target at the base year's, so the growth between two levels is
    nominal (inflation included) and never measures progress. The base year's level grown by the yearly real rates
    reported since (chained) is set against the rate the target needs from that level; without every year's rate,
    no data."""
    assert t.value is not None and t.year is not None
    start, _ = choose(_fitting(t, obs, base, "level"), base, t.unit)
    first = _in_unit(start, t.unit) if start is not None and _exact(start) else None
    latest = max((o.year for o in obs if o.measure == "growth" and (o.span or "year") == "year" and o.period == ""
                  and base < o.year < t.year), default=None)
    rates = _year_values(t, obs, "growth", range(base + 1, latest + 1)) if latest else None
    if start is None or first is None or not rates:
        return Assessment(t.id, "no data", basis=_why_none(t, obs, t.year))
    product = 1.0
    for r in rates:
        product *= 1.0 + r.value / 100.0
    wanted = cagr(first, t.value, years)
    if product <= 0 or wanted is None:
        return Assessment(t.id, "no data")
    grown = product ** (1.0 / len(rates)) - 1.0
    reached = first * product
    used = [start, *rates]
    basis = Phrase("real_level_vs_needed", first=base, last=base + len(rates), year=t.year)
    if _verdict(t, reached, tolerance, True, "", used, used).status == "met":
        return _with_parts(_progress(t, None, reached, basis, True, used, phrase("progress_achieved")), used, "base_rates")
    return _with_parts(_progress(t, grown / wanted if wanted else None, reached, basis, False, used,
                                 phrase("progress_real_growth")), used, "base_rates")


def _compound_kind(basis: str) -> str:
    """What the actuals of a compound rate are (`Assessment.parts_kind`): two levels, or chained yearly rates."""
    return "levels" if getattr(basis, "key", "") == "compound_levels" else "rates"


def _multiple(t: Target, obs: list[Observation], tolerance: Tolerance) -> Assessment:
    """A multiple of a base (国内生产总值比2010年翻一番: 2倍, 2011–2020): only a multiple of the same kind, span and
    base judges it (never a level, nor a sum of yearly multiples); before its end year nothing does."""
    assert t.value is not None and t.year is not None
    same = [o for o in obs if o.year == t.year and o.measure == "level" and o.unit == t.unit and o.period == ""
            and (o.span or "year") == t.span and o.multiple == t.multiple
            and (t.span == "year" or o.period_start == t.period_start)]
    best, rivals = choose(same, t.year)
    if best is None:
        return Assessment(t.id, "no data")
    if rivals:
        return _conflict(t, best, rivals, same)
    return _verdict(t, best.value, tolerance, True, Phrase("reported", measure=t.measure, year=t.year), [best], same,
                    t.span)


def _multi_year_total(t: Target, obs: list[Observation], tolerance: Tolerance, start: int) -> Assessment:
    """A total over several years (城镇新增就业5000万人以上, 2016–2020): the total, or the sum of the years."""
    assert t.value is not None and t.year is not None
    same = [o for o in _fitting(t, obs, t.year, "level", span="total", period_start=start)
            if _in_unit(o, t.unit) is not None]
    best, rivals = choose(same, t.year, t.unit)
    if best is not None:
        if rivals:
            return _conflict(t, best, rivals, same)
        value = _in_unit(best, t.unit)
        assert value is not None
        return _verdict(t, value, tolerance, True, Phrase("reported_total", first=start, last=t.year), [best], same, "total")
    yearly: list[Observation] = []
    for y in range(start, t.year + 1):
        chosen, _ = choose([o for o in _fitting(t, obs, y, "level") if _in_unit(o, t.unit) is not None], y, t.unit)
        if chosen is None:
            break
        yearly.append(chosen)
    total = sum(_in_unit(o, t.unit) or 0.0 for o in yearly)
    n, whole = len(yearly), t.year - start + 1
    if n == whole:
        judged = _verdict(t, total, tolerance, True, Phrase("sum_of_years", first=start, last=t.year), yearly, yearly,
                          "total")
    elif n == 0:
        return Assessment(t.id, "no data", basis=_why_none(t, obs, t.year))
    else:
        pace = t.value * n / whole
        ratio = total / pace if pace else None
        judged = _progress(t, ratio, total, Phrase("cumulative", first=start, last=start + n - 1, n=n, whole=whole),
                           ratio is not None and total >= t.value, yearly, phrase("progress_cumulative"))
    if n > 1:  # the sum rests on every year's actual, each from its own document: all of them are its evidence
        judged.parts = list(yearly)
        judged.actual_span = "total"  # a total of those years, not the last year's value
    return judged


def _progress(t: Target, ratio: float | None, actual: float, basis: str, achieved: bool,
              used: list[Observation], rule: str) -> Assessment:
    """An Open SDG progress category turned into on track / at risk."""
    evidence = used[-1] if used else None
    if achieved:
        category = "achieved"
    elif ratio is None:
        return Assessment(t.id, "no data", actual=actual, basis=basis, rule=rule, evidence=evidence, used=list(used))
    else:
        category = progress_category(ratio)
    status: Status = "on track" if category in ("achieved", "substantial") else "at risk"
    margin = None if ratio is None else ratio - 1.0
    return Assessment(t.id, status, margin, actual, basis, category, rule, evidence, list(used), list(used),
                      t.unit, evidence.span if evidence else "")


def is_multi_year(t: Target) -> bool:
    """True for a target over several years: beyond the plan's year, or an average / total span."""
    if t.span in ("average", "total") or t.average:
        return t.year is not None and t.plan_year is not None and t.year > t.plan_year
    return t.year is not None and t.plan_year is not None and t.year > t.plan_year


def judged_span(t: Target) -> tuple[str, int | None]:
    """The span a target covers, as it is judged, and its first year: an average or a total over its years (年均 in
    its words: an average); a change by a year after the plan's (单位国内生产总值能耗降低16% in a five-year plan) a total
    from the plan's year, as `_multi_year` judges it; anything else one year's ("year", None). Pages and exports show
    this span, not the stored one, so a target judged on a total of 2011–2015 never reads as 2015's."""
    span = "average" if t.average and t.span == "year" else (t.span or "year")
    year = t.year or t.plan_year
    later = year is not None and t.plan_year is not None and year > t.plan_year  # `is_multi_year`
    if span in ("average", "total"):
        return span, t.period_start or (t.plan_year if later else None)
    if later and t.measure == "growth":
        return "total", t.period_start or t.plan_year
    return "year", None


def _finite(x: float | None) -> bool:
    return x is None or math.isfinite(x)


def _not_finite(t: Target, a: Assessment) -> Assessment:
    """`a`, or no data when a number it rests on is infinite or NaN (a value stored before inputs refused them,
    or one that overflowed in a conversion): infinity must never judge a target met, nor reach JSON."""
    if _finite(a.actual) and _finite(a.margin) and all(_finite(o.value) for o in (*a.used, *a.candidates)):
        return a
    bad = next((o for o in (*a.used, *a.candidates) if not _finite(o.value)), None)
    what = (f"the actual {bad.value:g} {bad.unit} ({bad.source or 'stored'}, {bad.year}{bad.period})" if bad
            else "the computed actual")
    return Assessment(t.id, "no data", basis=f"not judged: {what} is not a finite number; correct the stored value")


def assess_one(t: Target, obs: list[Observation] | None, tolerance: Tolerance,
               by_year: dict[int, list[Observation]] | None = None) -> Assessment:
    """The assessment of one target against the observations of its indicator and government
    (`by_year`: the same observations grouped by year, when the caller indexed them); no data, never a verdict,
    when a number involved is not finite."""
    if not (_finite(t.value) and _finite(t.value_max)):
        return Assessment(t.id, "no data", basis="not judged: the target is not a finite number")
    return estimated(_not_finite(t, _assess_one(t, obs, tolerance, by_year)))


def estimated(a: Assessment) -> Assessment:
    """`a` marked as resting on an estimate (`Assessment.estimate`) when a verdict's actual is one: its basis says so
    ("estimated growth 2023"); a conflict or no data rests on nothing."""
    if a.status in ("conflict", "no data", "absent"):
        return a
    resting = a.used or ([a.evidence] if a.evidence is not None else [])
    if not any(o.estimate for o in resting):
        return a
    a.estimate = True
    key = getattr(a.basis, "key", None)
    if key == "reported":
        a.basis = Phrase("reported_estimate", **a.basis.args)  # type: ignore[attr-defined]
    elif key is not None:
        a.basis = Phrase("estimated_basis", basis=a.basis)
    return a


def _assess_one(t: Target, obs: list[Observation] | None, tolerance: Tolerance,
                by_year: dict[int, list[Observation]] | None) -> Assessment:
    """`assess_one` before the check for non-finite numbers."""
    if t.value is None or t.measure == "ratio" or t.comparator not in _JUDGED:
        return Assessment(t.id, "no data", basis=phrase("not_judged"))
    if t.aspect == "gap":
        return Assessment(t.id, "no data", basis=phrase("gap_not_judged"))
    if t.change_of_level:
        return Assessment(t.id, "no data", basis=phrase("change_not_level"))
    if t.indicator_id is None or not obs:
        return Assessment(t.id, "no data")
    year = t.year or t.plan_year
    if year is None:
        return Assessment(t.id, "no data", basis=phrase("no_year"))
    if t.year != year:
        t = replace(t, year=year)
    if t.average and t.span == "year":
        t = replace(t, span="average")
    if t.measure == "level" and t.unit == MULTIPLE:
        return _multiple(t, obs, tolerance)
    if is_multi_year(t):
        return _multi_year(t, obs, tolerance)
    if t.span in ("average", "total"):  # 年均 within the plan's own year: an annual rate
        t = replace(t, span="year")
    return _annual(t, obs, year, tolerance, None if by_year is None else by_year.get(year, []))


def assess(
    targets: Iterable[Target], observations: Iterable[Observation], tolerance: Tolerance | None = None
) -> list[Assessment]:
    """One assessment per target, in the order given; observations are indexed once."""
    tolerance = tolerance or Tolerance()
    index = index_observations(observations)
    years: dict[tuple[int, int], dict[int, list[Observation]]] = {}  # the same, by year: filtered once, not per target
    for key, obs in index.items():
        by_year = years[key] = {}
        for o in obs:
            by_year.setdefault(o.year, []).append(o)
    out = []
    for t in targets:
        if t.indicator_id is None:
            out.append(assess_one(t, None, tolerance))
        else:
            pair = (t.indicator_id, t.government_id)
            out.append(assess_one(t, index.get(pair), tolerance, years.get(pair)))
    return out


def summary(assessments: Iterable[Assessment]) -> str:
    """"n met / n missed / n on track / n at risk / n no data" (conflicts and absences when any)."""
    counts = Counter(a.status for a in assessments)
    parts = [f"{counts.get(s, 0)} {s}" for s in ("met", "missed", "on track", "at risk", "no data")]
    if counts.get("conflict"):
        parts.append(f"{counts['conflict']} conflict")
    if counts.get("absent"):
        parts.append(f"{counts['absent']} absent")
    return " / ".join(parts)
