"""dashboard at a million records (issue 13), second round

The indicator page's chart reads one point per government, measure, kind and year (the first
record of each, and how many there are) by grouping an indicator's records of its governments'
plans. 0011's index (indicator_id, plan_id) found those records, but every one of them was then
read from the table for its year, measure, kind, value and span (≈ 2,700 random row reads for the
busiest indicator at a million records). This index holds those columns too (and the id on
PostgreSQL, where it is not implicit), so the grouping reads the index alone; it replaces 0011's
index, which is its prefix (the governments' record counts still use it).

Revision ID: 0012_dashboard
Revises: 0011_search
Create Date: 2026-12-03 17:40:00

"""
from typing import Sequence, Union

from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0012_dashboard'
down_revision: Union[str, Sequence[str], None] = '0011_search'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

CHART = "ix_record_indicator_chart"
CHART_COLUMNS = ["indicator_id", "plan_id", "year", "measure", "kind", "value", "span"]  # as schema.CHART_COLUMNS
REPLACED = ("ix_record_indicator_id_plan_id", ["indicator_id", "plan_id"])  # 0011's, a prefix of the new one


def upgrade() -> None:
    """Upgrade schema."""
    op.create_index(CHART, "record", CHART_COLUMNS, unique=False, postgresql_include=["id"])
    op.drop_index(REPLACED[0], table_name="record")


def downgrade() -> None:
    """Downgrade schema."""
    op.create_index(REPLACED[0], "record", REPLACED[1], unique=False)
    op.drop_index(CHART, table_name="record")
