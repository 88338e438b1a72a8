"""search at scale (issue 13): slot of the dashboard work

Revision ID: 0011_search
Revises: 0010_writer
Create Date: 2026-12-03 14:30:00

"""
from typing import Sequence, Union

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision: str = '0011_search'
down_revision: Union[str, Sequence[str], None] = '0010_writer'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema (slot: nothing yet)."""


def downgrade() -> None:
    """Downgrade schema (slot: nothing yet)."""
