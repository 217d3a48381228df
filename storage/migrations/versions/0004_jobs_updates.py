"""Background ingest jobs (``ingest_job``) and handled messenger updates (``processed_update``).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('ingest_job',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=256), nullable=False),
    sa.Column('path', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('progress', sa.Text(), nullable=False),
    sa.Column('done', sa.Integer(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('result_json', sa.Text(), nullable=False),
    sa.Column('cancel_requested', sa.Boolean(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('pid', sa.Integer(), nullable=True),
    sa.Column('heartbeat_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("state IN ('queued', 'running', 'done', 'failed', 'cancelled')",
                       name=op.f('ck_ingest_job_state')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_ingest_job_user_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ingest_job'))
    )
    op.create_index(op.f('ix_ingest_job_user_id'), 'ingest_job', ['user_id'], unique=False)
    op.create_index(op.f('ix_ingest_job_state_heartbeat_at'), 'ingest_job', ['state', 'heartbeat_at'], unique=False)
    op.create_table('processed_update',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=32), nullable=False),
    sa.Column('update_id', sa.BigInteger(), nullable=False),
    sa.Column('user_key', sa.String(length=128), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_processed_update')),
    sa.UniqueConstraint('channel', 'update_id', name=op.f('uq_processed_update_channel_update_id'))
    )


def downgrade() -> None:
    op.drop_table('processed_update')
    op.drop_index(op.f('ix_ingest_job_state_heartbeat_at'), table_name='ingest_job')
    op.drop_index(op.f('ix_ingest_job_user_id'), table_name='ingest_job')
    op.drop_table('ingest_job')
