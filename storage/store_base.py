"""The ``Store``'s foundation: opening the database, one transaction per call, error mapping, JSON.

``storage.repo.Store`` combines this with the table groups (``storage.store_people``,
``storage.store_forms``); callers use ``Store`` only.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any, Optional, TypeVar

import sqlalchemy as sa
from sqlmodel import Session, select

from storage import engine as engine_mod
from storage.errors import NotFoundError, StorageBusyError, StorageError, StorageUnavailableError
from storage.models import Answer, FormSession, User

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


class StoreBase:
    """Opening, closing and running one unit of work per call (retries, locks, error kinds)."""

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
        turns = self.__dict__.get("_turns_engine")  # storage/store_jobs.py: the pool of user turns
        if turns is not None:
            turns.dispose()

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
