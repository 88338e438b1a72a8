"""indicator page at corpus scale (issue 13): each plan's government from a small index

The indicator page counts the indicator's records by government: its records counted by plan (the
record index), then each plan's government. SQLite read that from the plan's row, whose first page
also holds the start of its 57 KB text: one page read a plan, 15 ms for the busiest indicator's 6,500
plans. This index of (id, government_id) answers it from pages of a few hundred plans each (5.8 ms;
the page names it, ``INDEXED BY``, since SQLite otherwise always looks a row up by its id).
PostgreSQL does not need it (it hashes the plans once) but has it too: the schema is one.

Revision ID: 0018_plan_government
Revises: 0017_plan_text_lz4
Create Date: 2026-12-04 21:10:00

"""
from typing import Sequence, Union

from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0018_plan_government'
down_revision: Union[str, Sequence[str], None] = '0017_plan_text_lz4'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

INDEX = "ix_plan_id_government"  # as schema.Plan's and web.indicator_series._SQLITE_COUNTS


def upgrade() -> None:
    """Upgrade schema."""
    op.create_index(INDEX, "plan", ["id", "government_id"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(INDEX, table_name="plan")
