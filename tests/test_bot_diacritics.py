"""Issue 9, chat side: a free-text answer typed without diacritics is stored as typed (its first revision,
raw text kept) and, in the same step, with its diacritics restored; the reply says so and offers "Giữ
nguyên như đã gõ" / "Sửa lại", then asks the next question. Real SQLite store, real templates, real
restoration model; the knowledge base is left out (the dispatch catalogue still gives context)."""

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


APPLIED = "Đã thêm dấu"  # both wordings of the reply (short and long answers) start so


def start_and_type(core: Core, store: Store, typed: str = TYPED) -> list:
    send(core, "/dien mau2")
    return send(core, typed)


def history(store: Store, path: str) -> list:
    user = store.get_or_create_user("terminal", "u1")
    sid = store.get_user_state(user.id).active_session_id
    return [json.loads(a.value_json) for a in store.answer_history(sid, path)]


def test_unaccented_answer_is_stored_restored_at_once(env):
    core, store = env
    out = start_and_type(core, store)
    said = text_of(out)
    restored = answers(store)[PATH]
    assert restored != TYPED and restored.lower().startswith("hệ thống") and "ả" in restored
    assert APPLIED in said and restored in said
    assert "I.2" in said  # the next question comes in the same reply: no extra message needed
    assert history(store, PATH)[-2:] == [TYPED, restored]  # the typed text stays the earlier revision
    assert TYPED in audit_texts(store)


def test_keep_as_typed_by_word_and_by_button(env):
    core, store = env
    start_and_type(core, store)
    out = send(core, "giữ nguyên")
    assert answers(store)[PATH] == TYPED
    assert "I.2" in text_of(out)
    out = send(core, "Cuc Tin hoc hoa")  # I.2, restored at once
    assert APPLIED in text_of(out) and answers(store)["HTTT[1].I.2"] != "Cuc Tin hoc hoa"
    press_label(core, out, "Giữ nguyên như đã gõ")
    assert answers(store)["HTTT[1].I.2"] == "Cuc Tin hoc hoa"
    assert "Cuc Tin hoc hoa" in audit_texts(store)


def test_correct_then_the_next_text_is_the_correction(env):
    core, store = env
    out = start_and_type(core, store)
    restored = answers(store)[PATH]
    out = press_label(core, out, "Sửa lại")
    assert "gõ lại" in text_of(out)
    out = send(core, "xong")  # a done word is not a correction: the stored text stays, asked again
    assert answers(store)[PATH] == restored and "gõ lại" in text_of(out)
    out = send(core, "Hệ thống quản lý văn bản điện tử")
    assert answers(store)[PATH] == "Hệ thống quản lý văn bản điện tử"
    assert "I.2" in text_of(out)
    # by word: "sửa lại" typed instead of choosing
    send(core, "Cuc Tin hoc hoa")
    assert "gõ lại" in text_of(send(core, "sửa lại"))
    send(core, "Cục Tin học hóa, Bộ TT&TT")
    assert answers(store)["HTTT[1].I.2"] == "Cục Tin học hóa, Bộ TT&TT"


def test_a_correction_typed_without_diacritics_is_restored_and_offered_again(env):
    core, store = env
    out = start_and_type(core, store)
    out = press_label(core, out, "Sửa lại")
    out = send(core, "He thong quan ly van ban dien tu")  # the correction, typed on a phone again
    assert answers(store)[PATH] == "Hệ thống quản lý văn bản điện tử"
    assert APPLIED in text_of(out) and "I.2" in text_of(out)
    out = press_label(core, out, "Giữ nguyên như đã gõ")  # the undo still offered: back to the typed correction
    assert answers(store)[PATH] == "He thong quan ly van ban dien tu"
    assert "He thong quan ly van ban dien tu" in audit_texts(store)


def test_answering_the_next_question_forgets_the_offer(env):
    core, store = env
    start_and_type(core, store)
    restored = answers(store)[PATH]
    out = send(core, "Cục Tin học hóa")
    assert answers(store)[PATH] == restored and answers(store)["HTTT[1].I.2"] == "Cục Tin học hóa"
    assert "I.3" in text_of(out)


def test_accented_answer_is_not_touched(env):
    core, store = env
    send(core, "/dien mau2")
    out = send(core, RESTORED)
    assert APPLIED not in text_of(out) and "I.2" in text_of(out)
    assert answers(store)[PATH] == RESTORED and history(store, PATH) == [RESTORED]


def test_number_field_is_not_touched(env):
    core, store = env
    send(core, "/dien bieu04")
    out = send(core, "2019")
    assert APPLIED not in text_of(out)
    assert answers(store)["nam"] == 2019


def test_a_command_while_the_offer_is_open_keeps_what_is_stored(env):
    core, store = env
    start_and_type(core, store)
    restored = answers(store)[PATH]
    out = send(core, "/xem")
    assert answers(store)[PATH] == restored and APPLIED not in text_of(out)
    send(core, "Cục Tin học hóa")  # the offer is gone: the next text answers the open question (I.2)
    assert answers(store)[PATH] == restored and answers(store)["HTTT[1].I.2"] == "Cục Tin học hóa"


def test_a_long_answer_is_restored_once_stored(env):
    """A long-text answer is stored with its first message (more may follow) and restored then."""
    core, store = env
    send(core, "/dien mau2")
    for line in [RESTORED, "Cục Tin học hóa", "/bo_qua", "/bo_qua"]:
        send(core, line)
    typed = "Ket noi lien thong cac he thong thong tin"
    out = send(core, typed)
    assert APPLIED in text_of(out)
    path, stored = next((k, v) for k, v in answers(store).items() if k.endswith("I.5"))
    assert stored != typed and "ố" in stored and stored in text_of(out)
    assert typed in history(store, path)
