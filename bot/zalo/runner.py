"""Running the Zalo bot: long polling or webhook, the HTTP server, the reminder and resend loop.

``serve()`` runs until cancelled inside an event loop (tests, ``baocao run``); ``run_zalo`` is the
blocking entry point, ``start_in_thread`` runs it beside the Telegram bot (which owns the main thread).
"""

from __future__ import annotations

import asyncio
import logging
import threading

from bot.zalo.adapter import ConversationCore, ZaloFrontend
from bot.zalo.client import ZaloApiError
from bot.zalo.server import ZaloHttpServer
from bot.zalo.settings import ZaloSettings

log = logging.getLogger(__name__)

MAX_BACKOFF_S = 30.0


class ZaloRunner:
    """The frontend plus its transports; ``start``/``stop`` for embedding, ``serve`` for production."""

    def __init__(self, frontend: ZaloFrontend) -> None:
        self.frontend = frontend
        self.settings = frontend.settings
        self.http: ZaloHttpServer | None = None
        self._tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        s = self.settings
        loop = asyncio.get_running_loop()
        if s.needs_server:
            self.http = ZaloHttpServer(s.listen, s.port, loop, self.frontend.process,
                                       webhook_path=s.webhook_path if s.webhook_url else None,
                                       secret=s.webhook_secret, links=self.frontend.links)
            self.http.start()
            log.info("Zalo HTTP server listening on %s:%s", s.listen, self.http.port)
        if s.webhook_url:
            await self.frontend.client.set_webhook(s.webhook_url, s.webhook_secret)
            log.info("Zalo webhook set; waiting for events at %s", s.webhook_path)
        else:
            try:
                await self.frontend.client.delete_webhook()  # getUpdates does not work while a webhook is set
            except ZaloApiError as exc:
                log.info("%s", exc)
            self._tasks.append(asyncio.create_task(self._poll()))
            log.info("Zalo bot started with long polling")
        if s.reminder_interval_s > 0:
            self._tasks.append(asyncio.create_task(self._housekeeping()))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            try:
                await task
            except (asyncio.CancelledError, Exception):
                pass
        self._tasks.clear()
        if self.http is not None:
            self.http.stop()
            self.http = None
        await self.frontend.client.aclose()

    async def serve(self) -> None:
        await self.start()
        try:
            await asyncio.Event().wait()
        finally:
            await self.stop()

    async def _poll(self) -> None:
        backoff = 0.0
        while True:
            try:
                update = await self.frontend.client.get_update(self.settings.poll_timeout_s)
                backoff = 0.0
            except ZaloApiError as exc:
                backoff = min(MAX_BACKOFF_S, backoff * 2 or 1.0)
                log.warning("%s; polling again in %.0f s", exc, backoff)
                await asyncio.sleep(backoff)
                continue
            if update is not None:
                await self.frontend.process(update)

    async def _housekeeping(self) -> None:
        while True:
            await asyncio.sleep(self.settings.reminder_interval_s)
            try:
                await self.frontend.retry_unsent()
                await self.frontend.send_due_reminders()
            except Exception:  # noqa: BLE001 — the loop must survive anything
                log.exception("Zalo housekeeping failed")


def load_zalo_settings() -> ZaloSettings:
    """Settings from the environment; a bad value stops start-up with a clear message."""
    try:
        return ZaloSettings.from_env()
    except ValueError as exc:
        raise SystemExit(f"Zalo configuration error: {exc}") from None


def run_zalo(core: ConversationCore, settings: ZaloSettings | None = None) -> None:
    """Start the Zalo bot (blocking)."""
    settings = settings or load_zalo_settings()
    if not settings.token:
        raise SystemExit("ZALO_BOT_TOKEN is not set")
    try:
        asyncio.run(ZaloRunner(ZaloFrontend(core, settings)).serve())
    except KeyboardInterrupt:
        pass


def start_in_thread(core: ConversationCore, settings: ZaloSettings) -> threading.Thread:
    """Run the Zalo bot in a daemon thread with its own event loop (beside the Telegram bot)."""
    def target() -> None:
        try:
            run_zalo(core, settings)
        except BaseException:  # noqa: BLE001 — a thread dies silently otherwise; Telegram keeps running
            log.exception("The Zalo bot stopped")

    thread = threading.Thread(target=target, name="zalo-bot", daemon=True)
    thread.start()
    return thread
