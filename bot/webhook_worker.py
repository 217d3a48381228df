"""A bot worker fed from the inbox of received updates (webhook mode, see :mod:`bot.webhook`).

:class:`InboxConsumer` waits for the receiver's notifications (``LISTEN baocao_inbox``: the key of the
user whose update arrived) in a thread of its own, and serves each notified user in a task: it takes
the user's turn in the database (``Store.inbox_user``: busy elsewhere → another worker is serving
that user and will see the update), then handles the user's pending updates lowest id first through
the real PTB ``Application``, inside the in-process turn reminders also take. Nothing polls in a
sleeping loop: a worker idles on the notification socket; every ``scan_every_s`` (and after a lost
connection) it also looks for pending users nobody serves, which is how the update of a worker
killed mid-update is taken over (``storage.store_inbox.RETAKE_AFTER_S`` after it was taken).
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from bot.telegram_updates import turn_of
from storage.store_inbox import MAX_ATTEMPTS

log = logging.getLogger(__name__)
CHANNEL = "telegram"


class InboxConsumer:
    """Serve the users with pending updates, each user by one worker at a time, in update-id order."""

    def __init__(self, frontend: Any, store: Any, channel: str = CHANNEL, scan_every_s: float = 2.0,
                 users_at_once: int | None = None) -> None:
        from storage.store_jobs import TURN_CONNECTIONS

        self.frontend, self.store, self.channel, self.scan_every_s = frontend, store, channel, scan_every_s
        self.users_at_once = users_at_once or TURN_CONNECTIONS  # one turn connection each
        self.handled = 0
        self.dropped = 0
        self._active: set[str] = set()
        self._again: set[str] = set()  # notified while being served: look once more before leaving
        self._slots: asyncio.Semaphore | None = None
        self._pool = ThreadPoolExecutor(self.users_at_once + 2, thread_name_prefix="baocao-inbox")
        self._stopping = threading.Event()

    async def run(self, stop: asyncio.Event) -> None:
        """Serve until ``stop`` is set, then let the users being served finish."""
        loop = asyncio.get_running_loop()
        self._slots = asyncio.Semaphore(self.users_at_once)
        listener = self.store.inbox_listener()
        threading.Thread(target=self._listen, args=(loop, listener), name="baocao-inbox-listen", daemon=True).start()
        await self.scan()
        await stop.wait()
        self._stopping.set()
        while self._active:
            await asyncio.sleep(0.05)
        self._pool.shutdown(wait=False)

    def _listen(self, loop: asyncio.AbstractEventLoop, listener: Any) -> None:
        """Blocking: notifications → ``serve``; on each quiet ``scan_every_s``, a scan."""
        import time

        last_scan = time.monotonic()
        try:
            while not self._stopping.is_set():
                keys = listener.wait(self.scan_every_s)
                if keys:
                    log.debug("notified: %s", keys)
                    loop.call_soon_threadsafe(self._serve_keys, keys)
                if time.monotonic() - last_scan >= self.scan_every_s:
                    last_scan = time.monotonic()
                    asyncio.run_coroutine_threadsafe(self.scan(), loop)
        except RuntimeError:  # the loop closed under us: the worker is stopping
            pass
        finally:
            listener.close()

    async def scan(self) -> None:
        """Serve every user with pending updates (at start, periodically, after lost notifications)."""
        loop = asyncio.get_running_loop()
        try:
            keys = await loop.run_in_executor(self._pool, self.store.pending_inbox_users, self.channel)
        except Exception as exc:  # the database is away: the next scan tries again
            log.warning("Inbox scan failed: %s", exc)
            return
        self._serve_keys(keys)

    def _serve_keys(self, keys: list[str]) -> None:
        for key in dict.fromkeys(keys):
            if self._stopping.is_set():
                return
            if key in self._active:
                self._again.add(key)
            else:
                self._active.add(key)
                asyncio.get_running_loop().create_task(self._serve(key))

    async def _serve(self, key: str) -> None:
        assert self._slots is not None
        try:
            async with self._slots:
                while True:
                    self._again.discard(key)
                    await self._serve_once(key)
                    if key not in self._again or self._stopping.is_set():
                        break
        except Exception:
            log.exception("Serving the updates of %s failed; they stay queued", key)
        finally:
            self._active.discard(key)

    async def _mark_done(self, item_id: int) -> None:
        """Retry marking a handled update done (the database restarting) for as long as no other worker
        would take it again (``RETAKE_AFTER_S``)."""
        from storage.store_inbox import RETAKE_AFTER_S

        loop = asyncio.get_running_loop()
        deadline = loop.time() + RETAKE_AFTER_S * 0.8
        while True:
            try:
                await loop.run_in_executor(self._pool, self.store.mark_inbox_done, item_id)
                return
            except Exception as exc:
                if loop.time() > deadline:
                    log.error("Update row %s handled but not marked done (%s): it may run again", item_id, exc)
                    return
                await asyncio.sleep(0.2)

    async def _serve_once(self, key: str) -> None:
        loop = asyncio.get_running_loop()
        app = self.frontend.application
        turn = self.store.inbox_user(self.channel, key)
        inbox = await loop.run_in_executor(self._pool, turn.__enter__)
        error: BaseException | None = None
        try:
            if inbox is None:  # another worker serves this user
                log.debug("%s is served by another worker", key)
                return
            while not self._stopping.is_set():
                try:
                    item = await loop.run_in_executor(self._pool, inbox.next)
                except Exception:
                    handled = inbox.current
                    if handled is not None:  # handled, but the turn's connection is gone: mark it done
                        inbox.release()
                        await self._mark_done(handled.id)
                    raise
                if item is None:
                    break
                log.debug("update %s of %s: attempt %d", item.update_id, key, item.attempts)
                if item.attempts > MAX_ATTEMPTS:
                    self.dropped += 1
                    log.error("Update %s of %s dropped after %d attempts", item.update_id, key, item.attempts - 1)
                    continue
                from telegram import Update

                update = Update.de_json(json.loads(item.payload), app.bot)
                user = int(key) if key.lstrip("-").isdigit() else None
                if user is None:
                    await app.process_update(update)
                else:
                    async with turn_of(app.update_processor, user):  # with this process's reminders
                        await app.process_update(update)
                self.handled += 1
        except BaseException as exc:
            error = exc
            if inbox is not None:
                inbox.release()
            raise
        finally:
            exc_info = (type(error), error, error.__traceback__) if error else (None, None, None)
            try:
                await loop.run_in_executor(self._pool, turn.__exit__, *exc_info)
            except Exception as exc:
                if error is None:
                    raise
                log.warning("Releasing the turn of %s failed: %s", key, exc)


def warm_up() -> None:
    """Load what the first messages would otherwise load while users wait: the shipped templates and the
    diacritics model (a cold worker answers its first ~100 users hundreds of milliseconds late)."""
    try:
        from forms.loader import registry
        from vntext import diacritics

        registry()
        diacritics.load_model()
        diacritics.restore("bao cao tien do")
    except Exception as exc:  # only a head start: the messages that need it will say what is wrong
        log.warning("Warm-up incomplete: %s", exc)


async def serve_inbox(frontend: Any, store: Any, stop: asyncio.Event, **options: Any) -> InboxConsumer:
    """Start ``frontend``'s Application without polling and serve the inbox until ``stop``; then stop it."""
    app = frontend.application
    await app.initialize()
    await frontend.on_startup(app)
    await app.start()
    consumer = InboxConsumer(frontend, store, **options)
    try:
        await consumer.run(stop)
    finally:
        if app.running:
            await app.stop()
        await frontend.on_stop(app)
        await app.shutdown()
    return consumer


def run_worker() -> int:
    """``baocao worker``: settings and database from the environment, the production core, until Ctrl-C/SIGTERM."""
    import signal

    from bot.commands import build_core
    from bot.redact import install as redact_secrets
    from bot.telegram_app import TelegramFrontend, load_settings

    settings = load_settings()
    if not settings.token:
        raise SystemExit("TELEGRAM_BOT_TOKEN is not set")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    redact_secrets()
    core = build_core(warm=True)
    warm_up()
    frontend = TelegramFrontend(core, settings)

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        log.info("Worker serving the webhook inbox")
        await serve_inbox(frontend, core.store, stop)

    asyncio.run(main())
    return 0
