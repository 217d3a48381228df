"""The command table: Vietnamese command names (no diacritics) and their accepted spellings.

The core looks a command up here and calls the handler of the same name (``Core.cmd_<action>``).
Keeping the table as data makes the menu, the help text and the tests agree on one list.
"""

from __future__ import annotations

# command typed (without "/") -> action
COMMANDS: dict[str, str] = {
    "start": "start",
    "batdau": "start",
    "help": "help",
    "trogiup": "help",
    "huongdan": "help",
    "mau": "templates",
    "dien": "fill",
    "nhap": "drafts",
    "tiep": "resume",
    "xem": "review",
    "sua": "edit",
    "bo_qua": "skip",
    "boqua": "skip",
    "quay_lai": "back",
    "quaylai": "back",
    "tam_dung": "pause",
    "tamdung": "pause",
    "huy": "cancel",
    "xong": "finish",
    "hoan_tat": "finish",
    "hoso": "profile",
    "ho_so": "profile",
    "hoi": "ask",
}

# Actions that only make sense while a draft is open (they need the active form).
FORM_ACTIONS: frozenset[str] = frozenset({"review", "edit", "skip", "back", "pause", "cancel", "finish"})


def action_for(command: str) -> str | None:
    """The action of a typed command name ("bo_qua" -> "skip"); None for an unknown command."""
    return COMMANDS.get(command.lower().lstrip("/"))


def command_for(action: str) -> str:
    """The canonical command to type for an action ("skip" -> "bo_qua"), first in table order."""
    for name, act in COMMANDS.items():
        if act == action:
            return name
    raise KeyError(action)
