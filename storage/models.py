"""SQLModel tables: the single source of truth for the baocao database schema.

Every change here needs an Alembic migration in ``storage/migrations/versions/``; the test
``tests/test_storage.py::test_models_match_migrations`` fails when the two disagree.

Conventions:
* All timestamps are UTC. They are stored without a zone (portable between SQLite and
  PostgreSQL) and come back as timezone-aware ``datetime`` objects (``UtcDateTime``).
* JSON payloads that the storage layer does not interpret (form-engine state, answer values,
  pending interactions, audit details) are stored as text columns named ``*_json``; the
  ``Store`` encodes and decodes them, and the models offer decoding properties.
* Objects returned by ``Store`` are detached snapshots: changing their attributes changes
  nothing in the database; call a ``Store`` method instead.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any, Optional

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

# Deterministic constraint names, so later (batch) migrations can address them on every backend.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

USER_ROLES: tuple[str, ...] = ("user", "admin")
SESSION_STATUSES: tuple[str, ...] = ("active", "paused", "completed", "cancelled")
OPEN_STATUSES: tuple[str, ...] = ("active", "paused")
# Editable fields of an agency profile, in the order a bot would naturally ask them.


def utcnow() -> datetime:
    """Current time, timezone-aware UTC."""
    return datetime.now(timezone.utc)


class UtcDateTime(sa.types.TypeDecorator):
    """A DateTime stored as naive UTC and returned as aware UTC.

    Aware values of any zone are converted to UTC; naive values are taken to be UTC already.
    """

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: Optional[datetime], dialect: sa.Dialect) -> Optional[datetime]:
        if value is None:
            return None
        if value.tzinfo is not None:
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value

    def process_result_value(self, value: Optional[datetime], dialect: sa.Dialect) -> Optional[datetime]:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


def _loads(text: Optional[str]) -> Any:
    return None if text is None else json.loads(text)


class User(SQLModel, table=True):
    """A person talking to the bot through one channel ("telegram", "terminal", ...)."""

    __tablename__ = "user"
    __table_args__ = (
        sa.UniqueConstraint("channel", "channel_user_id"),
        sa.CheckConstraint("role IN ('user', 'admin')", name="role"),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    channel: str = Field(sa_type=sa.String(32))
    channel_user_id: str = Field(sa_type=sa.String(128))
    name: Optional[str] = Field(default=None, sa_type=sa.String(256))
    role: str = Field(default="user", sa_type=sa.String(16))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)


class AgencyProfileBase(SQLModel):
    """The agency profile's fields: THE profile model (the bot asks them, the renderer prints them).

    ``so_ky_hieu`` is the agency symbol only ("STTTT"); ``chuc_vu`` the signer's own title ("Phó Giám
    đốc"); ``tham_quyen`` "" | "KT" | "TM" | "TL" | "TUQ" | "Q"; ``ky_thay`` the head's title signed
    for ("Giám đốc"); ``noi_nhan`` the recipients.
    """

    co_quan_chu_quan: Optional[str] = Field(default=None, sa_type=sa.Text)
    co_quan: Optional[str] = Field(default=None, sa_type=sa.Text)
    so_ky_hieu: Optional[str] = Field(default=None, sa_type=sa.String(64))
    dia_danh: Optional[str] = Field(default=None, sa_type=sa.String(128))
    nguoi_ky: Optional[str] = Field(default=None, sa_type=sa.String(256))
    chuc_vu: Optional[str] = Field(default=None, sa_type=sa.String(256))
    tham_quyen: Optional[str] = Field(default=None, sa_type=sa.String(8))
    ky_thay: Optional[str] = Field(default=None, sa_type=sa.String(256))
    noi_nhan: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    nguoi_lien_he: Optional[str] = Field(default=None, sa_type=sa.String(256))
    dien_thoai: Optional[str] = Field(default=None, sa_type=sa.String(64))
    email: Optional[str] = Field(default=None, sa_type=sa.String(256))


# Editable fields of an agency profile, in the order a bot naturally asks them.
PROFILE_FIELDS: tuple[str, ...] = tuple(AgencyProfileBase.model_fields)


class AgencyProfile(AgencyProfileBase, table=True):
    """The user's agency details used in document headers and signature blocks (one per user)."""

    __tablename__ = "agency_profile"

    user_id: int = Field(
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    )
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)

    def as_dict(self) -> dict[str, Any]:
        """The editable fields as a plain dict (what a renderer needs)."""
        return {name: getattr(self, name) for name in PROFILE_FIELDS}


class FormSession(SQLModel, table=True):
    """A draft (or finished) report: one template being filled by one user."""

    __tablename__ = "form_session"
    __table_args__ = (
        sa.CheckConstraint("status IN ('active', 'paused', 'completed', 'cancelled')", name="status"),
        sa.Index(None, "user_id", "status"),
        sa.Index(None, "user_id", "template_id", "status"),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=sa.Column(sa.Integer, sa.ForeignKey("user.id", ondelete="CASCADE"), nullable=False))
    template_id: str = Field(sa_type=sa.String(64))
    template_version: str = Field(sa_type=sa.String(32))
    status: str = Field(default="active", sa_type=sa.String(16))
    title: Optional[str] = Field(default=None, sa_type=sa.Text)
    state_json: str = Field(default="{}", sa_type=sa.Text)
    current_code: Optional[str] = Field(default=None, sa_type=sa.String(200))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)
    completed_at: Optional[datetime] = Field(default=None, sa_type=UtcDateTime)

    @property
    def state(self) -> Any:
        """The form engine's state, decoded from ``state_json``."""
        return _loads(self.state_json)


class Answer(SQLModel, table=True):
    """One revision of one field's answer. The current value has ``is_current`` set.

    Revisions are numbered from 1 per (session, code); earlier revisions are never deleted.
    A value of JSON ``null`` marks a cleared field.
    """

    __tablename__ = "answer"
    __table_args__ = (
        sa.UniqueConstraint("session_id", "code", "revision"),
        sa.Index(None, "session_id", "is_current"),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    session_id: int = Field(
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("form_session.id", ondelete="CASCADE"), nullable=False)
    )
    code: str = Field(sa_type=sa.String(200))
    revision: int = Field(default=1)
    is_current: bool = Field(default=True)
    value_json: str = Field(sa_type=sa.Text)
    raw_text: Optional[str] = Field(default=None, sa_type=sa.Text)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)

    @property
    def value(self) -> Any:
        """The normalized value, decoded from ``value_json``."""
        return _loads(self.value_json)


class Document(SQLModel, table=True):
    """A generated .docx file."""

    __tablename__ = "document"
    __table_args__ = (sa.Index(None, "user_id", "created_at"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=sa.Column(sa.Integer, sa.ForeignKey("user.id", ondelete="CASCADE"), nullable=False))
    session_id: Optional[int] = Field(
        default=None,
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("form_session.id", ondelete="SET NULL"), nullable=True),
    )
    path: str = Field(sa_type=sa.Text)
    sha256: str = Field(sa_type=sa.String(64))
    size: int = Field(sa_type=sa.BigInteger)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)


class Reminder(SQLModel, table=True):
    """A message to send a user at ``due_at`` (e.g. a dispatch deadline for an unfinished draft)."""

    __tablename__ = "reminder"
    __table_args__ = (sa.Index(None, "sent_at", "cancelled", "due_at"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=sa.Column(sa.Integer, sa.ForeignKey("user.id", ondelete="CASCADE"), nullable=False))
    session_id: Optional[int] = Field(
        default=None,
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("form_session.id", ondelete="CASCADE"), nullable=True, index=True
        ),
    )
    due_at: datetime = Field(sa_type=UtcDateTime)
    kind: str = Field(default="deadline", sa_type=sa.String(32))
    message: str = Field(sa_type=sa.Text)
    sent_at: Optional[datetime] = Field(default=None, sa_type=UtcDateTime)
    cancelled: bool = Field(default=False)


class AuditLog(SQLModel, table=True):
    """What a user (or the system, ``user_id`` None) did, for operators."""

    __tablename__ = "audit_log"
    __table_args__ = (sa.Index(None, "user_id", "created_at"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    user_id: Optional[int] = Field(
        default=None,
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("user.id", ondelete="SET NULL"), nullable=True),
    )
    action: str = Field(sa_type=sa.String(64))
    detail_json: str = Field(default="{}", sa_type=sa.Text)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)

    @property
    def detail(self) -> Any:
        return _loads(self.detail_json)


class UserState(SQLModel, table=True):
    """Where a user stands in the conversation, so a restart resumes exactly.

    ``active_session_id`` is the draft being filled; ``pending_json`` holds any interaction the
    bot is waiting on (e.g. a profile question, a confirmation), as the conversation core
    defines it.
    """

    __tablename__ = "user_state"

    user_id: int = Field(
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    )
    active_session_id: Optional[int] = Field(
        default=None,
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("form_session.id", ondelete="SET NULL"), nullable=True),
    )
    pending_json: Optional[str] = Field(default=None, sa_type=sa.Text)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)

    @property
    def pending(self) -> Any:
        """The pending interaction, decoded from ``pending_json`` (None when nothing is pending)."""
        return _loads(self.pending_json)


TEMPLATE_STATUSES: tuple[str, ...] = ("draft", "published")


class TemplateRecord(SQLModel, table=True):
    """One version of a stored report template (a draft extracted from a dispatch, or published).

    Rows are never changed: editing or publishing adds the next ``version`` of ``template_id``, so a
    user filling version 2 keeps it while version 3 is drafted (``FormSession.template_version``).
    ``data_json`` is the template mapping ``forms.loader.load_template_data`` reads.
    """

    __tablename__ = "template_record"
    __table_args__ = (
        sa.UniqueConstraint("template_id", "version"),
        sa.CheckConstraint("status IN ('draft', 'published')", name="status"),
        sa.Index(None, "dispatch"),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    template_id: str = Field(sa_type=sa.String(64))
    version: int = Field(default=1)
    status: str = Field(default="draft", sa_type=sa.String(16))
    dispatch: str = Field(default="", sa_type=sa.String(128))
    section: str = Field(default="", sa_type=sa.Text)
    data_json: str = Field(sa_type=sa.Text)
    notes_json: str = Field(default="[]", sa_type=sa.Text)  # what the admin should check (extraction notes)
    created_by: Optional[int] = Field(
        default=None,
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("user.id", ondelete="SET NULL"), nullable=True),
    )
    created_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)

    @property
    def data(self) -> Any:
        """The template mapping, decoded from ``data_json``."""
        return _loads(self.data_json)

    @property
    def notes(self) -> list[str]:
        """Notes for the reviewer (e.g. where the extracted structure was unclear)."""
        return list(_loads(self.notes_json) or [])


JOB_STATES: tuple[str, ...] = ("queued", "running", "done", "failed", "cancelled")


class IngestJob(SQLModel, table=True):
    """A dispatch file being indexed in the background (``bot/ingest_jobs.py``).

    The runner process that works on it refreshes ``heartbeat_at`` every few seconds; a job left
    "running" whose heartbeat is old belonged to a process that died, and is taken up again.
    ``cancel_requested`` is how an admin stops it; ``result_json`` holds the outcome the admin is told.
    """

    __tablename__ = "ingest_job"
    __table_args__ = (
        sa.CheckConstraint("state IN ('queued', 'running', 'done', 'failed', 'cancelled')", name="state"),
        sa.Index(None, "state", "heartbeat_at"),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    user_id: Optional[int] = Field(
        default=None,
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("user.id", ondelete="SET NULL"), nullable=True, index=True),
    )
    name: str = Field(sa_type=sa.String(256))
    path: str = Field(sa_type=sa.Text)
    state: str = Field(default="queued", sa_type=sa.String(16))
    progress: str = Field(default="", sa_type=sa.Text)  # the last progress line (Vietnamese, for the admin)
    done: int = Field(default=0)
    total: int = Field(default=0)
    error: Optional[str] = Field(default=None, sa_type=sa.Text)
    result_json: str = Field(default="{}", sa_type=sa.Text)
    cancel_requested: bool = Field(default=False)
    attempts: int = Field(default=0)
    pid: Optional[int] = Field(default=None)
    heartbeat_at: Optional[datetime] = Field(default=None, sa_type=UtcDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)

    @property
    def result(self) -> Any:
        return _loads(self.result_json)


class ProcessedUpdate(SQLModel, table=True):
    """A messenger update already handled (webhook redelivery is ignored: exactly once per update)."""

    __tablename__ = "processed_update"
    __table_args__ = (sa.UniqueConstraint("channel", "update_id"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    channel: str = Field(sa_type=sa.String(32))
    update_id: int = Field(sa_type=sa.BigInteger)
    user_key: str = Field(sa_type=sa.String(128))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)


class InboxUpdate(SQLModel, table=True):
    """A messenger update received (webhook mode) and waiting for a worker, or done: workers take each
    user's lowest pending update id (``storage/store_inbox.py``), so a user's updates run in id order
    whatever the order they arrived or which worker is free."""

    __tablename__ = "inbox_update"
    __table_args__ = (sa.UniqueConstraint("channel", "update_id"),
                      sa.Index("ix_inbox_update_pending", "channel", "user_key", "update_id",
                               postgresql_where=sa.text("done_at IS NULL"), sqlite_where=sa.text("done_at IS NULL")))

    id: Optional[int] = Field(default=None, primary_key=True)
    channel: str = Field(sa_type=sa.String(32))
    update_id: int = Field(sa_type=sa.BigInteger)
    user_key: str = Field(sa_type=sa.String(128))
    payload: str = Field(sa_type=sa.Text)  # the update's JSON as received
    received_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)
    done_at: Optional[datetime] = Field(default=None, sa_type=UtcDateTime, index=True)
    taken_at: Optional[datetime] = Field(default=None, sa_type=UtcDateTime)  # last handed to a worker
    attempts: int = 0


metadata = SQLModel.metadata
