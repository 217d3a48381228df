"""Shared test set-up.

- The knowledge index over the bundled corpus is built ONCE per test process
  (tests/knowledge_fixtures.py): ``built_index_dir`` (read-only directory), ``knowledge_base`` (an open
  knowledge base over a private copy, shared by the session), ``copy_index`` for tests that write.
- ``db_url``: every storage test runs on SQLite and, when ``BAOCAO_TEST_POSTGRES_URL`` is set (``make test``
  and ``.ci/run`` start a local server), on PostgreSQL too, each test on a fresh database.
- Nothing in the environment leaks in: DATABASE_URL, BAOCAO_* access settings and bot tokens are cleared.
"""

from __future__ import annotations

import os

import pytest

from tests.knowledge_fixtures import built_index_dir  # noqa: F401  (session fixture, re-exported)
from tests.postgres import database_urls, fresh_database

# A developer's shell must not change what the tests see (a real token or database in particular).
for _name in ("DATABASE_URL", "TELEGRAM_BOT_TOKEN", "ZALO_BOT_TOKEN", "BAOCAO_ALLOWED_USERS", "BAOCAO_ADMINS",
              "BAOCAO_ALLOWED_GROUPS", "BAOCAO_OPEN", "BAOCAO_LLM"):
    os.environ.pop(_name, None)
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("BAOCAO_INGEST_BACKGROUND", "0")  # uploads ingest in the chat unless a test turns jobs on


@pytest.fixture(scope="session")
def knowledge_base():
    """An open knowledge base over the once-built index (a private copy: tests may ingest into it)."""
    from tests.fake_telegram import shared_knowledge_base

    return shared_knowledge_base()


@pytest.fixture(scope="session")
def kb(knowledge_base):
    """The shared knowledge base under the short name the messenger tests use."""
    return knowledge_base


@pytest.fixture()
def data_dir(tmp_path, monkeypatch):
    """The bot's data directory for one test, on SQLite (no DATABASE_URL)."""
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return tmp_path / "data"


@pytest.fixture()
def store(data_dir):
    """A SQLite store in the test's data directory (``data_dir``)."""
    from storage.repo import Store

    store = Store.open()
    yield store
    store.close()


@pytest.fixture(params=database_urls(), ids=lambda u: u.split(":", 1)[0].split("+")[0])
def db_url(request, tmp_path):
    """A fresh, empty database: a SQLite file, or a new PostgreSQL database dropped afterwards."""
    with fresh_database(request.param, tmp_path) as url:
        yield url
