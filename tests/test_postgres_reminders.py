"""Reminders claimed once across workers (issue 14): several processes claiming due reminders at once on
the same database each get a disjoint set, and together all of them; on SQLite and PostgreSQL."""

from __future__ import annotations

import multiprocessing
from datetime import datetime, timedelta, timezone

from storage import Store

NOW = datetime(2026, 12, 4, 8, 0, tzinfo=timezone.utc)
WORKERS, REMINDERS = 4, 120


def _claimer(url: str, barrier, queue) -> None:
    store = Store.open(url)
    claimed: list[int] = []
    try:
        barrier.wait(timeout=60)
        while batch := store.claim_due_reminders(NOW, channel="telegram", limit=7):
            claimed += [r.id for r in batch]
    finally:
        store.close()
        queue.put(claimed)


def _seed(url: str) -> tuple[set[int], set[int]]:
    store = Store.open(url)
    try:
        tg = store.get_or_create_user("telegram", "1", name="A")
        zalo = store.get_or_create_user("zalo", "z1", name="B")
        due = {store.add_reminder(tg.id, NOW - timedelta(minutes=i), f"nhắc {i}").id for i in range(REMINDERS)}
        store.add_reminder(tg.id, NOW + timedelta(days=1), "chưa đến hạn")
        other = {store.add_reminder(zalo.id, NOW - timedelta(minutes=1), "zalo").id}
        return due, other
    finally:
        store.close()


def test_concurrent_workers_claim_each_reminder_once(db_url):
    due, other_channel = _seed(db_url)
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["storage.repo"])
    barrier, queue = ctx.Barrier(WORKERS), ctx.Queue()
    procs = [ctx.Process(target=_claimer, args=(db_url, barrier, queue)) for _ in range(WORKERS)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(60)
    claimed = [rid for batch in results for rid in batch]
    assert len(claimed) == len(set(claimed))  # nobody got a reminder another worker got
    assert set(claimed) == due  # and together they got all due ones, of this channel only
    store = Store.open(db_url)
    try:
        assert store.claim_due_reminders(NOW, channel="telegram") == []
        assert [r.id for r in store.claim_due_reminders(NOW, channel="zalo")] == sorted(other_channel)
    finally:
        store.close()


def test_a_released_reminder_is_claimed_again(db_url):
    store = Store.open(db_url)
    try:
        user = store.get_or_create_user("telegram", "1")
        rid = store.add_reminder(user.id, NOW - timedelta(hours=1), "nhắc").id
        assert [r.id for r in store.claim_due_reminders(NOW)] == [rid]
        assert store.claim_due_reminders(NOW) == [] and store.due_reminders(NOW) == []
        store.release_reminder(rid)  # delivery failed
        assert [r.id for r in store.claim_due_reminders(NOW)] == [rid]
    finally:
        store.close()
