"""``Store``: the repository API the conversation core uses. Every write is committed before the
method returns; nothing is cached.

Threading: a ``Store`` is safe to share between threads (one SQLAlchemy session per call over a
connection pool). Every method is **blocking**; from asyncio call it through
``asyncio.to_thread(store.save_step, ...)``.

Ownership: methods that take ``user_id`` and a session/document id only ever see that user's
rows; another user's id behaves exactly like a missing one (``None`` or ``NotFoundError``).

Errors: any database failure becomes a ``storage.errors.StorageError`` subclass carrying an
English message (``str(error)``) for the log and a Vietnamese ``user_message`` for the chat.
"database is locked" is retried briefly before ``StorageBusyError`` is raised.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any, Optional, TypeVar

import sqlalchemy as sa
from sqlmodel import Session, select

from storage import engine as engine_mod
from storage.errors import NotFoundError, StorageBusyError, StorageError, StorageUnavailableError
from storage.models import (
    OPEN_STATUSES,
    PROFILE_FIELDS,
    SESSION_STATUSES,
    USER_ROLES,
    AgencyProfile,
    Answer,
    AuditLog,
    Document,
    FormSession,
    Reminder,
    User,
    UserState,
    utcnow,
)

log = logging.getLogger(__name__)

T = TypeVar("T")


class _Unset:
    """Marker for "argument not given" where ``None`` is a meaningful value."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()

# One answer change: (field code, normalized value, the text the user typed or None).
Change = tuple[str, Any, Optional[str]]


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"value of type {type(value).__name__} cannot be stored as JSON")


def to_json(value: Any) -> str:
    """Encode a value for a ``*_json`` column (UTF-8 text; dates as ISO strings).

    Raises ``TypeError`` for values with no JSON form and ``ValueError`` for NaN/infinity,
    so nothing is stored that could not be read back.
    """
    return json.dumps(value, ensure_ascii=False, allow_nan=False, default=_json_default)


def _canonical(value: Any) -> str:
    """A key-order-independent form of a JSON value, to tell whether an answer changed."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


class Store:
    """The baocao database: users, profiles, drafts and their answers, documents, reminders."""

    def __init__(
        self,
        engine: sa.Engine,
        target: engine_mod.DatabaseTarget,
        *,
        retries: int = 2,
        retry_delay: float = 0.2,
        busy_timeout_ms: int = 3000,
    ) -> None:
        """Use ``Store.open``; this constructor expects an already migrated database."""
        self.engine = engine
        self.target = target
        self.retries = retries
        self.retry_delay = retry_delay
        self.busy_timeout_ms = busy_timeout_ms
        self._write_lock = threading.Lock()
        self._file_id: Optional[tuple[int, int]] = None
        if target.sqlite_path is not None:
            stat = target.sqlite_path.stat()
            self._file_id = (stat.st_dev, stat.st_ino)

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    def open(
        cls,
        url: str | os.PathLike[str] | None = None,
        *,
        busy_timeout_ms: int = 3000,
        retries: int = 2,
        retry_delay: float = 0.2,
        synchronous: Optional[str] = None,
    ) -> "Store":
        """Open the database and apply migrations (``upgrade head``).

        ``url``: a SQLAlchemy URL or a SQLite file path; default ``DATABASE_URL``, else
        ``storage.paths.data_dir()/"baocao.db"``. A missing SQLite file is created (with a
        warning); a missing directory, an unwritable one or a corrupt file raise
        ``StorageError`` subclasses. ``busy_timeout_ms`` is how long SQLite waits for another
        writer's lock; ``retries`` how many more times a locked write is attempted.
        ``synchronous`` (SQLite): "NORMAL" by default (``BAOCAO_SQLITE_SYNCHRONOUS`` overrides):
        in WAL mode a commit survives any crash of the bot or a restart; "FULL" also survives a
        power cut, at one disk flush per step (2.7-10 ms p50 here, by disk load; benchmarks/storage.py).
        """
        target = engine_mod.resolve_target(url)
        if target.sqlite_path is not None:
            synchronous = engine_mod.sqlite_synchronous(synchronous)  # validate before touching the file
            engine_mod.prepare_sqlite_file(target.sqlite_path, busy_timeout_ms=busy_timeout_ms)
            engine = engine_mod.create_sqlite_engine(
                target.sqlite_path,
                busy_timeout_ms=busy_timeout_ms,
                synchronous=synchronous,
            )
        else:
            engine = engine_mod.create_server_engine(target.url)
            try:
                engine_mod.upgrade(engine)
            except StorageError:
                engine.dispose()
                raise
            except (sa.exc.SQLAlchemyError, OSError) as exc:
                engine.dispose()
                raise engine_mod.translate_error(exc, write=True) from exc
        store = cls(engine, target, retries=retries, retry_delay=retry_delay, busy_timeout_ms=busy_timeout_ms)
        log.info("storage opened: %s", target.sqlite_path or engine.url.render_as_string(hide_password=True))
        return store

    def close(self) -> None:
        """Release pooled connections. The object must not be used afterwards."""
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ transactions

    def _check_file(self, write: bool) -> None:
        """Fail loudly if the SQLite file was deleted or replaced while we run.

        Pooled connections would otherwise keep writing into the unlinked inode: a void.
        """
        if self._file_id is None or self.target.sqlite_path is None:
            return
        path = self.target.sqlite_path
        try:
            stat = path.stat()
        except FileNotFoundError:
            raise StorageUnavailableError(
                f"database file {path} disappeared while running; restart to re-create it", write=write
            ) from None
        except OSError as exc:
            raise StorageUnavailableError(f"database file {path} cannot be checked: {exc}", write=write) from exc
        if (stat.st_dev, stat.st_ino) != self._file_id:
            raise StorageUnavailableError(
                f"database file {path} was replaced while running; restart to open the new file", write=write
            )

    @contextmanager
    def _writer_slot(self, write: bool) -> Iterator[None]:
        """Serialize this process's SQLite writers on a Python lock.

        SQLite allows one writer at a time anyway; queueing here instead of in SQLite's busy
        handler (which polls with growing sleeps and is not fair) keeps a writer from starving
        behind its siblings. ``busy_timeout`` still governs waiting for *other* processes.
        """
        if not (write and self.target.is_sqlite):
            yield
            return
        if not self._write_lock.acquire(timeout=self.busy_timeout_ms / 1000):
            raise sqlite3.OperationalError("database is locked (queue of this process's writers)")
        try:
            yield
        finally:
            self._write_lock.release()

    def _run(self, work: Callable[[Session], T], *, write: bool) -> T:
        """Run ``work`` in one transaction (committed if ``write``), mapping and retrying errors."""
        attempt = 0
        while True:
            try:
                self._check_file(write)
                with self._writer_slot(write), Session(self.engine, expire_on_commit=False) as session:
                    if write and self.target.is_sqlite:
                        session.connection(execution_options={engine_mod.BEGIN_MODE_OPTION: "IMMEDIATE"})
                    result = work(session)
                    if write:
                        session.flush()
                        self._check_file(write)
                        session.commit()
                    # Leaving the block closes the session: a read's transaction is rolled back
                    # and the returned objects are detached with their loaded values.
                    return result
            except StorageError:
                raise
            except (sa.exc.SQLAlchemyError, sqlite3.Error, OSError) as exc:
                error = engine_mod.translate_error(exc, write=write)
                if isinstance(error, StorageBusyError) and attempt < self.retries:
                    attempt += 1
                    log.warning("database busy (attempt %d of %d), retrying: %s", attempt, self.retries + 1, exc)
                    time.sleep(self.retry_delay * attempt)
                    continue
                log.error("%s", error)
                raise error from exc

    def _write(self, work: Callable[[Session], T]) -> T:
        return self._run(work, write=True)

    def _read(self, work: Callable[[Session], T]) -> T:
        return self._run(work, write=False)

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

    # ------------------------------------------------------------------ form sessions

    def create_session(
        self,
        user_id: int,
        template_id: str,
        template_version: str,
        state_json: str | dict[str, Any] | list[Any],
        title: Optional[str] = None,
    ) -> FormSession:
        """Start a new draft (status "active") for ``template_id`` at ``template_version``."""
        state_text = state_json if isinstance(state_json, str) else to_json(state_json)

        def work(session: Session) -> FormSession:
            self._require_user(session, user_id)
            form = FormSession(
                user_id=user_id,
                template_id=template_id,
                template_version=str(template_version),
                state_json=state_text,
                title=title,
            )
            session.add(form)
            return form

        return self._write(work)

    def list_sessions(
        self, user_id: int, statuses: Sequence[str] | None = OPEN_STATUSES
    ) -> list[FormSession]:
        """The user's sessions with one of ``statuses`` (None: all), most recently updated first."""

        def work(session: Session) -> list[FormSession]:
            query = select(FormSession).where(FormSession.user_id == user_id)
            if statuses is not None:
                query = query.where(FormSession.status.in_(list(statuses)))  # type: ignore[attr-defined]
            query = query.order_by(FormSession.updated_at.desc(), FormSession.id.desc())  # type: ignore[attr-defined]
            return list(session.exec(query).all())

        return self._read(work)

    def get_session(self, user_id: int, session_id: int) -> Optional[FormSession]:
        """The session if it exists and belongs to ``user_id``, else None."""
        return self._read(lambda session: self._owned_session(session, user_id, session_id))

    def save_step(
        self,
        user_id: int,
        session_id: int,
        changes: Iterable[Change],
        state_json: str | dict[str, Any] | list[Any],
        current_code: Optional[str],
        status: Optional[str] = None,
        title: Any = UNSET,
    ) -> None:
        """Record one form step in ONE transaction: answer changes + the engine state.

        Each change is (code, value, raw_text). A value different from the field's current one
        becomes a new revision (earlier revisions are kept); an equal value writes nothing.
        ``None`` clears the field (recorded as a revision, omitted by ``answers``). ``status``
        (if given) also changes the session's status; "completed" stamps ``completed_at``.
        Either everything is committed or nothing is. Raises ``NotFoundError`` if the session
        is not this user's.
        """
        if status is not None and status not in SESSION_STATUSES:
            raise ValueError(f"status must be one of {SESSION_STATUSES}, not {status!r}")
        state_text = state_json if isinstance(state_json, str) else to_json(state_json)
        prepared: list[tuple[str, Any, str, Optional[str]]] = []
        for code, value, raw_text in changes:
            if not isinstance(code, str) or not code or len(code) > 200:
                raise ValueError(f"answer code must be a non-empty string of at most 200 characters: {code!r}")
            if raw_text is not None and not isinstance(raw_text, str):
                raise TypeError("raw_text must be a string or None")
            encoded = to_json(value)
            prepared.append((code, json.loads(encoded), encoded, raw_text))

        def work(session: Session) -> None:
            form = self._owned_session(session, user_id, session_id, lock=True)
            if form is None:
                raise NotFoundError(f"session {session_id} not found for user {user_id}", write=True)
            now = utcnow()
            for code, value, encoded, raw_text in prepared:
                self._record_answer(session, session_id, code, value, encoded, raw_text, now)
            form.state_json = state_text
            form.current_code = current_code
            form.updated_at = now
            if title is not UNSET:
                form.title = title
            if status is not None:
                self._apply_status(form, status, now)
            session.add(form)

        self._write(work)

    def set_session_status(self, user_id: int, session_id: int, status: str) -> FormSession:
        """Pause, resume ("active"), complete or cancel a session without changing its answers."""
        if status not in SESSION_STATUSES:
            raise ValueError(f"status must be one of {SESSION_STATUSES}, not {status!r}")

        def work(session: Session) -> FormSession:
            form = self._owned_session(session, user_id, session_id, lock=True)
            if form is None:
                raise NotFoundError(f"session {session_id} not found for user {user_id}", write=True)
            now = utcnow()
            self._apply_status(form, status, now)
            form.updated_at = now
            session.add(form)
            return form

        return self._write(work)

    def last_completed_session(self, user_id: int, template_id: str) -> Optional[FormSession]:
        """The user's most recently completed session of this template ("giống tháng trước")."""

        def work(session: Session) -> Optional[FormSession]:
            query = (
                select(FormSession)
                .where(
                    FormSession.user_id == user_id,
                    FormSession.template_id == template_id,
                    FormSession.status == "completed",
                )
                .order_by(FormSession.completed_at.desc(), FormSession.id.desc())  # type: ignore[union-attr]
            )
            return session.exec(query).first()

        return self._read(work)

    # ------------------------------------------------------------------ answers

    def answers(self, session_id: int, *, user_id: Optional[int] = None) -> dict[str, Any]:
        """Current values by code (cleared fields omitted), in the order fields were first answered.

        With ``user_id``, raises ``NotFoundError`` if the session is not that user's.
        """

        def work(session: Session) -> dict[str, Any]:
            self._check_owner(session, user_id, session_id)
            query = (
                select(Answer)
                .where(Answer.session_id == session_id, Answer.is_current == True)  # noqa: E712
                .order_by(Answer.code)
            )
            rows = list(session.exec(query).all())
            first_seen = self._first_revision_order(session, session_id)
            rows.sort(key=lambda row: first_seen.get(row.code, 0))
            return {row.code: row.value for row in rows if row.value_json != "null"}

        return self._read(work)

    def answer_history(self, session_id: int, code: str, *, user_id: Optional[int] = None) -> list[Answer]:
        """Every revision of one field, oldest first (the last one is current)."""

        def work(session: Session) -> list[Answer]:
            self._check_owner(session, user_id, session_id)
            query = (
                select(Answer)
                .where(Answer.session_id == session_id, Answer.code == code)
                .order_by(Answer.revision)  # type: ignore[arg-type]
            )
            return list(session.exec(query).all())

        return self._read(work)

    # ------------------------------------------------------------------ documents

    def add_document(
        self, user_id: int, session_id: Optional[int], path: str | os.PathLike[str], sha256: str, size: int
    ) -> Document:
        """Record a generated file. ``session_id`` (if given) must be one of this user's sessions."""

        def work(session: Session) -> Document:
            self._require_user(session, user_id)
            if session_id is not None and self._owned_session(session, user_id, session_id) is None:
                raise NotFoundError(f"session {session_id} not found for user {user_id}", write=True)
            document = Document(user_id=user_id, session_id=session_id, path=os.fspath(path), sha256=sha256, size=size)
            session.add(document)
            return document

        return self._write(work)

    def list_documents(self, user_id: int) -> list[Document]:
        """The user's documents, newest first."""

        def work(session: Session) -> list[Document]:
            query = (
                select(Document)
                .where(Document.user_id == user_id)
                .order_by(Document.created_at.desc(), Document.id.desc())  # type: ignore[attr-defined]
            )
            return list(session.exec(query).all())

        return self._read(work)

    def get_document(self, user_id: int, document_id: int) -> Optional[Document]:
        """The document if it exists and belongs to ``user_id``, else None."""

        def work(session: Session) -> Optional[Document]:
            document = session.get(Document, document_id)
            return document if document is not None and document.user_id == user_id else None

        return self._read(work)

    # ------------------------------------------------------------------ conversation state

    def get_user_state(self, user_id: int) -> UserState:
        """Where the user stands (active draft, pending interaction); an empty state if none saved."""

        def work(session: Session) -> UserState:
            return session.get(UserState, user_id) or UserState(user_id=user_id)

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
            query = (
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
            return list(session.exec(query).all())

        return self._read(work)

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
        moment = _as_utc(sent_at) if sent_at is not None else utcnow()

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

        def work(session: Session) -> None:
            session.add(AuditLog(user_id=user_id, action=action, detail_json=detail_text))

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

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def _require_user(session: Session, user_id: int) -> None:
        if session.get(User, user_id) is None:
            raise NotFoundError(f"user {user_id} not found", write=True)

    @staticmethod
    def _owned_session(
        session: Session, user_id: int, session_id: int, *, lock: bool = False
    ) -> Optional[FormSession]:
        query = select(FormSession).where(FormSession.id == session_id, FormSession.user_id == user_id)
        if lock:
            query = query.with_for_update()
        return session.exec(query).first()

    def _check_owner(self, session: Session, user_id: Optional[int], session_id: int) -> None:
        if user_id is not None and self._owned_session(session, user_id, session_id) is None:
            raise NotFoundError(f"session {session_id} not found for user {user_id}", write=False)

    @staticmethod
    def _apply_status(form: FormSession, status: str, now: datetime) -> None:
        form.status = status
        form.completed_at = now if status == "completed" else None

    @staticmethod
    def _first_revision_order(session: Session, session_id: int) -> dict[str, int]:
        query = select(Answer.code, Answer.id).where(Answer.session_id == session_id, Answer.revision == 1)
        return {code: answer_id for code, answer_id in session.exec(query).all()}

    @staticmethod
    def _record_answer(
        session: Session,
        session_id: int,
        code: str,
        value: Any,
        encoded: str,
        raw_text: Optional[str],
        now: datetime,
    ) -> None:
        """Add a revision if ``value`` differs from the current one (Core statements: the hot path)."""
        table = Answer.__table__
        current = session.execute(
            sa.select(table.c.id, table.c.revision, table.c.value_json).where(
                table.c.session_id == session_id, table.c.code == code, table.c.is_current == sa.true()
            )
        ).first()
        if current is None and value is None:
            return  # clearing a field that never had a value: nothing to record
        if current is not None and _canonical(json.loads(current.value_json)) == _canonical(value):
            return
        revision = 1
        if current is not None:
            session.execute(sa.update(table).where(table.c.id == current.id).values(is_current=False))
            revision = current.revision + 1
        session.execute(
            sa.insert(table).values(
                session_id=session_id,
                code=code,
                revision=revision,
                is_current=True,
                value_json=encoded,
                raw_text=raw_text,
                updated_at=now,
            )
        )

__all__ = ["Store", "Change", "UNSET", "to_json"]
