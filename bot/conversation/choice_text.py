"""Choices on channels without buttons (terminal, Zalo): numbered lines, and typed replies turned into presses.

* answer and confirmation choices are numbered ("1. Mẫu 2 …");
* navigation choices are listed on one line with what to type ("/bo_qua (Bỏ qua)"), never
  numbered, so a number typed for a numeric field is never taken for "skip".

:class:`ChoiceMemory` keeps, per chat, the choices of the latest reply that offered any: a typed
number picks a numbered choice, the label itself (diacritics and case ignored) or the shown
command picks any choice; anything else stays text. A reply batch without choices forgets them.
"""

from __future__ import annotations

from collections import OrderedDict

from bot.conversation.actions import encode
from bot.conversation.messages import Choice
from vntext.text import fold

NAV = "nav"
MAX_CHATS = 50_000


def numbered(choices: list[Choice]) -> list[Choice]:
    return [c for c in choices if c.role != NAV]


def render(text: str, choices: list[Choice]) -> str:
    """The message text with its choices appended: numbered lines, then one line of commands."""
    picks = numbered(choices)
    nav = [c for c in choices if c.role == NAV]
    parts = [text.rstrip()] if text.strip() else []
    if picks:
        parts.append("\n".join(f"{i}. {c.label}" for i, c in enumerate(picks, 1)))
    if nav:
        parts.append("  ".join(f"{c.command} ({c.label})" if c.command else c.label for c in nav))
    return "\n".join(parts)


class ChoiceMemory:
    """Per chat: the choices last offered, to turn "2", "Đồng ý" or "/bo_qua" into press data."""

    def __init__(self) -> None:
        self._by_chat: OrderedDict[str, list[Choice]] = OrderedDict()

    def offer(self, chat: str, choices: list[Choice]) -> None:
        """Remember the choices of the latest reply batch ([] forgets the previous ones)."""
        self._by_chat.pop(chat, None)
        if choices:
            self._by_chat[chat] = list(choices)
            while len(self._by_chat) > MAX_CHATS:
                self._by_chat.popitem(last=False)

    def resolve(self, chat: str, typed: str) -> str | None:
        """The press data of the choice ``typed`` picks, or None when it is ordinary text."""
        choices = self._by_chat.get(chat)
        typed = typed.strip()
        if not choices or not typed:
            return None
        picks = numbered(choices)
        if typed.isdigit():
            n = int(typed)
            return encode(picks[n - 1].action) if picks and 1 <= n <= len(picks) else None
        key = fold(typed).rstrip(" .!")
        for choice in choices:
            if key and key == fold(choice.label) or (choice.command and typed.lower() == choice.command):
                return encode(choice.action)
        return None
