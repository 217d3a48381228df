"""Edited messages through the real PTB Application and the HTTP fake of Telegram (issue 14).

An edit of the message that gave the answer just stored is applied: a new revision with the newly typed
text (the first one kept), a short confirmation, the form continuing where it was. Any other edit gets a
short note (edits of older messages are not applied; /sua …) and changes nothing.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import sqlalchemy as sa

from bot import texts
from bot.conversation import Core
from bot.knowledge_link import KnowledgeLink
from storage.repo import Store
from tests.fake_telegram import FakeTelegramServer, make_frontend, settle

UID = 501


class Bot:
    """One bot process over ``server``; ``say`` returns the message id Telegram gave the user's text."""

    def __init__(self, kb, tmp_path: Path) -> None:
        self.server = FakeTelegramServer()
        self.store = Store.open()
        core = Core(self.store, knowledge=KnowledgeLink(kb=kb), documents_dir=tmp_path / "docs")
        self.frontend = make_frontend(core, self.server, allowed_users=frozenset({UID}))

    async def say(self, text: str) -> int:
        self.server.send_text(UID, text)
        mid = self.server.updates[-1]["message"]["message_id"]
        await settle(self.frontend, self.server)
        return mid

    async def edit(self, mid: int, text: str) -> str:
        before = len(self.server.texts_to(UID))
        self.server.edit_text(UID, mid, text)
        await settle(self.frontend, self.server)
        return "\n".join(self.server.texts_to(UID)[before:])  # everything the bot said to the edit


def revisions(data_dir: Path, code: str) -> list[tuple[str, bool]]:
    """(typed text, is current) of every revision of ``code``, oldest first."""
    engine = sa.create_engine(f"sqlite:///{data_dir / 'baocao.db'}")
    try:
        with engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT raw_text, is_current, code FROM answer ORDER BY revision")).all()
    finally:
        engine.dispose()
    return [(r[0], bool(r[1])) for r in rows if r[2] == code or r[2].endswith("." + code)]  # paths: "HTTT[1].I.2"


def run(kb, tmp_path, scenario):
    bot = Bot(kb, tmp_path)

    async def go():
        await bot.frontend.start(poll_timeout=0.2)
        try:
            return await scenario(bot)
        finally:
            await bot.frontend.stop()

    try:
        return asyncio.run(go())
    finally:
        bot.store.close()


def test_editing_the_answer_just_given_revises_it_and_the_form_goes_on(kb, data_dir, tmp_path):
    async def scenario(bot):
        await bot.say("dien mau 2")
        await bot.say("Hệ thống quản lý văn bản")
        mid = await bot.say("Cục Tin học")
        asked = bot.server.texts_to(UID)[-1]
        reply = await bot.edit(mid, "Cục Tin học hóa")
        return asked, reply

    asked, reply = run(kb, tmp_path, scenario)
    assert "I.3" in asked
    assert reply.startswith(texts.EDIT_APPLIED.format(code="I.2")) and "I.3" in reply  # confirmed, same question
    assert revisions(data_dir, "I.2") == [("Cục Tin học", False), ("Cục Tin học hóa", True)]
    assert revisions(data_dir, "I.1") == [("Hệ thống quản lý văn bản", True)]


def test_editing_an_older_message_gets_a_note_and_changes_nothing(kb, data_dir, tmp_path):
    async def scenario(bot):
        await bot.say("dien mau 2")
        first = await bot.say("Hệ thống quản lý văn bản")
        await bot.say("Cục Tin học")
        return await bot.edit(first, "Hệ thống khác")

    reply = run(kb, tmp_path, scenario)
    assert reply == texts.EDIT_NOT_APPLIED and "/sua" in reply
    assert revisions(data_dir, "I.1") == [("Hệ thống quản lý văn bản", True)]
    assert revisions(data_dir, "I.2") == [("Cục Tin học", True)]


def test_editing_a_latest_message_that_was_not_an_answer_gets_the_note(kb, data_dir, tmp_path):
    async def scenario(bot):
        await bot.say("dien mau 2")
        await bot.say("Hệ thống quản lý văn bản")
        mid = await bot.say("hạn nộp báo cáo này khi nào?")  # a side question, nothing stored
        return await bot.edit(mid, "Cục Tin học")

    reply = run(kb, tmp_path, scenario)
    assert reply == texts.EDIT_NOT_APPLIED
    assert revisions(data_dir, "I.2") == []
    assert revisions(data_dir, "I.1") == [("Hệ thống quản lý văn bản", True)]


def test_an_edit_twice_applies_the_latest_text(kb, data_dir, tmp_path):
    async def scenario(bot):
        await bot.say("dien mau 2")
        await bot.say("Hệ thống quản lý văn bản")
        mid = await bot.say("Cục Tin học")
        await bot.edit(mid, "Cục Tin học hóa")
        return await bot.edit(mid, "Cục Tin học hóa, Bộ TT&TT")

    reply = run(kb, tmp_path, scenario)
    assert reply.startswith(texts.EDIT_APPLIED.format(code="I.2"))
    assert [t for t, _ in revisions(data_dir, "I.2")] == ["Cục Tin học", "Cục Tin học hóa", "Cục Tin học hóa, Bộ TT&TT"]


def test_an_edit_without_a_draft_gets_the_note(kb, data_dir, tmp_path):
    async def scenario(bot):
        mid = await bot.say("/start")
        return await bot.edit(mid, "/mau")

    assert run(kb, tmp_path, scenario) == texts.EDIT_NOT_APPLIED


def test_an_edit_that_changes_no_value_is_refused_and_nothing_moves(kb, data_dir, tmp_path):
    async def scenario(bot):
        await bot.say("dien mau 2")
        await bot.say("Hệ thống quản lý văn bản")
        mid = await bot.say("Cục Tin học")
        return await bot.edit(mid, "Cục Tin học  ")  # the same answer once spaces are trimmed

    reply = run(kb, tmp_path, scenario)
    assert reply.startswith(texts.EDIT_REFUSED.format(code="I.2", reason=texts.EDIT_SAME_VALUE)) and "I.3" in reply
    assert revisions(data_dir, "I.2") == [("Cục Tin học", True)]


def test_an_answer_restored_then_edited_without_diacritics_is_restored_again(kb, data_dir, tmp_path):
    async def scenario(bot):
        await bot.say("dien mau 2")
        await bot.say("Hệ thống quản lý văn bản")
        mid = await bot.say("Cuc Tin hoc")           # stored restored at once ("Cục Tin học")
        return await bot.edit(mid, "Cuc Tin hoc hoa")

    reply = run(kb, tmp_path, scenario)
    assert texts.EDIT_APPLIED.format(code="I.2") in reply and "Cục Tin học hóa" in reply
    history = revisions(data_dir, "I.2")
    assert history[-1][1] and ("Cuc Tin hoc hoa", False) in history  # typed text kept as a revision
