"""writer speed (issue 13), second round

Revision ID: 0012_writer
Revises: 0011_search
Create Date: 2026-12-03 17:40:00

"""
from typing import Sequence, Union

# revision identifiers, used by Alembic.
revision: str = '0012_writer'
down_revision: Union[str, Sequence[str], None] = '0011_search'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
