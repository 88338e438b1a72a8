"""the same plan laid out differently is the same content: plans' content hashes skip whitespace

A plan's content hash (``plan.content_hash``) is how an ingest knows a document is stored already
(``unchanged``, and a rerun of a corpus skips it). It was the SHA-256 of the text as read, so
the same plan as a .txt (paragraphs between blank lines) and as a .docx (paragraph marks), or
saved from a page with other line breaks, was two plans: a corpus holding both, as a
government's site often offers them, counted every record twice. The hash is now of the text's
characters other than whitespace (``store.ingest.text_hash``). This migration recomputes it for
every stored plan from its stored text, so a rerun over an existing database still skips what
it holds; the downgrade computes the old one again.

Plans already stored twice stay as they are (both now carry the same hash): a migration does
not choose which of the two to drop.

Revision ID: 0022_layout_free_hash
Revises: 0021_writer_scale
Create Date: 2026-12-05 12:10:00

"""
import hashlib
import logging
from collections.abc import Callable
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0022_layout_free_hash'
down_revision: Union[str, Sequence[str], None] = '0021_writer_scale'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

log = logging.getLogger(__name__)
CHUNK = 200  # plans read and updated at a time (their texts: ≈ 11 MB at a report's 57 KB)
PLAN = sa.table("plan", sa.column("id", sa.Integer), sa.column("text", sa.Text), sa.column("content_hash", sa.String))


def layout_free(text: str) -> str:
    """The hash from this revision on (as store.ingest.text_hash, frozen here)."""
    return hashlib.sha256("".join(text.split()).encode("utf-8")).hexdigest()


def as_read(text: str) -> str:
    """The hash before it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _rehash(digest: Callable[[str], str]) -> None:
    """Set every plan's content hash to `digest` of its text, `CHUNK` plans at a time (by id)."""
    bind = op.get_bind()
    total = bind.execute(sa.select(sa.func.count()).select_from(PLAN)).scalar_one()
    if total > 10 * CHUNK:
        log.info("recomputing the content hash of %d stored plans", total)
    update = PLAN.update().where(PLAN.c.id == sa.bindparam("plan_id")).values(content_hash=sa.bindparam("digest"))
    after = 0
    while True:
        rows = bind.execute(sa.select(PLAN.c.id, PLAN.c.text, PLAN.c.content_hash).where(PLAN.c.id > after)
                            .order_by(PLAN.c.id).limit(CHUNK)).all()
        if not rows:
            return
        changed = [{"plan_id": plan_id, "digest": new} for plan_id, text, old in rows
                   if (new := digest(text or "")) != old]
        if changed:
            bind.execute(update, changed)
        after = rows[-1][0]


def upgrade() -> None:
    """Upgrade schema."""
    _rehash(layout_free)


def downgrade() -> None:
    """Downgrade schema."""
    _rehash(as_read)
