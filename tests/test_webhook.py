"""Webhook mode (issue 14): one receiver behind the address Telegram posts to, N worker processes fed from
the inbox in the database (bot/webhook.py, bot/webhook_worker.py, storage/store_inbox.py).

The receiver stores an update only with the right secret token header, once per update id; workers run each
user's updates in update-id order (also when a later one was received first) exactly once, across two
real worker processes (real PTB Application over the Telegram HTTP fake, real core and PostgreSQL)."""

from __future__ import annotations

import multiprocessing
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.webhook import WebhookReceiver, update_user_key
from storage import Store
from tests.fake_webhook import FakeWebhookTelegram, post_update
from tests.load_worker import inbox_worker_main, texts_for

SECRET = "bi-mat_so-1"


@pytest.fixture()
def receiver(db_url: str):
    store = Store.open(db_url)
    hook = WebhookReceiver(store, SECRET)
    server = hook.serve("127.0.0.1", 0)
    yield hook, store, f"http://127.0.0.1:{server.server_address[1]}/telegram"
    hook.close()
    store.close()


def _pending(store: Store, user: str) -> list[int]:
    ids = []
    with store.inbox_user("telegram", user) as inbox:
        assert inbox is not None
        while (item := inbox.next()) is not None:
            ids.append(item.update_id)
    return ids


def test_the_receiver_stores_updates_only_with_the_secret_and_once(receiver) -> None:
    hook, store, address = receiver
    tg = FakeWebhookTelegram()
    first = tg.text_update(41, 501, "Xin chào")
    assert post_update(address, first, None) == 403
    assert post_update(address, first, "bi-mat_so-2") == 403
    assert post_update(address, first, SECRET[:-1]) == 403
    assert store.pending_inbox_users("telegram") == []  # nothing of a refused request is kept
    assert post_update(address, b"{not json", SECRET) == 400
    assert post_update(address.replace("/telegram", "/khac"), first, SECRET) == 404
    assert post_update(address, first, SECRET) == 200
    assert post_update(address, first, SECRET) == 200  # Telegram's retry: acknowledged, stored once
    assert (hook.received, hook.duplicates, hook.refused) == (1, 1, 3)
    assert store.pending_inbox_users("telegram") == ["501"]
    assert _pending(store, "501") == [41]
    assert _pending(store, "501") == []  # done once taken


def test_a_users_updates_are_taken_in_id_order_whatever_order_they_arrived(receiver) -> None:
    _hook, store, address = receiver
    tg = FakeWebhookTelegram()
    for update_id, user in [(73, 7), (12, 8), (71, 7), (72, 7), (71, 7), (11, 8)]:
        assert post_update(address, tg.text_update(update_id, user, f"tin {update_id}"), SECRET) == 200
    assert sorted(store.pending_inbox_users("telegram")) == ["7", "8"]
    with store.inbox_user("telegram", "7") as inbox:
        assert inbox is not None
        with store.inbox_user("telegram", "7") as other:
            assert other is None  # a user is served by one worker at a time
        assert [inbox.next().update_id for _ in range(3)] == [71, 72, 73]
        assert inbox.next() is None
    assert _pending(store, "8") == [11, 12]


def test_update_keys_are_the_user_as_for_the_parsed_update() -> None:
    from telegram import Update

    from bot.telegram_updates import update_key

    tg = FakeWebhookTelegram()
    tg.press(322, "a:1")
    tg.send_sticker(323)
    tg.edit_text(324, 5, "sửa")
    updates = [tg.text_update(5, 321, "a")] + tg.updates
    for data in updates:
        assert update_user_key(data) == str(update_key(Update.de_json(data, None)))
    assert [update_user_key(d) for d in updates] == ["321", "322", "323", "324"]
    assert update_user_key({"update_id": 6}) == "update:6"


def test_the_secret_must_be_one_telegram_accepts(db_url: str) -> None:
    store = Store.open(db_url)
    try:
        for bad in ("", "có dấu", "a" * 257, "x y"):
            with pytest.raises(ValueError):
                WebhookReceiver(store, bad)
    finally:
        store.close()


USERS, STEPS, EARLY = 8, 6, 3


def test_two_workers_behind_one_address_run_each_update_once_in_order(receiver, db_url: str) -> None:
    if db_url.startswith("sqlite"):
        pytest.skip("several worker processes share PostgreSQL (SQLite runs one worker)")
    _hook, store, address = receiver
    tg = FakeWebhookTelegram()
    texts = texts_for(STEPS)
    update_id = {(u, k): 1000 + k * USERS + u for u in range(USERS) for k in range(STEPS)}
    # received before any worker runs: each user's first messages arrive last first, one of them twice
    for u in range(USERS):
        for k in reversed(range(EARLY)):
            assert post_update(address, tg.text_update(update_id[u, k], 600 + u, texts[k]), SECRET) == 200
        post_update(address, tg.text_update(update_id[u, 0], 600 + u, texts[0]), SECRET)
    workers = _Workers(db_url, 2)
    # the rest arrive while both workers run, as Telegram posts them over several connections: each user's in
    # order, users interleaved; every third update is delivered twice (a retry)
    posts = []
    for k in range(EARLY, STEPS):
        for u in range(USERS):
            data = tg.text_update(update_id[u, k], 600 + u, texts[k])
            posts += [data, data] if len(posts) % 3 == 2 else [data]
    with ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(lambda group: [post_update(address, d, SECRET) for d in group],
                                 [[d for d in posts if d["message"]["from"]["id"] == 600 + u]  # a user's in order
                                  for u in range(USERS)]))
    assert all(status == 200 for group in statuses for status in group)
    handled, replied = workers.finish(store)
    for u in range(USERS):
        assert handled.get(str(600 + u)) == texts, f"user {600 + u}"
    assert replied == {600 + u for u in range(USERS)}


def test_a_user_held_by_one_process_is_left_to_it_by_the_workers(receiver, db_url: str) -> None:
    """This test process plays a worker busy with user 700: the two worker processes leave 700's updates alone
    while it holds the turn; it handles the first itself; the rest are then handled by a worker, after it."""
    if db_url.startswith("sqlite"):
        pytest.skip("several worker processes share PostgreSQL (SQLite runs one worker)")
    _hook, store, address = receiver
    tg = FakeWebhookTelegram()
    texts = texts_for(4)
    workers = _Workers(db_url, 2)
    with store.inbox_user("telegram", "700") as inbox:
        assert inbox is not None
        for k, text in enumerate(texts):
            assert post_update(address, tg.text_update(2000 + k, 700, text), SECRET) == 200
        assert post_update(address, tg.text_update(2100, 701, texts[0]), SECRET) == 200
        deadline = time.monotonic() + 60
        while store.pending_inbox_users("telegram") != ["700"] and time.monotonic() < deadline:
            time.sleep(0.1)  # 701's update is handled meanwhile; 700's wait for this process
        assert store.pending_inbox_users("telegram") == ["700"]
        first = inbox.next()
        assert first is not None and first.update_id == 2000
    handled, replied = workers.finish(store)
    assert handled["700"] == texts[1:]  # after the one handled here, in order, once
    assert handled["701"] == texts[:1]
    assert replied == {700, 701}


class _Workers:
    """Worker processes (``baocao worker``: tests/load_worker.py) over one database, started and ready."""

    def __init__(self, db_url: str, count: int) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.outbox, self.stop = ctx.Queue(), ctx.Event()
        data_dir = tempfile.mkdtemp(prefix="baocao-webhook-")
        self.procs = [ctx.Process(target=inbox_worker_main, args=(db_url, data_dir, self.outbox, self.stop, 0.5),
                                  daemon=True) for _ in range(count)]
        for p in self.procs:
            p.start()
        self.messages: list[tuple] = []
        ready = 0
        while ready < count:
            item = self.outbox.get(timeout=120)
            ready += item[0] == "ready"
            self.messages.append(item)

    def finish(self, store: Store) -> tuple[dict[str, list[str]], set[int]]:
        """Wait until nothing is pending, stop the workers; (texts each user's updates carried, in the order
        the core handled them across processes; chats that got a reply)."""
        deadline = time.monotonic() + 120
        while store.pending_inbox_users("telegram") and time.monotonic() < deadline:
            time.sleep(0.2)
        self.stop.set()
        seen_lists = []
        while len(seen_lists) < len(self.procs):
            item = self.outbox.get(timeout=60)
            if item[0] == "seen":
                seen_lists.append(item[1])
            else:
                self.messages.append(item)
        for p in self.procs:
            p.join(30)
        merged: dict[str, list[tuple[float, str]]] = {}
        for seen in seen_lists:
            for t, user, text in seen:
                merged.setdefault(user, []).append((t, text))
        handled = {user: [text for _t, text in sorted(items)] for user, items in merged.items()}
        return handled, {m[1] for m in self.messages if m[0] == "sent"}


def test_the_receiver_registers_the_address_with_its_secret() -> None:
    import asyncio

    from telegram import Bot

    from bot.webhook import register_webhook
    from tests.fake_telegram import FakeRequest

    tg = FakeWebhookTelegram()

    async def run() -> None:
        async with Bot("123456:TEST-TOKEN", request=FakeRequest(tg)) as bot:
            await register_webhook(bot, "https://bot.tinh.gov.vn/telegram", SECRET)

    asyncio.run(run())
    assert len(tg.webhooks) == 1
    assert tg.webhooks[0]["url"] == "https://bot.tinh.gov.vn/telegram"
    assert tg.webhooks[0]["secret_token"] == SECRET
