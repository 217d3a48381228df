"""The Zalo adapter over real HTTP against the fake Zalo Bot API (tests/fake_zalo.py), with the real core
and storage: webhook secret, duplicate deliveries, restarts, download links, long replies, send failures."""

from __future__ import annotations

import asyncio
import random
import time
from pathlib import Path

import pytest

from bot.conversation import Core
from bot.conversation.messages import Document, Incoming, Outgoing
from bot.knowledge_link import KnowledgeLink
from bot.zalo import texts as ztexts
from storage.repo import Store
from tests.fake_zalo import FakeZaloServer, ZaloBot, fetch

SECRET = "hook-secret-0123456789"


class Spy:
    """The real core, recording the events it was given (to prove what was NOT processed)."""

    def __init__(self, core: Core) -> None:
        self.core, self.events = core, []

    def handle(self, event: Incoming) -> list[Outgoing]:
        self.events.append(event)
        return self.core.handle(event)

    def due_reminders(self, channel: str):
        return self.core.due_reminders(channel)


@pytest.fixture()
def world(tmp_path, monkeypatch):
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    store = Store.open()
    core = Spy(Core(store, knowledge=KnowledgeLink(opener=None), documents_dir=tmp_path / "docs"))
    yield core, tmp_path / "state", tmp_path / "docs"
    store.close()


def run(coro):
    return asyncio.run(coro)


def test_webhook_wrong_or_missing_secret_is_401_and_changes_nothing(world):
    core, state, docs = world

    async def scenario():
        with FakeZaloServer() as server:
            async with ZaloBot(server, core, state, docs, webhook=True) as bot:
                assert server.webhook == {"url": bot.settings.webhook_url, "secret_token": SECRET}
                update = server.make_update("u1", "message.text.received", text="/start")
                statuses = [await asyncio.to_thread(server.post_webhook, update, secret)
                            for secret in (None, "", "wrong-secret-0123456789", SECRET[:-1], SECRET + "x")]
                refused = (list(core.events), list(server.outbox), update["message"]["message_id"] in bot.frontend.seen)
                ok = await asyncio.to_thread(server.post_webhook, update, SECRET)
                again = await asyncio.to_thread(server.post_webhook, update, SECRET)  # Zalo retries the delivery
                wrapped = await asyncio.to_thread(server.post_webhook, {"ok": True, "result": update}, SECRET)
                return statuses, refused, ok, again, wrapped, list(core.events), server.texts_to("u1"), bot.runner.http.refused

    statuses, refused, ok, again, wrapped, events, replies, refused_count = run(scenario())
    assert statuses == [401] * 5 and refused_count == 5
    assert refused == ([], [], False)  # nothing reached the core, nothing was sent, nothing marked seen
    assert (ok, again, wrapped) == (200, 200, 200)
    assert len(events) == 1 and events[0].text == "/start"  # the duplicate deliveries were processed once
    assert replies and replies[0].startswith("Xin chào")


def test_webhook_serves_nothing_else(world):
    core, state, docs = world

    async def scenario():
        with FakeZaloServer() as server:
            async with ZaloBot(server, core, state, docs, webhook=True) as bot:
                base = bot.settings.public_url
                return [(await asyncio.to_thread(fetch, base + path))[0]
                        for path in ("/", "/zalo/webhook", "/zalo/files/", "/zalo/files/x", "/../etc/passwd")]

    assert run(scenario()) == [404] * 5


def test_duplicate_poll_delivery_processed_once_even_after_restart(world):
    core, state, docs = world

    async def scenario():
        with FakeZaloServer() as server:
            async with ZaloBot(server, core, state, docs) as bot:
                update = server.send_text("u2", "/dien mau2")
                await bot.settle()
                server.push(update)  # the same event again
                await bot.settle()
            first = len(server.sent_to("u2"))
            async with ZaloBot(server, core, state, docs) as bot:  # a new process: ids come from the file
                server.push(update)
                await bot.settle()
                fresh = await bot.say("u2", "Hệ thống quản lý văn bản")
            return first, len(server.sent_to("u2")), fresh

    first, total, fresh = run(scenario())
    assert [e.text for e in core.events] == ["/dien mau2", "Hệ thống quản lý văn bản"]
    assert total == first + len(fresh) and fresh


def test_numbers_words_and_commands_pick_the_offered_choices(world):
    core, state, docs = world

    async def scenario():
        with FakeZaloServer() as server:
            async with ZaloBot(server, core, state, docs) as bot:
                menu = await bot.say("u3", "/mau")
                picked = await bot.say("u3", "1")
                after = await bot.say("u3", "2")  # the question has no numbered choices: "2" is an answer
                return menu, picked, after

    menu, picked, after = run(scenario())
    text = "\n".join(m.text for m in menu)
    assert "\n1. " in text and "\n2. " in text and "Trả lời" in text
    assert core.events[1].kind == "button" and core.events[1].button.startswith("t:")
    assert core.events[2].kind == "text" and core.events[2].text == "2"
    assert all(len(m.text) <= 2000 for m in menu + picked + after)


class LongReplyCore:
    """A core that answers with a prepared long text (the adapter's splitting is what is tested)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def handle(self, event: Incoming) -> list[Outgoing]:
        return [Outgoing(self.text)]

    def due_reminders(self, channel: str):
        return []


def _long_text(n: int = 5000) -> str:
    rng = random.Random(3)
    words = ["Ủy", "ban", "nhân", "dân", "tỉnh", "báo", "cáo", "kết", "quả", "triển", "khai", "1.500", "hồ", "sơ"]
    text = ""
    while True:
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(6, 25))).capitalize() + ". "
        if len(text) + len(sentence) > n:
            return (text + "x" * (n - len(text) - 1) + ".") if len(text) < n - 1 else text
        text += sentence


def test_a_5000_character_reply_arrives_as_three_ordered_messages(tmp_path):
    text = _long_text()
    assert len(text) == 5000

    async def scenario():
        with FakeZaloServer() as server:
            async with ZaloBot(server, LongReplyCore(text), tmp_path / "s", tmp_path / "d") as bot:
                return await bot.say("u4", "kể chi tiết")

    sent = run(scenario())
    assert len(sent) == 3 and all(len(m.text) < 2000 for m in sent)
    assert " ".join(m.text for m in sent).split() == text.split()  # in order, nothing lost, no word cut
    assert all(m.text.endswith(".") for m in sent)  # cut at sentence ends


def test_send_failures_are_retried_and_never_lose_the_answer(world):
    core, state, docs = world

    async def scenario():
        with FakeZaloServer() as server:
            async with ZaloBot(server, core, state, docs) as bot:
                await bot.say("u5", "/dien mau2")
                server.fail("sendMessage", 500, times=2)  # retried with backoff, then delivered
                retried = await bot.say("u5", "Hệ thống một cửa")
                server.fail("sendMessage", 503, times=50)  # Zalo down for longer than the retries
                lost = await bot.say("u5", "Văn phòng UBND tỉnh")
                queued = len(bot.frontend.unsent)
                server.faults.clear()
                later = await bot.say("u5", "Quản lý hành chính")  # Zalo is back: the queued reply goes first
                store = core.core.store
                user = store.get_or_create_user("zalo", "u5")
                answers = store.answers(store.get_user_state(user.id).active_session_id, user_id=user.id)
                return retried, lost, queued, later, answers, len(bot.frontend.unsent)

    retried, lost, queued, later, answers, left = run(scenario())
    assert retried and "I.2" in retried[-1].text
    assert lost == [] and queued >= 1 and left == 0
    assert len(later) > queued and "I.3" in later[queued - 1].text and "I.4" in later[-1].text  # queued first
    assert answers["HTTT[1].I.1"] == "Hệ thống một cửa" and answers["HTTT[1].I.2"] == "Văn phòng UBND tỉnh"
    assert answers["HTTT[1].I.3"] == "Quản lý hành chính"


def test_pictures_stickers_and_files_get_one_polite_line(world):
    core, state, docs = world

    async def scenario():
        with FakeZaloServer() as server:
            async with ZaloBot(server, core, state, docs, admins=frozenset({"adm"})) as bot:
                server.send_image("u6")
                server.send_sticker("u6")
                server.send_unsupported("u6")
                server.send_unsupported("adm")
                await bot.settle()
                return server.texts_to("u6"), server.texts_to("adm")

    user, admin = run(scenario())
    assert user == [ztexts.IMAGE, ztexts.STICKER, ztexts.UNSUPPORTED]
    assert admin == [ztexts.ADMIN_INGEST] and "baocao ingest" in admin[0] and "Telegram" in admin[0]
    assert core.events == []  # nothing the core could use


def test_strangers_are_refused_once_and_nothing_is_stored(world):
    core, state, docs = world

    async def scenario():
        with FakeZaloServer() as server:
            async with ZaloBot(server, core, state, docs, users=frozenset({"friend"})) as bot:
                server.send_text("stranger", "/dien mau2")
                server.send_text("stranger", "xin chào")
                server.send_text("friend", "/start", chat_type="GROUP")
                await bot.settle()
                return server.texts_to("stranger"), server.texts_to("friend")

    stranger, group = run(scenario())
    assert len(stranger) == 1 and "stranger" in stranger[0] and group == []
    assert core.events == []


def _document(docs: Path, name: str, data: bytes) -> Path:
    path = docs / "zalo-u7" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_download_links_work_once_issued_and_only_for_their_file(world):
    core, state, docs = world
    mine = _document(docs, "mau2-1.docx", b"PK\x03\x04 mau2")
    _document(docs, "bieu04-2.docx", b"PK\x03\x04 bieu04")

    async def scenario():
        with FakeZaloServer() as server:
            async with ZaloBot(server, core, state, docs) as bot:
                links = bot.frontend.links
                link = links.issue(mine, "Mau-2.docx")
                token = link.url.split("/zalo/files/")[1].split("/")[0]
                body, sig = token.split(".")
                base = bot.settings.public_url + "/zalo/files/"
                expired, _ = links.token(mine, now=time.time() - 25 * 3600)
                checks = {
                    "ok": await asyncio.to_thread(fetch, link.url),
                    "other name": await asyncio.to_thread(fetch, base + token + "/bieu04-2.docx"),
                    "tampered": await asyncio.to_thread(fetch, base + f"{body}.{sig[::-1]}/Mau-2.docx"),
                    "expired": await asyncio.to_thread(fetch, base + expired + "/Mau-2.docx"),
                    "no token": await asyncio.to_thread(fetch, base + "Mau-2.docx"),
                    "folder": await asyncio.to_thread(fetch, base),
                    "user folder": await asyncio.to_thread(fetch, bot.settings.public_url + "/zalo-u7/"),
                }
                mine.unlink()
                checks["deleted"] = await asyncio.to_thread(fetch, link.url)
                return link, checks

    link, checks = run(scenario())
    status, body, headers = checks["ok"]
    assert status == 200 and body == b"PK\x03\x04 mau2" and "attachment" in headers["Content-Disposition"]
    assert headers["Content-Type"].startswith("application/vnd.openxmlformats")
    assert checks["other name"][1] == b"PK\x03\x04 mau2"  # the name is cosmetic: the token names the file
    assert checks["tampered"][0] == 403 and checks["expired"][0] == 403
    assert checks["no token"][0] == 404 and checks["folder"][0] == 404 and checks["user folder"][0] == 404
    assert checks["deleted"][0] == 404
    assert b"bieu04" not in b"".join(c[1] for c in checks.values())  # never another file, never a listing
    assert (link.expires.timestamp() - time.time()) == pytest.approx(24 * 3600, abs=120)


class ExportCore(LongReplyCore):
    def __init__(self, path: Path) -> None:
        super().__init__("")
        self.path = path

    def handle(self, event: Incoming) -> list[Outgoing]:
        caption = "Đây là báo cáo \"Mẫu 2\" (file .docx)."
        return [Outgoing(caption, document=Document(self.path, "Mau-2.docx", caption))]


def test_without_a_public_address_the_bot_says_where_the_file_is(tmp_path):
    path = _document(tmp_path / "docs", "mau2-9.docx", b"PK")

    async def scenario():
        with FakeZaloServer() as server:
            async with ZaloBot(server, ExportCore(path), tmp_path / "s", tmp_path / "docs", public=False) as bot:
                return await bot.say("u8", "/xuat")

    sent = run(scenario())
    text = "\n".join(m.text for m in sent)
    assert [m.method for m in sent] == ["sendMessage"] * len(sent)
    assert "Mẫu 2" in text and "quản trị viên" in text and "zalo-u7/mau2-9.docx" in text  # where it is kept
    assert path.exists()


def test_the_token_never_reaches_a_log_line_or_an_error(tmp_path, caplog):
    from bot.zalo.client import ZaloApiError, ZaloClient
    from tests.fake_zalo import TOKEN, free_port

    secret = TOKEN.split(":")[1]

    async def scenario():
        errors = []
        dead = ZaloClient(TOKEN, f"http://127.0.0.1:{free_port()}", retries=1, backoff_s=0.01)  # nobody listens
        with FakeZaloServer() as server:
            live = ZaloClient(TOKEN, server.base_url, retries=1, backoff_s=0.01)
            server.fail("sendMessage", 500, times=5)
            for call in (dead.send_message("u", "x"), live.send_message("u", "x"), live.call("noSuchMethod")):
                try:
                    await call
                except ZaloApiError as exc:
                    errors.append(exc)
            await live.aclose()
        await dead.aclose()
        return errors, repr(live)

    with caplog.at_level("DEBUG", logger="bot.zalo"):
        errors, shown = run(scenario())
    assert len(errors) == 3 and errors[0].retryable and errors[1].error_code == 500 and errors[2].error_code == 404
    ours = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("bot.zalo"))
    assert "retry" in ours  # the failures were logged ...
    assert secret not in ours and all(secret not in str(e) for e in errors) and secret not in shown  # ... without it


def test_due_reminders_reach_zalo_users_only_and_their_choice_works(world):
    import datetime as dt

    core, state, docs = world
    store = core.core.store

    async def scenario():
        with FakeZaloServer() as server:
            async with ZaloBot(server, core, state, docs) as bot:
                await bot.say("u9", "/dien mau2")
                await bot.say("u9", "Hệ thống một cửa điện tử")  # a draft with nothing in it is not kept on pause
                await bot.say("u9", "/tam_dung")
                user = store.get_or_create_user("zalo", "u9")
                other = store.get_or_create_user("telegram", "12345")
                draft = store.list_sessions(user.id, statuses=None)[0].id
                past = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=1)
                store.add_reminder(user.id, past, "Nhắc việc: báo cáo Mẫu 2 sắp đến hạn.", session_id=draft)
                store.add_reminder(other.id, past, "Nhắc việc cho người dùng Telegram.")
                before = len(server.outbox)
                sent = await bot.frontend.send_due_reminders()
                reminder = server.outbox[before:]
                resumed = await bot.say("u9", "1")
                return sent, reminder, resumed, core.events[-1]

    sent, reminder, resumed, pressed = run(scenario())
    assert sent == 1 and [m.chat_id for m in reminder] == ["u9"]
    assert "Nhắc việc: báo cáo Mẫu 2" in reminder[0].text and "\n1. " in reminder[0].text
    assert pressed.kind == "button" and "I.2" in "\n".join(m.text for m in resumed)  # resumed after the answered I.1
