"""The agency profile, asked one question at a time (when a document first needs it, and on /hoso sua).

The fields and their order come from the storage model (``storage.models.PROFILE_FIELDS``, the one
profile model; the renderer reads the same names). An export asks only the required fields its
template needs; /hoso sua asks every field. Each answer is saved at once, so stopping half-way
loses nothing; the position is a :class:`~bot.conversation.pending.ProfileQuestions` flow.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from bot import texts
from bot.conversation import views
from bot.conversation.actions import EditProfile
from bot.conversation.context import AUDIT_TEXT_MAX, OPEN, Ctx
from bot.conversation.messages import Choice, Outgoing
from bot.conversation.pending import ProfileQuestions
from forms.render.signing import parse_authority
from storage.models import PROFILE_FIELDS
from vntext.text import fold, normalize_space

FIELDS: tuple[str, ...] = PROFILE_FIELDS
# Asked on an export only when /hoso sua asks everything: the head of the page works without them.
OPTIONAL: frozenset[str] = frozenset({"co_quan_chu_quan", "tham_quyen", "ky_thay", "nguoi_lien_he", "dien_thoai",
                                      "email"})
MAX_LEN = 300
DISPATCH_HEAD_LINES = 25  # a dispatch's letterhead and "<place>, ngày …" line are in its first lines
# Fields printed as words in the document (restored when typed without diacritics); not codes or addresses.
RESTORED_FIELDS: frozenset[str] = frozenset({"co_quan_chu_quan", "co_quan", "dia_danh", "nguoi_ky", "chuc_vu",
                                             "ky_thay", "noi_nhan", "nguoi_lien_he"})


@dataclass(frozen=True)
class ProfileAnswer:
    """One profile input checked: the value to save (None when skipped) or an error text."""

    field: str
    value: Any = None
    error: str | None = None


def asked(flow: ProfileQuestions) -> tuple[str, ...]:
    """The fields this flow walks through, in order."""
    if flow.all:
        return FIELDS
    return tuple(f for f in FIELDS if f not in OPTIONAL or f == "co_quan_chu_quan")


def question(flow: ProfileQuestions) -> str:
    fields = asked(flow)
    name = fields[flow.step]
    return f"({flow.step + 1}/{len(fields)}) {texts.PROFILE_QUESTIONS[name]}"


def parse(name: str, text: str, skip: bool = False) -> ProfileAnswer:
    """Check one answer for profile field ``name``."""
    if skip:
        return ProfileAnswer(name) if name in OPTIONAL else ProfileAnswer(name, error=texts.PROFILE_REQUIRED)
    value = text.strip() if name == "noi_nhan" else normalize_space(text)
    if not value:
        return ProfileAnswer(name, error=texts.PROFILE_REQUIRED)
    if len(value) > MAX_LEN:
        return ProfileAnswer(name, error=texts.PROFILE_TOO_LONG.format(limit=MAX_LEN))
    if name == "noi_nhan":
        parts = [p.strip(" -•\t") for chunk in value.splitlines() for p in chunk.split(";")]
        return ProfileAnswer(name, [p for p in parts if p])
    if name == "tham_quyen":
        code = _authority(value)
        if code is None:
            return ProfileAnswer(name, error=texts.PROFILE_BAD_AUTHORITY)
        return ProfileAnswer(name, code)
    return ProfileAnswer(name, value)


# The numbered capacities of the question, in its order (texts.PROFILE_QUESTIONS["tham_quyen"]).
AUTHORITY_ORDER = ("", "KT", "TM", "TL", "TUQ", "Q")


def _authority(value: str) -> str | None:
    """The capacity typed: its number in the question, a code ("KT", "t.m."), or words as a clerk says
    them ("thủ trưởng ký", "cấp phó ký thay"); None when it is none of them."""
    key = " ".join(fold(value).strip(" .").split())
    if key.isdigit():
        return AUTHORITY_ORDER[int(key) - 1] if 1 <= int(key) <= len(AUTHORITY_ORDER) else None
    code = parse_authority(value)
    if code:
        return code
    if key in ("khong", "khong co") or key.startswith("thu truong"):
        return ""
    if "ky thay" in key:
        return "KT"
    return None


def values(ctx: Ctx) -> dict[str, Any]:
    row = ctx.store.get_profile(ctx.user_id)
    return {name: getattr(row, name, None) for name in FIELDS} if row is not None else {}


def missing(profile: dict[str, Any], needed: tuple[str, ...]) -> list[str]:
    """Required profile fields (of those the template ``needed``) that have no value yet."""
    return [f for f in FIELDS if f in needed and f not in OPTIONAL and not profile.get(f)]


PERSON_FIELDS = frozenset({"nguoi_ky", "nguoi_lien_he"})


def formal_person(name: str) -> str:
    """A person as the bot names them in official wording: "Anh Tiến" → "ông Tiến", "chị Lan" → "bà Lan"."""
    words = name.split()
    if len(words) < 2:
        return name
    formal = texts.FORMAL_ADDRESS.get(fold(words[0]).rstrip("."))
    if formal is None:
        return name
    return " ".join(([formal] if formal else []) + words[1:])


def describe(profile: dict[str, Any]) -> str:
    if not any(profile.get(f) for f in FIELDS):
        return texts.PROFILE_EMPTY
    lines = []
    for name in FIELDS:
        value = profile.get(name)
        if isinstance(value, list):
            value = "; ".join(value)
        elif isinstance(value, str) and name in PERSON_FIELDS:
            value = formal_person(value)
        lines.append(f"• {texts.PROFILE_LABELS[name]}: {value or '—'}")
    return texts.PROFILE_SHOW.format(lines="\n".join(lines))


def begin(ctx: Ctx, flow: ProfileQuestions) -> list[Outgoing]:
    ctx.set_flow(flow)
    return [Outgoing(texts.PROFILE_INTRO), Outgoing(question(flow))]


def for_export(ctx: Ctx, draft_id: int, needed: tuple[str, ...]) -> list[Outgoing] | None:
    """The questions still needed before ``draft_id`` can be exported (None: the profile is enough)."""
    profile = values(ctx)
    gaps = missing(profile, needed)
    if not gaps:
        return None
    flow = ProfileQuestions(export=draft_id, needed=needed)
    start = 0 if not any(profile.values()) else asked(flow).index(gaps[0])
    return begin(ctx, replace(flow, step=start))


def command(ctx: Ctx, arg: str | None) -> list[Outgoing]:
    """/hoso: show the profile; /hoso sua (or an empty profile): ask every field."""
    profile = values(ctx)
    if fold(arg or "").startswith("sua") or not any(profile.values()):
        return begin(ctx, ProfileQuestions(all=True))
    return [Outgoing(describe(profile), [[Choice(texts.BTN_EDIT_PROFILE, EditProfile())]])]


def reask(ctx: Ctx, flow: ProfileQuestions, short: bool = False) -> list[Outgoing]:
    """The pending profile question again (``short``: after a side question, nothing stored)."""
    return [Outgoing(f"{texts.REASK_PROFILE if short else texts.SMALL_TALK_PROFILE}\n{question(flow)}")]


def resumed(ctx: Ctx, flow: ProfileQuestions) -> list[Outgoing]:
    return [Outgoing(texts.PROFILE_RESUMED), Outgoing(question(flow))]


def stop(ctx: Ctx) -> list[Outgoing]:
    ctx.set_flow(None)
    return views.reask(ctx, [Outgoing(texts.PROFILE_STOPPED)])


def _with_diacritics(ctx: Ctx, parsed: ProfileAnswer) -> tuple[Any, str | None]:
    """The value to store: words typed without diacritics ("SO THONG TIN VA TRUYEN THONG", "Giam doc")
    are printed in every document's head and signature, so they are stored restored (the typed text
    stays in the audit log) and the reply says what was stored. Codes, numbers and addresses are kept."""
    if parsed.field not in RESTORED_FIELDS or parsed.value is None:
        return parsed.value, None
    from vntext.diacritics import needs_restoring  # the model loads on first use

    items = parsed.value if isinstance(parsed.value, list) else [parsed.value]
    if not any(isinstance(v, str) and needs_restoring(v) for v in items):
        return parsed.value, None
    from vntext.names import NamedRestorer

    restorer = NamedRestorer(names=_known_names(ctx))
    fixed = [restorer.restore(v) if isinstance(v, str) and needs_restoring(v) else v for v in items]
    if fixed == items:
        return parsed.value, None
    ctx.store.audit(ctx.user_id, "profile_diacritics", field=parsed.field, raw="; ".join(items)[:AUDIT_TEXT_MAX])
    value = fixed if isinstance(parsed.value, list) else fixed[0]
    return value, texts.PROFILE_RESTORED.format(label=texts.PROFILE_LABELS[parsed.field], value="; ".join(fixed))


def _known_names(ctx: Ctx) -> list[str]:
    """Accented names the product knows besides the shipped ones (``vntext.names``), as context and names
    for restoring a profile value: every dispatch's issuer, recipients, signer and subject, the head of a dispatch kept
    as plain text (its place and date line), and the profile's own accented values."""
    from bot.conversation.restoring import plain_text
    from vntext.diacritics import needs_restoring

    found: list[str] = [str(v) for v in values(ctx).values() if isinstance(v, str)]
    listing = getattr(ctx.svc.knowledge, "dispatches", None)  # a bare knowledge link may not list them
    for d in listing() if listing is not None else []:
        found += [d.issuer, d.subject, *d.recipients, d.signer or "", d.signer_position or ""]
        found += plain_text(getattr(d, "source_path", "")).splitlines()[:DISPATCH_HEAD_LINES]
    return [t for t in found if t and t.strip() and not needs_restoring(t)]


def answer(ctx: Ctx, flow: ProfileQuestions, text: str, skip: bool = False) -> list[Outgoing]:
    """One answer: saved before the reply; then the next needed question, or what the flow was for."""
    fields = asked(flow)
    step = min(flow.step, len(fields) - 1)
    parsed = parse(fields[step], text, skip=skip)
    if parsed.error:
        return [Outgoing(parsed.error), Outgoing(question(flow))]
    value, restored_note = _with_diacritics(ctx, parsed)
    ctx.store.save_profile(ctx.user_id, **{parsed.field: value})  # committed before the reply
    profile = values(ctx)
    notes = [Outgoing(restored_note)] if restored_note else []
    nxt = step + 1
    if not flow.all:
        while nxt < len(fields) and (profile.get(fields[nxt]) or fields[nxt] in OPTIONAL
                                     or (flow.needed and fields[nxt] not in flow.needed)):
            nxt += 1
    if nxt < len(fields):
        ctx.set_flow(replace(flow, step=nxt))
        return notes + [Outgoing(question(replace(flow, step=nxt)))]
    ctx.set_flow(None)
    ctx.store.audit(ctx.user_id, "profile_saved")
    out = notes + [Outgoing(f"{texts.PROFILE_SAVED}\n{describe(profile)}")]
    if flow.export:
        row = ctx.store.get_session(ctx.user_id, flow.export)
        if row is not None and row.status in OPEN and row.id == ctx.active_id:
            from bot.conversation.exporting import export

            return out + export(ctx)
    return views.reask(ctx, out)
