"""Asking the agency profile, one question at a time.

The profile (cơ quan chủ quản, cơ quan, ký hiệu, địa danh, người ký, chức vụ, nơi nhận) is asked once,
when a document first needs it, and again on /hoso sua. The flow's position lives in the user's
``pending`` state ({"kind": "profile", "step": i, "export": session_id | None}); every answer is saved to
the profile immediately, so nothing is lost if the user stops half-way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot import texts
from storage.models import PROFILE_FIELDS

# The profile's fields and their order come from the storage model, the single source of the schema.
FIELDS: tuple[str, ...] = PROFILE_FIELDS
OPTIONAL: frozenset[str] = frozenset({"co_quan_chu_quan"})
MAX_LEN = 300


@dataclass(frozen=True)
class ProfileAnswer:
    """Outcome of one profile input: the value to save (or None when skipped) or an error text."""

    field: str
    value: Any = None
    skipped: bool = False
    error: str | None = None


def question(step: int) -> str:
    """The question for step ``step`` with its position."""
    name = FIELDS[step]
    return f"({step + 1}/{len(FIELDS)}) {texts.PROFILE_QUESTIONS[name]}"


def parse(step: int, text: str, skip: bool = False) -> ProfileAnswer:
    """Check one answer for profile step ``step``."""
    name = FIELDS[step]
    if skip:
        if name in OPTIONAL:
            return ProfileAnswer(name, None, skipped=True)
        return ProfileAnswer(name, error=texts.PROFILE_REQUIRED)
    value = " ".join(text.split()) if name != "noi_nhan" else text.strip()
    if not value:
        return ProfileAnswer(name, error=texts.PROFILE_REQUIRED)
    if len(value) > MAX_LEN:
        return ProfileAnswer(name, error=f"Quá dài (tối đa {MAX_LEN} ký tự).")
    if name == "noi_nhan":
        parts = [p.strip(" -•\t") for chunk in value.splitlines() for p in chunk.split(";")]
        return ProfileAnswer(name, [p for p in parts if p])
    return ProfileAnswer(name, value)


def missing(profile: dict[str, Any] | None, needed: tuple[str, ...] | list[str] = FIELDS) -> list[str]:
    """Required profile fields (of those ``needed``) that have no value yet."""
    profile = profile or {}
    return [f for f in FIELDS if f in needed and f not in OPTIONAL and not profile.get(f)]


def describe(profile: dict[str, Any] | None) -> str:
    """The profile as lines "Label: value" for /hoso."""
    if not profile or not any(profile.get(f) for f in FIELDS):
        return texts.PROFILE_EMPTY
    lines = []
    for name in FIELDS:
        value = profile.get(name)
        if isinstance(value, list):
            value = "; ".join(value)
        lines.append(f"• {texts.PROFILE_LABELS[name]}: {value or '—'}")
    return texts.PROFILE_SHOW.format(lines="\n".join(lines))
