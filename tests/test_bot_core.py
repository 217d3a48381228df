"""The conversation core without a messenger: "giống tháng trước", reminders, profile, storage failures.

Real SQLite store, real templates and engine; the knowledge base is left out (KnowledgeLink with no
opener) except where its metadata is read from the bundled corpus.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from bot import texts
from bot.core import Core
from bot.knowledge_link import KnowledgeLink
from bot.messages import Incoming
from storage.repo import Store

MAU2 = ["Hệ thống A", "Cục B", "Quản lý thuế", "/bo_qua"] + [f"Đoạn {i}\nxong" for i in range(4)] + [
    "Ngân sách trung ương"] + [f"Đoạn II.{i}\nxong" for i in range(6)] + ["/bo_qua", "Kiến nghị\nxong", "không"]
PROFILE = ["UBND TỈNH X", "SỞ Y", "SY", "Hà Nội", "Trần Văn B", "GIÁM ĐỐC", "Bộ TT&TT; Lưu: VT"]


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.value = now

    def __call__(self) -> dt.datetime:
        return self.value


@pytest.fixture()
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    store = Store.open(busy_timeout_ms=200, retries=0)
    clock = Clock(dt.datetime(2015, 5, 1, 3, 0, tzinfo=dt.timezone.utc))
    core = Core(store, knowledge=KnowledgeLink(opener=None), documents_dir=tmp_path / "docs", now=clock)
    yield core, store, clock
    store.close()


def say(core: Core, text: str, uid: str = "u1") -> str:
    return "\n".join(o.text for o in core.handle(Incoming.message("terminal", uid, text)))


def press(core: Core, data: str, uid: str = "u1"):
    return core.handle(Incoming.press("terminal", uid, data))


def fill_mau2(core: Core, uid: str = "u1", profile: bool = True) -> list:
    """Fill Mẫu 2 and export; returns every message of the export step (and profile answers)."""
    say(core, "/dien mau2", uid)
    for line in MAU2:
        say(core, line, uid)
    out = core.handle(Incoming.message("terminal", uid, "xong"))
    for line in PROFILE if profile else []:
        out += core.handle(Incoming.message("terminal", uid, line))
    return out


def test_export_reminder_and_same_as_last_month(env):
    core, store, clock = env
    say(core, "dien mau 2")
    user = store.get_or_create_user("terminal", "u1")
    sid = store.get_user_state(user.id).active_session_id
    # a reminder before the 1181 deadline (15/5/2015) was stored with the draft
    assert core.due_reminders("terminal") == []
    clock.value = dt.datetime(2015, 5, 13, 2, 0, tzinfo=dt.timezone.utc)
    due = core.due_reminders("terminal")
    assert len(due) == 1 and due[0][0] == "u1" and "trước ngày 15/5/2015" in due[0][1].text
    assert core.due_reminders("terminal") == []  # sent once
    say(core, "/huy")
    press(core, "y:cancel")
    out = fill_mau2(core)
    docs = [o.document for o in out if o.document is not None]
    assert len(docs) == 1 and docs[0].path.exists() and "ntthao@mic.gov.vn" in docs[0].caption
    assert store.get_session(user.id, sid).status == "cancelled"
    # "giống tháng trước": a diff to confirm, then a new draft with the earlier answers
    text = say(core, "Báo cáo giống tháng trước")
    assert "Hệ thống" in text and "Cục B" in text and texts.SAME_CONFIRM in text
    out = press(core, "y:same")
    state = store.get_user_state(user.id)
    new = store.get_session(user.id, state.active_session_id)
    assert new.template_id == "mau2" and new.status == "active"
    assert store.answers(new.id)["HTTT"][0]["I.2"] == "Cục B"
    assert any("Hiện có: Hệ thống A" in o.text for o in out)  # the first prefilled value, to keep or change


def test_profile_is_asked_once_and_edited_with_hoso(env):
    core, store, clock = env
    fill_mau2(core)
    user = store.get_or_create_user("terminal", "u1")
    assert store.get_profile(user.id).co_quan == "SỞ Y"
    out = fill_mau2(core, profile=False)  # second export: no profile questions
    assert any(o.document for o in out) and not any(texts.PROFILE_INTRO in o.text for o in out)
    assert texts.PROFILE_INTRO not in say(core, "/hoso")
    say(core, "/hoso sua")
    say(core, "/bo_qua")
    say(core, "SỞ Z")
    assert store.get_profile(user.id).co_quan == "SỞ Z"


def test_database_missing_or_locked_gives_a_clear_reply_and_loses_nothing(env, tmp_path):
    core, store, clock = env
    say(core, "/dien mau2")
    say(core, "Hệ thống A")
    db = tmp_path / "data" / "baocao.db"
    locker = sqlite3.connect(db, timeout=0.1)
    locker.execute("BEGIN EXCLUSIVE")
    reply = say(core, "Cục B")
    locker.rollback()
    locker.close()
    assert "chưa được lưu" in reply or "bận" in reply
    user = store.get_or_create_user("terminal", "u1")
    sid = store.get_user_state(user.id).active_session_id
    assert store.answers(sid) == {"HTTT[1].I.1": "Hệ thống A"}
    assert "I.2" in say(core, "/xem")  # the same field is still open
    moved = db.rename(tmp_path / "moved.db")
    reply = say(core, "Cục B")
    assert "lưu trữ" in reply
    (tmp_path / "moved.db").rename(db)
    assert store.answers(sid) == {"HTTT[1].I.1": "Hệ thống A"}
    say(core, "Cục B")
    assert store.answers(sid)["HTTT[1].I.2"] == "Cục B"


def test_cannot_touch_another_users_draft(env):
    core, store, clock = env
    say(core, "/dien mau2", "alice")
    alice = store.get_or_create_user("terminal", "alice")
    sid = store.get_user_state(alice.id).active_session_id
    say(core, "Bí mật của Alice", "alice")
    assert "Không có bản nháp số" in say(core, f"/tiep {sid}", "bob")
    out = press(core, f"x:{sid}", "bob")
    assert "Bí mật" not in "\n".join(o.text for o in out)
    assert texts.STALE_BUTTON_IDLE in out[0].text
