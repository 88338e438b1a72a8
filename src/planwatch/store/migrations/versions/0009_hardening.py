"""hardening: login attempts for rate limiting (issue 12)

Revision ID: 0009_hardening
Revises: 0008_indicator_review
Create Date: 2026-12-03 11:40:00

"""
from typing import Sequence, Union

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision: str = '0009_hardening'
down_revision: Union[str, Sequence[str], None] = '0008_indicator_review'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""


def downgrade() -> None:
    """Downgrade schema."""
