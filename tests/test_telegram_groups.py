"""Group chats through the real PTB Application and the HTTP fake of Telegram (issue 14).

In an allowlisted group: a user's drafts, answers and form steps go to the user's private chat; when the
bot cannot write there (403: the user never opened it) the group is told briefly, with nothing of the
draft; dispatch answers may stay in the group; commands addressed to another bot are ignored; strangers
are refused, whatever Telegram answers to the refusal (fail closed).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import texts
from bot.conversation import Core
from bot.knowledge_link import KnowledgeLink
from storage.repo import Store
from tests.fake_telegram import BOT_USERNAME, FakeTelegramServer, run_bot

FRIEND, OTHER, STRANGER = 501, 502, 666
GROUP = -100777
IN_GROUP = {"chat_id": GROUP, "chat_type": "supergroup"}
ALLOWED = {"allowed_users": frozenset({FRIEND, OTHER}), "allowed_groups": frozenset({GROUP})}


class SpyCore(Core):
    """The production core, recording the events that reach it."""

    def __init__(self, *a, **kw) -> None:
        super().__init__(*a, **kw)
        self.events: list = []

    def handle(self, event):
        self.events.append(event)
        return super().handle(event)


def session(kb, tmp_path: Path, actions, faults=(), not_started=(), **settings):
    """Run the bot over a fresh fake server; returns (server, core)."""
    server = FakeTelegramServer()
    server.not_started.update(not_started)
    store = Store.open()
    core = SpyCore(store, knowledge=KnowledgeLink(kb=kb), documents_dir=tmp_path / "docs")

    run_bot(core, server, actions, faults, **settings)
    store.close()
    return server, core


def test_form_steps_in_a_group_go_to_the_user_privately(kb, data_dir, tmp_path):
    server, core = session(kb, tmp_path, [lambda s: s.send_text(FRIEND, "/start", **IN_GROUP),
                                             lambda s: s.send_text(FRIEND, "dien mau 2", **IN_GROUP),
                                             lambda s: s.send_text(FRIEND, "Hệ thống quản lý văn bản", **IN_GROUP)],
                              **ALLOWED)
    assert [e.text for e in core.events] == ["/start", "dien mau 2", "Hệ thống quản lý văn bản"]
    private = "\n".join(server.texts_to(FRIEND))
    assert "I.1" in private and "I.2" in private  # the form opened and moved on, privately
    assert server.texts_to(GROUP) == []  # nothing of the draft in the group
    assert {s.chat_id for s in server.outbox} == {FRIEND}


def test_a_user_who_never_opened_a_private_chat_is_told_in_the_group_without_the_draft(kb, data_dir, tmp_path):
    secret = "Hệ thống quản lý văn bản và điều hành mật"
    server, core = session(kb, tmp_path, [lambda s: s.send_text(FRIEND, "dien mau 2", **IN_GROUP),
                                             lambda s: s.send_text(FRIEND, secret, **IN_GROUP)],
                              not_started={FRIEND}, **ALLOWED)
    assert len(core.events) == 2  # processed (and stored), only the delivery failed
    assert server.texts_to(GROUP) == [texts.OPEN_PRIVATE_CHAT] * 2
    assert server.texts_to(FRIEND) == []
    assert all(secret not in s.text and "I.1" not in s.text for s in server.outbox)


def test_a_dispatch_question_may_be_answered_in_the_group(kb, data_dir, tmp_path):
    question = "Hạn nộp báo cáo hàng tháng về ứng dụng CNTT là ngày nào?"
    server, core = session(kb, tmp_path, [lambda s: s.send_text(FRIEND, "/start"),
                                             lambda s: s.send_text(FRIEND, question, **IN_GROUP)], **ALLOWED)
    group = "\n".join(server.texts_to(GROUP))
    assert "22 hàng tháng" in group and "1485/BTTTT-UDCNTT" in group
    assert len(server.texts_to(FRIEND)) >= 1 and "22 hàng tháng" not in "\n".join(server.texts_to(FRIEND))


def test_a_question_during_a_form_is_answered_in_the_group_and_the_form_step_privately(kb, data_dir, tmp_path):
    server, core = session(kb, tmp_path, [lambda s: s.send_text(FRIEND, "dien mau 2"),
                                             lambda s: s.send_text(FRIEND, "hạn nộp báo cáo này khi nào?", **IN_GROUP)],
                              **ALLOWED)
    assert "Công văn" in "\n".join(server.texts_to(GROUP))
    assert "I.1" in server.texts_to(FRIEND)[-1]  # the question asked again, privately
    assert all("I.1" not in t for t in server.texts_to(GROUP))


def test_commands_for_another_bot_in_a_group_are_ignored(kb, data_dir, tmp_path):
    server, core = session(kb, tmp_path, [lambda s: s.send_text(FRIEND, "/nhap@OtherBot", **IN_GROUP),
                                             lambda s: s.send_text(FRIEND, "/huy@some_other_bot", **IN_GROUP),
                                             lambda s: s.send_text(FRIEND, f"/start@{BOT_USERNAME}", **IN_GROUP)],
                              **ALLOWED)
    assert [e.text for e in core.events] == [f"/start@{BOT_USERNAME}"]
    assert server.texts_to(GROUP) == [] and len(server.texts_to(FRIEND)) >= 1


@pytest.mark.parametrize("status", [403, 429, 400, 0, -1])  # 0: network error, -1: timeout
def test_a_stranger_in_an_allowlisted_group_is_refused_whatever_the_send_does(status, kb, data_dir, tmp_path):
    server, core = session(kb, tmp_path, [lambda s: s.send_text(STRANGER, "dien mau 2", **IN_GROUP),
                                             lambda s: s.send_text(STRANGER, "/nhap", **IN_GROUP)],
                              faults=[("sendMessage", status)], **ALLOWED)
    assert core.events == []  # nobody let in, even when the refusal could not be sent
    assert server.texts_to(STRANGER) == []
    assert set(server.texts_to(GROUP)) <= {texts.ACCESS_DENIED}


def test_a_stranger_in_an_allowlisted_group_is_told_once(kb, data_dir, tmp_path):
    server, core = session(kb, tmp_path, [lambda s: s.send_text(STRANGER, "xin chào", **IN_GROUP),
                                             lambda s: s.send_text(STRANGER, "/start", **IN_GROUP)], **ALLOWED)
    assert core.events == [] and server.texts_to(GROUP) == [texts.ACCESS_DENIED]
