"""the same plan laid out differently is one plan: each plan's text key, without whitespace

A plan's content hash (``plan.content_hash``, SHA-256 of the text as read) is how an ingest
knows a file is stored already. The same plan as a .txt (paragraphs between blank lines) and as
a .docx (paragraph marks), or saved from a page with other line breaks, had two hashes, so a
corpus holding both, as a government's site often offers them, stored two plans and counted
every record twice. ``plan_text_key`` keeps each plan's key of its text without whitespace and
invisible characters (``store.ingest.text_key``); an ingest finds the plan of another file
with the same key and reports the file ``unchanged``. This migration computes the key of
every stored plan from its text.

A table of its own, not a column of ``plan``: writing every plan row again would, on
PostgreSQL, index each plan's text pairs again (``ix_plan_pairs``, 0019): ≈ 33 ms a plan,
half an hour for 56,000 plans. Inserting the keys reads each text once (56,000 plans ≈ 3 GB).

Plans already stored twice stay as they are (both now have the same key): a migration does not
choose which of the two to drop.

Revision ID: 0022_plan_text_key
Revises: 0021_writer_scale
Create Date: 2026-12-05 11:50:00

"""
import hashlib
import logging
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0022_plan_text_key'
down_revision: Union[str, Sequence[str], None] = '0021_writer_scale'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

log = logging.getLogger("planwatch.store.migrations")
CHUNK = 200  # plans read at a time (their texts as Python strings: ≈ 23 MB at a report's 57 KB)
TELL = 2000  # plans from which the migration says what it is doing (it reads every text)
PLAN = sa.table("plan", sa.column("id", sa.Integer), sa.column("text", sa.Text))
KEY = sa.table("plan_text_key", sa.column("plan_id", sa.Integer), sa.column("key", sa.String))
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # zero-width space, joiners, word joiner, BOM, soft hyphen
_DROP_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE))


def text_key(text: str) -> str:
    """``store.ingest.text_key`` as of this revision (frozen here)."""
    visible = "".join(text.split())
    if any(ch in visible for ch in _INVISIBLE):
        visible = visible.translate(_DROP_INVISIBLE)
    return hashlib.sha256(visible.encode("utf-8")).hexdigest()


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "plan_text_key",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_plan_text_key_plan_id_plan"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("plan_id", name=op.f("pk_plan_text_key")),
    )
    op.create_index(op.f("ix_plan_text_key_key"), "plan_text_key", ["key"], unique=False)
    fill(op.get_bind())


def fill(bind: sa.Connection, chunk: int = CHUNK) -> None:
    """Insert the key of every plan's text, `chunk` plans at a time (by id)."""
    total = bind.execute(sa.select(sa.func.count()).select_from(PLAN)).scalar_one()
    if total >= TELL:
        log.warning("computing the text key of %d stored plans (reads every plan's text once)", total)
    after = 0
    while True:
        rows = bind.execute(sa.select(PLAN.c.id, PLAN.c.text).where(PLAN.c.id > after)
                            .order_by(PLAN.c.id).limit(chunk)).all()
        if not rows:
            return
        bind.execute(KEY.insert(), [{"plan_id": plan_id, "key": text_key(text or "")} for plan_id, text in rows])
        after = rows[-1][0]


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f("ix_plan_text_key_key"), table_name="plan_text_key")
    op.drop_table("plan_text_key")
