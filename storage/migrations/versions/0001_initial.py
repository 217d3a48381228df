"""Initial schema: users, agency profiles, form sessions, answers with revisions, documents,
reminders, audit log and per-user conversation state.

Written from ``alembic.autogenerate`` output and checked by hand; timestamps are plain
``DateTime`` columns holding UTC (the models wrap them in ``UtcDateTime``).

Revision ID: 0001
Revises:
Create Date: 2026-11-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=32), nullable=False),
    sa.Column('channel_user_id', sa.String(length=128), nullable=False),
    sa.Column('name', sa.String(length=256), nullable=True),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("role IN ('user', 'admin')", name=op.f('ck_user_role')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user')),
    sa.UniqueConstraint('channel', 'channel_user_id', name=op.f('uq_user_channel_channel_user_id'))
    )
    op.create_table('agency_profile',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('co_quan_chu_quan', sa.Text(), nullable=True),
    sa.Column('co_quan', sa.Text(), nullable=True),
    sa.Column('so_ky_hieu', sa.String(length=64), nullable=True),
    sa.Column('dia_danh', sa.String(length=128), nullable=True),
    sa.Column('nguoi_ky', sa.String(length=256), nullable=True),
    sa.Column('chuc_vu', sa.String(length=256), nullable=True),
    sa.Column('noi_nhan', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_agency_profile_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_agency_profile'))
    )
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('detail_json', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_audit_log_user_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    op.create_index(op.f('ix_audit_log_user_id_created_at'), 'audit_log', ['user_id', 'created_at'], unique=False)
    op.create_table('form_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('template_id', sa.String(length=64), nullable=False),
    sa.Column('template_version', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('state_json', sa.Text(), nullable=False),
    sa.Column('current_code', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('completed_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("status IN ('active', 'paused', 'completed', 'cancelled')", name=op.f('ck_form_session_status')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_form_session_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_form_session'))
    )
    op.create_index(op.f('ix_form_session_user_id_status'), 'form_session', ['user_id', 'status'], unique=False)
    op.create_index(op.f('ix_form_session_user_id_template_id_status'), 'form_session', ['user_id', 'template_id', 'status'], unique=False)
    op.create_table('answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=200), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('is_current', sa.Boolean(), nullable=False),
    sa.Column('value_json', sa.Text(), nullable=False),
    sa.Column('raw_text', sa.Text(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['form_session.id'], name=op.f('fk_answer_session_id_form_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_answer')),
    sa.UniqueConstraint('session_id', 'code', 'revision', name=op.f('uq_answer_session_id_code_revision'))
    )
    op.create_index(op.f('ix_answer_session_id_is_current'), 'answer', ['session_id', 'is_current'], unique=False)
    op.create_table('document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('path', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['form_session.id'], name=op.f('fk_document_session_id_form_session'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_document_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document'))
    )
    op.create_index(op.f('ix_document_user_id_created_at'), 'document', ['user_id', 'created_at'], unique=False)
    op.create_table('reminder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('due_at', sa.DateTime(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.Column('cancelled', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['form_session.id'], name=op.f('fk_reminder_session_id_form_session'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_reminder_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder'))
    )
    op.create_index(op.f('ix_reminder_sent_at_cancelled_due_at'), 'reminder', ['sent_at', 'cancelled', 'due_at'], unique=False)
    op.create_index(op.f('ix_reminder_session_id'), 'reminder', ['session_id'], unique=False)
    op.create_table('user_state',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('active_session_id', sa.Integer(), nullable=True),
    sa.Column('pending_json', sa.Text(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['active_session_id'], ['form_session.id'], name=op.f('fk_user_state_active_session_id_form_session'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_user_state_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_user_state'))
    )


def downgrade() -> None:
    op.drop_table('user_state')
    op.drop_index(op.f('ix_reminder_session_id'), table_name='reminder')
    op.drop_index(op.f('ix_reminder_sent_at_cancelled_due_at'), table_name='reminder')
    op.drop_table('reminder')
    op.drop_index(op.f('ix_document_user_id_created_at'), table_name='document')
    op.drop_table('document')
    op.drop_index(op.f('ix_answer_session_id_is_current'), table_name='answer')
    op.drop_table('answer')
    op.drop_index(op.f('ix_form_session_user_id_template_id_status'), table_name='form_session')
    op.drop_index(op.f('ix_form_session_user_id_status'), table_name='form_session')
    op.drop_table('form_session')
    op.drop_index(op.f('ix_audit_log_user_id_created_at'), table_name='audit_log')
    op.drop_table('audit_log')
    op.drop_table('agency_profile')
    op.drop_table('user')
