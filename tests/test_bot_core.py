"""The conversation core without a messenger: "giống tháng trước", reminders, profile, storage failures.

Real SQLite store, real templates and engine; the knowledge base is left out (KnowledgeLink with no
opener) except where its metadata is read from the bundled corpus.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from bot import texts
from bot.conversation import Core, Incoming
from bot.knowledge_link import KnowledgeLink
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


# ---- polish after hands-on testing ------------------------------------------------------------
import json  # noqa: E402

from bot.export import submission_lines  # noqa: E402
from forms.loader import registry  # noqa: E402
from bot.conversation.intents import small_talk  # noqa: E402

TB1485 = ["Sở A", "tháng 6/2009"]


def audits(store: Store, uid: str, action: str) -> list[dict]:
    user = store.get_or_create_user("terminal", uid)
    return [json.loads(a.detail_json) for a in store.audit_log(user.id, limit=1000) if a.action == action]


def active_answers(store: Store, uid: str = "u1") -> dict:
    user = store.get_or_create_user("terminal", uid)
    return store.answers(store.get_user_state(user.id).active_session_id)


@pytest.mark.parametrize("greeting", ["xin chào", "chào bạn", "hello", "cảm ơn", "ok", "alo"])
def test_small_talk_outside_a_form_gets_a_friendly_reply(env, greeting):
    core, store, clock = env
    say(core, "/start")
    reply = say(core, greeting)
    assert reply == texts.SMALL_TALK_IDLE[small_talk(greeting)].format(name="ông/bà")
    assert "/mau" in reply  # says what to do next
    assert "chưa tìm thấy" not in reply and texts.ANSWER_NOT_AVAILABLE not in reply  # not sent to the KB
    say(core, "/dien tb1485")
    say(core, "Sở A")  # a draft never answered is not kept: answer one question
    say(core, "/tam_dung")
    assert "1 bản nháp chưa xong" in say(core, "chào bạn") and "«Tên cơ quan: Sở A»" in say(core, "chào")


def test_small_talk_inside_a_form_reasks_the_field_and_stores_nothing(env):
    core, store, clock = env
    say(core, "/dien mau2")
    say(core, "Hệ thống A")
    for text in ("xin chào", "cảm ơn", "ok", "alo"):
        reply = say(core, text)
        assert "I.2. Tên cơ quan/đơn vị chủ trì" in reply  # the same field asked again
        assert texts.SMALL_TALK_FORM[small_talk(text)].format(name="ông/bà", title="Mẫu 2") in reply
        assert active_answers(store) == {"HTTT[1].I.1": "Hệ thống A"}
    say(core, "Cục B")
    assert active_answers(store)["HTTT[1].I.2"] == "Cục B"


def test_small_talk_during_the_profile_questions_is_not_taken_as_an_answer(env):
    core, store, clock = env
    say(core, "/hoso sua")
    reply = say(core, "xin chào")
    assert texts.SMALL_TALK_PROFILE in reply and "(1/12)" in reply  # /hoso sua asks every field
    user = store.get_or_create_user("terminal", "u1")
    assert store.get_profile(user.id) is None or not store.get_profile(user.id).co_quan_chu_quan


def test_invalid_input_is_audited_in_full(env):
    core, store, clock = env
    say(core, "/dien bieu04")
    raw = "năm kế hoạch là " + "abc " * 900  # 3,600 characters, not a year
    reply = say(core, raw)
    assert "Năm kế hoạch" in reply
    logged = audits(store, "u1", "invalid_input")
    assert len(logged) == 1 and logged[0]["text"] == raw


def test_text_typed_after_the_last_field_is_kept_as_unrecorded_input(env):
    core, store, clock = env
    say(core, "/dien tb1485")
    for line in TB1485:
        say(core, line)
    before = active_answers(store)
    raw = "Sở A, phòng Kế hoạch, bổ sung thêm: " + "số liệu tháng này không đổi " * 20
    reply = say(core, raw)
    assert active_answers(store) == before  # not an answer to anything
    logged = audits(store, "u1", "unrecorded_input")
    assert len(logged) == 1 and logged[0]["text"] == raw
    assert audits(store, "u1", "invalid_input") == []
    assert reply  # the engine's explanation reached the user


def test_pending_profile_question_resumes_after_a_restart(env, tmp_path):
    core, store, clock = env
    say(core, "/dien tb1485")
    for line in TB1485:
        say(core, line)
    assert "(1/7)" in say(core, "xong")  # the export needs the agency profile
    assert "(2/7)" in say(core, "UBND TỈNH X")
    store.close()
    store2 = Store.open(busy_timeout_ms=200, retries=0)
    core2 = Core(store2, knowledge=KnowledgeLink(opener=None), documents_dir=tmp_path / "docs", now=clock)
    greeting = say(core2, "/start")  # what the terminal sends when it starts again
    assert texts.PROFILE_RESUMED in greeting and "(2/7)" in greeting
    say(core2, "SỞ Y")
    user = store2.get_or_create_user("terminal", "u1")
    assert store2.get_profile(user.id).co_quan == "SỞ Y"
    assert store2.get_profile(user.id).co_quan_chu_quan == "UBND TỈNH X"
    sessions = store2.list_sessions(user.id, statuses=("active", "paused", "completed"))
    assert len(sessions) == 1 and store2.answers(sessions[0].id)["ten_co_quan"] == "Sở A"  # the form kept its answer
    store2.close()


@pytest.mark.parametrize(
    "template_id, today, expected, absent",
    [
        ("tb1485", dt.date(2026, 7, 10), ["trước ngày 22 hàng tháng", "file .doc qua thư điện tử nptien@mic.gov.vn",
                                          "file có định dạng .doc", "Lần nộp tới: 22/7/2026"], ["đã qua"]),
        ("mau2", dt.date(2015, 5, 1), ["gửi bản mềm về ntthao@mic.gov.vn", "trước ngày 15/5/2015",
                                       "Thời gian Quý Cơ quan gửi báo cáo"], ["đã qua"]),
        ("mau2", dt.date(2026, 7, 10), ["Lưu ý: hạn này đã qua (15/5/2015)"], []),
        ("bieu04", dt.date(2026, 7, 10), ["gửi về Bộ Thông tin và Truyền thông", "trước ngày 25/7/2018",
                                          "Đề nghị các cơ quan, đơn vị gửi kế hoạch", "Lưu ý: hạn này đã qua"], ["@"]),
    ],
)
def test_submission_lines_follow_the_dispatch(template_id, today, expected, absent):
    template = registry().get(template_id)
    dispatch = KnowledgeLink(opener=None).dispatch(template.source.dispatch)
    text = "\n".join(submission_lines(template, dispatch, today))
    for piece in expected:
        assert piece in text
    for piece in absent:
        assert piece not in text
    deadline_sentence = next(d.sentence for d in dispatch.deadlines if d.text in text)
    assert " ".join(deadline_sentence.split())[:100] in text  # the deadline line quotes the dispatch


def test_submission_without_a_template_address_reads_the_dispatch_sentence():
    from types import SimpleNamespace

    dispatch = KnowledgeLink(opener=None).dispatch("232")
    bare = SimpleNamespace(source=SimpleNamespace(dispatch="232/BTTTT-KHTC"), submit=None)
    text = "\n".join(submission_lines(bare, dispatch, dt.date(2018, 7, 20)))
    assert "Cách gửi: gửi về Bộ Thông tin và Truyền thông." in text and "đã qua" not in text


def test_export_caption_warns_of_a_past_deadline(env):
    core, store, clock = env
    clock.value = dt.datetime(2026, 7, 10, 3, 0, tzinfo=dt.timezone.utc)
    out = fill_mau2(core)
    docs = [o.document for o in out if o.document is not None]
    assert len(docs) == 1
    assert "gửi bản mềm về ntthao@mic.gov.vn" in docs[0].caption
    assert "Lưu ý: hạn này đã qua (15/5/2015)" in docs[0].caption


class OlderKnowledgeBase:
    """The real knowledge base behind an ``ask(question, k)`` without ``dispatch=`` (the earlier API)."""

    def __init__(self, kb) -> None:
        self._kb = kb

    def ask(self, question: str, k: int = 5):
        return self._kb.ask(question, k)

    def dispatch(self, ref: str):
        return self._kb.dispatch(ref)


@pytest.mark.parametrize("older_api", [False, True])
def test_side_question_in_a_form_is_about_the_forms_dispatch(env, older_api):
    from tests.fake_telegram import shared_knowledge_base

    core, store, clock = env
    kb = shared_knowledge_base()
    core.knowledge = KnowledgeLink(kb=OlderKnowledgeBase(kb) if older_api else kb)
    say(core, "/dien mau2")
    reply = say(core, "hạn nộp báo cáo này khi nào?")
    assert "15/5/2015" in reply and "1181" in reply  # Mẫu 2 comes from 1181/BTTTT-THH
    assert "I.1. Tên hệ thống thông tin" in reply  # then the same field again
    assert "25/7/2018" not in reply.split("Quay lại mục đang điền")[0]
    # a question naming another dispatch keeps its own subject
    other = say(core, "công văn 232 hạn nộp khi nào?")
    assert "25/7/2018" in other


def test_first_hello_gets_only_the_welcome(env):
    core, store, clock = env
    out = core.handle(Incoming.message("terminal", "new", "xin chào"))
    assert [o.text for o in out] == [texts.WELCOME.format(name="ông/bà")]


def test_start_again_is_a_short_greeting_then_where_the_user_was(env):
    core, store, clock = env
    first = core.handle(Incoming.message("terminal", "back", "/start"))
    assert first[0].text == texts.WELCOME.format(name="ông/bà")
    say(core, "/dien mau2", uid="back")
    again = core.handle(Incoming.message("terminal", "back", "/start"))
    assert again[0].text == texts.WELCOME_BACK.format(name="ông/bà")
    assert all(texts.WELCOME.splitlines()[1] not in o.text for o in again)  # the introduction once only
    assert "I.1" in again[-1].text  # the open question again


def test_hoso_sua_asks_every_profile_field_and_the_renderer_reads_the_same_names(env, tmp_path):
    from bot.conversation.profile import FIELDS
    from forms.profile import AgencyProfile as RenderProfile

    core, store, clock = env
    answers = {"co_quan_chu_quan": "UBND TỈNH X", "co_quan": "SỞ Y", "so_ky_hieu": "SY", "dia_danh": "Hà Nội",
               "nguoi_ky": "Trần Văn B", "chuc_vu": "Phó Giám đốc", "tham_quyen": "ký thay", "ky_thay": "Giám đốc",
               "noi_nhan": "Bộ TT&TT; Lưu: VT", "nguoi_lien_he": "Lê C", "dien_thoai": "0241 234 567",
               "email": "c@y.gov.vn"}
    assert set(answers) == set(FIELDS)
    assert "(1/12)" in say(core, "/hoso sua")
    for i, name in enumerate(FIELDS):
        if name == "tham_quyen":
            assert "chưa hiểu" in say(core, "bất kỳ")  # not an authority: asked again, nothing stored
        reply = say(core, answers[name])
        assert i == len(FIELDS) - 1 or f"({i + 2}/12)" in reply
    user = store.get_or_create_user("terminal", "u1")
    row = store.get_profile(user.id)
    assert row.tham_quyen == "KT" and row.ky_thay == "Giám đốc" and row.noi_nhan == ["Bộ TT&TT", "Lưu: VT"]
    rendered = RenderProfile.from_value(row)  # the storage row is what the renderer gets
    assert rendered.chuc_vu == "Phó Giám đốc" and rendered.email == "c@y.gov.vn" and rendered.tham_quyen == "KT"


@pytest.mark.parametrize("typed, code", [("1", ""), ("2", "KT"), ("6", "Q"), ("cấp phó ký thay", "KT"),
                                         ("cap pho ky thay", "KT"), ("Thủ trưởng ký", ""), ("T.M.", "TM"),
                                         ("thua uy quyen", "TUQ"), ("7", None), ("bất kỳ", None)])
def test_the_signing_capacity_is_answered_by_its_number_or_as_a_clerk_says_it(typed, code):
    from bot.conversation.profile import parse

    parsed = parse("tham_quyen", typed)
    assert (parsed.error is None and parsed.value == code) if code is not None else parsed.error
