"""Storage under stress and failure: concurrent writers, a locked database, a missing directory,
a file that vanishes or is corrupt. Each failure must raise a StorageError with a Vietnamese
words from the bot's catalogue and lose nothing that was already committed."""

from __future__ import annotations

import logging
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from storage import (
    Store,
    StorageBusyError,
    StorageCorruptError,
    StorageError,
    StorageUnavailableError,
)


def said(error) -> str:
    """What the chat says for a storage error (storage gives kinds; the bot's catalogue gives words)."""
    from bot.texts import storage_error

    return storage_error(error.kind, error.write)


@pytest.fixture()
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return tmp_path / "baocao.db"


def _exclusive_lock(path: Path) -> sqlite3.Connection:
    """Another process's writer holding the database: BEGIN EXCLUSIVE on a raw connection."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=0)
    conn.execute("BEGIN EXCLUSIVE")
    return conn


# ---------------------------------------------------------------- concurrency


def test_fifty_threads_lose_nothing(db_path: Path) -> None:
    store = Store.open(db_path, busy_timeout_ms=10_000, retries=5)
    users = [store.get_or_create_user("telegram", str(1000 + i)) for i in range(25)]
    forms = [store.create_session(u.id, "bieu04", "1", {"n": 0}) for u in users]
    steps = 8
    errors: list[BaseException] = []
    barrier = threading.Barrier(50)

    def writer(thread_no: int) -> None:
        # two threads per draft: each writes its own fields AND revises a shared field
        user, form = users[thread_no // 2], forms[thread_no // 2]
        try:
            barrier.wait()
            for step in range(steps):
                store.save_step(
                    user.id,
                    form.id,
                    [(f"T{thread_no}.{step}", step, str(step)), ("shared", f"{thread_no}-{step}", None)],
                    {"thread": thread_no, "step": step},
                    f"T{thread_no}.{step + 1}",
                )
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    store.close()

    reopened = Store.open(db_path)
    try:
        for index, (user, form) in enumerate(zip(users, forms)):
            answers = reopened.answers(form.id, user_id=user.id)
            expected = {f"T{t}.{s}": s for t in (2 * index, 2 * index + 1) for s in range(steps)}
            assert {k: v for k, v in answers.items() if k != "shared"} == expected
            history = reopened.answer_history(form.id, "shared")
            assert [a.revision for a in history] == list(range(1, 2 * steps + 1))  # no gap, no duplicate
            assert sum(a.is_current for a in history) == 1 and history[-1].is_current
            assert answers["shared"] == history[-1].value
    finally:
        reopened.close()


# ---------------------------------------------------------------- locked database


def test_locked_database_raises_busy_then_succeeds_after_release(db_path: Path) -> None:
    store = Store.open(db_path, busy_timeout_ms=100, retries=1, retry_delay=0.01)
    user = store.get_or_create_user("telegram", "1")
    form = store.create_session(user.id, "bieu04", "1", {"n": 0})
    store.save_step(user.id, form.id, [("I.1", "before", "before")], {"n": 1}, "I.2")

    lock = _exclusive_lock(db_path)
    try:
        with pytest.raises(StorageBusyError) as info:
            store.save_step(user.id, form.id, [("I.2", "during", "during")], {"n": 2}, "I.3")
        error = info.value
        assert "locked" in str(error)
        assert said(error).startswith("Hệ thống lưu trữ đang bận")
        assert "chưa được lưu" in said(error)
        # WAL: readers are not blocked by the writer's lock
        assert store.answers(form.id) == {"I.1": "before"}
        with pytest.raises(StorageBusyError):
            store.get_or_create_user("telegram", "2")
    finally:
        lock.rollback()
        lock.close()

    store.save_step(user.id, form.id, [("I.2", "during", "during")], {"n": 2}, "I.3")  # the user's retry
    assert store.answers(form.id) == {"I.1": "before", "I.2": "during"}
    assert store.get_session(user.id, form.id).state == {"n": 2}
    store.close()


class _ReleaseOnRetry(logging.Handler):
    """Releases the lock as soon as the Store logs its first retry: deterministic, no sleeps."""

    def __init__(self, lock: sqlite3.Connection) -> None:
        super().__init__()
        self.db_lock = lock
        self.retries = 0

    def emit(self, record: logging.LogRecord) -> None:
        if "retrying" in record.getMessage():
            self.retries += 1
            if self.retries == 1:
                self.db_lock.rollback()


def test_store_retries_a_locked_write_by_itself(db_path: Path) -> None:
    store = Store.open(db_path, busy_timeout_ms=50, retries=3, retry_delay=0.01)
    user = store.get_or_create_user("telegram", "1")
    form = store.create_session(user.id, "bieu04", "1", {})
    lock = _exclusive_lock(db_path)
    handler = _ReleaseOnRetry(lock)
    logger = logging.getLogger("storage.store_base")
    logger.addHandler(handler)
    try:
        store.save_step(user.id, form.id, [("I.1", 7, "7")], {"n": 1}, "I.2")
    finally:
        logger.removeHandler(handler)
        lock.close()
    assert handler.retries == 1
    assert store.answers(form.id) == {"I.1": 7}
    store.close()


# ---------------------------------------------------------------- missing directory or file


def test_missing_directory_is_an_error_not_created(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "baocao.db"
    with pytest.raises(StorageUnavailableError) as info:
        Store.open(target)
    assert "does not exist" in str(info.value)
    assert "tạm ngừng" in said(info.value)
    assert not target.parent.exists()


def test_directory_that_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a directory")
    with pytest.raises(StorageUnavailableError):
        Store.open(blocker / "baocao.db")


def test_missing_file_at_start_is_recreated_with_warning(db_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="storage.engine"):
        store = Store.open(db_path)
    assert any("not found" in r.getMessage() for r in caplog.records)
    user = store.get_or_create_user("terminal", "me")
    assert store.get_user(user.id).channel == "terminal"
    store.close()
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="storage.engine"):
        Store.open(db_path).close()
    assert not any("not found" in r.getMessage() for r in caplog.records)  # existing file: no warning


def test_file_deleted_while_running_fails_loudly(db_path: Path) -> None:
    store = Store.open(db_path)
    user = store.get_or_create_user("telegram", "1")
    form = store.create_session(user.id, "bieu04", "1", {})
    store.save_step(user.id, form.id, [("I.1", 1, "1")], {}, "I.2")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    with pytest.raises(StorageUnavailableError) as info:
        store.save_step(user.id, form.id, [("I.2", 2, "2")], {}, "I.3")
    assert "disappeared" in str(info.value) and "chưa được lưu" in said(info.value)
    with pytest.raises(StorageUnavailableError) as read_info:
        store.list_sessions(user.id)
    assert "chưa được lưu" not in said(read_info.value)  # a read says nothing about saving
    assert not db_path.exists()  # no silent new empty file
    store.close()
    # an operator restart re-creates an empty, migrated database
    fresh = Store.open(db_path)
    assert fresh.list_sessions(fresh.get_or_create_user("telegram", "1").id) == []
    fresh.close()


def test_file_replaced_while_running_fails_loudly(db_path: Path, tmp_path: Path) -> None:
    store = Store.open(db_path)
    user = store.get_or_create_user("telegram", "1")
    backup = tmp_path / "backup.db"
    shutil.copyfile(db_path, backup)
    backup.replace(db_path)
    with pytest.raises(StorageUnavailableError) as info:
        store.create_session(user.id, "bieu04", "1", {})
    assert "replaced" in str(info.value)
    store.close()


def test_corrupt_file(db_path: Path) -> None:
    db_path.write_bytes(b"This is definitely not a SQLite database file.\n" * 200)
    with pytest.raises(StorageCorruptError) as info:
        Store.open(db_path)
    assert isinstance(info.value, StorageError)
    assert "quản trị viên" in said(info.value)
    assert db_path.read_bytes().startswith(b"This is definitely")  # the evidence is left in place


def test_empty_file_is_migrated(db_path: Path) -> None:
    db_path.touch()
    store = Store.open(db_path)
    assert store.get_or_create_user("telegram", "1").id == 1
    store.close()


def test_database_from_a_newer_version_is_refused(db_path: Path) -> None:
    Store.open(db_path).close()
    raw = sqlite3.connect(db_path)
    raw.execute("UPDATE alembic_version SET version_num = '9999_future'")
    raw.commit()
    raw.close()
    with pytest.raises(StorageUnavailableError) as info:
        Store.open(db_path)
    assert "newer version" in str(info.value)


def test_concurrent_first_contact_creates_one_user(db_path: Path) -> None:
    store = Store.open(db_path, busy_timeout_ms=10_000)
    ids: list[int] = []
    barrier = threading.Barrier(20)

    def contact() -> None:
        barrier.wait()
        ids.append(store.get_or_create_user("telegram", "same-person", name="Hoa").id)

    threads = [threading.Thread(target=contact) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(ids) == 20 and len(set(ids)) == 1
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM user").scalar() == 1
    store.close()


def test_errors_are_kinds_and_every_kind_has_words():
    """storage/errors.py holds no chat text; the bot's catalogue words every kind, for reads and writes."""
    from storage import errors
    from storage.errors import ErrorKind

    source = Path(errors.__file__).read_text(encoding="utf-8")
    assert not any(ord(ch) > 127 for ch in source) and "/nhap" not in source
    for kind in ErrorKind:
        write_text, read_text = (said(type("E", (), {"kind": kind, "write": w})()) for w in (True, False))
        assert "chưa được lưu" in write_text or kind is ErrorKind.NOT_FOUND
        assert "chưa được lưu" not in read_text and write_text != read_text
