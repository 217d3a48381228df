"""Channel-agnostic message types exchanged between a messenger adapter and the conversation.

An adapter (Telegram, terminal, Zalo) turns what the user did into one :class:`Incoming` event and
shows the :class:`Outgoing` messages the conversation returns. Choices are data (:class:`Choice`:
a label, a typed :mod:`~bot.conversation.actions` value, a role); an adapter renders them (inline
buttons, numbered lines) and sends back ``Incoming.press(data=actions.encode(choice.action))``.
No adapter ever parses press data or engine strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROLES = ("answer", "confirm", "nav")


@dataclass(frozen=True)
class IncomingFile:
    """A file the user sent: its (untrusted) name, its bytes and its declared MIME type."""

    name: str
    data: bytes
    mime: str | None = None


@dataclass(frozen=True)
class Incoming:
    """One user action: typed text, a pressed choice (its encoded action), a file, or something else.

    ``kind`` is "text", "button", "file", "other" (a sticker, photo, voice note ... that the bot
    cannot use; ``text`` then names what it was, for the log) or "edit" (the user edited a message:
    ``text`` is the new text, ``edited`` the message's first text when it is the user's latest message,
    else None; see :mod:`bot.conversation.edits`).
    """

    channel: str
    user_id: str
    user_name: str = ""
    text: str = ""
    button: str | None = None
    file: IncomingFile | None = None
    kind: str = "text"
    is_admin: bool = False
    edited: str | None = None

    @classmethod
    def message(cls, channel: str, user_id: str, text: str, user_name: str = "", is_admin: bool = False) -> "Incoming":
        """A typed text message."""
        return cls(channel=channel, user_id=str(user_id), user_name=user_name, text=text, kind="text", is_admin=is_admin)

    @classmethod
    def press(cls, channel: str, user_id: str, data: str, user_name: str = "", is_admin: bool = False) -> "Incoming":
        """A pressed choice carrying ``data`` (``actions.encode(choice.action)``)."""
        return cls(channel=channel, user_id=str(user_id), user_name=user_name, button=data, kind="button", is_admin=is_admin)

    @classmethod
    def upload(
        cls, channel: str, user_id: str, file: IncomingFile, user_name: str = "", is_admin: bool = False
    ) -> "Incoming":
        """A document sent by the user."""
        return cls(channel=channel, user_id=str(user_id), user_name=user_name, file=file, kind="file", is_admin=is_admin)


@dataclass(frozen=True)
class Choice:
    """One thing the user can pick: what they see, the typed action it runs, and its role.

    ``role``: "answer" (answers the question / picks from a list), "confirm" (yes/no, export) or
    "nav" (moves around: skip, back, pause). ``command`` is what the user may type instead
    ("/bo_qua"); set for every nav choice, so text channels can show it.
    """

    label: str
    action: Any
    role: str = "answer"
    command: str | None = None


@dataclass(frozen=True)
class Document:
    """A file for the user (the generated .docx)."""

    path: Path
    filename: str
    caption: str = ""


@dataclass
class Outgoing:
    """One message to the user: text, optional rows of choices, an optional document or image.

    ``public``: nothing of the user's own work (a dispatch answer), so it may be shown in a group
    chat; everything else goes to the user privately."""

    text: str = ""
    choices: list[list[Choice]] = field(default_factory=list)
    document: Document | None = None
    image: Path | None = None
    public: bool = False

    def all_choices(self) -> list[Choice]:
        """The choices in reading order (rows flattened)."""
        return [c for row in self.choices for c in row]
