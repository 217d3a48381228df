"""Issue 12, chat side: questions typed into fields are answered and never stored; command words inside a
question run nothing.

Real SQLite store, real engine, a test template holding one field of every type (and a table); the
knowledge base is a recording stand-in at its boundary (``ask``/``dispatch``), so a test can tell that a
question reached it.
"""

from __future__ import annotations

import pytest

from bot import texts
from bot.conversation import Core, Incoming
from bot.knowledge_link import KnowledgeLink
from bot.template_library import TemplateLibrary
from forms.loader import TemplateRegistry, load_template_text, registry
from storage.repo import Store

KIEU = """
id: kieu
version: 1
title: Mẫu thử — Mọi kiểu câu hỏi
aliases: [mau thu kieu]
kind: report
source: {dispatch: 1181/BTTTT-THH, section: Mẫu thử, quote: "Mẫu thử"}
sections:
  - {field: "1", label: Tên đơn vị, type: text}
  - {field: "2", label: Tình hình chung, type: longtext}
  - {field: "3", label: Số cán bộ, type: number}
  - {field: "4", label: Kinh phí, type: money}
  - {field: "5", label: Ngày báo cáo, type: date}
  - {field: "6", label: Tháng báo cáo, type: month}
  - {field: "7", label: Năm, type: year}
  - {field: "8", label: Mức độ, type: choice, options: [cao, trung bình, thấp]}
  - {field: "9", label: Đã kết nối, type: yesno}
  - field: "10"
    label: Danh sách dự án
    type: table
    table:
      columns:
        - {id: ten, label: Tên dự án, type: text, required: true}
        - {id: von, label: Vốn, type: money}
"""
# (field type, a valid answer, questions typed instead of it: several shapes, mostly without diacritics)
WALK = [
    ("text", "Sở Thông tin và Truyền thông", ["khoan, mau bao cao hang thang gom nhung muc gi?",
                                             "cho hỏi tên đơn vị ghi đầy đủ hay viết tắt",
                                             "có làm giống tháng trước được không?"]),
    ("longtext", "Tình hình ổn định, không có phát sinh.", ["viết bao nhiêu chữ thì đủ?",
                                                            "muc nay ghi nhung gi"]),
    ("number", "25", ["o nay nhap gi vay", "tính cả hợp đồng không", "xong chưa?"]),
    ("money", "1,5 tỷ", ["kinh phi tinh theo don vi nao?", "hủy thì có mất dữ liệu không?"]),
    ("date", "15/3/2019", ["han nop la ngay nao", "ngày nào cũng được à?"]),
    ("month", "3/2019", ["ghi thang nao vay", "sửa thế nào?"]),
    ("year", "2019", ["nam nao cung duoc a?", "bao gio thi nop"]),
    ("choice", "cao", ["chon muc nao thi dung?", "tạm dừng thì có mất không?"]),
    ("yesno", "có", ["ket noi nghia la sao?", "co phai ket noi lien thong khong"]),
]
CELL_QUESTIONS = {"ten": ["cot nay ghi gi?", "ten du an lay o dau"], "von": ["von tinh bang gi?", "xong chưa?"]}


class RecordingKnowledge:
    """The knowledge base's boundary: records the questions, answers each with a fixed citation line."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def ask(self, question: str, dispatch: str | None = None) -> str:
        self.asked.append(question)
        return "Theo Công văn 1181/BTTTT-THH, mục 3: nội dung trả lời."

    def dispatch(self, ref: str):
        return None


@pytest.fixture()
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    store = Store.open(busy_timeout_ms=200, retries=0)
    kb = RecordingKnowledge()
    builtin = TemplateRegistry([load_template_text(KIEU), *registry().all()])
    core = Core(store, knowledge=KnowledgeLink(kb=kb), documents_dir=tmp_path / "docs",
                templates=TemplateLibrary(store, builtin=builtin))
    yield core, store, kb
    store.close()


def send(core: Core, text: str, uid: str = "u1") -> list:
    return core.handle(Incoming.message("terminal", uid, text))


def joined(out: list) -> str:
    return "\n".join(o.text for o in out)


def draft_row(store: Store, uid: str = "u1"):
    user = store.get_or_create_user("terminal", uid)
    sid = store.get_user_state(user.id).active_session_id
    return store.get_session(user.id, sid) if sid is not None else None


def check_question_answered(core, store, kb, question: str) -> None:
    """``question`` typed into the open field: answered, nothing stored, the field asked again in one line."""
    before = draft_row(store)
    asked = len(kb.asked)
    out = send(core, question)
    after = draft_row(store)
    assert after is not None and after.id == before.id and after.status == "active", question
    assert store.answers(after.id) == store.answers(before.id), question  # nothing stored
    assert after.current_code == before.current_code, question  # the same field
    reply = joined(out)
    assert len(kb.asked) == asked + 1 or reply.startswith("Mục "), question  # answered (KB or field help)
    last = out[-1].text
    assert "\n" not in last and last.startswith("Mời ông/bà"), (question, last)  # asked again in one line
    assert texts.EXPORT_CONFIRM not in reply and "hủy bản nháp" not in reply and "tạm dừng" not in reply.lower()


def test_a_question_in_a_field_of_every_type_is_answered_and_not_stored(env):
    core, store, kb = env
    send(core, "/start")
    send(core, "/dien kieu")
    seen = []
    for kind, value, questions in WALK:
        for question in questions:
            check_question_answered(core, store, kb, question)
        before = len(store.answers(draft_row(store).id))
        send(core, value)
        assert len(store.answers(draft_row(store).id)) == before + 1, (kind, value)  # the answer is taken
        seen.append(kind)
    # the table: start a row, then questions in each cell
    send(core, "thêm")
    for column, cell in (("ten", "Dự án A"), ("von", "5 tỷ")):
        for question in CELL_QUESTIONS[column]:
            check_question_answered(core, store, kb, question)
        send(core, cell)
    rows = store.answers(draft_row(store).id).get("10") or []
    assert rows and rows[0]["cells"]["ten"] == "Dự án A"
    assert seen == [k for k, _, _ in WALK]


def test_command_words_inside_a_question_run_nothing_outside_a_form(env):
    core, store, kb = env
    send(core, "/start")
    for question in ("có làm giống tháng trước được không?", "lam giong thang truoc duoc khong",
                     "giúp tôi với, hạn nộp mẫu 2 là khi nào?", "xong rồi thì gửi cho ai?"):
        reply = joined(send(core, question))
        assert texts.SAME_NO_PREVIOUS.split("{")[0] not in reply and texts.SAME_CONFIRM not in reply, question
        assert not reply.startswith("Các lệnh"), question
        assert kb.asked[-1] == question
        assert draft_row(store) is None
    # the command itself still works
    assert texts.SAME_NO_PREVIOUS.split("{")[0] in joined(send(core, "giống tháng trước"))


def test_a_question_at_the_end_of_a_form_does_not_export(env):
    core, store, kb = env
    send(core, "/dien tb1485")
    for line in ("Sở A", "tháng 6/2009"):
        send(core, line)
    for question in ("xong chưa?", "xuất file được không", "xong rồi thì gửi cho ai?"):
        reply = joined(send(core, question))
        assert kb.asked[-1] == question and draft_row(store).status == "active", question
        assert not any(o.document for o in send(core, "/xem"))
        assert "Đây là báo cáo" not in reply


def test_a_question_instead_of_a_profile_answer_is_not_saved(env):
    core, store, kb = env
    send(core, "/start")
    send(core, "/hoso sua")
    out = send(core, "khoan, mau bao cao hang thang gom nhung muc gi?")
    user = store.get_or_create_user("terminal", "u1")
    profile = store.get_profile(user.id)
    assert profile is None or not profile.co_quan_chu_quan
    assert kb.asked[-1].startswith("khoan") and "(1/12)" in out[-1].text
    send(core, "UBND TỈNH BẮC NINH")
    assert store.get_profile(user.id).co_quan_chu_quan == "UBND TỈNH BẮC NINH"


def test_questions_and_command_words_around_the_diacritics_offer_are_not_corrections(env):
    core, store, kb = env
    send(core, "/dien mau2")
    typed = "He thong quan ly van ban va dieu hanh"
    out = send(core, typed)
    restored = list(store.answers(draft_row(store).id).values())
    assert restored != [typed] and "I.2" in out[-1].text  # stored with diacritics, the next question asked
    send(core, "cho hoi han nop bao cao nay la ngay nao?")  # not an act on the offer: answered
    assert kb.asked and list(store.answers(draft_row(store).id).values()) == restored
    send(core, "Cuc Tin hoc hoa")
    send(core, "sửa lại")  # correct the last restored answer (I.2)
    asked = len(kb.asked)
    out = send(core, "viết hoa hay viết thường thì đúng?")
    assert len(kb.asked) == asked + 1 and "I.2" in out[-1].text  # answered, the correction asked again
    for word in ("xong", "ok"):
        send(core, word)
        assert list(store.answers(draft_row(store).id).values())[1] != word  # not taken as the correction
    send(core, "Cục Tin học hóa")
    assert list(store.answers(draft_row(store).id).values()) == [*restored, "Cục Tin học hóa"]


@pytest.mark.parametrize("how", ["word", "choice"])
def test_diacritics_are_added_at_once_and_the_typed_text_can_be_kept(env, how):
    from bot.conversation.actions import encode

    core, store, kb = env
    send(core, "/dien mau2")
    typed = "He thong quan ly van ban va dieu hanh"
    out = send(core, typed)
    assert len(out) == 2 and "I.2" in out[-1].text  # one reply: the stored text, then the next question
    keep = next(c for c in out[0].all_choices() if c.label == texts.BTN_RESTORE_KEEP)
    assert keep.role == "nav"  # never numbered: a number typed for the next question stays an answer
    restored = list(store.answers(draft_row(store).id).values())[0]
    assert restored != typed and restored in out[0].text
    if how == "word":
        send(core, "giữ nguyên")
    else:
        core.handle(Incoming.press("terminal", "u1", encode(keep.action)))
    assert list(store.answers(draft_row(store).id).values()) == [typed]
    assert draft_row(store).current_code.endswith("I.2")  # still on the next question
    send(core, "Cục Tin học hóa")  # the offer is gone: an ordinary answer
    assert list(store.answers(draft_row(store).id).values()) == [typed, "Cục Tin học hóa"]


def test_a_question_while_the_bot_waits_for_yes_or_no_is_answered_and_the_question_kept(env):
    core, store, kb = env
    send(core, "/dien tb1485")
    send(core, "Sở A")
    send(core, "/huy")
    out = send(core, "hủy thì có mất dữ liệu đã nhập không?")
    assert kb.asked[-1].startswith("hủy thì")  # answered ...
    assert out[-1].text == texts.CANCEL_CONFIRM.format(title=draft_row(store).title)  # ... then asked again
    assert [c.label for c in out[-1].all_choices()] == [texts.BTN_CANCEL_YES, texts.BTN_CANCEL_NO]
    assert draft_row(store).status == "active"
    send(core, "có")
    assert draft_row(store) is None  # cancelled by the yes that followed
