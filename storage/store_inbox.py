"""Received updates waiting for a worker (webhook mode: one receiver, N workers; the ``Store`` mixin).

The receiver (``bot/webhook.py``) stores each update as it arrives (``enqueue_update``: one statement,
a duplicate delivery is ignored by its id) and, on PostgreSQL, notifies the workers (``NOTIFY
baocao_inbox`` with the user's key). A worker takes a user with ``inbox_user``: a session-level
advisory lock on the user (``pg_try_advisory_lock``; a busy user belongs to the worker holding it, a
dead worker's lock goes with its connection) and, under it, the user's pending updates one by one,
lowest update id first, each marked done as the next is taken (one statement per update). So each
user's updates run in update-id order, whatever order they arrived in and whichever worker is free,
and each runs once; an update whose worker died while handling it runs again, ``RETAKE_AFTER_S`` after
it was taken (at most ``MAX_ATTEMPTS`` times, then it is dropped with a log line); a worker that handled
an update but lost its connection before marking it done marks it within that time
(``mark_inbox_done``), so a database restart does not run it twice.

SQLite (one process): an in-process lock per user instead of the advisory lock; no notifications.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Optional

import sqlalchemy as sa
from sqlmodel import Session, col

from storage.models import InboxUpdate, utcnow
from storage.store_base import StoreBase
from storage.store_jobs import lock_key

log = logging.getLogger(__name__)
NOTIFY_CHANNEL = "baocao_inbox"
MAX_ATTEMPTS = 3  # an update whose handling killed its worker this often is dropped (a poison update)
RETAKE_AFTER_S = 5.0  # an update taken but not marked done is taken again this long after (its worker died)

_ENQUEUE_PG = sa.text(
    "WITH ins AS (INSERT INTO inbox_update (channel, update_id, user_key, payload, received_at, attempts) "
    "VALUES (:channel, :update_id, :user_key, :payload, :now, 0) "
    "ON CONFLICT (channel, update_id) DO NOTHING RETURNING user_key) "
    "SELECT pg_notify('" + NOTIFY_CHANNEL + "', user_key) FROM ins")
_NEXT = ("UPDATE inbox_update SET attempts = attempts + 1, taken_at = :now WHERE id = ("
         "SELECT id FROM inbox_update WHERE channel = :channel AND user_key = :user_key AND done_at IS NULL "
         "AND id <> :done ORDER BY update_id LIMIT 1) AND (taken_at IS NULL OR taken_at < :stale) "
         "RETURNING id, update_id, payload, attempts")
_DONE_AND_NEXT_PG = sa.text("WITH d AS (UPDATE inbox_update SET done_at = :now WHERE id = :done) " + _NEXT)


@dataclass(frozen=True)
class InboxItem:
    """One pending update of the user whose turn a worker holds."""

    id: int
    update_id: int
    payload: str
    attempts: int


class UserInbox:
    """One user's pending updates, in update-id order, while the worker holds the user (see ``inbox_user``)."""

    def __init__(self, conn: Optional[sa.Connection], store: "InboxTables", channel: str, user_key: str) -> None:
        self._conn, self._store, self._channel, self._user_key = conn, store, channel, user_key
        self._current: Optional[InboxItem] = None

    def next(self) -> Optional[InboxItem]:
        """Mark the update returned last as done and take the next one (None: the user has none pending)."""
        now = utcnow()
        params = {"channel": self._channel, "user_key": self._user_key, "now": now,
                  "stale": now - timedelta(seconds=RETAKE_AFTER_S), "done": self._current.id if self._current else -1}
        if self._conn is not None:
            statement = _DONE_AND_NEXT_PG if self._current else sa.text(_NEXT)
            row = self._conn.execute(statement, params).first()
        else:
            def work(session: Session) -> Any:
                if self._current:
                    session.execute(sa.text("UPDATE inbox_update SET done_at = :now WHERE id = :done"), params)
                return session.execute(sa.text(_NEXT), params).first()

            row = self._store._write(work)
        self._current = InboxItem(row.id, row.update_id, row.payload, row.attempts) if row else None
        return self._current

    @property
    def current(self) -> Optional[InboxItem]:
        return self._current

    def release(self) -> None:
        """Leave the update returned last pending (its handling failed): it will be taken again."""
        self._current = None


class InboxTables(StoreBase):
    """``inbox_update``."""

    def enqueue_update(self, channel: str, update_id: int, user_key: str, payload: str) -> bool:
        """Store a received update (committed on return); False if this id was already received."""
        params = {"channel": channel, "update_id": update_id, "user_key": user_key[:128], "payload": payload,
                  "now": utcnow()}
        if not self.target.is_sqlite:
            return self._write(lambda s: s.execute(_ENQUEUE_PG, params).first() is not None)
        from sqlalchemy.dialects.sqlite import insert

        statement = insert(InboxUpdate).values(channel=channel, update_id=update_id, user_key=user_key[:128],
                                               payload=payload, received_at=params["now"], attempts=0)
        return self._write(lambda s: (s.execute(statement.on_conflict_do_nothing()).rowcount or 0) > 0)

    def pending_inbox_users(self, channel: str, limit: int = 1000) -> list[str]:
        """Users with pending updates, the longest waiting first."""

        def work(session: Session) -> list[str]:
            query = (sa.select(InboxUpdate.user_key).where(InboxUpdate.channel == channel,
                                                           col(InboxUpdate.done_at).is_(None))
                     .group_by(InboxUpdate.user_key).order_by(sa.func.min(InboxUpdate.update_id)).limit(limit))
            return [row[0] for row in session.execute(query)]

        return self._read(work)

    @contextmanager
    def inbox_user(self, channel: str, user_key: str) -> Iterator[Optional[UserInbox]]:
        """Hold ``user_key``'s turn for their pending updates; yields None when another worker holds it.
        On leaving without an error the last update taken is marked done."""
        if self.target.is_sqlite:
            lock = self._inbox_lock(f"{channel}:{user_key}")
            if not lock.acquire(blocking=False):
                yield None
                return
            try:
                inbox = UserInbox(None, self, channel, user_key)
                yield inbox
                if inbox._current is not None:
                    inbox.next()
            finally:
                lock.release()
            return
        engine = self._turn_engine()  # type: ignore[attr-defined]  # storage/store_jobs.py: the pool of user turns
        key = lock_key(channel, user_key)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            if not conn.execute(sa.text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar():
                yield None
                return
            try:
                inbox = UserInbox(conn, self, channel, user_key)
                yield inbox
                if inbox._current is not None:
                    conn.execute(sa.text("UPDATE inbox_update SET done_at = :now WHERE id = :id"),
                                 {"now": utcnow(), "id": inbox._current.id})
            finally:
                try:
                    conn.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                except sa.exc.SQLAlchemyError:
                    conn.invalidate()  # a connection that may still hold the lock is never reused

    def _inbox_lock(self, key: str) -> threading.Lock:
        locks = self.__dict__.setdefault("_inbox_locks", {})
        with _GUARD:
            return locks.setdefault(key, threading.Lock())

    def mark_inbox_done(self, item_id: int) -> None:
        """Mark one update done outside a turn (its handling finished but the turn's connection was lost)."""
        self._write(lambda s: s.execute(sa.text("UPDATE inbox_update SET done_at = :now WHERE id = :id "
                                                "AND done_at IS NULL"), {"now": utcnow(), "id": item_id}))

    def forget_done_updates(self, before: datetime) -> int:
        """Drop updates done before ``before`` (Telegram redelivers for a day at most)."""
        return self._write(lambda s: int(s.execute(sa.delete(InboxUpdate).where(
            col(InboxUpdate.done_at) < before)).rowcount or 0))

    def inbox_listener(self) -> "InboxListener":
        """Notifications of received updates (PostgreSQL; on SQLite ``wait`` only sleeps)."""
        return InboxListener(self)


class InboxListener:
    """A connection LISTENing on ``baocao_inbox``: ``wait(timeout)`` returns the user keys notified."""

    def __init__(self, store: InboxTables) -> None:
        self._store = store
        self._conn: Any = None
        self._closed = threading.Event()

    def _connect(self) -> Any:
        import psycopg

        url = sa.engine.make_url(self._store.target.url).set(drivername="postgresql")
        conn = psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)
        conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
        return conn

    def wait(self, timeout: float) -> list[str]:
        """User keys notified within ``timeout`` seconds (empty on timeout); reconnects after a failure
        (the caller then scans: notifications sent meanwhile were lost)."""
        if self._store.target.is_sqlite:
            self._closed.wait(timeout)
            return []
        try:
            if self._conn is None:
                self._conn = self._connect()
            conn = self._conn
            keys = [n.payload for n in conn.notifies(timeout=timeout, stop_after=1)]
            if keys:  # then whatever else has already arrived (timeout 0: a 1 ms wait costs 10 times the CPU)
                keys += [n.payload for n in conn.notifies(timeout=0)]
            return keys
        except Exception as exc:  # server restart, network: reconnect next time
            log.warning("Inbox notifications interrupted (%s); reconnecting", exc)
            self.close()
            self._closed.wait(min(timeout, 1.0))
            return []

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()
            except Exception:
                pass


_GUARD = threading.Lock()
