"""Background ingest jobs and handled messenger updates (the ``Store`` mixin for issue 14's scale work).

Ingest jobs: a row per uploaded file (``IngestJob``); a runner process claims one at a time
(``claim_ingest_job``), reports progress and a heartbeat (``touch_ingest_job``), and finishes it
(``finish_ingest_job``). A job whose runner died (heartbeat older than ``stale_after_s``) is claimed
again. Claims are exclusive across processes: ``FOR UPDATE SKIP LOCKED`` on PostgreSQL, the single
SQLite writer (``BEGIN IMMEDIATE``) on SQLite.

Updates: ``update_turn`` is one user's turn to have one update processed. On PostgreSQL it holds a
transaction-level advisory lock on the user's key for the whole processing, so two worker
processes never run one user's updates at the same time, and records the update id (unique per
channel) in the same transaction: a redelivered update is seen and skipped, and an update whose
processing failed is not recorded (it may be delivered again).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any, Optional

import sqlalchemy as sa
from sqlmodel import Session, col, select

from storage.models import IngestJob, ProcessedUpdate, utcnow
from storage.store_base import StoreBase, to_json

OPEN_JOB_STATES = ("queued", "running")
TURN_CONNECTIONS = 16  # users whose update is being handled at once in one process (bot/update_turns.py bounds it)


def lock_key(channel: str, user_key: str) -> int:
    """A signed 64-bit advisory-lock key for one user of one channel (stable across processes)."""
    digest = hashlib.blake2b(f"baocao-user:{channel}:{user_key}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class JobTables(StoreBase):
    """``ingest_job`` and ``processed_update``."""

    # ------------------------------------------------------------------ ingest jobs

    def add_ingest_job(self, user_id: Optional[int], name: str, path: str) -> IngestJob:
        """Queue a file for background ingestion."""

        def work(session: Session) -> IngestJob:
            job = IngestJob(user_id=user_id, name=name[:256], path=path)
            session.add(job)
            return job

        return self._write(work)

    def get_ingest_job(self, job_id: int) -> Optional[IngestJob]:
        return self._read(lambda session: session.get(IngestJob, job_id))

    def ingest_jobs(self, *, user_id: Optional[int] = None, states: Optional[tuple[str, ...]] = None,
                    limit: int = 50) -> list[IngestJob]:
        """Jobs, newest first (optionally one user's, or in some states)."""

        def work(session: Session) -> list[IngestJob]:
            query = select(IngestJob).order_by(col(IngestJob.id).desc()).limit(limit)
            if user_id is not None:
                query = query.where(IngestJob.user_id == user_id)
            if states:
                query = query.where(col(IngestJob.state).in_(states))
            return list(session.exec(query).all())

        return self._read(work)

    def claim_ingest_job(self, pid: int, *, stale_after_s: float = 30.0,
                         now: Optional[datetime] = None) -> Optional[IngestJob]:
        """The oldest queued job, or a running one whose runner stopped beating, now ``pid``'s."""
        moment = now or utcnow()
        stale = moment - timedelta(seconds=stale_after_s)

        def work(session: Session) -> Optional[IngestJob]:
            query = (
                select(IngestJob)
                .where(sa.or_(IngestJob.state == "queued",
                              sa.and_(IngestJob.state == "running",
                                      sa.or_(col(IngestJob.heartbeat_at).is_(None), col(IngestJob.heartbeat_at) < stale))))
                .order_by(col(IngestJob.id))
                .limit(1)
            )
            if session.get_bind().dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True)
            job = session.exec(query).first()
            if job is None:
                return None
            if job.cancel_requested:
                job.state = "cancelled"
            else:
                job.state, job.pid, job.attempts = "running", pid, job.attempts + 1
            job.heartbeat_at = job.updated_at = moment
            session.add(job)
            return job

        return self._write(work)

    def touch_ingest_job(self, job_id: int, pid: int, *, progress: Optional[str] = None,
                         done: Optional[int] = None, total: Optional[int] = None) -> Optional[IngestJob]:
        """Heartbeat (and progress) of a running job; returns the row (``cancel_requested`` is how a
        runner learns it should stop), or None if ``pid`` no longer owns it."""

        def work(session: Session) -> Optional[IngestJob]:
            job = session.get(IngestJob, job_id)
            if job is None or job.pid != pid or job.state != "running":
                return None
            if progress is not None:
                job.progress = progress
            if done is not None:
                job.done = done
            if total is not None:
                job.total = total
            job.heartbeat_at = job.updated_at = utcnow()
            session.add(job)
            return job

        return self._write(work)

    def finish_ingest_job(self, job_id: int, pid: int, state: str, *, result: Any = None,
                          error: Optional[str] = None) -> bool:
        """Close a job ``pid`` owns ("done", "failed" or "cancelled"); False if it is not ``pid``'s."""

        def work(session: Session) -> bool:
            job = session.get(IngestJob, job_id)
            if job is None or job.pid != pid or job.state != "running":
                return False
            job.state, job.error = state, error
            if result is not None:
                job.result_json = to_json(result)
            job.updated_at = utcnow()
            session.add(job)
            return True

        return self._write(work)

    def cancel_ingest_jobs(self, user_id: Optional[int] = None) -> list[IngestJob]:
        """Ask every open job (of ``user_id``, or all) to stop: a queued one is cancelled at once, a
        running one at its runner's next heartbeat. Returns the jobs concerned."""

        def work(session: Session) -> list[IngestJob]:
            query = select(IngestJob).where(col(IngestJob.state).in_(OPEN_JOB_STATES))
            if user_id is not None:
                query = query.where(IngestJob.user_id == user_id)
            jobs = list(session.exec(query).all())
            for job in jobs:
                job.cancel_requested = True
                if job.state == "queued":
                    job.state = "cancelled"
                job.updated_at = utcnow()
                session.add(job)
            return jobs

        return self._write(work)

    # ------------------------------------------------------------------ one user's turn

    @contextmanager
    def update_turn(self, channel: str, user_key: str, update_id: Optional[int]) -> Iterator[bool]:
        """Hold ``user_key``'s turn while one update is processed; yields False when ``update_id`` was
        already processed (skip it). On leaving without an error the update id is recorded.

        PostgreSQL: ``pg_advisory_xact_lock`` in a transaction of its own, released at commit or
        when the connection dies (a killed worker holds nothing). SQLite (one process): a lock per
        user in this process."""
        if not self.target.is_sqlite:
            with self._turn_engine().connect() as conn, conn.begin():
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key(channel, user_key)})
                seen = update_id is not None and conn.execute(
                    sa.select(ProcessedUpdate.id).where(ProcessedUpdate.channel == channel,  # type: ignore[arg-type]
                                                        ProcessedUpdate.update_id == update_id)).first() is not None
                yield not seen
                if update_id is not None and not seen:
                    conn.execute(sa.insert(ProcessedUpdate).values(
                        channel=channel, update_id=update_id, user_key=user_key, created_at=utcnow()))
            return
        lock = self._turn_lock(f"{channel}:{user_key}")
        with lock:
            seen = update_id is not None and self._read(lambda s: s.exec(
                select(ProcessedUpdate.id).where(ProcessedUpdate.channel == channel,
                                                 ProcessedUpdate.update_id == update_id)).first()) is not None
            yield not seen
            if update_id is not None and not seen:
                self._write(lambda s: s.add(ProcessedUpdate(channel=channel, update_id=update_id, user_key=user_key)))

    def _turn_engine(self) -> sa.Engine:
        """Connections for turns, apart from the pool the work itself uses: a turn holds its connection
        while the update is handled, so sharing one pool could leave the handling without a connection."""
        with _LOCKS_GUARD:
            engine = self.__dict__.get("_turns_engine")
            if engine is None:
                from storage import engine as engine_mod

                engine = self.__dict__["_turns_engine"] = engine_mod.create_server_engine(
                    self.target.url, pool_size=TURN_CONNECTIONS, max_overflow=0)
            return engine

    def _turn_lock(self, key: str) -> threading.Lock:
        locks = self.__dict__.setdefault("_turn_locks", {})
        with _LOCKS_GUARD:
            return locks.setdefault(key, threading.Lock())

    def forget_processed_updates(self, before: datetime) -> int:
        """Drop update ids recorded before ``before`` (Telegram redelivers for at most a day)."""

        def work(session: Session) -> int:
            result = session.execute(sa.delete(ProcessedUpdate).where(col(ProcessedUpdate.created_at) < before))
            return int(result.rowcount or 0)

        return self._write(work)


_LOCKS_GUARD = threading.Lock()
