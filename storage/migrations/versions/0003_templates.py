"""Stored report templates: ``template_record`` (one row per template version, draft or published).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('template_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('template_id', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('dispatch', sa.String(length=128), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.Column('data_json', sa.Text(), nullable=False),
    sa.Column('notes_json', sa.Text(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'published')", name=op.f('ck_template_record_status')),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], name=op.f('fk_template_record_created_by_user'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_template_record')),
    sa.UniqueConstraint('template_id', 'version', name=op.f('uq_template_record_template_id_version'))
    )
    op.create_index(op.f('ix_template_record_dispatch'), 'template_record', ['dispatch'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_template_record_dispatch'), table_name='template_record')
    op.drop_table('template_record')
