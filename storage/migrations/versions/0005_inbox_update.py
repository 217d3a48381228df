"""Received messenger updates waiting for a worker (``inbox_update``, webhook mode with N workers).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('inbox_update',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=32), nullable=False),
    sa.Column('update_id', sa.BigInteger(), nullable=False),
    sa.Column('user_key', sa.String(length=128), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.Column('taken_at', sa.DateTime(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inbox_update')),
    sa.UniqueConstraint('channel', 'update_id', name=op.f('uq_inbox_update_channel_update_id'))
    )
    op.create_index(op.f('ix_inbox_update_done_at'), 'inbox_update', ['done_at'], unique=False)
    op.create_index('ix_inbox_update_pending', 'inbox_update', ['channel', 'user_key', 'update_id'], unique=False,
                    postgresql_where=sa.text('done_at IS NULL'), sqlite_where=sa.text('done_at IS NULL'))


def downgrade() -> None:
    op.drop_index('ix_inbox_update_pending', table_name='inbox_update')
    op.drop_index(op.f('ix_inbox_update_done_at'), table_name='inbox_update')
    op.drop_table('inbox_update')
