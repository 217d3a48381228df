"""Form sessions (drafts), their answers with revisions, and generated documents (part of ``Store``)."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Sequence
from typing import Any, Optional

from sqlmodel import Session, select

from storage.errors import NotFoundError
from storage.models import (
    OPEN_STATUSES,
    SESSION_STATUSES,
    Answer,
    Document,
    FormSession,
    Reminder,
    UserState,
    utcnow,
)
from storage.store_base import UNSET, Change, StoreBase, to_json

log = logging.getLogger(__name__)


class FormTables(StoreBase):
    """Drafts: the engine state (source of truth), answer revisions (the audit), documents."""

    # ------------------------------------------------------------------ form sessions

    def create_session(
        self,
        user_id: int,
        template_id: str,
        template_version: str,
        state_json: str | dict[str, Any] | list[Any],
        title: Optional[str] = None,
        current_code: Optional[str] = None,
    ) -> FormSession:
        """Start a new draft (status "active") for ``template_id`` at ``template_version``, at the
        question ``current_code``."""
        state_text = state_json if isinstance(state_json, str) else to_json(state_json)

        def work(session: Session) -> FormSession:
            self._require_user(session, user_id)
            form = FormSession(
                user_id=user_id,
                template_id=template_id,
                template_version=str(template_version),
                state_json=state_text,
                title=title,
                current_code=current_code,
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
        """Pause, resume ("active"), complete or cancel a session without changing its answers.

        ``updated_at`` (when the draft last changed) moves on completion or cancellation, not on a
        pause or a resume."""
        if status not in SESSION_STATUSES:
            raise ValueError(f"status must be one of {SESSION_STATUSES}, not {status!r}")

        def work(session: Session) -> FormSession:
            form = self._owned_session(session, user_id, session_id, lock=True)
            if form is None:
                raise NotFoundError(f"session {session_id} not found for user {user_id}", write=True)
            now = utcnow()
            if status not in OPEN_STATUSES or form.status not in OPEN_STATUSES:
                form.updated_at = now  # pausing or resuming does not change the draft ("sửa lúc …")
            self._apply_status(form, status, now)
            session.add(form)
            return form

        return self._write(work)

    def delete_empty_session(self, user_id: int, session_id: int) -> bool:
        """Delete a draft that holds no answer at all (never answered: nothing to keep), with its
        reminders; True when deleted. A draft with any answer revision is left alone."""

        def work(session: Session) -> bool:
            form = self._owned_session(session, user_id, session_id, lock=True)
            if form is None or form.status == "completed":
                return False
            if session.exec(select(Answer.id).where(Answer.session_id == session_id).limit(1)).first() is not None:
                return False
            for reminder in session.exec(select(Reminder).where(Reminder.session_id == session_id)).all():
                session.delete(reminder)
            state = session.get(UserState, user_id)
            if state is not None and state.active_session_id == session_id:
                state.active_session_id = None
                session.add(state)
            session.flush()
            session.delete(form)
            return True

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

