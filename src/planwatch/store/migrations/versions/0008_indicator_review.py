"""indicator review: hidden and suspect indicators (issue 9)

Revision ID: 0008_indicator_review
Revises: 0007_scale
Create Date: 2026-12-03 11:40:00

"""
from typing import Sequence, Union

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision: str = '0008_indicator_review'
down_revision: Union[str, Sequence[str], None] = '0007_scale'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Add indicator.hidden: a reviewer hides a registered name that is not an indicator (issue 9)."""
    with op.batch_alter_table("indicator") as batch:
        batch.add_column(sa.Column("hidden", sa.Boolean(), server_default=sa.false(), nullable=False))
    # H9b: achievements are evidence, not tasks: no status, suggested unit or deadline (issue 9 part 4).
    op.execute("UPDATE task SET status = '', suggested_unit = '', deadline = NULL WHERE kind = 'achievement'")


def downgrade() -> None:
    """Drop indicator.hidden (achievements keep their cleared status: the data change is not undone)."""
    with op.batch_alter_table("indicator") as batch:
        batch.drop_column("hidden")
