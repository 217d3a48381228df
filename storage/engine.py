"""Database engine: URL resolution, SQLite connection settings, error mapping and migrations.

SQLite (the default, ``data_dir()/baocao.db``) gets on every connection: WAL journal,
``busy_timeout``, foreign keys and ``synchronous`` (``NORMAL`` unless ``BAOCAO_SQLITE_SYNCHRONOUS``
says ``FULL``: in WAL mode NORMAL keeps every commit through any crash or restart of the bot,
FULL also through a power cut, at one disk flush per commit).
Runtime connections open the file in ``mode=rw``: if the file vanishes while the bot runs,
SQLite must not quietly create a new empty one. Write transactions start with
``BEGIN IMMEDIATE`` so a writer waits for the lock up front (under ``busy_timeout``) instead of
failing half-way on a lock upgrade.

PostgreSQL is used when ``DATABASE_URL`` (or an explicit URL) says so; all SQL is portable.
Migrations on PostgreSQL hold a transaction-scoped advisory lock (``MIGRATION_LOCK_KEY``), so
several workers starting at once on an empty database migrate one after the other.

Text is stored identically on both: every string sent to the database loses the characters
PostgreSQL cannot hold (U+0000) and the other control characters (C0 except tab, line feed and
carriage return; DEL; C1) and lone surrogates (see :func:`clean_stored_text`). Nothing is ever
inserted, so JSON text stays valid JSON (its escaped ``\u0000`` is text, kept as is).
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.util.exc import CommandError
from sqlalchemy import event
from sqlalchemy.pool import QueuePool

from storage import paths
from storage.errors import (
    StorageBusyError,
    StorageCorruptError,
    StorageError,
    StorageUnavailableError,
)

log = logging.getLogger(__name__)

DB_FILENAME = "baocao.db"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Execution option read by the SQLite "begin" hook: "DEFERRED" (reads) or "IMMEDIATE" (writes).
BEGIN_MODE_OPTION = "baocao_sqlite_begin"
# pg_advisory_xact_lock key serializing migrations across processes ("baocao" in ASCII).
MIGRATION_LOCK_KEY = int.from_bytes(b"baocao", "big")
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_stored_text(text: str) -> str:
    """``text`` without U+0000, other control characters (tab and line breaks kept) and lone surrogates."""
    return _UNSTORABLE.sub("", text)


def _clean_value(value: object) -> object:
    if isinstance(value, str):
        return clean_stored_text(value) if _UNSTORABLE.search(value) else value
    if isinstance(value, dict):
        return {k: _clean_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_clean_value(v) for v in value)
    return value


def install_text_cleaning(engine: sa.Engine) -> None:
    """Clean every string parameter of every statement on ``engine`` (see :func:`clean_stored_text`)."""

    @event.listens_for(engine, "before_cursor_execute", retval=True)
    def _clean(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        return statement, _clean_value(parameters)


@dataclass(frozen=True)
class DatabaseTarget:
    """Where the database lives: a SQLite file path, or a server URL."""

    url: str
    sqlite_path: Optional[Path]  # set for a SQLite file database

    @property
    def is_sqlite(self) -> bool:
        return self.sqlite_path is not None


def resolve_target(url: str | os.PathLike[str] | None = None) -> DatabaseTarget:
    """Pick the database: explicit argument, else ``DATABASE_URL``, else the data directory.

    A plain filesystem path (no ``://``) is taken to be a SQLite file.
    """
    if url is None:
        url = os.environ.get("DATABASE_URL") or None
    if url is None:
        path = paths.data_dir() / DB_FILENAME
        return DatabaseTarget(url=f"sqlite:///{path}", sqlite_path=path)
    text = os.fspath(url)
    if "://" not in text:
        path = Path(text).expanduser().resolve()
        return DatabaseTarget(url=f"sqlite:///{path}", sqlite_path=path)
    parsed = sa.engine.make_url(text)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise ValueError("baocao storage needs a SQLite file, not an in-memory database")
        path = Path(parsed.database).expanduser().resolve()
        return DatabaseTarget(url=f"sqlite:///{path}", sqlite_path=path)
    return DatabaseTarget(url=text, sqlite_path=None)


SYNCHRONOUS_LEVELS = ("NORMAL", "FULL", "EXTRA")


def sqlite_synchronous(value: Optional[str] = None) -> str:
    """The SQLite ``synchronous`` level: the argument, else ``BAOCAO_SQLITE_SYNCHRONOUS``, else NORMAL."""
    level = (value or os.environ.get("BAOCAO_SQLITE_SYNCHRONOUS") or "NORMAL").strip().upper()
    if level not in SYNCHRONOUS_LEVELS:
        raise ValueError(f"synchronous must be one of {SYNCHRONOUS_LEVELS}, not {level!r}")
    return level


def _sqlite_uri(path: Path, mode: str) -> str:
    return f"file:{urllib.parse.quote(str(path))}?mode={mode}"


def create_sqlite_engine(
    path: Path,
    *,
    busy_timeout_ms: int,
    create: bool = False,
    synchronous: str = "NORMAL",
) -> sa.Engine:
    """An engine over one SQLite file; ``create`` allows the file to be created (``mode=rwc``)."""
    uri = _sqlite_uri(path, "rwc" if create else "rw")

    def connect() -> sqlite3.Connection:
        # isolation_level=None: the driver never opens transactions itself; the "begin" hook does.
        return sqlite3.connect(
            uri, uri=True, timeout=busy_timeout_ms / 1000, isolation_level=None, check_same_thread=False
        )

    engine = sa.create_engine("sqlite://", creator=connect, poolclass=QueuePool, pool_size=5, max_overflow=10)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            _set_wal(cursor, busy_timeout_ms)
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute(f"PRAGMA synchronous = {sqlite_synchronous(synchronous)}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        mode = conn.get_execution_options().get(BEGIN_MODE_OPTION, "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    install_text_cleaning(engine)
    return engine


def _set_wal(cursor: sqlite3.Cursor, busy_timeout_ms: int) -> None:
    """``PRAGMA journal_mode = WAL``, retried while another process holds the file: switching the
    journal mode of a new file that several workers open at once can fail at once with "database is
    locked" without the busy handler being called (the mode is stored in the file: the first one wins)."""
    deadline = time.monotonic() + busy_timeout_ms / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.05)


def create_server_engine(url: str, *, pool_size: int = 5, max_overflow: int = 10) -> sa.Engine:
    """An engine for a database server (PostgreSQL): pooled, with liveness checks.

    A missing driver (PostgreSQL needs the ``postgres`` extra: ``pip install 'baocao[postgres]'``)
    raises ``StorageUnavailableError``.
    """
    try:
        engine = sa.create_engine(url, pool_pre_ping=True, pool_size=pool_size, max_overflow=max_overflow)
    except (ImportError, sa.exc.NoSuchModuleError) as exc:
        raise StorageUnavailableError(
            f"no database driver for {sa.engine.make_url(url).drivername}: {exc}; "
            "for PostgreSQL install the 'postgres' extra (pip install 'baocao[postgres]')",
            write=True,
        ) from exc
    install_text_cleaning(engine)
    return engine


_BUSY_MARKERS = ("database is locked", "database table is locked", "lock timeout", "deadlock detected",
                 "could not serialize", "could not obtain lock")
_CORRUPT_MARKERS = ("file is not a database", "malformed", "file is encrypted")
_UNAVAILABLE_MARKERS = ("unable to open database", "readonly database", "disk i/o error", "no such table",
                        "disk is full", "connection", "could not connect", "server closed")


def translate_error(exc: BaseException, *, write: bool) -> StorageError:
    """Map a driver/SQLAlchemy error to the matching ``StorageError`` subclass."""
    if isinstance(exc, StorageError):
        return exc
    text = str(getattr(exc, "orig", None) or exc).lower()
    detail = f"{type(exc).__name__}: {getattr(exc, 'orig', None) or exc}"
    if any(marker in text for marker in _BUSY_MARKERS):
        return StorageBusyError(f"database busy: {detail}", write=write)
    if any(marker in text for marker in _CORRUPT_MARKERS):
        return StorageCorruptError(f"database file is corrupt: {detail}", write=write)
    if any(marker in text for marker in _UNAVAILABLE_MARKERS):
        return StorageUnavailableError(f"database unavailable: {detail}", write=write)
    return StorageError(f"database error: {detail}", write=write)


def alembic_config() -> Config:
    """An Alembic configuration built in code (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade(engine: sa.Engine, revision: str = "head") -> None:
    """Apply migrations up to ``revision`` on ``engine``'s database, in one transaction.

    Serialized across processes: SQLite by ``BEGIN IMMEDIATE``, PostgreSQL by an advisory lock
    held until the transaction ends (a second worker waits, then finds the schema up to date).
    """
    config = alembic_config()
    with engine.connect() as connection:
        connection.execution_options(**{BEGIN_MODE_OPTION: "IMMEDIATE"})
        try:
            with connection.begin():  # env.py sees this external transaction and runs inside it
                if connection.dialect.name == "postgresql":
                    connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
        except CommandError as exc:  # e.g. a database migrated by a newer baocao
            raise StorageUnavailableError(
                f"cannot migrate the database: {exc} (was it created by a newer version of baocao?)", write=True
            ) from exc


def prepare_sqlite_file(path: Path, *, busy_timeout_ms: int) -> None:
    """Check the directory, create the file if missing (with a warning) and migrate it.

    Raises ``StorageUnavailableError`` for a missing or unusable directory and
    ``StorageCorruptError`` for a file that is not a SQLite database.
    """
    directory = path.parent
    if not directory.is_dir():
        raise StorageUnavailableError(
            f"database directory {directory} does not exist or is not a directory", write=True
        )
    if not os.access(directory, os.W_OK | os.X_OK):
        raise StorageUnavailableError(f"database directory {directory} is not writable", write=True)
    if path.exists() and not path.is_file():
        raise StorageUnavailableError(f"database path {path} exists but is not a file", write=True)
    if not path.exists():
        log.warning("database file %s not found: creating a new empty database", path)
    engine = create_sqlite_engine(path, busy_timeout_ms=busy_timeout_ms, create=True)
    try:
        upgrade(engine)
    except StorageError:
        raise
    except (sa.exc.SQLAlchemyError, sqlite3.Error, OSError) as exc:
        raise translate_error(exc, write=True) from exc
    finally:
        engine.dispose()
