"""Issue 9, chat side: a free-text answer typed without diacritics is stored as typed, then
"Ghi là: «…»?" offers the restored text: accept / correct / keep. Real SQLite store, real templates,
real restoration model; the knowledge base is left out (the dispatch catalogue still gives context)."""

from __future__ import annotations

import json

import pytest

from bot.conversation import Core, Incoming
from bot.knowledge_link import KnowledgeLink
from storage.repo import Store

TYPED = "He thong quan ly van ban va dieu hanh"  # Mẫu 2, I.1 (free text)
RESTORED = "Hệ thống quản lý văn bản và điều hành"
PATH = "HTTT[1].I.1"


@pytest.fixture()
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    store = Store.open(busy_timeout_ms=200, retries=0)
    core = Core(store, knowledge=KnowledgeLink(opener=None), documents_dir=tmp_path / "docs")
    yield core, store
    store.close()


def send(core: Core, text: str) -> list:
    return core.handle(Incoming.message("terminal", "u1", text))


def text_of(out: list) -> str:
    return "\n".join(o.text for o in out)


def press_label(core: Core, out: list, label: str) -> list:
    from bot.conversation.actions import encode

    choice = next(c for o in out for c in o.all_choices() if c.label == label)
    return core.handle(Incoming.press("terminal", "u1", encode(choice.action)))


def answers(store: Store) -> dict:
    user = store.get_or_create_user("terminal", "u1")
    return store.answers(store.get_user_state(user.id).active_session_id)


def audit_texts(store: Store) -> str:
    return "\n".join(row.detail_json for row in store.audit_log(limit=500))


def start_and_type(core: Core, store: Store, typed: str = TYPED) -> list:
    send(core, "/dien mau2")
    out = send(core, typed)
    assert answers(store)[PATH] == typed  # stored as typed BEFORE the proposal is answered
    return out


def test_unaccented_answer_is_stored_then_restoration_accepted(env):
    core, store = env
    out = start_and_type(core, store)
    said = text_of(out)
    assert "Ghi là: «" in said and "I.2" not in said.split("Ghi là")[1]  # the walk waits for the choice
    proposed = said.split("Ghi là: «")[1].split("»?")[0]
    assert proposed != TYPED and proposed.lower().startswith("hệ thống")
    out = press_label(core, out, "Đồng ý")
    assert answers(store)[PATH] == proposed
    assert "I.2" in text_of(out)  # then the next question
    # the raw text stays in the audit log and in the answer's history
    assert TYPED in audit_texts(store)
    user = store.get_or_create_user("terminal", "u1")
    sid = store.get_user_state(user.id).active_session_id
    history = store.answer_history(sid, PATH)
    assert [json.loads(a.value_json) for a in history][-2:] == [TYPED, proposed]


def test_typed_yes_accepts_typed_correction_replaces_typed_keep_keeps(env):
    core, store = env
    start_and_type(core, store)
    send(core, "đồng ý")
    assert answers(store)[PATH] != TYPED and "ệ" in answers(store)[PATH]
    # I.2: a typed correction replaces the stored text
    out = send(core, "Cuc Tin hoc hoa")
    assert "Ghi là" in text_of(out)
    assert answers(store)["HTTT[1].I.2"] == "Cuc Tin hoc hoa"
    out = send(core, "Cục Tin học hóa, Bộ TT&TT")
    assert answers(store)["HTTT[1].I.2"] == "Cục Tin học hóa, Bộ TT&TT"
    assert "I.3" in text_of(out)


def test_keep_as_typed_by_word_and_by_button(env):
    core, store = env
    start_and_type(core, store)
    out = send(core, "giữ nguyên")
    assert answers(store)[PATH] == TYPED
    assert "I.2" in text_of(out)
    out = send(core, "Cuc Tin hoc hoa")
    press_label(core, out, "Giữ nguyên như đã gõ")
    assert answers(store)["HTTT[1].I.2"] == "Cuc Tin hoc hoa"
    assert "Ghi là" in text_of(send(core, "Quan ly tai chinh"))  # I.3
    out = send(core, "không")
    assert answers(store)["HTTT[1].I.3"] == "Quan ly tai chinh" and "I.4" in text_of(out)
    assert "Cuc Tin hoc hoa" in audit_texts(store)


def test_correct_button_then_any_text_is_the_correction(env):
    core, store = env
    out = start_and_type(core, store)
    out = press_label(core, out, "Sửa lại")
    assert "gõ lại" in text_of(out)
    out = send(core, "có")  # after "Sửa lại" even a yes-word is the corrected text
    assert answers(store)[PATH] == "có"
    assert "I.2" in text_of(out)


def test_accented_answer_gets_no_proposal(env):
    core, store = env
    send(core, "/dien mau2")
    out = send(core, RESTORED)
    assert "Ghi là" not in text_of(out) and "I.2" in text_of(out)
    assert answers(store)[PATH] == RESTORED


def test_number_field_gets_no_proposal(env):
    core, store = env
    send(core, "/dien bieu04")
    out = send(core, "2019")
    assert "Ghi là" not in text_of(out)
    assert answers(store)["nam"] == 2019


def test_a_command_while_pending_keeps_the_raw_answer(env):
    core, store = env
    start_and_type(core, store)
    out = send(core, "/xem")
    assert answers(store)[PATH] == TYPED
    # the proposal is gone: the next text answers the open question (I.2), not the proposal
    send(core, "Cục Tin học hóa")
    assert answers(store)[PATH] == TYPED and answers(store)["HTTT[1].I.2"] == "Cục Tin học hóa"
    assert "Ghi là" not in text_of(out)


def test_a_long_answer_is_proposed_when_stored_at_xong(env):
    core, store = env
    send(core, "/dien mau2")
    for line in [RESTORED, "Cục Tin học hóa", "/bo_qua", "/bo_qua"]:
        send(core, line)
    send(core, "Ket noi lien thong cac he thong thong tin")
    out = send(core, "xong")
    assert "Ghi là" in text_of(out)
    stored = [v for k, v in answers(store).items() if k.endswith("I.5")]
    assert stored == ["Ket noi lien thong cac he thong thong tin"]
    send(core, "có")
    stored = [v for k, v in answers(store).items() if k.endswith("I.5")]
    assert stored[0] != "Ket noi lien thong cac he thong thong tin" and "ố" in stored[0]
