"""login sessions end when a user is deactivated: a per-user session epoch in the session stamp

A login session is a signed cookie carrying a stamp of the user's password (store.accounts.session_stamp):
a new password ends every older session. Deactivating a user refused their cookies only while they were
inactive: activated again, a cookie from before (a shared computer, a lost phone) worked again. The stamp
now also covers ``session_epoch``, which deactivation advances, so those cookies stay refused. At 0 (every
user after this migration) the stamp is the one sessions already carry: nobody is logged out by upgrading.

Revision ID: 0020_session_epoch
Revises: 0019_pg_plan_pairs
Create Date: 2026-12-05 04:00:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0020_session_epoch'
down_revision: Union[str, Sequence[str], None] = '0019_pg_plan_pairs'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("app_user") as batch:
        batch.add_column(sa.Column("session_epoch", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("app_user") as batch:
        batch.drop_column("session_epoch")
