"""Agency profile: signing authority (tham_quyen, ky_thay) and contact (nguoi_lien_he, dien_thoai, email).

The profile model is ``storage.models.AgencyProfileBase`` (one model for the bot and the renderer).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS = (
    ("tham_quyen", sa.String(length=8)),
    ("ky_thay", sa.String(length=256)),
    ("nguoi_lien_he", sa.String(length=256)),
    ("dien_thoai", sa.String(length=64)),
    ("email", sa.String(length=256)),
)


def upgrade() -> None:
    with op.batch_alter_table("agency_profile") as batch:
        for name, kind in COLUMNS:
            batch.add_column(sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("agency_profile") as batch:
        for name, _ in reversed(COLUMNS):
            batch.drop_column(name)
