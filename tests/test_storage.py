"""Storage: schema vs migrations, the Store API, user isolation, atomic steps, restart."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage import NotFoundError, Store, StorageError
from storage import engine as engine_mod
from storage.models import PROFILE_FIELDS, metadata
from storage.repo import UNSET


def said(error) -> str:
    """What the chat says for a storage error (storage gives kinds; the bot's catalogue gives words)."""
    from bot.texts import storage_error

    return storage_error(error.kind, error.write)


@pytest.fixture()
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return tmp_path


@pytest.fixture()
def store(data_dir: Path, db_url: str):
    """A fresh database on each backend (tests/conftest.py: SQLite, and PostgreSQL when configured)."""
    s = Store.open(db_url)
    yield s
    s.close()


def _sqlite_only(store: Store) -> None:
    if not store.target.is_sqlite:
        pytest.skip("SQLite-specific")


def _user(store: Store, uid: str = "1", name: str | None = None):
    return store.get_or_create_user("telegram", uid, name=name)


# ---------------------------------------------------------------- schema and migrations


def test_default_location_is_data_dir(store: Store, data_dir: Path) -> None:
    _sqlite_only(store)  # db_url's SQLite file is the data dir's default file
    assert store.target.sqlite_path == data_dir / "baocao.db"
    assert (data_dir / "baocao.db").is_file()


def test_migrations_create_schema_matching_models(store: Store) -> None:
    inspector = sa.inspect(store.engine)
    tables = set(inspector.get_table_names())
    assert set(metadata.tables) <= tables
    assert "alembic_version" in tables
    with store.engine.connect() as conn:
        versions = Path(__file__).resolve().parent.parent / "storage" / "migrations" / "versions"
        latest = max(p.name.split("_", 1)[0] for p in versions.glob("[0-9][0-9][0-9][0-9]_*.py"))
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == latest
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, metadata)
    assert diff == []


def test_compare_metadata_detects_drift(store: Store) -> None:
    """The no-diff check above is meaningful: a schema change shows up as a diff."""
    with store.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE reminder ADD COLUMN extra TEXT")
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert any(item[0] == "remove_column" and item[3].name == "extra" for item in diff)


def test_downgrade_and_upgrade_again(store: Store) -> None:
    from alembic import command

    config = engine_mod.alembic_config()
    with store.engine.connect() as conn:
        conn.execution_options(**{engine_mod.BEGIN_MODE_OPTION: "IMMEDIATE"})
        with conn.begin():
            config.attributes["connection"] = conn
            command.downgrade(config, "base")
    assert not set(metadata.tables) & set(sa.inspect(store.engine).get_table_names())
    engine_mod.upgrade(store.engine)
    assert set(metadata.tables) <= set(sa.inspect(store.engine).get_table_names())


def test_pragmas_on_every_connection(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BAOCAO_SQLITE_SYNCHRONOUS", raising=False)
    store = Store.open(busy_timeout_ms=1234)
    try:
        connections = [store.engine.connect() for _ in range(3)]  # three distinct pooled connections
        for conn in connections:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 1234
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        for conn in connections:
            conn.close()
    finally:
        store.close()
    monkeypatch.setenv("BAOCAO_SQLITE_SYNCHRONOUS", "full")
    durable = Store.open()
    try:
        with durable.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    finally:
        durable.close()
    monkeypatch.setenv("BAOCAO_SQLITE_SYNCHRONOUS", "off")
    with pytest.raises(ValueError):
        Store.open()
    raw = sqlite3.connect(data_dir / "baocao.db")
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # persisted in the file
    raw.close()


def test_foreign_keys_enforced(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.create_session(999, "bieu04", "1", {})
    with store.engine.connect() as conn, pytest.raises(sa.exc.IntegrityError):
        conn.exec_driver_sql(
            "INSERT INTO answer (session_id, code, revision, is_current, value_json, updated_at) "
            "VALUES (4242, 'I.1', 1, TRUE, '1', '2025-01-01')"
        )


# ---------------------------------------------------------------- users and profiles


def test_get_or_create_user_is_idempotent_and_updates(store: Store) -> None:
    a = store.get_or_create_user("telegram", 42, name="Lan")
    b = store.get_or_create_user("telegram", "42")
    assert a.id == b.id and b.name == "Lan" and b.role == "user"
    c = store.get_or_create_user("telegram", "42", name="Lan Anh", role="admin")
    assert c.id == a.id and c.name == "Lan Anh" and c.role == "admin"
    other_channel = store.get_or_create_user("terminal", "42")
    assert other_channel.id != a.id
    with pytest.raises(ValueError):
        store.get_or_create_user("telegram", "43", role="root")
    assert store.get_user(a.id).name == "Lan Anh"
    assert store.get_user(987654) is None


def test_profile_create_and_partial_update(store: Store) -> None:
    user = _user(store)
    assert store.get_profile(user.id) is None
    profile = store.save_profile(
        user.id,
        co_quan_chu_quan="UBND TỈNH NINH BÌNH",
        co_quan="SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        noi_nhan="- Bộ TTTT (Vụ KHTC);\n\n- Lưu: VT, KHTC.",
    )
    assert profile.noi_nhan == ["- Bộ TTTT (Vụ KHTC);", "- Lưu: VT, KHTC."]
    store.save_profile(user.id, so_ky_hieu="BC-STTTT", dia_danh="Ninh Bình", nguoi_ky="Trần Văn A", chuc_vu="GIÁM ĐỐC")
    again = store.get_profile(user.id)
    assert again.co_quan == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"  # kept
    assert again.so_ky_hieu == "BC-STTTT"
    assert set(again.as_dict()) == set(PROFILE_FIELDS)
    with pytest.raises(ValueError):
        store.save_profile(user.id, fax="x@y")
    with pytest.raises(TypeError):
        store.save_profile(user.id, co_quan=5)


# ---------------------------------------------------------------- sessions, answers, revisions


def test_save_step_revisions(store: Store) -> None:
    user = _user(store)
    form = store.create_session(user.id, "bieu04", "2", {"cursor": 0}, title="Năm 2025")
    assert form.status == "active" and form.state == {"cursor": 0}
    store.save_step(user.id, form.id, [("I.1", "Hệ thống A", "Hệ thống A")], {"cursor": 1}, "I.2")
    store.save_step(user.id, form.id, [("I.2", 1500, "1,5 tỷ")], {"cursor": 2}, "I.3")
    store.save_step(user.id, form.id, [("I.1", "Hệ thống A", "he thong a")], {"cursor": 2}, "I.3")  # same value
    store.save_step(user.id, form.id, [("I.2", 2300, "2 tỷ 300 triệu")], {"cursor": 3}, "I.4")
    store.save_step(user.id, form.id, [("I.2", 2300.0, "2300")], {"cursor": 3}, "I.4")  # 2300.0 != 2300 in JSON
    history = store.answer_history(form.id, "I.2")
    assert [(a.revision, a.value, a.raw_text, a.is_current) for a in history] == [
        (1, 1500, "1,5 tỷ", False),
        (2, 2300, "2 tỷ 300 triệu", False),
        (3, 2300.0, "2300", True),
    ]
    assert len(store.answer_history(form.id, "I.1")) == 1
    assert store.answers(form.id) == {"I.1": "Hệ thống A", "I.2": 2300.0}
    assert list(store.answers(form.id)) == ["I.1", "I.2"]  # order of first answer

    # clearing a field keeps its history and hides it from answers()
    store.save_step(user.id, form.id, [("I.1", None, "/bo")], {"cursor": 3}, "I.1")
    assert "I.1" not in store.answers(form.id)
    assert [a.value for a in store.answer_history(form.id, "I.1")] == ["Hệ thống A", None]

    saved = store.get_session(user.id, form.id)
    assert saved.state == {"cursor": 3} and saved.current_code == "I.1" and saved.completed_at is None
    assert saved.updated_at >= saved.created_at


def test_table_values_and_key_order(store: Store) -> None:
    user = _user(store)
    form = store.create_session(user.id, "bieu04", "1", "{}")
    rows = {"rows": [{"ten": "Dự án A", "tong": 1200.5}], "group": "I.1"}
    store.save_step(user.id, form.id, [("HT[1].II.2", rows, "Dự án A | 1.200,5")], "{}", None)
    reordered = {"group": "I.1", "rows": [{"tong": 1200.5, "ten": "Dự án A"}]}
    store.save_step(user.id, form.id, [("HT[1].II.2", reordered, "again")], "{}", None)
    assert len(store.answer_history(form.id, "HT[1].II.2")) == 1  # same value, different key order
    assert store.answers(form.id)["HT[1].II.2"] == rows


def test_status_lifecycle_and_last_completed(store: Store) -> None:
    user = _user(store)
    first = store.create_session(user.id, "bieu04", "1", {}, title="Tháng 5")
    second = store.create_session(user.id, "bieu04", "1", {}, title="Tháng 6")
    other_template = store.create_session(user.id, "mau2", "1", {})
    assert store.last_completed_session(user.id, "bieu04") is None
    store.save_step(user.id, first.id, [("I.1", "x", "x")], {}, None, status="completed")
    done = store.get_session(user.id, first.id)
    assert done.status == "completed" and done.completed_at is not None
    paused = store.set_session_status(user.id, second.id, "paused")
    assert paused.status == "paused"
    assert {s.id for s in store.list_sessions(user.id)} == {second.id, other_template.id}
    assert {s.id for s in store.list_sessions(user.id, statuses=None)} == {first.id, second.id, other_template.id}
    assert store.last_completed_session(user.id, "bieu04").id == first.id
    store.set_session_status(user.id, second.id, "completed")
    assert store.last_completed_session(user.id, "bieu04").id == second.id
    assert store.last_completed_session(user.id, "mau2") is None
    with pytest.raises(ValueError):
        store.set_session_status(user.id, second.id, "archived")
    with pytest.raises(ValueError):
        store.save_step(user.id, second.id, [], {}, None, status="done")


def test_invalid_values_write_nothing(store: Store) -> None:
    user = _user(store)
    form = store.create_session(user.id, "bieu04", "1", {})
    with pytest.raises(TypeError):
        store.save_step(user.id, form.id, [("I.1", "ok", "ok"), ("I.2", object(), "?")], {"c": 1}, "I.3")
    with pytest.raises(ValueError):
        store.save_step(user.id, form.id, [("I.1", float("nan"), "nan")], {"c": 1}, "I.3")
    with pytest.raises(ValueError):
        store.save_step(user.id, form.id, [("", 1, "1")], {"c": 1}, "I.3")
    assert store.answers(form.id) == {}
    assert store.get_session(user.id, form.id).state == {}


# ---------------------------------------------------------------- isolation


def test_users_never_see_each_others_data(store: Store) -> None:
    alice = _user(store, "100", "Alice")
    bob = _user(store, "200", "Bob")
    a_form = store.create_session(alice.id, "bieu04", "1", {"who": "alice"})
    b_form = store.create_session(bob.id, "bieu04", "1", {"who": "bob"})
    store.save_step(alice.id, a_form.id, [("I.1", "bí mật của Alice", "x")], {"who": "alice"}, "I.2")
    a_doc = store.add_document(alice.id, a_form.id, "/data/documents/1/a.docx", "a" * 64, 1000)
    store.add_document(bob.id, b_form.id, "/data/documents/2/b.docx", "b" * 64, 2000)

    assert [s.id for s in store.list_sessions(alice.id)] == [a_form.id]
    assert [s.id for s in store.list_sessions(bob.id)] == [b_form.id]
    assert store.get_session(bob.id, a_form.id) is None
    assert store.get_session(alice.id, a_form.id).id == a_form.id
    assert [d.path for d in store.list_documents(bob.id)] == ["/data/documents/2/b.docx"]
    assert store.get_document(bob.id, a_doc.id) is None
    assert store.get_document(alice.id, a_doc.id).sha256 == "a" * 64

    with pytest.raises(NotFoundError) as info:
        store.save_step(bob.id, a_form.id, [("I.1", "ghi đè", "x")], {"who": "bob"}, "I.9")
    assert "bản nháp" in said(info.value)
    with pytest.raises(NotFoundError):
        store.answers(a_form.id, user_id=bob.id)
    with pytest.raises(NotFoundError):
        store.answer_history(a_form.id, "I.1", user_id=bob.id)
    with pytest.raises(NotFoundError):
        store.set_session_status(bob.id, a_form.id, "cancelled")
    with pytest.raises(NotFoundError):
        store.set_user_state(bob.id, active_session_id=a_form.id)
    with pytest.raises(NotFoundError):
        store.add_document(bob.id, a_form.id, "/tmp/x.docx", "c" * 64, 1)
    with pytest.raises(NotFoundError):
        store.add_reminder(bob.id, datetime.now(timezone.utc), "x", session_id=a_form.id)

    # Alice's data is untouched by Bob's attempts
    assert store.answers(a_form.id, user_id=alice.id) == {"I.1": "bí mật của Alice"}
    alice_form = store.get_session(alice.id, a_form.id)
    assert alice_form.state == {"who": "alice"} and alice_form.status == "active"
    assert len(store.list_documents(alice.id)) == 1


# ---------------------------------------------------------------- atomicity


def test_failure_inside_the_database_leaves_nothing_partial(store: Store) -> None:
    _sqlite_only(store)  # the failure is a SQLite trigger
    user = _user(store)
    form = store.create_session(user.id, "bieu04", "1", {"c": 0})
    store.save_step(user.id, form.id, [("I.1", "old", "old")], {"c": 1}, "I.2")
    with store.engine.begin() as conn:  # a real database-side failure half-way through a step
        conn.exec_driver_sql(
            "CREATE TRIGGER boom BEFORE INSERT ON answer WHEN NEW.code = 'BOOM' "
            "BEGIN SELECT RAISE(ABORT, 'simulated failure'); END"
        )
    with pytest.raises(StorageError) as info:
        store.save_step(
            user.id, form.id, [("I.1", "new", "new"), ("I.2", 5, "5"), ("BOOM", 1, "1")], {"c": 99}, "I.9",
            status="completed",
        )
    assert "chưa được lưu" in said(info.value)
    assert store.answers(form.id) == {"I.1": "old"}
    assert [a.value for a in store.answer_history(form.id, "I.1")] == ["old"]
    assert store.answer_history(form.id, "I.2") == []
    after = store.get_session(user.id, form.id)
    assert (after.state, after.current_code, after.status) == ({"c": 1}, "I.2", "active")


def test_crash_in_python_mid_step_leaves_nothing_partial(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    user = _user(store)
    form = store.create_session(user.id, "bieu04", "1", {"c": 0})
    calls = {"n": 0}
    original = Store._record_answer

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("process dies here")
        return original(*args, **kwargs)

    monkeypatch.setattr(Store, "_record_answer", staticmethod(flaky))
    with pytest.raises(RuntimeError):
        store.save_step(user.id, form.id, [("A", 1, "1"), ("B", 2, "2"), ("C", 3, "3")], {"c": 3}, "D")
    assert calls["n"] == 3
    monkeypatch.setattr(Store, "_record_answer", staticmethod(original))
    assert store.answers(form.id) == {}
    assert store.get_session(user.id, form.id).state == {"c": 0}
    store.save_step(user.id, form.id, [("A", 1, "1"), ("B", 2, "2"), ("C", 3, "3")], {"c": 3}, "D")
    assert store.answers(form.id) == {"A": 1, "B": 2, "C": 3}


# ---------------------------------------------------------------- conversation state, reminders, audit


def test_user_state_keeps_unset_fields(store: Store) -> None:
    user = _user(store)
    form = store.create_session(user.id, "mau2", "1", {})
    empty = store.get_user_state(user.id)
    assert empty.active_session_id is None and empty.pending is None
    store.set_user_state(user.id, active_session_id=form.id)
    store.set_user_state(user.id, pending={"kind": "profile", "field": "co_quan"})
    state = store.get_user_state(user.id)
    assert state.active_session_id == form.id
    assert state.pending == {"kind": "profile", "field": "co_quan"}
    store.set_user_state(user.id, pending=None)
    state = store.get_user_state(user.id)
    assert state.active_session_id == form.id and state.pending is None
    store.set_user_state(user.id, active_session_id=None, pending=UNSET)
    assert store.get_user_state(user.id).active_session_id is None


def test_reminders(store: Store) -> None:
    user = _user(store)
    open_form = store.create_session(user.id, "bieu04", "1", {})
    done_form = store.create_session(user.id, "mau2", "1", {})
    now = datetime(2025, 7, 20, 8, 0, tzinfo=timezone.utc)
    r_late = store.add_reminder(user.id, now - timedelta(hours=1), "Hạn nộp Biểu 04 là ngày 25/7.", session_id=open_form.id)
    r_naive = store.add_reminder(user.id, datetime(2025, 7, 20, 7, 30), "naive = UTC", session_id=open_form.id)
    store.add_reminder(user.id, now + timedelta(days=1), "later", session_id=open_form.id)
    r_done = store.add_reminder(user.id, now - timedelta(days=1), "done session", session_id=done_form.id)
    r_general = store.add_reminder(user.id, now - timedelta(minutes=1), "no session", kind="general")
    # the same instant given in another zone
    hanoi = timezone(timedelta(hours=7))
    r_zone = store.add_reminder(user.id, datetime(2025, 7, 20, 14, 58, tzinfo=hanoi), "zone", session_id=open_form.id)
    store.set_session_status(user.id, done_form.id, "completed")

    due = store.due_reminders(now)
    assert [r.id for r in due] == [r_late.id, r_naive.id, r_zone.id, r_general.id]
    assert due[0].due_at.tzinfo is not None
    store.mark_reminder_sent(r_late.id, now)
    assert r_late.id not in [r.id for r in store.due_reminders(now)]
    assert store.cancel_reminders(open_form.id) == 3  # naive, zone, later (late was sent)
    assert [r.id for r in store.due_reminders(now + timedelta(days=2))] == [r_general.id]
    with pytest.raises(NotFoundError):
        store.mark_reminder_sent(123456)
    assert [r.id for r in store.list_reminders(user.id)] == [r_done.id, r_general.id]  # raw listing
    assert len(store.list_reminders(user.id, session_id=open_form.id, include_done=True)) == 4
    assert store.list_reminders(_user(store, "other").id, include_done=True) == []


def test_audit(store: Store) -> None:
    user = _user(store)
    store.audit(user.id, "session.create", template="bieu04", note="Tạo mới")
    store.audit(None, "system.start")
    entries = store.audit_log(user.id)
    assert [(e.action, e.detail) for e in entries] == [("session.create", {"template": "bieu04", "note": "Tạo mới"})]
    assert [e.action for e in store.audit_log()] == ["system.start", "session.create"]


# ---------------------------------------------------------------- restart


def test_reopen_finds_everything(data_dir: Path) -> None:
    first = Store.open()
    user = first.get_or_create_user("telegram", "77", name="Minh")
    first.save_profile(user.id, co_quan="Sở TTTT", noi_nhan=["- Như trên;"])
    form = first.create_session(user.id, "bieu04", "1", '{"cursor": 4}', title="2025")
    first.save_step(user.id, form.id, [("I.1", "a", "a")], '{"cursor": 5}', "I.2")
    first.save_step(user.id, form.id, [("I.1", "b", "b")], '{"cursor": 6}', "I.3")
    first.set_user_state(user.id, active_session_id=form.id, pending={"awaiting": "confirm_rows"})
    due = datetime(2030, 1, 1, tzinfo=timezone.utc)
    first.add_reminder(user.id, due, "Nhắc hạn", session_id=form.id)
    first.add_document(user.id, form.id, "/x/y.docx", "f" * 64, 12)
    first.close()

    second = Store.open()  # a new engine on the same file: what a restarted bot does
    try:
        again = second.get_or_create_user("telegram", "77")
        assert again.id == user.id and again.name == "Minh"
        assert second.get_profile(user.id).noi_nhan == ["- Như trên;"]
        state = second.get_user_state(user.id)
        assert state.active_session_id == form.id and state.pending == {"awaiting": "confirm_rows"}
        resumed = second.get_session(user.id, state.active_session_id)
        assert resumed.state_json == '{"cursor": 6}' and resumed.current_code == "I.3" and resumed.title == "2025"
        assert second.answers(form.id) == {"I.1": "b"}
        assert [a.value for a in second.answer_history(form.id, "I.1")] == ["a", "b"]
        assert [r.message for r in second.due_reminders(due)] == ["Nhắc hạn"]
        assert [d.size for d in second.list_documents(user.id)] == [12]
    finally:
        second.close()


# ---------------------------------------------------------------- values round-trip

# DEL and C1 controls are removed from stored text (storage.engine.clean_stored_text; tests/test_postgres_storage.py)
_storable = st.characters(blacklist_categories=("Cs",), blacklist_characters=[chr(c) for c in range(0x7F, 0xA0)])
_stored_text = st.text(_storable)
_json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**15), 10**15)
    | st.floats(allow_nan=False, allow_infinity=False) | _stored_text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(_storable, max_size=8), children, max_size=4),
    max_leaves=12,
)


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory):
    s = Store.open(tmp_path_factory.mktemp("roundtrip") / "baocao.db", synchronous="NORMAL")
    yield s
    s.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=_json_values, raw=st.text(), state=st.text())
def test_values_round_trip_exactly(shared_store: Store, value, raw: str, state: str) -> None:
    user = shared_store.get_or_create_user("terminal", "fuzz")
    form = shared_store.create_session(user.id, "mau1", "1", {})
    shared_store.save_step(user.id, form.id, [("F", value, raw)], state, "F")
    history = shared_store.answer_history(form.id, "F")
    if value is None:
        assert history == []
    else:
        assert history[-1].value == value and history[-1].raw_text == engine_mod.clean_stored_text(raw)
    assert shared_store.get_session(user.id, form.id).state_json == engine_mod.clean_stored_text(state)


# ---------------------------------------------------------------- transactions and portability


def test_writes_take_the_lock_up_front_and_reads_do_not(store: Store) -> None:
    _sqlite_only(store)
    begins: list[str] = []

    def capture(conn, cursor, statement, *args) -> None:
        if statement.startswith("BEGIN"):
            begins.append(statement)

    user = _user(store, name="Lan")
    sa.event.listen(store.engine, "before_cursor_execute", capture)
    try:
        store.save_profile(user.id, co_quan="Sở TTTT")  # write
        store.list_sessions(user.id)  # read
        store.get_or_create_user("telegram", "1", name="Lan")  # known user, nothing to change: read only
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", capture)
    assert begins == ["BEGIN IMMEDIATE", "BEGIN DEFERRED", "BEGIN DEFERRED"]


def test_migration_renders_for_postgresql() -> None:
    """Offline SQL for PostgreSQL (no server or driver needed): the migration is portable."""
    import io

    from alembic import command

    buffer = io.StringIO()
    config = engine_mod.alembic_config()
    config.output_buffer = buffer
    config.set_main_option("sqlalchemy.url", "postgresql+psycopg://baocao@localhost/baocao")
    command.upgrade(config, "head", sql=True)
    sql = buffer.getvalue()
    for table in metadata.tables:
        name = f'"{table}"' if table == "user" else table
        assert f"CREATE TABLE {name} (" in sql
    assert "SERIAL" in sql and "TIMESTAMP WITHOUT TIME ZONE" in sql
    assert "INSERT INTO alembic_version (version_num) VALUES ('0001')" in sql


def test_postgres_url_without_driver_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    if importlib.util.find_spec("psycopg") is not None:  # the extra is installed: nothing to check here
        monkeypatch.setitem(__import__("sys").modules, "psycopg", None)
    with pytest.raises(StorageError) as info:
        Store.open("postgresql+psycopg://baocao@127.0.0.1:1/baocao")
    assert "postgres" in str(info.value)
