"""Choices without buttons, the Zalo way: the conversation's numbered lines plus how to answer them.

Zalo has no inline keyboards. The conversation offers choices as data (``Outgoing.choices``) and
:mod:`bot.conversation.choice_text` (shared with the terminal) renders them as numbered lines —
answer and confirmation choices numbered, navigation shown with its command ("/bo_qua (Bỏ qua)") and
never numbered, so a number typed for a numeric field is never taken for "skip" — and keeps, per
chat, the choices last offered (:class:`ChoiceMemory`: a typed number, label or command becomes the
press data). This module adds only the line that tells a Zalo user how to pick ("Trả lời 1, 2 hoặc 3").
"""

from __future__ import annotations

from bot.conversation import choice_text
from bot.conversation.choice_text import ChoiceMemory
from bot.conversation.messages import Choice, Outgoing

__all__ = ["ChoiceMemory", "choice_hint", "choices_of", "render"]


def choices_of(out: Outgoing) -> list[Choice]:
    """The choices of one outgoing message, in reading order."""
    return [c for row in out.choices for c in row]


def choice_hint(count: int) -> str:
    """"Trả lời 1, 2 hoặc 3" — how to pick among ``count`` numbered choices."""
    if count <= 1:
        return "Trả lời 1 để chọn."
    if count <= 5:
        return f"Trả lời {', '.join(str(i) for i in range(1, count))} hoặc {count} (hoặc gõ tên lựa chọn)."
    return f"Trả lời một số từ 1 đến {count} (hoặc gõ tên lựa chọn)."


def render(text: str, choices: list[Choice]) -> str:
    """The message text, its numbered choices, the hint, then the navigation commands."""
    picks = choice_text.numbered(choices)
    nav = [c for c in choices if c not in picks]
    parts = [choice_text.render(text, picks), choice_hint(len(picks)) if picks else "", choice_text.render("", nav)]
    return "\n".join(p for p in parts if p)
