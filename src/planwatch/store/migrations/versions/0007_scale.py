"""scale: content hashes for resumable bulk ingest, indexes for the dashboard's queries (issue 13)

Revision ID: 0007_scale
Revises: 0006_supervision
Create Date: 2026-12-03 11:40:00

"""
from typing import Sequence, Union

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision: str = '0007_scale'
down_revision: Union[str, Sequence[str], None] = '0006_supervision'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


RECORD_INDEXES = {
    "ix_record_plan_id_position": ["plan_id", "position"],
    "ix_record_kind_plan_id_position": ["kind", "plan_id", "position"],
    "ix_record_indicator_id_year": ["indicator_id", "year"],
    "ix_record_year_kind": ["year", "kind"],
}


def upgrade() -> None:
    """Indexes for the dashboard's orders and filters; per-plan record counts (filled from the records)."""
    for name, columns in RECORD_INDEXES.items():
        op.create_index(name, "record", columns, unique=False)
    op.create_index("ix_plan_year_ingested_at", "plan", ["year", "ingested_at"], unique=False)
    op.add_column("plan", sa.Column("target_count", sa.Integer(), server_default="0", nullable=False))
    op.add_column("plan", sa.Column("result_count", sa.Integer(), server_default="0", nullable=False))
    op.execute("UPDATE plan SET "
               "target_count = (SELECT count(*) FROM record WHERE record.plan_id = plan.id AND record.kind = 'target'), "
               "result_count = (SELECT count(*) FROM record WHERE record.plan_id = plan.id AND record.kind = 'result')")


def downgrade() -> None:
    """Drop them again."""
    for column in ("result_count", "target_count"):  # ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35): no table copy
        op.execute(f"ALTER TABLE plan DROP COLUMN {column}")
    op.drop_index("ix_plan_year_ingested_at", table_name="plan")
    for name in RECORD_INDEXES:
        op.drop_index(name, table_name="record")
