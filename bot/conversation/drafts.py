"""Drafts: start a form, list and resume drafts, pause, cancel (after a confirmation), reminders.

Leaving a draft (pause, cancel, switching to another form or draft) first stores the acknowledged
paragraphs of a long answer (:meth:`Ctx.flush`), so nothing the bot acknowledged is lost.
"""

from __future__ import annotations

import re
from typing import Any

from bot import texts
from bot.conversation import views
from bot.conversation.actions import Confirm, ResumeDraft
from bot.conversation.context import OPEN, Ctx
from bot.conversation.messages import Choice, Outgoing
from bot.conversation.pending import ConfirmCancel
from bot.reminders import next_deadline, reminder_time
from forms.session import FormSession
from vntext.clock import to_vn
from vntext.formatting import format_date, format_datetime


def leave_active(ctx: Ctx, except_id: int | None = None) -> list[Outgoing]:
    """Pause the open draft (its typed text stored first) before another one is opened; say so."""
    row = ctx.draft()
    if row is None or row.id == except_id:
        return []
    notes = ctx.flush()
    ctx.store.set_session_status(ctx.user_id, row.id, "paused")
    said = texts.SWITCHED_DRAFT.format(title=views.draft_title(ctx, row))
    return [Outgoing("\n".join(notes + [said]))]


def start_form(ctx: Ctx, template: Any, prefill: dict[str, Any] | None = None) -> list[Outgoing]:
    """A new draft of ``template`` (optionally prefilled), made the open one; its first question."""
    out = leave_active(ctx)
    form = FormSession.start(template, prefill=prefill)
    prompt = form.prompt()
    row = ctx.store.create_session(ctx.user_id, template.id, str(template.version), form.to_json(),
                                   title=views.short_title(template), current_code=None if prompt.done else prompt.path)
    if prefill:
        changes = [(code, value, None) for code, value in prefill.items()]
        ctx.store.save_step(ctx.user_id, row.id, changes, form.to_json(), None if prompt.done else prompt.path)
        row = ctx.store.get_session(ctx.user_id, row.id)
    ctx.set_active(row, form)
    ctx.store.audit(ctx.user_id, "start_form", template=template.id, session=row.id)
    schedule_reminder(ctx, row, template)
    return out + [Outgoing(texts.FORM_STARTED.format(title=template.title)), views.question(ctx)]


def resume(ctx: Ctx, draft_id: int) -> list[Outgoing]:
    row = ctx.store.get_session(ctx.user_id, draft_id)
    if row is None or ctx.svc.template(row.template_id, row.template_version) is None:
        return [Outgoing(texts.DRAFT_NOT_FOUND.format(number=draft_id))]
    if row.status == "completed":
        return [Outgoing(texts.DRAFT_FINISHED.format(title=views.draft_title(ctx, row)))]
    if row.status == "cancelled":
        return [Outgoing(texts.DRAFT_CANCELLED)]
    out = leave_active(ctx, except_id=row.id)
    if row.status != "active":
        row = ctx.store.set_session_status(ctx.user_id, row.id, "active")
    ctx.set_active(row)
    ctx.store.audit(ctx.user_id, "resume", session=row.id)
    return out + [Outgoing(texts.FORM_RESUMED.format(title=views.draft_title(ctx, row))), views.question(ctx)]


def list_drafts(ctx: Ctx) -> list[Outgoing]:
    rows = ctx.store.list_sessions(ctx.user_id, statuses=OPEN)
    if not rows:
        return [Outgoing(texts.NO_DRAFTS)]
    lines = [texts.DRAFTS_HEADER]
    choices = []
    for row in rows:
        status = texts.STATUS_NAMES.get(row.status, row.status)
        if row.id == ctx.active_id:
            status += texts.STATUS_OPEN_SUFFIX
        title = views.draft_title(ctx, row)
        lines.append(texts.DRAFT_ITEM.format(number=row.id, title=title, status=status,
                                             updated=format_datetime(row.updated_at)))
        choices.append([Choice(texts.DRAFT_CHOICE.format(number=row.id, title=title), ResumeDraft(row.id))])
    return [Outgoing("\n".join(lines), choices)]


def resume_command(ctx: Ctx, arg: str | None) -> list[Outgoing]:
    match = re.search(r"\d+", arg or "")
    if not match:
        return [Outgoing(texts.DRAFT_ASK_NUMBER)] + list_drafts(ctx)
    return resume(ctx, int(match.group(0)))


def pause(ctx: Ctx) -> list[Outgoing]:
    row = ctx.draft()
    if row is None:
        return [Outgoing(texts.NO_ACTIVE_FORM)]
    notes = ctx.flush()
    ctx.store.set_session_status(ctx.user_id, row.id, "paused")
    ctx.set_active(None)
    ctx.store.audit(ctx.user_id, "pause", session=row.id)
    said = texts.PAUSED.format(title=views.draft_title(ctx, row), number=row.id)
    return [Outgoing("\n".join(notes + [said]), [[Choice(texts.BTN_CONTINUE, ResumeDraft(row.id))]])]


def ask_cancel(ctx: Ctx) -> list[Outgoing]:
    row = ctx.draft()
    if row is None:
        return [Outgoing(texts.NO_ACTIVE_FORM)]
    notes = ctx.flush()  # kept even if the user then says "giữ lại"
    ctx.set_flow(ConfirmCancel(row.id))
    said = texts.CANCEL_CONFIRM.format(title=views.draft_title(ctx, row))
    return [Outgoing("\n".join(notes + [said]), [[Choice(texts.BTN_CANCEL_YES, Confirm("cancel", True), "confirm"),
                                                   Choice(texts.BTN_CANCEL_NO, Confirm("cancel", False), "confirm")]])]


def confirm_cancel(ctx: Ctx, flow: ConfirmCancel, yes: bool) -> list[Outgoing]:
    ctx.set_flow(None)
    row = ctx.store.get_session(ctx.user_id, flow.draft)
    if row is None or row.status not in OPEN:
        return stale(ctx)
    if not yes:
        return views.reask(ctx, [Outgoing(texts.CANCEL_KEPT)])
    ctx.store.set_session_status(ctx.user_id, row.id, "cancelled")
    ctx.store.cancel_reminders(row.id)
    if ctx.active_id == row.id:
        ctx.set_active(None)
    ctx.store.audit(ctx.user_id, "cancel", session=row.id)
    return [Outgoing(texts.CANCELLED.format(title=views.draft_title(ctx, row)))]


def stale(ctx: Ctx) -> list[Outgoing]:
    """A choice from an old message: say so, and ask the open question again."""
    if ctx.draft() is None:
        return [Outgoing(texts.STALE_BUTTON_IDLE)]
    return [Outgoing(texts.STALE_BUTTON), views.question(ctx)]


def pressed_draft(ctx: Ctx, draft_id: int) -> list[Outgoing] | None:
    """None when a choice's draft is the open one; else the reply explaining why it cannot act."""
    row = ctx.store.get_session(ctx.user_id, draft_id)
    if row is None:
        return stale(ctx)
    if row.status == "completed":
        return [Outgoing(texts.DRAFT_FINISHED.format(title=views.draft_title(ctx, row)))]
    if row.status == "cancelled":
        return [Outgoing(texts.DRAFT_CANCELLED)]
    return stale(ctx) if row.id != ctx.active_id or ctx.draft() is None else None


def schedule_reminder(ctx: Ctx, row: Any, template: Any) -> None:
    """One reminder before the next deadline of the template's dispatch (kept in the database)."""
    source = getattr(template, "source", None)
    if source is None:
        return
    dispatch = ctx.svc.knowledge.dispatch(source.dispatch)
    now = ctx.svc.now()
    upcoming = next_deadline(dispatch, to_vn(now).date()) if dispatch is not None else None
    due = reminder_time(upcoming.date, now) if upcoming is not None else None
    if due is None:
        return
    message = texts.REMINDER.format(title=views.draft_title(ctx, row),
                                    so_hieu=getattr(dispatch, "so_hieu", source.dispatch),
                                    deadline=f"{upcoming.text} ({format_date(upcoming.date)})".strip(),
                                    number=row.id)
    ctx.store.add_reminder(ctx.user_id, due, message, session_id=row.id)


def due_reminders(svc: Any, channel: str) -> list[tuple[str, Outgoing]]:
    """Reminders due now for users of ``channel``, each claimed by one worker only (marked sent as it is
    read, see ``Store.claim_due_reminders``); (channel user id, message) pairs."""
    out: list[tuple[str, Outgoing]] = []
    for reminder in svc.store.claim_due_reminders(svc.now(), channel=channel):
        user = svc.store.get_user(reminder.user_id)
        if user is None:
            continue
        choices = [[Choice(texts.BTN_CONTINUE, ResumeDraft(reminder.session_id))]] if reminder.session_id else []
        out.append((user.channel_user_id, Outgoing(reminder.message, choices)))
    return out
