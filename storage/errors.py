"""Storage errors as kinds: an English message for operators and an :class:`ErrorKind` for callers.

Storage knows nothing of the chat: the conversation turns ``(error.kind, error.write)`` into words
(``bot.texts.storage_error``). ``write`` tells whether a write was refused (then nothing of that
call was saved and the user must send it again) or only a read failed.
"""

from __future__ import annotations

from enum import Enum


class ErrorKind(str, Enum):
    """Why the database could not do what was asked."""

    FAILED = "failed"  # any other database error
    BUSY = "busy"  # locked by another writer beyond the busy timeout and the retries
    UNAVAILABLE = "unavailable"  # cannot be reached: missing/unwritable directory, file gone, server down
    CORRUPT = "corrupt"  # not a database or damaged; an operator must restore it
    NOT_FOUND = "not_found"  # the row does not exist or belongs to another user (not distinguished)


class StorageError(Exception):
    """Base class: the database could not do what was asked."""

    kind: ErrorKind = ErrorKind.FAILED

    def __init__(self, message: str, *, write: bool = True) -> None:
        super().__init__(message)
        self.write = write


class StorageBusyError(StorageError):
    kind = ErrorKind.BUSY


class StorageUnavailableError(StorageError):
    kind = ErrorKind.UNAVAILABLE


class StorageCorruptError(StorageError):
    kind = ErrorKind.CORRUPT


class NotFoundError(StorageError, LookupError):
    kind = ErrorKind.NOT_FOUND
