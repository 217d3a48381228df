"""The Telegram adapter alone, through the real PTB Application and Updater, over the fake Bot API.

The core here is a small recording stub, so these tests pin the adapter's own duties: command menu,
splitting long texts, inline keyboards and answered callback queries, documents, typing action,
the allowlist, admins' uploads and refusals, stickers. The full conversation runs in test_telegram_e2e.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot import texts
from bot.conversation.actions import EngineCommand, StartForm, encode
from bot.conversation.messages import Choice, Document, Incoming, Outgoing
from bot.telegram_app import TelegramSettings, split_text
from tests.fake_telegram import FakeTelegramServer, make_frontend, settle


SKIP = EngineCommand(1, "abcd", "skip")
LONG_LABEL = "Mẫu 2 — Báo cáo tình hình triển khai các hệ thống thông tin phục vụ chỉ đạo điều hành của Bộ ngành"


class RecordingCore:
    """Replies according to the event, remembering every event it saw."""

    def __init__(self, tmp: Path) -> None:
        self.events: list[Incoming] = []
        self.tmp = tmp

    def handle(self, event: Incoming) -> list[Outgoing]:
        self.events.append(event)
        if event.kind == "button":
            return [Outgoing(f"pressed {event.button}")]
        if event.kind == "file":
            return [Outgoing(f"file {event.file.name} {len(event.file.data)} admin={event.is_admin}")]
        if event.kind == "other":
            return [Outgoing(texts.UNSUPPORTED_CONTENT)]
        if event.text == "long":
            return [Outgoing(("Dòng rất dài của báo cáo. " * 40 + "\n") * 12)]
        if event.text == "export":
            path = self.tmp / "e.docx"
            path.write_bytes(b"PK\x03\x04 export")
            caption = "Đây là báo cáo.\nHạn nộp theo công văn: trước ngày 22 hàng tháng."
            return [Outgoing(caption, document=Document(path, "Bao-cao.docx", caption))]
        if event.text == "image":
            path = self.tmp / "p.png"
            path.write_bytes(b"\x89PNG preview")
            return [Outgoing("Trang 1:", image=path)]
        if event.text == "doc":
            path = self.tmp / "r.docx"
            path.write_bytes(b"PK\x03\x04 docx bytes")
            return [Outgoing("Đây là file", document=Document(path, "Bao-cao.docx", "Hạn nộp: 22 hàng tháng"))]
        return [Outgoing(f"echo {event.text}", [[Choice("Bỏ qua", SKIP, "nav", "/bo_qua")],
                                                [Choice(LONG_LABEL, StartForm("mau2"))]])]

    def due_reminders(self, channel: str) -> list:
        return []


def run(coro):
    return asyncio.run(coro)


async def _session(core, server, actions, **settings):
    frontend = make_frontend(core, server, **settings)
    await frontend.start(poll_timeout=0.2)
    try:
        for act in actions:
            act()
            await settle(frontend, server)
    finally:
        await frontend.stop()
    return frontend


def test_split_text_keeps_everything_under_limit():
    text = ("Mục 1. Nội dung " * 500 + "\n") * 3
    pieces = split_text(text, 4096)
    assert all(len(p) <= 4096 for p in pieces)
    assert " ".join(" ".join(pieces).split()) == " ".join(text.split())
    assert split_text("x" * 9000, 4096) == ["x" * 4096, "x" * 4096, "x" * 808]


def test_settings_from_env():
    s = TelegramSettings.from_env({"TELEGRAM_BOT_TOKEN": "1:a", "TELEGRAM_API_BASE_URL": "http://localhost:8081/",
                                   "BAOCAO_ALLOWED_USERS": "5, 6,@Xuan_Mai", "BAOCAO_ADMINS": "6"})
    assert s.api_base_url == "http://localhost:8081" and s.allowed_users == {5, 6} and s.admins == {6}
    assert s.allowed_usernames == {"xuan_mai"} and not s.open_access  # closed by default
    assert s.webhook_url is None


def test_text_buttons_commands_typing_and_long_text(tmp_path):
    server, core = FakeTelegramServer(), RecordingCore(tmp_path)
    run(_session(core, server, [lambda: server.send_text(11, "xin chào"), lambda: server.press(11, encode(SKIP)),
                                lambda: server.send_text(11, "long"), lambda: server.send_text(11, "/mau")]))
    sent = server.sent_to(11)
    assert sent[0].text == "echo xin chào" and sent[0].button_data() == [encode(SKIP), encode(StartForm("mau2"))]
    assert sent[1].text == f"pressed {encode(SKIP)}"
    label = sent[0].buttons[1][0]["text"]  # shortened at a word boundary, never mid-word
    assert label.endswith("…") and len(label) <= 60 and LONG_LABEL.startswith(label[:-1])
    assert LONG_LABEL[len(label) - 1] == " "
    assert server.callback_answers, "callback query must be answered"
    long_parts = [s.text for s in sent if s.text.startswith("Dòng") or s.text.startswith("báo cáo")]
    assert len(long_parts) >= 2 and all(len(t) <= 4096 for t in long_parts)
    assert sent[-1].text == "echo /mau"
    assert (11, "typing") in server.chat_actions
    assert [c["command"] for c in server.commands] == [name for name, _ in texts.COMMAND_MENU]  # the menu as set
    assert server.commands[0]["command"] == "start" and {"mau", "dien"} <= {c["command"] for c in server.commands}
    assert all(c["description"] for c in server.commands)


def test_document_is_uploaded_with_send_document(tmp_path):
    server, core = FakeTelegramServer(), RecordingCore(tmp_path)
    run(_session(core, server, [lambda: server.send_text(12, "doc")]))
    docs = server.documents_to(12)
    assert len(docs) == 1 and docs[0].document_name == "Bao-cao.docx"
    assert docs[0].document_bytes == b"PK\x03\x04 docx bytes" and "22 hàng tháng" in docs[0].caption


def test_image_is_sent_as_a_photo(tmp_path):
    server, core = FakeTelegramServer(), RecordingCore(tmp_path)
    run(_session(core, server, [lambda: server.send_text(14, "image")]))
    sent = server.sent_to(14)
    assert sent[0].text == "Trang 1:"
    assert [(s.method, s.document_bytes) for s in sent[1:]] == [("sendPhoto", b"\x89PNG preview")]


def test_text_repeated_as_caption_is_sent_once(tmp_path):
    server, core = FakeTelegramServer(), RecordingCore(tmp_path)
    run(_session(core, server, [lambda: server.send_text(13, "export")]))
    docs = server.documents_to(13)
    assert len(docs) == 1 and "22 hàng tháng" in docs[0].caption
    messages = [s.text for s in server.sent_to(13) if s.document_bytes is None]
    assert not [t for t in messages if t and "22 hàng tháng" in t]


def test_allowlist_refuses_others_before_the_core(tmp_path):
    server, core = FakeTelegramServer(), RecordingCore(tmp_path)
    run(_session(core, server, [lambda: server.send_text(13, "hi"), lambda: server.send_text(14, "hi")],
                 allowed_users=frozenset({13})))
    assert server.texts_to(14) == [texts.ACCESS_DENIED]
    assert [e.user_id for e in core.events] == ["13"]


def test_admin_file_is_downloaded_other_files_are_not(tmp_path):
    server, core = FakeTelegramServer(), RecordingCore(tmp_path)
    run(_session(core, server, [lambda: server.send_document(21, "../../cv.txt", b"CONG VAN 99"),
                                lambda: server.send_document(22, "cv.txt", b"CONG VAN 99")],
                 admins=frozenset({21})))
    assert server.texts_to(21) == ["file ../../cv.txt 11 admin=True"]
    assert server.texts_to(22) == ["file cv.txt 0 admin=False"]  # a non-admin's file is never downloaded
    assert sum(1 for m, _ in server.calls if m == "getFile") == 1


def test_sticker_and_photo_reach_the_core_as_other(tmp_path):
    server, core = FakeTelegramServer(), RecordingCore(tmp_path)
    run(_session(core, server, [lambda: server.send_sticker(31), lambda: server.send_photo(31)]))
    assert server.texts_to(31) == [texts.UNSUPPORTED_CONTENT] * 2
    assert [e.text for e in core.events] == ["sticker", "photo"]
