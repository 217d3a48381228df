"""What the bot is waiting for, as a typed union saved with the user (``UserState.pending``).

Stored as ``{"welcomed": true, "flow": {"kind": ..., ...}}``: :func:`load` and :func:`dump` are the
only places that know the JSON shape. A flow of an unknown kind (saved by another version) is dropped.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class ProfileQuestions:
    """Asking the agency profile: the question at ``step``; ``export`` the draft to export afterwards;
    ``needed`` the fields that draft's template needs (empty: every field); ``all`` asks every field."""

    step: int = 0
    export: int | None = None
    needed: tuple[str, ...] = ()
    all: bool = False
    kind: str = field(default="profile", init=False)


@dataclass(frozen=True)
class ConfirmCancel:
    """"Hủy bản nháp?" asked for ``draft``."""

    draft: int
    kind: str = field(default="cancel", init=False)


@dataclass(frozen=True)
class ConfirmSame:
    """"giống tháng trước": copy the answers of completed draft ``source``?"""

    source: int
    template: str
    kind: str = field(default="same", init=False)


@dataclass(frozen=True)
class RestoreProposal:
    """"Ghi là: «…»?" for the free-text answer at ``path`` of ``draft``: ``raw`` is stored (as typed),
    ``restored`` is its diacritics restored; ``editing`` once the user chose to type a correction."""

    draft: int
    path: str
    raw: str
    restored: str
    editing: bool = False
    kind: str = field(default="restore", init=False)


Pending = ProfileQuestions | ConfirmCancel | ConfirmSame | RestoreProposal
_KINDS: dict[str, type] = {"profile": ProfileQuestions, "cancel": ConfirmCancel, "same": ConfirmSame,
                           "restore": RestoreProposal}
# Names used by earlier versions of the stored flow.
_OLD_KEYS = {"session": "draft", "from": "source"}


@dataclass
class UserPlace:
    """The decoded ``UserState.pending``: whether the user was welcomed, and the pending flow."""

    welcomed: bool = False
    flow: Pending | None = None


def _flow(data: Any) -> Pending | None:
    if not isinstance(data, dict):
        return None
    cls = _KINDS.get(str(data.get("kind")))
    if cls is None:
        return None
    values = {_OLD_KEYS.get(k, k): v for k, v in data.items() if k != "kind"}
    names = {f for f in cls.__dataclass_fields__ if f != "kind"}
    values = {k: v for k, v in values.items() if k in names}
    if "needed" in values:
        values["needed"] = tuple(values["needed"] or ())
    try:
        return cls(**values)
    except (TypeError, ValueError):
        return None


def load(raw: Any) -> UserPlace:
    """The user's place from the stored JSON value (None or anything odd: a new user)."""
    if not isinstance(raw, dict):
        return UserPlace()
    return UserPlace(bool(raw.get("welcomed")), _flow(raw.get("flow")))


def dump(place: UserPlace) -> dict[str, Any]:
    """The JSON value to store."""
    data: dict[str, Any] = {"welcomed": place.welcomed}
    if place.flow is not None:
        flow = asdict(place.flow)
        if "needed" in flow:
            flow["needed"] = list(flow["needed"])
        data["flow"] = flow
    return data
