"""End-to-end on Zalo: the real core, storage, form engine, renderer and knowledge base behind the real Zalo
adapter (long polling over HTTP), with only the Zalo Bot API faked (tests/fake_zalo.py). The scripted session of
tests/chat_scenario.py, typed as a Zalo user would: no buttons, choices by number or by their words."""

from __future__ import annotations

import asyncio
import re


from bot.conversation import Core
from bot.knowledge_link import KnowledgeLink
from storage.repo import Store
from tests.chat_scenario import check_documents, fill_mau2_and_bieu04
from tests.fake_zalo import FakeZaloServer, Sent, ZaloBot, fetch

LINK = re.compile(r"https?://\S+/zalo/files/\S+")


class Chat:
    """A new process: Store + Core + Zalo adapter over ``server``."""

    def __init__(self, server: FakeZaloServer, kb, tmp_path, **settings) -> None:
        self.store = Store.open()
        self.core = Core(self.store, knowledge=KnowledgeLink(kb=kb), documents_dir=tmp_path / "docs")
        self.bot = ZaloBot(server, self.core, tmp_path / "state", tmp_path / "docs", **settings)
        self.server = server

    async def __aenter__(self) -> "Chat":
        await self.bot.__aenter__()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.bot.__aexit__(*exc)
        self.store.close()

    async def say(self, uid: str, text: str) -> list[Sent]:
        return await self.bot.say(uid, text)

    async def pick(self, uid: str, label: str) -> list[Sent]:
        """Type the number of the latest numbered choice labelled ``label``."""
        for sent in reversed(self.server.sent_to(uid)):
            found = re.search(rf"^(\d+)\. {re.escape(label)}$", sent.text, re.MULTILINE)
            if found:
                return await self.say(uid, found.group(1))
        raise AssertionError(f"no numbered choice {label!r}")


def joined(messages: list[Sent]) -> str:
    return "\n".join(m.text or m.caption for m in messages)


def run(coro):
    return asyncio.run(coro)


def test_question_gets_a_cited_answer(kb, data_dir, tmp_path):
    async def scenario():
        with FakeZaloServer() as server:
            async with Chat(server, kb, tmp_path) as chat:
                return await chat.say("z1", "Hạn nộp báo cáo hàng tháng về ứng dụng CNTT là ngày nào?")

    out = run(scenario())
    assert out[0].text.startswith("Xin chào")
    assert "22 hàng tháng" in joined(out) and "1485/BTTTT-UDCNTT" in joined(out)
    assert all(1 <= len(m.text) <= 2000 for m in out)


class ZaloDriver:
    """The shared scenario's driver for Zalo: choices by number, documents through their links."""

    def __init__(self, chat: Chat, uid: str) -> None:
        self.chat, self.uid, self.last, self.picks = chat, uid, [], 0

    async def say(self, text: str) -> str:
        self.last = await self.chat.say(self.uid, text)
        return joined(self.last)

    async def pick(self, label: str) -> str:
        """By number the first time, by the choice's own words the next (both must work)."""
        self.picks += 1
        self.last = await (self.chat.pick(self.uid, label) if self.picks % 2 else self.chat.say(self.uid, label.lower()))
        return joined(self.last)

    async def last_documents(self) -> list[bytes]:
        found = []
        for url in LINK.findall(joined(self.last)):
            status, body, headers = await asyncio.to_thread(fetch, url)
            assert status == 200 and "attachment" in headers["Content-Disposition"]
            found.append(body)
        return found


def test_fill_mau2_and_bieu04_then_download(kb, data_dir, tmp_path):
    uid = "z2"

    async def scenario():
        with FakeZaloServer() as server:
            async with Chat(server, kb, tmp_path, preview=True) as chat:
                result = await fill_mau2_and_bieu04(ZaloDriver(chat, uid))
                photos = [m for m in server.sent_to(uid) if m.method == "sendPhoto"]
                pictures = [await asyncio.to_thread(fetch, p.photo) for p in photos]
                return result, pictures, server

    result, pictures, server = run(scenario())
    check_documents(result)
    assert all(1 <= len(m.text) <= 2000 for m in server.outbox if m.method == "sendMessage")
    assert sum(len(m.text) for m in server.outbox) > 2000  # long replies were split, not cut
    assert ("z2", "typing") in server.chat_actions
    from forms.render.preview import soffice_path

    if soffice_path():  # the page-1 picture, sent by URL, served by the bot
        assert len(pictures) == 2 and all(p[0] == 200 and p[1].startswith(b"\x89PNG") for p in pictures)


def test_restart_mid_form_resumes_at_same_field(kb, data_dir, tmp_path):
    uid = "z3"

    async def scenario():
        with FakeZaloServer() as server:
            async with Chat(server, kb, tmp_path) as chat:
                for text in ["/dien mau2", "Hệ thống một cửa điện tử", "Văn phòng UBND tỉnh", "Quản lý hành chính",
                             "/bo_qua", "Mục tiêu dòng 1"]:
                    await chat.say(uid, text)
            async with Chat(server, kb, tmp_path) as chat:  # a new process over the same data
                before = await chat.say(uid, "/start")
                user = chat.store.get_or_create_user("zalo", uid)
                state = chat.store.get_user_state(user.id)
                answers = chat.store.answers(state.active_session_id, user_id=user.id)
        return before, answers

    before, answers = run(scenario())
    # A long-text answer is one message (the engine stores it and moves on): the restart resumes at I.6.
    assert "I.6" in joined(before)
    assert answers["HTTT[1].I.1"] == "Hệ thống một cửa điện tử"
    assert answers["HTTT[1].I.5"].strip() == "Mục tiêu dòng 1"
