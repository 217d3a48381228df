"""Many users at once through the real PTB Application over the fake Bot API: different users are
handled concurrently, one user's updates strictly in order, an admin's upload runs in its own pool.

The core is a stub whose handler can be held (a ``threading.Event``), so the tests assert the order
of events (who started, who finished, who got a reply), never how long anything took.
"""

from __future__ import annotations

import asyncio
import threading
from collections import defaultdict

from bot.conversation.messages import Incoming, Outgoing
from tests.fake_telegram import FakeTelegramServer, make_frontend, settle

ADMIN, ALICE, BINH = 900, 101, 102
GUARD_S = 20.0  # turns a hang into a failure; not a timing assertion


class GatedCore:
    """Records the order of starts and ends; a text starting with "hold" waits for ``release``."""

    def __init__(self) -> None:
        self.log: list[str] = []
        self.threads: dict[str, str] = {}
        self.release = threading.Event()
        self.in_flight: dict[str, int] = defaultdict(int)
        self.max_in_flight: dict[str, int] = defaultdict(int)
        self._lock = threading.Lock()
        self.reminders: list[tuple[str, Outgoing]] = []

    def handle(self, event: Incoming) -> list[Outgoing]:
        what = event.text if event.kind == "text" else f"file:{event.file.name}"
        with self._lock:
            self.log.append(f"start {event.user_id} {what}")
            self.threads[what] = threading.current_thread().name
            self.in_flight[event.user_id] += 1
            self.max_in_flight[event.user_id] = max(self.max_in_flight[event.user_id], self.in_flight[event.user_id])
        try:
            if what.startswith(("hold", "file:")):
                self.release.wait(GUARD_S)
            elif what.startswith("m"):  # earlier messages work longer: a reordering would show
                self.release.wait((20 - int(what[1:])) * 0.002)
        finally:
            with self._lock:
                self.in_flight[event.user_id] -= 1
                self.log.append(f"end {event.user_id} {what}")
        return [Outgoing(f"re {what}")]

    def due_reminders(self, channel: str) -> list:
        due, self.reminders = self.reminders, []
        return due


async def wait_for(predicate, what: str) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + GUARD_S
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError(f"never happened: {what}")
        await asyncio.sleep(0.005)


def run_bot(body, **settings):
    async def main():
        server, core = FakeTelegramServer(), GatedCore()
        frontend = make_frontend(core, server, admins=frozenset({ADMIN}), **settings)
        await frontend.start(poll_timeout=0.2)
        try:
            await body(server, core, frontend)
        finally:
            core.release.set()
            await settle(frontend, server)
            await frontend.stop()
        return server, core, frontend

    return asyncio.run(main())


def test_a_slow_user_does_not_delay_another():
    async def body(server, core, frontend):
        server.send_text(ALICE, "hold: a slow question")
        await wait_for(lambda: f"start {ALICE} hold: a slow question" in core.log, "Alice's question started")
        server.send_text(BINH, "quick")
        await wait_for(lambda: "re quick" in server.texts_to(BINH), "Binh's reply while Alice waits")
        assert server.texts_to(ALICE) == []  # Alice's handler is still held: Binh did not wait behind it
        assert f"end {ALICE} hold: a slow question" not in core.log

    run_bot(body)


def test_an_admin_upload_runs_in_its_own_pool_and_blocks_nobody():
    async def body(server, core, frontend):
        server.send_document(ADMIN, "cong-van.txt", "Công văn số 1".encode())
        await wait_for(lambda: any(line.startswith(f"start {ADMIN} file:") for line in core.log), "ingest started")
        for i, uid in enumerate([ALICE, BINH, ALICE]):
            server.send_text(uid, f"quick {i}")
        await wait_for(lambda: len(server.texts_to(ALICE)) == 2 and len(server.texts_to(BINH)) == 1,
                       "chat replies during the upload")
        assert server.texts_to(ADMIN) == []  # the ingest is still running
        assert core.threads["file:cong-van.txt"].startswith("baocao-ingest")
        assert all(core.threads[f"quick {i}"].startswith("baocao-chat") for i in range(3))

    run_bot(body)


def test_one_users_twenty_messages_stay_in_order_among_others():
    async def body(server, core, frontend):
        for i in range(20):
            server.send_text(ALICE, f"m{i}")
            server.send_text(BINH, f"m{i}")
        await settle(frontend, server)

    _server, core, frontend = run_bot(body)
    for uid in (ALICE, BINH):
        starts = [line.split()[-1] for line in core.log if line.startswith(f"start {uid} ")]
        replies = _server.texts_to(uid)
        assert starts == [f"m{i}" for i in range(20)]
        assert replies == [f"re m{i}" for i in range(20)]
        assert core.max_in_flight[str(uid)] == 1  # never two of one user's updates at once
    assert frontend.application.update_processor._locks == {}  # idle users' locks are dropped


def test_sequential_mode_handles_one_update_at_a_time():
    """``concurrent_updates=1`` is the old behaviour (kept for comparison in benchmarks/concurrency.py)."""
    async def body(server, core, frontend):
        server.send_text(ALICE, "hold: a slow question")
        server.send_text(BINH, "quick")
        await wait_for(lambda: f"start {ALICE} hold: a slow question" in core.log, "Alice's question started")
        await asyncio.sleep(0.05)  # give a concurrent bot the chance to start Binh's update (it must not)
        assert f"start {BINH} quick" not in core.log
        core.release.set()
        await settle(frontend, server)
        assert core.log.index(f"end {ALICE} hold: a slow question") < core.log.index(f"start {BINH} quick")

    run_bot(body, concurrent_updates=1)


def test_refused_users_stay_refused_when_concurrent():
    """The allowlist is checked for every update, before the core, also when updates run concurrently."""
    async def body(server, core, frontend):
        for i in range(5):
            server.send_text(ALICE, f"allowed {i}")
            server.send_text(BINH, f"stranger {i}")
        await settle(frontend, server)

    server, core, _frontend = run_bot(body, allowed_users=frozenset({ALICE}))
    assert not any(f" {BINH} " in line for line in core.log)
    assert [line for line in core.log if line.startswith("start")] == [f"start {ALICE} allowed {i}" for i in range(5)]
    assert all("re " not in text for text in server.texts_to(BINH))


def test_a_reminder_waits_for_the_users_reply_in_progress():
    """A due reminder is not slipped between a user's message and its reply; others get theirs at once."""
    async def body(server, core, frontend):
        server.send_text(ALICE, "hold: a slow question")
        await wait_for(lambda: f"start {ALICE} hold: a slow question" in core.log, "Alice's question started")
        core.reminders = [(str(ALICE), Outgoing("nhắc Alice")), (str(BINH), Outgoing("nhắc Bình"))]
        reminders = asyncio.create_task(frontend.send_due_reminders())
        await wait_for(lambda: "nhắc Bình" in server.texts_to(BINH) or reminders.done(), "Binh's reminder")
        assert server.texts_to(ALICE) == []
        core.release.set()
        assert await reminders == 2
        assert server.texts_to(ALICE) == ["re hold: a slow question", "nhắc Alice"]

    run_bot(body)


def test_concurrency_settings_from_the_environment():
    from bot.telegram_settings import TelegramSettings
    from bot.telegram_updates import PerUserUpdateProcessor

    assert TelegramSettings.from_env({}).concurrent_updates > 1  # concurrent unless told otherwise
    one = TelegramSettings.from_env({"BAOCAO_CONCURRENT_UPDATES": "1", "BAOCAO_CHAT_WORKERS": "3"})
    assert (one.concurrent_updates, one.chat_workers) == (1, 3)
    sequential = make_frontend(GatedCore(), FakeTelegramServer(), concurrent_updates=1)
    concurrent = make_frontend(GatedCore(), FakeTelegramServer(), chat_workers=3)
    assert not isinstance(sequential.application.update_processor, PerUserUpdateProcessor)
    assert isinstance(concurrent.application.update_processor, PerUserUpdateProcessor)
    assert concurrent.workers.chat_workers == 3
