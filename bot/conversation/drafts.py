"""Drafts: start a form, list and resume drafts, pause, cancel (after a confirmation), reminders.

Leaving a draft (pause, cancel, switching to another form or draft) first stores the acknowledged
paragraphs of a long answer (:meth:`Ctx.flush`), so nothing the bot acknowledged is lost.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from bot import texts
from bot.conversation import views
from bot.conversation.actions import Confirm, ResumeDraft, StartForm
from bot.conversation.context import OPEN, Ctx
from bot.conversation.intents import template_reference
from bot.conversation.messages import Choice, Outgoing
from bot.conversation.pending import ConfirmCancel
from bot.reminders import next_deadline, reminder_time
from forms.session import FormSession
from vntext.clock import to_vn
from vntext.formatting import format_date
from vntext.text import fold

MAX_LISTED = 5  # drafts named in a greeting


# ---- what tells drafts apart: progress, first answer, when it last changed ----------------------------
@dataclass(frozen=True)
class DraftInfo:
    """One open draft as the user sees it in lists and greetings."""

    row: Any
    title: str
    answered: int
    total: int
    first: str | None
    empty: bool  # never answered: nothing worth keeping


def changed_at(moment: dt.datetime, now: dt.datetime) -> str:
    """"16:05 ngày 3/12" in Vietnam time (with the year when it is not this year's)."""
    local, today = to_vn(moment), to_vn(now)
    year = "" if local.year == today.year else f"/{local.year}"
    return texts.CHANGED_AT.format(hour=local.hour, minute=local.minute, day=local.day, month=local.month, year=year)


def info(ctx: Ctx, row: Any) -> DraftInfo | None:
    """The draft's title, progress and first answer (None when its template is gone)."""
    template = ctx.svc.template(row.template_id, row.template_version)
    if template is None:
        return None
    form = ctx.form() if row.id == ctx.active_id and ctx.draft() is not None else None
    form = form or FormSession.from_json(template, row.state_json)
    answered, total = form.progress()
    # never answered: no answer, and nothing being collected (a long text, a table row half typed)
    empty = not form.answers and not form.pending_text and not any(form.state.pending.values())
    return DraftInfo(row, views.draft_title(ctx, row), answered, total, None if empty else form.first_answer(), empty)


def describe(ctx: Ctx, item: DraftInfo) -> str:
    """"Mẫu 2 «Hệ thống một cửa» — đã trả lời 3/17 câu, sửa lúc 16:05 ngày 3/12"."""
    first = texts.DRAFT_FIRST.format(first=item.first) if item.first else ""
    return texts.DRAFT_DESCRIPTION.format(title=item.title, first=first, answered=item.answered, total=item.total,
                                          changed=changed_at(item.row.updated_at, ctx.svc.now()))


def open_drafts(ctx: Ctx) -> list[DraftInfo]:
    """The user's open drafts that hold an answer (never-answered ones are not listed), most recently
    changed first."""
    found = []
    for row in ctx.store.list_sessions(ctx.user_id, statuses=OPEN):
        item = info(ctx, row)
        if item is not None and not item.empty:
            found.append(item)
    return found


def resume_choice(ctx: Ctx, item: DraftInfo) -> Choice:
    label = f"{item.title} «{item.first}»" if item.first else item.title
    return Choice(texts.DRAFT_CHOICE.format(title=label), ResumeDraft(item.row.id))


def drop_if_empty(ctx: Ctx, row: Any) -> bool:
    """Delete the draft if it was never answered (True); a draft with any answer is kept."""
    item = info(ctx, row)
    if item is None or not item.empty:
        return False
    deleted = bool(ctx.store.delete_empty_session(ctx.user_id, row.id))
    if deleted:
        ctx.store.audit(ctx.user_id, "drop_empty_draft", session=row.id)
    return deleted


def leave_active(ctx: Ctx, except_id: int | None = None) -> list[Outgoing]:
    """Pause the open draft (its typed text stored first) before another one is opened; say so. A draft
    never answered is deleted instead, silently."""
    row = ctx.draft()
    if row is None or row.id == except_id:
        return []
    notes = ctx.flush()
    if not notes and drop_if_empty(ctx, row):
        ctx.set_active(None)
        return []
    ctx.store.set_session_status(ctx.user_id, row.id, "paused")
    said = texts.SWITCHED_DRAFT.format(title=views.draft_title(ctx, row))
    return [Outgoing("\n".join(notes + [said]))]


def start_requested(ctx: Ctx, template: Any, request: str) -> list[Outgoing]:
    """A form asked for in words: started (with what the words give), or, when several dispatches'
    templates share the name and nothing tells them apart, "which dispatch?" with one choice each."""
    candidates = ctx.svc.ambiguous(request, ctx.dispatch())
    if len(candidates) > 1:
        return [Outgoing(texts.FORM_WHICH_DISPATCH.format(title=views.short_title(template)),
                         [[Choice(texts.FORM_DISPATCH_CHOICE.format(dispatch=t.source.dispatch, title=t.title),
                                  StartForm(t.id))] for t in candidates])]
    return start_form(ctx, template, request=request)


def _restore_prefill(form: FormSession, note: str | None) -> str | None:
    """Text taken from the request typed without diacritics ("mau 2 cho he thong mot cua") goes into a
    signed document: restore it before it is stored (the request itself stays the raw text), and say
    the restored words in the note."""
    from vntext.diacritics import needs_restoring  # the model loads on first use
    from vntext.names import NamedRestorer

    restorer: list[Any] = []
    swaps: dict[str, str] = {}

    def restored(value: Any) -> Any:
        if isinstance(value, str) and needs_restoring(value):
            restorer[:] = restorer or [NamedRestorer()]
            swaps[value] = restorer[0].restore(value)
            return swaps[value]
        if isinstance(value, list):
            return [restored(v) for v in value]
        if isinstance(value, dict):
            return {k: restored(v) for k, v in value.items()}
        return value

    form.state.answers = restored(form.state.answers)
    for typed, fixed in swaps.items():
        note = note.replace(typed, fixed) if note else note
    return note


def start_form(ctx: Ctx, template: Any, prefill: dict[str, Any] | None = None,
               request: str | None = None) -> list[Outgoing]:
    """A new draft of ``template``, made the open one; its first question. ``prefill``: answers to copy;
    ``request``: the user's words that asked for it ("lam bieu 04 nam 2019"): what they already give is
    filled in, said in one line, and not asked."""
    out = leave_active(ctx)
    note = None
    if request and not prefill:
        form, note = FormSession.start_from_text(template, request, reference=to_vn(ctx.svc.now()).date())
        note = _restore_prefill(form, note)
        prefill = form.answers or None
    else:
        form = FormSession.start(template, prefill=prefill)
    prompt = form.prompt()
    row = ctx.store.create_session(ctx.user_id, template.id, str(template.version), form.to_json(),
                                   title=views.short_title(template), current_code=None if prompt.done else prompt.path)
    if prefill:
        changes = [(code, value, request) for code, value in prefill.items()]
        ctx.store.save_step(ctx.user_id, row.id, changes, form.to_json(), None if prompt.done else prompt.path)
        row = ctx.store.get_session(ctx.user_id, row.id)
    ctx.set_active(row, form)
    ctx.store.audit(ctx.user_id, "start_form", template=template.id, session=row.id)
    schedule_reminder(ctx, row, template)
    started = texts.FORM_STARTED.format(title=template.title)
    return out + [Outgoing(f"{started}\n{note}" if note else started), views.question(ctx)]


def resume(ctx: Ctx, draft_id: int, extra: str = "") -> list[Outgoing]:
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
    item = info(ctx, row)
    title = describe(ctx, item) if item is not None else views.draft_title(ctx, row)
    return out + [Outgoing(texts.FORM_RESUMED.format(title=title) + extra), views.question(ctx)]


def list_drafts(ctx: Ctx) -> list[Outgoing]:
    """/nhap: each open draft with its template, progress, first answer and when it last changed."""
    items = open_drafts(ctx)
    if not items:
        return [Outgoing(texts.NO_DRAFTS)]
    lines = [texts.DRAFTS_HEADER]
    for item in items:
        mark = texts.STATUS_OPEN_SUFFIX if item.row.id == ctx.active_id else ""
        lines.append(texts.DRAFT_ITEM.format(number=item.row.id, description=describe(ctx, item), open=mark))
    return [Outgoing("\n".join(lines), [[resume_choice(ctx, item)] for item in items])]


def greet_drafts(ctx: Ctx) -> list[Outgoing]:
    """On return (/start, "chào"): the open drafts, each with a choice to resume it; [] when none."""
    items = open_drafts(ctx)
    if not items:
        return []
    lines = [texts.RETURN_DRAFTS.format(count=len(items))]
    lines += [texts.DRAFT_LINE.format(description=describe(ctx, item)) for item in items[:MAX_LISTED]]
    return [Outgoing("\n".join(lines), [[resume_choice(ctx, item)] for item in items[:MAX_LISTED]])]


def resume_command(ctx: Ctx, arg: str | None) -> list[Outgoing]:
    """/tiep 3, /tiep mẫu 2, "làm tiếp mẫu 2 dang dở hôm qua", "tiếp tục biểu 04": the matching open draft
    (the most recently changed one of the named template), never a new empty one."""
    number = re.fullmatch(r"\s*(?:so\s*)?(\d+)\s*", fold(arg or ""))
    if number:
        return resume(ctx, int(number.group(1)))
    items = open_drafts(ctx)
    template = ctx.resolve(template_reference(arg) or arg) if (arg or "").strip() else None
    if template is not None:
        items = [i for i in items if i.row.template_id == template.id]
        if not items:
            return [Outgoing(texts.NO_DRAFT_OF.format(title=views.short_title(template)),
                             [[Choice(texts.BTN_START_NEW, StartForm(template.id))]])]
    if not items:
        return [Outgoing(texts.NO_DRAFTS)]
    extra = texts.OTHER_DRAFTS.format(count=len(items) - 1) if len(items) > 1 else ""
    return resume(ctx, items[0].row.id, extra=extra)


def pause(ctx: Ctx) -> list[Outgoing]:
    row = ctx.draft()
    if row is None:
        return [Outgoing(texts.NO_ACTIVE_FORM)]
    notes = ctx.flush()
    if not notes and drop_if_empty(ctx, row):
        ctx.set_active(None)
        return [Outgoing(texts.PAUSED_EMPTY.format(title=views.draft_title(ctx, row)))]
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
    asked = cancel_question(ctx, row)
    return [Outgoing("\n".join(notes + [asked.text]), asked.choices)]


def cancel_question(ctx: Ctx, row: Any) -> Outgoing:
    """"Hủy bản nháp …?" with its two choices."""
    return Outgoing(texts.CANCEL_CONFIRM.format(title=views.draft_title(ctx, row)),
                    [[Choice(texts.BTN_CANCEL_YES, Confirm("cancel", True), "confirm"),
                      Choice(texts.BTN_CANCEL_NO, Confirm("cancel", False), "confirm")]])


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
