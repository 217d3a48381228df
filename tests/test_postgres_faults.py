"""Faults during load (issue 14): a worker killed with SIGKILL, the PostgreSQL server restarted, while users fill
forms through two worker processes (real ``TelegramFrontend`` + core + store each, fake Bot API).

Users behave as people do: send a message, wait for the reply, send the next; a message with no reply
after a while is delivered again with the same update id to a live worker (as Telegram retries a
webhook), and a reply saying the database was unavailable makes the user send the same text again.
At the end each user's stored drafts and answers must equal those of a fault-free replay of the same
messages through one core on SQLite: nothing acknowledged lost, nothing applied twice or out of order.

PostgreSQL here is a private server of this module (``scripts/test-postgres.sh`` with its own directory
and port), so restarting it disturbs no other test.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

from bot import texts
from tests.load_worker import texts_for, worker_main

ROOT = Path(__file__).resolve().parent.parent
USERS, MESSAGES = 6, 9
FAILED = set(texts.STORAGE_ERRORS.values()) | {texts.STORAGE_UNAVAILABLE, texts.INTERNAL_ERROR}
PG_ENV = {"BAOCAO_TEST_PG_DIR": "/tmp/baocao-test-pg-faults", "BAOCAO_TEST_PG_PORT": "54347"}



def _pg(*args: str) -> str:
    result = subprocess.run(["bash", str(ROOT / "scripts" / "test-postgres.sh"), *args], capture_output=True,
                            text=True, env={**os.environ, **PG_ENV}, timeout=300)
    return result.stdout.strip()


@pytest.fixture(scope="module")
def pg_server():
    if os.environ.get("BAOCAO_TEST_POSTGRES", "1") == "0" or not os.environ.get("BAOCAO_TEST_POSTGRES_URL"):
        pytest.skip("PostgreSQL tests are off (BAOCAO_TEST_POSTGRES_URL unset)")
    url = _pg()
    if not url:
        pytest.skip("no local PostgreSQL server could be started")
    yield url
    _pg("stop")


def _restart_pg() -> None:
    pg_ctl = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), reverse=True)))
    data = Path(PG_ENV["BAOCAO_TEST_PG_DIR"]) / "data"
    log = Path(PG_ENV["BAOCAO_TEST_PG_DIR"]) / "server.log"  # the server's output must not hold our pipe
    command = [str(pg_ctl), "-D", str(data), "-l", str(log), "-m", "fast", "-w", "restart"]
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    subprocess.run(command, check=True, capture_output=True, timeout=120)


def messages_of(user: int) -> list[str]:
    return texts_for(MESSAGES)[: MESSAGES - user % 3]  # users stop at different points


def drive(url: str, fault: str) -> dict[str, Any]:
    """Run the users against two workers on ``url``; ``fault`` ("kill" or "restart") strikes mid-run."""
    ctx = multiprocessing.get_context("spawn")
    # One outbox per worker: a worker killed while writing to a shared queue can leave its lock held and
    # silence every other writer (a multiprocessing limit, not the bot's).
    outboxes = [ctx.Queue() for _ in range(2)]
    inboxes = [ctx.Queue() for _ in range(2)]
    data_dir = tempfile.mkdtemp(prefix="baocao-faults-")
    procs = [ctx.Process(target=worker_main, args=(url, data_dir, inboxes[w], outboxes[w]), daemon=True)
             for w in range(2)]
    for p in procs:
        p.start()
    pids = []
    for box in outboxes:
        while True:
            kind, pid, _t, _x = box.get(timeout=180)
            if kind == "ready":
                pids.append(pid)
                break
    alive = [True, True]
    users = {100 + n: {"k": 0, "pending": None, "texts": messages_of(n)} for n in range(USERS)}
    total = sum(len(u["texts"]) for u in users.values())
    next_id, delivered, struck, stats = 1, 0, False, {"redelivered": 0, "resent": 0}

    def deliver(uid: int, update_id: int, text: str, worker: int, since: float | None = None) -> None:
        """``since``: when this update was first delivered (a reply to any delivery answers it)."""
        if not alive[worker]:
            worker = alive.index(True)
        inboxes[worker].put((update_id, uid, text))
        now = time.monotonic()
        users[uid]["pending"] = (update_id, text, now if since is None else since, worker, now)

    deadline = time.monotonic() + 240  # below pytest's timeout, so a stuck run fails with this message

    def receive() -> tuple[Any, ...]:
        for w, box in enumerate(outboxes):
            if alive[w]:
                try:
                    return box.get(timeout=0.05)
                except Exception:
                    continue
        return (None, None, None, None)
    while any(u["k"] < len(u["texts"]) or u["pending"] for u in users.values()):
        assert time.monotonic() < deadline, "the run did not finish"
        kind, chat, at, text = receive()
        if kind == "sent" and chat in users and users[chat]["pending"] and at >= users[chat]["pending"][2]:
            update_id, sent_text, _t, worker, _last = users[chat]["pending"]
            users[chat]["pending"] = None
            if text in FAILED:  # not stored: the user sends it again
                stats["resent"] += 1
                deliver(chat, next_id, sent_text, 1 - worker)
                next_id += 1
            else:
                users[chat]["k"] += 1
                time.sleep(0.05)  # the rest of a multi-message reply arrives before the next message
        for uid, user in users.items():
            pending = user["pending"]
            if pending is None and user["k"] < len(user["texts"]):
                deliver(uid, next_id, user["texts"][user["k"]], (uid + user["k"]) % 2)
                next_id += 1
                delivered += 1
            elif pending is not None and time.monotonic() - pending[4] > 8:  # no reply: Telegram retries
                stats["redelivered"] += 1
                deliver(uid, pending[0], pending[1], 1 - pending[3], since=pending[2])
        if not struck and delivered >= total // 2:
            struck = True
            if fault == "kill":
                os.kill(pids[0], signal.SIGKILL)
                alive[0] = False
            else:
                _restart_pg()
    for w, box in enumerate(inboxes):
        if alive[w]:
            box.put(None)
    for p in procs:
        p.join(60)
    return stats


def stored(url: str) -> dict[str, list]:
    """Each user's drafts (template, status) with their current answers."""
    from storage.repo import Store

    store = Store.open(url)
    try:
        result = {}
        for uid in range(100, 100 + USERS):
            user = store.get_or_create_user("telegram", str(uid))
            result[str(uid)] = [(s.template_id, s.status, store.answers(s.id))
                                for s in sorted(store.list_sessions(user.id), key=lambda s: s.id)]
        return result
    finally:
        store.close()


def reference(tmp_path: Path) -> dict[str, list]:
    """The same messages through one core on SQLite, no faults."""
    from bot.conversation import Core, Incoming
    from bot.knowledge_link import KnowledgeLink
    from storage.repo import Store

    url = str(tmp_path / "reference.db")
    store = Store.open(url)
    core = Core(store, knowledge=KnowledgeLink(opener=None))
    for n in range(USERS):
        for text in messages_of(n):
            core.handle(Incoming.message("telegram", str(100 + n), text))
    store.close()
    return stored(url)


@pytest.mark.parametrize("fault", ["kill", "restart"])
def test_no_acknowledged_answer_is_lost_by_a_fault(pg_server: str, fault: str, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.postgres import create_database

    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "data"))
    url = create_database(pg_server)
    from storage.repo import Store

    Store.open(url).close()  # migrated once before the workers start
    stats = drive(url, fault)
    expected = reference(tmp_path)
    got = stored(url)
    assert got == expected, stats
    assert any(answers for sessions in got.values() for _t, _s, answers in sessions)  # the forms were filled
