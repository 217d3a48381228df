"""What a pressed choice does, as typed values, and THE one encoding of them for callback data.

Only :func:`encode` and :func:`decode` know the wire format (Telegram allows 64 bytes of callback
data; the same string travels through the terminal and Zalo). The format, kept from the first
versions so buttons already sent keep working::

    t:<template>                   StartForm          d:<draft>          ResumeDraft
    e:<draft>:<token>:<name>[ arg] EngineCommand      o:<draft>:<token>:<n>  PickOption (1-based)
    x:<draft>                      Export             y:<flow> / n:<flow>    Confirm
    p:edit                         EditProfile

``token`` is a short hash of the question the choice was shown for (:func:`token`), so a choice
from an old message never acts on another question.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

MAX_BYTES = 64


@dataclass(frozen=True)
class StartForm:
    """Start a new draft of the template with this id."""

    template: str


@dataclass(frozen=True)
class OnDraft:
    """A choice about one of the user's drafts (another user's id acts like a missing one)."""

    draft: int


@dataclass(frozen=True)
class ResumeDraft(OnDraft):
    """Make this draft the open one again and ask its current question."""


@dataclass(frozen=True)
class Export(OnDraft):
    """Check, render and send this draft as a .docx (asking the agency profile first if needed)."""


@dataclass(frozen=True)
class OnQuestion(OnDraft):
    """A choice that acts on one question of a draft: it acts only while that question is open."""

    token: str  # :func:`token` of the question's path


@dataclass(frozen=True)
class EngineCommand(OnQuestion):
    """A command of :mod:`forms.commands` (``name``, ``arg``) on that question."""

    name: str
    arg: str | None = None


@dataclass(frozen=True)
class PickOption(OnQuestion):
    """The ``index``-th (1-based) engine choice offered with that question."""

    index: int


@dataclass(frozen=True)
class Confirm:
    """The answer to a pending confirmation of kind ``flow`` ("cancel", "same")."""

    flow: str
    yes: bool


@dataclass(frozen=True)
class EditProfile:
    """Ask every field of the agency profile again."""


Action = StartForm | ResumeDraft | EngineCommand | PickOption | Export | Confirm | EditProfile


def token(path: str | None) -> str:
    """A short stable token for a question's position, to tell current choices from old ones."""
    return hashlib.blake2s((path or "").encode(), digest_size=4).hexdigest()


def _wire(action: Action) -> str:
    if isinstance(action, StartForm):
        return f"t:{action.template}"
    if isinstance(action, ResumeDraft):
        return f"d:{action.draft}"
    if isinstance(action, EngineCommand):
        command = action.name if action.arg is None else f"{action.name} {action.arg}"
        return f"e:{action.draft}:{action.token}:{command}"
    if isinstance(action, PickOption):
        return f"o:{action.draft}:{action.token}:{action.index}"
    if isinstance(action, Export):
        return f"x:{action.draft}"
    if isinstance(action, Confirm):
        return f"{'y' if action.yes else 'n'}:{action.flow}"
    if isinstance(action, EditProfile):
        return "p:edit"
    raise TypeError(f"not an action: {action!r}")


def fits(action: Action) -> bool:
    """Whether the action's encoding stays within the 64-byte limit."""
    return len(_wire(action).encode()) <= MAX_BYTES


def encode(action: Action) -> str:
    """The callback data of ``action`` (at most 64 bytes; ValueError if it cannot fit)."""
    data = _wire(action)
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {data[:80]!r}")
    return data


def decode(data: str) -> Action | None:
    """The action encoded in ``data``; None for anything malformed (old, forged or cut data)."""
    kind, _, rest = (data or "").partition(":")
    parts = rest.split(":") if rest else []
    try:
        if kind == "t" and len(parts) == 1 and parts[0]:
            return StartForm(parts[0])
        if kind == "d" and len(parts) == 1:
            return ResumeDraft(int(parts[0]))
        if kind == "e" and len(parts) >= 3 and parts[2]:
            name, _, arg = ":".join(parts[2:]).partition(" ")
            return EngineCommand(int(parts[0]), parts[1], name, arg or None)
        if kind == "o" and len(parts) == 3:
            return PickOption(int(parts[0]), parts[1], int(parts[2]))
        if kind == "x" and len(parts) == 1:
            return Export(int(parts[0]))
        if kind in ("y", "n") and len(parts) == 1 and parts[0]:
            return Confirm(parts[0], kind == "y")
        if kind == "p" and parts == ["edit"]:
            return EditProfile()
    except ValueError:
        return None
    return None
