"""Issue 12, chat side: say it once (the opening request prefills the form) and drafts you can find
(resume by words, greeting on return, /nhap with progress, first answer and time; empty drafts not kept).

Real SQLite store, real templates and engine; the knowledge base is left out.
"""

from __future__ import annotations

import re

import pytest

from bot import texts
from bot.conversation import Core, Incoming
from bot.conversation.actions import ResumeDraft, decode
from bot.knowledge_link import KnowledgeLink
from storage.repo import Store
from vntext.clock import to_vn


@pytest.fixture()
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    store = Store.open(busy_timeout_ms=200, retries=0)
    core = Core(store, knowledge=KnowledgeLink(opener=None), documents_dir=tmp_path / "docs")
    yield core, store
    store.close()


def send(core: Core, text: str, uid: str = "u1") -> list:
    return core.handle(Incoming.message("terminal", uid, text))


def say(core: Core, text: str, uid: str = "u1") -> str:
    return "\n".join(o.text for o in send(core, text, uid))


def user_id(store: Store, uid: str = "u1") -> int:
    return store.get_or_create_user("terminal", uid).id


def active(store: Store, uid: str = "u1"):
    sid = store.get_user_state(user_id(store, uid)).active_session_id
    return store.get_session(user_id(store, uid), sid) if sid is not None else None


def all_drafts(store: Store, uid: str = "u1") -> list:
    return store.list_sessions(user_id(store, uid), statuses=None)


def changed(row) -> str:
    local = to_vn(row.updated_at)
    return f"{local.hour:02d}:{local.minute:02d} ngày {local.day}/{local.month}"


# ---- say it once ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("request_text, template, expect, next_code", [
    ("lam bieu 04 nam 2019", "bieu04", {"nam": 2019}, "bang"),
    ("Tôi cần lập biểu 4 năm 2020 nhé", "bieu04", {"nam": 2020}, "bang"),
    ("/dien bieu04 nam 2021", "bieu04", {"nam": 2021}, "bang"),
])
def test_the_opening_request_prefills_what_it_gives(env, request_text, template, expect, next_code):
    core, store = env
    say(core, "/start")
    out = send(core, request_text)
    row = active(store)
    assert row is not None and row.template_id == template
    assert store.answers(row.id) == expect
    assert row.current_code == next_code  # the given answer is not asked again
    said = [line for o in out for line in o.text.splitlines() if str(next(iter(expect.values()))) in line]
    assert len(said) == 1, said  # said once, in one line
    assert len(all_drafts(store)) == 1


@pytest.mark.parametrize("request_text, system", [
    ("mau 2 cho he thong mot cua", "mot cua"),
    ("làm mẫu 2 cho Hệ thống quản lý văn bản", "quan ly van ban"),
])
def test_a_named_system_fills_the_first_question_of_mau2(env, request_text, system):
    from vntext.text import fold

    core, store = env
    say(core, "/start")
    say(core, request_text)
    row = active(store)
    assert row is not None and row.template_id == "mau2"
    answers = store.answers(row.id)
    assert any(system in fold(str(v)) for v in answers.values()), answers
    assert row.current_code.endswith("I.2")


def test_a_bare_template_name_or_a_question_starts_nothing(env):
    core, store = env
    say(core, "/start")
    for text in ("biểu 04", "mẫu 2 gồm những mục gì?", "lam mau 2 duoc khong"):
        say(core, text)
        assert active(store) is None, text


# ---- drafts you can find -------------------------------------------------------------------------------
def make_drafts(core: Core, store: Store) -> dict[str, int]:
    """Two Mẫu 2 drafts (A, then B) and a Biểu 04 draft; A is changed last."""
    ids = {}
    for name, opening, answer in (("A", "/dien mau2", "Hệ thống A"), ("bieu", "/dien bieu04", "2019"),
                                  ("B", "/dien mau2", "Hệ thống B")):
        say(core, opening)
        say(core, answer)
        ids[name] = active(store).id
        say(core, "/tam_dung")
    say(core, f"/tiep {ids['A']}")
    say(core, "Cục Tin học hóa")  # A changes last
    say(core, "/tam_dung")
    return ids


@pytest.mark.parametrize("words", ["lam tiep mau 2 dang do hom qua", "Làm tiếp mẫu 2", "tiếp tục mẫu số 2",
                                   "/tiep mau 2"])
def test_resume_by_words_opens_the_most_recently_changed_matching_draft(env, words):
    core, store = env
    ids = make_drafts(core, store)
    count = len(all_drafts(store))
    reply = say(core, words)
    assert active(store).id == ids["A"]  # the Mẫu 2 changed last, not the newest one, not a new one
    assert len(all_drafts(store)) == count
    assert "Hệ thống A" in reply and "I.3" in reply  # named by its first answer, then its next question
    assert texts.OTHER_DRAFTS.format(count=1).strip() in reply  # another Mẫu 2 draft exists


def test_resume_by_words_while_another_draft_is_open_and_without_a_match(env):
    core, store = env
    ids = make_drafts(core, store)
    say(core, f"/tiep {ids['B']}")
    say(core, "tiếp tục biểu 04")
    row = active(store)
    assert row.id == ids["bieu"] and list(store.answers(ids["B"]).values()) == ["Hệ thống B"]  # not an answer
    count = len(all_drafts(store))
    reply = say(core, "làm tiếp mẫu 1")
    assert texts.NO_DRAFT_OF.format(title="Mẫu 1") in reply and len(all_drafts(store)) == count


def test_greeting_on_return_names_open_drafts_with_a_resume_choice(env):
    core, store = env
    ids = make_drafts(core, store)
    for greeting in ("/start", "chào"):
        out = send(core, greeting)
        text = "\n".join(o.text for o in out)
        assert "Hệ thống A" in text and "Hệ thống B" in text and "Năm kế hoạch: 2019" in text, greeting
        actions = [decode_choice(c) for o in out for c in o.all_choices()]
        assert {a.draft for a in actions if isinstance(a, ResumeDraft)} == set(ids.values())
    press = next(c for o in send(core, "/start") for c in o.all_choices() if "Hệ thống B" in c.label)
    core.handle(Incoming.press("terminal", "u1", encode_choice(press)))
    assert active(store).id == ids["B"]


def decode_choice(choice):
    from bot.conversation.actions import encode

    return decode(encode(choice.action))


def encode_choice(choice):
    from bot.conversation.actions import encode

    return encode(choice.action)


def test_drafts_list_shows_template_progress_first_answer_and_time(env):
    core, store = env
    ids = make_drafts(core, store)
    text = say(core, "/nhap")
    lines = {sid: next(line for line in text.splitlines() if line.startswith(f"{sid}.")) for sid in ids.values()}
    uid = user_id(store)
    for name, sid in ids.items():
        row = store.get_session(uid, sid)
        assert f"sửa lúc {changed(row)}" in lines[sid]
    assert re.search(r"Mẫu 2 «Hệ thống A» — đã trả lời 2/\d+ câu", lines[ids["A"]])
    assert re.search(r"Mẫu 2 «Hệ thống B» — đã trả lời 1/\d+ câu", lines[ids["B"]])
    assert "Biểu 04/BCKH «Năm kế hoạch: 2019» — đã trả lời 1/" in lines[ids["bieu"]]
    assert text.index(f"{ids['A']}.") < text.index(f"{ids['B']}.")  # most recently changed first


def test_a_draft_never_answered_is_not_kept(env):
    core, store = env
    say(core, "/dien mau2")
    say(core, "/dien bieu04")  # leaving an empty draft deletes it
    assert [row.template_id for row in all_drafts(store)] == ["bieu04"]
    reply = say(core, "/tam_dung")
    assert all_drafts(store) == [] and "không lưu" in reply
    assert say(core, "/nhap") == texts.NO_DRAFTS and all_drafts(store) == []
    say(core, "/dien tb1485")
    say(core, "Sở A")
    say(core, "/tam_dung")  # answered once: kept
    assert len(all_drafts(store)) == 1 and "Sở A" in say(core, "/nhap")


# ---- "giống tháng trước" reads the earlier report with the template version it was filled with ----------
def _thu(version_fields: list[dict]) -> dict:
    return {"id": "thu", "title": "Mẫu thử — Báo cáo tháng", "aliases": ["mau thu"], "kind": "report",
            "source": {"dispatch": "1181/BTTTT-THH", "section": "Mẫu thử", "quote": "Mẫu thử"},
            "sections": version_fields}


def test_same_as_last_month_reads_the_earlier_version_and_fills_the_current_one(env):
    from forms.session import FormSession

    core, store = env
    v1 = [{"field": "1", "label": "Tên đơn vị", "type": "text"},
          {"field": "2", "label": "Số máy chủ", "type": "number"},
          {"field": "3", "label": "Tháng báo cáo", "type": "month"}]
    v2 = [{"field": "1", "label": "Tên đơn vị", "type": "text"},
          {"field": "3", "label": "Tháng báo cáo", "type": "month"},
          {"field": "4", "label": "Ghi chú", "type": "text"}]
    store.add_template_version("thu", _thu(v1), status="published")
    say(core, "/start")
    uid = user_id(store)
    earlier = core.svc.template("thu", "1")
    form = FormSession.start(earlier, prefill={"1": "Sở A", "2": 12, "3": "2019-05"})
    row = store.create_session(uid, "thu", str(earlier.version), form.to_json(), title="Mẫu thử")
    store.save_step(uid, row.id, [(c, v, None) for c, v in form.answers.items()], form.to_json(), None,
                    status="completed")
    store.add_template_version("thu", _thu(v2), status="published")  # the template changed since
    current = core.svc.template("thu")
    assert str(current.version) != str(earlier.version)
    offer = say(core, "giống tháng trước")
    assert "Số máy chủ: 12" in offer and "Tên đơn vị: Sở A" in offer  # labels of the version it was filled with
    send(core, "có")
    new = active(store)
    assert new.template_version == str(current.version)
    assert store.answers(new.id) == {"1": "Sở A"}  # the removed field is not carried over; the month is asked again


def test_pausing_and_resuming_do_not_count_as_a_change(env):
    core, store = env
    say(core, "/dien tb1485")
    say(core, "Sở A")
    row = active(store)
    changed_before = row.updated_at
    say(core, "/tam_dung")
    say(core, f"/tiep {row.id}")
    assert active(store).updated_at == changed_before  # "sửa lúc …" names the last answer, not the last look
    say(core, "tháng 6/2009")
    assert active(store).updated_at > changed_before


def test_a_name_shared_by_several_dispatches_asks_which_one(tmp_path, monkeypatch):
    from bot.conversation.actions import StartForm, encode
    from bot.template_library import TemplateLibrary
    from forms.loader import TemplateRegistry, load_template_data, registry

    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    store = Store.open(busy_timeout_ms=200, retries=0)

    def form(tid: str, dispatch: str):
        return load_template_data({
            "id": tid, "title": f"Biểu số 17 — Báo cáo theo công văn {dispatch}", "aliases": ["biểu số 17"],
            "kind": "report", "source": {"dispatch": dispatch, "section": "Biểu số 17", "quote": "Biểu số 17"},
            "sections": [{"field": "nam", "label": "Năm báo cáo", "type": "year"}]})

    library = TemplateLibrary(store, builtin=TemplateRegistry([form("b01_a", "9001/XYZ-AB"),
                                                                form("b01_b", "9002/XYZ-CD"), *registry().all()]),
                              dispatch_date=lambda so_hieu: None)
    core = Core(store, knowledge=KnowledgeLink(opener=None), documents_dir=tmp_path / "docs", templates=library)
    try:
        send(core, "/start")
        out = send(core, "làm biểu số 17 năm 2019")
        assert active(store) is None  # nothing started yet
        choices = [c for o in out for c in o.all_choices()]
        assert sorted(c.action.template for c in choices if isinstance(c.action, StartForm)) == ["b01_a", "b01_b"]
        assert "9001/XYZ-AB" in " ".join(c.label for c in choices)
        core.handle(Incoming.press("terminal", "u1", encode(choices[1].action)))
        assert active(store).template_id == choices[1].action.template
        send(core, "/tam_dung")
        send(core, "làm biểu số 17 của công văn 9001 năm 2019")  # the words decide
        assert active(store).template_id == "b01_a" and store.answers(active(store).id) == {"nam": 2019}
    finally:
        store.close()


def test_the_store_deletes_only_a_draft_without_any_answer(env):
    core, store = env
    uid = user_id(store)
    empty = store.create_session(uid, "tb1485", "1", "{}")
    answered = store.create_session(uid, "tb1485", "1", "{}")
    store.save_step(uid, answered.id, [("ten_co_quan", "Sở A", "Sở A")], "{}", None)
    store.add_reminder(uid, empty.created_at, "nhắc", session_id=empty.id)
    assert store.delete_empty_session(uid, answered.id) is False and store.get_session(uid, answered.id) is not None
    assert store.delete_empty_session(uid + 1, empty.id) is False  # not another user's
    assert store.delete_empty_session(uid, empty.id) is True and store.get_session(uid, empty.id) is None


def test_a_name_typed_without_diacritics_in_the_request_is_stored_restored(env):
    """What the request gives goes into the signed document: "he thong mot cua" must not stay unaccented;
    the reply names the restored text."""
    import json

    core, store = env
    say(core, "/start")
    reply = say(core, "mau 2 cho he thong mot cua")
    row = active(store)
    assert row is not None and row.template_id == "mau2"
    stored = json.dumps(store.answers(row.id), ensure_ascii=False)
    assert "một cửa" in stored.lower() and "mot cua" not in stored.lower(), stored
    assert "một cửa" in (reply + "".join(o.text for o in send(core, "/xem"))).lower()


def test_agency_profile_typed_without_diacritics_is_stored_restored_and_shown(env):
    """The profile is printed in every document's head and signature: typed without diacritics
    ("SO THONG TIN VA TRUYEN THONG", "Giam doc") it is stored restored; codes stay as typed."""
    core, store = env
    say(core, "/start")
    replies = [say(core, "/hoso")]
    for text in ["UBND TINH BAC NINH", "SO THONG TIN VA TRUYEN THONG", "STTTT", "Bac Ninh", "Nguyen Van An",
                 "Giam doc"]:
        replies.append(" ".join(o.text for o in send(core, text)))
    profile = store.get_profile(user_id(store))
    assert profile.co_quan == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    assert profile.co_quan_chu_quan == "UBND TỈNH BẮC NINH"
    assert (profile.dia_danh, profile.nguoi_ky, profile.chuc_vu) == ("Bắc Ninh", "Nguyễn Văn An", "Giám đốc")
    assert profile.so_ky_hieu == "STTTT"
    assert "Nguyễn Văn An" in replies[5] and "đã thêm dấu" in replies[5]


def test_profile_names_of_places_and_bodies_are_written_as_known(env):
    """A place or a state body has no sentence around it: "Vi Thanh" alone reads as "Vì Thành" to the
    language model; spelled like a known name it is stored as that name."""
    core, store = env
    say(core, "/start")
    say(core, "/hoso")
    for text in ["UBND TINH HAU GIANG", "So Lao dong - Thuong binh va Xa hoi", "SLDTBXH", "Vi Thanh"]:
        send(core, text)
    profile = store.get_profile(user_id(store))
    assert (profile.co_quan, profile.dia_danh) == ("Sở Lao động - Thương binh và Xã hội", "Vị Thanh")


def test_table_text_cells_typed_without_diacritics_are_stored_restored(env):
    """Biểu 04 rows typed on a phone: the text cells go into the signed table restored; numbers and codes
    stay; a cell the user later types again with diacritics is taken as typed."""
    core, store = env
    say(core, "/start")
    say(core, "lam bieu 04 nam 2019")
    reply = " ".join(o.text for o in send(core, "I.1; Du an CSDL dat dai tinh; xay dung CSDL; so hoa ho so; "
                                                "10.000 ho so; Bac Ninh; So TNMT; 15 ty; 5 ty; 1 ty; 2 ty; 500tr;"))
    row = active(store)
    [first] = store.answers(row.id)["bang"]
    cells = first["cells"]
    assert cells["dia_diem"] == "Bắc Ninh" and cells["co_quan_chu_tri"] == "Sở TNMT"
    assert "CSDL" in cells["du_an"] and "đất đai" in cells["du_an"]
    assert cells["tong_muc"] == 15000 and first["group"] == "I.1"
    assert "đất đai" in reply and "Du an" not in reply
    send(core, "dong 1 dia diem Bac Ninh, Bac Giang")  # typed again: restored again, the rest unchanged
    [first] = store.answers(active(store).id)["bang"]
    assert first["cells"]["dia_diem"] == "Bắc Ninh, Bắc Giang" and first["cells"]["co_quan_chu_tri"] == "Sở TNMT"


def test_an_error_line_is_said_once(env):
    """A text the table step cannot take gets its error once, not twice (engine reply + error)."""
    core, store = env
    say(core, "/start")
    say(core, "lam bieu 04 nam 2019")
    first = send(core, "1,5 tyy")[0].text
    lines = [line for line in first.splitlines() if line.strip()]
    assert lines and len(lines) == len(set(lines)), first
