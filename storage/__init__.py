"""Storage: the data directory, the SQLModel schema, Alembic migrations and the ``Store`` API.

    from storage import Store, StorageError
    store = Store.open()        # DATABASE_URL, else data_dir()/baocao.db; applies migrations
    user = store.get_or_create_user("telegram", "12345", name="Lan")
    form = store.create_session(user.id, "bieu04", "1", state_json, title="Năm 2025")
    store.save_step(user.id, form.id, [("I.3", 1500, "1,5 tỷ")], new_state_json, "I.4")

Modules: ``paths`` (data directory), ``models`` (tables, the schema's single source of truth),
``engine`` (SQLite/PostgreSQL engines, error mapping, ``upgrade``), ``repo`` (``Store``),
``errors`` (``StorageError`` and subclasses, each with an ``ErrorKind``; no chat text), ``migrate``
(``python -m storage.migrate upgrade|current|revision -m MSG``).

``Store`` methods are blocking and thread-safe (from asyncio: ``await asyncio.to_thread(...)``);
every write is committed before the method returns. ``paths`` stays importable without
SQLAlchemy; the rest is loaded on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storage.errors import (
        ErrorKind,
        NotFoundError,
        StorageBusyError,
        StorageCorruptError,
        StorageError,
        StorageUnavailableError,
    )
    from storage.repo import UNSET, Store

_EXPORTS = {
    "Store": "storage.repo",
    "UNSET": "storage.repo",
    "StorageError": "storage.errors",
    "StorageBusyError": "storage.errors",
    "StorageUnavailableError": "storage.errors",
    "StorageCorruptError": "storage.errors",
    "NotFoundError": "storage.errors",
    "ErrorKind": "storage.errors",
}

__all__ = list(_EXPORTS)


def __getattr__(name: str) -> Any:
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'storage' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module_name), name)
