"""search at corpus scale (issue 13), PostgreSQL: plans found by their character pairs

A plan search reads the newest plans' texts until it has a page of hits, and asks an index for the rest
when hits are sparse (`search_index._pg_newest`). Plans' texts had only a trigram index (0004), which
cannot answer a term of one or two characters: a rare place name such as 坪山 was a scan of every plan's
text (0.5 s at 6,500 plans of 57 KB, ≈ 4 s at 56,000). This index holds each plan's lowered title and text
as the array of their overlapping character pairs (`planwatch_bigrams` of 0011, split on spaces;
``COLLATE "C"``: pairs compare byte by byte), so a term of two characters or more is narrowed to the plans
holding all of the pairs of its lowered form (``@>``), letters in any case included (GDP, LNG);
``strpos()``/``ILIKE`` still decide. It replaces the trigram index of plan texts, which cost the server more
to keep up to date (inserting a plan into a table of 3,000: 37 ms against 28). Building it here reads every
plan's text once (≈ 16 ms a plan) and blocks writes to plans meanwhile.

The downgrade builds the trigram index again (with pg_trgm).

Revision ID: 0019_pg_plan_pairs
Revises: 0018_plan_government
Create Date: 2026-12-04 21:20:00

"""
from typing import Sequence, Union

from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0019_pg_plan_pairs'
down_revision: Union[str, Sequence[str], None] = '0018_plan_government'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

INDEX = "ix_plan_pairs"  # as search_index.PLAN_PAIRS
PAIRS = "(string_to_array(planwatch_bigrams(lower(title)) || ' ' || planwatch_bigrams(lower(text)), ' ') COLLATE \"C\")"  # as search_index
TRIGRAMS = "ix_plan_text_trgm"  # 0004's


def upgrade() -> None:
    """Upgrade schema."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f'CREATE INDEX IF NOT EXISTS {INDEX} ON "plan" USING gin ({PAIRS})')
    op.execute(f"DROP INDEX IF EXISTS {TRIGRAMS}")


def downgrade() -> None:
    """Downgrade schema."""
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    if bind.exec_driver_sql("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").first() is not None:
        op.execute(f'CREATE INDEX IF NOT EXISTS {TRIGRAMS} ON "plan" USING gin ("text" gin_trgm_ops)')
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
