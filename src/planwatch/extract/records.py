"""The records the extractor returns: one `Quantity` per result or target in the text.

Fields follow ``shared/spec/targets.md``; the extra fields (section, strength,
polarity, optional) are planwatch's own and ignored by the scorer.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Kind = Literal["result", "target"]
Measure = Literal["level", "growth", "share", "points", "ratio"]
Comparator = Literal["≈", ">=", ">", "<=", "<", "=", "between"]
Strength = Literal["hard", "soft"]
Polarity = Literal["higher", "lower", "neutral"]
Span = Literal["year", "average", "total", "part"]
Aspect = Literal["stock", "addition", "gap"]

SPEC_FIELDS = (
    "doc", "kind", "indicator", "measure", "value", "value_max", "unit",
    "comparator", "year", "quote", "start", "end",
)


@dataclass(slots=True)
class Quantity:
    """One quantity stated in a plan: a result it reports or a target it sets."""

    doc: str
    kind: Kind
    indicator: str
    measure: Measure
    value: float | None
    unit: str
    comparator: Comparator
    year: int | None
    quote: str
    start: int
    end: int
    value_max: float | None = None
    section: str = ""
    strength: Strength | None = None
    polarity: Polarity | None = None
    optional: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    # The period the value covers (spec, "The period a value covers"; filled by `extract.period`).
    span: Span = "year"
    period_start: int | None = None
    period: str | None = None
    aspect: Aspect | None = None  # stock / addition / gap (a difference against another figure)
    # A result that is a year-end estimate (预计 in its sentence, its lead or its heading; `extract.estimates`), not a
    # final figure: monitoring prefers a final one of the same year and says when a verdict rests on it.
    estimate: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The record as a JSON-ready dict: spec fields first, then planwatch's own."""
        data = asdict(self)
        extra = data.pop("extra")
        ordered = {name: data.pop(name) for name in SPEC_FIELDS}
        ordered.update(data)
        ordered.update(extra)
        return ordered


@dataclass(slots=True)
class Task:
    """One commitment (or, in a results section, one achievement): an action on an object."""

    doc: str
    group: str
    action: str
    object: str
    quote: str
    start: int
    end: int
    section: str = ""
    domain: str = ""
    kind: Literal["task", "achievement"] = "task"
    entities: list[str] = field(default_factory=list)
    quantities: list[int] = field(default_factory=list)
    group_index: int = 0  # ordinal of the group in the document
    group_label: str = ""  # e.g. "（一）1."
    group_start: int = 0  # offset where the group begins
    period_end: int | None = None  # last year of the period it is due in, when not the plan year (five-year tasks)
    title: str = ""  # the task's own clause, as a reader would name it
    lead_unit: str = ""  # the lead unit the text itself names (a 分工方案's "（区科技局主办，…协办）"), if any
    time_limit: str = ""  # the time limit a table's cell sets it ("5月底前动工", "2016年9月"), if any
    issuer: str = ""  # the body whose plan the document is, as its head names it ("教育体育局", "市水利局"), if any

    def to_dict(self) -> dict[str, Any]:
        """The task as a JSON-ready dict."""
        return asdict(self)
