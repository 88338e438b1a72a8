"""periods: span, period_start and period of records and actuals; evidence of actuals (issue 8)

Revision ID: 0005_periods
Revises: 0004_search
Create Date: 2026-12-03 11:40:00

"""
from typing import Sequence, Union

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision: str = '0005_periods'
down_revision: Union[str, Sequence[str], None] = '0004_search'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Add span, period_start, period, aspect to records; period fields and evidence to actuals."""
    # record keeps its FTS triggers (0004): plain ADD COLUMN, no table rebuild
    op.add_column("record", sa.Column("span", sa.String(length=8), server_default="year", nullable=False))
    op.add_column("record", sa.Column("period_start", sa.Integer(), nullable=True))
    op.add_column("record", sa.Column("period", sa.String(length=8), nullable=True))
    op.add_column("record", sa.Column("aspect", sa.String(length=8), nullable=True))
    with op.batch_alter_table("actual") as batch:
        batch.add_column(sa.Column("span", sa.String(length=8), server_default="year", nullable=False))
        batch.add_column(sa.Column("period_start", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("aspect", sa.String(length=8), nullable=True))
        batch.add_column(sa.Column("plan_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("quote", sa.Text(), server_default="", nullable=False))
        batch.add_column(sa.Column("start", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("end", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_actual_plan_id_plan", "plan", ["plan_id"], ["id"], ondelete="CASCADE")
        batch.create_index("ix_actual_plan_id", ["plan_id"], unique=False)


def downgrade() -> None:
    """Drop the period and evidence columns."""
    with op.batch_alter_table("actual") as batch:
        batch.drop_index("ix_actual_plan_id")
        batch.drop_constraint("fk_actual_plan_id_plan", type_="foreignkey")
        for name in ("end", "start", "quote", "plan_id", "aspect", "period_start", "span"):
            batch.drop_column(name)
    for name in ("aspect", "period", "period_start", "span"):
        op.drop_column("record", name)
