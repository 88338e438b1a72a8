"""ingest at corpus scale (issue 13): the writer's cost stops growing as fast with the database

An ingest writer's cost per report grew with the database: 44 ms in an empty SQLite file,
72 ms once it held 3,000 reports (``benchmarks/corpus.py``'s documents). Two causes:

- **SQLite: the pair indexes merged their segments too often.** FTS5 keeps an index as
  segments and merges them as it grows. With its defaults (``automerge`` 4, ``hashsize`` 1 MiB)
  a writer's batch of 64 reports (≈ 4 million pairs) was flushed as several small segments,
  merged again and again, so filling ``task_gram`` and ``plan_gram`` went from 15 to 30 ms a
  report. Each pair index now merges 8 segments of a level at a time and writes a batch as a
  few large segments, not many small ones (``hashsize``, FTS5's limit of pending data before it
  writes a segment: 16 MiB of pairs in the writer's memory). 2 workers ingesting 3,000
  documents, runs alternated with the code before: 14.78, 13.82 → 15.12, 16.23 documents/s. A
  search reads a few more segments (a one-word search at 460,000 records: 7.1 → 8.0 ms p50).
  The settings are stored in each index (its ``_config`` table), so every writer uses them and
  ``'rebuild'`` keeps them.
- **Both: ``ix_record_indicator_id`` was one more random insert for every record** (1.2 ms a
  report at 3,000 reports), and the two indexes that lead with ``indicator_id``
  (``ix_record_indicator_id_year``, ``ix_record_indicator_chart``) answer what it answered,
  foreign-key checks included. It goes.

The downgrade restores FTS5's defaults and the index.

Revision ID: 0021_writer_scale
Revises: 0020_session_epoch
Create Date: 2026-12-05 09:20:00

"""
from typing import Sequence, Union

from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0021_writer_scale'
down_revision: Union[str, Sequence[str], None] = '0020_session_epoch'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

GRAMS = ("record_gram", "task_gram", "plan_gram")  # 0014 and 0016 (search_index.gram_name)
SETTINGS = {"automerge": 8, "hashsize": 16 * 1024 * 1024}  # read back by tests/store/test_search_index.py
DEFAULTS = {"automerge": 4, "hashsize": 1024 * 1024}  # FTS5's own
INDEX = "ix_record_indicator_id"  # 0001_core's


def _configure(settings: dict[str, int]) -> None:
    """Store these FTS5 settings in each pair index there is (SQLite)."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    for gram in GRAMS:
        if bind.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (gram,)).first():
            for name, value in settings.items():
                bind.exec_driver_sql(f"INSERT INTO {gram}({gram}, rank) VALUES (?, ?)", (name, value))


def upgrade() -> None:
    """Upgrade schema."""
    _configure(SETTINGS)
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")


def downgrade() -> None:
    """Downgrade schema."""
    op.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON record (indicator_id)")
    _configure(DEFAULTS)
