"""One bot worker process for load and fault runs (benchmarks/load.py, tests/test_postgres_faults.py).

``worker_main`` runs a real ``TelegramFrontend`` (PTB Application + Updater, the production update
processor: on PostgreSQL the per-user database turn) over the real core and store, with its own fake
Bot API (tests/fake_telegram.py). Updates come from a queue as (update id, user, text) and are put in the
Application's update queue with that id, as PTB's webhook server does; every message the bot sends is reported as ("sent", chat id, monotonic time, text).
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from typing import Any

ANSWERS = ["Hệ thống quản lý văn bản", "Cục Tin học hóa", "Quản lý thuế", "/bo_qua", "Mục tiêu của dự án",
           "Quy mô toàn tỉnh", "Nội dung: phần mềm, hạ tầng", "2015-2017", "Ngân sách trung ương",
           "Đã triển khai tại 63 tỉnh", "Đúng tiến độ", "Thiếu kinh phí", "Cần đào tạo", "Mở rộng tới cấp huyện"]


def texts_for(steps: int) -> list[str]:
    """What one user sends: start Mẫu 2, then answers."""
    return ["/dien mau2"] + [ANSWERS[i % len(ANSWERS)] for i in range(steps - 1)]


def worker_main(url: str, data_dir: str, inbox: Any, outbox: Any) -> None:
    """One bot process: real frontend over a fake Bot API; updates come from ``inbox`` (None = stop)."""
    os.environ["BAOCAO_DATA_DIR"] = data_dir
    logging.basicConfig(level=logging.ERROR)
    from bot.conversation import Core
    from bot.knowledge_link import KnowledgeLink
    from storage.repo import Store
    from telegram import Update

    from tests.fake_telegram import FakeTelegramServer, make_frontend

    store = Store.open(url)
    core = Core(store, knowledge=KnowledgeLink(opener=None))
    seen: list[tuple[float, str, str]] = []  # (monotonic time, user, text) as the core handled them
    real_handle = core.handle

    def handle(event: Any) -> Any:
        if event.kind == "text":
            seen.append((time.monotonic(), event.user_id, event.text))
        return real_handle(event)

    core.handle = handle  # type: ignore[method-assign]
    from bot.webhook_worker import warm_up

    warm_up()
    server = FakeTelegramServer()
    server.on_sent = lambda sent: outbox.put(("sent", sent.chat_id, time.monotonic(), sent.text))

    async def run() -> None:
        loop = asyncio.get_running_loop()
        frontend = make_frontend(core, server, concurrent_updates=256)
        done = asyncio.Event()

        def push(item: tuple[int, int, str]) -> None:
            """Offer the update as a webhook does (straight into the update queue), with the given id: a
            redelivered update keeps its id, which long polling's offset would hide."""
            update_id, user, text = item
            server.send_text(user, text)
            data = server.updates.pop()
            data["update_id"] = update_id
            frontend.application.update_queue.put_nowait(Update.de_json(data, frontend.application.bot))

        def reader() -> None:
            while True:
                item = inbox.get()
                if item is None:
                    loop.call_soon_threadsafe(done.set)
                    return
                loop.call_soon_threadsafe(push, item)

        await frontend.start(poll_timeout=0.2)
        outbox.put(("ready", os.getpid(), 0.0, ""))
        threading.Thread(target=reader, daemon=True).start()
        await done.wait()
        await asyncio.sleep(3.0)  # let the last replies go out
        await frontend.stop()

    try:
        asyncio.run(run())
    finally:
        outbox.put(("seen", seen, time.process_time(), ""))  # with this process's CPU seconds
        store.close()


def inbox_worker_main(url: str, data_dir: str, outbox: Any, stop: Any, scan_every_s: float = 2.0) -> None:
    """One webhook-mode worker (``baocao worker``): the real frontend without polling, fed from the
    database inbox by ``bot.webhook_worker``; runs until ``stop`` (a multiprocessing Event) is set.
    Reports ("ready", pid), every sent message, and at the end ("seen", [(time, user, text)])."""
    os.environ["BAOCAO_DATA_DIR"] = data_dir
    logging.basicConfig(level=getattr(logging, os.environ.get("BAOCAO_WORKER_LOG", "ERROR")),
                        format="%(relativeCreated)d %(process)d %(name)s %(message)s")
    from bot.conversation import Core
    from bot.knowledge_link import KnowledgeLink
    from bot.webhook_worker import serve_inbox, warm_up
    from storage.repo import Store

    from tests.fake_telegram import FakeTelegramServer, make_frontend

    store = Store.open(url)
    core = Core(store, knowledge=KnowledgeLink(opener=None))
    seen: list[tuple[float, str, str]] = []
    real_handle = core.handle

    def handle(event: Any) -> Any:
        if event.kind == "text":
            seen.append((time.monotonic(), event.user_id, event.text))
        return real_handle(event)

    warm_up()
    core.handle = handle  # type: ignore[method-assign]
    server = FakeTelegramServer()
    server.on_sent = lambda sent: outbox.put(("sent", sent.chat_id, time.monotonic(), sent.text))

    async def run() -> None:
        frontend = make_frontend(core, server, concurrent_updates=256)
        done = asyncio.Event()
        loop = asyncio.get_running_loop()
        threading.Thread(target=lambda: (stop.wait(), loop.call_soon_threadsafe(done.set)), daemon=True).start()
        outbox.put(("ready", os.getpid(), 0.0, ""))
        await serve_inbox(frontend, store, done, scan_every_s=scan_every_s)

    try:
        asyncio.run(run())
    finally:
        outbox.put(("seen", seen, time.process_time(), ""))  # with this process's CPU seconds
        store.close()


def receiver_main(url: str, secret: str, outbox: Any, stop: Any) -> None:
    """``baocao webhook``'s receiver in a process of its own; reports ("ready", port), at the end ("cpu", seconds)."""
    logging.basicConfig(level=logging.ERROR)
    from bot.webhook import WebhookReceiver
    from storage.repo import Store

    store = Store.open(url)
    receiver = WebhookReceiver(store, secret)
    server = receiver.serve("127.0.0.1", 0)
    outbox.put(("ready", server.server_address[1], 0.0, ""))
    stop.wait()
    receiver.close()
    store.close()
    outbox.put(("cpu", time.process_time(), 0.0, ""))
