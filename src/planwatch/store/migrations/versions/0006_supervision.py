"""supervision: co-units, milestones, sign-off, evidence files, reporting rounds, unit hierarchy (issue 10)

Revision ID: 0006_supervision
Revises: 0005_periods
Create Date: 2026-12-03 11:40:00

"""
from typing import Sequence, Union

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision: str = '0006_supervision'
down_revision: Union[str, Sequence[str], None] = '0005_periods'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""


def downgrade() -> None:
    """Downgrade schema."""
