"""Several bot processes on one database: each user's updates handled one at a time and exactly once.

:class:`StoreTurnProcessor` extends the in-process per-user ordering of
:class:`bot.telegram_updates.PerUserUpdateProcessor` across processes: around one update's handling it
holds the user's turn in the database (``Store.update_turn``: a PostgreSQL advisory lock on the user,
held by a transaction that also records the update id). A second worker that receives another update
of the same user waits for the turn; an update delivered again (a webhook retry after a worker died
before answering, or after a timeout) is recognised by its id and skipped.

The turn's transaction is opened and committed in a small thread pool of its own, so a worker waiting
for a busy user's turn never holds the threads the chat needs.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from typing import Any

from bot.telegram_updates import MAX_CONCURRENT_UPDATES, PerUserUpdateProcessor, update_key

log = logging.getLogger(__name__)
FORGET_EVERY = 5000  # handled updates between two clean-ups of old update ids


class StoreTurnProcessor(PerUserUpdateProcessor):
    """Per-user order inside this process (asyncio lock) and across processes (the database turn)."""

    def __init__(self, store: Any, channel: str = "telegram",
                 max_concurrent_updates: int = MAX_CONCURRENT_UPDATES, turn_threads: int = 16) -> None:
        super().__init__(max_concurrent_updates)
        self.store = store
        self.channel = channel
        self.skipped = 0  # updates recognised as already processed
        self.handled = 0
        self._pool = ThreadPoolExecutor(turn_threads, thread_name_prefix="baocao-turn")
        self._slots: asyncio.Semaphore | None = None  # users in their turn at once (one connection each)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = update_key(update)
        if key is None:
            await coroutine
            return
        await super().do_process_update(update, self._in_turn(str(key), getattr(update, "update_id", None), coroutine))

    async def _in_turn(self, user_key: str, update_id: int | None, coroutine: Awaitable[Any]) -> None:
        if self._slots is None:
            from storage.store_jobs import TURN_CONNECTIONS

            self._slots = asyncio.Semaphore(TURN_CONNECTIONS)
        async with self._slots:
            await self._turn(user_key, update_id, coroutine)

    async def _turn(self, user_key: str, update_id: int | None, coroutine: Awaitable[Any]) -> None:
        loop = asyncio.get_running_loop()
        turn = self.store.update_turn(self.channel, user_key, update_id)
        fresh = await loop.run_in_executor(self._pool, turn.__enter__)
        error: BaseException | None = None
        try:
            if fresh:
                await coroutine
            else:
                self.skipped += 1
                log.info("Update %s of user %s was already processed: skipped", update_id, user_key)
                if hasattr(coroutine, "close"):
                    coroutine.close()
        except BaseException as exc:
            error = exc
            raise
        finally:
            if error is None:  # recorded as processed, turn released
                await loop.run_in_executor(self._pool, turn.__exit__, None, None, None)
                self.handled += 1
                if self.handled % FORGET_EVERY == 0:  # Telegram retries for a day at most: old ids can go
                    since = datetime.now(timezone.utc) - timedelta(days=2)
                    loop.run_in_executor(self._pool, self.store.forget_processed_updates, since)
            else:  # not recorded (a redelivery may process it), turn released
                try:
                    await loop.run_in_executor(self._pool, turn.__exit__, type(error), error, error.__traceback__)
                except BaseException:
                    pass

    async def shutdown(self) -> None:
        self._pool.shutdown(wait=False)


def processor_for(core: Any, max_concurrent_updates: int, channel: str = "telegram") -> StoreTurnProcessor | None:
    """The update processor a frontend over ``core`` needs: database turns when its store is a server
    database (several worker processes may share it; ``BAOCAO_UPDATE_TURNS=0`` turns them off), else
    None (one process: in-process ordering is enough)."""
    import os

    store = getattr(core, "store", None)
    target = getattr(store, "target", None)
    if target is None or target.is_sqlite or os.environ.get("BAOCAO_UPDATE_TURNS", "1") == "0":
        return None
    return StoreTurnProcessor(store, channel, max(1, max_concurrent_updates))
