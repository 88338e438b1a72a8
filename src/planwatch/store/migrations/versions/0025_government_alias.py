"""another name of a government: ``government_alias``

One county typed by two people ("昆明市宜良县" in one manifest row, "宜良县" in another) became two governments, and
the next year's report judged nothing. `planwatch governments merge` and `rename` now keep the old name as an alias,
so a later ingest under it lands on the government it names (``store.governments``). A new table: nothing stored
before changes.

Revision ID: 0025_government_alias
Revises: 0024_task_named_unit
Create Date: 2026-12-06 19:45:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0025_government_alias'
down_revision: Union[str, Sequence[str], None] = '0024_task_named_unit'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "government_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("government_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["government_id"], ["government.id"],
                                name=op.f("fk_government_alias_government_id_government"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_government_alias")),
        sa.UniqueConstraint("alias", name=op.f("uq_government_alias_alias")),
    )
    op.create_index(op.f("ix_government_alias_government_id"), "government_alias", ["government_id"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f("ix_government_alias_government_id"), table_name="government_alias")
    op.drop_table("government_alias")
