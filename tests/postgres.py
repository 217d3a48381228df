"""Test databases: SQLite always, PostgreSQL when ``BAOCAO_TEST_POSTGRES_URL`` names a server.

``make test`` and ``.ci/run`` start a local server (scripts/test-postgres.sh) and export the URL of its
maintenance database; :func:`fresh_database` creates one empty database per test on it and drops it
afterwards, so tests never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

ENV = "BAOCAO_TEST_POSTGRES_URL"
SQLITE = "sqlite"


def postgres_url() -> str | None:
    return os.environ.get(ENV) or None


def database_urls() -> list[str]:
    """The backends to run storage tests on: "sqlite", plus the PostgreSQL server URL when configured."""
    url = postgres_url()
    return [SQLITE] + ([url] if url else [])


def _admin(server_url: str, sql: str) -> None:
    """Run one statement on the server's maintenance database, outside any transaction."""
    engine = sa.create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(sql)
    finally:
        engine.dispose()


def create_database(server_url: str, prefix: str = "baocao_test") -> str:
    """Create a new empty database on the server; return its URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    _admin(server_url, f'CREATE DATABASE "{name}"')
    return sa.engine.make_url(server_url).set(database=name).render_as_string(hide_password=False)


def drop_database(server_url: str, url: str) -> None:
    _admin(server_url, f'DROP DATABASE IF EXISTS "{sa.engine.make_url(url).database}" WITH (FORCE)')


@contextmanager
def fresh_database(backend: str, tmp_path: Path) -> Iterator[str]:
    """An empty database's URL for ``backend`` ("sqlite" or a PostgreSQL server URL)."""
    if backend == SQLITE:
        yield f"sqlite:///{tmp_path / 'baocao.db'}"
        return
    url = create_database(backend)
    try:
        yield url
    finally:
        drop_database(backend, url)
