"""End-to-end: the real core behind the real PTB Application and Updater (long polling), with
Telegram faked only at the HTTP boundary (tests/fake_telegram.py), a real SQLite database, the real
form engine and renderer, and a real knowledge base built once for the test process.
"""

from __future__ import annotations

import asyncio
import io
import re
from pathlib import Path

import docx

from bot import texts
from bot.conversation import Core
from bot.knowledge_link import KnowledgeLink
from storage.repo import Store
from tests.fake_telegram import FakeTelegramServer, Sent, make_frontend, settle

ADMIN = 900


class Chat:
    """A running bot (new Store + Core + Application) over ``server``; helpers to talk to it."""

    def __init__(self, server: FakeTelegramServer, kb, documents: Path) -> None:
        self.server = server
        self.store = Store.open()
        self.core = Core(self.store, knowledge=KnowledgeLink(kb=kb), documents_dir=documents)
        self.frontend = make_frontend(self.core, server, admins=frozenset({ADMIN}))

    async def __aenter__(self) -> "Chat":
        await self.frontend.start(poll_timeout=0.2)
        return self

    async def __aexit__(self, *exc) -> None:
        await self.frontend.stop()
        self.store.close()

    async def _wait(self, uid: int, before: int) -> list[Sent]:
        await settle(self.frontend, self.server)
        return self.server.sent_to(uid)[before:]

    async def say(self, uid: int, text: str) -> list[Sent]:
        before = len(self.server.sent_to(uid))
        self.server.send_text(uid, text)
        return await self._wait(uid, before)

    async def press(self, uid: int, data: str) -> list[Sent]:
        before = len(self.server.sent_to(uid))
        self.server.press(uid, data)
        return await self._wait(uid, before)

    async def press_label(self, uid: int, label: str) -> list[Sent]:
        """Press the button labelled ``label`` on the latest message that has it."""
        for sent in reversed(self.server.sent_to(uid)):
            for row in sent.buttons:
                for b in row:
                    if b["text"] == label:
                        return await self.press(uid, b["callback_data"])
        raise AssertionError(f"no button {label!r}")


def joined(messages: list[Sent]) -> str:
    return "\n".join(m.text or m.caption for m in messages)


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    # the renderer breaks long names over lines and binds short words with no-break spaces
    return " ".join("\n".join(parts).replace("\xa0", " ").split())


PROFILE = ["UBND TỈNH BẮC NINH", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "STTTT", "Bắc Ninh", "Nguyễn Văn An", "GIÁM ĐỐC",
           "Bộ Thông tin và Truyền thông; Lưu: VT"]


def run(coro):
    return asyncio.run(coro)


def test_question_gets_a_cited_answer(kb, data_dir, tmp_path):
    async def scenario():
        server = FakeTelegramServer()
        async with Chat(server, kb, tmp_path / "docs") as chat:
            first = await chat.say(1, "Hạn nộp báo cáo hàng tháng về ứng dụng CNTT là ngày nào?")
            again = await chat.say(1, "han nop bao cao hang thang la ngay nao")
        return first, again

    first, again = run(scenario())
    assert first[0].text.startswith("Xin chào")  # first contact: the welcome
    answer = joined(first[1:])
    assert "22 hàng tháng" in answer and "1485/BTTTT-UDCNTT" in answer
    assert "22 hàng tháng" in joined(again) and not joined(again).startswith("Xin chào")


def test_fill_mau2_and_bieu04_to_docx(kb, data_dir, tmp_path):
    uid = 2

    async def scenario():
        server = FakeTelegramServer()
        async with Chat(server, kb, tmp_path / "docs") as chat:
            await chat.say(uid, "/start")
            out = await chat.say(uid, "dien mau 2")
            assert "I.1" in joined(out)
            await chat.say(uid, "Hệ thống quản lý văn bản và điều hành")
            await chat.say(uid, "Cục Tin học hóa")
            # a side question during I.3: answered with its citation, then I.3 is asked again
            out = await chat.say(uid, "hạn nộp báo cáo này khi nào?")
            assert "Công văn" in joined(out) and "I.3" in out[-1].text
            await chat.say(uid, "Quản lý thuế")
            out = await chat.press_label(uid, "Quay lại")  # back to I.3
            assert "I.3" in out[-1].text and "Quản lý thuế" in out[-1].text
            await chat.say(uid, "Quản lý tài chính")
            out = await chat.say(uid, "/bo_qua")  # I.4 is optional
            assert "I.5" in out[-1].text
            for text in ["Mục tiêu: điều hành điện tử", "Quy mô: toàn ngành", "Nội dung: phần mềm, hạ tầng",
                         "2015-2017, hai giai đoạn"]:
                await chat.say(uid, text + "\nxong")
            await chat.say(uid, "Ngân sách trung ương")
            for text in ["Đã triển khai tại 63 tỉnh", "Đúng tiến độ", "Thiếu kinh phí", "Cần đào tạo",
                         "Mở rộng tới cấp huyện", "Toàn quốc"]:
                await chat.say(uid, text + "\nxong")
            await chat.say(uid, "/bo_qua")  # III.3 optional
            await chat.say(uid, "Đề nghị bổ sung kinh phí\nxong")
            out = await chat.say(uid, "không")  # no second information system
            out = await chat.say(uid, "/sua I.2")  # edit by code
            assert "I.2" in joined(out)
            out = await chat.say(uid, "Cục Tin học hóa - Bộ TT&TT")
            assert texts.EXPORT_CONFIRM in joined(out)
            out = await chat.press_label(uid, texts.BTN_EXPORT)
            assert texts.PROFILE_INTRO in joined(out)
            for answer in PROFILE:
                out = await chat.say(uid, answer)
            mau2_doc = [m for m in out if m.document_bytes is not None]

            # Biểu 04, with a wrong number and a side question about a column
            out = await chat.say(uid, "tôi cần làm biểu 04")
            assert "Năm kế hoạch" in joined(out)
            out = await chat.say(uid, "hai nghìn")
            assert "Năm kế hoạch" in out[-1].text and len(out) >= 2  # error, then the same field again
            await chat.say(uid, "2019")
            await chat.say(uid, "thêm")
            await chat.say(uid, "1")  # group I.1
            await chat.say(uid, "Dự án CSDL đất đai")
            await chat.say(uid, "Xây dựng CSDL đất đai")
            await chat.say(uid, "Số hóa hồ sơ")
            out = await chat.say(uid, "cột Khối lượng thực hiện ghi gì?")
            assert "Khối lượng thực hiện" in joined(out) and "Khối lượng thực hiện" in out[-1].text
            for text in ["10.000 hồ sơ", "Bắc Ninh", "Sở TN&MT"]:
                await chat.say(uid, text)
            out = await chat.say(uid, "abc tỷ")  # wrong money
            assert "Tổng mức đầu tư" in out[-1].text
            for text in ["15 tỷ", "5 tỷ", "1 tỷ", "2 tỷ", "500tr", "/bo_qua"]:
                out = await chat.say(uid, text)
            out = await chat.say(uid, "xong")
            assert texts.EXPORT_CONFIRM in joined(out)
            out = await chat.press_label(uid, texts.BTN_EXPORT)
            bieu_doc = [m for m in out if m.document_bytes is not None]
            store = chat.store
            user = store.get_or_create_user("telegram", str(uid))
            sessions = store.list_sessions(user.id, statuses=None)
            history = store.answer_history(sessions[-1].id, "HTTT[1].I.3", user_id=user.id)
        return mau2_doc, bieu_doc, sessions, history, server

    mau2_doc, bieu_doc, sessions, history, server = run(scenario())
    assert len(mau2_doc) == 1 and len(bieu_doc) == 1
    mau2_text = docx_text(mau2_doc[0].document_bytes)
    for needle in ["Hệ thống quản lý văn bản và điều hành", "Cục Tin học hóa - Bộ TT&TT", "Quản lý tài chính",
                   "Đề nghị bổ sung kinh phí", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Nguyễn Văn An"]:
        assert needle in mau2_text, needle
    assert "Quản lý thuế" not in mau2_text  # the value replaced by going back
    assert "ntthao@mic.gov.vn" in mau2_doc[0].caption and "15/5/2015" in mau2_doc[0].caption
    bieu_text = docx_text(bieu_doc[0].document_bytes)
    assert "Dự án CSDL đất đai" in bieu_text and "10.000 hồ sơ" in bieu_text
    assert re.search(r"15[.,]?000", bieu_text)
    assert all(s.status == "completed" for s in sessions)
    assert [h.value for h in history] == ["Quản lý thuế", "Quản lý tài chính"]  # revisions kept
    assert (2, "typing") in server.chat_actions


FIELD_CODE = re.compile(r"\b(?:I{1,3}\.\d+|IV)\b")


def asked_field(text: str) -> str | None:
    """The field code of the question shown last in ``text`` (e.g. "I.6")."""
    codes = FIELD_CODE.findall(text)
    return codes[-1] if codes else None


def test_restart_mid_form_resumes_at_same_field(kb, data_dir, tmp_path):
    uid = 3
    server = FakeTelegramServer()

    async def first_process():
        async with Chat(server, kb, tmp_path / "docs") as chat:
            await chat.say(uid, "/dien mau2")
            await chat.say(uid, "Hệ thống một cửa điện tử")
            await chat.say(uid, "Văn phòng UBND tỉnh")
            await chat.say(uid, "Quản lý hành chính")
            await chat.say(uid, "/bo_qua")
            out = await chat.say(uid, "Mục tiêu dòng 1\nMục tiêu dòng 2")  # I.5, a long text of two paragraphs
            # the process stops here (no graceful goodbye to the user)
        return joined(out)

    async def second_process():
        async with Chat(server, kb, tmp_path / "docs") as chat:  # NEW Store, Core and Application
            before = joined(await chat.say(uid, "/start"))
            user = chat.store.get_or_create_user("telegram", str(uid))
            state = chat.store.get_user_state(user.id)
            answers = chat.store.answers(state.active_session_id, user_id=user.id)
            draft = chat.store.get_session(user.id, state.active_session_id)
        return before, answers, draft.state_json

    last_prompt = run(first_process())
    before, answers, draft_json = run(second_process())
    assert asked_field(last_prompt) is not None
    assert asked_field(before) == asked_field(last_prompt)  # the same question as before the stop
    assert answers["HTTT[1].I.1"] == "Hệ thống một cửa điện tử"
    assert answers["HTTT[1].I.2"] == "Văn phòng UBND tỉnh"
    assert "Mục tiêu dòng 1" in draft_json and "Mục tiêu dòng 2" in draft_json  # nothing typed is lost


def test_fifty_users_interleaved_never_see_each_other(kb, data_dir, tmp_path):
    users = list(range(1000, 1050))

    async def scenario():
        server = FakeTelegramServer()
        async with Chat(server, kb, tmp_path / "docs") as chat:
            for u in users:
                server.send_text(u, "/dien mau2")
            await settle(chat.frontend, server)
            for step in range(3):
                for u in users:
                    server.send_text(u, f"Giá trị {step} của người {u}")
                await settle(chat.frontend, server)
            for u in users:
                server.send_text(u, "/xem")
                server.send_text(u, "/nhap")
            await settle(chat.frontend, server)
            store = chat.store
            per_user = {}
            for u in users:
                user = store.get_or_create_user("telegram", str(u))
                sessions = store.list_sessions(user.id)
                per_user[u] = (sessions, store.answers(sessions[0].id, user_id=user.id))
        return server, per_user

    server, per_user = run(scenario())
    for u in users:
        sessions, answers = per_user[u]
        assert len(sessions) == 1
        assert answers["HTTT[1].I.1"] == f"Giá trị 0 của người {u}"
        assert answers["HTTT[1].I.3"] == f"Giá trị 2 của người {u}"
        seen = "\n".join(server.texts_to(u))
        others = re.findall(r"của người (\d+)", seen)
        assert others and set(others) == {str(u)}, f"user {u} saw {set(others)}"
        draft_ids = {int(x) for x in re.findall(r"^(\d+)\. ", seen, re.M)}
        assert draft_ids == {sessions[0].id}


def test_bad_inputs(kb, data_dir, tmp_path):
    uid = 4

    async def scenario():
        server = FakeTelegramServer()
        async with Chat(server, kb, tmp_path / "docs") as chat:
            await chat.say(uid, "/start")
            r = {"unknown": await chat.say(uid, "/khonglenh")}
            await chat.say(uid, "/dien mau2")
            await chat.say(uid, "Hệ thống A")
            before = len(server.sent_to(uid))
            server.send_sticker(uid)
            server.send_photo(uid)
            r["media"] = await chat._wait(uid, before)
            r["long"] = await chat.say(uid, "x" * 5000)
            r["old_button"] = await chat.press(uid, "e:999999:abcd:skip")
            r["forged"] = await chat.press(uid, "garbage")
            r["file_user"] = await chat.say(uid, "I.2 vẫn đang chờ")  # an answer to I.2 still works
            before = len(server.sent_to(uid))
            server.send_document(uid, "cv.txt", b"CONG VAN")
            r["nonadmin_file"] = await chat._wait(uid, before)
            before = len(server.sent_to(ADMIN))
            server.send_document(ADMIN, "../../../etc/evil.exe", b"MZ")
            r["bad_type"] = await chat._wait(ADMIN, before)
            user = chat.store.get_or_create_user("telegram", str(uid))
            answers = chat.store.answers(chat.store.get_user_state(user.id).active_session_id)
            # a finished draft's button
            await chat.say(uid, "/huy")
            await chat.press(uid, "y:cancel")
            sid = chat.store.list_sessions(user.id, statuses=None)[0].id
            r["finished"] = await chat.press(uid, f"x:{sid}")
        return r, answers, server

    r, answers, server = run(scenario())
    assert "/khonglenh" in joined(r["unknown"]) and "/trogiup" in joined(r["unknown"])
    assert [m.text for m in r["media"]] == [texts.UNSUPPORTED_CONTENT] * 2
    assert "5.000 ký tự" in joined(r["long"]) and "chưa lưu" in joined(r["long"])
    assert texts.STALE_BUTTON in joined(r["old_button"]) and "I.2" in r["old_button"][-1].text
    assert texts.STALE_BUTTON in joined(r["forged"])
    assert answers == {"HTTT[1].I.1": "Hệ thống A", "HTTT[1].I.2": "I.2 vẫn đang chờ"}
    assert joined(r["nonadmin_file"]) == texts.FILE_REFUSED
    assert "evil.exe" in joined(r["bad_type"]) and "/" not in joined(r["bad_type"]).split("gửi: ")[1]
    assert "đã bị hủy" in joined(r["finished"])


class TelegramDriver:
    """tests/chat_scenario.py's driver for Telegram: typed text, pressed inline buttons, attached documents."""

    def __init__(self, chat: Chat, uid: int) -> None:
        self.chat, self.uid = chat, uid
        self.last: list[Sent] = []

    async def say(self, text: str) -> str:
        self.last = await self.chat.say(self.uid, text)
        return joined(self.last)

    async def pick(self, label: str) -> str:
        self.last = await self.chat.press_label(self.uid, label)
        return joined(self.last)

    async def last_documents(self) -> list[bytes]:
        return [m.document_bytes for m in self.last if m.document_bytes is not None]


def test_shared_scenario_on_telegram(kb, data_dir, tmp_path):
    """The same scripted session as Zalo's end-to-end test (tests/chat_scenario.py), through Telegram."""
    from tests.chat_scenario import check_documents, fill_mau2_and_bieu04

    async def scenario():
        server = FakeTelegramServer()
        async with Chat(server, kb, tmp_path / "docs") as chat:
            return await fill_mau2_and_bieu04(TelegramDriver(chat, 7))

    check_documents(run(scenario()))
