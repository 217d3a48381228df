"""Faults in webhook mode (issue 14): a worker killed with SIGKILL, the PostgreSQL server restarted, while users
fill forms through the receiver and two ``baocao worker`` processes (tests/test_webhook.py's set-up).

Users behave as in tests/test_postgres_faults.py: send, wait for the reply, send the next; no reply after a
while → Telegram posts the same update again (the receiver ignores the copy; the inbox still holds it and a
live worker takes it over); a reply saying the database was unavailable → the user sends the text again. At
the end each user's drafts and answers equal a fault-free replay through one core on SQLite.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

from bot.webhook import WebhookReceiver
from tests.fake_webhook import FakeWebhookTelegram, post_update
from tests.load_worker import inbox_worker_main
from tests.test_postgres_faults import FAILED, USERS, _restart_pg, messages_of, pg_server, reference, stored  # noqa: F401

SECRET = "loi-thu"


def drive(url: str, fault: str) -> dict[str, Any]:
    from storage.repo import Store

    store = Store.open(url)
    receiver = WebhookReceiver(store, SECRET)
    address = f"http://127.0.0.1:{receiver.serve('127.0.0.1', 0).server_address[1]}/telegram"
    ctx = multiprocessing.get_context("spawn")
    outboxes = [ctx.Queue() for _ in range(2)]  # one per worker: a killed writer cannot jam the other's
    stops = [ctx.Event() for _ in range(2)]  # one each: setting an Event a killed process waited on hangs
    data_dir = tempfile.mkdtemp(prefix="baocao-webhook-faults-")
    procs = [ctx.Process(target=inbox_worker_main, args=(url, data_dir, outboxes[w], stops[w], 0.5), daemon=True)
             for w in range(2)]
    for p in procs:
        p.start()
    pids = [next(pid for kind, pid, _t, _x in iter(lambda box=box: box.get(timeout=180), None) if kind == "ready")
            for box in outboxes]
    tg = FakeWebhookTelegram()
    alive = [True, True]
    users = {100 + n: {"k": 0, "pending": None, "texts": messages_of(n)} for n in range(USERS)}
    total = sum(len(u["texts"]) for u in users.values())
    next_id, delivered, struck, stats = 1, 0, False, {"reposted": 0, "resent": 0, "refused": 0}

    def post(data: dict) -> None:
        while post_update(address, data, SECRET) != 200:  # 503 while the database is away: Telegram retries
            stats["refused"] += 1
            time.sleep(0.2)

    def deliver(uid: int, update_id: int, text: str) -> None:
        data = tg.text_update(update_id, uid, text)
        post(data)
        now = time.monotonic()
        users[uid]["pending"] = (data, text, now, now)  # (update, text, first posted, last posted)

    def receive() -> tuple[Any, ...]:
        for w, box in enumerate(outboxes):
            if alive[w]:
                try:
                    return box.get(timeout=0.05)
                except Exception:
                    continue
        return (None, None, None, None)

    deadline = time.monotonic() + 240
    try:
        while any(u["k"] < len(u["texts"]) or u["pending"] for u in users.values()):
            assert time.monotonic() < deadline, "the run did not finish"
            kind, chat, at, text = receive()
            if kind == "sent" and chat in users and users[chat]["pending"] and at >= users[chat]["pending"][2]:
                _data, sent_text, _t, _last = users[chat]["pending"]
                users[chat]["pending"] = None
                if text in FAILED:  # not stored: the user sends it again
                    stats["resent"] += 1
                    deliver(chat, next_id, sent_text)
                    next_id += 1
                else:
                    users[chat]["k"] += 1
                    time.sleep(0.05)  # the rest of a multi-message reply arrives before the next message
            for uid, user in users.items():
                pending = user["pending"]
                if pending is None and user["k"] < len(user["texts"]):
                    deliver(uid, next_id, user["texts"][user["k"]])
                    next_id += 1
                    delivered += 1
                elif pending is not None and time.monotonic() - pending[3] > 8:  # no reply: Telegram posts again
                    stats["reposted"] += 1
                    post(pending[0])
                    # a reply to the first post still answers it: it may be queued behind others right now
                    user["pending"] = (pending[0], pending[1], pending[2], time.monotonic())
            if not struck and delivered >= total // 2:
                struck = True
                if fault == "kill":
                    os.kill(pids[0], signal.SIGKILL)
                    alive[0] = False
                    late = _drain(outboxes[0])  # replies it sent before dying reached their users
                    for kind, chat, at, text in late:
                        if kind == "sent" and chat in users and users[chat]["pending"] and at >= users[chat]["pending"][2]:
                            users[chat]["pending"] = None
                            users[chat]["k"] += 1 if text not in FAILED else 0
                else:
                    _restart_pg()
    finally:
        for w, p in enumerate(procs):
            if alive[w]:
                stops[w].set()
        for p in procs:
            p.join(60)
        receiver.close()
        store.close()
    return stats


def _drain(box: Any) -> list[tuple[Any, ...]]:
    """What a killed worker had fully written to its queue (small messages: whole pipe writes)."""
    items = []
    while True:
        try:
            items.append(box.get(timeout=1.0))
        except Exception:
            return items


@pytest.mark.parametrize("fault", ["kill", "restart"])
def test_no_acknowledged_answer_is_lost_by_a_fault_in_webhook_mode(pg_server: str, fault: str, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from storage.repo import Store
    from tests.postgres import create_database

    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "data"))
    url = create_database(pg_server)
    Store.open(url).close()
    stats = drive(url, fault)
    expected = reference(tmp_path)
    got = stored(url)
    assert got == expected, stats
    assert any(answers for sessions in got.values() for _t, _s, answers in sessions)
