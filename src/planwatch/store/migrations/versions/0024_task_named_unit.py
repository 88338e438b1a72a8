"""the lead unit a document names for a task: ``task.named_unit``

A 分工方案 names each item's lead unit in a note ("（区科技局主办，各街道协办）", "牵头单位：区发改委"); extraction reads
it into the task (``extract.records.Task.lead_unit``), and until this revision the store kept only the suggestion made
from it (``suggested_unit``), so pages, API and reports showed the text's own lead unit as a machine's guess. The new
nullable column keeps the named unit(s) as the text writes them; rows stored before stay NULL until their plan's tasks
are extracted again (``planwatch tasks extract``).

Revision ID: 0024_task_named_unit
Revises: 0023_document_actuals_dated
Create Date: 2026-12-06 15:20:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0024_task_named_unit'
down_revision: Union[str, Sequence[str], None] = '0023_document_actuals_dated'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    # plain ADD COLUMN, no table rebuild: a batch copy of `task` would lose its search views and triggers (0004, 0011)
    op.add_column("task", sa.Column("named_unit", sa.String(length=200), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_column("task", "named_unit")  # ALTER TABLE … DROP COLUMN (SQLite 3.35+): no table copy
