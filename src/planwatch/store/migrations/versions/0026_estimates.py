"""year-end estimates: ``record.estimate`` and ``actual.estimate``

A plan written in December or January reviews its closing year in estimates ("预计全县地区生产总值完成185.6亿元，增长
6.2%", "预计2018年主要指标完成情况如下："). Until this revision they were stored and judged as final figures, and the
evidence quoted dropped the 预计. Extraction now marks them (``extract.estimates``); the two new columns keep the mark
on the record and on the document actual made from it, and monitoring prefers a final figure of the same year.

The upgrade marks what is already stored: the plans whose text says 预计 and that have results are read once each
(≈ 5 ms a plan for the outline), their results marked by the rule extraction applies, and each marked result's document
actual gets the mark and the quote with its 预计 (as a new ingest writes it). Entered and imported actuals are final
figures: not touched.

Revision ID: 0026_estimates
Revises: 0025_government_alias
Create Date: 2026-12-06 19:40:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0026_estimates'
down_revision: Union[str, Sequence[str], None] = '0025_government_alias'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

PLAN = sa.table("plan", sa.column("id", sa.Integer), sa.column("text", sa.Text))
RECORD = sa.table("record", sa.column("id", sa.Integer), sa.column("plan_id", sa.Integer),
                  sa.column("kind", sa.String), sa.column("quote", sa.Text), sa.column("start", sa.Integer),
                  sa.column("end", sa.Integer), sa.column("estimate", sa.Boolean))
ACTUAL = sa.table("actual", sa.column("id", sa.Integer), sa.column("record_id", sa.Integer),
                  sa.column("source", sa.String), sa.column("quote", sa.Text), sa.column("start", sa.Integer),
                  sa.column("estimate", sa.Boolean))


def upgrade() -> None:
    """Add the columns (plain ADD COLUMN: a batch copy of `record` would lose its search triggers, 0004/0011), then
    mark the stored estimates."""
    op.add_column("record", sa.Column("estimate", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("actual", sa.Column("estimate", sa.Boolean(), nullable=False, server_default=sa.false()))
    mark(op.get_bind())


def mark(bind: sa.Connection) -> int:
    """Mark the stored results 预计 governs (and their document actuals); returns how many records."""
    from planwatch.documents.normalize import normalize
    from planwatch.documents.outline import build_outline
    from planwatch.extract.estimates import mark_estimates
    from planwatch.extract.records import Quantity

    with_results = sa.select(RECORD.c.plan_id).where(RECORD.c.kind == "result").distinct()
    plan_ids = bind.execute(sa.select(PLAN.c.id).where(PLAN.c.id.in_(with_results), PLAN.c.text.contains("预计"))
                            .order_by(PLAN.c.id)).scalars().all()
    marked = 0
    for plan_id in plan_ids:
        text = bind.execute(sa.select(PLAN.c.text).where(PLAN.c.id == plan_id)).scalar_one() or ""
        rows = bind.execute(sa.select(RECORD.c.id, RECORD.c.quote, RECORD.c.start, RECORD.c.end)
                            .where(RECORD.c.plan_id == plan_id, RECORD.c.kind == "result")).all()
        stubs = [Quantity("", "result", "", "level", None, "", "=", None, quote or "", start, end)
                 for _id, quote, start, end in rows]
        norm = normalize(text)
        mark_estimates(stubs, norm, build_outline(norm.text))
        for (record_id, *_), q in zip(rows, stubs, strict=True):
            if not q.estimate:
                continue
            marked += 1
            bind.execute(RECORD.update().where(RECORD.c.id == record_id).values(estimate=True))
            values: dict[str, object] = {"estimate": True}
            if "estimate_quote" in q.extra:
                values.update(quote=q.extra["estimate_quote"], start=q.extra["estimate_start"])
            bind.execute(ACTUAL.update().where(ACTUAL.c.record_id == record_id, ACTUAL.c.source == "document")
                         .values(**values))
    return marked


def downgrade() -> None:
    """Drop the columns (ALTER TABLE … DROP COLUMN, SQLite 3.35+: no table copy); the document actuals keep the
    quote with its 预计."""
    op.drop_column("actual", "estimate")
    op.drop_column("record", "estimate")
