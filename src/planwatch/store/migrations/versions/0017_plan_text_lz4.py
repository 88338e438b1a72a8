"""search and ingest at corpus scale (issue 13), PostgreSQL: plan texts are compressed with lz4

A plan's text (57 KB on average, 170 KB of UTF-8) is stored compressed out of line (TOAST).
PostgreSQL's default method, pglz, is slow both ways. Measured on 6,500 real plans (363 MB):
storing them took 8.9 s with pglz against 2.8 s with lz4 (about 1 ms of the server's CPU a plan
at ingest), and a search reading every text took 1.27 s against 0.79 s (`LIKE`), 0.85 s against
0.36 s (`strpos`); lz4 stores 4 % more. So ``plan.text`` uses lz4 where the server has it
(PostgreSQL 14 or later, built with lz4: ``default_toast_compression`` offers it).

Only texts stored from now on are compressed with lz4: rewriting every plan here would cost as
much as ingesting them again (their trigram index is rebuilt row by row). A plan ingested again
is stored anew. SQLite: nothing changes.

The downgrade sets pglz again for new texts.

Revision ID: 0017_plan_text_lz4
Revises: 0016_plan_pairs
Create Date: 2026-12-04 18:40:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0017_plan_text_lz4'
down_revision: Union[str, Sequence[str], None] = '0016_plan_pairs'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _has_lz4(bind: sa.engine.Connection) -> bool:
    """Whether this PostgreSQL server can compress with lz4 (14 or later, built with it)."""
    row = bind.exec_driver_sql("SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression'").first()
    return row is not None and "lz4" in (row[0] or [])


def upgrade() -> None:
    """Upgrade schema."""
    bind = op.get_bind()
    if bind.dialect.name == "postgresql" and _has_lz4(bind):
        op.execute('ALTER TABLE "plan" ALTER COLUMN "text" SET COMPRESSION lz4')


def downgrade() -> None:
    """Downgrade schema."""
    bind = op.get_bind()
    if bind.dialect.name == "postgresql" and _has_lz4(bind):
        op.execute('ALTER TABLE "plan" ALTER COLUMN "text" SET COMPRESSION pglz')
