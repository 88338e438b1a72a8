"""Attainment of targets from actuals: met, missed, on track, at risk, no data — in one pass.

Pure core: `assess(targets, observations)` takes plain values (no database) and returns
one `Assessment` per target. How a status is reached, in order:

1. No value, a ``ratio`` measure, or no indicator → **no data**.
2. **Annual target** (its year is the plan's year or earlier): a full-year actual for the
   target year is judged by the rule table (`monitor.rules`) → **met** / **missed**. A growth
   target with only levels reported is judged on (L_year / L_year−1 − 1) × 100.
3. Else the latest **mid-year** actual of that year (Q1–Q3, H1, M01–M11, fraction f of the
   year): levels are pro-rated (a / f), rates are taken as they stand → **on track** /
   **at risk**.
4. **Multi-year target** (a year after the plan's year, or 年均): at the target year it is
   judged like an annual one (年均 and cumulative growth from the base year = plan year − 1);
   before it, Open SDG's compound-growth method compares the observed CAGR since the base
   year with the CAGR needed to reach the target: R ≥ 0.95 substantial, ≥ 0.6 moderate,
   ≥ 0 limited, < 0 deterioration; already at the target level → achieved. Achieved and
   substantial are **on track**, the rest **at risk**.
5. Nothing to judge by → **no data**.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

from planwatch.monitor.rules import Tolerance, cagr, direction_of, judge, progress_category
from planwatch.store.units import PERIOD_FRACTION, UnitError, convert

Status = Literal["met", "missed", "on track", "at risk", "no data", "absent"]
STATUSES: tuple[str, ...] = ("met", "missed", "on track", "at risk", "no data", "absent")

# Share of the year a mid-year period covers.


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
    average: bool = False  # 年均: a yearly rate over the plan's period


@dataclass(slots=True)
class Observation:
    """An actual value of an indicator for one government and period."""

    indicator_id: int
    government_id: int
    year: int
    period: str  # "" for the full year
    measure: str
    value: float
    unit: str
    rank: int = 0  # the higher wins when two observations share a key


@dataclass(slots=True)
class Assessment:
    """The verdict on one target: status, margin (positive: better than needed) and basis."""

    target_id: int
    status: Status
    margin: float | None = None
    actual: float | None = None
    basis: str = ""
    progress: str | None = None


_JUDGED = frozenset((">=", ">", "<=", "<", "≈", "=", "between"))
Key = tuple[int, str, str]  # (year, period, measure)
Series = dict[Key, tuple[float, str]]


def index_observations(observations: Iterable[Observation]) -> dict[tuple[int, int], Series]:
    """Group observations by (indicator, government); the highest rank wins each key."""
    index: dict[tuple[int, int], Series] = {}
    ranks: dict[tuple[int, int, int, str, str], int] = {}
    for o in observations:
        full = (o.indicator_id, o.government_id, o.year, o.period, o.measure)
        if full in ranks and ranks[full] > o.rank:
            continue
        ranks[full] = o.rank
        index.setdefault((o.indicator_id, o.government_id), {})[(o.year, o.period, o.measure)] = (o.value, o.unit)
    return index


def _level(series: Series, year: int, period: str, unit: str) -> float | None:
    """The level for (year, period) in `unit`, or None."""
    found = series.get((year, period, "level"))
    if found is None:
        return None
    try:
        return convert(found[0], found[1], unit) if unit else found[0]
    except UnitError:
        return None


def _rate(series: Series, year: int, period: str, measure: str) -> tuple[float, str] | None:
    """A growth/share/points actual for (year, period), growth derived from levels if need be."""
    found = series.get((year, period, measure))
    if found is not None:
        return found[0], f"reported {measure}"
    if measure == "growth":
        now = series.get((year, period, "level"))
        before = series.get((year - 1, period, "level"))
        if now and before:
            try:
                earlier = convert(before[0], before[1], now[1])
            except UnitError:
                return None
            if earlier > 0:
                return (now[0] / earlier - 1.0) * 100.0, f"growth from levels {year - 1}→{year}"
    return None


def _full_year(t: Target, series: Series, year: int) -> tuple[float, str] | None:
    """The target's measure for the whole of `year`, with how it was obtained."""
    if t.measure == "level":
        level = _level(series, year, "", t.unit)
        return None if level is None else (level, "reported level")
    return _rate(series, year, "", t.measure)


def _mid_year(t: Target, series: Series, year: int) -> tuple[float, str] | None:
    """The latest mid-year actual of `year`, levels pro-rated to a full year."""
    periods = sorted((p for (y, p, _m) in series if y == year and p in PERIOD_FRACTION),
                     key=PERIOD_FRACTION.__getitem__, reverse=True)
    for period in periods:
        fraction = PERIOD_FRACTION[period]
        if t.measure == "level":
            level = _level(series, year, period, t.unit)
            if level is not None:
                return level / fraction, f"{period} pro-rated to the year"
        else:
            found = _rate(series, year, period, t.measure)
            if found is not None:
                return found[0], f"{period} {found[1]}"
    return None


def _verdict(t: Target, actual: float, tolerance: Tolerance, final: bool, basis: str) -> Assessment:
    """Judge one actual by the rule table into met/missed (final) or on track/at risk."""
    assert t.value is not None
    direction = direction_of(t.polarity, t.measure, t.value)
    tol = tolerance.points if t.measure != "level" else abs(t.value) * tolerance.relative
    verdict = judge(t.comparator, t.value, t.value_max, actual, direction, tol, t.measure)
    if final:
        status: Status = "met" if verdict.ok else "missed"
    else:
        status = "on track" if verdict.ok else "at risk"
    return Assessment(t.id, status, verdict.margin, actual, basis)


def _growth_over(series: Series, base: int, last: int) -> tuple[float, str] | None:
    """Yearly compound growth (%) from `base` to `last`, from levels or chained yearly rates."""
    first = series.get((base, "", "level"))
    end = series.get((last, "", "level"))
    if first and end:
        try:
            rate = cagr(convert(first[0], first[1], end[1]), end[0], last - base)
        except UnitError:
            rate = None
        if rate is not None:
            return rate * 100.0, f"compound growth of levels {base}→{last}"
    rates = [series.get((y, "", "growth")) for y in range(base + 1, last + 1)]
    if rates and all(rates):
        product = 1.0
        for r in rates:
            product *= 1.0 + r[0] / 100.0  # type: ignore[index]
        if product > 0:
            return (product ** (1.0 / len(rates)) - 1.0) * 100.0, f"chained yearly growth {base}→{last}"
    return None


def _multi_year(t: Target, series: Series, tolerance: Tolerance) -> Assessment:
    """A target beyond the plan's year: judged at its year, else progress by compound growth."""
    assert t.value is not None and t.year is not None and t.plan_year is not None
    base = t.plan_year - 1
    span = t.year - base
    cumulative = t.measure == "growth" and not t.average
    if t.measure == "growth":
        full = _growth_over(series, base, t.year)
        if full is not None:
            observed = ((1 + full[0] / 100) ** span - 1) * 100 if cumulative else full[0]
            return _verdict(t, observed, tolerance, True, full[1])
        needed = ((1 + t.value / 100) ** (1 / span) - 1) * 100 if cumulative else t.value
        latest = max((y for (y, p, _m) in series if p == "" and base < y < t.year), default=None)
        so_far = _growth_over(series, base, latest) if latest else None
        if so_far is None:
            return Assessment(t.id, "no data")
        return _progress(t, so_far[0] / needed if needed else None, so_far[0], so_far[1], False)
    full = _full_year(t, series, t.year)
    if full is not None:
        return _verdict(t, full[0], tolerance, True, full[1])
    history = sorted((y, v) for (y, p, m), v in series.items() if p == "" and m == t.measure and base <= y < t.year)
    if len(history) < 2 or history[0][0] != base:
        return Assessment(t.id, "no data")
    try:
        first = convert(history[0][1][0], history[0][1][1], t.unit) if t.unit else history[0][1][0]
        last_year, (raw, unit) = history[-1]
        last = convert(raw, unit, t.unit) if t.unit else raw
    except UnitError:
        return Assessment(t.id, "no data")
    basis = f"compound growth {base}→{last_year} vs needed to {t.year}"
    if _verdict(t, last, tolerance, True, "").status == "met":
        return _progress(t, None, last, basis, True)
    observed = cagr(first, last, last_year - base)
    needed = cagr(first, t.value, span)
    if observed is None or needed is None:
        return Assessment(t.id, "no data")
    return _progress(t, observed / needed if needed else None, last, basis, False)


def _progress(t: Target, ratio: float | None, actual: float, basis: str, achieved: bool) -> Assessment:
    """An Open SDG progress category turned into on track / at risk."""
    if achieved:
        category = "achieved"
    elif ratio is None:
        return Assessment(t.id, "no data", actual=actual, basis=basis)
    else:
        category = progress_category(ratio)
    status: Status = "on track" if category in ("achieved", "substantial") else "at risk"
    margin = None if ratio is None else ratio - 1.0
    return Assessment(t.id, status, margin, actual, basis, category)


def assess_one(t: Target, series: Series | None, tolerance: Tolerance) -> Assessment:
    """The assessment of one target against the observations of its indicator and government."""
    if t.value is None or t.measure == "ratio" or t.comparator not in _JUDGED:
        return Assessment(t.id, "no data", basis="not judged")
    if t.indicator_id is None or not series:
        return Assessment(t.id, "no data")
    year = t.year or t.plan_year
    if year is None:
        return Assessment(t.id, "no data", basis="target has no year")
    if t.plan_year is not None and (year > t.plan_year or t.average):
        if year == t.plan_year:  # 年均 within the plan's own year: an annual rate
            t = replace(t, average=False)
        else:
            return _multi_year(replace(t, year=year), series, tolerance)
    full = _full_year(t, series, year)
    if full is not None:
        return _verdict(t, full[0], tolerance, True, full[1])
    partial = _mid_year(t, series, year)
    if partial is not None:
        return _verdict(t, partial[0], tolerance, False, partial[1])
    return Assessment(t.id, "no data")


def assess(
    targets: Iterable[Target], observations: Iterable[Observation], tolerance: Tolerance | None = None
) -> list[Assessment]:
    """One assessment per target, in the order given; observations are indexed once."""
    tolerance = tolerance or Tolerance()
    index = index_observations(observations)
    return [
        assess_one(t, index.get((t.indicator_id, t.government_id)) if t.indicator_id is not None else None, tolerance)
        for t in targets
    ]


def summary(assessments: Iterable[Assessment]) -> str:
    """"n met / n missed / n on track / n at risk / n no data" (and absences when any)."""
    counts = Counter(a.status for a in assessments)
    parts = [f"{counts.get(s, 0)} {s}" for s in ("met", "missed", "on track", "at risk", "no data")]
    if counts.get("absent"):
        parts.append(f"{counts['absent']} absent")
    return " / ".join(parts)
