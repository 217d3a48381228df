"""``Store``: the repository API the conversation core uses. Every write is committed before the
method returns; nothing is cached.

Threading: a ``Store`` is safe to share between threads (one SQLAlchemy session per call over a
connection pool). Every method is **blocking**; from asyncio call it through
``asyncio.to_thread(store.save_step, ...)``.

Ownership: methods that take ``user_id`` and a session/document id only ever see that user's
rows; another user's id behaves exactly like a missing one (``None`` or ``NotFoundError``).

Errors: any database failure becomes a ``storage.errors.StorageError`` subclass carrying an
English message (``str(error)``) for the log and an ``ErrorKind`` the bot turns into words.
"database is locked" is retried briefly before ``StorageBusyError`` is raised.
"""

from __future__ import annotations

from storage.store_base import UNSET, Change, to_json
from storage.store_forms import FormTables
from storage.store_inbox import InboxTables
from storage.store_jobs import JobTables
from storage.store_people import PeopleTables
from storage.store_templates import TemplateTables


class Store(PeopleTables, FormTables, TemplateTables, JobTables, InboxTables):
    """The baocao database: users, profiles, drafts and their answers, documents, reminders.

    Layout: ``store_base`` (open, transactions, error mapping, JSON), ``store_people`` (users,
    profiles, user state, reminders, audit), ``store_forms`` (drafts, answers, documents),
    ``store_templates`` (stored template versions), ``store_jobs`` (background ingest jobs, one
    user's turn across worker processes), ``store_inbox`` (received updates waiting for a worker).
    """


__all__ = ["Store", "Change", "UNSET", "to_json"]
