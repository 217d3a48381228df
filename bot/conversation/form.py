"""The open form: answers, engine commands, choices pressed, side questions and small talk.

Every input reaches the draft through :class:`forms.session.FormSession` (one vocabulary with the
engine, :mod:`forms.commands`); the step is committed (:meth:`Ctx.save`) before the reply is built.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot import texts
from bot.conversation import drafts, views
from bot.conversation.actions import Confirm, EngineCommand, PickOption, token
from bot.conversation.context import AUDIT_TEXT_MAX, Ctx
from bot.conversation.exporting import export
from bot.conversation.intents import CONFIRM_NO, CONFIRM_YES, FREE_TEXT_TYPES, Intent, strip_question_marker
from bot.conversation.messages import Choice, Outgoing
from bot.conversation.pending import RestoreProposal
from forms import commands
from forms.engine.state import get_value
from forms.session import Step, field_code
from vntext.text import clean_user_text, word_key

# Commands the bot itself runs for an open draft (the engine's own answer would skip a confirmation).
BOT_COMMANDS = frozenset({"pause", "cancel"})


def _out(ctx: Ctx, step: Step) -> list[Outgoing]:
    if step.error:
        return [Outgoing("\n".join([*step.replies, step.error])), views.question(ctx)]
    return views.after_step(ctx, step.replies)


def answer(ctx: Ctx, intent: Intent) -> list[Outgoing]:
    """Typed text: an answer to the current question (or a command word the engine takes in context)."""
    form = ctx.form()
    assert form is not None
    at_end = form.prompt().done
    step = form.answer(intent.text)
    ctx.save(step, raw=intent.text, at_end=at_end)
    return propose_restoration(ctx, step) or _out(ctx, step)


def command(ctx: Ctx, name: str, arg: str | None = None) -> list[Outgoing]:
    """A command of the shared vocabulary on the open draft."""
    if name == "pause":
        return drafts.pause(ctx)
    if name == "cancel":
        return drafts.ask_cancel(ctx)
    form = ctx.form()
    if form is None:
        return [Outgoing(texts.NO_ACTIVE_FORM)]
    was_done = form.prompt().done
    step = form.command(name, arg)
    ctx.save(step)
    if not step.error and form.prompt().done and (name == "finish" or (name == "done" and was_done)):
        return export(ctx)
    if name == "review" and not step.error:
        return [Outgoing(step.reply), views.question(ctx)]
    proposal = propose_restoration(ctx, step) if name == "done" else None  # a long answer stored by /xong
    return proposal or _out(ctx, step)


def press(ctx: Ctx, action: EngineCommand | PickOption) -> list[Outgoing]:
    """An engine choice pressed: acts only if it belongs to the question now open."""
    blocked = drafts.pressed_draft(ctx, action.draft)
    if blocked is not None:
        return blocked
    form = ctx.form()
    assert form is not None
    prompt = form.prompt()
    if action.token != token(prompt.path):
        return drafts.stale(ctx)
    if isinstance(action, PickOption):
        if not 1 <= action.index <= len(prompt.choices):
            return drafts.stale(ctx)
        choice = prompt.choices[action.index - 1]
        return command(ctx, choice.command, choice.arg)
    offered = {(c.command, c.arg) for c in prompt.choices}
    if (action.name, action.arg) not in offered and action.name not in BOT_COMMANDS | {"back"}:
        return drafts.stale(ctx)
    return command(ctx, action.name, action.arg)


def side_question(ctx: Ctx, intent: Intent) -> list[Outgoing]:
    """A question asked during a form: the template's help for a named field/column, else the knowledge base."""
    form = ctx.form()
    assert form is not None
    found = form.field_help(intent.text)
    if found is not None and (found.help or found.source):
        lines = [texts.FIELD_HELP_HEADER.format(code=found.code, label=found.label)]
        lines += [found.help] if found.help else []
        lines += [texts.FIELD_SOURCE.format(quote=found.source)] if found.source else []
        lines += [f"({found.citation})"] if found.citation else []
        reply = Outgoing("\n".join(lines))
    else:
        reply = ask(ctx, intent.text, dispatch_of(ctx))
    return [reply, views.question(ctx, texts.QUESTION_REASK)]


def small_talk(ctx: Ctx, intent: Intent) -> list[Outgoing]:
    """"xin chào", "cảm ơn" during a form: a short line, then the same question; nothing stored."""
    row = ctx.draft()
    assert row is not None
    ctx.store.audit(ctx.user_id, "small_talk", session=row.id, code=row.current_code,
                    text=intent.text[:AUDIT_TEXT_MAX])
    line = texts.SMALL_TALK_FORM[intent.talk or "ack"].format(name=ctx.name, title=views.draft_title(ctx, row))
    return [views.question(ctx, line)]


def dispatch_of(ctx: Ctx) -> str | None:
    """The dispatch the open draft's template comes from ("1181/BTTTT-THH"): the context of questions."""
    form = ctx.form()
    source = getattr(form.template, "source", None) if form is not None else None
    return getattr(source, "dispatch", None) or None


def ask(ctx: Ctx, question: str, dispatch: str | None = None) -> Outgoing:
    answer_text = ctx.svc.knowledge.ask(question, dispatch=dispatch)
    return Outgoing(answer_text if answer_text else texts.ANSWER_NOT_AVAILABLE)


# ---- diacritics of a free-text answer: "Ghi là: «…»?" (accept / correct / keep) -----------------------
RESTORE_FLOWS = frozenset({"restore", "restore_edit"})  # Confirm flows of the proposal's choices
DISPATCH_TEXT_MAX_BYTES = 1_000_000


def _typed_free_text(ctx: Ctx, step: Step) -> Any:
    """The change of ``step`` that stored typed text in a text/long-text field (None if there is none)."""
    if step.error:
        return None
    form = ctx.form()
    assert form is not None
    for change in reversed(step.changes):
        if not isinstance(change.value, str) or change.raw is None:
            continue  # flushed paragraphs (navigation) or non-text values
        try:
            kind = form.template.field(field_code(change.path)).type
        except KeyError:
            continue
        if kind in FREE_TEXT_TYPES:
            return change
    return None


def restoration_context(ctx: Ctx) -> list[str]:
    """Accented texts the product knows about this draft: the template's words, the agency profile, the
    dispatch (its catalogue entry; its text when stored as plain text) and the answers given so far."""
    form = ctx.form()
    assert form is not None
    template = form.template
    found: list[str] = [str(getattr(template, "title", "") or "")]
    for ref in template.fields():
        f = ref.field
        found += [f.label, f.help or "", str(getattr(f, "example", "") or ""), str(getattr(f, "source", "") or "")]
        found += [str(o) for o in getattr(f, "options", None) or ()]
        if f.table is not None:
            found += [c.label for c in f.table.columns] + [str(getattr(c, "help", "") or "") for c in f.table.columns]
    profile = ctx.store.get_profile(ctx.user_id)
    if profile is not None:
        for value in profile.model_dump().values():
            found += value if isinstance(value, list) else [value] if isinstance(value, str) else []
    ref = dispatch_of(ctx)
    dispatch = ctx.svc.knowledge.dispatch(ref) if ref else None
    if dispatch is not None:
        found += [dispatch.subject, dispatch.issuer, *dispatch.recipients, dispatch.signer_position or "",
                  *(d.sentence for d in dispatch.deadlines), *dispatch.templates]
        found.append(_plain_text(getattr(dispatch, "source_path", "")))
    _strings(form.answers, found)
    return [t for t in found if isinstance(t, str) and t.strip()]


def _plain_text(path: str) -> str:
    """A dispatch stored as plain text, read when small (a .docx/.pdf would need the parser: skipped)."""
    file = Path(path) if path else None
    try:
        if file is None or file.suffix.lower() not in (".txt", ".md") or file.stat().st_size > DISPATCH_TEXT_MAX_BYTES:
            return ""
        return file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _strings(value: Any, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            _strings(item, out)
    elif isinstance(value, list):
        for item in value:
            _strings(item, out)


def propose_restoration(ctx: Ctx, step: Step) -> list[Outgoing] | None:
    """After a free-text answer typed (mostly) without diacritics was STORED as typed: the engine's replies
    and "Ghi là: «…»?" with accept / correct / keep. None when there is nothing to propose."""
    change = _typed_free_text(ctx, step)
    if change is None:
        return None
    from vntext.diacritics import Restorer, needs_restoring  # the model loads on first use

    if not needs_restoring(change.value):
        return None
    restored = Restorer(context=restoration_context(ctx)).restore(change.value)
    if restored == change.value:
        return None
    row = ctx.draft()
    assert row is not None
    ctx.store.audit(ctx.user_id, "diacritics_proposed", session=row.id, code=change.path,
                    raw=change.value[:AUDIT_TEXT_MAX], restored=restored[:AUDIT_TEXT_MAX])
    flow = RestoreProposal(row.id, change.path, change.value, restored)
    ctx.set_flow(flow)
    out = [Outgoing("\n".join(r for r in step.replies if r))] if any(step.replies) else []
    return out + [proposal(flow)]


def proposal(flow: RestoreProposal, prefix: str = "") -> Outgoing:
    shown = flow.restored if len(flow.restored) <= texts.RESTORE_PREVIEW_MAX else (
        flow.restored[:texts.RESTORE_PREVIEW_MAX].rsplit(" ", 1)[0] + "…")
    text = "\n".join(filter(None, [prefix, texts.RESTORE_PROPOSAL.format(text=shown), texts.RESTORE_HINT]))
    return Outgoing(text, [[Choice(texts.BTN_RESTORE_ACCEPT, Confirm("restore", True), "confirm")],
                           [Choice(texts.BTN_RESTORE_CORRECT, Confirm("restore_edit", True), "confirm")],
                           [Choice(texts.BTN_RESTORE_KEEP, Confirm("restore", False), "confirm")]])


def restore_text(ctx: Ctx, intent: Intent) -> list[Outgoing]:
    """Typed while "Ghi là: «…»?" is pending: "có"/"đồng ý" accepts, "không"/"giữ nguyên" keeps, a
    question ("?…") is answered and the proposal asked again, anything else is the corrected text."""
    flow = ctx.flow
    assert isinstance(flow, RestoreProposal)
    text = ctx.event.text
    if not flow.editing:
        explicit, body = strip_question_marker(text)
        if explicit and body:
            return [ask(ctx, body, dispatch_of(ctx)), proposal(flow)]
        key, parsed = word_key(text), commands.parse(text)
        if key in CONFIRM_YES or (intent.kind == "small_talk" and intent.talk == "ack"):
            return settle_restoration(ctx, flow, "accept")
        if key in CONFIRM_NO or (parsed is not None and parsed[0] == "skip"):  # "giữ nguyên"
            return settle_restoration(ctx, flow, "keep")
        if intent.kind == "small_talk":
            return [proposal(flow)]
    return settle_restoration(ctx, flow, "correct", text)


def restore_pressed(ctx: Ctx, action: Confirm) -> list[Outgoing]:
    """A choice of the proposal pressed: accept, keep, or "Sửa lại" (then the next text is the correction)."""
    flow = ctx.flow
    if not isinstance(flow, RestoreProposal):
        return drafts.stale(ctx)
    if action.flow == "restore_edit":
        ctx.set_flow(RestoreProposal(flow.draft, flow.path, flow.raw, flow.restored, editing=True))
        return [Outgoing(texts.RESTORE_ASK_CORRECTION.format(code=field_code(flow.path)))]
    return settle_restoration(ctx, flow, "accept" if action.yes else "keep")


def settle_restoration(ctx: Ctx, flow: RestoreProposal, choice: str, text: str | None = None) -> list[Outgoing]:
    """Apply the choice (the raw answer stays in the answer history and the audit log), then the next question."""
    ctx.set_flow(None)
    row, form = ctx.draft(), ctx.form()
    if row is None or form is None or row.id != flow.draft or get_value(form.answers, flow.path) != flow.raw:
        return drafts.stale(ctx)  # the draft moved on meanwhile: what is stored stays
    code = field_code(flow.path)
    value = {"accept": flow.restored, "correct": clean_user_text(text or "").strip()}.get(choice)
    if value and value != flow.raw:
        ctx.replace_answer(flow.path, value, raw=text if choice == "correct" else None)
    ctx.store.audit(ctx.user_id, "diacritics_" + choice, session=row.id, code=flow.path,
                    raw=flow.raw[:AUDIT_TEXT_MAX], text=(value or flow.raw)[:AUDIT_TEXT_MAX])
    note = {"accept": texts.RESTORE_ACCEPTED, "correct": texts.RESTORE_CORRECTED}.get(choice, texts.RESTORE_KEPT)
    return views.after_step(ctx, [note.format(code=code)])
