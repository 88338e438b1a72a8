"""writer speed (issue 13), PostgreSQL: records and tasks are narrowed by the character-pair index alone

PostgreSQL kept the text of every record and task in two kinds of GIN index: trigrams per
column (0004, ``gin_trgm_ops``) and character pairs (0011, ``ix_<t>_gram``). Every term is
matched with ``ILIKE`` and ranked by ``similarity()`` row by row; an index only narrows the
rows to look at. A term of three characters or more is narrowed as well by all of its pairs
(新增学位 → 新增 & 增学 & 学位) in the pair index, so the trigram indexes of records and tasks go:
keeping them up to date was ≈ 15 % of the server's CPU while an ingest writes. Plans keep
theirs. SQLite: nothing changes (0014_pair_index did the same there).

The downgrade builds the trigram indexes again.

Revision ID: 0015_pg_pair_index
Revises: 0014_pair_index
Create Date: 2026-12-04 14:50:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0015_pg_pair_index'
down_revision: Union[str, Sequence[str], None] = '0014_pair_index'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

SOURCES = {"record": ("indicator", "quote"), "task": ("object", "suggested_unit", "quote")}  # as 0004


def _has_pairs(bind: sa.engine.Connection) -> bool:
    """Whether 0011 built the pair index here (it needs nothing; 0004's trigram indexes need pg_trgm)."""
    return bind.exec_driver_sql("SELECT 1 FROM pg_class WHERE relname = 'ix_task_gram' AND relkind = 'i'").first() is not None


def upgrade() -> None:
    """Upgrade schema."""
    bind = op.get_bind()
    if bind.dialect.name != "postgresql" or not _has_pairs(bind):
        return
    for table, columns in SOURCES.items():
        for col in columns:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_{col}_trgm")


def downgrade() -> None:
    """Downgrade schema."""
    bind = op.get_bind()
    if bind.dialect.name != "postgresql" or not _has_pairs(bind):
        return
    if bind.exec_driver_sql("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").first() is None:
        return  # 0004 found no pg_trgm and built none
    for table, columns in SOURCES.items():
        for col in columns:
            op.execute(f'CREATE INDEX IF NOT EXISTS ix_{table}_{col}_trgm ON "{table}" USING gin ("{col}" gin_trgm_ops)')
