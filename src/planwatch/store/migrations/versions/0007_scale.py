"""scale: content hashes for resumable bulk ingest, indexes for the dashboard's queries (issue 13)

Revision ID: 0007_scale
Revises: 0006_supervision
Create Date: 2026-12-03 11:40:00

"""
from typing import Sequence, Union

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision: str = '0007_scale'
down_revision: Union[str, Sequence[str], None] = '0006_supervision'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""


def downgrade() -> None:
    """Downgrade schema."""
