"""supervision: co-units, milestones, sign-off, evidence files, reporting rounds, unit hierarchy (issue 10)

Revision ID: 0006_supervision
Revises: 0005_periods
Create Date: 2026-12-03 11:40:00

"""
from typing import Sequence, Union

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision: str = '0006_supervision'
down_revision: Union[str, Sequence[str], None] = '0005_periods'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    # --- H10a: supervision cycle (store/supervision.py; columns on task / task_update in store/tasks.py)
    op.add_column('task', sa.Column('progress', sa.Integer(), nullable=True))
    op.add_column('task', sa.Column('signoff', sa.String(length=10), server_default='', nullable=False))
    op.create_index(op.f('ix_task_signoff'), 'task', ['signoff'], unique=False)
    op.add_column('task_update', sa.Column('progress', sa.Integer(), nullable=True))
    op.create_table('task_co_unit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], name=op.f('fk_task_co_unit_task_id_task'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['responsible_unit.id'], name=op.f('fk_task_co_unit_unit_id_responsible_unit'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_co_unit')),
    sa.UniqueConstraint('task_id', 'unit_id', name=op.f('uq_task_co_unit_task_id_unit_id'))
    )
    op.create_index(op.f('ix_task_co_unit_task_id'), 'task_co_unit', ['task_id'], unique=False)
    op.create_index(op.f('ix_task_co_unit_unit_id'), 'task_co_unit', ['unit_id'], unique=False)
    op.create_table('task_milestone',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('done_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], name=op.f('fk_task_milestone_task_id_task'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_milestone'))
    )
    op.create_index(op.f('ix_task_milestone_task_id'), 'task_milestone', ['task_id'], unique=False)
    op.create_table('task_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('update_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=120), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('who', sa.String(length=100), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], name=op.f('fk_task_file_task_id_task'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['update_id'], ['task_update.id'], name=op.f('fk_task_file_update_id_task_update'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_file'))
    )
    op.create_index(op.f('ix_task_file_task_id'), 'task_file', ['task_id'], unique=False)
    op.create_index(op.f('ix_task_file_update_id'), 'task_file', ['update_id'], unique=False)
    op.create_index(op.f('ix_task_file_sha256'), 'task_file', ['sha256'], unique=False)
    op.create_table('report_round',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=True),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('due', sa.Date(), nullable=False),
    sa.Column('closed', sa.Boolean(), nullable=False),
    sa.Column('who', sa.String(length=100), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_report_round_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_round'))
    )
    op.create_index(op.f('ix_report_round_plan_id'), 'report_round', ['plan_id'], unique=False)
    op.create_table('unit_contact',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['responsible_unit.id'], name=op.f('fk_unit_contact_unit_id_responsible_unit'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_contact')),
    sa.UniqueConstraint('unit_id', name=op.f('uq_unit_contact_unit_id'))
    )
    # --- end H10a
    # --- H10b: unit hierarchy (store/unit_registry.py)
    op.create_table('unit_place',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('government_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['unit_id'], ['responsible_unit.id'], name=op.f('fk_unit_place_unit_id_responsible_unit'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['parent_id'], ['responsible_unit.id'],
                            name=op.f('fk_unit_place_parent_id_responsible_unit'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['government_id'], ['government.id'], name=op.f('fk_unit_place_government_id_government'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_place')),
    sa.UniqueConstraint('unit_id', name=op.f('uq_unit_place_unit_id'))
    )
    op.create_index(op.f('ix_unit_place_parent_id'), 'unit_place', ['parent_id'], unique=False)
    op.create_index(op.f('ix_unit_place_government_id'), 'unit_place', ['government_id'], unique=False)
    # --- end H10b


def downgrade() -> None:
    """Downgrade schema."""
    # --- H10b
    op.drop_index(op.f('ix_unit_place_government_id'), table_name='unit_place')
    op.drop_index(op.f('ix_unit_place_parent_id'), table_name='unit_place')
    op.drop_table('unit_place')
    # --- end H10b
    # --- H10a
    op.drop_table('unit_contact')
    op.drop_index(op.f('ix_report_round_plan_id'), table_name='report_round')
    op.drop_table('report_round')
    for name in ('sha256', 'update_id', 'task_id'):
        op.drop_index(op.f(f'ix_task_file_{name}'), table_name='task_file')
    op.drop_table('task_file')
    op.drop_index(op.f('ix_task_milestone_task_id'), table_name='task_milestone')
    op.drop_table('task_milestone')
    op.drop_index(op.f('ix_task_co_unit_unit_id'), table_name='task_co_unit')
    op.drop_index(op.f('ix_task_co_unit_task_id'), table_name='task_co_unit')
    op.drop_table('task_co_unit')
    # plain ALTER TABLE … DROP COLUMN (SQLite 3.35+): a batch copy of `task` would lose the search triggers
    op.drop_column('task_update', 'progress')
    op.drop_index(op.f('ix_task_signoff'), table_name='task')
    op.drop_column('task', 'signoff')
    op.drop_column('task', 'progress')
    # --- end H10a
