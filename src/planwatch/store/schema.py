"""The database schema: governments, plans, their sections and records, indicators, actuals, audit log.

SQLAlchemy 2 typed models. Every change here needs an Alembic revision in
``store/migrations/versions/`` (the test ``tests/store/test_migrations.py`` fails otherwise).
Other modules (``store/tasks.py``, ``store/accounts.py``) add their tables to the same `Base`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

LEVELS = ("national", "province", "city", "district", "county")
ACTUAL_SOURCES = ("document", "import", "manual")
YEAR_MIN, YEAR_MAX = 1949, 2100  # the years a plan, target or actual may have (CLI, web and imports check these)


def utcnow() -> datetime:
    """Now, timezone-aware UTC (the time every row is stamped with)."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base shared by every planwatch table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    __table__: ClassVar[Table]  # every model is mapped to a Table (typing: SQLAlchemy declares a FromClause)


class Government(Base):
    """A government whose plans are stored: 国务院, a province, a city, a district, a county."""

    __tablename__ = "government"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    level: Mapped[str | None] = mapped_column(String(16))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("government.id", ondelete="SET NULL"), index=True)

    plans: Mapped[list[Plan]] = relationship(back_populates="government")


class GovernmentAlias(Base):
    """Another name of a stored government (宜良县 of 昆明市宜良县, or the name of one merged into it): an ingest under
    that name lands on the government (`store.governments`)."""

    __tablename__ = "government_alias"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    government_id: Mapped[int] = mapped_column(ForeignKey("government.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(100), unique=True)


class Plan(Base):
    """One ingested document: an annual plan, a work report or a five-year plan."""

    __tablename__ = "plan"
    __table_args__ = (Index("ix_plan_year_ingested_at", "year", "ingested_at"),  # newest first (0007_scale)
                      Index("ix_plan_id_government", "id", "government_id"))  # a plan's government, not its row (0018)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    government_id: Mapped[int] = mapped_column(ForeignKey("government.id", ondelete="RESTRICT"), index=True)
    year: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(32))  # annual_plan / work_report / five_year_plan / other
    doc: Mapped[str] = mapped_column(String(200))  # file stem: the `doc` of its records
    source_name: Mapped[str] = mapped_column(String(300), unique=True)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # How many of its records are targets / results, kept by store.ingest.store_plan (the only writer of
    # records): lists of plans need no count over a million records (0007_scale).
    target_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    result_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    government: Mapped[Government] = relationship(back_populates="plans")
    sections: Mapped[list[Section]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", passive_deletes=True
    )
    records: Mapped[list[Record]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", passive_deletes=True
    )


class PlanTextKey(Base):
    """A plan's `store.ingest.text_key`, its text without layout: a file of the same plan in another format
    (its .txt, this its .docx) is that plan, not a second one (0022_plan_text_key). A table of its own, so
    the key is added without writing every plan row again (on PostgreSQL each such write re-indexes the
    plan's text pairs: ≈ 30 minutes for 56,000 plans)."""

    __tablename__ = "plan_text_key"

    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), index=True)


class Section(Base):
    """One heading of a plan's outline; `parent_id` makes the tree."""

    __tablename__ = "section"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("section.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    level: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(300))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    plan: Mapped[Plan] = relationship(back_populates="sections")


class Indicator(Base):
    """A measured thing under its canonical name, with unit, polarity and domain."""

    __tablename__ = "indicator"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    unit: Mapped[str] = mapped_column(String(32), default="")
    polarity: Mapped[str] = mapped_column(String(8), default="neutral")  # higher / lower / neutral
    domain: Mapped[str] = mapped_column(String(32), default="")
    standard: Mapped[bool] = mapped_column(Boolean, default=False)  # from the bundled alias table
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Hidden by a reviewer (`planwatch indicators hide`): a name that is not an indicator; kept for its records.
    hidden: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    aliases: Mapped[list[IndicatorAlias]] = relationship(
        back_populates="indicator", cascade="all, delete-orphan", passive_deletes=True
    )


class IndicatorAlias(Base):
    """Another name of an indicator, stored in its matching key form (see `store.indicators.key`)."""

    __tablename__ = "indicator_alias"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(200), unique=True)

    indicator: Mapped[Indicator] = relationship(back_populates="aliases")


CHART_COLUMNS = ("indicator_id", "plan_id", "year", "measure", "kind", "value", "span")  # ix_record_indicator_chart


class Record(Base):
    """One extracted quantity (every field of the targets spec) tied to its plan, section, indicator."""

    __tablename__ = "record"
    __table_args__ = (
        Index("ix_record_plan_id_kind", "plan_id", "kind"),
        # the dashboard's orders and filters at a million records (0007_scale)
        Index("ix_record_plan_id_position", "plan_id", "position"),
        Index("ix_record_kind_plan_id_position", "kind", "plan_id", "position"),
        Index("ix_record_indicator_id_year", "indicator_id", "year"),
        # a year's targets in plan order (0011_search)
        Index("ix_record_year_kind_plan_id_position", "year", "kind", "plan_id", "position"),
        # an indicator's governments and chart points, read from the index alone (0012_dashboard; it
        # replaces 0011's (indicator_id, plan_id), its prefix)
        Index("ix_record_indicator_chart", *CHART_COLUMNS, postgresql_include=["id"]),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    section_id: Mapped[int | None] = mapped_column(ForeignKey("section.id", ondelete="SET NULL"), index=True)
    # no index of its own: ix_record_indicator_id_year and ix_record_indicator_chart lead with it (0021_writer_scale)
    indicator_id: Mapped[int | None] = mapped_column(ForeignKey("indicator.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(Integer)
    doc: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(8))  # result / target
    indicator: Mapped[str] = mapped_column(String(300))
    measure: Mapped[str] = mapped_column(String(8))
    value: Mapped[float | None] = mapped_column(Double)
    value_max: Mapped[float | None] = mapped_column(Double)
    unit: Mapped[str] = mapped_column(String(32))
    comparator: Mapped[str] = mapped_column(String(8))
    year: Mapped[int | None] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    section: Mapped[str] = mapped_column(Text, default="")
    strength: Mapped[str | None] = mapped_column(String(8))
    polarity: Mapped[str | None] = mapped_column(String(8))
    optional: Mapped[bool] = mapped_column(Boolean, default=False)
    extra: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    # The period the value covers (spec "The period a value covers"): year / average / total / part.
    span: Mapped[str] = mapped_column(String(8), default="year", server_default="year")
    period_start: Mapped[int | None] = mapped_column(Integer)
    period: Mapped[str | None] = mapped_column(String(8))
    aspect: Mapped[str | None] = mapped_column(String(8))  # stock / addition / gap
    # A result that is a year-end estimate (预计 governs it: `extract.estimates`), not a final figure (0026_estimates).
    estimate: Mapped[bool] = mapped_column(Boolean, server_default=false())  # no Python default: rows written
    # without it (imports, entries, an older schema's inserts) take the database's false

    plan: Mapped[Plan] = relationship(back_populates="records")


ACTUAL_NEWEST_COLUMNS = ("indicator_id", "year", "period", "id")  # ix_actual_indicator_newest
ACTUAL_GOVERNMENT_COLUMNS = ("indicator_id", "government_id", "year", "period", "id")  # …_government_newest


class Actual(Base):
    """An observed value of an indicator for one government and period, with where it came from."""

    __tablename__ = "actual"
    __table_args__ = (
        # an indicator's newest actuals in the order its page lists them, of all governments or of one
        # (0013_indicator_page; the second replaces (indicator_id, government_id, year), its prefix)
        Index("ix_actual_indicator_newest", *ACTUAL_NEWEST_COLUMNS),
        Index("ix_actual_indicator_government_newest", *ACTUAL_GOVERNMENT_COLUMNS),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    government_id: Mapped[int] = mapped_column(ForeignKey("government.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    period: Mapped[str] = mapped_column(String(8), default="")  # "" full year, Q1-Q3, H1, M01-M11
    measure: Mapped[str] = mapped_column(String(8))  # level / growth / share / points
    value: Mapped[float] = mapped_column(Double)
    unit: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(16))  # document / import / manual
    record_id: Mapped[int | None] = mapped_column(ForeignKey("record.id", ondelete="CASCADE"), index=True)
    who: Mapped[str] = mapped_column(String(100), default="")
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")
    # The period it covers (year, or average / total from period_start to year) and its kind of amount.
    span: Mapped[str] = mapped_column(String(8), default="year", server_default="year")
    period_start: Mapped[int | None] = mapped_column(Integer)
    aspect: Mapped[str | None] = mapped_column(String(8))
    # Evidence: the document and the words it came from (offsets into the plan's text).
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    quote: Mapped[str] = mapped_column(Text, default="", server_default="")
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    # The value is a year-end estimate (预计), not a final figure: a document actual of an estimated result
    # (`Record.estimate`). Monitoring prefers a final figure of the same year and says when a verdict rests on it.
    estimate: Mapped[bool] = mapped_column(Boolean, server_default=false())  # no Python default: rows written
    # without it (imports, entries, an older schema's inserts) take the database's false


class AuditLog(Base):
    """One write to the database: who did what to which row, when."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    who: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)


__all__ = [
    "ACTUAL_SOURCES", "LEVELS", "YEAR_MAX", "YEAR_MIN", "Actual", "AuditLog", "Base", "Government", "Indicator",
    "IndicatorAlias", "Plan", "Record", "Section", "utcnow",
]
