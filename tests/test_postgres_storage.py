"""Storage on both databases: concurrent migrations and control characters, SQLite and PostgreSQL alike.

Each test takes ``db_url`` (tests/conftest.py): a fresh SQLite file, and a fresh PostgreSQL database
when ``BAOCAO_TEST_POSTGRES_URL`` is set (``make test`` starts a local server).
"""

from __future__ import annotations

import multiprocessing

import pytest
import sqlalchemy as sa

from storage import Store
from storage import engine as engine_mod
from storage.models import metadata
from tests.postgres import create_database, drop_database, postgres_url

# Text as users paste it: NUL from a broken client, other C0/C1 controls, escapes, lone surrogates.
HOSTILE_TEXTS = {
    "nul": ("Báo cáo\x00 tháng 5", "Báo cáo tháng 5"),
    "only-nul": ("\x00\x00", ""),
    "c0-controls": ("a\x01b\x07c\x1bd\x1fe", "abcde"),
    "tab-and-line-breaks-kept": ("dòng 1\r\ndòng 2\n\tthụt", "dòng 1\r\ndòng 2\n\tthụt"),
    "del-and-c1": ("x\x7fy\x85z\x9f", "xyz"),  # not escaped in JSON either: cleaned in values too
    "lone-surrogate": ("trước\ud800sau", "trướcsau"),  # likewise
    "vertical-tab-form-feed": ("a\x0bb\x0cc", "abc"),
    "emoji-and-vietnamese-kept": ("Đồng ý 👍 ạ", "Đồng ý 👍 ạ"),
}


def _session(store: Store):
    user = store.get_or_create_user("telegram", "42", name="Nguyễn\x00 Văn An")
    return user, store.create_session(user.id, "mau2", "1", {})


@pytest.mark.parametrize("case", sorted(HOSTILE_TEXTS))
def test_control_characters_are_cleaned_identically(db_url, case):
    text, expected = HOSTILE_TEXTS[case]
    store = Store.open(db_url)
    try:
        user, form = _session(store)
        store.save_step(user.id, form.id, [("I.1", text, text)], '{"s": "x"}', "I.1")
        (last,) = store.answer_history(form.id, "I.1")
        assert last.raw_text == expected
        # JSON escapes C0 controls (\u0000 is text): kept exactly in values; DEL, C1, surrogates are not
        assert last.value == (expected if case in ("del-and-c1", "lone-surrogate") else text)
        assert store.get_user(user.id).name == "Nguyễn Văn An"
        store.audit(user.id, "note", text=text)
        store.save_profile(user.id, co_quan=text)
        assert store.get_profile(user.id).co_quan == expected
    finally:
        store.close()


def test_state_json_with_raw_controls_stays_valid_json(db_url):
    store = Store.open(db_url)
    try:
        user, form = _session(store)
        state = '{"buffer": "đoạn\x00 một\x01", "n": 1}'
        store.save_step(user.id, form.id, [], state, None)
        assert store.get_session(user.id, form.id).state == {"buffer": "đoạn một", "n": 1}
    finally:
        store.close()


def test_clean_stored_text_removes_only():
    for text, expected in HOSTILE_TEXTS.values():
        assert engine_mod.clean_stored_text(text) == expected
    assert engine_mod.clean_stored_text('{"a": "\\u0000"}') == '{"a": "\\u0000"}'


# ---- several workers starting at once on an empty database -----------------------------------

def _migrate(url: str, barrier) -> None:
    barrier.wait(timeout=60)
    store = Store.open(url)
    store.close()


def _race(url: str, workers: int = 3) -> list[int]:
    # forkserver: children fork from a clean single-threaded server, not from this (threaded) test process
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["storage.repo"])
    barrier = ctx.Barrier(workers)
    procs = [ctx.Process(target=_migrate, args=(url, barrier)) for _ in range(workers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    return [p.exitcode for p in procs]


@pytest.mark.skipif(postgres_url() is None, reason="BAOCAO_TEST_POSTGRES_URL not set (make test starts a server)")
def test_three_workers_migrate_an_empty_postgres_database_at_once():
    server = postgres_url()
    for _round in range(10):
        url = create_database(server, prefix="baocao_race")
        try:
            assert _race(url) == [0, 0, 0]
            engine = sa.create_engine(url)
            try:
                with engine.connect() as conn:
                    assert conn.exec_driver_sql("SELECT count(*) FROM alembic_version").scalar() == 1
                assert set(metadata.tables) <= set(sa.inspect(engine).get_table_names())
            finally:
                engine.dispose()
        finally:
            drop_database(server, url)


def test_three_workers_migrate_an_empty_sqlite_file_at_once(tmp_path):
    for i in range(3):
        assert _race(f"sqlite:///{tmp_path / f'race{i}.db'}") == [0, 0, 0]


def test_migrations_take_the_advisory_lock_on_postgres(db_url):
    statements: list[str] = []
    engine = (engine_mod.create_server_engine(db_url) if not db_url.startswith("sqlite")
              else engine_mod.create_sqlite_engine(engine_mod.resolve_target(db_url).sqlite_path,
                                                   busy_timeout_ms=1000, create=True))
    sa.event.listen(engine, "before_cursor_execute", lambda c, cu, st, *a: statements.append(st))
    try:
        engine_mod.upgrade(engine)
    finally:
        engine.dispose()
    locks = [s for s in statements if "pg_advisory_xact_lock" in s]
    assert len(locks) == (0 if db_url.startswith("sqlite") else 1)
    if not db_url.startswith("sqlite"):
        assert statements.index(locks[0]) < min(i for i, s in enumerate(statements) if "CREATE TABLE" in s)
