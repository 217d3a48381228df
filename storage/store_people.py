"""Users, agency profiles, where each user stands, reminders and the audit log (part of ``Store``)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Optional

import sqlalchemy as sa
from sqlmodel import Session, select

from storage.errors import NotFoundError
from storage.models import (
    OPEN_STATUSES,
    PROFILE_FIELDS,
    USER_ROLES,
    AgencyProfile,
    AuditLog,
    FormSession,
    Reminder,
    User,
    UserState,
    utcnow,
)
from storage.store_base import UNSET, StoreBase, _as_utc, to_json

log = logging.getLogger(__name__)


class PeopleTables(StoreBase):
    """Users and what belongs to them outside the drafts."""

    # ------------------------------------------------------------------ users and profiles

    def get_or_create_user(
        self,
        channel: str,
        channel_user_id: str | int,
        name: Optional[str] = None,
        role: Optional[str] = None,
    ) -> User:
        """The user known by (channel, channel's user id), created on first contact.

        A given ``name`` or ``role`` updates an existing user.
        """
        if not channel:
            raise ValueError("channel must be a non-empty string")
        if role is not None and role not in USER_ROLES:
            raise ValueError(f"role must be one of {USER_ROLES}, not {role!r}")
        channel_uid = str(channel_user_id)

        def find(session: Session) -> Optional[User]:
            query = select(User).where(User.channel == channel, User.channel_user_id == channel_uid)
            return session.exec(query).first()

        # Fast path (every incoming message calls this): a read, no write lock, when nothing changes.
        existing = self._read(find)
        if existing is not None and (name is None or existing.name == name) and (role is None or existing.role == role):
            return existing

        def work(session: Session) -> User:
            user = find(session)
            if user is None:
                try:
                    with session.begin_nested():
                        user = User(channel=channel, channel_user_id=channel_uid, name=name, role=role or "user")
                        session.add(user)
                except sa.exc.IntegrityError:  # created concurrently (server databases)
                    user = find(session)
                    if user is None:
                        raise
                else:
                    return user
            if name is not None and user.name != name:
                user.name = name
            if role is not None and user.role != role:
                user.role = role
            session.add(user)
            return user

        return self._write(work)

    def get_user(self, user_id: int) -> Optional[User]:
        """The user with this id, or None."""
        return self._read(lambda session: session.get(User, user_id))

    def get_profile(self, user_id: int) -> Optional[AgencyProfile]:
        """The user's agency profile, or None if never saved."""
        return self._read(lambda session: session.get(AgencyProfile, user_id))

    def save_profile(self, user_id: int, **fields: Any) -> AgencyProfile:
        """Create or update the user's agency profile with the given fields (see ``PROFILE_FIELDS``).

        ``noi_nhan`` takes a list of lines (a string is split into its non-empty lines).
        Fields not given keep their value.
        """
        unknown = set(fields) - set(PROFILE_FIELDS)
        if unknown:
            raise ValueError(f"unknown profile fields: {sorted(unknown)}")
        if "noi_nhan" in fields:
            lines = fields["noi_nhan"]
            if lines is None:
                lines = []
            elif isinstance(lines, str):
                lines = [line.strip() for line in lines.splitlines() if line.strip()]
            elif isinstance(lines, Iterable):
                lines = [str(line) for line in lines]
            else:
                raise TypeError("noi_nhan must be a list of lines or a string")
            fields["noi_nhan"] = lines
        for key, value in fields.items():
            if key != "noi_nhan" and value is not None and not isinstance(value, str):
                raise TypeError(f"profile field {key} must be a string or None")

        def work(session: Session) -> AgencyProfile:
            self._require_user(session, user_id)
            profile = session.get(AgencyProfile, user_id) or AgencyProfile(user_id=user_id)
            for key, value in fields.items():
                setattr(profile, key, value)
            profile.updated_at = utcnow()
            session.add(profile)
            return profile

        return self._write(work)

    # ------------------------------------------------------------------ conversation state

    def get_user_state(self, user_id: int) -> UserState:
        """Where the user stands (active draft, pending interaction); an empty state if none saved."""

        def work(session: Session) -> UserState:
            return session.get(UserState, user_id) or UserState(user_id=user_id)

        return self._read(work)

    def get_user_place(self, user_id: int) -> tuple[UserState, Any]:
        """The user's state and their active draft row (None if none or not theirs), in ONE read.

        The conversation loads both for nearly every message; one transaction instead of two is
        about a millisecond per step on SQLite."""

        def work(session: Session) -> tuple[UserState, Any]:
            state = session.get(UserState, user_id) or UserState(user_id=user_id)
            row = None
            if state.active_session_id is not None:
                row = self._owned_session(session, user_id, state.active_session_id)
            return state, row

        return self._read(work)

    def set_user_state(self, user_id: int, *, active_session_id: Any = UNSET, pending: Any = UNSET) -> UserState:
        """Change the active draft and/or the pending interaction; arguments not given are kept.

        ``active_session_id`` must be one of the user's sessions (or None); ``pending`` is any
        JSON value (None: nothing pending).
        """
        pending_text = UNSET if pending is UNSET else (None if pending is None else to_json(pending))

        def work(session: Session) -> UserState:
            self._require_user(session, user_id)
            state = session.get(UserState, user_id) or UserState(user_id=user_id)
            if active_session_id is not UNSET:
                if active_session_id is not None and self._owned_session(session, user_id, active_session_id) is None:
                    raise NotFoundError(f"session {active_session_id} not found for user {user_id}", write=True)
                state.active_session_id = active_session_id
            if pending_text is not UNSET:
                state.pending_json = pending_text
            state.updated_at = utcnow()
            session.add(state)
            return state

        return self._write(work)

    # ------------------------------------------------------------------ reminders

    def add_reminder(
        self,
        user_id: int,
        due_at: datetime,
        message: str,
        *,
        kind: str = "deadline",
        session_id: Optional[int] = None,
    ) -> Reminder:
        """Schedule a message for ``due_at`` (naive datetimes are taken as UTC)."""

        def work(session: Session) -> Reminder:
            self._require_user(session, user_id)
            if session_id is not None and self._owned_session(session, user_id, session_id) is None:
                raise NotFoundError(f"session {session_id} not found for user {user_id}", write=True)
            reminder = Reminder(
                user_id=user_id, session_id=session_id, due_at=_as_utc(due_at), kind=kind, message=message
            )
            session.add(reminder)
            return reminder

        return self._write(work)

    def due_reminders(self, now: Optional[datetime] = None, limit: int = 500) -> list[Reminder]:
        """Unsent, uncancelled reminders due by ``now``, oldest first.

        Reminders of sessions that are already completed or cancelled are left out.
        """
        moment = _as_utc(now) if now is not None else utcnow()

        def work(session: Session) -> list[Reminder]:
            return list(session.exec(_due_query(moment, limit)).all())

        return self._read(work)

    def claim_due_reminders(
        self, now: Optional[datetime] = None, *, channel: Optional[str] = None, limit: int = 500
    ) -> list[Reminder]:
        """Like :meth:`due_reminders`, but each reminder goes to exactly one caller, across processes.

        The rows are marked sent (``sent_at``) in the same transaction that reads them: on PostgreSQL
        they are locked ``FOR UPDATE SKIP LOCKED``, so workers claiming at once take disjoint sets; on
        SQLite the write transaction (``BEGIN IMMEDIATE``) serializes claimers. ``channel`` keeps only
        reminders of that channel's users. A reminder whose delivery then fails can be put back with
        :meth:`release_reminder` (H6, issue 14).
        """
        moment = _as_utc(now) if now is not None else utcnow()

        def work(session: Session) -> list[Reminder]:
            query = _due_query(moment, limit)
            if channel is not None:
                query = query.join(User, User.id == Reminder.user_id).where(User.channel == channel)  # type: ignore[arg-type]
            if session.get_bind().dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True, of=Reminder)  # type: ignore[arg-type]
            rows = list(session.exec(query).all())
            for reminder in rows:
                reminder.sent_at = moment
                session.add(reminder)
            return rows

        return self._write(work)

    def release_reminder(self, reminder_id: int) -> None:
        """Put a claimed reminder back (its delivery failed), so a later claim sends it."""
        self._set_sent_at(reminder_id, None)

    def list_reminders(
        self, user_id: int, *, session_id: Optional[int] = None, include_done: bool = False
    ) -> list[Reminder]:
        """The user's reminders (of one session if given), soonest first; unsent and uncancelled
        ones only unless ``include_done``. Lets the core avoid scheduling the same reminder twice."""

        def work(session: Session) -> list[Reminder]:
            query = select(Reminder).where(Reminder.user_id == user_id)
            if session_id is not None:
                query = query.where(Reminder.session_id == session_id)
            if not include_done:
                query = query.where(Reminder.sent_at.is_(None), Reminder.cancelled == False)  # type: ignore[union-attr]  # noqa: E712
            return list(session.exec(query.order_by(Reminder.due_at, Reminder.id)).all())  # type: ignore[arg-type]

        return self._read(work)

    def mark_reminder_sent(self, reminder_id: int, sent_at: Optional[datetime] = None) -> None:
        """Record that a reminder was delivered."""
        self._set_sent_at(reminder_id, _as_utc(sent_at) if sent_at is not None else utcnow())

    def _set_sent_at(self, reminder_id: int, moment: Optional[datetime]) -> None:
        def work(session: Session) -> None:
            reminder = session.get(Reminder, reminder_id)
            if reminder is None:
                raise NotFoundError(f"reminder {reminder_id} not found", write=True)
            reminder.sent_at = moment
            session.add(reminder)

        self._write(work)

    def cancel_reminders(self, session_id: int) -> int:
        """Cancel every unsent reminder of a session; returns how many were cancelled."""

        def work(session: Session) -> int:
            query = select(Reminder).where(
                Reminder.session_id == session_id,
                Reminder.sent_at.is_(None),  # type: ignore[union-attr]
                Reminder.cancelled == False,  # noqa: E712
            )
            rows = list(session.exec(query).all())
            for reminder in rows:
                reminder.cancelled = True
                session.add(reminder)
            return len(rows)

        return self._write(work)

    # ------------------------------------------------------------------ audit

    def audit(self, user_id: Optional[int], action: str, **detail: Any) -> None:
        """Append an audit record (``user_id`` None for system events)."""
        detail_text = to_json(detail)

        def work(session: Session) -> None:  # a Core insert: the audit is on the hot path of a chat
            session.execute(sa.insert(AuditLog.__table__).values(
                user_id=user_id, action=action, detail_json=detail_text, created_at=utcnow()))

        self._write(work)

    def audit_log(self, user_id: Optional[int] = None, limit: int = 100) -> list[AuditLog]:
        """The latest audit records (of one user, or all), newest first."""

        def work(session: Session) -> list[AuditLog]:
            query = select(AuditLog)
            if user_id is not None:
                query = query.where(AuditLog.user_id == user_id)
            query = query.order_by(AuditLog.id.desc()).limit(limit)  # type: ignore[union-attr]
            return list(session.exec(query).all())

        return self._read(work)


def _due_query(moment: datetime, limit: int):  # noqa: ANN202  (a sqlmodel select)
    """Unsent, uncancelled reminders due by ``moment`` whose draft (if any) is still open, oldest first."""
    return (
        select(Reminder)
        .outerjoin(FormSession, FormSession.id == Reminder.session_id)  # type: ignore[arg-type]
        .where(
            Reminder.sent_at.is_(None),  # type: ignore[union-attr]
            Reminder.cancelled == False,  # noqa: E712
            Reminder.due_at <= moment,
            sa.or_(Reminder.session_id.is_(None), FormSession.status.in_(list(OPEN_STATUSES))),  # type: ignore[union-attr,attr-defined]
        )
        .order_by(Reminder.due_at, Reminder.id)  # type: ignore[arg-type]
        .limit(limit)
    )
