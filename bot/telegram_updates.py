"""Many Telegram users at once: updates of different users run concurrently, one user's stay in order.

:class:`PerUserUpdateProcessor` is the ``Application``'s update processor (``ApplicationBuilder.
concurrent_updates``): PTB starts a task per update, in the order the updates arrive; each task
takes its user's ``asyncio.Lock`` (FIFO) before any handler runs, so one user's updates are handled
strictly one after the other (access check and rate limit included) while other users' proceed.

:class:`CoreWorkers` runs the blocking conversation core off the event loop: chat events in a
pool sized for the machine, admin file uploads (indexing a dispatch takes seconds) in a separate
small pool, so an upload cannot take the threads the chat needs.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from telegram import Update
from telegram.ext import BaseUpdateProcessor

T = TypeVar("T")
MAX_CONCURRENT_UPDATES = 256  # tasks in flight (waiting for their user's turn included), as PTB's default


def update_key(update: object) -> int | None:
    """Whose turn an update waits for: its user (their state is per user), else its chat."""
    if isinstance(update, Update):
        if update.effective_user is not None:
            return update.effective_user.id
        if update.effective_chat is not None:
            return update.effective_chat.id
    return None


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """Concurrent across users, sequential per user (a FIFO lock per user, dropped when idle)."""

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: dict[int, int] = {}  # updates holding or waiting for each lock

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = update_key(update)
        if key is None:
            await coroutine
            return
        async with self.turn(key):
            await coroutine

    @asynccontextmanager
    async def turn(self, key: int) -> AsyncIterator[None]:
        """Wait for ``key``'s earlier updates (and anything else sent to them, e.g. a reminder) to finish."""
        lock = self._locks.setdefault(key, asyncio.Lock())  # taken before any await: arrival order
        self._users[key] = self._users.get(key, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._users[key] -= 1
            if not self._users[key]:
                del self._users[key], self._locks[key]

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


def turn_of(processor: object, key: int) -> AbstractAsyncContextManager[Any]:
    """``key``'s turn under a :class:`PerUserUpdateProcessor`; nothing to wait for otherwise (one update at a time)."""
    return processor.turn(key) if isinstance(processor, PerUserUpdateProcessor) else nullcontext()


def chat_workers_default() -> int:
    """Threads for chat events: enough that a slow question does not hold others back (GIL-bound work
    gains nothing from more), at least 4, at most 16."""
    return max(4, min(16, 4 * (os.cpu_count() or 1)))


class CoreWorkers:
    """Thread pools for the blocking core: one for chat, a small one for admin file ingest (made on
    first use, so a frontend stopped and started again gets fresh ones)."""

    def __init__(self, chat_workers: int | None = None, ingest_workers: int = 1) -> None:
        self.chat_workers = chat_workers or chat_workers_default()
        self.ingest_workers = max(1, ingest_workers)
        self._pools: dict[bool, ThreadPoolExecutor] = {}

    def _pool(self, ingest: bool) -> ThreadPoolExecutor:
        pool = self._pools.get(ingest)
        if pool is None:
            size, name = (self.ingest_workers, "baocao-ingest") if ingest else (self.chat_workers, "baocao-chat")
            pool = self._pools[ingest] = ThreadPoolExecutor(size, thread_name_prefix=name)
        return pool

    async def run(self, func: Callable[..., T], *args: Any, ingest: bool = False) -> T:
        """``func(*args)`` in the chosen pool, awaited without blocking the event loop."""
        return await asyncio.get_running_loop().run_in_executor(self._pool(ingest), func, *args)

    def shutdown(self) -> None:
        """Let running calls finish in the background; the next ``run`` makes new pools."""
        pools, self._pools = self._pools, {}
        for pool in pools.values():
            pool.shutdown(wait=False)
