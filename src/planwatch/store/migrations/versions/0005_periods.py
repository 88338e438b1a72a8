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
    """Upgrade schema."""


def downgrade() -> None:
    """Downgrade schema."""
