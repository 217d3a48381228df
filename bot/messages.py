"""Channel-agnostic message types exchanged between a messenger adapter and the core.

An adapter (Telegram, terminal) turns what the user did into one :class:`Incoming` event and shows
the :class:`Outgoing` messages the core returns. Neither side imports the other's world: the core
never sees a Telegram object, an adapter never sees a form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class IncomingFile:
    """A file the user sent: its (untrusted) name, its bytes and its declared MIME type."""

    name: str
    data: bytes
    mime: str | None = None


@dataclass(frozen=True)
class Incoming:
    """One user action: typed text, a pressed button (its callback data), a file, or something else.

    ``kind`` is "text", "button", "file" or "other" (a sticker, photo, voice note ... that the bot
    cannot use; ``text`` then names what it was, for the log).
    """

    channel: str
    user_id: str
    user_name: str = ""
    text: str = ""
    button: str | None = None
    file: IncomingFile | None = None
    kind: str = "text"
    is_admin: bool = False

    @classmethod
    def message(cls, channel: str, user_id: str, text: str, user_name: str = "", is_admin: bool = False) -> "Incoming":
        """A typed text message."""
        return cls(channel=channel, user_id=str(user_id), user_name=user_name, text=text, kind="text", is_admin=is_admin)

    @classmethod
    def press(cls, channel: str, user_id: str, data: str, user_name: str = "", is_admin: bool = False) -> "Incoming":
        """A pressed inline button carrying ``data``."""
        return cls(channel=channel, user_id=str(user_id), user_name=user_name, button=data, kind="button", is_admin=is_admin)

    @classmethod
    def upload(
        cls, channel: str, user_id: str, file: IncomingFile, user_name: str = "", is_admin: bool = False
    ) -> "Incoming":
        """A document sent by the user."""
        return cls(channel=channel, user_id=str(user_id), user_name=user_name, file=file, kind="file", is_admin=is_admin)


@dataclass(frozen=True)
class Button:
    """An inline button: what the user sees and the data the core gets back when it is pressed."""

    label: str
    data: str


@dataclass(frozen=True)
class Document:
    """A file for the user (the generated .docx)."""

    path: Path
    filename: str
    caption: str = ""


@dataclass
class Outgoing:
    """One message to the user: text, optional rows of buttons, optional document."""

    text: str = ""
    buttons: list[list[Button]] = field(default_factory=list)
    document: Document | None = None

    def all_buttons(self) -> list[Button]:
        """The buttons in reading order (rows flattened)."""
        return [b for row in self.buttons for b in row]
