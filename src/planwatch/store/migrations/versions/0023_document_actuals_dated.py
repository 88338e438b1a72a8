"""document actuals only of dated results: drop those of a guessed year and undated bases

Until this revision a plan's result with no year (the base of "从54万亿元增加到82.7万亿元", which
extraction leaves undated) became an actual of the plan's year minus one, and the undated base of a
change extraction had dated ("国内生产总值从不到70万亿元增加到超过100万亿元": 70万亿 as of 2020)
the level of the year its change is reported for: verdicts and charts could use them. New ingests
make neither (extraction leaves such a base undated, and ``store.ingest._document_actuals`` makes
no actual of an undated result); this migration deletes the document actuals stored that way.
Their records stay (what the plan says); entered and imported actuals are not touched. The bases an
older extraction dated are recognised below from the record's quote and the 16 characters of the
plan's text after it, read with the database's ``substr`` (no plan text is read whole).

Revision ID: 0023_document_actuals_dated
Revises: 0022_plan_text_key
Create Date: 2026-12-06 03:00:00

"""
from typing import Sequence, Union

import regex
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0023_document_actuals_dated'
down_revision: Union[str, Sequence[str], None] = '0022_plan_text_key'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

ACTUAL = sa.table("actual", sa.column("id", sa.Integer), sa.column("source", sa.String),
                  sa.column("record_id", sa.Integer))
RECORD = sa.table("record", sa.column("id", sa.Integer), sa.column("plan_id", sa.Integer),
                  sa.column("year", sa.Integer), sa.column("quote", sa.Text), sa.column("end", sa.Integer))
PLAN = sa.table("plan", sa.column("id", sa.Integer), sa.column("text", sa.Text))
CHUNK = 500  # actual ids deleted a statement

# "从X增加到Y", "由X提高至Y", "从X到Y": X opens a change (the clause's last 从/由, no year, 去年/上年 or 十N五
# right after it) and a change verb with 到/至/为 follows it
_BASE_OPENS = regex.compile(r"(?:从|由)(?!\d{4}年|去年|上年|“?十[一二三四五六]五)(?:不到|[^，。；：！？、从由到至]){0,20}$")
_CHANGE_TO = regex.compile(
    r"[^，。；：！？\d]{0,3}?(?:(?:提高|提升|增加|增长|下降|降低|减少|扩大|缩小|跃升|攀升|上升|回升|回落|下滑|压减|缩减|"
    r"调整|降|增|升)(?:到|至|为)|到|至)")


def undated_base(quote: str, after: str) -> bool:
    """Whether the value `quote` ends with is the undated base of a change and `after` the text following it."""
    return _BASE_OPENS.search(quote) is not None and _CHANGE_TO.match(after) is not None


def upgrade() -> None:
    """Delete the document actuals of undated results and of undated bases."""
    drop(op.get_bind())


def drop(bind: sa.Connection) -> int:
    """Delete them; returns how many."""
    document = (ACTUAL.c.source == "document")
    undated = bind.execute(sa.select(ACTUAL.c.id).join(RECORD, RECORD.c.id == ACTUAL.c.record_id)
                           .where(document, RECORD.c.year.is_(None))).scalars().all()
    # a base opens with 从 or 由: only those quotes are checked, with the text after them
    after = sa.func.substr(PLAN.c.text, RECORD.c.end + 1, 16)
    bases = [actual_id for actual_id, quote, following in bind.execute(
        sa.select(ACTUAL.c.id, RECORD.c.quote, after)
        .join(RECORD, RECORD.c.id == ACTUAL.c.record_id).join(PLAN, PLAN.c.id == RECORD.c.plan_id)
        .where(document, RECORD.c.year.is_not(None), sa.or_(RECORD.c.quote.contains("从"), RECORD.c.quote.contains("由"))))
        if undated_base(quote or "", following or "")]
    ids = [*undated, *bases]
    for i in range(0, len(ids), CHUNK):
        bind.execute(ACTUAL.delete().where(ACTUAL.c.id.in_(ids[i:i + CHUNK])))
    return len(ids)


def downgrade() -> None:
    """Nothing to undo: the deleted actuals were wrong (a new ingest of the plan would not make them)."""
