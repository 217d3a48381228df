""""giống tháng trước": a new draft prefilled from the last completed one, after a confirmation.

Answers to questions that name the reporting period (dates, months, periods, years) are not copied:
they must be entered again.
"""

from __future__ import annotations

import re
from typing import Any

from bot import texts
from bot.conversation import drafts, views
from bot.conversation.actions import Confirm
from bot.conversation.context import Ctx
from bot.conversation.intents import Intent
from bot.conversation.messages import Choice, Outgoing
from bot.conversation.pending import ConfirmSame
from forms.session import FormSession, field_code
from vntext.formatting import format_date

# Field types whose earlier value must be entered again (they name the period).
REENTER_TYPES = frozenset({"date", "month", "period", "year_range", "year"})
MAX_SHOWN = 80
MAX_MESSAGE = 3900


def _field_info(template: Any, code: str) -> tuple[str, str | None]:
    """(label, field type) of an answer code; a section's title and None for a repeated section."""
    try:
        f = template.field(field_code(code))
        return f.label, f.type
    except KeyError:
        try:
            return template.section(code).title, None
        except KeyError:
            return "", None


def _flatten(template: Any, answers: dict[str, Any]) -> list[tuple[str, Any]]:
    """Answers as (path, value) pairs, repeated sections opened up ("HTTT[1].I.2")."""
    items: list[tuple[str, Any]] = []
    for code, value in answers.items():
        try:
            repeated = template.section(code).repeat is not None
        except KeyError:
            repeated = False
        if repeated and isinstance(value, list):
            for i, instance in enumerate(value, 1):
                items.extend((f"{code}[{i}].{inner}", v) for inner, v in (instance or {}).items())
        else:
            items.append((code, value))
    return items


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return texts.SAME_LIST_VALUE.format(count=len(value))
    text = str(value)
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN - 3] + "…"


def offer(ctx: Ctx, intent: Intent) -> list[Outgoing]:
    """The answers that would be copied, and "use them?"."""
    named = ctx.svc.resolve(intent.text) if re.search(r"\d", intent.text) else None
    if named is not None:
        last = ctx.store.last_completed_session(ctx.user_id, named.id)
    else:
        done = ctx.store.list_sessions(ctx.user_id, statuses=("completed",))
        last = done[0] if done else None
    template = _version_of(ctx, last) if last is not None else None
    if last is None or template is None:
        which = texts.SAME_WHICH.format(title=views.short_title(named)) if named is not None else ""
        return [Outgoing(texts.SAME_NO_PREVIOUS.format(which=which))]
    answers = FormSession.from_json(template, last.state_json).answers
    lines = [texts.SAME_DIFF_HEADER.format(title=views.short_title(template),
                                           date=format_date(last.completed_at or last.updated_at))]
    for code, value in _flatten(template, answers):
        label, ftype = _field_info(template, code)
        item = texts.SAME_DIFF_REENTER if ftype in REENTER_TYPES else texts.SAME_DIFF_ITEM
        lines.append(item.format(code=code, label=label, value=_shown(value)))
    ctx.set_flow(ConfirmSame(last.id, last.template_id))
    return [Outgoing("\n".join(lines)[:MAX_MESSAGE]), confirm_question()]


def confirm_question() -> Outgoing:
    """"Dùng các câu trả lời trên cho báo cáo mới?" with its two choices."""
    return Outgoing(texts.SAME_CONFIRM, [[Choice(texts.BTN_YES, Confirm("same", True), "confirm"),
                                          Choice(texts.BTN_NO, Confirm("same", False), "confirm")]])


def confirm(ctx: Ctx, flow: ConfirmSame, yes: bool) -> list[Outgoing]:
    ctx.set_flow(None)
    if not yes:
        return [Outgoing(texts.SAME_DECLINED)]
    last = ctx.store.get_session(ctx.user_id, flow.source)
    earlier = _version_of(ctx, last) if last is not None else None
    template = ctx.svc.template(last.template_id) if last is not None else None  # the current version
    if last is None or earlier is None or template is None:
        return drafts.stale(ctx)
    answers = FormSession.from_json(earlier, last.state_json).answers
    prefill = {c: v for c, v in answers.items()
               if _known(template, c) and _field_info(template, c)[1] not in REENTER_TYPES}
    return [Outgoing(texts.SAME_CREATED)] + drafts.start_form(ctx, template, prefill=prefill)


def _version_of(ctx: Ctx, row: Any) -> Any | None:
    """The template version the earlier report was filled with (its answers are read with it); the
    current version when that one is no longer stored."""
    return ctx.svc.template(row.template_id, row.template_version) or ctx.svc.template(row.template_id)


def _known(template: Any, code: str) -> bool:
    """Whether ``code`` (a field or a repeated section) still exists in ``template``."""
    return _field_info(template, code) != ("", None)
