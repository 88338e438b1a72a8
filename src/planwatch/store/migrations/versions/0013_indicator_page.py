"""indicator page at a million records (issue 13), third round

The indicator page lists an indicator's newest 200 actuals (newest year, period and id first), of
every government or of the one chosen. With only (indicator_id, government_id, year) to go by, the
database read every actual of the indicator (≈ 1,000 for the busiest one of the benchmark, one
random row read each) and sorted them all for the first 200; in these indexes' order it reads the
newest 200 and stops. The second one extends (indicator_id, government_id, year), which it replaces
(monitoring's look-ups by indicator, government and year use its prefix as before).

Revision ID: 0013_indicator_page
Revises: 0012_dashboard
Create Date: 2026-12-03 22:05:00

"""
from typing import Sequence, Union

from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0013_indicator_page'
down_revision: Union[str, Sequence[str], None] = '0012_dashboard'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

NEWEST = "ix_actual_indicator_newest"
NEWEST_COLUMNS = ["indicator_id", "year", "period", "id"]  # as schema.ACTUAL_NEWEST_COLUMNS
GOVERNMENT = "ix_actual_indicator_government_newest"
GOVERNMENT_COLUMNS = ["indicator_id", "government_id", "year", "period", "id"]  # as schema.ACTUAL_GOVERNMENT_COLUMNS
REPLACED = ("ix_actual_indicator_id_government_id_year", ["indicator_id", "government_id", "year"])  # its prefix


def upgrade() -> None:
    """Upgrade schema."""
    op.create_index(NEWEST, "actual", NEWEST_COLUMNS, unique=False)
    op.create_index(GOVERNMENT, "actual", GOVERNMENT_COLUMNS, unique=False)
    op.drop_index(REPLACED[0], table_name="actual")


def downgrade() -> None:
    """Downgrade schema."""
    op.create_index(REPLACED[0], "actual", REPLACED[1], unique=False)
    op.drop_index(GOVERNMENT, table_name="actual")
    op.drop_index(NEWEST, table_name="actual")
