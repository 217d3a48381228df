"""Storage errors: an English message for operators and a Vietnamese ``user_message`` for the chat.

The conversation core catches ``StorageError`` around every call, logs ``str(error)`` and sends
``error.user_message`` to the user. Write failures say plainly that the answer was *not* saved,
so the user knows to send it again; nothing is ever dropped silently.
"""

from __future__ import annotations


class StorageError(Exception):
    """Base class: the database could not do what was asked."""

    user_message_write = (
        "Hệ thống lưu trữ gặp sự cố, câu trả lời của anh/chị chưa được lưu. "
        "Xin gửi lại sau ít phút hoặc báo quản trị viên."
    )
    user_message_read = "Hệ thống lưu trữ gặp sự cố. Xin thử lại sau ít phút hoặc báo quản trị viên."

    def __init__(self, message: str, *, write: bool = True) -> None:
        super().__init__(message)
        self.write = write
        self.user_message: str = self.user_message_write if write else self.user_message_read


class StorageBusyError(StorageError):
    """The database stayed locked by another writer beyond the busy timeout and the retries."""

    user_message_write = (
        "Hệ thống lưu trữ đang bận, câu trả lời của anh/chị chưa được lưu. Xin gửi lại sau ít phút."
    )
    user_message_read = "Hệ thống lưu trữ đang bận. Xin thử lại sau ít phút."


class StorageUnavailableError(StorageError):
    """The database cannot be reached: missing or unwritable directory, file gone, server down."""

    user_message_write = (
        "Hệ thống lưu trữ đang tạm ngừng hoạt động, câu trả lời của anh/chị chưa được lưu. "
        "Xin gửi lại sau ít phút hoặc báo quản trị viên."
    )
    user_message_read = (
        "Hệ thống lưu trữ đang tạm ngừng hoạt động. Xin thử lại sau ít phút hoặc báo quản trị viên."
    )


class StorageCorruptError(StorageError):
    """The database file is not a database or is damaged; an operator must restore it."""

    user_message_write = (
        "Cơ sở dữ liệu của hệ thống đang bị lỗi, câu trả lời của anh/chị chưa được lưu. "
        "Xin báo quản trị viên."
    )
    user_message_read = "Cơ sở dữ liệu của hệ thống đang bị lỗi. Xin báo quản trị viên."


class NotFoundError(StorageError, LookupError):
    """The row does not exist or belongs to another user (the two are not distinguished)."""

    user_message_write = (
        "Không tìm thấy bản nháp này, thao tác chưa được thực hiện. "
        "Gõ /nhap để xem các bản nháp của anh/chị."
    )
    user_message_read = "Không tìm thấy bản nháp này. Gõ /nhap để xem các bản nháp của anh/chị."
