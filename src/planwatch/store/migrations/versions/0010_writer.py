"""writer speed (issue 13): slot of the store-speed work

Revision ID: 0010_writer
Revises: 0009_hardening
Create Date: 2026-12-03 14:30:00

"""
from typing import Sequence, Union

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision: str = '0010_writer'
down_revision: Union[str, Sequence[str], None] = '0009_hardening'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema (slot: nothing yet)."""


def downgrade() -> None:
    """Downgrade schema (slot: nothing yet)."""
